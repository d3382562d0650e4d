// The import frame after an idle spell, per build: a Chrome trace and a CPU profile of it.
// Usage: node scripts/trace-afteridle.mjs [--runs N] [--idle MS] [--warm] [--bytes N] DIST[,DIST...]
// Per run and build (interleaved, fresh page 1280x800): idle the page, wait --idle ms (default 5000),
// then trace (devtools.timeline, v8, blink, gpu, cc, toplevel) and profile (V8 sampling, 100 us)
// importFrom('native', 10 KB article) to the end of its frame. Prints, for the renderer's main thread,
// the thread time of the window, GC, and the profile's self time by function (top entries), and for
// the GPU process its thread time in the window. Asserts nothing; writes traces to --out (optional).
import { generateArticle, nativeJson, pickFreeWord } from './bench-browser.mjs';
import { launchBrowser, openPage, startServer, waitIdle } from '../tests/browser/harness.js';
import { resolve, basename } from 'node:path';
import { loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(n) ? Number(args[args.indexOf(n) + 1]) : d);
const runs = opt('--runs', 3), idleMs = opt('--idle', 5000), bytes = opt('--bytes', 10 << 10);
const warm = args.includes('--warm');
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : null;
const probeAll = args.includes('--probe') ? args[args.indexOf('--probe') + 1] : null;
const dists = (args.filter((a, i) => !a.startsWith('--') && !['--runs', '--idle', '--bytes', '--out', '--probe', '--top'].includes(args[i - 1]))[0] || 'dist').split(',');
const probes = dists.map((d) => (d.includes('@') ? d.split('@')[1] : probeAll));
for (let i = 0; i < dists.length; i++) dists[i] = resolve(dists[i].split('@')[0]);
const top = opt('--top', 14);
// --probe KIND: while the page idles, every 250 ms on the page's own WebGL context: flush (gl.flush()),
// finish (gl.finish()), tex (a 1x1 texSubImage2D into a scratch texture, then flush), draw (a scissored
// 1x1 clear in the drawing buffer's corner: a frame presented). Only on builds with loopStats.

const hasLoop = (page) => page.evaluate(() => typeof window.annotator.loopStats === 'function');

// --ops: the article (--bytes, e.g. 1048576) imported first, then after each idle spell an add of a
// word near the top, its delete and an undo, each traced as the import is without --ops.
const ops = args.includes('--ops');
const OPS = {
  import: 'a.importFrom("native", window.__doc); delete window.__doc;',
  add: 'window.__id = a.addEntity(arg.start, arg.end, arg.label);',
  delete: 'a.removeEntity(window.__id);',
  undo: 'if (!a.undo()) throw new Error("nothing to undo");',
};
async function load(page, json) {
  await page.evaluate((s) => { window.__doc = s; }, json);
  return step(page, OPS.import);
}
async function step(page, code, arg = {}) {
  return page.evaluate(([code, arg]) => new Promise((ok) => {
    const a = window.annotator;
    const f0 = a.frameStats().frames;
    performance.mark('aa-import');
    const t0 = performance.now();
    new Function('a', 'arg', code)(a, arg);
    const t1 = performance.now();
    const check = () => {
      const s = a.frameStats();
      if (s.frames > f0) { performance.mark('aa-frame-end'); ok({ callMs: t1 - t0, loadMs: performance.now() - t0, frameCpuMs: s.lastMs }); }
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }), [code, arg]);
}

async function readStream(cdp, handle) {
  let s = '';
  for (;;) {
    const r = await cdp.send('IO.read', { handle, size: 1 << 20 });
    s += r.base64Encoded ? Buffer.from(r.data, 'base64').toString() : r.data;
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle });
  return JSON.parse(s);
}

