// Files routed by the request they answer, in the real page with the real file chooser: Suggest >
// Load file... whose chooser is cancelled (the input's cancel event, dispatched on the real input:
// Playwright intercepts the chooser, so no native dialog opens whose cancel could fire it), then
// Ctrl+O and an article chosen: it opens as the article, not as a gazetteer.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clickWidgetNamed, launchBrowser, openPage, press, settle, startServer } from './harness.js';

describe('file requests', () => {
  let server, browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

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
});
