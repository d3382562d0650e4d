// Relations, document labels, hidden and locked labels in the real page (issue 16), with the real
// mouse and keys in Chromium: a relation made by a drag from a tag and by R and the list of nearby
// entities, retyped, reversed and deleted by mouse and by keys, undone; deleting an entity that
// has relations asks; document labels chosen in the Labels tab; a hidden label and its arcs not
// drawn; a locked label's entity not deleted; the Relations table's filter; a guidelines link opened
// in a new tab with no opener and no referrer, and bold drawn in the browser's bold face.
// test-results/relations-sample.png shows the sample article with 5 relations (look at it).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clickWidgetNamed, cp, frames, openPage, press, ROOT, screenshot, serverAndBrowser, settle, widgetCentre,
} from './harness.js';

const ARTICLE = readFileSync(join(ROOT, 'tests/fixtures/suggest/news-article-syria-talks.txt'), 'utf8');

// Tall enough for the eight entities (the lines where an entity with relations starts are taller by
// their arc band).
const VIEW = { viewport: { width: 1280, height: 1000 } };
const status = (page) => page.evaluate(() => window.annotator.statusMessage());
const native = async (page) => JSON.parse(await page.evaluate(() => window.annotator.exportAs('native')));
const relations = async (page) => (await native(page)).relations || [];

// The sample article with ten entities and four relation types; `rels` relations to start with.
function sampleDocument(rels = []) {
  // [id, text, label, the text before it where it first occurs otherwise]
  const ents = [
    ['e1', 'Moscow', 'LOC', ''],
    ['e2', 'Syria', 'LOC', 'unrest in '],
    ['e3', 'State Department', 'ORG', ''],
    ['e4', 'Bashar al-Assad', 'PER', ''],
    ['e5', 'Jeffrey Feltman', 'PER', ''],
    ['e6', 'Victoria Nuland', 'PER', ''],
    ['e7', 'UN Security Council', 'ORG', ''],
    ['e8', 'United Nations', 'ORG', ''],
  ];
  const entities = ents.map(([id, s, label, before]) => {
    const start = cp(ARTICLE, before + s) + Array.from(before).length;
    return { id, start, end: start + Array.from(s).length, label, text: s };
  });
  entities.sort((a, b) => a.start - b.start);
  return JSON.stringify({
    format: 'article-annotator',
    version: 2,
    text: ARTICLE,
    labels: [
      { name: 'PER', color: '#aa9cfc', key: '1', description: 'Person: a named individual' },
      { name: 'ORG', color: '#7aecec', key: '2' },
      { name: 'LOC', color: '#feca74', key: '3' },
      { name: 'MISC', color: '#e4e7d2', key: '4' },
    ],
    relation_types: [
      { name: 'works_for', color: '#cc3333', key: 'w', sources: ['PER'], targets: ['ORG'] },
      { name: 'met_with', color: '#3366cc', key: 'm', sources: ['PER'], targets: ['PER'], symmetric: true },
      { name: 'praised', color: '#339933', key: 'p', sources: ['PER'] },
      { name: 'located_in', color: '#aa33aa', targets: ['LOC'] },
    ],
    doc_label_types: [{ name: 'politics', color: '#eeee88' }, { name: 'diplomacy', color: '#88eeee' }],
    guidelines: '# People\n- **PER**: a named person\n- [ACE guidelines](https://example.org/ace)',
    entities,
    relations: rels,
  });
}

// Relations of the sample: Nuland works for the State Department, Feltman met with Nuland, the State
// Department and Assad located in Moscow and Syria, Feltman praised the UN Security Council.
const RELATIONS = [
  { id: 'r1', type: 'works_for', from: 'e6', to: 'e3' },
  { id: 'r2', type: 'met_with', from: 'e5', to: 'e6' },
  { id: 'r3', type: 'located_in', from: 'e3', to: 'e1' },
  { id: 'r4', type: 'located_in', from: 'e4', to: 'e2' },
  { id: 'r5', type: 'praised', from: 'e5', to: 'e7' },
];

async function load(page, rels) {
  await page.evaluate((doc) => window.annotator.importFrom('native', doc, 'sample.json'), sampleDocument(rels));
  await frames(page, 3);
}

