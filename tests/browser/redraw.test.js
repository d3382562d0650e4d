// Identical frames are not drawn again (issue 11, per-frame work). The page's loop runs a UI frame every
// animation frame for 1.5 s after any input and every 250 ms when idle; each draw cost 50-65 ms of main
// thread here (software WebGL, the compositor's read-back) even when the picture had not changed. Now a
// frame whose draw data, framebuffer and textures are byte for byte those drawn last is not drawn
// (main.cpp, ui/drawn_frame.hpp): an idle page draws nothing, and every change is still drawn within
// two animation frames. The draws are the canvas's clears (every drawn frame begins with one), counted
// in JavaScript, and the loop's own counters (annotator.loopStats()).
// On a page without loopStats (main before this change) the idle wait is 2.5 s instead of waitIdle: the
// idle test then fails on its clears, as it should.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diffBox, openPage, pasteText, screenshot, serverAndBrowser, waitIdle, waitPaused, widgetCentre } from './harness.js';

const TEXT = 'Angela Merkel visited Paris on Monday. Emmanuel Macron met her at the Elysee Palace.\n\n' +
  'The two leaders spoke about trade, energy and the budget of the European Union.';

// Idle, and (on a page that pauses its idle loop) paused: the changes below are drawn from there.
async function idle(page) {
  if (await page.evaluate(() => typeof window.annotator.loopStats === 'function')) {
    await waitIdle(page);
    if (await page.evaluate(() => 'paused' in window.annotator.loopStats())) await waitPaused(page);
  } else {
    await page.waitForTimeout(2500);
  }
}

// The canvas's clears from now on, counted on WebGL2RenderingContext.prototype (the page calls GLctx.clear).
function countClears() {
  if (window.__clears) return;
  window.__clears = 0;
  const clear = WebGL2RenderingContext.prototype.clear;
  WebGL2RenderingContext.prototype.clear = function (...args) {
    window.__clears++;
    return clear.apply(this, args);
  };
}

// The clears and the loop's counters over the next `n` animation frames.
const overFrames = (page, n) => page.evaluate((n) => new Promise((ok) => {
  const a = window.annotator;
  const stats = () => (a.loopStats ? a.loopStats() : null);
  const s0 = stats(), c0 = window.__clears;
  let i = 0;
  const step = () => {
    if (++i < n) return requestAnimationFrame(step);
    const s1 = stats();
    ok({ clears: window.__clears - c0, draws: s1 && s1.draws - s0.draws, skipped: s1 && s1.skipped - s0.skipped,
      frames: s1 && s1.frames - s0.frames });
  };
  requestAnimationFrame(step);
}), n);

const mark = (page) => page.evaluate(() => ({ clears: window.__clears, draws: window.annotator.loopStats().draws }));
const twoFrames = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
// The draws since `m`, two animation frames after the action that followed it.
async function drawnSince(page, m) {
  await twoFrames(page);
  const now = await mark(page);
  return { clears: now.clears - m.clears, draws: now.draws - m.draws };
}