function analyse(trace) {
  const ev = trace.traceEvents || trace;
  const names = {};
  for (const e of ev) if (e.ph === 'M' && e.name === 'thread_name') names[`${e.pid}:${e.tid}`] = e.args.name;
  const procs = {};
  for (const e of ev) if (e.ph === 'M' && e.name === 'process_name') procs[e.pid] = e.args.name;
  const mark = (n) => ev.find((e) => e.name === n && (e.cat || '').includes('blink.user_timing'));
  const m0 = mark('aa-import'), m1 = mark('aa-frame-end');
  if (!m0 || !m1) return { err: 'no marks' };
  const rpid = m0.pid, t0 = m0.ts, t1 = m1.ts;
  const main = Object.keys(names).find((k) => k.startsWith(`${rpid}:`) && names[k] === 'CrRendererMain');
  const [, mtid] = main.split(':').map(Number);
  const inWin = (e) => e.ts >= t0 - 1000 && e.ts <= t1 && e.ph === 'X';
  // Top-level tasks of the main thread in the window: wall and thread time.
  const tasks = ev.filter((e) => e.pid === rpid && e.tid === mtid && e.ph === 'X' && e.ts <= t1 && e.ts + e.dur >= t0 && e.name === 'ThreadControllerImpl::RunTask');
  const sum = (a, k) => a.reduce((s, e) => s + (e[k] || 0), 0) / 1000;
  const byName = {};
  for (const e of ev) {
    if (e.pid !== rpid || e.tid !== mtid || !inWin(e)) continue;
    const n = e.name;
    if (/GC|Scavenge|Mark|Sweep|Compact|wasm|Wasm|Compile|Paint|Layout|Canvas|canvas|Image|Tex|Commit|GL|Gpu|Flush|Sync|Wait/.test(n)) {
      const b = (byName[n] ||= { n: 0, dur: 0, tdur: 0 });
      b.n++; b.dur += (e.dur || 0) / 1000; b.tdur += (e.tdur || 0) / 1000;
    }
  }
  // Other threads of any process with thread time in the window.
  const others = {};
  const flushes = ev.filter((e) => e.name === 'CommandBufferHelper::Flush' && e.pid === rpid && e.tid === mtid && e.ts >= t0 && e.ts <= t1).length;
  for (const e of ev) {
    if (e.ph !== 'X' || e.ts < t0 || e.ts > t1 || !e.tdur) continue;
    if (e.pid === rpid && e.tid === mtid) continue;
    const k = `${procs[e.pid] || e.pid}/${names[`${e.pid}:${e.tid}`] || e.tid}`;
    // only top-level: approximate with the RunTask names
    if (e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'ThreadPool_RunTask') continue;
    others[k] = (others[k] || 0) + e.tdur / 1000;
  }
  return { winMs: (t1 - t0) / 1000, flushes, tasks: tasks.length, wall: sum(tasks, 'dur'), cpu: sum(tasks, 'tdur'), byName, others };
}

function profileSelf(p) {
  const self = {}, byId = {};
  for (const n of p.nodes) byId[n.id] = n;
  const total = p.timeDeltas.reduce((a, b) => a + b, 0);
  for (let i = 0; i < p.samples.length; i++) {
    const n = byId[p.samples[i]];
    const k = n.callFrame.functionName || `(${n.callFrame.url ? basename(n.callFrame.url) : 'anon'})`;
    self[k] = (self[k] || 0) + (p.timeDeltas[i + 1] ?? 0) / 1000;
  }
  return { totalMs: total / 1000, self };
}

