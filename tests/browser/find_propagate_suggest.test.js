// Annotating faster in the real page: find (plain and RegExp through the browser's RegExp, an
// invalid pattern's message, label every hit, undo), one keystroke per repeated name (P), suggestions
// (names; accept one, reject one, accept all; dashed outlines in a screenshot) and the keyboard
// reference. Entity details (KB id, attributes) are tested headless only so far.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dragSelect, inkCount, offsetPoint, openPage, pasteText, screenshot, serverAndBrowser, settle,
} from './harness.js';

const ARTICLE = 'Assad met Putin in Moscow. Later Assad said the talks with Putin went well.\n\n' +
  'Critics of Assad disagreed. The Bank of England watched from London. Αθήνα too.';

function cp(text, s, from = 0) {
  const i = text.indexOf(s, from);
  assert.ok(i >= 0, `"${s}" is in the text`);
  return Array.from(text.slice(0, i)).length;
}

async function press(page, keys) {
  await page.keyboard.press(keys);
  await settle(page);
}

// Escape leaves the find field; ImGui reports the field inactive (io.WantTextInput) only a frame
// or two later, and until then shortcuts such as Ctrl+Z belong to the field: draw a few frames.
async function leaveField(page) {
  await page.keyboard.press('Escape');
  for (let i = 0; i < 4; i++) await settle(page);
}

// ImGui takes queued characters over the next frames: draw until the page has seen them all.
async function typeText(page, s) {
  await page.keyboard.type(s, { delay: 10 });
  for (let i = 0; i < 6; i++) await settle(page);
}

const texts = (ents, label) => ents.filter((e) => e.label === label).map((e) => e.text);

describe('annotating faster', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('find: plain and regular expression, an invalid pattern, label every hit as one undo step', async () => {
    const { page, log } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    await press(page, 'Control+f');
    await typeText(page, 'assad');
    await settle(page);
    const shot = await screenshot(page, 'find-plain');
    assert.ok(inkCount(shot.png, { x: 0, y: 0, width: 900, height: 60 }) > 100, 'the find bar is drawn');
    await press(page, 'Alt+Enter');  // label every hit with the active label (PER)
    let ents = await page.evaluate(() => window.annotator.entities());
    assert.deepEqual(texts(ents, 'PER'), ['Assad', 'Assad', 'Assad']);
    await leaveField(page);
    await press(page, 'Control+z');
    assert.equal((await page.evaluate(() => window.annotator.entities())).length, 0, 'one undo step');

    // A regular expression through the browser's RegExp (Unicode: the Greek word counts as one).
    await press(page, 'Control+f');
    await press(page, 'Alt+r');
    await press(page, 'Control+a');
    await typeText(page, '\\bP\\w+n\\b|\\p{Script=Greek}+');
    await screenshot(page, 'find-regex');
    await press(page, 'Alt+Enter');
    // A regular expression runs in the worker (issue 12): Alt+Enter labels once its hits arrive.
    await page.waitForFunction(() => window.annotator.entities().length > 0, null, { timeout: 15000 });
    ents = await page.evaluate(() => window.annotator.entities());
    assert.deepEqual(texts(ents, 'PER'), ['Putin', 'Putin', 'Αθήνα']);
    for (const e of ents) assert.equal(Array.from(ARTICLE).slice(e.start, e.end).join(''), e.text);
    await leaveField(page);  // Ctrl+Z in the field would undo typing, not the labelling
    await press(page, 'Control+z');
    assert.equal((await page.evaluate(() => window.annotator.entities())).length, 0, 'one undo step');
    await press(page, 'Control+f');

    // An invalid pattern: the browser's message in the bar, nothing labelled.
    await press(page, 'Control+a');
    await typeText(page, '(unclosed');
    await press(page, 'Alt+Enter');
    const bad = await screenshot(page, 'find-invalid-regex');
    assert.ok(inkCount(bad.png, { x: 500, y: 60, width: 780, height: 60 }) > 100, 'an error line under the bar');
    assert.equal((await page.evaluate(() => window.annotator.entities())).length, 0);
    assert.deepEqual(log.pageErrors, []);
  });

  test('one keystroke per repeated name: P labels the other occurrences', async () => {
    const { page } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    const a = cp(ARTICLE, 'Assad');
    await dragSelect(page, a, a + 5);
    await press(page, '1');
    await press(page, 'p');
    let ents = await page.evaluate(() => window.annotator.entities());
    assert.deepEqual(texts(ents, 'PER'), ['Assad', 'Assad', 'Assad']);
    const p = cp(ARTICLE, 'Putin');
    await dragSelect(page, p, p + 5);
    await press(page, '1');
    await screenshot(page, 'propagate-offer');
    await press(page, 'p');
    ents = await page.evaluate(() => window.annotator.entities());
    assert.deepEqual(texts(ents, 'PER'), ['Assad', 'Putin', 'Assad', 'Putin', 'Assad']);
    await press(page, 'Control+z');
    assert.equal((await page.evaluate(() => window.annotator.entities())).length, 4, 'propagation is one step');
    // Shift+Delete on a selected Assad removes all three.
    const q = await offsetPoint(page, a + 2);
    await page.mouse.click(q.x, q.y);
    await settle(page);
    await press(page, 'Shift+Delete');
    ents = await page.evaluate(() => window.annotator.entities());
    assert.deepEqual(texts(ents, 'PER'), ['Putin']);
  });

  test('suggestions: names drawn dashed; accept one, reject one, accept all as one step', async () => {
    const { page } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    await press(page, 'Alt+s');
    const shot = await screenshot(page, 'suggestions-dashed');
    // Dashed outlines: ink around the first name though no entity exists yet.
    const r = await offsetPoint(page, 0);
    assert.ok(inkCount(shot.png, { x: Math.round(r.rect.x) - 4, y: Math.round(r.rect.y) - 5, width: 60, height: 4 }) > 5,
      'a dashed top edge above "Assad"');
    await press(page, 'a');
    let ents = await page.evaluate(() => window.annotator.entities());
    assert.equal(ents.length, 1);
    assert.equal(ents[0].text, 'Assad');
    await press(page, 'r');
    await press(page, 'Shift+A');
    ents = await page.evaluate(() => window.annotator.entities());
    assert.ok(ents.length >= 4, `accepted the rest (${ents.map((e) => e.text).join(', ')})`);
    assert.ok(!ents.some((e) => e.text === 'Putin' && e.start === cp(ARTICLE, 'Putin')), 'the rejected one stays out');
    await press(page, 'Control+z');
    assert.equal((await page.evaluate(() => window.annotator.entities())).length, 1, 'accept all is one step');
  });

  test('the keyboard reference opens with F1 and lists the new shortcuts', async () => {
    const { page } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    const before = await screenshot(page, 'help-before');
    await press(page, 'F1');
    const shot = await screenshot(page, 'help-window');
    // The window is tall: its rows (find, P, Shift+Del, suggestions...) add ink in the middle of the page.
    const mid = { x: 300, y: 150, width: 680, height: 500 };
    assert.ok(inkCount(shot.png, mid) > inkCount(before.png, mid) + 2000);
    await press(page, 'F1');
  });
});
