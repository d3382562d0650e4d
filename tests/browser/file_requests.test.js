// Files routed by the request they answer, in the real page with the real file chooser: Suggest >
// Load file... whose chooser is cancelled (the input's cancel event, dispatched on the real input:
// Playwright intercepts the chooser, so no native dialog opens whose cancel could fire it), then
// Ctrl+O and an article chosen: it opens as the article, not as a gazetteer. And two choosers
// answered out of order (a gazetteer's file arriving after Ctrl+O opened another chooser): each
// file goes where its own chooser meant it to.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clickWidgetNamed, openPage, press, serverAndBrowser, settle } from './harness.js';

describe('file requests', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('a cancelled gazetteer chooser is reported; the next Ctrl+O opens an article', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await page.evaluate(() => window.annotator.setText('Angela Merkel visited Paris.'));
    await settle(page);
    await press(page, 'Alt+s');  // the Suggest panel
    const [gaz] = await Promise.all([page.waitForEvent('filechooser'), clickWidgetNamed(page, 'suggest.load_file')]);
    await gaz.element().dispatchEvent('cancel');
    await page.waitForFunction(() => window.annotator.statusMessage() === 'No file chosen; nothing loaded');
    const [open] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+o')]);
    await open.setFiles({ name: 'next.txt', mimeType: 'text/plain', buffer: Buffer.from('Emmanuel Macron met her.') });
    await page.waitForFunction(() => window.annotator.getText() === 'Emmanuel Macron met her.');
    assert.equal(await page.evaluate(() => window.annotator.statusMessage()), 'Opened next.txt');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('a gazetteer chooser answered after Ctrl+O opened another: each file goes to its own request', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await page.evaluate(() => window.annotator.setText('Angela Merkel visited Paris.'));
    await settle(page);
    await press(page, 'Alt+s');
    const [gaz] = await Promise.all([page.waitForEvent('filechooser'), clickWidgetNamed(page, 'suggest.load_file')]);
    const [open] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+o')]);
    // The article's chooser answers first, then the gazetteer's (a slow pick, a large file).
    await open.setFiles({ name: 'next.txt', mimeType: 'text/plain', buffer: Buffer.from('Emmanuel Macron met her.') });
    await page.waitForFunction(() => window.annotator.getText() === 'Emmanuel Macron met her.');
    await gaz.setFiles({ name: 'places.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from('Paris\tLOC\n') });
    await page.waitForFunction(() => window.annotator.statusMessage() === 'Loaded 1 gazetteer terms from places.tsv');
    assert.equal(await page.evaluate(() => window.annotator.getText()), 'Emmanuel Macron met her.');
    // A cancelled chooser's late files are not read at all.
    const [late] = await Promise.all([page.waitForEvent('filechooser'), clickWidgetNamed(page, 'suggest.load_file')]);
    await late.element().dispatchEvent('cancel');
    await page.waitForFunction(() => window.annotator.statusMessage() === 'No file chosen; nothing loaded');
    // (The page removed that input when its chooser was cancelled: Playwright may refuse to set files
    // on it. Either way nothing may change.)
    await late.setFiles({ name: 'late.txt', mimeType: 'text/plain', buffer: Buffer.from('Late text.') }).catch(() => {});
    await settle(page);
    assert.equal(await page.evaluate(() => window.annotator.getText()), 'Emmanuel Macron met her.');
    assert.equal(await page.evaluate(() => window.annotator.statusMessage()), 'No file chosen; nothing loaded');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });
});
