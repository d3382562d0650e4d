// Accessibility (issue 15), checked in Chromium's own accessibility tree (CDP
// Accessibility.getFullAXTree), which is what screen readers are given: the article as paragraphs,
// each entity a mark named "text, Label" with its note, the status messages in a live region, the
// side panel's labels as a list and its entities as a table; all kept right after edits and scrolling.
// F6 / Shift+F6 cycling the four regions with only the keyboard, and the keyboard's caret and
// selection as the DOM selection in the mirror and as the focused canvas's active descendant; the
// menu bar and the open menus as menus of items, the one with the keys the active descendant; an
// entity selected by Tab said through a live region; the modal dialogs and the relation picker; the
// Documents tab (the document queue) and the Details panel as tables.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  axFind, axText, axTree, catchDownload, compareAWithB, cp, labelWord, offsetPoint, openPage, pasteText,
  pasteWithKeyboard, press, screenshot, serverAndBrowser, settle,
} from './harness.js';

const ARTICLE = 'Bashar al-Assad met Vladimir Putin in Moscow on Tuesday.\n\n' +
  'The talks in Sochi ended without a statement, Reuters reported.';

// The article's paragraphs, marks, live region, label list and entities table, as read.
async function mirror(page) {
  const tree = await axTree(page);
  const main = axFind(tree.root, 'main').find((n) => n.name === 'Article');
  assert.ok(main, 'a main region named Article');
  const paragraphs = axFind(main, 'paragraph').map(axText);
  const marks = axFind(main, 'mark').map((n) => ({ name: n.name, description: n.description }));
  const status = axFind(tree.root, 'status').map(axText);
  const lists = axFind(tree.root, 'list').filter((n) => n.name === 'Labels');
  const labels = lists.length ? axFind(lists[0], 'listitem').map(axText) : [];
  const tables = axFind(tree.root, 'table');
  const rows = tables.length
    ? axFind(tables[0], 'row').map((r) => [...axFind(r, 'cell'), ...axFind(r, 'columnheader')].map(axText))
    : [];
  return { tree, paragraphs, marks, status, labels, tableName: tables[0]?.name, rows };
}

async function dblclickWord(page, offset) {
  const p = await offsetPoint(page, offset);
  await page.mouse.dblclick(p.x, p.y);
  await settle(page);
}

// A table's rows as the tree gives them: each row's header cells (`head`: columnheader, rowheader),
// then its cells, as text.
const cells = (table, head) => axFind(table, 'row').map((r) => [...axFind(r, head), ...axFind(r, 'cell')].map(axText));

