// annotator push / pull / publish against a real CouchDB-protocol server: a corpus goes up as
// article:, gold: and ann: documents and comes back, entity for entity, in any format; the
// server's refusals and a missing login are reported per document with exit status 1.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { cpSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { FIXTURES, startTeamServer, annotator, as, fakeDist, tempDir } = require('./harness.js');

let server, url;
const FILES = ['article.json', 'minimal.json', 'unicode.json'];

function corpus() {
  const dir = tempDir('aa-team-corpus-');
  for (const f of FILES) cpSync(join(FIXTURES, 'native', f), join(dir, f));
  return dir;
}
// In document order (a fixture may list them otherwise; the writer sorts them).
const entities = (doc) =>
  doc.entities.map(({ id, start, end, label, text }) => ({ id, start, end, label, text })).sort((a, b) => a.start - b.start || b.end - a.end || a.label.localeCompare(b.label));

test.before(async () => {
  server = await startTeamServer();
  url = `${server.url}/corpus`;
  const pub = await annotator(server, 'admin', ['publish', url, '--dist', fakeDist()]);
  assert.equal(pub.status, 0, pub.stderr);
  assert.equal(pub.stdout, `published 3 files, validate_doc_update, the queue view and _security to ${url}\nopen ${url}/_design/annotator/index.html\n`);
});
test.after(() => server.stop());

test('a reviewer pushes a corpus as gold and pulls it back in every format', async () => {
  const push = await annotator(server, 'rita', ['push', corpus(), url, '--gold']);
  assert.equal(push.status, 0, push.stderr);
  assert.equal(push.stdout, `pushed 7 documents to ${url} (3 articles, 0 already there with the same text)\n`);
  const project = await as(server, 'rita', 'GET', '/corpus/project');
  assert.equal(project.body.name, 'corpus');

  const out = tempDir('aa-team-pull-');
  const pull = await annotator(server, 'rick', ['pull', url, '-o', out, '--to', 'native']);
  assert.equal(pull.status, 0, pull.stderr);
  assert.equal(pull.stdout, `pulled 3 articles (gold) from ${url} into ${out}\n`);
  assert.deepEqual(readdirSync(out).sort(), FILES);
  for (const f of FILES) {
    const mine = JSON.parse(readFileSync(join(FIXTURES, 'native', f), 'utf8'));
    const back = JSON.parse(readFileSync(join(out, f), 'utf8'));
    assert.equal(back.text, mine.text, f);
    assert.deepEqual(entities(back), entities(mine), f);
  }
  // Every format the registry writes, one file per article.
  for (const to of ['spacy', 'doccano', 'conll', 'brat', 'w3c', 'xml', 'csv']) {
    const dir = tempDir(`aa-team-${to}-`);
    const r = await annotator(server, 'rick', ['pull', url, '-o', dir, '--to', to]);
    assert.equal(r.status, 0, `${to}: ${r.stderr}`);
    assert.equal(readdirSync(dir).length, to === 'brat' ? 6 : 3, to);
  }
  // Existing files are kept without --force.
  const again = await annotator(server, 'rick', ['pull', url, '-o', out]);
  assert.equal(again.status, 1);
  assert.equal(again.stderr, `annotator: error: ${FILES.map((f) => join(out, f)).join(', ')} would be replaced; nothing was written (--force replaces them)\n`);
  const forced = await annotator(server, 'rick', ['pull', url, '-o', out, '--force']);
  assert.equal(forced.status, 0, forced.stderr);
});

test("an annotator pushes her own annotations and pulls them; another's are refused by the server", async () => {
  const dir = corpus();
  const mine = await annotator(server, 'alice', ['push', dir, url, '--as', 'alice']);
  assert.equal(mine.status, 0, mine.stderr);
  assert.equal(mine.stdout, `pushed 3 documents to ${url} (3 articles, 3 already there with the same text)\n`);
  const out = tempDir('aa-team-alice-');
  const pull = await annotator(server, 'alice', ['pull', url, '-o', out, '--annotator', 'alice']);
  assert.equal(pull.status, 0, pull.stderr);
  const back = JSON.parse(readFileSync(join(out, 'minimal.json'), 'utf8'));
  assert.deepEqual(entities(back), entities(JSON.parse(readFileSync(join(FIXTURES, 'native', 'minimal.json'), 'utf8'))));
  const ann = await as(server, 'alice', 'GET', '/corpus/ann:minimal:alice');
  assert.equal(ann.body.user, 'alice');
  assert.equal(ann.body.status, 'done');

  const theirs = await annotator(server, 'alice', ['push', dir, url, '--as', 'bob']);
  assert.equal(theirs.status, 1);
  assert.equal(theirs.stderr,
    FILES.map((f) => { const id = f.replace('.json', ''); return `annotator: error: ann:${id}:bob: refused by the server: forbidden: ann:${id}:bob: alice may write only ann:<article>:alice\n`; }).join(''));
  const gold = await annotator(server, 'rick', ['push', dir, url, '--gold']);
  assert.equal(gold.status, 1);
  assert.match(gold.stderr, /^annotator: error: gold:article: refused by the server: forbidden: gold:article: only reviewers write gold: documents\n/);
});

