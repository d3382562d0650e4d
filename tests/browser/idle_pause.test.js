// An idle page asks for no animation frames (issue 11, idle pause). The loop ran every animation
// frame even when idle, only to find that its next idle frame (every 250 ms) was not due yet: the
// rAF callbacks and the frames Chromium produced for them cost an idle page's renderer main thread
// 37-54 ms a second here. Now the idle loop pauses (emscripten_pause_main_loop) and a timer runs the
// idle frame every 250 ms; any input, API call or reply wakes it (main.cpp's wake resumes the loop),
// and what it shows is drawn within two animation frames, as before. The ticks (the loop's
// animation-frame callbacks) are counted by the loop (annotator.loopStats()) and the page's
// requestAnimationFrame calls by a wrapper installed before the page's scripts.
// On a page without the pause, the first test counts ~60 rAF calls in the idle second (and no
// ticks: NaN), and the others fail in waitPaused.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diffBox, openPage, pasteText, screenshot, serverAndBrowser, waitIdle, waitPaused, waitSaved, widgetCentre } from './harness.js';

const TEXT = 'Angela Merkel visited Paris on Monday. Emmanuel Macron met her at the Elysee Palace.\n\n' +
  'The two leaders spoke about trade, energy and the budget of the European Union.';

// Counts the page's requestAnimationFrame calls and the canvas's clears (every drawn frame has one).
const counting = {
  beforeLoad: (page) => page.addInitScript(() => {
    window.__rafs = 0;
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => { window.__rafs++; return raf(cb); };
    window.__clears = 0;
    const clear = WebGL2RenderingContext.prototype.clear;
    WebGL2RenderingContext.prototype.clear = function (...args) {
      window.__clears++;
      return clear.apply(this, args);
    };
  }),
};

const mark = (page) => page.evaluate(() => ({ ...window.annotator.loopStats(), clears: window.__clears,
  rafs: window.__rafs }));
// Two animation frames of the test (the page's own tick, asked for when it woke, comes first).
const twoFrames = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
async function drawnSince(page, m) {
  await twoFrames(page);
  const now = await mark(page);
  return { clears: now.clears - m.clears, draws: now.draws - m.draws, ticks: now.ticks - m.ticks };
}

