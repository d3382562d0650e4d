// Team-project scale benchmark in the page (issue 17 item 6): N articles x K annotators in a
// CouchDB-protocol server (tests/team/server.js, in this process, with dist/ under /page/: one
// origin), imported with `annotator push` as bench/team_sync.js does, then the built page in
// Chromium (PouchDB over IndexedDB, as users run it):
//   - the queue view's first read after the import (the server builds the view's index then; in a
//     team at work every read keeps it current), timed apart, as the reviewer;
//   - initial sync of a new annotator: from "Sign in" to the whole queue shown and "synced", and
//     how many documents her replica then holds (the project and her own: docs/team.md);
//   - memory of that page: the JS heap (CDP Performance.getMetrics, after a GC) and what the
//     replica takes in IndexedDB (navigator.storage.estimate); not the wasm heap;
//   - edit to appearance: annotator 0 marks an article done / in progress in her page (an edit
//     of her ann: document), timed until annotator 1's App receives the queue with it (the live
//     changes feed), median and max over R edits; with where the time goes: until ann0's sync
//     script has the edit, until the server receives its _bulk_docs, and the rest (the server, ann1's
//     replication and replica, ann1's App). Waited for inside ann1's page, not by polling its queue
//     (window.annotator.team() of 1,000 articles every few ms loaded that page's main thread).
// Usage: node bench/team_page.mjs [--articles 1000] [--annotators 3] [--edits 10]
//        (needs dist/ (./build-wasm.sh), the native CLI and tests/team/node_modules)
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { DIST, launchBrowser, openPage, clickWidgetNamed, settle } from '../tests/browser/harness.js';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { startServer } = require('../tests/team/server.js');
const { writeAnnotatorFiles } = require('./team_corpus.js');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('articles', 1000), K = arg('annotators', 3), EDITS = arg('edits', 10);
const ANNOTATOR = process.env.ANNOTATOR || [join(ROOT, 'build/native-release/src/cli/annotator'),
  join(ROOT, 'build/native-debug/src/cli/annotator')].find(existsSync);
const PW = 'bench-pw';
const now = () => performance.now();
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
const row = (what, value) => console.log(`${what.padEnd(62)} ${value}`);

const run = (server, args, user) => new Promise((ok, fail) => {
  const password = user === 'admin' ? server.admin.password : PW;
  execFile(ANNOTATOR, [...args, '--user', user], { env: { ...process.env, ANNOTATOR_PASSWORD: password }, maxBuffer: 1 << 26 },
    (e, stdout, stderr) => (e ? fail(new Error(`${args[0]}: ${stderr}`)) : ok(stdout)));
});