test('pull reports the articles without the chosen annotations', async () => {
  const out = tempDir('aa-team-bob-');
  const r = await annotator(server, 'rick', ['pull', url, '-o', out, '--annotator', 'bob']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `pulled 0 articles (bob's annotations) from ${url} into ${out}\n`);
  assert.equal(r.stderr, "annotator: note: 3 articles without bob's annotations skipped: article, minimal, unicode\n");
});

test('an article is never replaced by another text under its id', async () => {
  const dir = tempDir('aa-team-other-');
  writeFileSync(join(dir, 'minimal.txt'), 'Another text entirely.');
  const r = await annotator(server, 'rita', ['push', dir, url]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `${dir}/minimal.txt: error: article:minimal exists with another text; not replaced (rename the file)\n`);
});

test('without a login, or with a wrong one, the server answers and the CLI says so', async () => {
  const out = tempDir('aa-team-anon-');
  const anon = await annotator(server, null, ['pull', url, '-o', out]);
  assert.equal(anon.status, 1);
  assert.equal(anon.stderr, `annotator: error: ${url}: cannot read project: HTTP 401 unauthorized: You are not authorized to access this db.\n`);
  const noPassword = await annotator(server, null, ['pull', url, '-o', out, '--user', 'alice']);
  assert.equal(noPassword.status, 2);
  assert.match(noPassword.stderr, /--user alice needs the password in the environment variable ANNOTATOR_PASSWORD/);
  const down = await annotator(server, 'alice', ['pull', 'http://127.0.0.1:9/corpus', '-o', out]);
  assert.equal(down.status, 1);
  assert.match(down.stderr, /^annotator: error: http:\/\/127\.0\.0\.1:9\/corpus: cannot read project: Could(n't| not) connect to server\n$/);
});

test('publish without a built page says how to build one', async () => {
  const r = await annotator(server, 'admin', ['publish', url, '--dist', '/nonexistent-dist']);
  assert.equal(r.status, 1);
  assert.equal(r.stderr,
    '/nonexistent-dist: error: cannot open the directory: No such file or directory\nannotator: error: no page to publish: run ./build-wasm.sh first, or give --dist DIR\n');
});

// Two leaf revisions of one ann: document (the same annotator on two devices), made as
// replication makes them: _bulk_docs with new_edits false, each a child of the current revision.
async function fork(id, left, right) {
  const cur = await as(server, 'alice', 'GET', `/corpus/${id}`);
  assert.equal(cur.status, 200, cur.text);
  const [n, hash] = cur.body._rev.split('-');
  const child = (h, change) => {
    const doc = structuredClone(cur.body);
    change(doc);
    return { ...doc, _rev: `${+n + 1}-${h}`, _revisions: { start: +n + 1, ids: [h, hash] } };
  };
  const r = await as(server, 'alice', 'POST', '/corpus/_bulk_docs', {
    new_edits: false, docs: [child('a'.repeat(32), left), child('b'.repeat(32), right)],
  });
  assert.equal(r.status, 201, r.text);
  const both = await as(server, 'alice', 'GET', `/corpus/${id}?conflicts=true`);
  assert.equal(both.body._conflicts.length, 1);
}

test('pull merges a same-user conflict entity by entity from the common revision, and names what it cannot', async () => {
  const byId = (doc, id) => doc.entities.find((e) => e.id === id);
  // Device A relabels Angela Merkel; device B notes Paris and marks the article in progress.
  await fork('ann:minimal:alice', (d) => { byId(d, 'e1').label = 'ORG'; },
    (d) => { byId(d, 'e2').note = 'capital'; d.status = 'in-progress'; });
  // Both devices relabel the same entity differently: that needs a person.
  await fork('ann:unicode:alice', (d) => { byId(d, 'e2').label = 'LOC'; }, (d) => { byId(d, 'e2').label = 'MISC'; });

  const out = tempDir('aa-team-merge-');
  const r = await annotator(server, 'alice', ['pull', url, '-o', out, '--annotator', 'alice']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr,
    'annotator: note: ann:minimal:alice: merged 1 conflicting revision entity by entity; the server keeps them until the page resolves them\n' +
    `annotator: warning: ann:unicode:alice: conflict with revision 2-${'a'.repeat(32)}: e2: label changed on both sides (base "PER", ours "MISC", theirs "LOC") (the winning side's kept)\n` +
    'annotator: note: ann:unicode:alice: merged 1 conflicting revision entity by entity, 1 conflict left; the server keeps them until the page resolves them\n');
  const minimal = JSON.parse(readFileSync(join(out, 'minimal.json'), 'utf8'));
  assert.deepEqual(minimal.entities.map(({ id, label, note }) => ({ id, label, note })),
    [{ id: 'e1', label: 'ORG', note: undefined }, { id: 'e2', label: 'LOC', note: 'capital' }]);
  const unicode = JSON.parse(readFileSync(join(out, 'unicode.json'), 'utf8'));
  assert.equal(unicode.entities.find((e) => e.id === 'e2').label, 'MISC');
});
