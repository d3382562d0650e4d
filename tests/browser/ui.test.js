// A person's session in the real page: paste, drag-select and double-click with the real mouse at
// caretRect positions, label with hotkeys, relabel, delete, undo, redo, copy, download through the
// UI, import through the file picker and by drop, reload and find everything restored, and see a
// storage failure reported.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  catchDownload, cp, dragSelect, importError, offsetPoint, openPage, pasteText, press, ROOT, screenshot, serverAndBrowser, settle, waitReady, waitSaved,
} from './harness.js';

const ARTICLE = '“Assad” met Vladimir Putin in Moscow on Tuesday, said Ελένη Παπαδοπούλου of the UN.\n\n' +
  'The talks in Sochi ended without a statement… Reuters reported.';

function slice(text, start, end) {
  return Array.from(text).slice(start, end).join('');
}

async function entities(page) {
  return page.evaluate(() => window.annotator.entities());
}

describe('annotating in the page', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('mark with mouse and keys, edit, undo, download, reload: everything is there', async () => {
    const { page, context, log } = await openPage(browser, server.url, { permissions: ['clipboard-read', 'clipboard-write'] });
    await pasteText(page, ARTICLE);

    // Drag across "Assad" (inside curly quotes: code points and UTF-16 units agree here by chance,
    // so the Greek name below checks the units), then press 1 (PER).
    const assad = cp(ARTICLE, 'Assad');
    await dragSelect(page, assad, assad + 5);
    await press(page, '1');
    assert.deepEqual(await entities(page), [{ id: 'e1', start: assad, end: assad + 5, label: 'PER', text: 'Assad' }]);

    // Double-click a word, then 3 (LOC).
    const moscow = cp(ARTICLE, 'Moscow');
    const m = await offsetPoint(page, moscow + 2);
    await page.mouse.dblclick(m.x, m.y);
    await settle(page);
    await press(page, '3');
    // A selection across two words, after non-ASCII text.
    const eleni = cp(ARTICLE, 'Ελένη Παπαδοπούλου');
    await dragSelect(page, eleni, eleni + 18);
    await press(page, '1');
    let list = await entities(page);
    assert.deepEqual(list.map((e) => [e.start, e.end, e.label, e.text]), [
      [assad, assad + 5, 'PER', 'Assad'],
      [moscow, moscow + 6, 'LOC', 'Moscow'],
      [eleni, eleni + 18, 'PER', 'Ελένη Παπαδοπούλου'],
    ]);
    await screenshot(page, 'ui-three-entities');

    // Click the Moscow entity to select it, relabel it with 2 (ORG), copy its text.
    await page.mouse.click(m.x, m.y);
    await settle(page);
    await press(page, '2');
    assert.equal((await entities(page)).find((e) => e.start === moscow).label, 'ORG');
    await press(page, 'Control+c');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Moscow');

    // Delete, undo, redo, undo.
    await press(page, 'Delete');
    assert.equal((await entities(page)).length, 2);
    await press(page, 'Control+z');
    assert.equal((await entities(page)).length, 3);
    await press(page, 'Control+Shift+Z');
    assert.equal((await entities(page)).length, 2);
    await press(page, 'Control+z');
    list = await entities(page);
    assert.equal(list.length, 3);
    assert.equal(list.find((e) => e.start === moscow).label, 'ORG');

    // Ctrl+S downloads the native JSON; every offset matches the text.
    const download = await catchDownload(page, () => page.keyboard.press('Control+s'));
    assert.match(download.name, /\.annotations\.json$/);
    const doc = JSON.parse(download.text);
    assert.equal(doc.text, ARTICLE);
    assert.equal(doc.offsets, 'codepoint');
    assert.deepEqual(doc.entities.map((e) => [e.start, e.end, e.label]), list.map((e) => [e.start, e.end, e.label]));
    for (const e of doc.entities) assert.equal(slice(doc.text, e.start, e.end), e.text, `entity ${e.id}`);

    // Reload: article, entities and undo history are back.
    await waitSaved(page);
    await page.reload();
    await waitReady(page);
    assert.equal(await page.evaluate(() => window.annotator.getText()), ARTICLE);
    assert.deepEqual(await entities(page), list);
    await settle(page);
    await screenshot(page, 'ui-after-reload');
    // The undo history came back: redo deletes Moscow again, two undos go back to LOC.
    await press(page, 'Control+Shift+Z');
    assert.equal((await entities(page)).length, 2, 'the redo stack was restored');
    await press(page, 'Control+z');
    await press(page, 'Control+z');
    assert.equal((await entities(page)).find((e) => e.start === moscow).label, 'LOC', 'the undo stack was restored');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  // The page counts clicks as the browser did (MouseEvent.detail), not from its own frame times: on a
  // loaded machine the two clicks of a double-click can be drawn in frames far apart, and two single
  // clicks in frames close together.
  test('a double-click is the browser\'s: its clicks processed far apart still select a word; two single clicks do not', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    const moscow = cp(ARTICLE, 'Moscow');
    const m = await offsetPoint(page, moscow + 2);
    await page.mouse.move(m.x, m.y);
    await settle(page);
    // A frame that takes 0.6 s between the two clicks of a double-click (twice ImGui's double-click
    // time): the page's clock moves on that much before it sees the second click.
    const slowFrame = () => page.evaluate(() => {
      const t0 = performance.now();
      while (performance.now() - t0 < 600);
    });
    await page.mouse.down({ clickCount: 1 });
    await page.mouse.up({ clickCount: 1 });
    await settle(page);
    await slowFrame();
    await page.mouse.down({ clickCount: 2 });
    await page.mouse.up({ clickCount: 2 });
    await settle(page);
    await press(page, '3');
    assert.deepEqual((await entities(page)).map((e) => [e.start, e.end, e.label, e.text]), [[moscow, moscow + 6, 'LOC', 'Moscow']]);

    // Two single clicks on "Putin" (the browser counts each as a first click), drawn in one go: no word.
    const putin = cp(ARTICLE, 'Putin');
    const p = await offsetPoint(page, putin + 2);
    await page.mouse.move(p.x, p.y);
    await settle(page);
    await page.mouse.down({ clickCount: 1 });
    await page.mouse.up({ clickCount: 1 });
    await page.mouse.down({ clickCount: 1 });
    await page.mouse.up({ clickCount: 1 });
    await settle(page);
    await press(page, '1');
    assert.deepEqual((await entities(page)).map((e) => e.text), ['Moscow'], 'two single clicks selected no word');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  // Keys repeat as the browser repeats them, not from the page's frame times: a key whose release
  // comes after a slow frame (more than ImGui's 0.275 s repeat delay) still presses once.
  test('a key held across a slow frame presses once; each of the browser\'s repeats presses again', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    await page.locator('canvas').focus();
    await press(page, 'Control+Home');
    const slowFrame = () => page.evaluate(() => {
      const t0 = performance.now();
      while (performance.now() - t0 < 600);
      window.annotator.renderFrame();
    });
    await page.keyboard.down('Shift');
    await page.keyboard.down('ArrowRight');
    await settle(page);
    await slowFrame();
    await page.keyboard.down('ArrowRight');  // the browser's repeat (KeyboardEvent.repeat)
    await settle(page);
    await slowFrame();
    await page.keyboard.up('ArrowRight');
    await page.keyboard.up('Shift');
    await settle(page);
    await press(page, '1');
    assert.deepEqual((await entities(page)).map((e) => [e.start, e.end, e.text]), [[0, 2, slice(ARTICLE, 0, 2)]],
      'Shift+Right pressed once and repeated once selected two characters');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('a file dropped on the page, and a file chosen with Ctrl+O, are imported', async () => {
    const { page, context } = await openPage(browser, server.url);
    // Drop a plain-text file on the empty page (a drop with files, as the browser delivers it).
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['Dropped text about Kraków.'], 'dropped.txt', { type: 'text/plain' }));
      document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => window.annotator.getText() === 'Dropped text about Kraków.');

    // Ctrl+O opens the file picker (multiple files allowed); the chosen annotation file loads.
    const fixture = readFileSync(join(ROOT, 'tests/fixtures/native/article.json'));
    const expected = JSON.parse(fixture.toString('utf8'));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+o')]);
    assert.equal(chooser.isMultiple(), true);
    await chooser.setFiles({ name: 'article.json', mimeType: 'application/json', buffer: fixture });
    await page.waitForFunction((t) => window.annotator.getText() === t, expected.text);
    assert.deepEqual((await entities(page)).map((e) => e.id).sort(), expected.entities.map((e) => e.id).sort());
    await settle(page);
    await screenshot(page, 'ui-imported-file');
    await context.close();
  });

  test('importFrom rejects bad input with the message the page shows and changes nothing', async () => {
    const { page, context } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    const bad = '{"format": "article-annotator", "version": 1, "text": "x"}';
    const thrown = await importError(page, 'native', bad);
    assert.equal(thrown, '1:1: error: missing required field "entities"');
    assert.equal(await page.evaluate(() => window.annotator.getText()), ARTICLE);
    await pasteText(page, bad);  // the same content pasted: the page reports the same error
    assert.ok((await page.evaluate(() => window.annotator.statusMessage())).includes(thrown));
    assert.equal(await page.evaluate(() => window.annotator.getText()), ARTICLE);
    await context.close();
  });

  test('onChange runs after API calls and after changes made in the UI', async () => {
    const { page, context } = await openPage(browser, server.url);
    await page.evaluate(() => {
      window.__revisions = [];
      window.annotator.onChange((c) => { window.__revisions.push(c.revision); });
    });
    await pasteText(page, ARTICLE);
    assert.ok(await page.evaluate(() => window.__revisions.length) >= 1, 'the paste was reported');
    // An API call reports its change before it returns.
    const [id, calls] = await page.evaluate(() => {
      const before = window.__revisions.length;
      const newId = window.annotator.addEntity(0, 7, 'MISC');
      return [newId, window.__revisions.length - before];
    });
    assert.match(id, /^e\d+$/);
    assert.equal(calls, 1);
    // A change made with the keyboard is reported after the frame that made it.
    const seen = await page.evaluate(() => window.__revisions.length);
    await press(page, 'Control+z');
    assert.ok(await page.evaluate(() => window.__revisions.length) > seen, 'the undo was reported');
    assert.deepEqual(await entities(page), []);
    await context.close();
  });

  test('Ctrl+= and Ctrl+- zoom the article (the browser does not zoom the page)', async () => {
    const { page, context } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    const height = async () => (await page.evaluate(() => window.annotator.caretRect(0))).height;
    const base = await height();
    await press(page, 'Control+=');
    await press(page, 'Control+=');
    const zoomed = await height();
    assert.ok(zoomed > base * 1.15, `${base} -> ${zoomed}`);
    assert.equal(await page.evaluate(() => window.devicePixelRatio), 1, 'the browser zoom is unchanged');
    await press(page, 'Control+-');
    await press(page, 'Control+-');
    assert.ok(Math.abs(await height() - base) < 0.5);
    await context.close();
  });

  test('a storage failure is shown, with the browser\'s reason', async () => {
    const { page, context } = await openPage(browser, server.url, {
      beforeLoad: (p) => p.addInitScript(() => {
        IDBObjectStore.prototype.put = function () {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      }),
    });
    await pasteText(page, ARTICLE);
    await page.waitForFunction(() => window.annotator.saveState() === 'failed', null, { timeout: 10000 });
    const message = await page.evaluate(() => window.annotator.statusMessage());
    assert.ok(message.includes('QuotaExceededError: The quota has been exceeded.'), message);
    await screenshot(page, 'ui-storage-failed');
    await context.close();
  });
});