describe('an idle page asks for no animation frames', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('idle for 1 s: a handful of ticks and rAF calls at most (not ~60), the idle frames still run', async () => {
    const { page, context, log } = await openPage(browser, server.url + 'index.html', counting);
    await pasteText(page, TEXT);
    await waitSaved(page);  // no autosave write due in the window below
    await waitIdle(page);
    // (A page without the pause goes on to count its ticks and rAF calls: ~60 of each.)
    if (await page.evaluate(() => 'paused' in window.annotator.loopStats())) await waitPaused(page);
    const before = (await screenshot(page, 'idle-pause-before')).png;
    const m0 = await mark(page);
    await page.evaluate(() => new Promise((ok) => setTimeout(ok, 1000)));
    const m1 = await mark(page);
    const after = (await screenshot(page, 'idle-pause-after')).png;
    const d = { ticks: m1.ticks - m0.ticks, rafs: m1.rafs - m0.rafs, frames: m1.frames - m0.frames,
      timerFrames: m1.timerFrames - m0.timerFrames, draws: m1.draws - m0.draws, clears: m1.clears - m0.clears };
    process.stderr.write(`idle 1 s: ${JSON.stringify(d)}\n`);
    assert.ok(d.rafs <= 3, `${d.rafs} requestAnimationFrame calls in 1 s of idle`);
    assert.ok(d.ticks <= 3, `${d.ticks} ticks in 1 s of idle`);
    assert.ok(d.timerFrames >= 2 && d.timerFrames <= 6, `the idle frames run every 250 ms: ${d.timerFrames}`);
    assert.equal(d.draws, 0);
    assert.equal(d.clears, 0);
    assert.ok(m1.paused, 'still paused');
    assert.ok(before.equals(after), 'the picture is the same');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('from the paused loop: a hover, a key, an API call, a layout query and a resize are drawn within two animation frames', async () => {
    const { page, context, log } = await openPage(browser, server.url + 'index.html', counting);
    await pasteText(page, TEXT);
    const menu = await widgetCentre(page, 'menu.view');
    await page.mouse.move(600, 500);
    await waitIdle(page);
    const area = { x0: 0, y0: 0, x1: 1280, y1: 800 };
    const fromPaused = async (name, action) => {
      await waitPaused(page);
      const shot0 = (await screenshot(page, `idle-pause-${name}-before`)).png;
      const m = await mark(page);
      await action();
      const d = await drawnSince(page, m);
      const shot1 = (await screenshot(page, `idle-pause-${name}-after`)).png;
      assert.ok(d.ticks >= 1 && d.clears >= 1 && d.draws >= 1, `${name}: ${JSON.stringify(d)}`);
      return diffBox(shot0, shot1, area);
    };

    const hover = await fromPaused('hover', () => page.mouse.move(menu.x, menu.y));
    assert.ok(hover && hover.y0 < 40, `the menu bar changed: ${JSON.stringify(hover)}`);
    await page.mouse.move(600, 500);

    assert.ok(await fromPaused('f9', () => page.keyboard.press('F9')), 'F9 changed the picture');

    const api = await fromPaused('api', () => page.evaluate(() => {
      const a = window.annotator;
      a.addEntity(0, 13, a.labels()[0].name);
    }));
    assert.ok(api, 'the new entity drawn');

    // A layout query's frame is left undrawn for the next tick (update_now): the loop resumes for it.
    await waitPaused(page);
    const q = await mark(page);
    await page.evaluate(() => window.annotator.caretRect(20));
    const qd = await drawnSince(page, q);
    const qs = await mark(page);
    assert.ok(qd.ticks >= 1 && !qs.undrawn, `the query's frame taken by a tick: ${JSON.stringify({ qd, undrawn: qs.undrawn })}`);

    await fromPaused('resize', () => page.setViewportSize({ width: 900, height: 700 }));
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test("a journal write's acknowledgement, arriving while the loop is paused, is drawn in the status line", async () => {
    const { page, context, log } = await openPage(browser, server.url + 'index.html', counting);
    await pasteText(page, TEXT);
    await page.waitForFunction(() => window.annotator.saveState() === 'saved', null, { timeout: 10000 });
    // Our own readwrite transaction on the page's store, kept alive until released: the page's next
    // write (the edit's journal record) waits behind it.
    await page.evaluate(() => new Promise((ok, fail) => {
      const open = indexedDB.open('article-annotator');
      open.onerror = () => fail(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction('kv', 'readwrite');
        const store = tx.objectStore('kv');
        const hold = window.__hold = { release: false, done: false };
        const spin = () => { if (!hold.release) store.get('idle-pause-test-none').onsuccess = spin; };
        spin();
        tx.oncomplete = () => { hold.done = true; db.close(); };
        ok();
      };
    }));
    await page.evaluate(() => { const a = window.annotator; a.addEntity(0, 13, a.labels()[0].name); });
    await page.waitForFunction(() => window.annotator.saveState() === 'saving', null, { timeout: 10000 });
    await waitIdle(page);
    await waitPaused(page);
    assert.equal(await page.evaluate(() => window.annotator.saveState()), 'saving', 'the write waits behind ours');
    const before = (await screenshot(page, 'idle-pause-save-before')).png;
    const m = await mark(page);
    // Released; polled on a timer (the test's own animation frames would not show a paused loop's
    // lateness), then two animation frames.
    const ms = await page.evaluate(() => new Promise((ok) => {
      const t0 = performance.now();
      window.__hold.release = true;
      const check = () => {
        if (window.annotator.saveState() === 'saved') {
          const t = performance.now() - t0;
          requestAnimationFrame(() => requestAnimationFrame(() => ok(t)));
        } else if (performance.now() - t0 > 10000) ok(-1);
        else setTimeout(check, 5);
      };
      check();
    }));
    assert.ok(ms >= 0, 'the write completed');
    const now = await mark(page);
    const after = (await screenshot(page, 'idle-pause-save-after')).png;
    assert.ok(now.ticks - m.ticks >= 1 && now.clears - m.clears >= 1 && now.draws - m.draws >= 1,
      `the reply woke the loop and was drawn: ${JSON.stringify({ m, now })}`);
    const box = diffBox(before, after, { x0: 0, y0: 0, x1: 1280, y1: 800 });
    assert.ok(box && box.y0 > 700, `the status line changed ("saving..." to "saved"): ${JSON.stringify(box)}`);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });
});