describe('the accessibility mirror', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('paragraphs, entities as named marks, live status, labels list and entities table', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    let m = await mirror(page);
    assert.deepEqual(m.paragraphs.slice(-1), ['No article is open. Paste one with Ctrl+V, or open a file with Ctrl+O.']);

    await pasteText(page, ARTICLE);
    m = await mirror(page);
    assert.deepEqual(m.paragraphs.slice(1), [
      'Bashar al-Assad met Vladimir Putin in Moscow on Tuesday.',
      'The talks in Sochi ended without a statement, Reuters reported.',
    ]);

    // Label Moscow with the mouse and LOC's key: the mark, the spoken message, the count, the row.
    await dblclickWord(page, cp(ARTICLE, 'Moscow') + 2);
    await press(page, '3');
    m = await mirror(page);
    assert.deepEqual(m.marks, [{ name: 'Moscow, Location', description: '' }]);
    assert.ok(m.status.includes('Added LOC "Moscow"'), JSON.stringify(m.status));
    const live = axFind(m.tree.root, 'status').find((n) => axText(n) === 'Added LOC "Moscow"');
    assert.equal(live.properties.live, 'polite');
    assert.ok(m.labels.includes('LOC (Location: countries, cities, regions, geographic features), 1 entity, key 3, active label'),
      JSON.stringify(m.labels));
    assert.ok(m.labels.includes('PER (Person: people, including fictional), 0 entities, key 1'));
    assert.equal(m.tableName, 'Entities');
    assert.deepEqual(m.rows, [['Text', 'Label', 'Start', 'End'], ['Moscow', 'LOC', '38', '44']]);

    // A second entity, then relabel and delete the selected one: the mirror follows every edit.
    await dblclickWord(page, cp(ARTICLE, 'Putin') + 1);
    await press(page, '1');
    m = await mirror(page);
    assert.deepEqual(m.marks.map((x) => x.name), ['Putin, Person', 'Moscow, Location']);
    await press(page, '2');  // relabel the selected Putin as ORG
    m = await mirror(page);
    assert.deepEqual(m.marks.map((x) => x.name), ['Putin, Organisation', 'Moscow, Location']);
    assert.ok(m.status.includes('Relabelled "Putin": PER -> ORG'), JSON.stringify(m.status));
    await press(page, 'Delete');
    m = await mirror(page);
    assert.deepEqual(m.marks.map((x) => x.name), ['Moscow, Location']);
    assert.ok(m.status.includes('Deleted ORG "Putin" (Ctrl+Z undoes)'), JSON.stringify(m.status));
    assert.deepEqual(m.rows.slice(1), [['Moscow', 'LOC', '38', '44']]);
    // The paragraph's text is whole around the mark.
    assert.equal(m.paragraphs[1], 'Bashar al-Assad met Vladimir Putin in Moscow on Tuesday.');

    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  // Issue 11: in the document from the script's run, the mirror's ~100 boxes were laid out before the
  // page's first frame (2.5-3 ms of style and layout CPU). Only the live regions are there before it
  // (a live region must be in the document before the text it announces); the rest joins them with the
  // first frame's description, right after the frame, in the same order as before.
  test('before the first frame only the live regions are in the document; the rest follows right after it', async () => {
    const { page, context, log } = await openPage(browser, server.url, {
      beforeLoad: (p) => p.addInitScript(() => {
        window.__mirrorSeen = {};
        let ready = false;
        let promise;
        Object.defineProperty(window, 'annotatorReady', {
          configurable: true,
          get() { return promise; },
          set(v) { promise = v; v.then(() => { ready = true; }, () => {}); },
        });
        new MutationObserver(() => {
          for (const id of ['aa-a11y', 'aa-live', 'aa-say', 'aa-cursor', 'aa-menubar', 'aa-article', 'aa-side']) {
            if (!(id in window.__mirrorSeen) && document.getElementById(id)) window.__mirrorSeen[id] = ready ? 'after' : 'before';
          }
        }).observe(document, { childList: true, subtree: true });
      }),
    });
    await page.waitForFunction(() => document.getElementById('aa-side') && 'aa-side' in window.__mirrorSeen);
    assert.deepEqual(await page.evaluate(() => window.__mirrorSeen), {
      'aa-a11y': 'before', 'aa-live': 'before', 'aa-say': 'before',
      'aa-cursor': 'after', 'aa-menubar': 'after', 'aa-article': 'after', 'aa-side': 'after',
    });
    assert.deepEqual(await page.evaluate(() => [...document.getElementById('aa-a11y').children].map((e) => e.id || e.tagName)),
      ['aa-live', 'aa-say', 'aa-cursor', 'aa-menubar', 'aa-menus', 'aa-dialogs', 'MAIN', 'aa-side']);
    const m = await mirror(page);
    assert.deepEqual(m.paragraphs.slice(-1), ['No article is open. Paste one with Ctrl+V, or open a file with Ctrl+O.']);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('a note is the mark\'s description; nested entities are nested marks', async () => {
    const { page, context } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    const doc = await page.evaluate(({ a, b, c, d }) => {
      window.annotator.addEntity(a, b, 'PER');
      window.annotator.addEntity(c, d, 'PER');
      const native = JSON.parse(window.annotator.exportAs('native'));
      native.entities[0].note = 'President of Syria';
      window.annotator.importFrom('native', JSON.stringify(native), 'assad.json');
      window.annotator.renderFrame();
      return native;
    }, { a: 0, b: 15, c: 7, d: 15 });
    assert.equal(doc.entities.length, 2);
    await settle(page);
    const tree = await axTree(page);
    const marks = axFind(tree.root, 'mark');
    assert.deepEqual(marks.map((n) => [n.name, n.description]), [
      ['Bashar al-Assad, Person', 'President of Syria'],
      ['al-Assad, Person', ''],
    ]);
    assert.equal(axFind(marks[0], 'mark').length, 2, 'al-Assad is inside Bashar al-Assad');
    await context.close();
  });

  test('only the paragraphs near the view are in the tree, and they follow the scroll', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    const paras = Array.from({ length: 3000 }, (_, i) => `Paragraph ${i} tells of Moscow and of nothing else.`);
    await page.evaluate((t) => window.annotator.setText(t), paras.join('\n'));
    await settle(page);
    let m = await mirror(page);
    const shown = (list) => list.filter((p) => p.startsWith('Paragraph ')).map((p) => Number(p.split(' ')[1]));
    let numbers = shown(m.paragraphs);
    assert.equal(numbers[0], 0);
    assert.ok(numbers.length >= 10 && numbers.length < 60, `${numbers.length} paragraphs in the tree`);
    assert.deepEqual(numbers, numbers.map((_, i) => i), 'in order, none missing');
    const total = paras.join('\n').length;
    assert.match(m.paragraphs[0], new RegExp(`^characters 1 to \\d+ of ${total} are shown below; scroll the article to read on\\.$`));

    // Scroll far down with the wheel: the mirror moves with the view.
    const c = await offsetPoint(page, 5);
    await page.mouse.move(c.x, c.y);
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 2000);
    await settle(page);
    await settle(page);
    assert.deepEqual(log.consoleErrors, [], 'the wheel is handled on the canvas, without a console error');
    m = await mirror(page);
    numbers = shown(m.paragraphs);
    assert.ok(numbers[0] > 200, `the first paragraph in the tree is ${numbers[0]}`);
    assert.deepEqual(numbers, numbers.map((_, i) => numbers[0] + i));
    const dom = await page.evaluate(() => document.querySelectorAll('#aa-article p').length);
    assert.equal(dom, numbers.length);
    await context.close();
  });

  test('F6 and Shift+F6 cycle menu bar, article, side panel and status bar; keys move within each', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    await page.locator('canvas').focus();
    const statusText = () => page.evaluate(() => window.annotator.statusMessage());
    // The element a screen reader is pointed at: the canvas's aria-activedescendant, as Chromium reports it.
    const pointedAt = async () => {
      const tree = await axTree(page);
      const app = tree.nodes.find((n) => n.role === 'application');
      assert.ok(app && app.properties.focused, 'the canvas is a focused application');
      const ids = app.related.activedescendant || [];
      return ids.length ? tree.byDom.get(ids[0]) : null;
    };
    let node = await pointedAt();
    assert.match(axText(node), /^Caret before character 1 of \d+, in "Bashar"\.$/);

    await press(page, 'F6');
    assert.match(await statusText(), /^Side panel: Tab moves between its controls/);
    node = await pointedAt();
    assert.deepEqual([node.role, node.name], ['complementary', 'Side panel']);
    await screenshot(page, 'a11y-region-side');

    // The status bar: the message stays; Tab reaches its Log button, Enter opens the message log.
    const before = await statusText();
    await press(page, 'F6');
    assert.equal(await statusText(), before);
    node = await pointedAt();
    assert.equal(node.role, 'status');
    assert.equal(await page.evaluate(() => window.annotator.widgetRect('log.window')), null);
    await press(page, 'Tab');
    await screenshot(page, 'a11y-region-status');
    await press(page, 'Enter');
    await settle(page);
    assert.ok(await page.evaluate(() => window.annotator.widgetRect('log.window')), 'Enter on Log opened the message log');

    // The menu bar: Right moves to Edit, Enter opens it, Escape closes it, Escape again leaves.
    await press(page, 'F6');
    assert.match(await statusText(), /^Menu bar: Left and Right choose a menu/);
    node = await pointedAt();
    assert.deepEqual([node.role, node.name], ['menuitem', 'File'], 'the menu bar\'s entry with the keys');
    await press(page, 'ArrowRight');
    await press(page, 'Enter');
    await settle(page);
    await screenshot(page, 'a11y-region-menu');
    assert.ok(await page.evaluate(() => window.annotator.widgetRect('menu.undo')), 'the Edit menu is open');
    await press(page, 'Escape');
    await settle(page);
    assert.equal(await page.evaluate(() => window.annotator.widgetRect('menu.undo')), null);
    await press(page, 'Escape');
    await settle(page);
    node = await pointedAt();
    assert.match(axText(node), /^Caret before character 1 of/, 'back in the article');
    await press(page, 'ArrowRight');
    node = await pointedAt();
    assert.match(axText(node), /^Caret before character 2 of/, 'the arrows move the caret again');

    // Shift+F6 goes backwards: menu bar, status bar, side panel, article.
    const regions = [];
    for (let i = 0; i < 4; i++) {
      await press(page, 'Shift+F6');
      node = await pointedAt();
      regions.push(node ? node.role : 'none');
    }
    assert.deepEqual(regions, ['menuitem', 'status', 'complementary', 'paragraph']);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('the keyboard caret and selection are the document\'s selection and the screen reader\'s focus', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    await page.locator('canvas').focus();
    const total = Array.from(ARTICLE).length;
    // What Chromium's tree says the focus is on, and where the DOM selection is in the mirror (code points).
    const read = async () => {
      const tree = await axTree(page);
      const app = tree.nodes.find((n) => n.role === 'application' && n.properties.focused);
      assert.ok(app, 'the focused canvas is in the tree');
      const target = tree.byDom.get((app.related.activedescendant || [])[0]);
      const dom = await page.evaluate(() => {
        const s = document.getSelection();
        if (!s.rangeCount) return null;
        const at = (node, offset) => {
          const p = (node.nodeType === 1 ? node : node.parentElement).closest('p[data-start]');
          const r = document.createRange();
          r.setStart(p, 0);
          r.setEnd(node, offset);
          return Number(p.dataset.start) + Array.from(r.toString()).length;
        };
        return { text: s.toString(), start: at(s.anchorNode, s.anchorOffset), end: at(s.focusNode, s.focusOffset),
                 inMirror: document.getElementById('aa-article').contains(s.anchorNode) };
      });
      return { said: target ? axText(target) : null, role: target?.role, dom };
    };

    // Shift+Ctrl+Right selects "Bashar": the DOM selection is those characters, the focus says them.
    await press(page, 'Control+Home');
    await press(page, 'Shift+Control+ArrowRight');
    let r = await read();
    assert.equal(r.said, `Selected: "Bashar", characters 1 to 6 of ${total}.`);
    assert.deepEqual(r.dom, { text: 'Bashar', start: 0, end: 6, inMirror: true });

    // Right collapses it: the caret, exposed as a collapsed selection at character 6.
    await press(page, 'ArrowRight');
    r = await read();
    assert.equal(r.said, `Caret before character 7 of ${total}, in "Bashar".`);
    assert.deepEqual(r.dom, { text: '', start: 6, end: 6, inMirror: true });
    await press(page, 'Control+ArrowRight');
    await press(page, 'ArrowDown');
    r = await read();
    assert.ok(r.dom.start > cp(ARTICLE, 'The talks'), `the caret went to the next paragraph (${r.dom.start})`);
    assert.match(r.said, new RegExp(`^Caret before character ${r.dom.start + 1} of ${total}, in "\\S+"\\.$`));

    // An edit: label Moscow with the keys; the selected entity is what the focus and the selection say.
    const m = cp(ARTICLE, 'Moscow');
    await press(page, 'Control+Home');
    for (let i = 0; i < m; i++) await page.keyboard.press('ArrowRight');
    await press(page, 'Shift+Control+ArrowRight');
    await press(page, '3');
    r = await read();
    assert.equal(r.said, `Entity "Moscow", LOC, characters ${m + 1} to ${m + 6} of ${total}.`);
    assert.deepEqual(r.dom, { text: 'Moscow', start: m, end: m + 6, inMirror: true });
    await press(page, 'Control+Z');
    r = await read();
    assert.equal(r.dom.inMirror, true);

    // A long article scrolled to its end: the selection follows into the paragraphs now mirrored.
    const paras = Array.from({ length: 3000 }, (_, i) => `Paragraph ${i} tells of Moscow and of nothing else.`);
    const long = paras.join('\n');
    await page.evaluate((t) => window.annotator.setText(t), long);
    await settle(page);
    await page.locator('canvas').focus();
    await press(page, 'Control+End');
    await settle(page);
    await press(page, 'Shift+Home');
    r = await read();
    const n = Array.from(long).length;
    assert.equal(r.said, `Selected: "${paras[2999]}", characters ${n - paras[2999].length + 1} to ${n} of ${n}.`);
    assert.deepEqual(r.dom, { text: paras[2999], start: n - paras[2999].length, end: n, inMirror: true });
    await screenshot(page, 'a11y-keyboard-selection-end');

    // Outside the article the mirror holds no selection.
    await press(page, 'F6');
    r = await read();
    assert.equal(r.dom, null, 'in the side panel the mirror holds no selection');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('menus: the open menu is a menu of items with their shortcuts and states; the item with the keys is the focus', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    await page.locator('canvas').focus();
    // The canvas's active descendant and the menus, as Chromium's tree gives them to a screen reader.
    const read = async () => {
      const tree = await axTree(page);
      const app = tree.nodes.find((n) => n.role === 'application' && n.properties.focused);
      assert.ok(app, 'the focused canvas is in the tree');
      const focus = tree.byDom.get((app.related.activedescendant || [])[0]) || null;
      const item = (n) => ({
        role: n.role, name: n.name, shortcut: n.description, keys: n.properties.keyshortcuts,
        checked: n.properties.checked, disabled: !!n.properties.disabled, expanded: n.properties.expanded,
      });
      const menus = axFind(tree.root, 'menu').map((m) => ({
        name: m.name,
        items: [...axFind(m, 'menuitem'), ...axFind(m, 'menuitemcheckbox')].map(item),
      }));
      const bar = axFind(tree.root, 'menubar')[0];
      return { focus: focus && item(focus), menus, bar: bar && { name: bar.name, items: axFind(bar, 'menuitem').map(item) } };
    };
    // The mirror's states, waited for (never a number of frames): the open menus' names, the focused id.
    const openMenus = () => page.evaluate(() => [...document.querySelectorAll('#aa-menus [role=menu]')]
      .map((m) => m.getAttribute('aria-label')).join('|'));
    const focusId = () => page.evaluate(() => document.getElementById('canvas').getAttribute('aria-activedescendant'));
    const waitMenus = (names) => page.waitForFunction((n) => [...document.querySelectorAll('#aa-menus [role=menu]')]
      .map((m) => m.getAttribute('aria-label')).join('|') === n, names);

    let r = await read();
    assert.deepEqual(r.bar.items.map((i) => i.name), ['File', 'Edit', 'View', 'Labels', 'Help']);
    assert.equal(r.bar.name, 'Menu bar');
    assert.deepEqual(r.menus, []);

    // Shift+F6, Right, Enter: the Edit menu, its first item the focus; Down moves the focus.
    await press(page, 'Shift+F6');
    await page.waitForFunction(() => document.getElementById('canvas').getAttribute('aria-activedescendant') === 'aa-mb-0');
    r = await read();
    assert.deepEqual([r.focus.role, r.focus.name], ['menuitem', 'File']);
    await press(page, 'ArrowRight');
    await press(page, 'Enter');
    await waitMenus('Edit');
    await page.waitForFunction(() => /^aa-menu-0-\d+$/.test(document.getElementById('canvas').getAttribute('aria-activedescendant')));
    r = await read();
    const edit = r.menus[0];
    assert.equal(edit.name, 'Edit');
    const undo = edit.items.find((i) => i.name === 'Undo');
    assert.deepEqual(undo, { role: 'menuitem', name: 'Undo', shortcut: 'Ctrl+Z', keys: 'Control+Z', checked: undefined,
      disabled: true, expanded: undefined });
    assert.equal(r.focus.role, 'menuitem');
    assert.ok(!r.focus.disabled, `the focus is on an item that can be chosen (${r.focus.name})`);
    await screenshot(page, 'a11y-menu-edit');
    const first = await focusId();
    await press(page, 'ArrowDown');
    await page.waitForFunction((f) => document.getElementById('canvas').getAttribute('aria-activedescendant') !== f, first);
    const next = await read();
    assert.notEqual(next.focus.name, r.focus.name);
    assert.ok(edit.items.findIndex((i) => i.name === next.focus.name) > edit.items.findIndex((i) => i.name === r.focus.name),
      `Down moved the focus down (${r.focus.name} -> ${next.focus.name})`);
    await press(page, 'Escape');
    await waitMenus('');
    await press(page, 'Escape');

    // View with the mouse: its toggles are checkbox items with their state.
    const view = await page.evaluate(() => window.annotator.widgetRect('menu.view'));
    await page.mouse.click(view.x + view.width / 2, view.y + view.height / 2);
    await waitMenus('View');
    r = await read();
    assert.deepEqual(r.menus[0].items.find((i) => i.name === 'Side panel'),
      { role: 'menuitemcheckbox', name: 'Side panel', shortcut: 'F9', keys: 'F9', checked: 'true', disabled: false,
        expanded: undefined });
    assert.equal(r.menus[0].items.find((i) => i.name === 'Sticky label (label on release)').checked, 'false');
    assert.equal(r.bar.items.find((i) => i.name === 'View').expanded, true);
    await screenshot(page, 'a11y-menu-view');
    await press(page, 'Escape');
    await waitMenus('');

    // An entity's context menu, named as its mark.
    await dblclickWord(page, cp(ARTICLE, 'Moscow') + 2);
    await press(page, '3');
    const at = await offsetPoint(page, cp(ARTICLE, 'Moscow') + 2);
    await page.mouse.click(at.x, at.y, { button: 'right' });
    await waitMenus('Moscow, Location');
    r = await read();
    assert.deepEqual(r.menus[0].items.map((i) => i.name), ['Relabel', 'Note...', 'Copy text', 'Add relation...',
      'Lock this entity', 'Lock all LOC entities', 'Delete']);
    assert.equal(r.menus[0].items.find((i) => i.name === 'Delete').keys, 'Delete');
    await screenshot(page, 'a11y-menu-context');
    await press(page, 'Escape');
    await waitMenus('');
    assert.equal(await openMenus(), '');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  // Assad and Putin (PER), Moscow (LOC, with a note), and two relation types: a document to step through
  // by keyboard and to make relations in.
  const DOC = JSON.stringify({
    format: 'article-annotator', version: 2, text: ARTICLE,
    labels: [
      { name: 'PER', color: '#aa9cfc', key: '1', description: 'Person: a named individual' },
      { name: 'LOC', color: '#feca74', key: '3', description: 'Location: a place' },
    ],
    relation_types: [
      { name: 'met_with', color: '#3366cc', key: 'm', sources: ['PER'], targets: ['PER'], symmetric: true },
      { name: 'located_in', color: '#aa33aa', targets: ['LOC'] },
    ],
    entities: [
      { id: 'e1', start: 0, end: 15, label: 'PER', text: 'Bashar al-Assad' },
      { id: 'e2', start: cp(ARTICLE, 'Vladimir Putin'), end: cp(ARTICLE, 'Vladimir Putin') + 14, label: 'PER',
        text: 'Vladimir Putin' },
      { id: 'e3', start: cp(ARTICLE, 'Moscow'), end: cp(ARTICLE, 'Moscow') + 6, label: 'LOC', text: 'Moscow',
        note: 'Capital of Russia' },
    ],
  });
  // The canvas's active descendant as Chromium's tree gives it, and the node with the DOM focus.
  async function pointed(page) {
    const tree = await axTree(page);
    const app = tree.nodes.find((n) => n.role === 'application');
    const ids = app?.related.activedescendant || [];
    return { tree, app, active: ids.length ? tree.byDom.get(ids[0]) : null,
             focused: tree.nodes.filter((n) => n.properties.focused && n.role !== 'RootWebArea').pop() };
  }

  test('an entity selected by Tab is said with its label and note through a live region', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await page.evaluate((doc) => window.annotator.importFrom('native', doc, 'talks.json'), DOC);
    await settle(page);
    await page.locator('canvas').focus();
    const said = async (text) => {
      await page.waitForFunction((t) => document.getElementById('aa-say').textContent === t, text);
      const tree = await axTree(page);
      const live = axFind(tree.root, 'status').filter((n) => axText(n) === text);
      assert.equal(live.length, 1, `one live region says ${text}`);
      assert.equal(live[0].properties.live, 'polite');
      assert.equal(live[0].properties.atomic, true);
    };
    await press(page, 'Tab');
    await said('Bashar al-Assad, Person');
    await press(page, 'Tab');
    await said('Vladimir Putin, Person');
    await press(page, 'Tab');
    await said('Moscow, Location. Capital of Russia');
    await press(page, 'Shift+Tab');
    await said('Vladimir Putin, Person');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('a modal dialog is a named aria-modal dialog with its text, named field and buttons; the keys\' control is the focus', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    for (const w of ['menu.edit', 'menu.annotator']) {
      const r = await page.evaluate((n) => window.annotator.widgetRect(n), w);
      await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
      await settle(page);
    }
    await page.waitForFunction(() => document.querySelector('#aa-dialogs [role=dialog]'));
    let p = await pointed(page);
    const dialogs = axFind(p.tree.root, 'dialog');
    assert.equal(dialogs.length, 1);
    assert.equal(dialogs[0].name, 'Your name');
    assert.equal(dialogs[0].properties.modal, true);
    assert.match(dialogs[0].description, /^Each entity and relation you add carries your name and the time/);
    assert.deepEqual(axFind(dialogs[0], 'button').map((n) => n.name), ['Save', 'Cancel']);
    assert.deepEqual(axFind(dialogs[0], 'textbox').map((n) => n.name), ['Your name']);
    // The field has the keys: the browser's own element over it has the DOM focus, named as the field.
    assert.deepEqual([p.focused.role, p.focused.name], ['textbox', 'Your name']);
    await screenshot(page, 'a11y-dialog-name');
    // Tab: ImGui's focus goes to Save, the canvas has the DOM focus again and points at Save.
    await press(page, 'Tab');
    await page.waitForFunction(() => /^aa-dialog-0-1$/.test(document.getElementById('canvas').getAttribute('aria-activedescendant')));
    p = await pointed(page);
    assert.ok(p.app.properties.focused, 'the canvas has the focus');
    assert.deepEqual([p.active.role, p.active.name], ['button', 'Save']);
    await press(page, 'Escape');
    await page.waitForFunction(() => !document.querySelector('#aa-dialogs [role=dialog]'));
    p = await pointed(page);
    assert.equal(axFind(p.tree.root, 'dialog').length, 0);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('the relation picker is a list box of options; the one at the cursor is the active descendant; the Relations table', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await page.evaluate((doc) => window.annotator.importFrom('native', doc, 'talks.json'), DOC);
    await settle(page);
    await page.locator('canvas').focus();
    await press(page, 'Tab');  // Bashar al-Assad
    await press(page, 'r');
    await page.waitForFunction(() => document.querySelector('#aa-dialogs [role=listbox]'));
    let p = await pointed(page);
    const box = axFind(p.tree.root, 'listbox')[0];
    assert.equal(box.name, 'Relation from PER "Bashar al-Assad": choose the target');
    assert.equal(box.description, '1-9 or Up, Down and Enter choose; or click the target in the text. Escape cancels.');
    assert.deepEqual(axFind(box, 'option').map((n) => [n.name, !!n.properties.selected]),
      [['1: Vladimir Putin, Person', true], ['2: Moscow, Location', false]]);
    assert.deepEqual([p.active.role, p.active.name], ['option', '1: Vladimir Putin, Person']);
    await screenshot(page, 'a11y-relation-picker');
    await press(page, 'ArrowDown');
    await page.waitForFunction(() => document.getElementById('canvas').getAttribute('aria-activedescendant') === 'aa-dialog-0-1');
    p = await pointed(page);
    assert.deepEqual([p.active.role, p.active.name, p.active.properties.selected], ['option', '2: Moscow, Location', true]);
    await press(page, 'Escape');
    await page.waitForFunction(() => !document.querySelector('#aa-dialogs [role=listbox]'));
    // R, 1: Putin, met_with (the only type PER -> PER allows): the relation is a row of the Relations table.
    await press(page, 'r');
    await press(page, '1');
    await page.waitForFunction(() => document.querySelectorAll('#aa-side table')[1].tBodies[0].rows.length === 1);
    p = await pointed(page);
    const table = axFind(p.tree.root, 'table').find((n) => n.name === 'Relations');
    assert.ok(table, 'a table named Relations');
    assert.deepEqual(axFind(table, 'row').map((r) => [...axFind(r, 'columnheader'), ...axFind(r, 'cell')].map(axText)),
      [['Source', 'Type', 'Target'], ['Bashar al-Assad', 'met_with', 'Vladimir Putin']]);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('the Documents tab, the selected entity\'s Details and the suggestions are tables in the tree', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    const work = mkdtempSync(join(tmpdir(), 'aa-a11y-'));
    const files = [['one.txt', 'Angela Merkel visited Paris.'], ['two.txt', 'Olaf Scholz spoke in Rome.']]
      .map(([name, text]) => { writeFileSync(join(work, name), text); return join(work, name); });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+o')]);
    await chooser.setFiles(files);
    await page.waitForFunction(() => document.querySelectorAll('#aa-side table')[3].tBodies[0].rows.length === 2);
    await labelWord(page, 1, '1');  // Angela: PER, selected
    await page.waitForFunction(() => document.querySelectorAll('#aa-side table')[3].tBodies[0].rows[0].cells[1].textContent === 'in progress');
    const tree = await axTree(page);
    const docs = axFind(tree.root, 'table').find((n) => n.name === 'Documents');
    assert.ok(docs, 'a table named Documents');
    assert.deepEqual(cells(docs, 'columnheader'),
      [['Document', 'Status', 'Entities'], ['Angela Merkel visited Paris.', 'in progress', '1'], ['Olaf Scholz spoke in Rome.', 'to do', '0']]);
    const details = axFind(tree.root, 'table').find((n) => n.name === 'Details');
    assert.ok(details, 'a table named Details');
    assert.deepEqual(cells(details, 'rowheader'), [['Text', 'Angela'], ['Label', 'PER'], ['Start', '0'], ['End', '6'],
      ['Locked', 'no'], ['Note', ''], ['KB id', '']]);
    // Alt+S: Suggest (names: Paris is a place); the suggestions are a table, the one N, A and R act on current.
    await press(page, 'Alt+s');
    await page.waitForFunction(() => document.querySelectorAll('#aa-side table')[4].tBodies[0].rows.length > 0);
    const suggestions = axFind((await axTree(page)).root, 'table').find((n) => n.name === 'Suggestions');
    assert.ok(suggestions, 'a table named Suggestions');
    assert.deepEqual(cells(suggestions, 'columnheader'), [['Text', 'Label', 'Source'], ['Paris', 'LOC', 'names']]);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
    rmSync(work, { recursive: true, force: true });
  });

  test('a comparison\'s differences are a table in the tree: kind, both sides, the side chosen', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await compareAWithB(page);
    await press(page, ']');  // the first difference, then the second: Macron
    await press(page, ']');
    await press(page, 'b');  // as B has it: ORG
    const comparison = () => [...document.querySelectorAll('#aa-side table')]
      .find((t) => t.caption?.textContent.startsWith('Comparison with bob.json'));
    await page.waitForFunction(`(${comparison})()?.tBodies[0].rows[1]?.cells[3]?.textContent === 'B'`);
    const differences = axFind((await axTree(page)).root, 'table').find((n) => n.name === 'Differences');
    assert.ok(differences, 'a table named Differences');
    assert.deepEqual(cells(differences, 'columnheader'), [
      ['Difference', 'A', 'B', 'Chosen'],
      ['missing in B', 'LOC "Paris"', '(none)', 'not chosen'],
      ['other label', 'PER "Emmanuel Macron"', 'ORG "Emmanuel Macron"', 'B'],
      ['other boundaries', 'LOC "Elysee Palace"', 'LOC "Elysee"', 'not chosen'],
      ['extra in B', '(none)', 'LOC "Paris"', 'not chosen'],
    ]);
    const current = await page.evaluate(`(${comparison})().querySelector('tr[aria-current="true"] td')?.textContent`);
    assert.equal(current, 'other label', 'the difference the keys act on is the current row');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('the whole walk without the mouse: paste, label five, relabel, delete, export', async () => {
    const { page, context, log } = await openPage(browser, server.url, { permissions: ['clipboard-read', 'clipboard-write'] });
    const text = 'Vladimir Putin met Bashar Assad in Moscow on Tuesday.\nThe talks in Sochi ended, Reuters reported.';
    await pasteWithKeyboard(page, text);
    const keys = async (...list) => { for (const k of list) await press(page, k); };
    await keys('Control+Home', 'Shift+Control+ArrowRight', 'Shift+Control+ArrowRight', '1');      // Vladimir Putin
    await keys('ArrowRight', 'Control+ArrowRight', 'ArrowRight', 'Shift+Control+ArrowRight', 'Shift+Control+ArrowRight', '1');  // Bashar Assad
    await keys('ArrowRight', 'Control+ArrowRight', 'ArrowRight', 'Shift+Control+ArrowRight', '3');  // Moscow
    await keys('ArrowRight', 'Control+ArrowRight', 'ArrowRight', 'Shift+Control+ArrowRight', '4');  // Tuesday
    await keys('ArrowRight', 'ArrowDown', 'Home', 'Control+ArrowRight', 'Control+ArrowRight', 'Control+ArrowRight',
      'ArrowRight', 'Shift+Control+ArrowRight', '3');                                                  // Sochi
    await keys('ArrowRight', 'Control+ArrowRight', 'Control+ArrowRight', 'ArrowRight', 'Shift+Control+ArrowRight',
      '2');                                                                                           // Reuters
    let list = await page.evaluate(() => window.annotator.entities());
    assert.deepEqual(list.map((e) => [e.text, e.label]), [
      ['Vladimir Putin', 'PER'], ['Bashar Assad', 'PER'], ['Moscow', 'LOC'], ['Tuesday', 'MISC'], ['Sochi', 'LOC'],
      ['Reuters', 'ORG'],
    ]);
    assert.equal(list[2].start, cp(text, 'Moscow'));

    // Step back to Tuesday with Shift+Tab and delete it; step to Moscow and relabel it.
    await keys('Shift+Tab', 'Shift+Tab', 'Delete');
    assert.equal(await page.evaluate(() => window.annotator.statusMessage()), 'Deleted MISC "Tuesday" (Ctrl+Z undoes)');
    await keys('Shift+Tab', '2');
    assert.equal(await page.evaluate(() => window.annotator.statusMessage()), 'Relabelled "Moscow": LOC -> ORG');

    // The side panel is reachable: F6 goes there (Tab then stays in it), Shift+F6 comes back.
    await keys('F6');
    const side = await screenshot(page, 'a11y-keyboard-side-panel');
    await keys('Tab', 'Tab');
    assert.match(await page.evaluate(() => window.annotator.statusMessage()), /^Side panel: Tab moves between its controls/);
    await keys('Shift+F6');
    assert.match(await page.evaluate(() => window.annotator.statusMessage()), /^Article: arrows move the caret/);
    await keys('Control+Home', 'Shift+Control+ArrowRight');
    await screenshot(page, 'a11y-keyboard-article');
    void side;

    const download = await catchDownload(page, () => page.keyboard.press('Control+S'));
    const saved = JSON.parse(download.text);
    assert.deepEqual(saved.entities.map((e) => [e.start, e.end, e.label]), [
      [0, 14, 'PER'], [19, 31, 'PER'], [35, 41, 'ORG'], [cp(text, 'Sochi'), cp(text, 'Sochi') + 5, 'LOC'],
      [cp(text, 'Reuters'), cp(text, 'Reuters') + 7, 'ORG'],
    ]);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });
});