// A drag with the real mouse from an entity's tag to the middle of another entity.
async function dragTagTo(page, from, to) {
  const a = await widgetCentre(page, `tag.${from}`);
  const [b] = await page.evaluate((id) => window.annotator.highlightRects(id), to);
  assert.ok(b, `${to} is drawn`);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(a.x + 20, a.y + 10, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
  await frames(page);
}

// A side panel tab opens on the release after a press it saw: one frame each.
async function sideTab(page, name) {
  const tab = await widgetCentre(page, name);
  await page.mouse.move(tab.x, tab.y);
  await settle(page);
  await page.mouse.down();
  await settle(page);
  await page.mouse.up();
  await frames(page);
}

describe('relations, document labels, hide and lock (issue 16)', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('by mouse: a drag from a tag makes a relation; its label selects it; retype, reverse, delete; undo', async () => {
    const { page, context } = await openPage(browser, server.url, VIEW);
    await load(page);
    // Nuland -> State Department: works_for and praised allow PER -> ORG: the list asks.
    await dragTagTo(page, 'e6', 'e3');
    assert.deepEqual(await relations(page), []);
    await clickWidgetNamed(page, 'relpick.row.0');
    assert.deepEqual(await relations(page), [{ id: 'r1', type: 'works_for', from: 'e6', to: 'e3' }]);
    assert.equal(await status(page),
      'Added relation PER "Victoria Nuland" -works_for-> ORG "State Department" (Ctrl+Z undoes)');
    // Feltman -> Nuland (PER -> PER: met_with, praised): choose praised, then retype with the menu.
    await dragTagTo(page, 'e5', 'e6');
    await clickWidgetNamed(page, 'relpick.row.1');
    assert.equal((await relations(page))[1].type, 'praised');
    await frames(page);
    const label = await widgetCentre(page, 'arc.r2');
    await page.mouse.click(label.x, label.y, { button: 'right' });
    await frames(page);
    assert.ok(await page.evaluate(() => window.annotator.widgetRect('relation_menu.delete')), 'the relation menu is open');
    await screenshot(page, 'relations-menu');
    await press(page, 'Escape');
    // The details area: Reverse.
    await page.mouse.click(label.x, label.y);
    await frames(page);
    await clickWidgetNamed(page, 'relation.reverse');
    assert.deepEqual((await relations(page))[1], { id: 'r2', type: 'praised', from: 'e6', to: 'e5' });
    // Delete from the details area; Ctrl+Z brings it back.
    await clickWidgetNamed(page, 'relation.delete');
    assert.equal((await relations(page)).length, 1);
    await press(page, 'Control+z');
    assert.equal((await relations(page)).length, 2);
    await context.close();
  });

  test('by keyboard: Tab, R, a digit for the target, the type list; T retypes, R reverses, Del deletes', async () => {
    const { page, context } = await openPage(browser, server.url, VIEW);
    await load(page);
    await page.locator('canvas').focus();
    // Tab from the start: Moscow, Syria, State Department, Assad, Feltman.
    for (let i = 0; i < 5; i++) await press(page, 'Tab');
    await press(page, 'r');
    await frames(page);
    await screenshot(page, 'relations-pick');
    // The nearby targets in reading order: Moscow, Syria, State Department, Assad, Nuland, ...
    assert.ok(await page.evaluate(() => window.annotator.widgetRect('relpick.row.6')), 'seven targets listed');
    await press(page, '5');  // Nuland: PER -> PER, met_with or praised
    await frames(page);
    assert.deepEqual(await relations(page), []);
    await press(page, '2');  // praised
    assert.deepEqual(await relations(page), [{ id: 'r1', type: 'praised', from: 'e5', to: 'e6' }]);
    // The new relation is selected: T lists the allowed types, a type's own key retypes.
    await press(page, 't');
    await frames(page);
    await press(page, 'm');
    assert.deepEqual(await relations(page), [{ id: 'r1', type: 'met_with', from: 'e5', to: 'e6' }]);
    await press(page, 'r');
    assert.deepEqual(await relations(page), [{ id: 'r1', type: 'met_with', from: 'e6', to: 'e5' }]);
    await press(page, 'Delete');
    assert.deepEqual(await relations(page), []);
    // Each step undoes: delete, reverse, retype.
    await press(page, 'Control+z');
    await press(page, 'Control+z');
    await press(page, 'Control+z');
    assert.deepEqual(await relations(page), [{ id: 'r1', type: 'praised', from: 'e5', to: 'e6' }]);
    // Period steps to the next relation and selects it.
    await press(page, 'Escape');
    await press(page, '.');
    assert.match(await status(page), /^Relation PER "Jeffrey Feltman" -praised-> PER "Victoria Nuland"$/);
    await context.close();
  });

  test('deleting an entity with relations asks; document labels; a hidden label; a locked label', async () => {
    const { page, context } = await openPage(browser, server.url, VIEW);
    await load(page, RELATIONS.slice(0, 2));
    // Select Nuland and press Delete: the dialog; Keep it, then Delete with its relations.
    const [n] = await page.evaluate(() => window.annotator.highlightRects('e6'));
    await page.mouse.click(n.x + n.width / 2, n.y + n.height / 2);
    await press(page, 'Delete');
    await frames(page);
    await screenshot(page, 'relations-delete-entity');
    await clickWidgetNamed(page, 'delete_entity.cancel');
    assert.equal((await relations(page)).length, 2);
    await page.mouse.click(n.x + n.width / 2, n.y + n.height / 2);
    await press(page, 'Delete');
    await frames(page);
    await clickWidgetNamed(page, 'delete_entity.confirm');
    assert.equal((await relations(page)).length, 0);
    assert.equal(await status(page), 'Deleted PER "Victoria Nuland" and 2 relations (Ctrl+Z undoes)');
    await press(page, 'Control+z');
    assert.equal((await relations(page)).length, 2);

    // Document labels: single choice replaces, multi adds.
    await clickWidgetNamed(page, 'doclabel.0');
    await clickWidgetNamed(page, 'doclabel.1');
    assert.deepEqual((await native(page)).doc_labels, ['diplomacy']);
    await clickWidgetNamed(page, 'doclabels.multi');
    await clickWidgetNamed(page, 'doclabel.0');
    assert.deepEqual((await native(page)).doc_labels, ['diplomacy', 'politics']);

    // Hide PER: its entities and the arcs touching them go from the view.
    await clickWidgetNamed(page, 'label.shown.0');
    await frames(page);
    assert.deepEqual(await page.evaluate(() => window.annotator.highlightRects('e6')), []);
    assert.equal(await page.evaluate(() => window.annotator.widgetRect('arc.r1')), null);
    await clickWidgetNamed(page, 'label.shown.0');
    await frames(page);
    assert.ok(await page.evaluate(() => window.annotator.widgetRect('arc.r1')));

    // Lock PER: Delete is refused with the reason; unlocked, it asks again.
    await clickWidgetNamed(page, 'label.lock.0');
    const [f] = await page.evaluate(() => window.annotator.highlightRects('e5'));
    await page.mouse.click(f.x + f.width / 2, f.y + f.height / 2);
    await press(page, 'Delete');
    assert.equal(await status(page),
      'PER is locked: unlock it in the Labels panel (or the entity\'s right-click menu) to change "Jeffrey Feltman"');
    assert.equal((await native(page)).entities.filter((e) => e.id === 'e5').length, 1);
    await clickWidgetNamed(page, 'label.lock.0');
    await context.close();
  });

  test('the Relations table filter: by type, by entity text, by label; a filtered row selects its relation', async () => {
    const { page, context } = await openPage(browser, server.url, VIEW);
    await load(page, RELATIONS.slice(0, 4));
    await sideTab(page, 'tab.entities');
    await clickWidgetNamed(page, 'tab.relations');
    await frames(page);
    const rows = async () => {
      const n = [];
      for (let i = 0; i < 6; i++) if (await page.evaluate((w) => window.annotator.widgetRect(w), `relations.row.${i}`)) n.push(i);
      return n.length;
    };
    assert.equal(await rows(), 4);
    const filter = async (text) => {
      await clickWidgetNamed(page, 'relations.filter');
      await press(page, 'Control+a');
      await page.keyboard.type(text);
      await frames(page);
    };
    await filter('located');  // the type
    assert.equal(await rows(), 2);
    await screenshot(page, 'relations-filter');
    await filter('nuland');  // an end's text, any case: r1 and r2
    assert.equal(await rows(), 2);
    // The second row is Feltman met_with Nuland: a click selects it, its details' Reverse reverses it.
    await clickWidgetNamed(page, 'relations.row.1');
    await frames(page);
    await clickWidgetNamed(page, 'relation.reverse');
    assert.deepEqual((await relations(page))[1], { id: 'r2', type: 'met_with', from: 'e6', to: 'e5' });
    await press(page, 'Control+z');
    assert.deepEqual((await relations(page))[1], { id: 'r2', type: 'met_with', from: 'e5', to: 'e6' });
    await filter('ORG');  // a label of an end: works_for (-> ORG) and State Department located_in Moscow
    assert.equal(await rows(), 2);
    await filter('nothing like it');
    assert.equal(await rows(), 0);
    await context.close();
  });

  test('guidelines: a link opens in a new tab with no opener and no referrer; bold in the bold face', async () => {
    const { page, context } = await openPage(browser, server.url, VIEW);
    const target = `${server.url}guide-target.html?from=guidelines`;
    await page.evaluate(({ doc, target }) => {
      const d = JSON.parse(doc);
      d.guidelines = `**Wellington Waterloo** [one](${target})\n\nWellington Waterloo [two](javascript:alert-1)` +
        '\n\n[mail](mailto:lead@example.org)';
      window.annotator.importFrom('native', JSON.stringify(d), 'sample.json');
    }, { doc: sampleDocument(), target });
    await frames(page, 3);
    if (!(await page.evaluate(() => window.annotator.widgetRect('guidelines.link.0')))) await clickWidgetNamed(page, 'tab.guidelines');
    await frames(page);
    const one = await page.evaluate(() => window.annotator.widgetRect('guidelines.link.0'));
    const two = await page.evaluate(() => window.annotator.widgetRect('guidelines.link.1'));
    // The same words before each link, bold before the first: the browser's bold face is wider.
    assert.ok(one.x > two.x + 8, `bold words are wider: link at ${one.x} vs ${two.x}`);
    await screenshot(page, 'guidelines-bold');

    const requests = [];
    context.on('request', (r) => { if (r.url() === target) requests.push(r); });
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.mouse.click(one.x + one.width / 2, one.y + one.height / 2),
    ]);
    await popup.waitForLoadState();
    assert.equal(popup.url(), target);
    assert.deepEqual(await popup.evaluate(() => [window.opener, document.referrer]), [null, '']);
    assert.equal(requests.length, 1);
    assert.equal(requests[0].headers().referer, undefined, 'no Referer header');
    assert.ok(server.requests.includes('/guide-target.html'));
    await popup.close();
    await settle(page);
    assert.equal(await status(page), `Opened ${target} in a new tab`);
    assert.equal(context.pages().length, 1);
    // A javascript: link opens nothing; it is only copied.
    await clickWidgetNamed(page, 'guidelines.link.1');
    assert.equal(await status(page), 'Copied the link javascript:alert-1 (only http, https and mailto links open)');
    assert.equal(context.pages().length, 1);
    // A mailto link opens a tab too, which Chromium hands to the system's mail program and closes.
    const mail = await page.evaluate(() => window.annotator.widgetRect('guidelines.link.2'));
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      page.mouse.click(mail.x + mail.width / 2, mail.y + mail.height / 2),
    ]);
    assert.ok(tab, 'a tab was opened for the mailto link');
    await settle(page);
    assert.equal(await status(page), 'Opened mailto:lead@example.org in a new tab');
    await context.close();
  });

  test('the sample article with 5 relations: arcs above the text, no label over a tag (screenshot)', async () => {
    const { page, context } = await openPage(browser, server.url, VIEW);
    await load(page, RELATIONS);
    await frames(page, 3);
    const tags = [];
    for (const id of ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8']) {
      const r = await page.evaluate((n) => window.annotator.widgetRect(n), `tag.${id}`);
      if (r) tags.push(r);
    }
    const labels = [];
    for (const id of ['r1', 'r2', 'r3', 'r4', 'r5']) {
      const r = await page.evaluate((n) => window.annotator.widgetRect(n), `arc.${id}`);
      if (r) labels.push(r);
    }
    assert.ok(labels.length >= 3, `${labels.length} arcs drawn on screen`);
    const meets = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    for (const l of labels) for (const t of tags) assert.ok(!meets(l, t), 'no arc label over a tag');
    // The Labels tab (open by default): relation types, document labels, the guidelines.
    await screenshot(page, 'relations-sample');
    await sideTab(page, 'tab.entities');
    await clickWidgetNamed(page, 'tab.relations');
    await frames(page);
    await screenshot(page, 'relations-table');
    await context.close();
  });
});
