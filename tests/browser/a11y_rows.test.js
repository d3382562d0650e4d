// The screen-reader mirror's side-panel tables after an edit on a long article: only the rows that
// changed are made anew (an edit moves the Entities table's window of 100 rows by a row), the others
// keep their elements; what the table says is the same as a table built afresh.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, serverAndBrowser, settle } from './harness.js';

describe('the accessibility mirror\'s tables', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('an add on an article of 300 entities makes one row of the Entities table, not the window of 100', async () => {
    const { page, context } = await openPage(browser, server.url);
    // "Town0 and Town1 ...": 600 towns, the even ones labelled (300 entities).
    const words = Array.from({ length: 600 }, (_, i) => `Town${i}`);
    const text = words.join(' and ') + '.';
    const starts = [];
    let at = 0;
    for (const w of words) { starts.push(at); at += w.length + ' and '.length; }
    const entities = [];
    for (let i = 0; i < 600 && entities.length < 300; i += 2)
      entities.push({ id: `e${i}`, start: starts[i], end: starts[i] + words[i].length, label: 'LOC', text: words[i] });
    await page.evaluate((doc) => window.annotator.importFrom('native', doc), JSON.stringify({
      format: 'article-annotator', version: 1, offsets: 'codepoint', text, entities,
    }));
    await settle(page);
    await page.waitForFunction(() => /^Entities 1 to 100 of 300$/.test(
      document.querySelector('#aa-entities-h + table caption').textContent));
    // Count the rows the next update puts into the table.
    await page.evaluate(() => {
      window.__rowsMade = 0;
      window.__rowsObserver = new MutationObserver((list) => {
        for (const m of list) for (const n of m.addedNodes) if (n.nodeName === 'TR') window.__rowsMade++;
      });
      window.__rowsObserver.observe(document.querySelector('#aa-entities-h + table tbody'), { childList: true });
    });
    // Town51, between the 25th and 26th entities: the window gains it and loses its last row.
    await page.evaluate(([s, e]) => window.annotator.addEntity(s, e, 'LOC'), [starts[51], starts[51] + 6]);
    await settle(page);
    await page.waitForFunction(() => /^Entities 1 to 100 of 301$/.test(
      document.querySelector('#aa-entities-h + table caption').textContent));
    const made = await page.evaluate(() => { window.__rowsObserver.disconnect(); return window.__rowsMade; });
    assert.equal(made, 1, 'one row made for one entity added');
    const rows = await page.evaluate(() => Array.from(document.querySelectorAll('#aa-entities-h + table tbody tr'),
      (tr) => Array.from(tr.cells, (c) => c.textContent).join('|')));
    const expected = [...entities, { start: starts[51], end: starts[51] + 6, text: 'Town51' }]
      .sort((a, b) => a.start - b.start).slice(0, 100).map((e) => `${e.text}|LOC|${e.start}|${e.end}`);
    assert.deepEqual(rows, expected);
    await context.close();
  });
});
