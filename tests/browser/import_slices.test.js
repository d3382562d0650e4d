// A large native file dropped on the real page (issue 11: the import in slices): "Reading X" under a
// progress bar, its Cancel (Escape, the real keyboard) leaves the open document as it was, a second drop reads
// the whole file into a document equal to it, and an error in a late slice says what the whole-file
// read says and changes nothing. The slicing itself (every fixture, every slice size, every error)
// is tested headless (tests/io/test_native_read_run.cpp, tests/ui/test_import.cpp). Every wait is
// for a state of the page, never for a number of frames or milliseconds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { importError, openPage, pasteText, press, serverAndBrowser, settle } from './harness.js';
import { generateArticle, nativeJson } from '../../scripts/bench-browser.mjs';

// 4 MB of native JSON (2 MB of text, 20,000 entities): read 8 ms per frame, it takes tens of frames
// (the threshold for slices is 512 KB), so the progress bar is seen and Escape pressed a few frames
// after it opens, long before the end.
const ARTICLE = generateArticle(2 << 20, 20000);
const FILE = nativeJson(ARTICLE);
const SMALL = 'Angela Merkel met Olaf Scholz in Berlin.';

// Drops `content` as big.json on the canvas (a drop with a file, as the browser delivers it).
async function drop(page, content) {
  await page.evaluate((c) => {
    const data = new DataTransfer();
    data.items.add(new File([c], 'big.json', { type: 'application/json' }));
    document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, content);
}

// The open document with an entity (so that a drop asks "Open big.json?" first), as native JSON.
async function smallDocument(page) {
  await pasteText(page, SMALL);
  await page.evaluate(() => window.annotator.addEntity(0, 13, 'PER'));
  await settle(page);
  return page.evaluate(() => window.annotator.exportAs('native'));
}

// Drops the file and answers the question with Enter (Replace); resolves in the first frame that
// shows the progress bar with what the page holds then: the open document (as native JSON), the
// dialog's text for screen readers and whether it has a progressbar.
async function dropAndReplace(page, content) {
  await drop(page, content);
  await page.waitForFunction(() => document.querySelector('#aa-dialogs [role=dialog][aria-label="Replace the article?"]'),
    null, { polling: 'raf', timeout: 30000 });
  await press(page, 'Enter');
  const seen = await page.waitForFunction(() => {
    const a = window.annotator;
    const dialog = document.querySelector('#aa-dialogs [role=dialog][aria-label="Importing"]');
    if (a.widgetRect('import.progress') === null || !dialog) return null;
    return { doc: a.exportAs('native'), text: dialog.querySelector('p')?.textContent,
      progressbar: !!dialog.querySelector('[role=progressbar]') };
  }, null, { polling: 'raf', timeout: 60000 });
  return seen.jsonValue();
}

const status = (page) => page.evaluate(() => window.annotator.statusMessage());
const current = (page) => page.evaluate(() => window.annotator.exportAs('native'));

describe('a large native file read in slices', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('"Reading big.json" with a progress bar; Cancel (Esc) changes nothing; a second drop reads the whole file', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    const before = await smallDocument(page);

    // Escape (the modal's "Cancel (Esc)") pressed as soon as the bar shows: the read has tens of
    // frames to go (checked by the status below: cancelled, not imported).
    const seen = await dropAndReplace(page, FILE);
    await press(page, 'Escape');
    const mb = Math.floor((Buffer.byteLength(FILE) + (512 << 10)) / (1 << 20));
    assert.equal(seen.text, `Reading big.json (${mb} MB)`);
    assert.ok(seen.progressbar, 'a progress bar for screen readers');
    assert.equal(seen.doc, before, 'untouched while it is read');
    await page.waitForFunction(() => window.annotator.widgetRect('import.progress') === null, null,
      { polling: 'raf', timeout: 30000 });
    assert.equal(await status(page), 'Import cancelled: nothing changed (big.json was not opened)');
    assert.equal(await current(page), before);

    await dropAndReplace(page, FILE);
    await page.waitForFunction(() => /^Imported /.test(window.annotator.statusMessage()), null,
      { polling: 'raf', timeout: 120000 });
    assert.match(await status(page), /^Imported 20000 entities from big\.json: /);
    assert.equal(await page.evaluate(() => window.annotator.getText()), ARTICLE.text);
    const got = await page.evaluate(() => window.annotator.entities().map((e) => [e.id, e.start, e.end, e.label]));
    assert.deepEqual(got, ARTICLE.entities.map((e, i) => [`e${i + 1}`, e.start, e.end, e.label]));
    await settle(page);
    assert.equal(await page.evaluate(() => window.annotator.widgetRect('import.progress')), null);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('an error in a late slice says what the whole-file read says, and changes nothing', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    const before = await smallDocument(page);
    // The last entity's text does not match the article (its label would do without "labels": they
    // are then taken from the entities).
    const last = FILE.lastIndexOf('"text":"');
    const bad = `${FILE.slice(0, last)}"text":"Nothing"${FILE.slice(FILE.indexOf('"', last + 8) + 1)}`;
    // The one-call read (the scripting API) of the same bytes: its message is the expected one.
    const whole = await importError(page, 'native', bad);
    assert.match(whole, /entities\[19999\]\.text: "Nothing" does not match the document text/);
    assert.equal(await current(page), before);

    assert.equal((await dropAndReplace(page, bad)).doc, before);
    await page.waitForFunction(() => window.annotator.widgetRect('import.progress') === null, null,
      { polling: 'raf', timeout: 120000 });
    assert.equal(await status(page), `big.json: ${whole}`);
    assert.equal(await current(page), before);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });
});