describe('identical frames are not drawn again', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('an idle page draws nothing: 36 animation frames without a clear, the picture unchanged', async () => {
    const { page, context, log } = await openPage(browser, server.url + 'index.html');
    await page.evaluate(countClears);
    await pasteText(page, TEXT);
    await idle(page);
    const before = await screenshot(page, 'redraw-idle-before');
    const idleFrames = await overFrames(page, 36);
    const after = await screenshot(page, 'redraw-idle-after');
    process.stderr.write(`idle: ${JSON.stringify(idleFrames)}\n`);
    assert.equal(idleFrames.clears, 0, `${idleFrames.clears} clears in 36 idle animation frames`);
    assert.equal(idleFrames.draws, 0);
    assert.ok(idleFrames.skipped >= 1, 'the idle frames (every 250 ms) still ran, undrawn');
    assert.ok(before.png.equals(after.png), 'the picture is the same');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('a hover, a key, a label key and a resize are drawn within two animation frames', async () => {
    const { page, context, log } = await openPage(browser, server.url + 'index.html');
    await page.evaluate(countClears);
    await pasteText(page, TEXT);
    const menu = await widgetCentre(page, 'menu.view');
    await page.mouse.move(600, 500);
    await idle(page);
    const area = { x0: 0, y0: 0, x1: 1280, y1: 800 };

    // The pointer onto the View menu: its highlight.
    let shot0 = (await screenshot(page, 'redraw-hover-before')).png;
    let m = await mark(page);
    await page.mouse.move(menu.x, menu.y);
    let d = await drawnSince(page, m);
    let shot1 = (await screenshot(page, 'redraw-hover-after')).png;
    assert.ok(d.clears >= 1 && d.draws >= 1, `hover: ${JSON.stringify(d)}`);
    const hover = diffBox(shot0, shot1, area);
    assert.ok(hover && hover.y0 < 40, `the menu bar changed: ${JSON.stringify(hover)}`);

    // F9: the side panel hidden.
    await page.mouse.move(600, 500);
    await idle(page);
    shot0 = (await screenshot(page, 'redraw-f9-before')).png;
    m = await mark(page);
    await page.keyboard.press('F9');
    d = await drawnSince(page, m);
    shot1 = (await screenshot(page, 'redraw-f9-after')).png;
    assert.ok(d.clears >= 1 && d.draws >= 1, `F9: ${JSON.stringify(d)}`);
    assert.ok(diffBox(shot0, shot1, area), 'F9 changed the picture');

    // A word selected, then its label's key: the new entity's box. (Measured now: F9 moved the text.)
    const word = await page.evaluate(() => window.annotator.caretRect(8));  // "Merkel"
    await page.mouse.dblclick(word.x + word.width / 2, word.y + word.height / 2);
    await page.waitForFunction(() => window.annotator.pendingInput() === 0);
    await idle(page);
    shot0 = (await screenshot(page, 'redraw-label-before')).png;
    m = await mark(page);
    await page.keyboard.press('1');
    d = await drawnSince(page, m);
    shot1 = (await screenshot(page, 'redraw-label-after')).png;
    assert.equal((await page.evaluate(() => window.annotator.entities())).length, 1);
    assert.ok(d.clears >= 1 && d.draws >= 1, `label key: ${JSON.stringify(d)}`);
    const box = diffBox(shot0, shot1, area);
    assert.ok(box && box.y0 <= word.y + word.height && box.y1 >= word.y, `the entity's box drawn: ${JSON.stringify(box)}`);

    // A narrower window: a new backing store, drawn at once.
    await idle(page);
    m = await mark(page);
    await page.setViewportSize({ width: 900, height: 700 });
    d = await drawnSince(page, m);
    const resized = (await screenshot(page, 'redraw-resized')).png;
    assert.ok(d.clears >= 1 && d.draws >= 1, `resize: ${JSON.stringify(d)}`);
    assert.equal(resized.length > 0, true);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test("the autosave's reply, arriving while the page is idle, is drawn in the status line", async () => {
    const { page, context, log } = await openPage(browser, server.url + 'index.html');
    await page.evaluate(countClears);
    await pasteText(page, TEXT);
    await page.waitForFunction(() => window.annotator.saveState() === 'saved', null, { timeout: 10000 });
    // Our own readwrite transaction on the page's store, kept alive until released: the page's next
    // write waits behind it (IndexedDB runs overlapping readwrite transactions one after the other).
    await page.evaluate(() => new Promise((ok, fail) => {
      const open = indexedDB.open('article-annotator');
      open.onerror = () => fail(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction('kv', 'readwrite');
        const store = tx.objectStore('kv');
        const hold = window.__hold = { release: false, done: false };
        const spin = () => { if (!hold.release) store.get('redraw-test-none').onsuccess = spin; };
        spin();
        tx.oncomplete = () => { hold.done = true; db.close(); };
        ok();
      };
    }));
    await page.evaluate(() => { const a = window.annotator; a.addEntity(0, 13, a.labels()[0].name); });
    await page.waitForFunction(() => window.annotator.saveState() === 'saving', null, { timeout: 10000 });
    await idle(page);
    assert.equal(await page.evaluate(() => window.annotator.saveState()), 'saving', 'the write waits behind ours');
    const before = (await screenshot(page, 'redraw-save-before')).png;
    const m = await mark(page);
    const seen = await page.evaluate(() => new Promise((ok) => {
      window.__hold.release = true;
      // The animation frame in which the page first says "saved", and two more.
      const a = window.annotator;
      let frames = 0;
      const step = () => {
        frames++;
        if (a.saveState() === 'saved') requestAnimationFrame(() => requestAnimationFrame(() => ok(frames)));
        else if (frames > 600) ok(-1);
        else requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    }));
    assert.ok(seen > 0, 'the write completed');
    const now = await mark(page);
    const after = (await screenshot(page, 'redraw-save-after')).png;
    assert.ok(now.clears - m.clears >= 1 && now.draws - m.draws >= 1, `the reply drawn: ${JSON.stringify({ m, now })}`);
    const box = diffBox(before, after, { x0: 0, y0: 0, x1: 1280, y1: 800 });
    assert.ok(box && box.y0 > 700, `the status line changed ("saving..." to "saved"): ${JSON.stringify(box)}`);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });
});
