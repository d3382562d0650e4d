// Roles are enforced by the server: after `annotator publish`, every forbidden write is refused
// by CouchDB's validate_doc_update / _security (not by the page), with its reason, by PUT and by
// _bulk_docs as replication sends it; the allowed writes succeed.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { cpSync } = require('node:fs');
const { join } = require('node:path');
const { FIXTURES, startTeamServer, annotator, as, fakeDist, tempDir } = require('./harness.js');

let server;
const DB = '/corpus';

test.before(async () => {
  server = await startTeamServer();
  const pub = await annotator(server, 'admin', ['publish', `${server.url}${DB}`, '--dist', fakeDist()]);
  assert.equal(pub.status, 0, pub.stderr);
  const corpus = tempDir('aa-team-corpus-');
  cpSync(join(FIXTURES, 'native', 'minimal.json'), join(corpus, 'minimal.json'));
  const push = await annotator(server, 'rita', ['push', corpus, `${server.url}${DB}`, '--gold']);
  assert.equal(push.status, 0, push.stderr);
});
test.after(() => server.stop());

const ann = (article, user, extra = {}) => ({ type: 'ann', article, user, status: 'todo', note: '', entities: [], ...extra });

async function refused(user, id, doc, reason) {
  const r = await as(server, user, 'PUT', `${DB}/${encodeURIComponent(id)}`, doc);
  assert.equal(r.status, 403, `${user} writing ${id}: ${r.text}`);
  assert.deepEqual(r.body, { error: 'forbidden', reason });
}

test('an annotator writes her own ann: document and nothing else', async () => {
  const ok = await as(server, 'alice', 'PUT', `${DB}/ann:minimal:alice`, ann('minimal', 'alice'));
  assert.equal(ok.status, 201, ok.text);
  await refused('alice', 'ann:minimal:bob', ann('minimal', 'bob'), 'ann:minimal:bob: alice may write only ann:<article>:alice');
  await refused('alice', 'ann:minimal:alice2', ann('minimal', 'alice2'), 'ann:minimal:alice2: alice may write only ann:<article>:alice');
  await refused('alice', 'gold:minimal', { type: 'gold', article: 'minimal', entities: [] }, 'gold:minimal: only reviewers write gold: documents');
  await refused('alice', 'article:new', { type: 'article', text: 'x' }, 'article:new: only reviewers write article: documents');
  const project = await as(server, 'alice', 'GET', `${DB}/project`);
  assert.equal(project.status, 200);
  await refused('alice', 'project', { ...project.body, guidelines: 'mine' }, 'project: only reviewers write the project');
  await refused('alice', 'ann:minimal:alice', { ...ann('minimal', 'bob'), _rev: ok.body.rev }, 'ann:minimal:alice: article and user must be those of the _id');
  await refused('alice', 'notes', { type: 'notes' }, 'unknown document notes (expected project, article:<id>, ann:<article>:<user> or gold:<article>)');
});

test("an annotator cannot delete another annotator's document", async () => {
  const bob = await as(server, 'bob', 'PUT', `${DB}/ann:minimal:bob`, ann('minimal', 'bob'));
  assert.equal(bob.status, 201, bob.text);
  const del = await as(server, 'alice', 'DELETE', `${DB}/ann:minimal:bob?rev=${bob.body.rev}`);
  assert.equal(del.status, 403, del.text);
  assert.equal(del.body.reason, 'ann:minimal:bob: alice may write only ann:<article>:alice');
});

test('a write as replication sends it (_bulk_docs, new_edits false) is refused the same way', async () => {
  const r = await as(server, 'alice', 'POST', `${DB}/_bulk_docs`, {
    new_edits: false,
    docs: [{ _id: 'ann:minimal:bob', _rev: '9-0123456789abcdef0123456789abcdef', _revisions: { start: 9, ids: ['0123456789abcdef0123456789abcdef'] }, ...ann('minimal', 'bob') }],
  });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.body, [{ id: 'ann:minimal:bob', error: 'forbidden', reason: 'ann:minimal:bob: alice may write only ann:<article>:alice' }]);
  const bob = await as(server, 'bob', 'GET', `${DB}/ann:minimal:bob`);
  assert.match(bob.body._rev, /^1-/);
});

