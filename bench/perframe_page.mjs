// Per-frame CPU of the page where work that does not depend on the frame used to run in it
// (docs/performance.md, "Per-frame work"), read from window.annotator.frameStats().lastMs of each
// frame, the frames drawn one by one in a single evaluate (the page's own loop cannot draw between):
//   ui-text  frames with nothing changed, 5 labels named in Arabic and 40 entities of them shown
//            (the labels panel, the entities table, the tags' tooltips' names): median frame CPU;
//   hit      a press of the mouse at the right end of a long line the first time (the hit test of a
//            line not measured yet): the press's frame CPU, median over lines;
//   caret    ArrowRight with 400 entities over 200 paragraphs (the mirror's paragraphs and its tables
//            of 100 rows): the frame of each move, median; and the bytes handed to the mirror.
// Usage: node bench/perframe_page.mjs [--dist DIR] [--runs N]   (prints the load average)
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { launchBrowser, openPage, settle, startServer } from '../tests/browser/harness.js';

const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
const dist = resolve(opt('--dist', 'dist'));
const runs = Number(opt('--runs', '200'));
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

async function importDoc(page, doc) {
  await page.evaluate((d) => window.annotator.importFrom('native', d), JSON.stringify(doc));
  await settle(page);
}

async function uiText(page) {
  const words = Array.from({ length: 200 }, (_, i) => `Word${i}`);
  const text = words.join(' ') + '.';
  const names = ['شخص', 'مكان', 'منظمة', 'حدث', 'تاريخ'];
  const labels = names.map((name, i) => ({ name, color: `#${(0x305080 + i * 0x201010).toString(16)}` }));
  const entities = [];
  let at = 0;
  words.forEach((w, i) => {
    if (i % 5 === 0) entities.push({ id: `e${i}`, start: at, end: at + w.length, label: names[i % 5 === 0 ? (i / 5) % 5 : 0], text: w });
    at += w.length + 1;
  });
  await importDoc(page, { format: 'article-annotator', version: 1, offsets: 'codepoint', text, labels, entities });
  return page.evaluate((n) => {
    const a = window.annotator, ms = [];
    for (let i = 0; i < n; i++) { a.renderFrame(); ms.push(a.frameStats().lastMs); }
    return ms;
  }, runs);
}

async function hit(page) {
  const line = 'The quick brown fox jumps over the lazy dog and keeps on running past the river bank ';
  const text = Array.from({ length: 60 }, (_, i) => `${i} ${line}${line}`).join('\n');
  await importDoc(page, { format: 'article-annotator', version: 1, offsets: 'codepoint', text, entities: [] });
  return page.evaluate(() => {
    const a = window.annotator, canvas = document.getElementById('canvas'), ms = [];
    const col = a.articleColumn();
    for (let p = 0; p < 25; p++) {
      const r = a.caretRect(p * (text0().length + 1) + 60);
      if (!r) continue;
      const opts = { bubbles: true, clientX: col.x + col.width - 8, clientY: r.y + r.height / 2, button: 0 };
      canvas.dispatchEvent(new MouseEvent('mousemove', opts));
      a.renderFrame();
      canvas.dispatchEvent(new MouseEvent('mousedown', opts));
      a.renderFrame();
      ms.push(a.frameStats().lastMs);
      canvas.dispatchEvent(new MouseEvent('mouseup', opts));
      a.renderFrame();
    }
    return ms;
    function text0() { return a.getText().split('\n')[0]; }
  });
}

async function caret(page) {
  const para = 'Vladimir Putin met Angela Merkel in Moscow on Tuesday, and the talks went on until late at night. ';
  const paras = Array.from({ length: 200 }, (_, i) => `${i}. ${para}${para}${para}`);
  const text = paras.join('\n');
  const entities = [];
  let at = 0;
  paras.forEach((p, i) => {
    const s = at + p.indexOf('Vladimir'), m = at + p.indexOf('Angela');
    entities.push({ id: `p${i}`, start: s, end: s + 14, label: 'PER', text: 'Vladimir Putin' });
    entities.push({ id: `m${i}`, start: m, end: m + 13, label: 'PER', text: 'Angela Merkel' });
    at += p.length + 1;
  });
  await importDoc(page, { format: 'article-annotator', version: 1, offsets: 'codepoint', text, entities });
  await page.locator('canvas').focus();
  return page.evaluate((n) => {
    const a = window.annotator, ms = [], bytes = [];
    const key = (type, k) => window.dispatchEvent(new KeyboardEvent(type, { key: k, code: k, keyCode: k === 'ArrowRight' ? 39 : 37, bubbles: true }));
    for (let i = 0; i < n; i++) {
      const k = i % 20 < 10 ? 'ArrowRight' : 'ArrowLeft';
      key('keydown', k);
      a.renderFrame();
      ms.push(a.frameStats().lastMs);
      bytes.push(a.a11yStats ? a.a11yStats().lastBytes : -1);
      key('keyup', k);
      a.renderFrame();
    }
    return { ms, bytes };
  }, runs);
}

const server = await startServer(dist);
const browser = await launchBrowser();
try {
  const { page, context } = await openPage(browser, server.url);
  console.log(`dist ${dist}, ${runs} frames each, load ${load()}`);
  const u = await uiText(page);
  console.log(`ui-text  idle frame CPU median ${median(u).toFixed(3)} ms (load ${load()})`);
  const h = await hit(page);
  console.log(`hit      first press on a line: frame CPU median ${median(h).toFixed(3)} ms over ${h.length} (load ${load()})`);
  const c = await caret(page);
  console.log(`caret    ArrowLeft/Right frame CPU median ${median(c.ms).toFixed(3)} ms; mirror bytes median ${median(c.bytes)} (load ${load()})`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
