// Typing and the UI's own text in every script (issue 10), in Chromium with real input:
// - Chinese typed through an input method (CDP Input.imeSetComposition, then Input.insertText to
//   commit) into the find bar finds and labels its hits, and into an entity's note is kept as the
//   note; the DOM element over the field (pre.js) takes the keys, the annotator only the commit;
// - Arabic and Chinese label names and a Chinese file name are drawn shaped, in order, and with no
//   missing-glyph box in the labels panel and the status bar: each compared with Chromium's DOM
//   drawing of the same string in the same fonts (ink overlap, as scripts_view.test.js);
// - Left and Right move the caret on screen in a right-to-left paragraph, Shift extending.
// Screenshots: test-results/typing-*.png.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clickWidgetNamed, decodePng, inkMask, lineSimilarity, offsetPoint, openPage, press, screenshot, serverAndBrowser,
  settle,
} from './harness.js';

const ZH = '北京是中国的首都。北京很大。';

async function focusedField(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el && (el.id === 'aa-text-input' || el.id === 'aa-text-area')
      ? { id: el.id, value: el.value, fontSize: parseFloat(el.style.fontSize) } : null;
  });
}

async function compose(cdp, steps, commit) {
  for (const text of steps) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  await cdp.send('Input.insertText', { text: commit });
}

