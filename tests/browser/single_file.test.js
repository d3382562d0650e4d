// The single-file build (dist/annotator.html) opened from disk: no server, no request but the file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, cspViolations, launchBrowser, openPage, pasteText, screenshot } from './harness.js';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the single-file build works when opened from file://', async () => {
  const url = pathToFileURL(join(DIST, 'annotator.html')).href;
  const { page, context, log } = await openPage(browser, url);
  const text = 'Angela Merkel visited Kraków — “a historic day”.';
  await pasteText(page, text);
  assert.equal(await page.evaluate(() => window.annotator.getText()), text);
  const id = await page.evaluate(() => window.annotator.addEntity(0, 13, 'PER'));
  assert.deepEqual(await page.evaluate(() => window.annotator.entities()),
    [{ id, start: 0, end: 13, label: 'PER', text: 'Angela Merkel' }]);
  await screenshot(page, 'single-file');
  assert.deepEqual(log.requests.filter((u) => u !== url && !u.startsWith('data:')), []);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
