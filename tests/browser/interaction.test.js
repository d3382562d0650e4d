// Trustworthy interaction (issue 14) in the real page, with the real mouse and keys in Chromium: the
// issue's stale-popup steps, Escape closing menus and windows, undo with a menu open, Find's whole
// words and its count of the hits inside longer words, a label key accepting the current suggestion,
// Compare's rows and undecided sides, the layout at narrow and wide windows, About's licence, import
// counts, and the whole walk from the empty page to a download and a reload. Screenshots are written
// to test-results/interaction-*.png (look at them).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  catchDownload, clickWidgetNamed, compareAWithB, cp, dragSelect, frames, inkCount, offsetPoint, openPage, pasteText,
  press, ROOT, screenshot, serverAndBrowser, settle, waitReady, waitSaved,
} from './harness.js';

// The article (its gold annotations beside it are Suggest's test set).
const ARTICLE = readFileSync(join(ROOT, 'tests/fixtures/suggest/news-article-syria-talks.txt'), 'utf8');

const entities = (page) => page.evaluate(() => window.annotator.entities());
const status = (page) => page.evaluate(() => window.annotator.statusMessage());
const widget = (page, name) => page.evaluate((n) => window.annotator.widgetRect(n), name);
const spans = (list) => list.map((e) => `${e.text} ${e.label}`);

// The side panel's tabs (five with Compare's Agreement): each drawn in full, in one row, in order,
// inside [left, right]: none scrolled out or cut ("tities (4)", "Docum...").
async function assertTabsInRow(page, left, right) {
  const names = ['tab.labels', 'tab.entities', 'tab.suggest', 'tab.documents', 'tab.agreement'];
  const rects = await page.evaluate((ns) => ns.map((n) => window.annotator.widgetRect(n)), names);
  let prev = null;
  rects.forEach((r, i) => {
    assert.ok(r, `${names[i]} is drawn`);
    assert.ok(r.x >= left - 0.5 && r.x + r.width <= right + 0.5, `${names[i]} within ${left}..${right} (${r.x}..${r.x + r.width})`);
    if (prev) assert.ok(r.y === prev.y && r.x >= prev.x + prev.width, `${names[i]} in the row after ${names[i - 1]}`);
    prev = r;
  });
}

// ImGui takes queued characters over the next frames: settle() draws until the page has seen them all.
async function typeText(page, s) {
  await page.keyboard.type(s, { delay: 10 });
  await settle(page);
}

// Escape leaves the find field; ImGui reports the field inactive a frame or two later.
async function leaveField(page) {
  await page.keyboard.press('Escape');
  await frames(page, 4);
}

async function rightClick(page, offset) {
  const p = await offsetPoint(page, offset);
  await page.mouse.click(p.x, p.y, { button: 'right' });
  await frames(page);
}

// A file chosen in the browser's file chooser, opened by Ctrl+O.
async function openWithChooser(page, name, content) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+o')]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
  await frames(page, 3);
}

