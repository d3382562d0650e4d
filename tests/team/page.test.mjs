// The page's team mode in Chromium against a real CouchDB-protocol server (server.js, in memory, a
// free port, started here): the built page (dist/) served by the same server under /page/, so that
// page and database share an origin. Browser contexts are the team's people: two annotators, a
// reviewer, a reader, and one annotator on two devices. Sign-in goes through File > Team project...
// with the real mouse and keyboard; edits through the page's API (window.annotator) or its widgets.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DIST, launchBrowser, openPage, openTab, waitReady, waitSaved, settle, clickWidgetNamed, screenshot, cspViolations, offsetPoint,
  compareWithFile, startChromium, startServer as startStatic, ROOT,
} from '../browser/harness.js';
import { execFile } from 'node:child_process';

const require = createRequire(import.meta.url);
const { startTeamServer, annotator, as, tempDir, PASSWORD } = require('./harness.js');

const LABELS = [
  { name: 'PER', color: '#1f77b4', key: '1' },
  { name: 'LOC', color: '#2ca02c', key: '2' },
  { name: 'ORG', color: '#ff7f0e', key: '3' },
];
const ARTICLES = {
  a1: 'Angela Merkel visited Paris.',
  a2: 'Siemens opened an office in Lyon.',
  a3: 'Marie Curie worked in Warsaw.',
};

let server, browser;
let opened = [];

test.before(async () => {
  server = await startTeamServer({ page: DIST, cors: true });
  browser = await launchBrowser();
});
test.afterEach(async () => {
  for (const c of opened) await c.close().catch(() => {});
  opened = [];
});
test.after(async () => {
  for (const c of opened) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.stop();
});

// A database with the design document and _security (annotator publish, as an admin), the
// project and the three articles (written by the reviewer).
async function project(db, srv = server) {
  const url = `${srv.url}/${db}`;
  const pub = await annotator(srv, 'admin', ['publish', url, '--dist', DIST]);
  assert.equal(pub.status, 0, pub.stderr);
  let r = await as(srv, 'rita', 'PUT', `/${db}/project`, { type: 'project', name: db, labels: LABELS, guidelines: '' });
  assert.equal(r.status, 201, r.text);
  for (const [id, text] of Object.entries(ARTICLES)) {
    r = await as(srv, 'rita', 'PUT', `/${db}/article:${id}`, { type: 'article', title: `Article ${id}`, source: '', text, assigned: [] });
    assert.equal(r.status, 201, r.text);
  }
  return url;
}

