// A user's regular expression that backtracks for ever ((a+)+$ on "aaaa...b") no longer freezes the
// tab: the page runs user patterns in a Web Worker (pre.js) and ends it after 3 s. While the pattern
// runs, the page's own thread keeps running its timers (50 ms ticks are counted: a frozen thread
// counts none until the pattern ends, which for this one is never; the machine's load may delay
// them, so only their count is checked); then the status names the stopped pattern, and the next
// pattern runs in a fresh worker. The same for a Suggest rule, and in the single-file page opened from file:// (its CSP
// allows the blob: worker and nothing else).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cspViolations, DIST, openPage, pasteText, press, serverAndBrowser, settle } from './harness.js';

const ARTICLE = 'Putin met Peyton. ' + 'a'.repeat(40) + 'b';
const STOPPED = 'stopped after 3 s (too slow on this text: it may backtrack without end, as (a+)+$ does)';

// Starts counting 50 ms timer ticks on the page's thread (and the longest gap between two).
async function watchTicks(page) {
  await page.evaluate(() => {
    window.__tick = { last: performance.now(), maxGap: 0, count: 0 };
    window.__tickTimer = setInterval(() => {
      const now = performance.now();
      window.__tick.maxGap = Math.max(window.__tick.maxGap, now - window.__tick.last);
      window.__tick.last = now;
      window.__tick.count++;
    }, 50);
  });
}

// Stops counting; asserts that the page's thread ran its timers while the pattern ran.
async function checkTicks(page) {
  const t = await page.evaluate(() => {
    clearInterval(window.__tickTimer);
    return window.__tick;
  });
  assert.ok(t.count >= 10, `the page's thread kept running: ${t.count} ticks of 50 ms during the search ` +
    `(longest gap ${t.maxGap.toFixed(0)} ms)`);
}

async function status(page) {
  return page.evaluate(() => window.annotator.statusMessage());
}

async function typeInField(page, text) {
  await page.keyboard.type(text);
  await settle(page);
}

// Find with a runaway pattern, then a good one.
async function runawayFind(page) {
  await pasteText(page, ARTICLE);
  await press(page, 'Control+f');
  await press(page, 'Alt+r');
  await watchTicks(page);
  const started = Date.now();
  await typeInField(page, '(a+)+$');
  await press(page, 'Alt+Enter');  // waits for the hits: none come
  await page.waitForFunction((s) => window.annotator.statusMessage() === s, `Find /(a+)+$/: ${STOPPED}`,
    { timeout: 15000 });
  const elapsed = Date.now() - started;
  await checkTicks(page);
  assert.ok(elapsed >= 2900, `stopped after its budget (${elapsed} ms)`);
  assert.deepEqual(await page.evaluate(() => window.annotator.entities()), []);
  // The next pattern runs in a fresh worker.
  await press(page, 'Control+a');
  await typeInField(page, 'P\\w+n');
  await press(page, 'Alt+Enter');
  await page.waitForFunction(() => window.annotator.entities().length === 2);
  assert.deepEqual((await page.evaluate(() => window.annotator.entities())).map((e) => e.text), ['Putin', 'Peyton']);
}

describe('runaway regular expressions', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('find: (a+)+$ is stopped after 3 s and named; the page stays responsive meanwhile', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await runawayFind(page);
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(await cspViolations(page), []);
    await context.close();
  });

  test('suggest: a runaway rule is stopped and named by its number; nothing is suggested', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    const doc = {
      format: 'article-annotator', version: 1, text: ARTICLE,
      labels: [{ name: 'PER', color: '#aa9cfc', key: '1' }],
      suggest: { rules: [{ pattern: 'P\\w+n', label: 'PER' }, { pattern: '(a+)+$', label: 'PER' }] },
      entities: [],
    };
    await page.evaluate((json) => window.annotator.importFrom('native', json), JSON.stringify(doc));
    await settle(page);
    await watchTicks(page);
    await press(page, 'Alt+s');
    assert.equal(await status(page), 'Running 2 rules...');
    await page.waitForFunction((s) => window.annotator.statusMessage() === s, `Suggest: rule 2 (/(a+)+$/): ${STOPPED}`,
      { timeout: 15000 });
    await checkTicks(page);
    await press(page, 'Shift+A');  // accept all: there is nothing to accept
    assert.deepEqual(await page.evaluate(() => window.annotator.entities()), []);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('the single-file page from file:// runs patterns in its worker under its CSP', async () => {
    const url = pathToFileURL(join(DIST, 'annotator.html')).href;
    const { page, context, log } = await openPage(browser, url);
    await runawayFind(page);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });
});
