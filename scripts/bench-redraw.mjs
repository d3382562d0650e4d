// Identical frames not drawn again (issue 11, per-frame work): what the skip saves and costs, per build.
// Usage: node scripts/bench-redraw.mjs [--runs N] [--big] [--load-bytes N] DIST[,DIST...]   (default: dist/)
// For each build, interleaved, --runs times on a fresh page (1280x800):
//   load   importFrom(native JSON of the 1 MB generated article) to the end of the page's next frame
//          (as bench-browser.mjs's "load" row: frameStats().frames grows), and the canvas's clears
//          in that time;
//   idle   the page's main-thread time (CDP Performance.getMetrics TaskDuration) over 5 s without
//          input after the loop went idle, in ms per second, and the canvas's clears meanwhile (and
//          the loop's ticks, its animation-frame callbacks, on builds that count them: loopStats().ticks);
//   cost   (builds with annotator.loopStats()) DrawnFrame's comparison per idle frame and its copy
//          per drawn frame at 1 MB (--big: also 10 MB, once), and the bytes compared.
// Prints numbers; asserts nothing.
import { generateArticle, nativeJson } from './bench-browser.mjs';
import { launchBrowser, openPage, startServer, waitIdle } from '../tests/browser/harness.js';
import { resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;
const big = args.includes('--big');
// --load-bytes N: the article of the load row (default 1 MB, 1 entity per 50 bytes; bench-browser's
// --startup and its 10 KB rows use 10 KB with 100 entities).
// --warm: the pointer moved 300 ms before the import (the loop active and drawing when it comes).
const warm = args.includes('--warm');
const loadBytes = args.includes('--load-bytes') ? Number(args[args.indexOf('--load-bytes') + 1]) : 1 << 20;
const dists = (args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs' && args[i - 1] !== '--load-bytes')[0] || 'dist').split(',').map((d) => resolve(d));

function countClears() {
  window.__clears = 0;
  const clear = WebGL2RenderingContext.prototype.clear;
  WebGL2RenderingContext.prototype.clear = function (...a) { window.__clears++; return clear.apply(this, a); };
}

const hasLoop = (page) => page.evaluate(() => typeof window.annotator.loopStats === 'function');
async function idle(page) {
  if (await hasLoop(page)) await waitIdle(page, 600000);
  else await page.waitForTimeout(3000);
}

async function load(page, json) {
  await page.evaluate((s) => { window.__doc = s; }, json);
  return page.evaluate(() => new Promise((ok) => {
    const a = window.annotator;
    const f0 = a.frameStats().frames, c0 = window.__clears;
    const t0 = performance.now();
    a.importFrom('native', window.__doc);
    const t1 = performance.now();
    delete window.__doc;
    const check = () => {
      const s = a.frameStats();
      if (s.frames > f0) ok({ callMs: t1 - t0, loadMs: performance.now() - t0, frameCpuMs: s.lastMs, clears: window.__clears - c0 });
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }));
}

async function idleCpu(page, cdp) {
  const task = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  // The loop's ticks (animation-frame callbacks) in the window, on builds whose loopStats counts them.
  const ticks = () => page.evaluate(() => (window.annotator.loopStats ? window.annotator.loopStats().ticks : undefined));
  const c0 = await page.evaluate(() => window.__clears), k0 = await ticks();
  const t0 = await task(), w0 = Date.now();
  await page.waitForTimeout(5000);
  const t1 = await task(), w1 = Date.now();
  const c1 = await page.evaluate(() => window.__clears), k1 = await ticks();
  return { msPerS: ((t1 - t0) * 1000) / ((w1 - w0) / 1000), clears: c1 - c0,
    ticks: k0 === undefined ? '' : `, ${k1 - k0} ticks` };
}

// The comparison's cost over 3 s of idle frames, and the copy's over a few hovers that redraw.
async function cost(page) {
  const idleCompare = await page.evaluate(() => new Promise((ok) => {
    const a = window.annotator;
    const out = [];
    let last = a.loopStats().skipped;
    const end = performance.now() + 3000;
    const step = () => {
      const s = a.loopStats();
      if (s.skipped > last) out.push(s.compareMs);
      last = s.skipped;
      if (performance.now() < end) requestAnimationFrame(step);
      else ok({ compareMs: out, bytes: s.compareBytes });
    };
    requestAnimationFrame(step);
  }));
  const remember = [];
  for (let i = 0; i < 6; i++) {
    await page.mouse.move(300 + 40 * i, 200 + 20 * i);
    remember.push(await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok(window.annotator.loopStats()))))));
  }
  return { ...idleCompare, rememberMs: remember.map((s) => s.rememberMs), hoverCompareMs: remember.map((s) => s.compareMs) };
}

const fmt = (v) => v.map((x) => x.toFixed(2)).join(' ');
const med = (v) => { const s = [...v].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };

const browser = await launchBrowser();
const servers = [];
try {
  for (const d of dists) servers.push(await startServer(d));
  const json1 = nativeJson(generateArticle(loadBytes, Math.round(loadBytes / 50)));
  process.stdout.write(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}, ${cpus().length} cores\n`);
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < dists.length; i++) {
      const { page, context } = await openPage(browser, servers[i].url + 'index.html', { beforeLoad: (p) => p.addInitScript(countClears) });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.mouse.move(5, 790);
      await idle(page);
      const before = await idleCpu(page, cdp);
      if (warm) {
        await page.mouse.move(600, 400, { steps: 3 });
        await page.waitForTimeout(300);
      }
      const l = await load(page, json1);
      await idle(page);
      const after = await idleCpu(page, cdp);
      let c = '';
      if (await hasLoop(page)) {
        const k = await cost(page);
        c = ` | compare per idle frame ${fmt(k.compareMs.slice(0, 8))} ms (median ${med(k.compareMs).toFixed(3)}), ` +
          `${(k.bytes / 1024).toFixed(0)} KB; copy per drawn frame ${fmt(k.rememberMs)} ms; compare on a hover ${fmt(k.hoverCompareMs)} ms`;
      }
      process.stdout.write(`run ${r + 1} ${dists[i]}: load ${l.loadMs.toFixed(1)} ms (call ${l.callMs.toFixed(1)}, frame CPU ${l.frameCpuMs.toFixed(1)}, ` +
        `clears ${l.clears}) | idle empty page ${before.msPerS.toFixed(1)} ms/s (${before.clears} clears${before.ticks} / 5 s), ` +
        `idle after the load ${after.msPerS.toFixed(1)} ms/s (${after.clears} clears${after.ticks} / 5 s)${c}\n`);
      await context.close();
    }
  }
  if (big) {
    for (let i = 0; i < dists.length; i++) {
      const { page, context } = await openPage(browser, servers[i].url + 'index.html', { beforeLoad: (p) => p.addInitScript(countClears) });
      if (!(await hasLoop(page))) { await context.close(); continue; }
      const json10 = nativeJson(generateArticle(10 << 20, (10 << 20) / 50));
      await load(page, json10);
      await idle(page);
      const k = await cost(page);
      process.stdout.write(`10 MB ${dists[i]}: compare per idle frame ${fmt(k.compareMs.slice(0, 8))} ms (median ${med(k.compareMs).toFixed(3)}), ` +
        `${(k.bytes / 1024).toFixed(0)} KB; copy per drawn frame ${fmt(k.rememberMs)} ms; compare on a hover ${fmt(k.hoverCompareMs)} ms\n`);
      await context.close();
    }
  }
  process.stdout.write(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
} finally {
  await browser.close();
  for (const s of servers) await s.close?.();
}