const browser = await launchBrowser();
const servers = [];
const article = generateArticle(bytes, Math.max(1, Math.round(bytes / 100)));
const json = nativeJson(article);
const word = { ...pickFreeWord(article, 0), label: article.addLabel || 'MISC' };
const acc = dists.map(() => ({ self: {}, n: 0 }));
try {
  for (const d of dists) servers.push(await startServer(d));
  console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; idle ${idleMs} ms${warm ? ', warm' : ''}; ${bytes} B`);
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < dists.length; i++) {
      const { page, context } = await openPage(browser, servers[i].url + 'index.html');
      const cdp = await context.newCDPSession(page);
      await page.mouse.move(5, 790);
      if (await hasLoop(page)) await waitIdle(page, 600000); else await page.waitForTimeout(3000);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      const probe = probes[i];
      if (probe) await page.evaluate((kind) => {
        const gl = document.getElementById('canvas').getContext('webgl2');
        const t = gl.createTexture();
        const bound = gl.getParameter(gl.TEXTURE_BINDING_2D);
        gl.bindTexture(gl.TEXTURE_2D, t); WebGL2RenderingContext.prototype.texImage2D.call(gl, gl.TEXTURE_2D, 0, gl.RGBA, 1, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
        gl.bindTexture(gl.TEXTURE_2D, bound);
        const px = new Uint8Array(4);
        window.__probe = setInterval(() => {
          if (kind === 'flush') gl.flush();
          else if (kind === 'finish') gl.finish();
          else if (kind === 'measure') { const c = (window.__oc ||= new OffscreenCanvas(8, 8).getContext('2d')); c.font = '16px sans-serif'; for (let k = 0; k < 50; k++) c.measureText('probe text ' + k); }
          else if (kind === 'busy') { const e = performance.now() + 2; while (performance.now() < e); }
          else if (kind === 'tex') { const b = gl.getParameter(gl.TEXTURE_BINDING_2D); gl.bindTexture(gl.TEXTURE_2D, t); WebGL2RenderingContext.prototype.texSubImage2D.call(gl, gl.TEXTURE_2D, 0, 0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px); gl.bindTexture(gl.TEXTURE_2D, b); gl.flush(); }
        }, 250);
      }, probe);
      await page.waitForTimeout(idleMs);
      if (probe) await page.evaluate(() => clearInterval(window.__probe));
      if (warm) { await page.mouse.move(600, 400, { steps: 3 }); await page.waitForTimeout(300); }
      const steps = ops ? ['import', 'add', 'delete', 'undo'] : ['import'];
      for (const stepName of steps) {
      if (stepName !== 'import') { if (await hasLoop(page)) await waitIdle(page, 600000); else await page.waitForTimeout(3000); await page.waitForTimeout(idleMs); }
      if (stepName === 'import') await page.evaluate((s) => { window.__doc = s; }, json);
      await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: ['devtools.timeline', 'v8', 'v8.execute', 'blink', 'blink.user_timing', 'gpu', 'cc', 'toplevel', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.gc', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed'] } });
      await cdp.send('Profiler.start');
      const l = await step(page, OPS[stepName], word);
      const prof = (await cdp.send('Profiler.stop')).profile;
      const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
      await cdp.send('Tracing.end');
      const { stream } = await done;
      const trace = await readStream(cdp, stream);
      if (out) writeFileSync(`${out}/run${r + 1}-${i}-${stepName}.json`, JSON.stringify(trace));
      const a = analyse(trace);
      const p = profileSelf(prof);
      for (const [k, v] of Object.entries(p.self)) acc[i].self[k] = (acc[i].self[k] || 0) + v;
      acc[i].n++;
      const gc = Object.entries(a.byName || {}).filter(([n]) => /GC|Scavenge|MinorMS|Mark|Sweep/.test(n)).map(([n, b]) => `${n} ${b.n}x ${b.dur.toFixed(1)}/${b.tdur.toFixed(1)}`).join(', ');
      const rest = Object.entries(a.byName || {}).filter(([n]) => !/GC|Scavenge|MinorMS|Mark|Sweep/.test(n)).sort((x, y) => y[1].tdur - x[1].tdur).slice(0, 10).map(([n, b]) => `${n} ${b.n}x ${b.dur.toFixed(1)}/${b.tdur.toFixed(1)}`).join(', ');
      const oth = Object.entries(a.others || {}).sort((x, y) => y[1] - x[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
      console.log(`run ${r + 1} ${ops ? stepName + ' ' : ''}${basename(dists[i])}${probes[i] ? '@' + probes[i] : ''}: load ${l.loadMs.toFixed(1)} (call ${l.callMs.toFixed(1)}, frame ${l.frameCpuMs.toFixed(1)}) | main thread window ${a.winMs?.toFixed(1)} ms: ${a.tasks} tasks wall ${a.wall?.toFixed(1)} cpu ${a.cpu?.toFixed(1)} | profile ${p.totalMs.toFixed(1)} ms, texSubImage2D ${(p.self.texSubImage2D || 0).toFixed(1)} ms | ${a.flushes} command-buffer flushes`);
      console.log(`   GC (wall/cpu ms): ${gc || 'none'}`);
      console.log(`   other (wall/cpu): ${rest}`);
      console.log(`   other threads cpu: ${oth}`);
      }
      await context.close();
    }
  }
  for (let i = 0; i < dists.length; i++) {
    const s = Object.entries(acc[i].self).sort((x, y) => y[1] - x[1]).slice(0, top);
    console.log(`profile self time, mean of ${acc[i].n} runs, ${basename(dists[i])}${probes[i] ? '@' + probes[i] : ''}: ` + s.map(([k, v]) => `${k} ${(v / acc[i].n).toFixed(1)}`).join(', '));
  }
  console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
} finally {
  await browser.close();
  for (const s of servers) await s.close?.();
}