async function until(what, check, ms = 600000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const team = (page) => page.evaluate(() => window.annotator.team());

async function signIn(browser, url, user) {
  const { page, context } = await openPage(browser, `${url.replace(/\/[^/]*$/, '')}/page/index.html`);
  await clickWidgetNamed(page, 'menu.file');
  await clickWidgetNamed(page, 'menu.team');
  for (const [field, value] of [['team.url', url], ['team.name', user], ['team.password', PW]]) {
    await clickWidgetNamed(page, field);
    await page.keyboard.type(value);
  }
  const t = now();
  await clickWidgetNamed(page, 'team.sign_in');
  await until('the whole queue, synced', async () => {
    const s = await team(page);
    return s && s.articles.length === N && s.sync === 'synced';
  });
  return { page, context, ms: now() - t };
}

async function main() {
  if (!ANNOTATOR) throw new Error('build the CLI first (cmake --preset native-release && cmake --build --preset native-release --target annotator)');
  const scratch = mkdtempSync(join(tmpdir(), 'aa-team-page-bench-'));
  const server = await startServer({ page: DIST });
  // When the server receives each _bulk_docs (the bench's own server, in this process).
  const received = [];
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (ev, req) {
    if (ev === 'request' && req.method === 'POST' && /^\/corpus\/_bulk_docs/.test(req.url)) received.push(Date.now());
    return emit.apply(this, arguments);
  };
  const admin = 'Basic ' + Buffer.from(`${server.admin.name}:${server.admin.password}`).toString('base64');
  const users = ['rita', ...Array.from({ length: K + 1 }, (_, k) => `ann${k}`)];
  for (const name of users) {
    await fetch(`${server.url}/_users/org.couchdb.user:${name}`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json', Authorization: admin },
      body: JSON.stringify({ name, password: PW, roles: [name === 'rita' ? 'reviewer' : 'annotator'], type: 'user' }),
    });
  }
  const db = `${server.url}/corpus`;
  await run(server, ['publish', db, '--dist', DIST], 'admin');
  console.log(`team page benchmark: ${N} articles x ${K} annotators (Chromium, PouchDB over IndexedDB)`);
  let t = now();
  for (let k = 0; k < K; ++k) {
    const dir = join(scratch, `ann${k}`);
    writeAnnotatorFiles(dir, N, k);
    if (k === 0) await run(server, ['push', dir, db], 'rita');
    await run(server, ['push', dir, db, '--as', `ann${k}`], `ann${k}`);
  }
  row(`import (CLI push: ${N} articles, ${K} x ${N} ann: documents)`, `${((now() - t) / 1000).toFixed(1)} s`);

  t = now();
  const view = await fetch(`${db}/_design/annotator/_view/queue?limit=1`, {
    headers: { Authorization: 'Basic ' + Buffer.from(`rita:${PW}`).toString('base64') } });
  if (!view.ok) throw new Error(`the queue view: ${view.status} ${await view.text()}`);
  row('the queue view\'s first read after the import (its index built)', `${((now() - t) / 1000).toFixed(1)} s`);

  const browser = await launchBrowser();
  try {
    // A new annotator: nothing in this browser yet.
    const fresh = await signIn(browser, db, `ann${K}`);
    row(`initial sync of a new annotator (${N} articles, ${N * K} ann: documents on the server)`, `${(fresh.ms / 1000).toFixed(1)} s`);
    const held = await fresh.page.evaluate(async (name) => (await new window.PouchDB(name, { adapter: 'idb' }).allDocs()).rows.map((r) => r.id),
      `aa-team-${encodeURIComponent(db)}-ann${K}`);
    row('  documents in that replica', `${held.length}${held.length <= 5 ? ` (${held.join(', ')})` : ''}`);
    const cdp = await fresh.context.newCDPSession(fresh.page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const stored = await fresh.page.evaluate(async () => (await navigator.storage.estimate()).usage);
    row('  JS heap of that page after the sync (after a GC)', mb(metrics.JSHeapUsedSize));
    row('  stored by the origin (IndexedDB replica, navigator.storage.estimate)', mb(stored));
    await fresh.context.close();

    // Live: ann0 edits (Mark done / in progress) in her page; ann1's page shows it.
    const a = await signIn(browser, db, 'ann0');
    const b = await signIn(browser, db, 'ann1');
    row('  (initial sync of ann0, ann1, who have documents: ' + `${(a.ms / 1000).toFixed(1)} s, ${(b.ms / 1000).toFixed(1)} s)`, '');
    const times = [], parts = [];
    // ann0's page: when its sync script is handed each write.
    await a.page.evaluate(() => {
      window.__writes = [];
      const run = window.AATeam.run;
      window.AATeam.run = (op, ...rest) => {
        if (op === 'write') window.__writes.push(Date.now());
        return run(op, ...rest);
      };
    });
    for (let e = 0; e < EDITS; ++e) {
      const id = `a${String(e).padStart(5, '0')}`;
      // Opened through the sync script (what a click on its row asks for): 1,000 rows do not
      // all fit the Team tab, and the timed part is the edit.
      await a.page.evaluate((id) => window.AATeam.run('open', id, `ann:${id}:ann0`), id);
      await until(`${id} open`, async () => (await team(a.page)).article === id, 120000);
      await settle(a.page);
      const before = (await team(a.page)).status;
      const want = before === 'done' ? 'in-progress' : 'done';
      // Resolves (in ann1's page) when its App is handed a queue with ann0's new status.
      const shown = b.page.evaluate(({ id, want }) => new Promise((ok) => {
        const H = window.AAHost, send = H.teamEvent;
        H.teamEvent = function (ev) {
          send.call(H, ev);
          const art = ev.kind === 'queue' && ev.articles.find((x) => x.id === id);
          if (art && art.status && art.status.ann0 === want) {
            H.teamEvent = send;
            ok(Date.now());
          }
        };
      }), { id, want });
      await a.page.evaluate(() => { window.__writes = []; });
      received.length = 0;
      const t0 = Date.now();
      await clickWidgetNamed(a.page, 'team.mark');
      const t3 = await shown;
      const t1 = (await a.page.evaluate(() => window.__writes))[0];
      const t2 = received.find((t) => t >= t1);
      times.push(t3 - t0);
      parts.push([t1 - t0, t2 - t1, t3 - t2]);
    }
    const med = (xs) => xs.slice().sort((x, y) => x - y)[xs.length >> 1];
    times.sort((x, y) => x - y);
    row(`edit in ann0's page to its appearance in ann1's page (${EDITS} edits)`,
      `median ${times[times.length >> 1].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`);
    row('  of which (medians): click to ann0\'s sync script', `${med(parts.map((p) => p[0]))} ms`);
    row('                      to the server\'s _bulk_docs (ann0\'s replica and push)', `${med(parts.map((p) => p[1]))} ms`);
    row('                      to ann1\'s App (server, ann1\'s pull, replica, queue)', `${med(parts.map((p) => p[2]))} ms`);
    row('  load average (uptime) at the end', (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' '));
  } finally {
    await browser.close();
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
