// Word snapping in Chinese, Japanese and Thai from Intl.Segmenter (real mouse double-clicks and
// drags on the gold entities of the samples). Then the run layout (ui/run_layout with the
// browser's canvas as its text engine) against Chromium's
// own DOM layout of the same paragraph, same fonts, same size and width, for every paragraph of
// tests/fixtures/scripts (Arabic, Hebrew, Persian, Hindi, Thai, Chinese, Japanese, Korean, emoji,
// mixed): each grapheme cluster must be on the same line and at the same x (within TOLERANCE px),
// so bidi order, cluster boundaries, shaped widths and line breaks all agree with the browser.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dragSelect, offsetPoint, ROOT, serverAndBrowser, settle } from './harness.js';

const SAMPLES = join(ROOT, 'tests', 'fixtures', 'scripts');
// Sub-pixel differences only: the DOM positions glyphs in LayoutUnits (1/64 px) and sums word
// widths where the canvas measures a run's prefix as one string. A wrong order, a wrong cluster
// or a missing shaping step moves a cluster by a whole glyph (at 16 px, 4 px or more).
const TOLERANCE = 1.5;

// Lays out `text` both ways in the page; returns one record per grapheme cluster.
async function compare(page, text, width) {
  return page.evaluate(({ text, width }) => {
    const L = window.annotator.layoutParagraph(text, width, 'auto', 16);
    const div = document.createElement('div');
    div.dir = 'auto';
    div.style.cssText = `position:absolute;left:0;top:0;width:${width}px;font:${L.px}px ${L.families};` +
      'line-height:40px;white-space:normal;overflow-wrap:anywhere;';
    div.textContent = text;
    document.body.appendChild(div);
    const base = div.getBoundingClientRect();
    const cps = Array.from(text);
    const u16 = [0];
    for (const c of cps) u16.push(u16[u16.length - 1] + c.length);
    const range = document.createRange();
    const out = [];
    L.lines.forEach((line, li) => {
      for (const run of line.runs) {
        for (let k = 0; k + 1 < run.bounds.length; ++k) {
          const a = run.bounds[k], b = run.bounds[k + 1];
          const cluster = cps.slice(a, b).join('');
          if (/^\s+$/u.test(cluster)) continue;  // collapsible or hanging spaces have no stable box
          range.setStart(div.firstChild, u16[a]);
          range.setEnd(div.firstChild, u16[b]);
          const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
          const r = rects[0];
          out.push({
            a, cluster, rtl: run.level % 2 === 1,
            line: li, x0: Math.min(run.xs[k], run.xs[k + 1]), x1: Math.max(run.xs[k], run.xs[k + 1]),
            domLine: r ? Math.floor((r.top + r.height / 2 - base.top) / 40) : -1,
            domX0: r ? r.left - base.left : NaN, domX1: r ? r.right - base.left : NaN,
          });
        }
      }
    });
    div.remove();
    return { rtl: L.rtl, lines: L.lines.length, clusters: out };
  }, { text, width });
}

describe('run layout against Chromium\'s DOM layout', () => {
  let server, browser, page, context;
  serverAndBrowser((f) => ({ server, browser, page, context } = f), { page: true });

  const samples = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort();
  for (const file of samples) {
    const paragraphs = readFileSync(join(SAMPLES, file), 'utf8').split('\n').filter((p) => p.trim() !== '');
    // One line (no wrapping): order and x of every cluster. Then wrapped at 360 px: the line breaks
    // too, except in Thai, where Chromium breaks inside runs of letters with a dictionary (ICU) and
    // UAX #14 alone gives only the spaces.
    for (const width of [4000, 360]) {
      if (width !== 4000 && file.startsWith('th')) continue;
      test(`${file} at ${width} px: every cluster where Chromium puts it`, async () => {
        let worst = 0, clusters = 0;
        for (const text of paragraphs) {
          const r = await compare(page, text, width);
          for (const c of r.clusters) {
            ++clusters;
            const where = `${file} "${c.cluster}" at ${c.a} of "${text.slice(0, 30)}..."`;
            assert.equal(c.line, c.domLine, `${where}: line ${c.line}, Chromium's ${c.domLine}`);
            const d = Math.max(Math.abs(c.x0 - c.domX0), Math.abs(c.x1 - c.domX1));
            worst = Math.max(worst, d);
            assert.ok(d <= TOLERANCE, `${where}: [${c.x0.toFixed(2)}, ${c.x1.toFixed(2)}] vs Chromium's ` +
              `[${c.domX0.toFixed(2)}, ${c.domX1.toFixed(2)}]`);
          }
        }
        assert.ok(clusters > 20, 'clusters were compared');
        console.log(`# ${file} at ${width} px: ${clusters} clusters, largest difference ${worst.toFixed(3)} px`);
      });
    }
  }
});

describe('word snapping from Intl.Segmenter', () => {
  let server, browser, page, context;
  serverAndBrowser((f) => ({ server, browser, page, context } = f), { page: true });

  for (const name of ['zh', 'ja', 'th']) {
    test(`${name}: a double-click selects Intl.Segmenter's word, a drag snaps to its words`, async () => {
      const gold = JSON.parse(readFileSync(join(SAMPLES, `${name}.json`), 'utf8'));
      await page.evaluate((t) => window.annotator.setText(t), gold.text);
      await settle(page);
      // Intl.Segmenter's words, as code point spans, computed here independently of the page.
      const words = await page.evaluate((t) => {
        const cps = [];
        let cp = 0;
        const at = new Map();
        for (let i = 0; i < t.length;) { at.set(i, cp++); i += t.codePointAt(i) > 0xffff ? 2 : 1; }
        at.set(t.length, cp);
        const out = [];
        for (const s of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(t)) {
          if (s.isWordLike) out.push([at.get(s.index), at.get(s.index + s.segment.length)]);
        }
        return out;
      }, gold.text);
      const wordAt = (c) => words.find(([a, b]) => a <= c && c < b);
      let exact = 0;
      for (const e of gold.entities) {
        const mid = Math.floor((e.start + e.end - 1) / 2);
        const p = await offsetPoint(page, mid);
        await page.mouse.dblclick(p.x, p.y);
        await settle(page);
        await page.keyboard.press('1');
        await settle(page);
        const made = await page.evaluate(() => window.annotator.entities());
        assert.equal(made.length, 1, `${name}: one entity from the double-click on ${e.text}`);
        assert.deepEqual([made[0].start, made[0].end], wordAt(mid), `${name}: double-click on ${e.text}`);
        await page.evaluate(() => window.annotator.undo());
        // A drag from inside the first character to inside the last one snaps to whole words.
        await dragSelect(page, e.start, e.end);
        await page.keyboard.press('1');
        await settle(page);
        const dragged = await page.evaluate(() => window.annotator.entities());
        assert.equal(dragged.length, 1);
        const want = [wordAt(e.start)[0], wordAt(e.end - 1)[1]];
        assert.deepEqual([dragged[0].start, dragged[0].end], want, `${name}: drag over ${e.text}`);
        if (want[0] === e.start && want[1] === e.end) ++exact;
        await page.evaluate(() => window.annotator.undo());
      }
      console.log(`# ${name}: ${exact} of ${gold.entities.length} gold entities made exactly by a snapped drag`);
    });
  }
});
