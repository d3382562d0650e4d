// The article view drawing every script (issue 10), on the samples of tests/fixtures/scripts (ar,
// he, fa, hi, th, zh, ja, ko, emoji, mixed; each .json is the gold annotation of its .txt):
// (a) each visual line the page draws looks like Chromium's own DOM rendering of the same text in
//     the same fonts and size: screenshots compared by ink overlap (below);
// (b) every gold entity is made exactly by a real mouse drag with Alt, from the leading edge of its
//     first cluster to the trailing edge of its last one (caretRect, rtl-aware), and a word of the
//     right-to-left samples is made by a snapped drag;
// (c) no cluster of the samples is drawn by the canvas font stack as the missing-glyph box.
// Screenshots of the page and of the DOM rendering go to test-results/scripts-<name>-{page,dom}.png.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareWithFile, decodePng, inkMask, lineSimilarity, offsetPoint, press, ROOT, screenshot, serverAndBrowser, settle } from './harness.js';

const SAMPLES = join(ROOT, 'tests', 'fixtures', 'scripts');
const NAMES = ['ar', 'he', 'fa', 'hi', 'th', 'zh', 'ja', 'ko', 'emoji', 'mixed'];

// Replaces the page with white and draws each given line as Chromium's DOM does: one element per
// visual line of the page's layout, in the paragraph's direction, at the line's row (and x when given).
async function drawDom(page, col, lines) {
  await page.evaluate(({ col, lines }) => {
    const cover = document.createElement('div');
    cover.id = 'dom-lines';
    cover.style.cssText = 'position:fixed;left:0;top:0;width:100vw;height:100vh;background:#fff;z-index:1000;';
    for (const l of lines) {
      const d = document.createElement('div');
      d.dir = l.rtl ? 'rtl' : 'ltr';
      d.style.cssText = `position:absolute;left:${l.x ?? col.x}px;top:${l.top}px;width:${col.width}px;` +
        `font:${col.size}px ${col.families};line-height:${col.size}px;white-space:pre;color:rgb(30,30,30);`;
      d.textContent = l.text;
      cover.appendChild(d);
    }
    document.body.appendChild(cover);
  }, { col, lines });
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

async function removeDom(page) {
  await page.evaluate(() => document.getElementById('dom-lines')?.remove());
}

// The page's visual lines of the article: for each row, its text (logical order, trailing spaces
// and the line break dropped), the paragraph's direction and the row's top (of the text's line box).
async function pageLines(page, text) {
  return page.evaluate((text) => {
    const cps = Array.from(text);
    const col = window.annotator.articleColumn();
    const out = [];
    let p0 = 0;
    for (const para of text.split('\n')) {
      const n = Array.from(para).length;
      if (n > 0) {
        const L = window.annotator.layoutParagraph(para, col.width, 'auto', col.size);
        for (const line of L.lines) {
          const r = window.annotator.caretRect(p0 + line.start);
          out.push({ top: r.y, rtl: L.rtl, text: cps.slice(p0 + line.start, p0 + line.end).join('').replace(/\s+$/u, '') });
        }
      }
      p0 += n + 1;
    }
    return out;
  }, text);
}

// The UI's texts (entity table rows, details, tooltips, comparison rows) in the page against the
// DOM drawing each at its widget's left in the UI's size (the widget's height less ImGui's frame
// padding; the strip is searched across that padding). Only the text's own width is compared
// (a label or radio buttons may follow it). Returns nothing; asserts Dice >= 0.75 for each item.
const UI_SIZE = 15;
async function uiTextsLikeDom(page, name, items) {
  const families = (await page.evaluate(() => window.annotator.articleColumn())).families;
  const col = { x: 0, width: 600, size: UI_SIZE, families };
  const shotPage = decodePng((await screenshot(page, `${name}-page`)).png);
  await drawDom(page, col, items.map((it) => ({ text: it.text, rtl: false, x: it.rect.x, top: it.rect.y + (it.rect.height - UI_SIZE) / 2 })));
  const shotDom = decodePng((await screenshot(page, `${name}-dom`)).png);
  await removeDom(page);
  const a = inkMask(shotPage), b = inkMask(shotDom), w = shotPage.width;
  const widths = await page.evaluate(({ texts, font }) => {
    const ctx = new OffscreenCanvas(1, 1).getContext('2d');
    ctx.font = font;
    return texts.map((t) => ctx.measureText(t).width);
  }, { texts: items.map((it) => it.text), font: `${UI_SIZE}px ${families}` });
  items.forEach((it, i) => {
    const r = it.rect;
    const strip = { x0: Math.floor(r.x) + 1, x1: Math.ceil(r.x + widths[i] + 10), y0: Math.floor(r.y) + 1, y1: Math.ceil(r.y + r.height) - 1 };
    const s = lineSimilarity(a, b, w, strip, 12);
    assert.ok(s.ink > 20, `${it.where} "${it.text}": ink drawn`);
    assert.ok(s.dice >= 0.75, `${it.where} "${it.text}" drawn like the DOM (Dice ${s.dice.toFixed(3)})`);
  });
}

describe('every script drawn in the article view', () => {
  let server, browser, page, context;
  serverAndBrowser((f) => ({ server, browser, page, context } = f), { page: true });

  for (const name of NAMES) {
    test(`${name}: drawn like Chromium's DOM, no missing-glyph box, gold entities made by mouse drags`, async () => {
      const gold = JSON.parse(readFileSync(join(SAMPLES, `${name}.json`), 'utf8'));
      assert.equal(gold.text, readFileSync(join(SAMPLES, `${name}.txt`), 'utf8'));
      await page.evaluate((t) => window.annotator.setText(t), gold.text);
      await page.mouse.move(1, 790);  // no hover highlight over the text
      await settle(page);
      await settle(page);
      const col = await page.evaluate(() => window.annotator.articleColumn());
      const lines = await pageLines(page, gold.text);
      assert.ok(lines.length >= 2, `${name}: lines drawn`);

      // (a) The page against the DOM, line by line; and a control: the DOM drawing each line's
      // code points reversed (order and shaping broken, the same glyph set) must score lower.
      const shotPage = decodePng((await screenshot(page, `scripts-${name}-page`)).png);
      await drawDom(page, col, lines);
      const shotDom = decodePng((await screenshot(page, `scripts-${name}-dom`)).png);
      await removeDom(page);
      const reversed = lines.map((l) => ({ ...l, text: Array.from(l.text).reverse().join('') }));
      await drawDom(page, col, reversed);
      const shotControl = decodePng(await page.screenshot());
      await removeDom(page);
      const a = inkMask(shotPage), b = inkMask(shotDom), c = inkMask(shotControl);
      const w = shotPage.width;
      let worst = 1, controlBest = 0;
      for (const l of lines) {
        const strip = {
          x0: Math.max(4, Math.floor(col.x) - 24), x1: Math.min(w - 4, Math.ceil(col.x + col.width) + 24),
          y0: Math.floor(l.top - col.size * 0.45), y1: Math.ceil(l.top + col.size * 1.45),
        };
        const s = lineSimilarity(a, b, w, strip);
        assert.ok(s.ink > 50, `${name}: ink on the line "${l.text.slice(0, 20)}"`);
        worst = Math.min(worst, s.dice);
        assert.ok(s.dice >= 0.75, `${name}: line "${l.text.slice(0, 30)}" drawn like the DOM (Dice ${s.dice.toFixed(3)})`);
        if (Array.from(l.text).length >= 8) controlBest = Math.max(controlBest, lineSimilarity(a, c, w, strip).dice);
      }
      assert.ok(controlBest < 0.75, `${name}: the reversed control scores below the threshold (${controlBest.toFixed(3)})`);
      console.log(`# ${name}: ${lines.length} lines, lowest Dice with the DOM ${worst.toFixed(3)}, ` +
        `reversed control at most ${controlBest.toFixed(3)}`);

      // (c) Every cluster of the sample, drawn alone in the canvas font stack, differs from the
      // missing-glyph box (the drawing of U+10FFFD, a private-use code point no font covers).
      const tofu = await page.evaluate(({ text, families }) => {
        const canvas = new OffscreenCanvas(64, 48);
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        ctx.font = `32px ${families}`;
        const draw = (s) => {
          ctx.clearRect(0, 0, 64, 48);
          ctx.fillText(s, 8, 36);
          return ctx.getImageData(0, 0, 64, 48).data.join(',');
        };
        const missing = draw('\u{10FFFD}');
        const seen = new Set();
        const out = [];
        for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
          if (/^\s+$/u.test(segment) || seen.has(segment)) continue;
          seen.add(segment);
          if (draw(segment) === missing) out.push(segment);
        }
        return { clusters: seen.size, missing: out };
      }, { text: gold.text, families: col.families });
      assert.deepEqual(tofu.missing, [], `${name}: clusters drawn as the missing-glyph box`);
      assert.ok(tofu.clusters > 10);

      // (b) Each gold entity by a real drag with Alt (cluster precision) between caretRect boxes.
      for (const e of gold.entities) {
        const s = await page.evaluate((o) => window.annotator.caretRect(o), e.start);
        const t = await page.evaluate((o) => window.annotator.caretRect(o), e.end - 1);
        // Mouse events carry whole CSS pixels: the pixel inside the cluster nearest the edge.
        const inner = (r, right) => (right ? Math.floor(r.x + r.width - 0.01) : Math.ceil(r.x + 0.01));
        const from = { x: inner(s, s.rtl), y: s.y + s.height / 2 };
        const to = { x: inner(t, !t.rtl), y: t.y + t.height / 2 };
        await page.keyboard.down('Alt');
        await page.mouse.move(from.x, from.y);
        await page.mouse.down();
        await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 3 });
        await page.mouse.move(to.x, to.y, { steps: 3 });
        await page.mouse.up();
        await page.keyboard.up('Alt');
        await settle(page);
        await page.keyboard.press('1');
        await settle(page);
        const made = await page.evaluate(() => window.annotator.entities());
        assert.equal(made.length, 1, `${name}: one entity from the drag over "${e.text}"`);
        assert.deepEqual([made[0].start, made[0].end], [e.start, e.end], `${name}: Alt+drag over "${e.text}"`);
        await page.evaluate(() => window.annotator.undo());
        await settle(page);
      }
    });
  }

  for (const name of ['ar', 'he', 'fa']) {
    test(`${name}: a snapped drag over right-to-left words selects the words under the mouse`, async () => {
      const gold = JSON.parse(readFileSync(join(SAMPLES, `${name}.json`), 'utf8'));
      await page.evaluate((t) => window.annotator.setText(t), gold.text);
      await settle(page);
      // The gold entities in Hebrew or Arabic letters made of whole words (not "ירושלים" of
      // "בירושלים"): from the middle of the first cluster to the middle of the last one.
      const cps = Array.from(gold.text);
      const letter = (i) => i >= 0 && i < cps.length && /[\p{L}\p{M}]/u.test(cps[i]);
      const words = gold.entities.filter((x) => /^[\u0590-\u08FF]/u.test(x.text) && !letter(x.start - 1) && !letter(x.end));
      let tried = 0;
      for (const e of words) {
        const s = await page.evaluate((o) => window.annotator.caretRect(o), e.start);
        const t = await page.evaluate((o) => window.annotator.caretRect(o), e.end - 1);
        assert.ok(s.rtl && t.rtl, `${name}: "${e.text}" is right to left`);
        await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
        await page.mouse.down();
        await page.mouse.move(t.x + t.width / 2, t.y + t.height / 2, { steps: 4 });
        await page.mouse.up();
        await settle(page);
        await page.keyboard.press('1');
        await settle(page);
        const made = await page.evaluate(() => window.annotator.entities());
        assert.equal(made.length, 1);
        assert.deepEqual([made[0].start, made[0].end], [e.start, e.end], `${name}: snapped drag over "${e.text}"`);
        const boxes = await page.evaluate((id) => window.annotator.highlightRects(id), made[0].id);
        if (s.y === t.y) assert.equal(boxes.length, 1, `${name}: one box for "${e.text}"`);
        await page.evaluate(() => window.annotator.undo());
        ++tried;
      }
      assert.ok(tried > 0);
    });
  }

  // Snapped (non-Alt) drags in spaced scripts (the core's UAX #29 words, not Intl.Segmenter): each
  // gold entity from the middle of its first cluster to the middle of its last one gives the whole
  // words under the mouse: in Korean the whole eojeol with its particle ("서울시" -> "서울시는"),
  // in Hindi words with conjuncts, in the mixed sample Arabic, Hebrew and English words (and
  // "Israel" without its "'s"). Then drags that press or release inside one cluster, at `at` of its
  // width from its leading edge: a Devanagari conjunct, an emoji ZWJ sequence, an Arabic word after
  // an English one in a left-to-right line. A cluster is never split: the ends are word ends.
  const cut = (text, s) => Array.from(text.slice(0, text.indexOf(s))).length;
  const SNAPPED = {
    hi: (t) => [
      // From inside the conjunct "त्त" of "वित्त" (after its first cluster) to the middle of "मंत्रालय"'s last.
      { from: cut(t, 'वित्त') + 2, to: cut(t, 'मंत्रालय') + 7, want: [cut(t, 'वित्त'), cut(t, 'मंत्रालय') + 8] },
      // To the far side of the conjunct "द्र" of "नरेंद्र": the whole word, not the half conjunct.
      { from: cut(t, 'नरेंद्र'), to: cut(t, 'नरेंद्र') + 4, at: 0.75, want: [cut(t, 'नरेंद्र'), cut(t, 'नरेंद्र') + 7] },
    ],
    ko: () => [],
    emoji: (t) => [
      // "👩🏽‍🔬 Dr": pressed at the first quarter of the ZWJ sequence (4 code points).
      { from: 0, at: 0.25, to: cut(t, 'Dr') + 1, want: [0, cut(t, 'Dr') + 2] },
      // "team 👨‍👩‍👧‍👦": released at three quarters of the family (7 code points).
      { from: cut(t, 'team'), to: cut(t, '\u{1F468}\u200D'), at: 0.75, want: [cut(t, 'team'), cut(t, '\u{1F468}\u200D') + 7] },
      // "Institute 🇺🇦": a flag (two regional indicators) after a word.
      { from: cut(t, 'Institute') + 4, to: cut(t, '\u{1F1FA}'), at: 0.75, want: [cut(t, 'Institute'), cut(t, '\u{1F1FA}') + 2] },
    ],
    mixed: (t) => [
      // "Arab League (جامعة": from "Arab" into the Arabic word at the right end of its run.
      { from: cut(t, 'Arab'), to: cut(t, '\u062C\u0627\u0645\u0639\u0629'), at: 0.75, want: [cut(t, 'Arab'), cut(t, '\u062C\u0627\u0645\u0639\u0629') + 5] },
      // "Google و Microsoft" in a right-to-left line: across the Arabic word between them.
      { from: cut(t, 'Google'), to: cut(t, 'Microsoft') + 8, want: [cut(t, 'Google'), cut(t, 'Microsoft') + 9] },
    ],
  };
  for (const [name, extra] of Object.entries(SNAPPED)) {
    test(`${name}: snapped drags select whole words; no cluster is split`, async () => {
      const gold = JSON.parse(readFileSync(join(SAMPLES, `${name}.json`), 'utf8'));
      await page.evaluate((t) => window.annotator.setText(t), gold.text);
      await settle(page);
      const cps = Array.from(gold.text);
      const letter = (i) => i >= 0 && i < cps.length && /[\p{L}\p{M}\p{N}]/u.test(cps[i]);
      const word = (a, b) => {
        while (letter(a - 1)) --a;
        while (letter(b)) ++b;
        return [a, b];
      };
      const point = async (o, at) => {
        const r = await page.evaluate((o) => window.annotator.caretRect(o), o);
        return { x: r.x + r.width * (r.rtl ? 1 - at : at), y: r.y + r.height / 2 };
      };
      const cases = [
        ...gold.entities.map((e) => ({ from: e.start, to: e.end - 1, want: word(e.start, e.end), text: e.text })),
        ...extra(gold.text),
      ];
      for (const c of cases) {
        const what = `${name}: snapped drag from ${c.from} to ${c.to} ("${c.text ?? cps.slice(c.want[0], c.want[1]).join('')}")`;
        const a = await point(c.from, c.at ?? 0.5), b = await point(c.to, c.at ?? 0.5);
        await page.mouse.move(a.x, a.y);
        await page.mouse.down();
        await page.mouse.move(b.x, b.y, { steps: 4 });
        await page.mouse.up();
        await settle(page);
        await page.keyboard.press('1');
        await settle(page);
        const made = await page.evaluate(() => window.annotator.entities());
        assert.equal(made.length, 1, what);
        assert.deepEqual([made[0].start, made[0].end], c.want, what);
        await page.evaluate(() => window.annotator.undo());
        await settle(page);
      }
    });
  }

  test('the entities table draws entity texts like the DOM: Arabic, Hindi, Chinese, emoji', async () => {
    const texts = [];
    for (const name of ['ar', 'hi', 'zh', 'emoji']) {
      const gold = JSON.parse(readFileSync(join(SAMPLES, `${name}.json`), 'utf8'));
      for (const e of gold.entities.slice(0, 2)) texts.push(e.text);
    }
    // One article of the entity texts, one per line, each labelled whole.
    const article = texts.join('\n');
    await page.evaluate((t) => window.annotator.setText(t), article);
    let at = 0;
    for (const t of texts) {
      const n = Array.from(t).length;
      await page.evaluate(([a, b]) => window.annotator.addEntity(a, b, 'MISC'), [at, at + n]);
      at += n + 1;
    }
    await settle(page);
    // A tab opens on the release after a press it saw: one frame each.
    const tab = await page.evaluate(() => window.annotator.widgetRect('tab.entities'));
    await page.mouse.move(tab.x + tab.width / 2, tab.y + tab.height / 2);
    await settle(page);
    await page.mouse.down();
    await settle(page);
    await page.mouse.up();
    await page.mouse.move(1, 790);
    await settle(page);
    await settle(page);
    const rows = [];
    for (let i = 0; i < texts.length; i++) {
      const r = await page.evaluate((n) => window.annotator.widgetRect(n), `entities.row.${i}`);
      assert.ok(r, `row ${i} drawn`);
      rows.push(r);
    }
    // The table is sorted by start: row i is texts[i].
    await uiTextsLikeDom(page, 'scripts-entities-table', texts.map((t, i) => ({ where: 'entities table row', text: t, rect: rows[i] })));
  });

  test('the details panel, the entity tooltip and the comparison view draw entity texts like the DOM', async () => {
    // One Arabic, one Hindi and one Chinese gold entity, one per line, each labelled whole; and a
    // long Chinese one (48 bytes), which the comparison quotes cut to 40 bytes at a cluster boundary.
    const LONG = '中华人民共和国国务院总理李强今天';
    const texts = ['ar', 'hi', 'zh'].map((name) => JSON.parse(readFileSync(join(SAMPLES, `${name}.json`), 'utf8')).entities[0].text);
    texts.push(LONG);
    const quoted = (t) => (t === LONG ? '中华人民共和国国务院总理李...' : t);
    const article = texts.join('\n');
    await page.evaluate((t) => window.annotator.setText(t), article);
    const spans = [];
    let at = 0;
    for (const t of texts) {
      const n = Array.from(t).length;
      await page.evaluate(([a, b]) => window.annotator.addEntity(a, b, 'MISC'), [at, at + n]);
      spans.push([at, at + n]);
      at += n + 1;
    }
    await settle(page);
    // A click on the entity selects it (the details panel) and the mouse left over it hovers it (the tooltip).
    for (let i = 0; i < texts.length; i++) {
      const p = await offsetPoint(page, Math.floor((spans[i][0] + spans[i][1] - 1) / 2));
      await page.mouse.click(p.x, p.y);
      await settle(page);
      await settle(page);
      const details = await page.evaluate(() => window.annotator.widgetRect('details.text'));
      const tip = await page.evaluate(() => window.annotator.widgetRect('tooltip.text'));
      assert.ok(details && tip, `"${texts[i]}": the details and the tooltip are drawn`);
      await uiTextsLikeDom(page, `scripts-details-tooltip-${i}`, [
        { where: 'details', text: texts[i], rect: details },
        { where: 'tooltip', text: texts[i], rect: tip },
      ]);
    }
    // File > Compare with a version that labels every entity ORG: one difference a row, its A and B
    // lines quote the entity ('A: MISC "..."', left to right: the line starts with a Latin letter).
    const doc = {
      format: 'article-annotator', version: 1, text: article,
      labels: [{ name: 'MISC' }, { name: 'ORG' }],
      entities: spans.map(([s, e], i) => ({ id: `b${i}`, start: s, end: e, label: 'ORG', text: texts[i] })),
    };
    await page.mouse.move(1, 790);
    await compareWithFile(page, 'other.json', doc);
    await page.waitForFunction(() => window.annotator.statusMessage().startsWith('Compared with'));
    await settle(page);
    await settle(page);
    const items = [];
    for (let i = 0; i < texts.length; i++) {
      for (const [k, side] of [[1, 'A: MISC'], [2, 'B: ORG']]) {
        const rect = await page.evaluate((n) => window.annotator.widgetRect(n), `agree.text.${i}.${k}`);
        assert.ok(rect, `comparison row ${i} line ${k} drawn`);
        items.push({ where: 'comparison', text: `${side} "${quoted(texts[i])}"`, rect });
      }
    }
    await uiTextsLikeDom(page, 'scripts-compare', items);
  });

  test('mixed: an entity across the Arabic/English direction change is drawn as two boxes on one line', async () => {
    const gold = JSON.parse(readFileSync(join(SAMPLES, 'mixed.json'), 'utf8'));
    await page.evaluate((t) => window.annotator.setText(t), gold.text);
    await settle(page);
    // "(جامعة" in "the Arab League (جامعة الدول العربية) met": the bracket stays at the left of the
    // Arabic run, the word is at its right end, "الدول العربية" is between them.
    const text = gold.text;
    const i = Array.from(text.slice(0, text.indexOf('(\u062C\u0627\u0645\u0639\u0629'))).length;
    assert.ok(i > 0);
    const id = await page.evaluate((i) => window.annotator.addEntity(i, i + 6, 'ORG'), i);
    await settle(page);
    const boxes = await page.evaluate((id) => window.annotator.highlightRects(id), id);
    assert.equal(boxes.length, 2, JSON.stringify(boxes));
    assert.equal(boxes[0].y, boxes[1].y);
    await screenshot(page, 'scripts-mixed-two-boxes');
    await page.evaluate(() => window.annotator.undo());
  });

  // Each label tag above its entity's start: in right-to-left text the start is the box's right
  // edge and the entities of a line come right to left. The tags were packed left to right in the
  // entities' order from the first one's left edge, so that on the Arabic sample's first line the
  // tags of "سامح شكري" and "القاهرة" sat over "المصري" and "الخارجية", and in mixed's last line the
  // tags of "Microsoft" and "الرياض" over "Google" and "وفد".
  test('right-to-left: each label tag sits above its own entity, at its start (the right edge)', async () => {
    for (const name of ['ar', 'he', 'mixed']) {
      const gold = readFileSync(join(SAMPLES, `${name}.json`), 'utf8');
      await page.evaluate((doc) => window.annotator.importFrom('native', doc, 'gold.json'), gold);
      await settle(page);
      await settle(page);
      for (const e of await page.evaluate(() => window.annotator.entities())) {
        const tag = await page.evaluate((id) => window.annotator.widgetRect(`tag.${id}`), e.id);
        assert.ok(tag, `${name}: "${e.text}" has a tag`);
        const first = await offsetPoint(page, e.start);
        const rtl = (await offsetPoint(page, e.end - 1)).x < first.x - 2;
        const start = rtl ? first.rect.x + first.rect.width : first.rect.x;
        const box = (await page.evaluate((id) => window.annotator.highlightRects(id), e.id))
          .find((r) => first.y >= r.y && first.y <= r.y + r.height);
        const over = Math.min(tag.x + tag.width, box.x + box.width) - Math.max(tag.x, box.x);
        assert.ok(over >= Math.min(tag.width, box.width) / 2,
          `${name}: the tag of "${e.text}" (${tag.x}-${tag.x + tag.width}) is over its box (${box.x}-${box.x + box.width})`);
        assert.ok(Math.abs((rtl ? tag.x + tag.width : tag.x) - start) <= 3,
          `${name}: the tag of "${e.text}" ${rtl ? 'ends' : 'begins'} at its start edge ${start}: ${JSON.stringify(tag)}`);
      }
      await screenshot(page, `scripts-${name}-tags`);
    }
  });
});