// Polls `check` until it returns something truthy; a timeout names what was awaited and what
// the page's status bar said (`page`, when given).
const wait = async (what, check, page = null, ms = 60000) => {
  const until = Date.now() + ms;
  let last;
  while (Date.now() < until) {
    last = await check();
    if (last) return last;
    await sleep(100);
  }
  const status = page ? await page.evaluate(() => [window.annotator.syncState(), window.annotator.statusMessage()]) : '';
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)}${page ? `; sync, status: ${status}` : ''})`);
};
const team = (page) => page.evaluate(() => window.annotator.team());
const sync = (page) => page.evaluate(() => window.annotator.syncState());
const waitSync = (page, state) => wait(`sync state "${state}"`, async () => (await sync(page)) === state && state, page);
const statusOf = (summary, article, user) =>
  (summary.articles.find((a) => a.id === article)?.statuses.find((s) => s.user === user) || {}).status;

// File > Team project... with the real mouse and keyboard: the database's URL (when the field is
// empty), the name and the password typed, then "Sign in".
async function typeSignIn(page, user, url) {
  if (!(await page.evaluate(() => window.annotator.widgetRect('team.sign_in')))) {
    await clickWidgetNamed(page, 'menu.file');
    await clickWidgetNamed(page, 'menu.team');
  }
  const fields = [['team.password', PASSWORD + user]];
  if (url) fields.unshift(['team.url', url], ['team.name', user]);
  for (const [field, value] of fields) {
    await clickWidgetNamed(page, field);
    await page.keyboard.type(value);
  }
  await clickWidgetNamed(page, 'team.sign_in');
}

// Opens the page in a fresh context (one person's browser) and signs in through the dialog.
async function signIn(user, url) {
  const { page, context: ctx, log } = await openPage(browser, `${server.url}/page/index.html`);
  opened.push(ctx);
  const requestsBefore = log.requests.length;
  assert.ok(!log.requests.some((r) => r.endsWith('/team.js')), 'team.js is not loaded before a team project is opened');
  await typeSignIn(page, user, url);
  await wait('the session', async () => (await team(page))?.user === user);
  await waitSync(page, 'synced');
  assert.ok(log.requests.slice(requestsBefore).some((r) => r.endsWith('/page/team.js')), 'team.js is loaded once signed in');
  await wait('the queue', async () => (await team(page)).articles.length === 3);
  return { page, context: ctx, log };
}

// The side panel's tab bar scrolls to a newly selected tab over a few frames (the Agreement tab
// opened by Compare): click the Team tab once it stays where it is from one frame to the next. A
// tab clicked shows its content from the next frame on.
async function showTeamTab(page) {
  const rect = () => page.evaluate(() => JSON.stringify(window.annotator.widgetRect('tab.team')));
  await wait('the tab bar at rest', async () => {
    const before = await rect();
    await settle(page);
    return before !== 'null' && before === (await rect());
  }, page);
  await clickWidgetNamed(page, 'tab.team');
  await settle(page);
  if (!(await page.evaluate(() => window.annotator.widgetRect('team.next')))) {
    await screenshot(page, 'team-tab-missing');
    throw new Error('the Team tab did not open');
  }
}

async function openArticle(page, id) {
  await showTeamTab(page);
  await clickWidgetNamed(page, `team.row.${id}`);
  await wait(`article ${id} open`, async () => (await team(page)).article === id && (await page.evaluate(() => window.annotator.getText())) === ARTICLES[id]);
}

const entities = (page) => page.evaluate(() => window.annotator.entities().map((e) => `${e.start}-${e.end} ${e.label}`));
const serverDoc = async (db, id) => (await as(server, 'admin', 'GET', `/${db}/${encodeURIComponent(id)}?conflicts=true`)).body;
const serverEntities = async (db, id) => ((await serverDoc(db, id))?.entities || []).map((e) => `${e.start}-${e.end} ${e.label}`).sort();
// Until the server holds `expected` (sorted "start-end LABEL") in document `id`.
const waitServer = (db, id, expected) =>
  wait(`${id} on the server`, async () => JSON.stringify(await serverEntities(db, id)) === JSON.stringify(expected.slice().sort()));

test('two annotators: sign-in, the queue, edits synced both ways, status and progress, compare, and across the corpus', async () => {
  const url = await project('both');
  const alice = await signIn('alice', url);
  const bob = await signIn('bob', url);
  assert.deepEqual(await cspViolations(alice.page), []);

  await openArticle(alice.page, 'a1');
  await alice.page.evaluate(() => window.annotator.addEntity(0, 13, 'PER'));
  await waitServer('both', 'ann:a1:alice', ['0-13 PER']);
  await waitSync(alice.page, 'synced');
  // Bob's queue shows Alice's status; he opens the same article and compares with her.
  await wait("alice's status in bob's queue", async () => statusOf(await team(bob.page), 'a1', 'alice') === 'in-progress');
  await openArticle(bob.page, 'a1');
  assert.deepEqual(await entities(bob.page), [], "bob's own annotations start empty");
  await bob.page.evaluate(() => window.annotator.addEntity(22, 27, 'LOC'));
  await clickWidgetNamed(bob.page, 'team.compare.alice');
  await wait('the comparison', async () => (await bob.page.evaluate(() => window.annotator.statusMessage())).startsWith('Comparing with ann:a1:alice: 2 difference(s)'), bob.page);
  await screenshot(bob.page, 'team-compare');

  // Alice marks it done: both progress bars move in Bob's page; Bob's edit reaches Alice.
  await clickWidgetNamed(alice.page, 'team.mark');
  await wait("alice's progress", async () => (await team(alice.page)).mine.done === 1);
  await wait('team progress in bob\'s page', async () => (await team(bob.page)).team.done === 1);
  await wait("bob's status in alice's page", async () => statusOf(await team(alice.page), 'a1', 'bob') === 'in-progress');
  await waitServer('both', 'ann:a1:bob', ['22-27 LOC']);
  const summary = await team(bob.page);
  assert.deepEqual(summary.mine, { done: 0, of: 3 });
  assert.deepEqual(summary.team, { done: 1, of: 3 });
  // Next unassigned: an article nobody has started.
  await clickWidgetNamed(alice.page, 'team.next');
  await wait('the next article', async () => (await team(alice.page)).article === 'a2', alice.page);
  await screenshot(alice.page, 'team-alice');

  // Both annotate a2 too (Bob from another device of his: straight to the server); Alice compares
  // herself (A) and Bob (B) across the corpus: a1 and a2 pooled.
  await alice.page.evaluate(() => window.annotator.addEntity(0, 7, 'ORG'));
  const r = await as(server, 'bob', 'PUT', '/both/ann:a2:bob', {
    type: 'ann', article: 'a2', user: 'bob', status: 'in-progress', note: '',
    entities: [{ id: 'e1', start: 0, end: 7, label: 'ORG' }, { id: 'e2', start: 28, end: 32, label: 'LOC' }],
  });
  assert.equal(r.status, 201, r.text);
  await waitServer('both', 'ann:a2:alice', ['0-7 ORG']);
  await wait("bob's a2 in alice's replica", async () => statusOf(await team(alice.page), 'a2', 'bob') === 'in-progress');
  for (const w of ['team.corpus.a.alice', 'team.corpus.b.bob', 'team.corpus.run']) await clickWidgetNamed(alice.page, w);
  const corpus = await wait('the corpus comparison', async () => {
    const c = (await team(alice.page)).corpus;
    return !c.running && c.documents === 2 && c;
  }, alice.page);
  const row = (s) => `${s.label} ${s.in_a}/${s.in_b}/${s.matched}`;
  assert.deepEqual(corpus.labels.map(row), ['PER 1/0/0', 'LOC 0/2/0', 'ORG 1/1/1']);
  assert.equal(row(corpus.micro), ' 2/3/1');
  assert.equal(corpus.micro.f1.toFixed(4), '0.4000');  // P 1/3, R 1/2
  // 12 tokens (5 + 7), 8 agreeing; chance (ORG 1*1 + O 9*9) / 144: kappa = 7/31.
  assert.equal(corpus.tokens, 12);
  assert.equal(corpus.kappa.toFixed(6), (7 / 31).toFixed(6));
  assert.equal(await alice.page.evaluate(() => window.annotator.statusMessage()),
    'Compared alice and bob across the corpus: 2 article(s) both annotated, micro F1 0.40, kappa 0.226');
  await screenshot(alice.page, 'team-corpus');
});

// What this browser's replica of a project holds (allDocs: never its _local documents).
const replicaIds = (page, url, user) => page.evaluate(async (name) => {
  const db = new window.PouchDB(name, { adapter: 'idb' });
  return (await db.allDocs()).rows.map((r) => r.id);
}, `aa-team-${encodeURIComponent(url)}-${user}`);
const savedQueue = (page, url, user) => page.evaluate(async (name) => {
  const db = new window.PouchDB(name, { adapter: 'idb' });
  return db.get('_local/aa-queue').catch(() => null);
}, `aa-team-${encodeURIComponent(url)}-${user}`);

test('the first sync brings the project and my own documents only; an opened article is fetched; the queue comes from the server and is kept for an offline start; other annotators are compared from the server', async () => {
  const url = await project('partial');
  const put = async (user, id, doc) => {
    const r = await as(server, user, 'PUT', `/partial/${id}`, doc);
    assert.equal(r.status, 201, r.text);
  };
  const ann = (article, user, status, entities) => ({ type: 'ann', article, user, status, note: '', entities });
  const PER = { id: 'e1', start: 0, end: 13, label: 'PER' }, LOC = { id: 'e2', start: 22, end: 27, label: 'LOC' };
  // The team's work on the server; alice's a3 from another device of hers.
  await put('alice', 'ann:a1:alice', ann('a1', 'alice', 'done', [PER]));
  await put('bob', 'ann:a1:bob', ann('a1', 'bob', 'in-progress', [PER, LOC]));
  await put('bob', 'ann:a2:bob', ann('a2', 'bob', 'done', [{ id: 'e1', start: 0, end: 7, label: 'ORG' }]));
  await put('rita', 'gold:a2', { type: 'gold', article: 'a2', status: 'done', note: '', curator: 'rita', entities: [] });
  await put('alice', 'ann:a3:alice', ann('a3', 'alice', 'in-progress', [{ id: 'e1', start: 0, end: 11, label: 'PER' }]));

  const alice = await signIn('alice', url);
  const summary = await team(alice.page);
  assert.deepEqual(summary.articles.map((a) => [a.id, a.gold, a.statuses.map((st) => `${st.user} ${st.status}`).join(', ')]), [
    ['a1', false, 'alice done, bob in-progress'], ['a2', true, 'bob done'], ['a3', false, 'alice in-progress']]);
  assert.ok(alice.log.requests.some((r) => r.startsWith(`${url}/_design/annotator/_view/queue`)), 'the queue is read from the server\'s view');
  // The replica: the project and alice's own documents; no article, nobody else's, no gold, not the page.
  assert.deepEqual(await replicaIds(alice.page, url, 'alice'), ['ann:a1:alice', 'ann:a3:alice', 'project']);
  assert.equal((await alice.page.evaluate(() => window.AATeam.debug())).partial, true);

  // Opening an article brings it (and only it) into the replica; Compare reads bob's from the server.
  await openArticle(alice.page, 'a2');
  assert.deepEqual(await replicaIds(alice.page, url, 'alice'), ['ann:a1:alice', 'ann:a3:alice', 'article:a2', 'project']);
  await clickWidgetNamed(alice.page, 'team.compare.bob');
  await wait('the comparison', async () => (await statusMessage(alice.page)).startsWith('Comparing with ann:a2:bob: 1 difference(s)'), alice.page);
  assert.deepEqual(await replicaIds(alice.page, url, 'alice'), ['ann:a1:alice', 'ann:a3:alice', 'article:a2', 'project']);

  // A reviewer compares two other annotators across the corpus: their documents and the articles
  // come from the server; her replica holds the project only.
  const rita = await signIn('rita', url);
  for (const w of ['team.corpus.a.alice', 'team.corpus.b.bob', 'team.corpus.run']) await clickWidgetNamed(rita.page, w);
  const corpus = await wait('the corpus comparison', async () => {
    const c = (await team(rita.page)).corpus;
    return !c.running && c.documents === 1 && c;
  }, rita.page);
  assert.deepEqual(corpus.labels.map((l) => `${l.label} ${l.in_a}/${l.in_b}/${l.matched}`), ['PER 1/1/1', 'LOC 0/1/0']);
  assert.deepEqual(await replicaIds(rita.page, url, 'rita'), ['project']);

  // A change on the server reaches the queue through its changes feed (bob marks a1 done).
  const bobA1 = await serverDoc('partial', 'ann:a1:bob');
  await put('bob', 'ann:a1:bob', { ...ann('a1', 'bob', 'done', [PER, LOC]), _rev: bobA1._rev });
  await wait("bob's new status in alice's queue", async () => statusOf(await team(alice.page), 'a1', 'bob') === 'done', alice.page);
  // An article this device holds is kept current: a reviewer renames a2 on the server.
  const a2 = await serverDoc('partial', 'article:a2');
  await put('rita', 'article:a2', { ...a2, title: 'Renamed' });
  await wait('the new title in the queue and in the replica', async () =>
    (await team(alice.page)).articles.find((a) => a.id === 'a2').title === 'Renamed' &&
    (await alice.page.evaluate(async (name) => (await new window.PouchDB(name, { adapter: 'idb' }).get('article:a2')).title,
      `aa-team-${encodeURIComponent(url)}-alice`)) === 'Renamed', alice.page);
  await wait('the queue kept in the replica', async () =>
    JSON.stringify((await savedQueue(alice.page, url, 'alice'))?.articles?.find((a) => a[0] === 'a1')?.[3]) === JSON.stringify({ alice: 'done', bob: 'done' }), alice.page);

  // The next visit without the server (every request to it fails, as offline): the queue kept is
  // shown, with everyone's statuses, and the article opened from the replica; an edit waits.
  await alice.page.close();
  const away = (route) => route.abort('internetdisconnected');
  await alice.context.route(`${url}/**`, away);
  await alice.context.route(`${server.url}/_session`, away);
  const { page } = await openTab(alice.context, `${server.url}/page/index.html`);
  await wait('a2 reopened offline', async () => (await team(page))?.article === 'a2' && (await page.evaluate(() => window.annotator.getText())) === ARTICLES.a2, page);
  const kept = await team(page);
  assert.equal(statusOf(kept, 'a1', 'bob'), 'done');
  assert.equal(kept.articles.find((a) => a.id === 'a2').gold, true);
  await page.evaluate(() => window.annotator.addEntity(0, 7, 'ORG'));
  await wait('the edit waiting offline', async () => (await sync(page)) === 'offline (1 change waiting)', page);
  await alice.context.unroute(`${url}/**`, away);
  await alice.context.unroute(`${server.url}/_session`, away);
  await waitServer('partial', 'ann:a2:alice', ['0-7 ORG']);
  await waitSync(page, 'synced');
});

// A database published by an earlier annotator publish has no queue view: the page replicates the
// whole database, as it did before, and the queue is the replica's.
test('a database without the queue view is replicated whole, and its queue still shows everyone', async () => {
  const url = await project('noview');
  const design = await serverDoc('noview', '_design/annotator');
  delete design.views;
  delete design._attachments;
  delete design._conflicts;
  const r = await as(server, 'admin', 'PUT', '/noview/_design/annotator', design);
  assert.equal(r.status, 201, r.text);
  const bob = await as(server, 'bob', 'PUT', '/noview/ann:a1:bob', { type: 'ann', article: 'a1', user: 'bob', status: 'done', note: '', entities: [] });
  assert.equal(bob.status, 201, bob.text);
  const alice = await signIn('alice', url);
  await wait("bob's status", async () => statusOf(await team(alice.page), 'a1', 'bob') === 'done', alice.page);
  assert.equal((await alice.page.evaluate(() => window.AATeam.debug())).partial, false);
  await wait('the whole database in the replica', async () =>
    JSON.stringify(await replicaIds(alice.page, url, 'alice')) === JSON.stringify(['_design/annotator', 'ann:a1:bob', 'article:a1', 'article:a2', 'article:a3', 'project']), alice.page);
});

test('offline edits wait, are counted in the status bar, and sync when the network is back', async () => {
  const url = await project('offline');
  const alice = await signIn('alice', url);
  const bob = await signIn('bob', url);
  await openArticle(alice.page, 'a2');
  await alice.context.setOffline(true);
  await alice.page.evaluate(() => window.annotator.addEntity(0, 7, 'ORG'));
  await alice.page.evaluate(() => window.annotator.addEntity(29, 33, 'LOC'));
  await wait('offline with the edit waiting', async () => (await sync(alice.page)) === 'offline (1 change waiting)', alice.page);
  await screenshot(alice.page, 'team-offline');
  assert.equal(await serverDoc('offline', 'ann:a2:alice').then((d) => d.error), 'not_found');
  assert.deepEqual(await entities(alice.page), ['0-7 ORG', '29-33 LOC'], 'annotating does not wait for the network');
  await alice.context.setOffline(false);
  await waitSync(alice.page, 'synced');
  assert.deepEqual(await serverEntities('offline', 'ann:a2:alice'), ['0-7 ORG', '29-33 LOC']);
  await wait("bob sees alice's work", async () => statusOf(await team(bob.page), 'a2', 'alice') === 'in-progress');
});

test('the server restarts in the middle of a replication: no edit is lost', async () => {
  const url = await project('restart');
  const alice = await signIn('alice', url);
  await openArticle(alice.page, 'a3');
  const add = ([s, e, l]) => alice.page.evaluate(([s, e, l]) => window.annotator.addEntity(s, e, l), [s, e, l]);
  // The server stops while it receives the replica's first write of ann:a3:alice (the request
  // held unanswered), then two more edits are made while it is away.
  const sending = server.hold((req) => req.method === 'POST' && req.url.startsWith('/restart/_bulk_docs'));
  try {
    await add([0, 11, 'PER']);
    await add([22, 28, 'LOC']);
    await sending;
    await server.down();
    for (const span of [[0, 5, 'PER'], [6, 11, 'PER'], [12, 18, 'ORG']]) await add(span);
    await wait('offline while the server is down', async () => (await sync(alice.page)).startsWith('offline'), alice.page);
  } finally {
    await server.up();
  }
  await waitSync(alice.page, 'synced');
  assert.deepEqual(await serverEntities('restart', 'ann:a3:alice'), ['0-11 PER', '0-5 PER', '12-18 ORG', '22-28 LOC', '6-11 PER'].sort());
});

const ended = (user) => `Your session at ${server.url} has ended: sign in again as ${user} (File > Team project...). Your edits wait on this device.`;

test('the remembered project opens again at the next visit: signed in by the session cookie, or asked to sign in again', async () => {
  const url = await project('remember');
  const alice = await signIn('alice', url);
  await openArticle(alice.page, 'a2');
  await alice.page.evaluate(() => window.annotator.addEntity(0, 7, 'ORG'));
  await waitServer('remember', 'ann:a2:alice', ['0-7 ORG']);
  // The next visit in the same browser: the page closed, a new one opened.
  await alice.page.close();
  let { page } = await openTab(alice.context, `${server.url}/page/index.html`);
  await wait('the project and its article reopened', async () => (await team(page))?.article === 'a2', page);
  assert.deepEqual(await entities(page), ['0-7 ORG']);
  await waitSync(page, 'synced');
  assert.equal((await team(page)).sign_in, '', 'the session cookie signed in: nothing asked');
  // The session gone (it ended, or the cookies were cleared): the project opens from the replica
  // all the same, the dialog asks to sign in again, and an edit waits on this device until then.
  await alice.context.clearCookies();
  await page.reload();
  await waitReady(page);
  await wait('the sign-in asked', async () => (await team(page))?.sign_in === ended('alice'), page);
  await wait('a2 reopened from the replica', async () => (await team(page)).article === 'a2' && (await entities(page)).length === 1, page);
  assert.ok(await page.evaluate(() => window.annotator.widgetRect('team.password')), 'the dialog asks for the password');
  await page.evaluate(() => window.annotator.addEntity(28, 32, 'LOC'));
  await wait('the edit waiting', async () => (await sync(page)) === 'offline (1 change waiting)', page);
  await screenshot(page, 'team-sign-in-again');
  assert.deepEqual(await serverEntities('remember', 'ann:a2:alice'), ['0-7 ORG']);
  // What waits is the replica's own state, not a note beside it: with localStorage gone (Chromium
  // writes it seconds late; a browser killed before lost it), the next start still counts the edit.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await waitReady(page);
  await wait('the sign-in asked again', async () => (await team(page))?.sign_in === ended('alice'), page);
  await wait('the edit still counted', async () => (await sync(page)) === 'offline (1 change waiting)', page);
  await typeSignIn(page, 'alice', null);  // the URL and the name are filled in
  await waitSync(page, 'synced');
  await waitServer('remember', 'ann:a2:alice', ['0-7 ORG', '28-32 LOC']);
  assert.equal((await team(page)).sign_in, '');
});

// A browser started on a profile of its own opens pages in its default 800 x 600 window, where the
// Team tab's article list has room for two rows: the size the other tests' pages have (harness openPage).
async function desktopSize(page) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await settle(page);
}

test('the browser killed during a sync: the edit in the replica and the last one, only in the journal, reach the server after a restart', async () => {
  const url = await project('killed');
  const profile = tempDir('profile-');
  let chrome = await startChromium(profile);
  try {
    let { page } = await openTab(chrome.context, `${server.url}/page/index.html`);
    await desktopSize(page);
    await typeSignIn(page, 'alice', url);
    await waitSync(page, 'synced');
    await openArticle(page, 'a3');
    // The first edit is in the replica and on its way: the server holds its _bulk_docs unanswered.
    const sending = server.hold((req) => req.method === 'POST' && req.url.startsWith('/killed/_bulk_docs'));
    await page.evaluate(() => window.annotator.addEntity(0, 11, 'PER'));
    await sending;
    // The next edit reaches the autosave journal but not the replica: the browser dies between
    // the journal's write (in the frame) and the replica's (300 ms later). To make that window
    // certain, the page's hand-over to the replica is dropped from here on.
    await page.evaluate(() => {
      const run = window.AATeam.run;
      window.AATeam.run = (op, ...rest) => (op === 'write' ? undefined : run(op, ...rest));
    });
    await page.evaluate(() => window.annotator.addEntity(22, 28, 'LOC'));
    await settle(page);
    await waitSaved(page);
    const replica = `aa-team-${encodeURIComponent(url)}-alice`;
    const inReplica = (p) => p.evaluate(async (name) => {
      const db = new window.PouchDB(name, { adapter: 'idb' });
      const doc = await db.get('ann:a3:alice').catch(() => null);
      return doc ? doc.entities.map((e) => `${e.start}-${e.end} ${e.label}`) : null;
    }, replica);
    assert.deepEqual(await inReplica(page), ['0-11 PER'], 'the replica has the first edit only');
    assert.equal((await serverDoc('killed', 'ann:a3:alice')).error, 'not_found');
    await chrome.kill();

    chrome = await startChromium(profile);
    ({ page } = await openTab(chrome.context, `${server.url}/page/index.html`));
    await desktopSize(page);
    await wait('a3 reopened with both edits', async () => (await team(page))?.article === 'a3' &&
      JSON.stringify(await entities(page)) === JSON.stringify(['0-11 PER', '22-28 LOC']), page);
    // The browser's session cookie did not outlive it: asked to sign in again, the edits wait.
    await wait('the sign-in asked', async () => (await team(page)).sign_in === ended('alice'), page);
    await wait('the journal\'s edit in the replica', async () => JSON.stringify(await inReplica(page)) === JSON.stringify(['0-11 PER', '22-28 LOC']), page);
    await typeSignIn(page, 'alice', null);
    await waitSync(page, 'synced');
    await waitServer('killed', 'ann:a3:alice', ['0-11 PER', '22-28 LOC']);
  } finally {
    await chrome.kill();
  }
});

// Both devices online merge the same conflict: they write the same merge (the winning revision as
// ours, PouchDB's revision ids from the body), so the server ends with one revision.
test('one annotator on two devices: offline edits merged entity by entity; an unmergeable conflict resolved in the page', async () => {
  const url = await project('devices');
  const one = await signIn('alice', url);
  const two = await signIn('alice', url);
  await openArticle(one.page, 'a1');
  await one.page.evaluate(() => window.annotator.addEntity(0, 13, 'PER'));
  await waitServer('devices', 'ann:a1:alice', ['0-13 PER']);
  await openArticle(two.page, 'a1');
  await wait('the first entity on the second device', async () => (await entities(two.page)).length === 1);

  // Both offline, each adds a different entity: merged, both kept, no conflict.
  await one.context.setOffline(true);
  await two.context.setOffline(true);
  await one.page.evaluate(() => window.annotator.addEntity(22, 27, 'LOC'));
  await two.page.evaluate(() => window.annotator.addEntity(14, 21, 'ORG'));
  await wait('both offline with a change waiting', async () => (await sync(one.page)) === 'offline (1 change waiting)' && (await sync(two.page)) === 'offline (1 change waiting)');
  await one.context.setOffline(false);
  await waitSync(one.page, 'synced');
  await two.context.setOffline(false);
  const merged = ['0-13 PER', '14-21 ORG', '22-27 LOC'];
  await wait('the merge on both devices', async () =>
    JSON.stringify(await entities(one.page)) === JSON.stringify(merged) && JSON.stringify(await entities(two.page)) === JSON.stringify(merged));
  await waitSync(two.page, 'synced');
  await waitSync(one.page, 'synced');
  // Both devices may merge the same conflict at once: their merges (equal) conflict in turn and
  // are merged again, until the server holds one revision.
  await wait('one revision on the server', async () => (await serverDoc('devices', 'ann:a1:alice'))._conflicts === undefined);
  assert.deepEqual(await serverEntities('devices', 'ann:a1:alice'), merged);

  // The same entity relabelled differently on each device: a conflict, shown, resolved by a choice.
  await one.context.setOffline(true);
  await two.context.setOffline(true);
  // Click "Paris" (22-27, LOC) and press a label key: the entity is relabelled.
  const relabel = async (page, key) => {
    const p = await offsetPoint(page, 24);
    await page.mouse.click(p.x, p.y);
    await settle(page);
    await page.keyboard.press(key);
    await settle(page);
  };
  await relabel(one.page, '3');
  await relabel(two.page, '1');
  assert.deepEqual(await entities(one.page), ['0-13 PER', '14-21 ORG', '22-27 ORG']);
  assert.deepEqual(await entities(two.page), ['0-13 PER', '14-21 ORG', '22-27 PER']);
  await one.context.setOffline(false);
  await waitSync(one.page, 'synced');
  await two.context.setOffline(false);
  const conflicted = await wait('the conflict shown', async () => {
    for (const p of [one.page, two.page]) if ((await sync(p)) === 'conflict') return p;
    return null;
  });
  const summary = await team(conflicted);
  assert.equal(summary.conflicts.length, 1, JSON.stringify(summary));
  // Said from the device's own side: "ours" is its own label.
  const [own, other] = conflicted === one.page ? ['ORG', 'PER'] : ['PER', 'ORG'];
  assert.match(summary.conflicts[0], new RegExp(`label changed on both sides \\(base "LOC", ours "${own}", theirs "${other}"\\)$`));
  await showTeamTab(conflicted);
  await screenshot(conflicted, 'team-conflict');
  await clickWidgetNamed(conflicted, 'team.keep_mine');
  await wait('resolved on both devices', async () => (await sync(one.page)) === 'synced' && (await sync(two.page)) === 'synced');
  await wait('one revision on the server', async () => (await serverDoc('devices', 'ann:a1:alice'))._conflicts === undefined);
  const kept = conflicted === one.page ? '22-27 ORG' : '22-27 PER';
  const expected = ['0-13 PER', '14-21 ORG', kept];
  await wait('both devices show the choice', async () =>
    JSON.stringify(await entities(one.page)) === JSON.stringify(expected) && JSON.stringify(await entities(two.page)) === JSON.stringify(expected));
  assert.deepEqual(await serverEntities('devices', 'ann:a1:alice'), expected.slice().sort());

  // Again, and this time "Keep the other device's": the label of the device that did not choose wins.
  const base = kept.split(' ')[1];
  const labelOf = { 1: 'PER', 2: 'LOC', 3: 'ORG' };
  const [keyOne, keyTwo] = base === 'ORG' ? ['2', '1'] : ['2', '3'];
  await one.context.setOffline(true);
  await two.context.setOffline(true);
  await relabel(one.page, keyOne);
  await relabel(two.page, keyTwo);
  assert.deepEqual(await entities(one.page), ['0-13 PER', '14-21 ORG', `22-27 ${labelOf[keyOne]}`]);
  assert.deepEqual(await entities(two.page), ['0-13 PER', '14-21 ORG', `22-27 ${labelOf[keyTwo]}`]);
  await one.context.setOffline(false);
  await waitSync(one.page, 'synced');
  await two.context.setOffline(false);
  const chooser = await wait('the second conflict shown', async () => {
    for (const p of [one.page, two.page]) if ((await sync(p)) === 'conflict') return p;
    return null;
  });
  const [mineNow, theirsNow] = chooser === one.page ? [labelOf[keyOne], labelOf[keyTwo]] : [labelOf[keyTwo], labelOf[keyOne]];
  const second = await team(chooser);
  assert.equal(second.conflicts.length, 1, JSON.stringify(second));
  assert.match(second.conflicts[0], new RegExp(`label changed on both sides \\(base "${base}", ours "${mineNow}", theirs "${theirsNow}"\\)$`));
  await showTeamTab(chooser);
  await clickWidgetNamed(chooser, 'team.keep_theirs');
  await wait('the second conflict resolved on both devices', async () => (await sync(one.page)) === 'synced' && (await sync(two.page)) === 'synced');
  await wait('one revision on the server again', async () => (await serverDoc('devices', 'ann:a1:alice'))._conflicts === undefined);
  const theirsKept = ['0-13 PER', '14-21 ORG', `22-27 ${theirsNow}`];
  await wait("both devices show the other device's label", async () =>
    JSON.stringify(await entities(one.page)) === JSON.stringify(theirsKept) && JSON.stringify(await entities(two.page)) === JSON.stringify(theirsKept));
  assert.deepEqual(await serverEntities('devices', 'ann:a1:alice'), theirsKept.slice().sort());
});

// The page hands an edit to team.js (the App's write), and before team.js writes it to the replica
// another device's revision of the same document arrives there (pulled) and is shown by the page. The
// edit was made on the revision before that one: it must be written as a branch of that revision and
// merged with the other device's, not put on top of the revision it never saw (which dropped the other
// device's entity while the page showed it). Made certain here: team.js's read of the document before
// its write (its only get(id) without options) waits until the other device's revision is in the
// replica and shown by the page (a wrapPouchDB hook).
function otherDeviceWritesFirst(P) {
  const get = P.prototype.get;
  P.prototype.get = function (id, ...rest) {
    const name = window.otherDeviceArmed;
    if (!name || id !== 'ann:a1:alice' || rest.length || window.otherDevice) return get.call(this, id, ...rest);
    window.otherDevice = 'writing';
    const other = new P(name, { adapter: 'idb' });
    return other.get(id).then((doc) => {
      doc.entities.push({ id: 'e-other', start: 22, end: 27, label: 'LOC' });
      return other.put(doc);
    }).then(() => new Promise((shown) => {
      window.otherDevice = 'written';
      const check = () => (window.annotator.entities().some((e) => e.start === 22 && e.label === 'LOC') ? shown() : setTimeout(check, 20));
      check();
    })).then(() => {
      window.otherDevice = 'shown';
      return get.call(this, id);
    });
  };
}

// An init script (run before the page's scripts): `wrap(PouchDB)` runs as team.js defines PouchDB.
// PouchDB binds its methods to each database when it is made: its prototype wrapped later does nothing.
function wrapPouchDB(wrap) {
  let P;
  Object.defineProperty(window, 'PouchDB', { configurable: true, get: () => P, set: (v) => { P = v; wrap(v); } });
}

// Alice's a1 in a new project `db` with one entity, 0-13 PER, on the server; then her page reloaded
// with PouchDB wrapped by `wrap` (wrapPouchDB) and a1 open again, synced.
async function a1ReloadedWith(db, wrap) {
  const url = await project(db);
  const alice = await signIn('alice', url);
  await openArticle(alice.page, 'a1');
  await alice.page.evaluate(() => window.annotator.addEntity(0, 13, 'PER'));
  await waitServer(db, 'ann:a1:alice', ['0-13 PER']);
  await alice.context.addInitScript(`(${wrapPouchDB})(${wrap})`);
  const page = alice.page;
  await page.reload();
  await waitReady(page);
  await wait('a1 reopened', async () => (await team(page))?.article === 'a1' && JSON.stringify(await entities(page)) === JSON.stringify(['0-13 PER']), page);
  await waitSync(page, 'synced');
  return { url, page };
}

test('a change from another device that reaches the replica while an edit is on its way there is merged with the edit, not written over', async () => {
  const { url, page } = await a1ReloadedWith('onitsway', otherDeviceWritesFirst);
  await page.evaluate((name) => { window.otherDeviceArmed = name; }, `aa-team-${encodeURIComponent(url)}-alice`);
  await page.evaluate(() => window.annotator.addEntity(14, 21, 'ORG'));
  let stage = 'not asked';
  await wait("the other device's revision shown before the edit's write", async () =>
    (stage = await page.evaluate(() => window.otherDevice || 'not asked')) === 'shown', page)
    .catch((e) => { throw new Error(`${e.message}; the other device's write: ${stage}`); });
  const merged = ['0-13 PER', '14-21 ORG', '22-27 LOC'];
  await wait('the edit and the other device\'s entity, in the page and on the server', async () =>
    JSON.stringify(await entities(page)) === JSON.stringify(merged) &&
    JSON.stringify(await serverEntities('onitsway', 'ann:a1:alice')) === JSON.stringify(merged.slice().sort()), page);
  await waitSync(page, 'synced');
  await wait('one revision on the server', async () => (await serverDoc('onitsway', 'ann:a1:alice'))._conflicts === undefined);
  assert.deepEqual(await entities(page), merged);
  assert.deepEqual(await serverEntities('onitsway', 'ann:a1:alice'), merged.slice().sort());
});

// A wrapPouchDB hook: once holdNextWrite has armed window.held, the next write of its target to the
// replica is held at its put. The call that releases it (an open, or a comparison's other) either
// starts reading at once (allDocs, or get, called within the call: it reads the replica under the
// write), and the write goes on once that read has its answer (an open's read of the target, the
// comparison's document shown), or waits its turn (nothing read within the call), and the write goes
// on at once. window.held says what happened.
function holdWrites(P) {
  const { put, get, allDocs } = P.prototype;
  P.prototype.put = function (doc, ...rest) {
    const w = window.held;
    if (!w || w.state !== 'armed' || !doc || doc._id !== w.target) return put.call(this, doc, ...rest);
    w.state = 'held';
    return w.released.then(() => put.call(this, doc, ...rest)).finally(() => { w.state = 'written'; });
  };
  P.prototype.allDocs = function (...args) {
    if (window.held) window.held.allDocs++;
    return allDocs.apply(this, args);
  };
  P.prototype.get = function (id, ...rest) {
    if (window.held) window.held.gets++;
    const r = get.call(this, id, ...rest);
    const w = window.held, opts = rest[0];
    if (w && id === w.target && opts && opts.conflicts && w.state === 'held') {
      w.readUnderWrite = true;
      r.then(w.release, w.release);
    }
    return r;
  };
}

// `by`: the call that releases the write, 'open' or 'other'. window.held.shown: the articles and
// comparisons the page was given, in order.
function holdNextWrite({ target, by }) {
  const w = window.held = { target, state: 'armed', allDocs: 0, gets: 0, readUnderWrite: false, opens: 0, articles: 0, shown: [] };
  w.released = new Promise((ok) => { w.release = ok; });
  const T = window.AATeam, H = window.AAHost, run = T.run, teamEvent = H.teamEvent;
  T.run = function (op, ...args) {
    const before = { open: w.allDocs, other: w.gets };
    const r = run.call(this, op, ...args);
    if (op === 'open') w.opens++;
    const read = op === 'open' ? w.allDocs : w.gets;
    if (op === by && w.state === 'held' && read === before[op]) w.release();
    return r;
  };
  H.teamEvent = function (ev) {
    if (ev.kind === 'article') w.articles++;
    if (ev.kind === 'article' || ev.kind === 'other') w.shown.push(ev.kind);
    if (ev.kind === 'other' && by === 'other' && w.state === 'held') w.release();  // it read under the write
    return teamEvent.call(this, ev);
  };
}

test('the open article opened again while its edit is on its way to the replica shows the edit (an open waits for the writes before it)', async () => {
  const { page } = await a1ReloadedWith('reopen', holdWrites);
  await page.evaluate(holdNextWrite, { target: 'ann:a1:alice', by: 'open' });
  await page.evaluate(() => window.annotator.addEntity(14, 21, 'ORG'));
  await wait('the edit\'s write held at the replica', async () => (await page.evaluate(() => window.held.state)) === 'held', page);
  await showTeamTab(page);
  await clickWidgetNamed(page, 'team.row.a1');  // the open article's row: opened again
  await wait('the write done and the article shown again', async () =>
    page.evaluate(() => window.held.state === 'written' && window.held.articles === 1), page);
  await settle(page);
  assert.deepEqual(await entities(page), ['0-13 PER', '14-21 ORG'], 'the page shows the edit it made');
  const held = await page.evaluate(() => ({ opens: window.held.opens, readUnderWrite: window.held.readUnderWrite }));
  assert.deepEqual(held, { opens: 1, readUnderWrite: false }, 'the open read ann:a1:alice while its write was on its way');
  await waitServer('reopen', 'ann:a1:alice', ['0-13 PER', '14-21 ORG']);
  // The next edit is based on the revision shown: one revision on the server, no conflict.
  await page.evaluate(() => window.annotator.addEntity(22, 27, 'LOC'));
  await waitServer('reopen', 'ann:a1:alice', ['0-13 PER', '14-21 ORG', '22-27 LOC']);
  await waitSync(page, 'synced');
  assert.equal((await serverDoc('reopen', 'ann:a1:alice'))._conflicts, undefined);
  assert.deepEqual(await entities(page), ['0-13 PER', '14-21 ORG', '22-27 LOC']);
});

// The same interleaving with a comparison: the open article opened again (its row clicked) while its
// edit is on its way to the replica, then compared with another annotator. The open's article closes
// any comparison: the comparison must come after it, as asked, not be shown first and closed.
test('a comparison asked for while the open article is being opened again is shown after that open, not closed by it', async () => {
  const { page } = await a1ReloadedWith('compareafter', holdWrites);
  const bob = await as(server, 'bob', 'PUT', '/compareafter/ann:a1:bob',
    { type: 'ann', article: 'a1', user: 'bob', status: 'in-progress', note: '', entities: [{ id: 'e1', start: 22, end: 27, label: 'LOC' }] });
  assert.equal(bob.status, 201, bob.text);
  await wait("bob's work in alice's queue", async () => statusOf(await team(page), 'a1', 'bob') === 'in-progress', page);
  await page.evaluate(holdNextWrite, { target: 'ann:a1:alice', by: 'other' });
  await page.evaluate(() => window.annotator.addEntity(14, 21, 'ORG'));
  await wait('the edit\'s write held at the replica', async () => (await page.evaluate(() => window.held.state)) === 'held', page);
  await showTeamTab(page);
  await clickWidgetNamed(page, 'team.row.a1');  // opened again: the open waits for the write
  await clickWidgetNamed(page, 'team.compare.bob');
  await wait('the write done, the article shown again and the comparison', async () =>
    page.evaluate(() => window.held.state === 'written' && window.held.shown.length === 2), page);
  await settle(page);
  assert.deepEqual(await page.evaluate(() => window.held.shown), ['article', 'other'], 'shown in the order asked for');
  assert.match(await page.evaluate(() => window.annotator.statusMessage()), /^Comparing with ann:a1:bob: /);
  assert.ok(await page.evaluate(() => window.annotator.widgetRect('tab.agreement')), 'the Agreement tab is there');
  assert.deepEqual(await entities(page), ['0-13 PER', '14-21 ORG'], 'the page shows the edit it made');
});

test("a reader's write is refused by the server and the page says so", async () => {
  const url = await project('refused');
  const rick = await signIn('rick', url);
  await openArticle(rick.page, 'a1');
  // File > Compare (a local comparison) adds the Agreement tab: the tab bar still fits the side
  // panel at 1280 px (the Team tab was left out of its measure, the row scrolled and the Team tab sat
  // under its scroll arrows), and a click on the Team tab switches to it at once.
  await compareWithFile(rick.page, 'other.json', {
    format: 'article-annotator', version: 1, text: ARTICLES.a1, labels: LABELS,
    entities: [{ id: 'e1', start: 22, end: 27, label: 'LOC', text: 'Paris' }],
  });
  await wait('the file comparison', async () => (await rick.page.evaluate(() => window.annotator.statusMessage())).startsWith('Compared with other.json'), rick.page);
  await settle(rick.page);
  const tabs = await rick.page.evaluate(() => ['tab.labels', 'tab.entities', 'tab.suggest', 'tab.documents', 'tab.team', 'tab.agreement']
    .map((n) => window.annotator.widgetRect(n)));
  const width = rick.page.viewportSize().width;
  for (let i = 0; i < tabs.length; i++) {
    assert.ok(tabs[i], `tab ${i} is drawn`);
    assert.ok(tabs[i].x + tabs[i].width <= width, `tab ${i} ends inside the window: ${JSON.stringify(tabs[i])}`);
    if (i) assert.ok(tabs[i].x >= tabs[i - 1].x + tabs[i - 1].width, `tab ${i} is after tab ${i - 1}`);
  }
  await screenshot(rick.page, 'team-tabs-compare');
  await clickWidgetNamed(rick.page, 'tab.team');
  await screenshot(rick.page, 'team-tab-clicked');
  assert.ok(await rick.page.evaluate(() => window.annotator.widgetRect('team.next')), 'the Team tab is shown');
  // A reader writes nothing: "Mark done" is disabled and says why.
  assert.ok(await rick.page.evaluate(() => window.annotator.widgetRect('team.mark_why')), 'the reason is shown');
  await clickWidgetNamed(rick.page, 'team.mark');
  assert.equal((await team(rick.page)).status, 'todo', 'the disabled Mark done changed nothing');
  await screenshot(rick.page, 'team-reader');
  // The server refuses what the page lets him do anyway (an edit): not only hidden by the page.
  await rick.page.evaluate(() => window.annotator.addEntity(0, 13, 'PER'));
  const message = await wait('the refusal', async () => {
    const m = await rick.page.evaluate(() => window.annotator.statusMessage());
    return m.startsWith('The server refused ann:a1:rick') && m;
  });
  assert.match(message, /^The server refused ann:a1:rick: .+\. The change stays on this device only\.$/);
  assert.equal((await serverDoc('refused', 'ann:a1:rick')).error, 'not_found');
  await waitSync(rick.page, 'synced');
  // His queue shows the refusal, not the "in progress" his replica's copy holds.
  await wait('the refusal in the queue', async () => statusOf(await team(rick.page), 'a1', 'rick') === 'refused', rick.page);
  await showTeamTab(rick.page);
  await screenshot(rick.page, 'team-refused');
});

test('a reviewer curates: compares an annotator, builds the curated version, and it is written as gold', async () => {
  const url = await project('curate');
  const alice = await signIn('alice', url);
  await openArticle(alice.page, 'a1');
  await alice.page.evaluate(() => { window.annotator.addEntity(0, 13, 'PER'); window.annotator.addEntity(22, 27, 'LOC'); });
  await waitServer('curate', 'ann:a1:alice', ['0-13 PER', '22-27 LOC']);
  const rita = await signIn('rita', url);
  await wait("alice's work in rita's queue", async () => statusOf(await team(rita.page), 'a1', 'alice') === 'in-progress');
  await openArticle(rita.page, 'a1');
  await clickWidgetNamed(rita.page, 'team.gold');
  await wait('the gold document open', async () => (await team(rita.page)).target === 'gold:a1');
  await clickWidgetNamed(rita.page, 'team.compare.alice');
  await wait('the comparison', async () => (await rita.page.evaluate(() => window.annotator.statusMessage())).startsWith('Comparing with ann:a1:alice'), rita.page);
  await clickWidgetNamed(rita.page, 'agree.all.B');
  await clickWidgetNamed(rita.page, 'agree.curate');
  await wait('gold on the server', async () => (await serverEntities('curate', 'gold:a1')).length === 2);
  assert.deepEqual(await serverEntities('curate', 'gold:a1'), ['0-13 PER', '22-27 LOC']);
  assert.equal((await serverDoc('curate', 'gold:a1')).curator, 'rita');
  await wait('gold in alice\'s queue', async () => (await team(alice.page)).articles.find((a) => a.id === 'a1').gold);
  await screenshot(rita.page, 'team-curate');
});

test('the CLI pushes annotations that the page then shows, and pulls what the page wrote', async () => {
  const url = await project('cli');
  const alice = await signIn('alice', url);
  await openArticle(alice.page, 'a2');
  await alice.page.evaluate(() => window.annotator.addEntity(0, 7, 'ORG'));
  await waitServer('cli', 'ann:a2:alice', ['0-7 ORG']);
  // Bob pushes his annotations of a new article from files.
  const dir = tempDir('page-push-');
  writeFileSync(join(dir, 'a4.json'), JSON.stringify({
    format: 'article-annotator', version: 1, text: 'Ada Lovelace lived in London.',
    labels: LABELS, entities: [{ id: 'e1', start: 0, end: 12, label: 'PER', text: 'Ada Lovelace' }],
  }));
  const push = await annotator(server, 'rita', ['push', dir, url]);
  assert.equal(push.status, 0, push.stderr);
  const pushBob = await annotator(server, 'bob', ['push', dir, url, '--as', 'bob']);
  assert.equal(pushBob.status, 0, pushBob.stderr);
  await wait('the pushed article in the page', async () => {
    const a = (await team(alice.page)).articles.find((x) => x.id === 'a4');
    return a && a.statuses.some((s) => s.user === 'bob');
  });
  // Pulled as files: what the page wrote.
  const out = tempDir('page-pull-');
  const pull = await annotator(server, 'rick', ['pull', url, '-o', out, '--annotator', 'alice', '--to', 'native']);
  assert.equal(pull.status, 0, pull.stderr);
  const a2 = JSON.parse(readFileSync(join(out, 'a2.json'), 'utf8'));
  assert.deepEqual(a2.entities.map((e) => `${e.start}-${e.end} ${e.label}`), ['0-7 ORG']);
});

test('the single-file page says that team projects need the served page', async () => {
  const { page, context } = await openPage(browser, `${server.url}/page/annotator.html`);
  opened.push(context);
  await clickWidgetNamed(page, 'menu.file');
  await clickWidgetNamed(page, 'menu.team');
  await settle(page);
  assert.equal(await page.evaluate(() => window.annotator.team()), null);
  await screenshot(page, 'team-single-file');
});

// ./build-wasm.sh --connect-src ORIGIN: the page served from one origin syncs with a database on
// another (CORS with credentials enabled there). The page is built once here, into a scratch
// directory (`--out DIR page`: the page only, no test suites; cmake finds it up to date when dist/
// was built from the same sources, so this is the CSP rewrite and a copy).
test('a page built with --connect-src ORIGIN may connect to that origin only, and syncs with the database there', async () => {
  const out = tempDir('connect-src-');
  const built = await new Promise((ok) => execFile(join(ROOT, 'build-wasm.sh'), ['--connect-src', server.url, '--out', out, 'page'],
    { encoding: 'utf8', maxBuffer: 1 << 24 }, (error, stdout, stderr) => ok({ error, stdout, stderr })));
  assert.equal(built.error, null, built.stderr);
  const csp = (file) => readFileSync(file, 'utf8').match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
  const connectSrc = (file) => csp(file).split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src '));
  assert.equal(connectSrc(join(out, 'index.html')), `connect-src 'self' ${server.url}`);
  assert.equal(connectSrc(join(DIST, 'index.html')), "connect-src 'self'");
  assert.equal(csp(join(out, 'index.html')).replace(` ${server.url}`, ''), csp(join(DIST, 'index.html')), 'the rest of the policy is the page\'s own');

  // The page on another origin (a static server on another port); the database's server lets that
  // origin in with credentials (CORS), as its admin would.
  const statics = await startStatic(out);
  try {
    const r = await as(server, 'admin', 'PUT', '/_config/cors/origins', statics.url.replace(/\/$/, ''));
    assert.equal(r.status, 200, r.text);
    const url = await project('elsewhere');
    const { page, context } = await openPage(browser, statics.url);
    opened.push(context);
    // The same server under another origin (localhost): not allowed, refused by the CSP, and the
    // page says how to allow it.
    const other = `http://localhost:${server.port}`;
    await typeSignIn(page, 'alice', `${other}/elsewhere`);
    const blocked = await wait('the blocked sign-in', async () => {
      const m = await page.evaluate(() => window.annotator.statusMessage());
      return m.startsWith(`Cannot reach ${other}`) && m;
    }, page);
    assert.ok(blocked.endsWith(`another origin that this page does not allow (build it with ./build-wasm.sh --connect-src ${other})`), blocked);
    assert.ok((await cspViolations(page)).some((v) => v.startsWith(`connect-src blocked ${other}`)), JSON.stringify(await cspViolations(page)));
    // The allowed origin: signed in, the queue, an edit synced there.
    await clickWidgetNamed(page, 'team.url');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(url);
    await clickWidgetNamed(page, 'team.sign_in');
    await wait('the session there', async () => (await team(page))?.url === url, page);
    await waitSync(page, 'synced');
    await wait('the queue', async () => (await team(page)).articles.length === 3, page);
    await openArticle(page, 'a1');
    await page.evaluate(() => window.annotator.addEntity(0, 13, 'PER'));
    await waitServer('elsewhere', 'ann:a1:alice', ['0-13 PER']);
    assert.ok((await cspViolations(page)).every((v) => !v.includes(server.url)), 'nothing to the allowed origin was blocked');
  } finally {
    await statics.close();
  }
});

// ---- The corpus as files from the page: import (reviewers) and export (a zip), compared with the CLI ----

const unzip = (bytes) => require('fflate').unzipSync(new Uint8Array(bytes));
const ADA = {
  format: 'article-annotator', version: 1, text: 'Ada Lovelace lived in London.', labels: LABELS,
  entities: [{ id: 'e1', start: 0, end: 12, label: 'PER', text: 'Ada Lovelace' }],
};
const IMPORTED = {
  'a4.json': JSON.stringify(ADA),
  'a5.conll': '-DOCSTART- -X- O O\n\nAlan B-PER\nTuring I-PER\nwas O\nborn O\nin O\nLondon B-LOC\n. O\n\n',
};
const BAD = '{"format": "article-annotator", "version": 1,\n "text": 12, "entities": []}';
const payload = (files) => Object.entries(files).map(([name, text]) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(text) }));
const statusMessage = (page) => page.evaluate(() => window.annotator.statusMessage());

// The Team tab with its "The corpus as files" section open (closed until a click opens it).
async function showFiles(page) {
  await showTeamTab(page);
  if (!(await page.evaluate(() => window.annotator.widgetRect('team.export')))) {
    await clickWidgetNamed(page, 'team.files');
    await settle(page);
  }
}

async function importFiles(page, files) {
  await showFiles(page);
  const before = await statusMessage(page);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickWidgetNamed(page, 'team.import')]);
  await chooser.setFiles(payload(files));
  return wait('the import\'s message', async () => {
    const m = await statusMessage(page);
    return m !== before && m.startsWith('Import') && m;
  }, page);
}

// Every file of the zip that the page downloads after a click on "Export the corpus...".
async function exportZip(page, who, format) {
  await showFiles(page);
  for (const [combo, item] of [['team.export.who', `team.export.who.${who}`], ['team.export.format', `team.export.format.${format}`]]) {
    await clickWidgetNamed(page, combo);
    await settle(page);
    await clickWidgetNamed(page, item);
    await settle(page);
  }
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), clickWidgetNamed(page, 'team.export')]);
  const files = unzip(readFileSync(await download.path()));
  return { name: download.suggestedFilename(), files };
}

// What annotator pull writes for the same database, file by file.
async function pulled(url, args) {
  const out = tempDir('page-pull-');
  const pull = await annotator(server, 'rick', ['pull', url, '-o', out, ...args]);
  assert.equal(pull.status, 0, pull.stderr);
  const files = {};
  for (const name of readdirSync(out)) files[name] = new Uint8Array(readFileSync(join(out, name)));
  return files;
}

test('a reviewer imports files from the page: a bad one stops the import whole; the corpus then reaches another annotator as the CLI would push it', async () => {
  const url = await project('import');
  const rita = await signIn('rita', url);
  const alice = await signIn('alice', url);
  // A bad file among them: nothing is written, the message names the file and the position.
  const refused = await importFiles(rita.page, { ...IMPORTED, 'bad.json': BAD });
  assert.match(refused, /^Import of 3 file\(s\): nothing was imported: bad\.json:2:\d+: error: /);
  assert.equal((await team(rita.page)).articles.length, 3);
  await screenshot(rita.page, 'team-import-refused');
  // The two good ones (one native, one CoNLL), their entities as gold.
  const message = await importFiles(rita.page, IMPORTED);
  assert.equal(message, 'Imported 2 file(s): 4 document(s) written to this device\'s replica (2 article(s), 0 already there with the same text); they sync with the server');
  await wait('the imported articles in alice\'s queue', async () => {
    const ids = (await team(alice.page)).articles.map((a) => a.id);
    return ids.includes('a4') && ids.includes('a5');
  }, alice.page);
  await wait('the imported articles marked gold', async () => (await team(alice.page)).articles.filter((a) => a.gold).length === 2, alice.page);
  await waitSync(rita.page, 'synced');
  // The same files pushed by the CLI into another database: the same documents (but the revisions).
  const dir = tempDir('page-import-');
  for (const [name, text] of Object.entries(IMPORTED)) writeFileSync(join(dir, name), text);
  await project('importcli');
  const push = await annotator(server, 'rita', ['push', dir, `${server.url}/importcli`, '--gold']);
  assert.equal(push.status, 0, push.stderr);
  const body = (d) => { const { _rev, ...rest } = d; return rest; };
  for (const id of ['article:a4', 'gold:a4', 'article:a5', 'gold:a5'])
    assert.deepEqual(body(await serverDoc('import', id)), body(await serverDoc('importcli', id)), id);
  assert.deepEqual(await serverEntities('import', 'gold:a5'), ['0-11 PER', '24-30 LOC']);
  assert.equal((await serverDoc('import', 'gold:a4')).curator, 'rita');
});

test('the corpus exported from the page (gold as CoNLL and JSON, an annotator\'s) is the files annotator pull writes', async () => {
  const url = await project('export');
  const gold = (id, entities) => as(server, 'rita', 'PUT', `/export/gold:${id}`, { type: 'gold', article: id, status: 'done', note: '', curator: 'rita', entities });
  assert.equal((await gold('a1', [{ id: 'e1', start: 0, end: 13, label: 'PER' }, { id: 'e2', start: 22, end: 27, label: 'LOC' }])).status, 201);
  assert.equal((await gold('a2', [{ id: 'e1', start: 0, end: 7, label: 'ORG' }])).status, 201);
  const rita = await signIn('rita', url);
  const alice = await signIn('alice', url);
  await openArticle(alice.page, 'a3');
  await alice.page.evaluate(() => window.annotator.addEntity(0, 11, 'PER'));
  await waitServer('export', 'ann:a3:alice', ['0-11 PER']);
  await wait('gold in rita\'s queue', async () => (await team(rita.page)).articles.filter((a) => a.gold).length === 2, rita.page);

  for (const [format, ext] of [['conll', '.conll'], ['native', '.json']]) {
    const zip = await exportZip(rita.page, 'gold', format);
    assert.equal(zip.name, `export-gold-${format}.zip`);
    assert.deepEqual(Object.keys(zip.files).sort(), [`a1${ext}`, `a2${ext}`, 'skipped articles.txt']);
    assert.equal(new TextDecoder().decode(zip.files['skipped articles.txt']), '1 article(s) without gold, not in this zip:\na3\n');
    const cli = await pulled(url, ['--to', format]);
    assert.deepEqual(Object.keys(cli).sort(), [`a1${ext}`, `a2${ext}`]);
    for (const name of Object.keys(cli)) assert.deepEqual(zip.files[name], cli[name], name);
    assert.match(await statusMessage(rita.page), new RegExp(`^Exported 2 article\\(s\\) \\(gold, ${format}\\) as export-gold-${format}\\.zip`));
  }
  await screenshot(rita.page, 'team-export');
  // Alice exports her own annotations (brat: the .ann and the .txt of each article).
  const mine = await exportZip(alice.page, 'alice', 'brat');
  const cli = await pulled(url, ['--annotator', 'alice', '--to', 'brat']);
  assert.deepEqual(Object.keys(cli).sort(), ['a3.ann', 'a3.txt']);
  for (const name of Object.keys(cli)) assert.deepEqual(mine.files[name], cli[name], name);
  assert.equal(new TextDecoder().decode(mine.files['skipped articles.txt']), '2 article(s) without alice\'s annotations, not in this zip:\na1\na2\n');
});