describe('trustworthy interaction (issue 14)', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('the issue\'s steps: Esc closes the context menu; a drag with it open selects; 3 labels only that', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    const v = cp(ARTICLE, 'Victoria Nuland'), f = cp(ARTICLE, 'Jeffrey Feltman');
    await dragSelect(page, v, v + 15);
    await press(page, '1');
    assert.deepEqual(spans(await entities(page)), ['Victoria Nuland PER']);

    // Right-click "Victoria Nuland": its menu. Esc closes it.
    await rightClick(page, v + 3);
    assert.ok(await widget(page, 'context.delete'), 'the context menu is open');
    await screenshot(page, 'interaction-1-context-menu');
    await press(page, 'Escape');
    await frames(page);
    assert.equal(await widget(page, 'context.delete'), null, 'Escape closed the context menu');

    // Open it again, then drag over "Jeffrey Feltman": the menu closes and the drag still selects.
    await rightClick(page, v + 3);
    assert.ok(await widget(page, 'context.delete'));
    await dragSelect(page, f, f + 15);
    await frames(page);
    assert.equal(await widget(page, 'context.delete'), null, 'the drag closed the menu');
    await screenshot(page, 'interaction-1-drag-selected');
    await press(page, '3');
    assert.deepEqual(spans(await entities(page)), ['Jeffrey Feltman LOC', 'Victoria Nuland PER'],
      'Nuland keeps PER; the new selection is LOC');
    assert.equal(await status(page), 'Added LOC "Jeffrey Feltman"');
    // With a menu open, a label key does nothing at all.
    await rightClick(page, v + 3);
    await press(page, '2');
    assert.deepEqual(spans(await entities(page)), ['Jeffrey Feltman LOC', 'Victoria Nuland PER']);
    await press(page, 'Escape');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('Escape closes the menu-bar menus, the shortcuts overlay and About; Ctrl+Z works with a menu open', async () => {
    const { page, context } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    const v = cp(ARTICLE, 'Victoria Nuland');
    await dragSelect(page, v, v + 15);
    await press(page, '1');

    await page.mouse.click(20, 10);  // File
    await frames(page);
    assert.ok(await widget(page, 'menu.compare'), 'the File menu is open');
    await screenshot(page, 'interaction-2-file-menu');
    await press(page, 'Escape');
    await frames(page);
    assert.equal(await widget(page, 'menu.compare'), null, 'Escape closed the File menu');

    await press(page, 'Shift+Slash');  // '?'
    await frames(page);
    assert.ok(await widget(page, 'help.keys'), 'the shortcuts window is open');
    await screenshot(page, 'interaction-2-shortcuts');
    await press(page, 'Escape');
    await frames(page);
    assert.equal(await widget(page, 'help.keys'), null, 'Escape closed the shortcuts window');

    await clickWidgetNamed(page, 'menu.help');
    await frames(page);
    await clickWidgetNamed(page, 'menu.about');
    await frames(page);
    assert.ok(await widget(page, 'about.licence'), 'About shows the licence');
    await screenshot(page, 'interaction-2-about');
    await press(page, 'Escape');
    await frames(page);
    assert.equal(await widget(page, 'about.licence'), null, 'Escape closed About');

    // The Edit menu open, Ctrl+Z undoes and says what it undid; Ctrl+Y redoes.
    await page.mouse.click(60, 10);
    await frames(page);
    assert.ok(await widget(page, 'menu.undo'), 'the Edit menu is open');
    await press(page, 'Control+z');
    assert.deepEqual(await entities(page), []);
    assert.equal(await status(page), 'Undid: Add PER "Victoria Nuland"');
    await press(page, 'Control+y');
    assert.deepEqual(spans(await entities(page)), ['Victoria Nuland PER']);
    assert.equal(await status(page), 'Redid: Add PER "Victoria Nuland"');
    await context.close();
  });

  test('Find labels whole words by default, asks about the hits inside longer words, Ctrl+Z undoes from the bar', async () => {
    const { page, context } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    const m = cp(ARTICLE, 'Moscow');
    await dragSelect(page, m, m + 6);
    await press(page, '3');  // LOC is the active label
    await press(page, 'Control+f');
    await typeText(page, 'Russia');
    assert.ok(await widget(page, 'find.whole'), 'the whole-words toggle is drawn');
    await press(page, 'Alt+Enter');
    let ents = await entities(page);
    assert.deepEqual(ents.filter((e) => e.text.startsWith('Russia')).map((e) => e.text), ['Russia', 'Russia', 'Russia']);
    assert.equal(await status(page),
      'Labelled 3 of 3 hits as LOC (Ctrl+Z undoes); 7 hits inside longer words were left out (untick Whole words to see them)');
    await screenshot(page, 'interaction-3-find-whole-words');
    await press(page, 'Control+z');  // from inside the find bar
    await frames(page);
    assert.equal((await entities(page)).length, 1, 'the bulk step was undone from the find bar');

    // Whole words off with the mouse: labelling asks first, with the count.
    await clickWidgetNamed(page, 'find.whole');
    await frames(page);
    await press(page, 'Alt+Enter');
    await frames(page);
    assert.ok(await widget(page, 'find.include'), 'the question is asked');
    await screenshot(page, 'interaction-3-find-inside-words');
    await clickWidgetNamed(page, 'find.include');
    ents = await entities(page);
    assert.equal(ents.filter((e) => e.text.startsWith('Russia')).length, 10);
    assert.equal(await status(page), 'Labelled 10 of 10 hits as LOC (Ctrl+Z undoes)');
    await leaveField(page);
    await press(page, 'Control+z');
    assert.equal((await entities(page)).length, 1);
    // The toggle is remembered: after a reload the bar opens with whole words off.
    await waitSaved(page);
    await page.reload();
    await waitReady(page);
    await frames(page);
    await press(page, 'Control+f');
    await typeText(page, 'Russia');
    await press(page, 'Alt+Enter');
    await frames(page);
    assert.ok(await widget(page, 'find.include'), 'whole words stayed off after the reload');
    await context.close();
  });

  test('suggestions: a label key with nothing selected accepts the current one with that label', async () => {
    const { page, context } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    await press(page, 'Alt+s');
    await frames(page);
    assert.match(await status(page), /^\d+ suggestions: /);
    await screenshot(page, 'interaction-4-suggestions');
    const before = (await entities(page)).length;
    await press(page, '2');  // ORG for the current suggestion, whatever it proposed
    const ents = await entities(page);
    assert.equal(ents.length, before + 1);
    const added = ents.find((e) => e.label === 'ORG');
    assert.ok(added, 'the suggestion became an ORG entity');
    assert.match(await status(page), new RegExp(`^Accepted (ORG "${added.text}"|"${added.text}" as ORG \\(suggested [A-Z]+\\))$`));
    await press(page, 'a');  // A accepts the next with its own label
    assert.equal((await entities(page)).length, before + 2);
    await screenshot(page, 'interaction-4-suggestions-accepted');
    await context.close();
  });

  test('Compare: every row shows kind, A and B in full within the panel; no side is chosen until the user does', async () => {
    const { page, context } = await openPage(browser, server.url, { viewport: { width: 1024, height: 900 } });
    await compareAWithB(page);
    await screenshot(page, 'interaction-5-compare');
    const grip = await widget(page, 'side.splitter');
    await assertTabsInRow(page, grip.x + grip.width / 2, 1024);
    for (let i = 0; i < 4; i++) {
      const row = await widget(page, `agree.row.${i}`);
      const radio = await widget(page, `agree.n.${i}`);
      assert.ok(row && radio, `row ${i} is drawn`);
      assert.ok(row.height > 40, `row ${i} has three lines (${row.height} px)`);
      assert.ok(radio.x >= row.x + row.width && radio.x + radio.width <= 1024, `row ${i}'s side buttons are inside the window`);
    }
    await clickWidgetNamed(page, 'agree.curate');
    assert.equal((await entities(page)).length, 4, 'nothing built while sides are undecided');
    assert.match(await status(page), /^4 differences have no side chosen yet/);
    await clickWidgetNamed(page, 'agree.b.1');
    await clickWidgetNamed(page, 'agree.row.2');  // the mouse makes a row current (one click) ...
    await press(page, 'n');                       // ... and the keys act on it: neither 60-73 nor 60-66
    await clickWidgetNamed(page, 'agree.all.A');
    await frames(page);
    await screenshot(page, 'interaction-5-compare-decided');
    await clickWidgetNamed(page, 'agree.curate');
    assert.deepEqual((await entities(page)).map((e) => `${e.start}-${e.end} ${e.label}`),
      ['0-13 PER', '22-27 LOC', '29-44 ORG']);
    // A phone's width: the panel is a sheet under the article and the five tabs still fit, named short.
    await page.setViewportSize({ width: 640, height: 900 });
    await frames(page, 3);
    await screenshot(page, 'interaction-5-compare-640');
    await assertTabsInRow(page, 0, 640);
    await context.close();
  });

  for (const [width, height] of [[640, 720], [1024, 768], [1920, 1080]]) {
    test(`layout at ${width}x${height}: the text column fits, stays readable and the side panel adapts`, async () => {
      const { page, context } = await openPage(browser, server.url, { viewport: { width, height } });
      await pasteText(page, ARTICLE);
      await frames(page);
      await screenshot(page, `interaction-6-layout-${width}`);
      const para = cp(ARTICLE, 'US and Russian diplomats');
      // The paragraph's first line: its characters share the first one's y.
      const { first, last, n } = await page.evaluate((o) => {
        const a = window.annotator.caretRect(o);
        let k = 1;
        for (let r = window.annotator.caretRect(o + k); r && r.y === a.y; r = window.annotator.caretRect(o + k)) k++;
        return { first: a, last: window.annotator.caretRect(o + k - 1), n: k };
      }, para);
      assert.ok(n <= 95, `a line holds at most ~90 characters (${n})`);
      assert.ok(n >= 20, `a line holds at least 20 characters (${n})`);
      // The side panel's left edge: the middle of its splitter's grip.
      const grip = await widget(page, 'side.splitter');
      const edge = grip ? grip.x + grip.width / 2 : width;
      assert.ok(last.x + last.width <= edge, `the text stops left of the side panel (${last.x + last.width} <= ${edge})`);
      assert.ok(last.x + last.width <= width, 'the text stays inside the window');
      if (width >= 1920) {
        // Lines are ragged: the column's right edge is the rightmost character on the screen.
        const widest = await page.evaluate((n) => {
          let r = 0;
          for (let o = 0; o < n; o++) {
            const c = window.annotator.caretRect(o);
            if (c) r = Math.max(r, c.x + c.width);
          }
          return r;
        }, Array.from(ARTICLE).length);
        const left = first.x, gap = edge - widest;
        assert.ok(left > 150 && Math.abs(left - gap) < 60, `the column is centred (left ${left}, right ${gap})`);
      }
      // F9 hides the side panel; the text takes the room.
      await press(page, 'F9');
      await frames(page);
      assert.equal(await widget(page, 'tab.documents'), null, 'F9 hid the side panel');
      const wide = await page.evaluate((o) => window.annotator.caretRect(o), para);
      assert.ok(width < 1400 || wide.x > first.x, 'on a wide screen the column moves to the new centre');
      await screenshot(page, `interaction-6-layout-${width}-no-panel`);
      await press(page, 'F9');
      await context.close();
    });
  }

  test('the walk: paste, label by mouse and keys, nested, find, suggest, export, reload, import with counts', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await frames(page);
    await screenshot(page, 'interaction-7-empty');
    await pasteText(page, ARTICLE);
    assert.match(await status(page), /^Pasted \d+ characters$/);

    // Label by mouse and keys: a drag + 1, a double-click + 3.
    const sd = cp(ARTICLE, 'State Department spokesperson Victoria Nuland');
    await dragSelect(page, sd, sd + 45);
    await press(page, '1');
    const m = cp(ARTICLE, 'Moscow');
    const mp = await offsetPoint(page, m + 2);
    await page.mouse.dblclick(mp.x, mp.y);
    await settle(page);
    await press(page, '3');
    // Nested: a drag inside the PER entity makes a new selection, labelled ORG.
    await dragSelect(page, sd, sd + 16);
    await press(page, '2');
    assert.deepEqual(spans(await entities(page)), [
      'Moscow LOC', 'State Department spokesperson Victoria Nuland PER', 'State Department ORG',
    ]);
    // A click still selects the outer entity, Delete removes it and says so.
    const inside = await offsetPoint(page, sd + 35);
    await page.mouse.click(inside.x, inside.y);
    await settle(page);
    await press(page, 'Delete');
    assert.equal(await status(page), 'Deleted PER "State Department spokesperson Victoria Nuland" (Ctrl+Z undoes)');
    await press(page, 'Control+z');
    await screenshot(page, 'interaction-7-labelled');

    // Find with the active label (ORG): whole words.
    await press(page, 'Control+f');
    await typeText(page, 'Security Council');
    await press(page, 'Alt+Enter');
    assert.match(await status(page), /^Labelled 4 of 4 hits as ORG/);
    await leaveField(page);
    await press(page, 'Escape');

    // Propagate: "Syria" as LOC, then P labels its other whole-word occurrences, not "@NOW_Syria".
    const sy = cp(ARTICLE, 'Syria,');
    await dragSelect(page, sy, sy + 5);
    await screenshot(page, 'interaction-7-syria-selected');
    await press(page, '3');
    await press(page, 'p');
    await screenshot(page, 'interaction-7-propagated');
    const syria = (await entities(page)).filter((e) => e.text === 'Syria');
    assert.equal(syria.length, 6, 'six whole-word "Syria", none in "Syrian"');
    const handle = cp(ARTICLE, '@NOW_Syria');
    assert.ok(!syria.some((e) => e.start > handle && e.start < handle + 10), '"@NOW_Syria" is left alone');

    // Suggest: a name labelled already is proposed with its label ("Moscow" LOC).
    await press(page, 'Alt+s');
    await frames(page);
    await screenshot(page, 'interaction-7-suggest');
    await press(page, 'Shift+A');
    const all = await entities(page);
    const moscows = all.filter((e) => e.text === 'Moscow');
    assert.ok(moscows.length >= 3 && moscows.every((e) => e.label === 'LOC'), spans(moscows).join(', '));
    assert.ok(!all.some((e) => ['Tuesday', 'March', 'Monday'].includes(e.text)), 'days and months are never names');

    // Export: Ctrl+S downloads the native file; reload brings everything back.
    const download = await catchDownload(page, () => page.keyboard.press('Control+s'));
    assert.match(download.name, /\.annotations\.json$/);
    const saved = JSON.parse(download.text);
    assert.equal(saved.entities.length, all.length);
    await waitSaved(page);
    await page.reload();
    await waitReady(page);
    await frames(page);
    assert.deepEqual(spans(await entities(page)), spans(all));
    await screenshot(page, 'interaction-7-reloaded');

    // Import the downloaded file: the status counts what came in, per label.
    await page.evaluate(() => window.annotator.setText('Another article.'));
    await settle(page);
    await openWithChooser(page, download.name, download.text);
    const per = {};
    for (const e of saved.entities) per[e.label] = (per[e.label] || 0) + 1;
    const counts = ['PER', 'ORG', 'LOC', 'MISC'].filter((l) => per[l]).map((l) => `${l} ${per[l]}`).join(', ');
    assert.equal(await status(page), `Imported ${saved.entities.length} entities from ${download.name}: ${counts}`);
    await screenshot(page, 'interaction-7-imported');
    assert.ok(inkCount(await page.screenshot(), { x: 0, y: 770, width: 1280, height: 30 }) > 200, 'the status bar shows it');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });
});
