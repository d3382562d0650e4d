// The browser-test harness: a static server for dist/ on a free localhost port (recording every
// request), Debian's Chromium driven by playwright-core, and helpers that act like a person: a real
// paste event, the real mouse at window.annotator.caretRect positions, downloads, screenshots.
// Tests: tests/browser/*.test.js, run by `npm test` (node --test). Set AA_DIST to test another dist/.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { inflateSync } from 'node:zlib';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = resolve(process.env.AA_DIST || join(ROOT, 'dist'));
export const RESULTS = join(ROOT, 'test-results');

export const CHROMIUM = process.env.AA_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// Serves DIST on 127.0.0.1:<free port>; `requests` lists every path asked for.
export async function startServer(dir = DIST) {
  for (const f of ['index.html', 'annotator.js', 'annotator.wasm']) {
    try {
      statSync(join(dir, f));
    } catch {
      throw new Error(`${join(dir, f)} is missing: run ./build-wasm.sh first (or set AA_DIST)`);
    }
  }
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    let body;
    try {
      body = readFileSync(file);
    } catch {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, requests, close: () => new Promise((ok) => server.close(ok)) };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

// The fixture of a describe() block (or a file): the static server and Chromium started before its
// tests and closed after them, with one page opened too when `options.page` is set. `use` receives
// { server, browser, page, context } once they run:
//   let server, browser;
//   serverAndBrowser((f) => ({ server, browser } = f));
export function serverAndBrowser(use, options = {}) {
  const f = {};
  before(async () => {
    f.server = await startServer();
    f.browser = await launchBrowser();
    if (options.page) Object.assign(f, await openPage(f.browser, f.server.url));
    use(f);
  });
  after(async () => {
    await f.context?.close();
    await f.browser?.close();
    await f.server?.close();
  });
}

// Opens `url` in a fresh context and waits for window.annotatorReady. Collects what a test
// checks afterwards: every request URL, console errors, page errors, CSP violations.
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport || { width: 1280, height: 800 },
    deviceScaleFactor: options.deviceScaleFactor || 1,
    acceptDownloads: true,
    permissions: options.permissions || [],
    // Phones and tablets (touch events, a mobile viewport) and the colour scheme the page sees.
    hasTouch: !!options.hasTouch,
    isMobile: !!options.isMobile,
    colorScheme: options.colorScheme || 'light',
  });
  const page = await context.newPage();
  const log = { requests: [], consoleErrors: [], pageErrors: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') log.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  // Playwright intercepts file pickers only once a listener exists, and setting that up takes a
  // moment: a picker opened sooner shows no 'filechooser' event. Listen from the start.
  page.on('filechooser', () => {});
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  if (options.beforeLoad) await options.beforeLoad(page, context);
  const started = Date.now();
  await page.goto(url);
  await waitReady(page);
  log.readyMs = Date.now() - started;
  return { page, context, log };
}

export async function waitReady(page) {
  await page.evaluate(() => window.annotatorReady.then(() => true));
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations);
}

// Pastes through a real paste event: a ClipboardEvent carrying a DataTransfer, dispatched at the
// focused element as the browser does for Ctrl+V.
export async function pasteText(page, text) {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    (document.activeElement || document.body).dispatchEvent(event);
  }, text);
  await settle(page);
}

// Pastes with the keyboard: puts `text` on the system clipboard, then presses Ctrl+V (the browser
// fires the paste event). The context needs the clipboard-read and clipboard-write permissions.
export async function pasteWithKeyboard(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.locator('canvas').focus();
  await page.keyboard.press('Control+V');
  await settle(page);
}

// A fresh tab in an existing context (the same profile: the same IndexedDB), once the page is
// ready; `log.pageErrors` collects its uncaught errors.
export async function openTab(context, url) {
  const page = await context.newPage();
  const log = { pageErrors: [] };
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  await page.goto(url);
  await waitReady(page);
  return { page, log };
}