describe('typing and UI text in every script', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('Chinese composed with an input method: the find bar finds and labels its hits; a note keeps it', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    const cdp = await context.newCDPSession(page);
    await page.evaluate((t) => window.annotator.setText(t), ZH);
    await settle(page);
    await press(page, 'Control+f');
    await settle(page);
    await page.waitForFunction(() => document.activeElement?.id === 'aa-text-input');
    // Composing: the pinyin and the candidate stay in the element, the annotator gets nothing yet.
    await cdp.send('Input.imeSetComposition', { text: 'beijing', selectionStart: 7, selectionEnd: 7 });
    await settle(page);
    await screenshot(page, 'typing-find-composing');
    await press(page, 'Alt+Enter');  // labels every hit of the query: none yet, the query is empty
    await settle(page);
    assert.equal((await page.evaluate(() => window.annotator.entities())).length, 0);
    await compose(cdp, ['北京'], '北京');
    await settle(page);
    await settle(page);
    assert.equal((await focusedField(page)).value, '北京');
    await screenshot(page, 'typing-find-committed');
    await press(page, 'Alt+Enter');
    await settle(page);
    const ents = await page.evaluate(() => window.annotator.entities());
    assert.deepEqual(ents.map((e) => [e.start, e.end, e.text]), [[0, 2, '北京'], [9, 11, '北京']]);
    await press(page, 'Escape');
    await settle(page);
    assert.equal(await focusedField(page), null);

    // A note: the entity selected, its note field clicked, Chinese composed, a line break, more text.
    const first = await offsetPoint(page, 0);
    await page.mouse.click(first.x, first.y);
    await settle(page);
    await clickWidgetNamed(page, 'details.note');
    await settle(page);
    await page.waitForFunction(() => document.activeElement?.id === 'aa-text-area');
    await compose(cdp, ['zhu', 'zhuyi', '注意'], '注意');
    await page.keyboard.press('Enter');  // a new line in the note (the textarea keeps Enter)
    await cdp.send('Input.insertText', { text: 'second line' });
    await settle(page);
    await screenshot(page, 'typing-note');
    const away = await offsetPoint(page, 5);
    await page.mouse.click(away.x, away.y);  // leaving the field commits the note
    await settle(page);
    await settle(page);
    const noted = await page.evaluate(() => window.annotator.entities().find((e) => e.start === 0));
    assert.equal(noted.note, '注意\nsecond line');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('Arabic and Chinese label names and a Chinese file name are drawn as the DOM draws them', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    const doc = {
      format: 'article-annotator', version: 1, offsets: 'codepoint',
      text: 'أعلن وزير الخارجية في القاهرة. 北京是中国的首都。',
      labels: [{ name: 'شخص', color: '#aa9cfc', key: '1' }, { name: '地点', color: '#ff9561', key: '2' }],
      entities: [
        { id: 'e1', start: 22, end: 29, label: 'شخص', text: 'القاهرة' },
        { id: 'e2', start: 31, end: 33, label: '地点', text: '北京' },
      ],
    };
    const [open] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+o')]);
    await open.setFiles({ name: '北京新闻.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    await page.waitForFunction(() => window.annotator.entities().length === 2);
    await settle(page);
    const status = await page.evaluate(() => window.annotator.statusMessage());
    assert.match(status, /北京新闻\.json/);
    // The UI's font size: the find field's element takes it.
    await press(page, 'Control+f');
    await settle(page);
    await page.waitForFunction(() => document.activeElement?.id === 'aa-text-input');
    const size = (await focusedField(page)).fontSize;
    await press(page, 'Escape');
    await settle(page);
    await page.mouse.move(5, 5);
    await settle(page);
    const shot = await screenshot(page, 'typing-labels-page');
    const col = await page.evaluate(() => window.annotator.articleColumn());
    const strings = { 'labels.row.0': 'شخص', 'labels.row.1': '地点', 'status.message': status };
    const rects = {};
    for (const name of Object.keys(strings)) rects[name] = await page.evaluate((n) => window.annotator.widgetRect(n), name);
    // Chromium's DOM drawing of each string at its widget's place, then its reversed code points (a
    // control: the same glyphs in a broken order and shaping).
    const domShot = async (reverse) => {
      await page.evaluate(({ strings, rects, size, families, reverse }) => {
        const cover = document.createElement('div');
        cover.id = 'dom-ui';
        cover.style.cssText = 'position:fixed;inset:0;background:#fff;z-index:1000;';
        for (const [name, s] of Object.entries(strings)) {
          const r = rects[name];
          const d = document.createElement('div');
          d.dir = 'auto';
          d.style.cssText = `position:absolute;left:${r.x}px;top:${r.y}px;font:${size}px ${families};` +
            'white-space:pre;color:rgb(30,30,30);';
          d.textContent = reverse ? Array.from(s).reverse().join('') : s;
          cover.appendChild(d);
        }
        document.body.appendChild(cover);
      }, { strings, rects, size, families: col.families, reverse });
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      const png = (await screenshot(page, reverse ? 'typing-labels-dom-reversed' : 'typing-labels-dom')).png;
      await page.evaluate(() => document.getElementById('dom-ui').remove());
      return png;
    };
    const pagePng = decodePng(shot.png);
    const dom = decodePng(await domShot(false));
    const reversed = decodePng(await domShot(true));
    // The page's row backgrounds (a selected label, the status bar) are light: ink is dark text only.
    const a = inkMask(pagePng), b = inkMask(dom), c = inkMask(reversed);
    for (const [name, s] of Object.entries(strings)) {
      const r = rects[name];
      const strip = {
        x0: Math.max(8, Math.round(r.x) + 2), x1: Math.min(pagePng.width - 8, Math.round(r.x + r.width) - 2),
        y0: Math.max(14, Math.round(r.y)), y1: Math.min(pagePng.height - 14, Math.round(r.y + r.height)),
      };
      const same = lineSimilarity(a, b, pagePng.width, strip, 6);
      const control = lineSimilarity(a, c, pagePng.width, strip, 6);
      assert.ok(same.ink > 20, `${name}: no text drawn`);
      assert.ok(same.dice >= 0.75, `${name} "${s}": ink overlap with the DOM ${same.dice.toFixed(2)} < 0.75`);
      assert.ok(control.dice < same.dice - 0.1, `${name}: the reversed control scores ${control.dice.toFixed(2)}`);
    }
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('Left and Right move the caret on screen in a right-to-left paragraph; Shift extends', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await page.evaluate(() => window.annotator.setText('שלום עולם'));
    await settle(page);
    // A click on the right half of the first letter (rightmost): the caret before it, at 0.
    const r0 = (await offsetPoint(page, 0)).rect;
    await page.mouse.click(r0.x + r0.width - 2, r0.y + r0.height / 2);
    await settle(page);
    for (let i = 0; i < 3; i++) await press(page, 'Shift+ArrowLeft');
    await press(page, '1');  // PER
    await settle(page);
    const e = await page.evaluate(() => window.annotator.entities());
    assert.deepEqual(e.map((x) => [x.start, x.end, x.text]), [[0, 3, 'שלו']]);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });
});
