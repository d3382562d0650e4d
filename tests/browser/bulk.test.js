// Labelling that does not fit in a frame, in the real page (issue 11): every one of 200,000 find hits
// added a slice per frame under a progress bar; its Cancel (the real mouse) leaves the document as
// before with nothing to redo, and so does a reload of what the autosave stored. A labelling that ends as one undo step (and its journal) is tested
// headless (tests/ui/test_bulk.cpp). Every wait is for a state of the page, never for a number of
// frames or milliseconds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clickWidgetNamed, dragSelect, inkCount, openPage, press, screenshot, serverAndBrowser, settle, waitReady, waitSaved,
} from './harness.js';

// Enough hits that the labelling takes tens of frames (a few thousand are added per 4 ms slice):
// the progress bar is seen and its Cancel clicked a few frames after it opens.
const HITS = 200000;
const ARTICLE = 'Paris and. '.repeat(HITS);

const count = (page) => page.evaluate(() => window.annotator.entities().length);
const spans = (page) => page.evaluate(() => window.annotator.entities().map((e) => [e.id, e.start, e.end, e.label]));

describe('labelling in slices', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('the progress bar of "label every hit" and its Cancel: the document as before, nothing to redo, a reload the same', async () => {
    const { page, log } = await openPage(browser, server.url);
    await page.evaluate((t) => window.annotator.setText(t), ARTICLE);
    // One entity before the labelling (an "and", which no hit overlaps): what Cancel must leave.
    const kept = await page.evaluate(() => window.annotator.addEntity(6, 9, 'ORG'));
    const before = await spans(page);
    assert.deepEqual(before, [[kept, 6, 9, 'ORG']]);
    // Stored first (the article's snapshot and that entity's record), so that the labelling's slices
    // and its Cancel go to the journal as records, not into a snapshot still being written.
    await waitSaved(page);
    await settle(page);
    await press(page, 'Control+f');
    await page.keyboard.type('paris');
    // The search runs a slice per frame too; Alt+Enter pressed meanwhile labels when it ends.
    await press(page, 'Alt+Enter');  // label every hit with the active label (PER)
    await page.waitForFunction(() => window.annotator.widgetRect('bulk.progress') !== null, null,
      { polling: 'raf', timeout: 30000 });
    const shot = await screenshot(page, 'bulk-progress');
    const bar = await page.evaluate(() => window.annotator.widgetRect('bulk.progress'));
    assert.ok(inkCount(shot.png, bar) > 50, 'the progress bar is drawn');
    const partial = await count(page);
    assert.ok(partial < HITS + 1, `not all in one frame (${partial - 1} of ${HITS} when the bar showed)`);

    await clickWidgetNamed(page, 'bulk.cancel');
    await page.waitForFunction(() => window.annotator.entities().length === 1 &&
      window.annotator.widgetRect('bulk.progress') === null, null, { polling: 'raf', timeout: 30000 });
    assert.equal(await page.evaluate(() => window.annotator.redo()), false, 'Redo does not offer the cancelled part back');
    assert.deepEqual(await spans(page), before);
    // What the autosave stored (the slices' journal records and the cancel) comes back the same.
    await waitSaved(page);
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await spans(page), before, 'a reload after the Cancel restores the document as before');
    assert.equal(await page.evaluate(() => window.annotator.redo()), false, 'nor does the reloaded history');

    assert.deepEqual(log.pageErrors, []);
  });

  test('propagate in slices, then Ctrl+Z and Ctrl+Y of the whole group: the entities, and a reload the same', async () => {
    // The group's undo and redo apply its 2,999 ops a slice per frame under a progress bar (from
    // AppImpl::kUndoAtOnce ops), one step of the history; the journal's records of them replay on reload.
    const { page, log } = await openPage(browser, server.url);
    await page.evaluate(() => window.annotator.setText('Paris and. '.repeat(3000)));
    await waitSaved(page);
    await settle(page);
    await dragSelect(page, 0, 5);
    await press(page, '1');  // PER on the first Paris
    assert.equal(await count(page), 1);
    await press(page, 'p');  // its 2,999 repeats, in slices
    await page.waitForFunction(() => /^Labelled 2999 more/.test(window.annotator.statusMessage()), null,
      { polling: 'raf', timeout: 120000 });
    const labelled = await spans(page);
    assert.equal(labelled.length, 3000);
    assert.deepEqual(labelled.map((s) => s[1]), Array.from({ length: 3000 }, (_, i) => 11 * i));
    await waitSaved(page);

    await press(page, 'Control+z');
    await page.waitForFunction(() => /^Undid/.test(window.annotator.statusMessage()), null, { polling: 'raf' });
    assert.deepEqual(await spans(page), labelled.slice(0, 1), 'one undo step: the first Paris stays');
    await press(page, 'Control+y');
    await page.waitForFunction(() => /^Redid/.test(window.annotator.statusMessage()), null, { polling: 'raf' });
    assert.deepEqual(await spans(page), labelled, 'the redo brings the same entities back, ids included');
    await press(page, 'Control+z');
    await page.waitForFunction(() => /^Undid/.test(window.annotator.statusMessage()), null, { polling: 'raf' });
    await press(page, 'Control+y');
    await page.waitForFunction(() => /^Redid/.test(window.annotator.statusMessage()), null, { polling: 'raf' });
    assert.deepEqual(await spans(page), labelled);

    // The journal (the group's records, two undos and two redos) replays to the same document and history.
    await waitSaved(page);
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await spans(page), labelled, 'a reload after the redo');
    assert.equal(await page.evaluate(() => window.annotator.undo()), true);
    assert.deepEqual(await spans(page), labelled.slice(0, 1));
    await waitSaved(page);
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await spans(page), labelled.slice(0, 1), 'a reload after the undo');
    assert.equal(await page.evaluate(() => window.annotator.redo()), true);
    assert.deepEqual(await spans(page), labelled);
    assert.deepEqual(log.pageErrors, []);
  });

  test('a labelling in slices keeps one recent version, of the state before it (not one of its last slice)', async () => {
    // Before, the frame that closed the labelling kept a second version (its last slice looked like a
    // bulk change of its own): the state half labelled, copied whole by IndexedDB (issue 11).
    const { page, log } = await openPage(browser, server.url);
    await page.evaluate(() => window.annotator.setText('Paris and. '.repeat(3000)));
    await waitSaved(page);
    await settle(page);
    const before = (await page.evaluate(() => window.annotator.versions())).length;
    await press(page, 'Control+f');
    await page.keyboard.type('paris');
    await press(page, 'Alt+Enter');  // label every hit with the active label (PER)
    await page.waitForFunction(() => /^Labelled 3000 /.test(window.annotator.statusMessage()), null,
      { polling: 'raf', timeout: 120000 });
    await waitSaved(page);
    const versions = await page.evaluate(() => window.annotator.versions());
    assert.equal(versions.length, before + 1, `one version kept by the labelling: ${JSON.stringify(versions)}`);
    assert.equal(versions[versions.length - 1].entities, 0, 'the state before it');
    assert.deepEqual(log.pageErrors, []);
  });
});