test('a reviewer writes gold: and the project but no ann: document', async () => {
  const gold = await as(server, 'rita', 'GET', `${DB}/gold:minimal`);
  assert.equal(gold.status, 200);
  const put = await as(server, 'rita', 'PUT', `${DB}/gold:minimal`, { ...gold.body, note: 'curated' });
  assert.equal(put.status, 201, put.text);
  const project = await as(server, 'rita', 'GET', `${DB}/project`);
  const p = await as(server, 'rita', 'PUT', `${DB}/project`, { ...project.body, guidelines: 'Tag every person.' });
  assert.equal(p.status, 201, p.text);
  await refused('rita', 'ann:minimal:rita', ann('minimal', 'rita'), 'ann:minimal:rita: only annotators write ann: documents');
  await refused('rita', 'gold:minimal', { type: 'ann', article: 'minimal', entities: [], _rev: put.body.rev }, 'gold:minimal: type must be "gold"');
});

test('a reader reads and writes nothing; a stranger does not even read', async () => {
  const read = await as(server, 'rick', 'GET', `${DB}/gold:minimal`);
  assert.equal(read.status, 200);
  await refused('rick', 'ann:minimal:rick', ann('minimal', 'rick'), 'ann:minimal:rick: only annotators write ann: documents');
  await refused('rick', 'gold:minimal', { ...read.body, note: 'x' }, 'gold:minimal: only reviewers write gold: documents');
  const anon = await as(server, null, 'GET', `${DB}/gold:minimal`);
  assert.equal(anon.status, 401);
  const anonWrite = await as(server, null, 'PUT', `${DB}/ann:minimal:x`, ann('minimal', 'x'));
  assert.equal(anonWrite.status, 401);
});

test('only admins change the design document and _security', async () => {
  const design = await as(server, 'rita', 'PUT', `${DB}/_design/annotator`, { validate_doc_update: 'function(){}' });
  assert.equal(design.status, 401, design.text);
  const sec = await as(server, 'rita', 'PUT', `${DB}/_security`, { members: { roles: [] } });
  assert.equal(sec.status, 401, sec.text);
});

test('publish serves the page from the database to a signed-in member', async () => {
  const session = await fetch(`${server.url}/_session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'alice', password: 'pw-of-alice' }),
  });
  assert.equal(session.status, 200);
  const cookie = session.headers.get('set-cookie').split(';')[0];
  const page = await fetch(`${server.url}${DB}/_design/annotator/index.html`, { headers: { Cookie: cookie } });
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-type').split(';')[0], 'text/html');
  assert.equal(await page.text(), '<!doctype html><title>Article Annotator</title>');
  const wasm = await fetch(`${server.url}${DB}/_design/annotator/annotator.wasm`, { headers: { Cookie: cookie } });
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.deepEqual([...new Uint8Array(await wasm.arrayBuffer())], [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
});

test('the queue view (installed by publish) gives each article, every annotator\'s status and gold, without the documents', async () => {
  const r = await as(server, 'rick', 'GET', `${DB}/_design/annotator/_view/queue`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.rows.map((row) => [row.key, row.id, row.value]), [
    ['minimal', 'ann:minimal:alice', { user: 'alice', status: 'todo' }],
    ['minimal', 'ann:minimal:bob', { user: 'bob', status: 'todo' }],
    ['minimal', 'article:minimal', { title: '', assigned: [] }],
    ['minimal', 'gold:minimal', { gold: true }],
  ]);
});

// pouchdb-server 4.2.0 ended its process on a changes filter it could not find or read; the test
// server (server.js) answers them with an error instead, and keeps serving.
test('a changes filter the test server cannot run is answered with an error, and the server keeps serving', async () => {
  for (const q of ['filter=_view&view=annotator/missing', 'filter=annotator/missing', 'filter=_view&view=none/queue&feed=longpoll&since=now']) {
    const r = await as(server, 'rick', 'GET', `${DB}/_changes?${q}`);
    assert.equal(r.status, 404, `${q}: ${r.text}`);
  }
  const selector = await as(server, 'rick', 'POST', `${DB}/_changes?filter=_selector`, { selector: { type: 'ann' } });
  assert.equal(selector.status, 400, selector.text);
  assert.match(selector.body.reason, /^tests\/team\/server\.js: pouchdb-server 4\.2\.0 does not read a _selector filter from the POST body/);
  const ids = await as(server, 'rick', 'POST', `${DB}/_changes?filter=_doc_ids`, { doc_ids: ['project'] });
  assert.deepEqual(ids.body.results.map((c) => c.id), ['project']);
});
