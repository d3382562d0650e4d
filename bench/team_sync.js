// Team-project scale benchmark (issue 17): N articles x K annotators in a CouchDB-protocol server
// (tests/team/server.js in a child process), imported with `annotator push`, then measured with
// PouchDB in node (the replication protocol the page's PouchDB speaks; node's memory adapter, not
// the browser's IndexedDB):
//   - push / pull of the corpus through the CLI;
//   - initial sync of a new annotator: the whole database (the page before issue 17's partial
//     sync), and what the page does now: the queue view read in pages of 1,000 rows (its first read,
//     which builds the view's index on the server, timed apart) and a replication filtered by
//     doc_ids (the project and ann:<article>:<me> of every article);
//   - edit-to-appearance: an edit replicated live by one annotator, seen in another's live
//     replica (median and max over R edits);
//   - memory: the heap of the node process holding the new annotator's replica.
// Usage: node bench/team_sync.js [--articles 1000] [--annotators 3] [--edits 20]
//        (needs the native CLI built: ANNOTATOR, default build/native-release then native-debug)
'use strict';
const { spawn, execFile } = require('node:child_process');
const { mkdtempSync, writeFileSync, rmSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { writeAnnotatorFiles } = require('./team_corpus.js');

const ROOT = resolve(__dirname, '..');
const modules = join(ROOT, 'tests', 'team', 'node_modules');
const need = (n) => require(join(modules, n));
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('articles', 1000), K = arg('annotators', 3), EDITS = arg('edits', 20);
const ANNOTATOR = process.env.ANNOTATOR || [join(ROOT, 'build/native-release/src/cli/annotator'),
  join(ROOT, 'build/native-debug/src/cli/annotator')].find(existsSync);
const ADMIN = { name: 'admin', password: 'bench-admin' };
const PouchDB = need('pouchdb-core').plugin(need('pouchdb-adapter-http')).plugin(need('pouchdb-replication'))
  .plugin(need('pouchdb-adapter-memory'));

const now = () => Number(process.hrtime.bigint() / 1000n) / 1000;  // ms
const mb = (b) => (b / 1048576).toFixed(1);
const run = (args, user) => new Promise((ok, fail) => {
  execFile(ANNOTATOR, [...args, '--user', user.name], { env: { ...process.env, ANNOTATOR_PASSWORD: user.password }, maxBuffer: 1 << 26 },
    (e, stdout, stderr) => (e ? fail(new Error(`${args[0]}: ${stderr}`)) : ok(stdout)));
});

async function main() {
  if (!ANNOTATOR) throw new Error('build the CLI first (cmake --preset native-release && cmake --build --preset native-release)');
  const scratch = mkdtempSync(join(tmpdir(), 'aa-team-bench-'));
  const server = spawn(process.execPath, [join(ROOT, 'tests/team/server.js')], {
    env: { ...process.env, AA_COUCH_ADMIN: ADMIN.name, AA_COUCH_PASSWORD: ADMIN.password }, stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise((ok) => server.stdout.once('data', (d) => ok(String(d).trim())));
  const auth = (u) => 'Basic ' + Buffer.from(`${u.name}:${u.password}`).toString('base64');
  const put = (path, body) => fetch(base + path, { method: 'PUT', headers: { 'Content-Type': 'application/json', Authorization: auth(ADMIN) }, body: JSON.stringify(body) });
  const users = { rita: { name: 'rita', password: 'pw', roles: ['reviewer'] } };
  for (let k = 0; k <= K; ++k) users[`ann${k}`] = { name: `ann${k}`, password: 'pw', roles: ['annotator'] };
  for (const u of Object.values(users)) await put(`/_users/org.couchdb.user:${u.name}`, { ...u, type: 'user' });
  const db = `${base}/corpus`;
  const dist = join(scratch, 'dist');
  require('node:fs').mkdirSync(dist);
  writeFileSync(join(dist, 'index.html'), '<!doctype html>');
  await run(['publish', db, '--dist', dist], ADMIN);

  const rows = [];
  const row = (what, value) => { rows.push([what, value]); console.log(`${what.padEnd(58)} ${value}`); };
  console.log(`team sync benchmark: ${N} articles x ${K} annotators (PouchDB ${require(join(modules, 'pouchdb-core/package.json')).version} in node ${process.version})`);
  // Import: one directory per annotator (same texts), pushed with --as; the articles with the first.
  for (let k = 0; k < K; ++k) {
    const dir = join(scratch, `ann${k}`);
    writeAnnotatorFiles(dir, N, k);
    if (k === 0) {
      const t = now();
      await run(['push', dir, db], users.rita);
      row(`push ${N} articles (CLI, reviewer)`, `${(now() - t).toFixed(0)} ms`);
    }
    const t = now();
    await run(['push', dir, db, '--as', `ann${k}`], users[`ann${k}`]);
    row(`push ${N} ann: documents of ann${k} (CLI)`, `${(now() - t).toFixed(0)} ms`);
  }
  {
    const t = now();
    await run(['pull', db, '-o', join(scratch, 'pulled'), '--annotator', 'ann0'], users.rita);
    row(`pull ${N} articles with ann0's annotations (CLI, native)`, `${(now() - t).toFixed(0)} ms`);
  }
  const remote = (u) => new PouchDB(db, { fetch: (url, opts) => { opts.headers.set('Authorization', auth(u)); return PouchDB.fetch(url, opts); } });

  // A new annotator: the whole database, then only what a page needs first.
  global.gc && global.gc();
  const heap0 = process.memoryUsage().heapUsed;
  const fresh = new PouchDB('fresh-all', { adapter: 'memory' });
  let t = now();
  const all = await PouchDB.replicate(remote(users[`ann${K}`]), fresh, { batch_size: 200 });
  row(`initial sync, whole database (${all.docs_written} documents)`, `${(now() - t).toFixed(0)} ms`);
  global.gc && global.gc();
  row('  heap held by that replica (node, memory adapter)', `${mb(process.memoryUsage().heapUsed - heap0)} MB`);
  await fresh.destroy();
  {
    const who = users[`ann${K}`];
    const view = (q) => fetch(`${db}/_design/annotator/_view/queue?${q}`, { headers: { Authorization: auth(who) } }).then((r) => r.json());
    t = now();
    await view('limit=1');
    row('  the queue view\'s first read (the server builds its index)', `${(now() - t).toFixed(0)} ms`);
    global.gc && global.gc();
    const heap1 = process.memoryUsage().heapUsed;
    t = now();
    const articles = new Set();
    let rowsRead = 0;
    for (let after = null; ;) {
      const q = after ? `limit=1000&skip=1&startkey=${encodeURIComponent(JSON.stringify(after.key))}&startkey_docid=${encodeURIComponent(after.id)}` : 'limit=1000';
      const page = await view(q);
      rowsRead += page.rows.length;
      for (const r of page.rows) articles.add(r.key);
      if (page.rows.length < 1000) break;
      after = page.rows[page.rows.length - 1];
    }
    const partial = new PouchDB('fresh-partial', { adapter: 'memory' });
    const ids = ['project', ...[...articles].map((a) => `ann:${a}:${who.name}`)];
    const got = await PouchDB.replicate(remote(who), partial, { doc_ids: ids, checkpoint: 'target' });
    row(`initial sync as the page does it (${rowsRead} view rows, ${got.docs_written} document(s))`, `${(now() - t).toFixed(0)} ms`);
    global.gc && global.gc();
    row('  heap held by the queue and that replica', `${mb(process.memoryUsage().heapUsed - heap1)} MB`);
    await partial.destroy();
  }

  // Live: ann0 edits in its replica (pushed live); ann1's replica pulls live and sees it.
  const a = new PouchDB('live-a', { adapter: 'memory' }), b = new PouchDB('live-b', { adapter: 'memory' });
  await PouchDB.replicate(remote(users.ann0), a, { batch_size: 500 });
  await PouchDB.replicate(remote(users.ann1), b, { batch_size: 500 });
  const up = a.replicate.to(remote(users.ann0), { live: true, retry: true });
  const down = b.replicate.from(remote(users.ann1), { live: true, retry: true });
  const seen = new Map();
  const feed = b.changes({ since: 'now', live: true, include_docs: true }).on('change', (c) => {
    const mark = c.doc && c.doc.note;
    if (seen.has(mark)) seen.get(mark)(now());
  });
  const times = [];
  for (let e = 0; e < EDITS; ++e) {
    const id = `ann:a${String(e).padStart(5, '0')}:ann0`;
    const doc = await a.get(id);
    const mark = `edit ${e}`;
    const arrived = new Promise((ok) => seen.set(mark, ok));
    const t0 = now();
    await a.put({ ...doc, note: mark });
    times.push((await arrived) - t0);
  }
  times.sort((x, y) => x - y);
  row(`edit to appearance in another annotator's replica (${EDITS} edits)`, `median ${times[times.length >> 1].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`);
  feed.cancel(); up.cancel(); down.cancel();
  server.kill('SIGTERM');
  rmSync(scratch, { recursive: true, force: true });
}

main().catch((e) => { console.error(e); process.exit(1); });
