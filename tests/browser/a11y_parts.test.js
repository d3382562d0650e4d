// The screen-reader mirror's updates carry only what changed: a caret move sends the caret (and the
// other small fields), not the paragraphs and the tables again; an edit sends the paragraphs and the
// tables it changed. What the mirror says stays the same as before (a11y.test.js checks it whole).
// On the old bridge every update carried the whole description, paragraphs and tables included.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axFind, axText, axTree, openPage, pasteText, press, serverAndBrowser, settle } from './harness.js';

describe('the accessibility mirror\'s updates', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('a caret move sends no paragraphs or tables; an add sends the paragraphs and the entities', async () => {
    const { page, context } = await openPage(browser, server.url);
    const para = (i) => `Paragraph ${i}: Vladimir Putin met Angela Merkel in Moscow on Tuesday, Reuters reported.`;
    await pasteText(page, Array.from({ length: 30 }, (_, i) => para(i)).join('\n\n'));
    await page.evaluate(() => window.annotator.addEntity(13, 27, 'PER'));
    await settle(page);
    const whole = await page.evaluate(() => window.annotator.a11yStats());
    await page.locator('canvas').focus();
    await press(page, 'ArrowRight');
    await press(page, 'ArrowRight');
    const moved = await page.evaluate(() => window.annotator.a11yStats());
    assert.ok(moved.updates > whole.updates, 'the caret move was sent');
    assert.ok(!moved.lastParts.includes('paragraphs'), `no paragraphs: ${moved.lastParts}`);
    assert.ok(!moved.lastParts.includes('entities'), `no entities table: ${moved.lastParts}`);
    assert.ok(!moved.lastParts.includes('labels'), `no labels: ${moved.lastParts}`);
    assert.ok(moved.lastBytes < 2000, `a few hundred bytes (${moved.lastBytes})`);
    // The mirror still says where the caret is, and keeps the article's paragraphs and marks.
    const tree = await axTree(page);
    const main = axFind(tree.root, 'main').find((n) => n.name === 'Article');
    assert.ok(axFind(main, 'paragraph').map(axText).some((t) => t.startsWith('Paragraph 0: Vladimir Putin')));
    assert.deepEqual(axFind(main, 'mark').map((n) => n.name), ['Vladimir Putin, Person']);
    await page.waitForFunction(() => /^Caret before character \d+ of/.test(document.getElementById('aa-cursor').textContent));

    await page.evaluate(() => window.annotator.addEntity(32, 45, 'PER'));
    await settle(page);
    const added = await page.evaluate(() => window.annotator.a11yStats());
    assert.ok(added.lastParts.includes('paragraphs'), `the paragraph with the new mark: ${added.lastParts}`);
    assert.ok(added.lastParts.includes('entities'), `the entities table: ${added.lastParts}`);
    const marks = axFind(axFind((await axTree(page)).root, 'main').find((n) => n.name === 'Article'), 'mark');
    assert.deepEqual(marks.map((n) => n.name), ['Vladimir Putin, Person', 'Angela Merkel, Person']);
    await context.close();
  });
});