// Lets the page catch up with the input sent so far and draw it. ImGui takes one change of a key or
// button per frame (its trickled input queue), so keys pressed faster than frames are drawn wait:
// 40 arrow keys need 80 frames, however slow each frame is on a loaded machine. Frames are drawn
// now until the queue is empty (annotator.pendingInput() is 0), then two animation frames let the
// page's own loop draw what those frames opened (menus and popups draw in the frame after).
// Every frame processes at least one queued event, so a queue that is not empty after
// SETTLE_MAX_FRAMES frames is a bug of the page, reported as such.
const SETTLE_MAX_FRAMES = 5000;
export async function settle(page) {
  const left = await page.evaluate((max) => new Promise((ok) => {
    const a = window.annotator;
    let frames = 0;
    do {
      a.renderFrame();
      frames++;
    } while (a.pendingInput() > 0 && frames < max);
    const queued = a.pendingInput();
    requestAnimationFrame(() => requestAnimationFrame(() => ok(queued)));
  }), SETTLE_MAX_FRAMES);
  if (left > 0) throw new Error(`settle: the page still had ${left} input events queued after ${SETTLE_MAX_FRAMES} frames`);
}

// Waits until the page has gone idle: no input for 1.5 s (main.cpp's kActiveMs) and no work under
// way, when its loop stops running a frame every animation frame (it then runs one every 250 ms at
// most, drawn only if its picture changed). Asked of the loop itself (annotator.loopStats()): not
// active and no frame left undrawn (a layout query's frame, drawn by the next tick), in two animation
// frames in a row, so that the loop's tick ran at least once in that state. (Counting the canvas's
// clears, as this did before, says nothing now that a frame whose picture did not change is not drawn:
// a busy page that redraws the same picture looks idle, and an idle one still runs its frames.) The
// loop's check of "work under way" (App::busy) is made by loopStats too, so that is part of any start
// that waits here (split_profile.mjs: the functions a start runs until idle stay in the first module).
export async function waitIdle(page, timeoutMs = 20000) {
  const idle = await page.evaluate((timeout) => new Promise((ok) => {
    const a = window.annotator;
    const end = performance.now() + timeout;
    let quiet = 0;
    const check = () => {
      const s = a.loopStats();
      quiet = !s.active && !s.undrawn ? quiet + 1 : 0;
      if (quiet >= 2) ok(true);
      else if (performance.now() > end) ok(false);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }), timeoutMs);
  if (!idle) throw new Error(`waitIdle: the page's loop was still active after ${timeoutMs} ms`);
}

// Waits until the idle page has paused its loop (main.cpp: it then asks for no animation frames, a
// timer runs its frame every 250 ms): loopStats().paused, polled on a timer (not on animation
// frames, which the page no longer asks for). Throws if the loop has not paused within `timeoutMs`
// (a page without the pause never does).
export async function waitPaused(page, timeoutMs = 5000) {
  const paused = await page.evaluate((timeout) => new Promise((ok) => {
    const end = performance.now() + timeout;
    const check = () => {
      if (window.annotator.loopStats().paused === true) ok(true);
      else if (performance.now() > end) ok(false);
      else setTimeout(check, 20);
    };
    check();
  }), timeoutMs);
  if (!paused) throw new Error(`waitPaused: the page's loop had not paused after ${timeoutMs} ms`);
}

// `n` settled frames: a menu or popup opens over one frame and is drawn in the next.
export async function frames(page, n = 2) {
  for (let i = 0; i < n; i++) await settle(page);
}

// View > Theme > `value`, with the real mouse (the submenu opens on hover).
export async function chooseTheme(page, value) {
  const view = await widgetCentre(page, 'menu.view');
  await page.mouse.click(view.x, view.y);
  await frames(page);
  const sub = await widgetCentre(page, 'view.theme');
  await page.mouse.move(sub.x, sub.y, { steps: 3 });
  await frames(page);
  const item = await widgetCentre(page, `view.theme.${value}`);
  await page.mouse.move(item.x - 20, sub.y, { steps: 2 });
  await page.mouse.move(item.x, item.y, { steps: 3 });
  await page.mouse.click(item.x, item.y);
  await frames(page);
}

// Clicks the middle of a widget the App noted by name (App::widget_rect) with the real mouse.
export async function clickWidgetNamed(page, name) {
  const r = await page.evaluate((n) => window.annotator.widgetRect(n), name);
  if (!r) throw new Error(`${name} is not drawn`);
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  await settle(page);
}

// The centre of the character at `offset` (code points), in viewport pixels.
export async function offsetPoint(page, offset) {
  const r = await page.evaluate((o) => window.annotator.caretRect(o), offset);
  if (!r) throw new Error(`character ${offset} is not on screen`);
  return { x: r.x + r.width / 2, y: r.y + r.height / 2, rect: r };
}

export async function moveMouseTo(page, offset) {
  const p = await offsetPoint(page, offset);
  await page.mouse.move(p.x, p.y, { steps: 2 });
  return p;
}

// Presses on the character at `start`, drags to the one before `end`, releases (the real mouse).
export async function dragSelect(page, start, end) {
  const a = await offsetPoint(page, start);
  const b = await offsetPoint(page, end - 1);
  await page.mouse.move(a.rect.x + 1, a.y);
  await page.mouse.down();
  await page.mouse.move((a.rect.x + b.rect.x + b.rect.width) / 2, (a.y + b.y) / 2, { steps: 4 });
  await page.mouse.move(b.rect.x + b.rect.width - 1, b.y, { steps: 4 });
  await page.mouse.up();
  await settle(page);
}

// Runs `action` and returns the download it causes: { name, text }.
// Double-clicks the word at code point `offset` with the real mouse and presses a label's key.
export async function labelWord(page, offset, key) {
  const p = await offsetPoint(page, offset);
  await page.mouse.dblclick(p.x, p.y);
  await settle(page);
  await press(page, key);
}

// File > Compare's walk: two annotators' versions of one text. The page holds A's (4 entities);
// B's (bob.json) differs in 4 places: no LOC "Paris" (22-27), ORG for "Emmanuel Macron", a shorter
// "Elysee" and a LOC on the second "Paris".
export const COMPARE_TEXT = 'Angela Merkel visited Paris. Emmanuel Macron met her at the Elysee Palace in Paris.';
export const COMPARE_B = {
  format: 'article-annotator', version: 1, text: COMPARE_TEXT,
  labels: [{ name: 'PER' }, { name: 'ORG' }, { name: 'LOC' }],
  entities: [
    { id: 'e1', start: 0, end: 13, label: 'PER', text: 'Angela Merkel' },
    { id: 'e2', start: 29, end: 44, label: 'ORG', text: 'Emmanuel Macron' },
    { id: 'e3', start: 60, end: 66, label: 'LOC', text: 'Elysee' },
    { id: 'e4', start: 77, end: 82, label: 'LOC', text: 'Paris' },
  ],
};

// File > Compare with another annotator's file, with the real mouse: `doc` chosen as `name` in the
// file chooser. The caller waits for what the page says.
export async function compareWithFile(page, name, doc) {
  await page.mouse.click(20, 10);  // the File menu
  await settle(page);  // menus open over one frame and draw in the next
  await settle(page);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickWidgetNamed(page, 'menu.compare')]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
}

