// A large native file dropped on the real page (issue 11: the import in slices): "Reading X" under a
// progress bar, its Cancel (the real mouse) leaves the open document as it was, a second drop reads
// the whole file into a document equal to it, and an error in a late slice says what the whole-file
// read says and changes nothing. The slicing itself (every fixture, every slice size, every error)
// is tested headless (tests/io/test_native_read_run.cpp, tests/ui/test_import.cpp). Every wait is
// for a state of the page, never for a number of frames or milliseconds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clickWidgetNamed, inkCount, openPage, pasteText, press, screenshot, serverAndBrowser, settle } from './harness.js';
import { generateArticle, nativeJson } from '../../scripts/bench-browser.mjs';

// 4 MB of native JSON (2 MB of text, 20,000 entities): read 8 ms per frame, it takes tens of frames
// (the threshold for slices is 512 KB), so the progress bar is seen and its Cancel clicked a few
// frames after it opens.
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

// Drops the file and answers the question with Enter (Replace); resolves once the progress bar shows.
async function dropAndReplace(page, content) {
  await drop(page, content);
  await page.waitForFunction(() => document.querySelector('#aa-dialogs [role=dialog][aria-label="Replace the article?"]'),
    null, { polling: 'raf', timeout: 30000 });
  await press(page, 'Enter');
  await page.waitForFunction(() => window.annotator.widgetRect('import.progress') !== null, null,
    { polling: 'raf', timeout: 60000 });
}

const status = (page) => page.evaluate(() => window.annotator.statusMessage());
const current = (page) => page.evaluate(() => window.annotator.exportAs('native'));

describe('a large native file read in slices', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('"Reading big.json" with a progress bar; Cancel changes nothing; a second drop reads the whole file', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    const before = await smallDocument(page);

    await dropAndReplace(page, FILE);
    const shot = await screenshot(page, 'import-progress');
    const bar = await page.evaluate(() => window.annotator.widgetRect('import.progress'));
    assert.ok(inkCount(shot.png, bar) > 50, 'the progress bar is drawn');
    // Its dialog for screen readers: "Reading big.json (N MB)" and the progress bar.
    const mb = Math.floor((Buffer.byteLength(FILE) + (512 << 10)) / (1 << 20));
    await page.waitForFunction((t) => document.querySelector('#aa-dialogs [role=dialog][aria-label="Importing"] p')
      ?.textContent === t, `Reading big.json (${mb} MB)`, { polling: 'raf', timeout: 30000 });
    assert.ok(await page.evaluate(() => document.querySelector('#aa-dialogs [aria-label="Importing"] [role=progressbar]')),
      'a progress bar for screen readers');
    assert.equal(await current(page), before, 'untouched while it is read');
    await clickWidgetNamed(page, 'import.cancel');
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
    const last = FILE.lastIndexOf('"label":"');
    const bad = `${FILE.slice(0, last)}"label":"XYZ"${FILE.slice(FILE.indexOf('"', last + 9) + 1)}`;
    // The one-call read (the scripting API) of the same bytes: its message is the expected one.
    const whole = await page.evaluate((b) => {
      try {
        window.annotator.importFrom('native', b);
        return null;
      } catch (e) {
        return e.message;
      }
    }, bad);
    assert.match(whole, /entities\[19999\]\.label: unknown label "XYZ"/);
    assert.equal(await current(page), before);

    await dropAndReplace(page, bad);
    await page.waitForFunction(() => window.annotator.widgetRect('import.progress') === null, null,
      { polling: 'raf', timeout: 120000 });
    assert.equal(await status(page), `big.json: ${whole}`);
    assert.equal(await current(page), before);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });
});