// A's version put in the page, then compared with B's (bob.json): the comparison is shown.
export async function compareAWithB(page) {
  await page.evaluate((t) => {
    window.annotator.setText(t);
    window.annotator.addEntity(0, 13, 'PER');
    window.annotator.addEntity(22, 27, 'LOC');
    window.annotator.addEntity(29, 44, 'PER');
    window.annotator.addEntity(60, 73, 'LOC');
  }, COMPARE_TEXT);
  await settle(page);
  await compareWithFile(page, 'bob.json', COMPARE_B);
  await page.waitForFunction(() => window.annotator.statusMessage().startsWith('Compared with'));
  await settle(page);
  await settle(page);
}

// annotator.importFrom (the scripting API's one-call read) of `bytes` as `format`: the message it
// throws, or null when it read them.
export async function importError(page, format, bytes) {
  return page.evaluate(([f, b]) => {
    try {
      window.annotator.importFrom(f, b);
      return null;
    } catch (e) {
      return e.message;
    }
  }, [format, bytes]);
}

export async function catchDownload(page, action) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), action()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

export async function screenshot(page, name) {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${name}.png`);
  const png = await page.screenshot({ path: file });
  return { file, png };
}

// ---- PNG pixels (screenshots are 8-bit RGB or RGBA, non-interlaced) ----

// Ink: a pixel visibly different from the white page (dark text, coloured emoji).
export function inkMask({ width, height, channels, pixels }) {
  const m = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const p = i * channels;
    m[i] = Math.max(255 - pixels[p], 255 - pixels[p + 1], 255 - pixels[p + 2]) > 80 ? 1 : 0;
  }
  return m;
}

// Similarity of one line's strip in the page (a) and in the DOM rendering (b): the Dice coefficient
// of their ink, 2|A∩B| / (|A|+|B|), at the best shift within ±3 px across and ±12 px down (the DOM
// places its baseline from the font's own metrics). The same glyphs at the same places score
// 0.8-1 (anti-aliasing and whole-pixel run positions differ); missing-glyph boxes, unjoined Arabic
// letters or a wrong order change which pixels are ink and score far lower (the control below).
export function lineSimilarity(a, b, width, strip, reach = 3) {
  let countA = 0;
  for (let y = strip.y0; y < strip.y1; y++) for (let x = strip.x0; x < strip.x1; x++) countA += a[y * width + x];
  let best = 0;
  for (let dy = -12; dy <= 12; dy++) {
    for (let dx = -reach; dx <= reach; dx++) {
      let both = 0, countB = 0;
      for (let y = strip.y0; y < strip.y1; y++) {
        const ya = y * width, yb = (y + dy) * width;
        for (let x = strip.x0; x < strip.x1; x++) {
          const bi = b[yb + x + dx];
          countB += bi;
          both += a[ya + x] & bi;
        }
      }
      if (countA + countB > 0) best = Math.max(best, (2 * both) / (countA + countB));
    }
  }
  return { dice: best, ink: countA };
}


export function decodePng(buf) {
  let pos = 8;
  let width = 0, height = 0, channels = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('decodePng: only 8-bit non-interlaced PNGs');
      channels = { 2: 3, 6: 4, 0: 1, 4: 2 }[data[9]];
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : null;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[i - channels] : 0;
      const b = prev ? prev[i] : 0;
      const c = prev && i >= channels ? prev[i - channels] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[i] = v & 255;
    }
  }
  return { width, height, channels, pixels };
}

// The lines of dark text in a vertical strip of a box (a menu, a dialog): [{top, bottom, y}] from
// top to bottom. Enabled items are drawn in black; disabled ones and separators are grey and do not
// count. Tests find menu items with it, then click them with the real mouse.
export function textLines(png, box) {
  const { width, channels, pixels } = decodePng(png);
  const lines = [];
  let top = -1, last = -10;
  for (let y = box.y0; y < box.y1; y++) {
    let ink = false;
    for (let x = box.x0 + 4; x < Math.min(box.x0 + 120, box.x1) && !ink; x++) {
      const i = (y * width + x) * channels;
      ink = pixels[i] + pixels[i + 1] + pixels[i + 2] < 3 * 110;
    }
    if (!ink) continue;
    if (y - last > 3) {
      if (top >= 0) lines.push({ top, bottom: last, y: (top + last) / 2 });
      top = y;
    }
    last = y;
  }
  if (top >= 0) lines.push({ top, bottom: last, y: (top + last) / 2 });
  return lines;
}

// A screenshot after two settled frames (menus and popups open over one frame, draw in the next).
export async function shot(page) {
  await settle(page);
  await settle(page);
  return page.screenshot();
}

// The colour of one pixel of a screenshot.
export function pixel(png, x, y) {
  const { width, channels, pixels } = decodePng(png);
  const i = (y * width + x) * channels;
  return [pixels[i], pixels[i + 1], pixels[i + 2]];
}

// How many pixels of a region differ from its most common colour (text, highlights, widgets).
export function inkCount(png, region) {
  const { width, height, channels, pixels } = decodePng(png);
  const r = region || { x: 0, y: 0, width, height };
  const counts = new Map();
  const key = (i) => (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
  for (let y = r.y; y < r.y + r.height; y++) {
    for (let x = r.x; x < r.x + r.width; x++) {
      const k = key((y * width + x) * channels);
      counts.set(k, (counts.get(k) || 0) + 1);
    }
  }
  let background = 0, best = -1;
  for (const [k, n] of counts) if (n > best) { best = n; background = k; }
  return r.width * r.height - best;
}

// The bounding box {x0, y0, x1, y1} of the pixels that differ between two screenshots within
// `area`, or null when none do.
export function diffBox(a, b, area) {
  const A = decodePng(a), B = decodePng(b);
  let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
  for (let y = area.y0; y < Math.min(area.y1, A.height); y++) {
    for (let x = area.x0; x < Math.min(area.x1, A.width); x++) {
      const i = (y * A.width + x) * A.channels;
      if (A.pixels[i] !== B.pixels[i] || A.pixels[i + 1] !== B.pixels[i + 1] || A.pixels[i + 2] !== B.pixels[i + 2]) {
        x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

// The code-point offset of the first `s` in `text` at or after UTF-16 index `from` (the model's
// offsets are code points; JavaScript strings index UTF-16 units). Fails the test when absent.
export function cp(text, s, from = 0) {
  const i = text.indexOf(s, from);
  assert.ok(i >= 0, `"${s}" is in the text`);
  return Array.from(text.slice(0, i)).length;
}

// A key press (Playwright's names, e.g. 'Control+Z'), then a settled frame.
export async function press(page, keys) {
  await page.keyboard.press(keys);
  await settle(page);
}

// Until the autosave reports the state saved (10 s at the most).
export async function waitSaved(page) {
  await page.waitForFunction(() => window.annotator.saveState() === 'saved', null, { timeout: 10000 });
}

// ---- The accessibility tree (what a screen reader is given), through CDP ----

// Chromium's full accessibility tree of the page: { nodes, byId, root } where each node has
// role, name, description, children (nodes) and its raw CDP fields. Ignored nodes are kept but
// marked (node.ignored); find()/text() skip them.
export async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Accessibility.enable');
    const { nodes: raw } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map();
    const nodes = raw.map((n) => ({
      id: n.nodeId,
      role: n.role?.value || '',
      name: n.name?.value || '',
      description: n.description?.value || '',
      ignored: !!n.ignored,
      properties: Object.fromEntries((n.properties || []).map((p) => [p.name, p.value?.value])),
      // The nodes a property points at (aria-activedescendant, aria-labelledby, ...): backend DOM ids.
      related: Object.fromEntries((n.properties || []).filter((p) => p.value?.relatedNodes)
        .map((p) => [p.name, p.value.relatedNodes.map((r) => r.backendDOMNodeId)])),
      domId: n.backendDOMNodeId,
      childIds: n.childIds || [],
      children: [],
    }));
    for (const n of nodes) byId.set(n.id, n);
    for (const n of nodes) n.children = n.childIds.map((id) => byId.get(id)).filter(Boolean);
    const byDom = new Map(nodes.filter((n) => n.domId !== undefined).map((n) => [n.domId, n]));
    return { nodes, byId, byDom, root: nodes[0] };
  } finally {
    await cdp.detach();
  }
}

// Every node under `node` (itself included) with this role, in tree order; ignored nodes are
// walked through, not returned.
export function axFind(node, role) {
  const out = [];
  const walk = (n) => {
    if (!n.ignored && n.role === role) out.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
}

// The text a screen reader reads under `node`: its static text pieces, joined.
export function axText(node) {
  if (node.role === 'StaticText' || node.role === 'InlineTextBox') return node.role === 'StaticText' ? node.name : '';
  return node.children.map(axText).join('');
}

// ---- The autosave in IndexedDB ----

// What a reload would restore now (annotator.storedDocument(): snapshot + journal replayed by the
// page's own start-up code): {document, replayed, dropped}, or null when nothing is stored.
export async function storedState(page) {
  return page.evaluate(() => window.annotator.storedDocument());
}

// The raw keys and values of the page's store ('kv'), read with IndexedDB directly (values stored as
// UTF-8 bytes, a Uint8Array or a Blob, come back as strings). With `kinds`, each value's type
// instead: 'string', 'Uint8Array', 'Blob' or another constructor's name. Only call once
// the page has opened its database: opening a missing one here would create it empty.
export async function storedRaw(page, { kinds = false } = {}) {
  return page.evaluate((kinds) => new Promise((resolve, reject) => {
    const open = indexedDB.open('article-annotator');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('kv', 'readonly');
      const keys = tx.objectStore('kv').getAllKeys();
      const values = tx.objectStore('kv').getAll();
      tx.oncomplete = async () => {
        db.close();
        const kind = (v) => (typeof v === 'string' ? 'string' : v?.constructor?.name ?? typeof v);
        // Large values (the text, the snapshot) are stored as UTF-8 bytes: given back as strings.
        const value = async (v) => {
          if (kinds) return kind(v);
          if (v instanceof Blob) return v.text();
          return v instanceof Uint8Array ? new TextDecoder().decode(v) : v;
        };
        const read = await Promise.all(values.result.map(value));
        resolve(Object.fromEntries(keys.result.map((k, i) => [k, read[i]])));
      };
      tx.onerror = () => { db.close(); reject(tx.error); };
    };
  }), kinds);
}

// Writes (value a string) or deletes (value null) keys of the page's store in one transaction.
export async function storeRaw(page, entries) {
  await page.evaluate((e) => new Promise((resolve, reject) => {
    const open = indexedDB.open('article-annotator');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('kv', 'readwrite');
      for (const [k, v] of Object.entries(e)) {
        if (v === null) tx.objectStore('kv').delete(k);
        else tx.objectStore('kv').put(v, k);
      }
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => { db.close(); reject(tx.error); };
    };
  }), entries);
}

// ---- A Chromium process of our own, with a persistent profile, that can be killed ----

// Starts Chromium on `profile` with a DevTools port and connects to it. Returns {browser, context, kill}.
export async function startChromium(profile) {
  rmSync(join(profile, 'DevToolsActivePort'), { force: true });
  // detached: the browser leads its own process group, so that the kill takes every process of it
  // (renderer, GPU, storage and network services) at once, as a crash or `kill -9` of a session would.
  const child = spawn(CHROMIUM, [
    ...CHROMIUM_ARGS, '--headless', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank',
  ], { detached: true, stdio: 'ignore' });
  const exited = new Promise((ok) => child.once('exit', ok));
  let port = null;
  for (let i = 0; i < 300 && !port; i++) {
    await sleep(50);
    try {
      port = readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0].trim() || null;
    } catch {
      port = null;
    }
  }
  assert.ok(port, 'Chromium started and opened its DevTools port');
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0];
  assert.ok(context, 'the persistent profile has its default context');
  return {
    browser, context, pid: child.pid,
    kill: async () => {
      process.kill(-child.pid, 'SIGKILL');
      await exited;
    },
  };
}

// A crash and the user's restart: a Chromium on a new profile, killed with SIGKILL, then started again
// on that profile. `first(page, kill)` runs in a tab of the first browser and may kill it itself
// (kill() when it chooses; otherwise the kill comes when `first` returns); `then(page)` runs in a tab
// of the second, on what the profile kept. Both browsers are killed and the profile removed after.
export async function killAndRestart(url, first, then) {
  const profile = mkdtempSync(join(tmpdir(), 'aa-profile-'));
  try {
    const chrome = await startChromium(profile);
    let killed = null;
    const kill = () => (killed ??= chrome.kill());
    try {
      const { page } = await openTab(chrome.context, url);
      await first(page, kill);
    } finally {
      await kill();
    }
    const again = await startChromium(profile);
    try {
      const { page } = await openTab(again.context, url);
      await then(page);
    } finally {
      await again.kill();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

// ---- Touch (a context opened with hasTouch), through CDP's Input.dispatchTouchEvent ----

// Steps: {type, at} an event (at: one point or an array of them, one per finger), {dt} the finger's
// time moving on by dt ms (held still or moving). The events are sent at once, stamped with the
// finger's times, and the page reads those times (a long press, a swipe's speed): a page whose
// frames take longer than the moves (software WebGL on a loaded machine) still gets them as a
// finger makes them.
async function touchEvents(page, steps) {
  const cdp = await page.context().newCDPSession(page);
  try {
    let t = Date.now() / 1000;
    const batch = [];
    for (const s of steps) {
      if (s.dt) {
        t += s.dt / 1000;
      } else {
        // Each finger keeps its id across the events.
        const points = s.at ? [].concat(s.at).map((p, id) => ({ x: p.x, y: p.y, id })) : [];
        batch.push(cdp.send('Input.dispatchTouchEvent', { type: s.type, touchPoints: points, timestamp: t }));
      }
    }
    await Promise.all(batch);
  } finally {
    await cdp.detach();
  }
  await settle(page);
}

// A finger's tap at (x, y).
export async function touchTap(page, x, y) {
  await touchEvents(page, [{ type: 'touchStart', at: { x, y } }, { dt: 60 }, { type: 'touchEnd' }]);
}

// A swipe from `from` to `to` in `steps` moves, 16 ms apart (then the finger lifts).
export async function touchSwipe(page, from, to, steps = 10) {
  const list = [{ type: 'touchStart', at: from }];
  for (let i = 1; i <= steps; i++) {
    list.push({ dt: 16 });
    list.push({ type: 'touchMove', at: { x: from.x + (to.x - from.x) * i / steps, y: from.y + (to.y - from.y) * i / steps } });
  }
  list.push({ type: 'touchEnd' });
  await touchEvents(page, list);
}

// A long press at `from`, then a drag to `to`: selects text as a mouse drag does. The hold is in the
// events' times (the page decides a long press from them), not a real wait.
export async function touchHoldDrag(page, from, to, steps = 6) {
  const list = [{ type: 'touchStart', at: from }, { dt: 700 }];
  for (let i = 1; i <= steps; i++) {
    list.push({ dt: 30 });
    list.push({ type: 'touchMove', at: { x: from.x + (to.x - from.x) * i / steps, y: from.y + (to.y - from.y) * i / steps } });
  }
  list.push({ type: 'touchEnd' });
  await touchEvents(page, list);
}

// A finger held still at `at` for `ms` of the events' times, then lifted (a long press).
export async function touchHold(page, at, ms = 700) {
  await touchEvents(page, [{ type: 'touchStart', at }, { dt: ms }, { type: 'touchEnd' }]);
}

// Two fingers around `centre`, `from` px apart horizontally, moving to `to` px apart in `steps`
// moves 30 ms apart, then lifted (a pinch: to > from zooms in).
export async function touchPinch(page, centre, from, to, steps = 8) {
  const at = (gap) => [{ x: centre.x - gap / 2, y: centre.y }, { x: centre.x + gap / 2, y: centre.y }];
  const list = [{ type: 'touchStart', at: at(from) }];
  for (let i = 1; i <= steps; i++) {
    list.push({ dt: 30 });
    list.push({ type: 'touchMove', at: at(from + (to - from) * i / steps) });
  }
  list.push({ type: 'touchEnd' });
  await touchEvents(page, list);
}

// The centre of a named widget (App::widget_rect), or a failure naming it.
export async function widgetCentre(page, name) {
  const r = await page.evaluate((n) => window.annotator.widgetRect(n), name);
  if (!r) throw new Error(`${name} is not drawn`);
  return { x: r.x + r.width / 2, y: r.y + r.height / 2, rect: r };
}
