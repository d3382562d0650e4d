// A lost WebGL context (a GPU reset, a driver update, a laptop waking from sleep, too many contexts,
// memory pressure) on the real page in Chromium: the page's own context (canvas.getContext('webgl2')
// answers it) lost and restored with WEBGL_lose_context, as the browser would. An article in three
// scripts (English, Arabic, Chinese) with entities; while the context is lost the status box says so,
// no GL call is made, an edit through the API and the keyboard is kept, saved and described to the
// screen reader's mirror; after the restore the text and the highlights are drawn again as before,
// with no console error and no GL error; a second loss and restore the same; the edit is there after
// a reload. A context that never comes back: the status box says so and offers the reload; one the
// browser refuses (webglcontextcreationerror) at once. A context lost while the page loads (right
// after early.js made it, while annotator.js's wasm is instantiated, between main()'s prepare() and
// the first frame): the page starts all the same with the saved session, without drawing, says so,
// and draws once the context is restored. Screenshots: test-results/context-lost-*.png.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cp, cspViolations, decodePng, inkCount, inkMask, openPage, pasteText, press, ROOT, screenshot, serverAndBrowser, settle, waitReady,
  waitSaved,
} from './harness.js';

const SAMPLES = join(ROOT, 'tests', 'fixtures', 'scripts');
const firstLine = (name) => readFileSync(join(SAMPLES, `${name}.txt`), 'utf8').split('\n')[0];
const TEXT = ['Angela Merkel visited Paris on Monday.', firstLine('ar'), firstLine('zh')].join('\n');
const ENTITIES = [
  ['Angela Merkel', 'PER'], ['Paris', 'LOC'], ['القاهرة', 'LOC'], ['北京', 'LOC'],
];

// Counts, by method, the WebGL calls the page makes on a lost context once it has been told
// (from the webglcontextlost event to the webglcontextrestored one): every method of
// WebGL2RenderingContext wrapped before the page loads. The test's own questions are not counted.
async function countCallsWhileLost(page) {
  await page.addInitScript(() => {
    const P = WebGL2RenderingContext.prototype;
    const lost = P.isContextLost;
    window.__glWhileLost = {};
    window.__glTold = false;
    const own = new Set(['isContextLost', 'getExtension', 'getError']);
    for (const name of Object.getOwnPropertyNames(P)) {
      const d = Object.getOwnPropertyDescriptor(P, name);
      if (typeof d.value !== 'function' || own.has(name) || name === 'constructor') continue;
      const f = d.value;
      P[name] = function (...args) {
        if (window.__glTold && lost.call(this)) window.__glWhileLost[name] = (window.__glWhileLost[name] || 0) + 1;
        return f.apply(this, args);
      };
    }
    // After the page's own listeners (added by its scripts, before these run on the loaded canvas).
    addEventListener('load', () => {
      const canvas = document.getElementById('canvas');
      canvas.addEventListener('webglcontextlost', () => { window.__glTold = true; });
      canvas.addEventListener('webglcontextrestored', () => { window.__glTold = false; });
    });
  });
}

// WebGL's messages in the console ("WebGL: INVALID_OPERATION: ...") are how Chromium reports GL errors
// (not its driver's performance notes, "[.WebGL-0x...]GL Driver Message ...", which screenshots cause).
function collectWebGlWarnings(page) {
  const warnings = [];
  page.on('console', (m) => { if (/^WebGL: /.test(m.text())) warnings.push(`${m.type()}: ${m.text()}`); });
  return warnings;
}

async function loseContext(page) {
  await page.evaluate(() => {
    const gl = document.getElementById('canvas').getContext('webgl2');
    window.__loseExt = window.__loseExt || gl.getExtension('WEBGL_lose_context');
    window.__loseExt.loseContext();
  });
  await page.waitForFunction(() => {
    const s = document.getElementById('aa-status');
    return !s.hidden && /lost/.test(s.textContent);
  });
}

async function restoreContext(page) {
  await page.evaluate(() => window.__loseExt.restoreContext());
  await page.waitForFunction(() => document.getElementById('aa-status').hidden);
  await settle(page);
}

// The GL errors the page's context holds now (drained): [] when none.
async function glErrors(page) {
  return page.evaluate(() => {
    const gl = document.getElementById('canvas').getContext('webgl2');
    const out = [];
    for (let e = gl.getError(); e !== gl.NO_ERROR && out.length < 10; e = gl.getError()) out.push(`0x${e.toString(16)}`);
    return out;
  });
}

// The highlights' boxes (CSS px = screenshot px at scale 1), by entity text.
async function highlightBoxes(page) {
  return page.evaluate(() => Object.fromEntries(window.annotator.entities().map((e) => {
    const r = window.annotator.highlightRects(e.id)[0];
    return [e.text, r && { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) }];
  })));
}

// The article's text column on screen: the region compared before and after.
async function articleRegion(page) {
  const col = await page.evaluate(() => window.annotator.articleColumn());
  return { x: Math.round(col.x), y: Math.round(col.textTop), width: Math.round(col.width), height: 200 };
}

// Dice overlap of two screenshots' ink in a region (1: the same text at the same places).
function inkOverlap(a, b, r) {
  const A = decodePng(a), B = decodePng(b);
  const ma = inkMask(A), mb = inkMask(B);
  let both = 0, na = 0, nb = 0;
  for (let y = r.y; y < r.y + r.height; y++) {
    for (let x = r.x; x < r.x + r.width; x++) {
      const i = y * A.width + x;
      na += ma[i];
      nb += mb[i];
      both += ma[i] & mb[i];
    }
  }
  return { dice: na + nb ? (2 * both) / (na + nb) : 1, ink: na, inkAfter: nb };
}

// Pixels of a region that are exactly the same in two screenshots, as a fraction.
function samePixels(a, b, r) {
  const A = decodePng(a), B = decodePng(b);
  let same = 0;
  for (let y = r.y; y < r.y + r.height; y++) {
    for (let x = r.x; x < r.x + r.width; x++) {
      const i = (y * A.width + x) * A.channels, j = (y * B.width + x) * B.channels;
      same += A.pixels[i] === B.pixels[j] && A.pixels[i + 1] === B.pixels[j + 1] && A.pixels[i + 2] === B.pixels[j + 2];
    }
  }
  return same / (r.width * r.height);
}

// Loses the page's WebGL context while the page loads, at the point sessionStorage's 'aaLoseAt' names
// (set by the test before a reload; none: nothing is lost): 'early' right after early.js made the
// context (before annotator.js runs), 'wasm' when annotator.js instantiates its wasm (before main()),
// 'first-frame' when main() has prepared and asks for the saved session (before the first frame).
// Counts every WebGL call made on the lost context, told or not (window.__glOnLost), and keeps the
// extension that restores it (window.__loseExt).
async function loseWhileLoading(page) {
  await page.addInitScript(() => {
    const at = sessionStorage.getItem('aaLoseAt');
    if (!at) return;
    const P = WebGL2RenderingContext.prototype;
    const isLost = P.isContextLost;
    window.__glOnLost = {};
    const own = new Set(['isContextLost', 'getExtension', 'getError']);
    for (const name of Object.getOwnPropertyNames(P)) {
      const d = Object.getOwnPropertyDescriptor(P, name);
      if (typeof d.value !== 'function' || own.has(name) || name === 'constructor') continue;
      const f = d.value;
      P[name] = function (...args) {
        if (isLost.call(this)) window.__glOnLost[name] = (window.__glOnLost[name] || 0) + 1;
        return f.apply(this, args);
      };
    }
    let gl = null;
    let done = false;
    const lose = () => {
      if (done || !gl) return;
      done = true;
      window.__lostAt = at;
      window.__loseExt.loseContext();
    };
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, attrs) {
      const c = getContext.call(this, type, attrs);
      if (type === 'webgl2' && c && !gl && this.id === 'canvas') {
        gl = c;
        window.__loseExt = c.getExtension('WEBGL_lose_context');  // (a lost context answers null)
        if (at === 'early') lose();
      }
      return c;
    };
    if (at === 'wasm') {
      const instantiate = WebAssembly.instantiate;
      WebAssembly.instantiate = function (...args) {
        if (args[0] instanceof WebAssembly.Module) lose();
        return instantiate.apply(this, args);
      };
    }
    if (at === 'first-frame') {
      // pre.js reads early.session once, when main() has prepared (aa_js_await_session).
      let early;
      Object.defineProperty(window, 'AAEarly', {
        configurable: true,
        get: () => early,
        set: (e) => {
          early = e;
          const session = e.session;
          Object.defineProperty(e, 'session', { configurable: true, get: () => session.then((s) => { lose(); return s; }) });
        },
      });
    }
  });
}

// Reloads the page and waits for its readiness, or fails on its first uncaught exception (a page
// that fails to start never gets ready).
async function reloadReadyOrError(page) {
  let fail;
  const failed = new Promise((resolve, reject) => { fail = reject; });
  failed.catch(() => {});
  const onError = (e) => fail(new Error(`the page threw while starting: ${e}`));
  page.on('pageerror', onError);
  try {
    await Promise.race([page.reload().then(() => waitReady(page)), failed]);
  } finally {
    page.off('pageerror', onError);
  }
}

describe('a lost WebGL context', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('is restored: the text and highlights drawn again, the edits made meanwhile kept and saved', async () => {
    let warnings;
    const { page, context, log } = await openPage(browser, server.url + 'index.html', {
      beforeLoad: async (p) => {
        await countCallsWhileLost(p);
        warnings = collectWebGlWarnings(p);
      },
    });
    try {
      await pasteText(page, TEXT);
      await page.evaluate(({ text, spans }) => {
        for (const [s, start, label] of spans) window.annotator.addEntity(start, start + Array.from(s).length, label);
      }, { text: TEXT, spans: ENTITIES.map(([s, label]) => [s, cp(TEXT, s), label]) });
      await settle(page);
      await waitSaved(page);
      const region = await articleRegion(page);
      const boxes = await highlightBoxes(page);
      const before = (await screenshot(page, 'context-lost-1-before')).png;
      for (const [s] of ENTITIES) {
        assert.ok(boxes[s], `"${s}" is highlighted on screen`);
        assert.ok(inkCount(before, boxes[s]) > 20, `"${s}" is drawn before the loss`);
      }
      assert.ok(inkOverlap(before, before, region).ink > 500, 'the article is drawn before the loss');
      const mirrorBefore = await page.evaluate(() => document.getElementById('aa-article').textContent);

      // ---- Lost: the page stops drawing, keeps working ----
      await loseContext(page);
      assert.equal(await page.evaluate(() => document.getElementById('canvas').getContext('webgl2').isContextLost()), true);
      const status = await page.evaluate(() => document.getElementById('aa-status').textContent);
      assert.match(status, /being restored/, 'the status box says the drawing is being restored');
      // An edit through the API, then one through the keyboard (undo, redo): frames run, none is drawn.
      const person = '毛宁';
      await page.evaluate(({ start, end }) => window.annotator.addEntity(start, end, 'PER'), { start: cp(TEXT, person), end: cp(TEXT, person) + 2 });
      await settle(page);
      assert.ok((await page.evaluate(() => window.annotator.entities())).some((e) => e.text === person), 'the API edit is kept');
      await page.locator('canvas').focus();
      await press(page, 'Control+Z');
      assert.ok(!(await page.evaluate(() => window.annotator.entities())).some((e) => e.text === person), 'Ctrl+Z undid it');
      await press(page, 'Control+Y');
      const during = await page.evaluate(() => window.annotator.entities());
      assert.ok(during.some((e) => e.text === person), 'Ctrl+Y redid it');
      assert.equal(during.length, ENTITIES.length + 1);
      // The autosave goes on: what a reload would restore has the edit.
      await waitSaved(page);
      const stored = await page.evaluate(() => window.annotator.storedDocument());
      const doc = typeof stored.document === 'string' ? JSON.parse(stored.document) : stored.document;
      assert.ok(doc.entities.some((e) => e.text === person), 'the autosave holds the edit made while lost');
      // The screen reader's mirror follows the document as before.
      assert.equal(await page.evaluate(() => document.getElementById('aa-article').textContent), mirrorBefore);
      assert.equal(await page.evaluate(() => document.querySelectorAll('#aa-article mark').length), ENTITIES.length + 1,
        'the mirror has the new entity');
      // Frames went on (the input was processed) without a GL call on the lost context.
      const whileLost = await page.evaluate(() => window.__glWhileLost);
      assert.deepEqual(whileLost, {}, 'no GL call while the context is lost');
      await screenshot(page, 'context-lost-2-lost');

      // ---- Restored: everything GPU-side made again, a frame drawn ----
      await restoreContext(page);
      const after = (await screenshot(page, 'context-lost-3-restored')).png;
      const overlap = inkOverlap(before, after, region);
      assert.ok(overlap.dice > 0.9, `the article is drawn again as before (ink overlap ${overlap.dice.toFixed(3)}, ` +
        `${overlap.ink} -> ${overlap.inkAfter} px)`);
      const boxesAfter = await highlightBoxes(page);
      for (const [s] of ENTITIES) {
        assert.deepEqual(boxesAfter[s], boxes[s], `"${s}" is where it was`);
        const same = samePixels(before, after, boxes[s]);
        assert.ok(same > 0.95, `"${s}"'s highlight and text are drawn again (${(same * 100).toFixed(1)}% of its pixels as before)`);
      }
      assert.ok(boxesAfter[person], 'the entity added while lost is on screen');
      assert.ok(inkCount(after, boxesAfter[person]) > 20, 'the entity added while lost is drawn');
      assert.deepEqual(await glErrors(page), [], 'no GL error after the restore');
      assert.equal(await page.evaluate(() => document.querySelectorAll('#aa-article mark').length), ENTITIES.length + 1);

      // ---- A second loss and restore ----
      await loseContext(page);
      await page.evaluate(() => window.annotator.relabelEntity(window.annotator.entities().find((e) => e.text === 'Paris').id, 'ORG'));
      await settle(page);
      await restoreContext(page);
      const again = (await screenshot(page, 'context-lost-4-restored-again')).png;
      const overlap2 = inkOverlap(after, again, region);
      assert.ok(overlap2.dice > 0.9, `drawn again after a second loss (ink overlap ${overlap2.dice.toFixed(3)})`);
      for (const [s] of ENTITIES.filter(([s]) => s !== 'Paris')) {
        assert.ok(samePixels(after, again, boxes[s]) > 0.95, `"${s}" is drawn again after a second loss`);
      }
      assert.ok(samePixels(after, again, boxes.Paris) < 0.95, 'Paris is drawn in its new label\'s colour');
      assert.deepEqual(await page.evaluate(() => window.__glWhileLost), {}, 'no GL call while lost, the second time');
      assert.deepEqual(await glErrors(page), []);

      // ---- The edits are saved: a reload shows them ----
      await waitSaved(page);
      const entities = await page.evaluate(() => window.annotator.entities().map((e) => [e.text, e.label]));
      await page.reload();
      await waitReady(page);
      await settle(page);
      assert.equal(await page.evaluate(() => window.annotator.getText()), TEXT);
      assert.deepEqual(await page.evaluate(() => window.annotator.entities().map((e) => [e.text, e.label])), entities);
      assert.ok(entities.some(([t]) => t === person));
      assert.deepEqual(log.consoleErrors, []);
      assert.deepEqual(log.pageErrors, []);
      // Chromium reports each loseContext() as a warning ("CONTEXT_LOST_WEBGL: loseContext: context lost");
      // any other WebGL warning is a GL error of the page's.
      assert.deepEqual(warnings.filter((w) => !/CONTEXT_LOST_WEBGL/.test(w)), []);
    } finally {
      await context.close();
    }
  });

  test('that never comes back: the status box says so and offers the reload; a late restore still recovers', async () => {
    const { page, context, log } = await openPage(browser, server.url + 'index.html');
    try {
      await pasteText(page, TEXT);
      await page.evaluate(() => window.annotator.addEntity(0, 13, 'PER'));
      await settle(page);
      const region = await articleRegion(page);
      const before = (await screenshot(page, 'context-lost-5-before')).png;
      await loseContext(page);
      // The browser sends no event when it gives up: the page waits for it (pre.js's GL_GIVE_UP_MS).
      await page.waitForSelector('#aa-status #aa-reload', { timeout: 30000 });
      const status = await page.evaluate(() => document.getElementById('aa-status').textContent);
      assert.match(status, /could not be restored/);
      assert.match(status, /saved/);
      assert.equal(await page.getByRole('button', { name: 'Reload' }).count(), 1, 'a Reload button');
      assert.deepEqual(await cspViolations(page), [], 'the status box and its button break no Content-Security-Policy rule');
      await screenshot(page, 'context-lost-6-gave-up');
      // Restored after all: drawn again, the status box cleared.
      await restoreContext(page);
      const after = (await screenshot(page, 'context-lost-7-late-restore')).png;
      assert.ok(inkOverlap(before, after, region).dice > 0.9, 'drawn again after a late restore');
      assert.equal(await page.locator('#aa-reload').count(), 0);
      // The way out: the button reloads the page, which shows the saved work.
      await waitSaved(page);
      await loseContext(page);
      await page.waitForSelector('#aa-status #aa-reload', { timeout: 30000 });
      await Promise.all([page.waitForEvent('load'), page.click('#aa-reload')]);
      await waitReady(page);
      await settle(page);
      assert.equal(await page.evaluate(() => window.annotator.getText()), TEXT);
      assert.equal(await page.evaluate(() => window.annotator.entities().length), 1);
      const reloaded = (await screenshot(page, 'context-lost-8-reloaded')).png;
      assert.ok(inkOverlap(before, reloaded, region).dice > 0.9, 'the reloaded page draws the saved work');
      assert.deepEqual(log.consoleErrors, []);
      assert.deepEqual(log.pageErrors, []);
    } finally {
      await context.close();
    }
  });
  test('lost while the page loads: the page starts with the saved session without drawing, says so, and draws once restored', async () => {
    let warnings;
    const { page, context, log } = await openPage(browser, server.url + 'index.html', {
      beforeLoad: async (p) => {
        await loseWhileLoading(p);
        warnings = collectWebGlWarnings(p);
      },
    });
    try {
      await pasteText(page, TEXT);
      await page.evaluate(({ spans }) => {
        for (const [s, start, label] of spans) window.annotator.addEntity(start, start + Array.from(s).length, label);
      }, { spans: ENTITIES.map(([s, label]) => [s, cp(TEXT, s), label]) });
      await settle(page);
      await waitSaved(page);
      const region = await articleRegion(page);
      const boxes = await highlightBoxes(page);
      const before = (await screenshot(page, 'context-lost-9-before-reload')).png;
      let added = 0;
      for (const at of ['early', 'wasm', 'first-frame']) {
        await page.evaluate((a) => sessionStorage.setItem('aaLoseAt', a), at);
        await reloadReadyOrError(page);
        assert.equal(await page.evaluate(() => window.__lostAt), at, `lost at "${at}"`);
        assert.equal(await page.evaluate(() => document.getElementById('canvas').getContext('webgl2').isContextLost()), true);
        // The status line says so, once the page is ready (and its event handled).
        await page.waitForFunction(() => {
          const s = document.getElementById('aa-status');
          return !s.hidden && /being restored/.test(s.textContent);
        });
        // The saved session is there, the screen reader's mirror describes it, edits go on.
        assert.equal(await page.evaluate(() => window.annotator.getText()), TEXT, `${at}: the saved text`);
        assert.equal(await page.evaluate(() => window.annotator.entities().length), ENTITIES.length + added);
        await page.waitForFunction((n) => document.querySelectorAll('#aa-article mark').length === n, ENTITIES.length + added);
        assert.match(await page.evaluate(() => document.getElementById('aa-article').textContent), /Angela Merkel/);
        // An edit while lost (kept and saved: checked after the last reload).
        if (at === 'first-frame') {
          await page.evaluate(() => window.annotator.relabelEntity(window.annotator.entities().find((e) => e.text === 'Paris').id, 'ORG'));
        } else {
          const word = at === 'early' ? 'Monday' : 'visited';
          await page.evaluate(({ s, e }) => window.annotator.addEntity(s, e, 'MISC'), { s: cp(TEXT, word), e: cp(TEXT, word) + word.length });
          added++;
        }
        await settle(page);
        const calls = await page.evaluate(() => window.__glOnLost);
        assert.deepEqual(calls, {}, `${at}: no WebGL call on the lost context`);
        await screenshot(page, `context-lost-10-${at}-lost`);
        // Restored: everything made, the document drawn as before the reload.
        await restoreContext(page);
        const after = (await screenshot(page, `context-lost-11-${at}-restored`)).png;
        const overlap = inkOverlap(before, after, region);
        assert.ok(overlap.dice > 0.9, `${at}: drawn once restored (ink overlap ${overlap.dice.toFixed(3)}, ${overlap.ink} -> ${overlap.inkAfter} px)`);
        for (const [s] of ENTITIES.slice(0, 2)) {
          assert.ok(inkCount(after, boxes[s]) > 20, `${at}: "${s}" drawn once restored`);
        }
        assert.deepEqual(await glErrors(page), [], `${at}: no GL error after the restore`);
        await waitSaved(page);
        assert.deepEqual(log.pageErrors, [], `${at}: no exception`);
        assert.deepEqual(log.consoleErrors, [], `${at}: no console error`);
        assert.deepEqual(warnings.filter((w) => !/CONTEXT_LOST_WEBGL/.test(w)), [], `${at}: no WebGL warning`);
      }
      await page.evaluate(() => sessionStorage.removeItem('aaLoseAt'));
      await page.reload();
      await waitReady(page);
      const saved = await page.evaluate(() => window.annotator.entities().map((e) => [e.text, e.label]));
      assert.equal(saved.length, ENTITIES.length + added, 'the entities added while lost are saved');
      assert.ok(saved.some(([t, l]) => t === 'Paris' && l === 'ORG'), 'the relabel made while lost is saved');
    } finally {
      await context.close();
    }
  });

  test('lost while the page loads and never restored: the page starts, then offers the reload', async () => {
    const { page, context, log } = await openPage(browser, server.url + 'index.html', { beforeLoad: loseWhileLoading });
    try {
      await pasteText(page, TEXT);
      await settle(page);
      await waitSaved(page);
      await page.evaluate(() => sessionStorage.setItem('aaLoseAt', 'early'));
      await reloadReadyOrError(page);
      assert.equal(await page.evaluate(() => window.annotator.getText()), TEXT);
      await page.waitForSelector('#aa-status #aa-reload', { timeout: 30000 });
      assert.match(await page.evaluate(() => document.getElementById('aa-status').textContent), /could not be restored/);
      await screenshot(page, 'context-lost-12-loading-gave-up');
      assert.deepEqual(log.pageErrors, []);
      assert.deepEqual(log.consoleErrors, []);
    } finally {
      await context.close();
    }
  });

  test('is asked back (preventDefault) and one the browser refuses (webglcontextcreationerror) is reported at once', async () => {
    const { page, context, log } = await openPage(browser, server.url + 'index.html', {
      beforeLoad: (p) => p.addInitScript(() => {
        // After the page's own listeners (added by its scripts, before this runs on the loaded canvas).
        addEventListener('load', () => {
          document.getElementById('canvas').addEventListener('webglcontextlost', (e) => { window.__lostPrevented = e.defaultPrevented; });
        });
      }),
    });
    try {
      await pasteText(page, TEXT);
      await settle(page);
      await loseContext(page);
      assert.equal(await page.evaluate(() => window.__lostPrevented), true, 'the page asked for the context back');
      assert.equal(await page.locator('#aa-reload').count(), 0, 'no Reload while the restore may come');
      // Chromium refuses a page that lost its contexts too often with this event (no page can cause it
      // on purpose): dispatched here on the canvas as the browser does, the page gives up at once.
      const said = await page.evaluate(() => {
        document.getElementById('canvas').dispatchEvent(new Event('webglcontextcreationerror'));
        return { reload: !!document.querySelector('#aa-status #aa-reload'), text: document.getElementById('aa-status').textContent };
      });
      assert.ok(said.reload, 'a Reload button at once');
      assert.match(said.text, /could not be restored/);
      // A restore that comes after all still recovers.
      await restoreContext(page);
      assert.equal(await page.locator('#aa-reload').count(), 0);
      assert.deepEqual(await glErrors(page), []);
      assert.deepEqual(log.pageErrors, []);
      assert.deepEqual(log.consoleErrors, []);
    } finally {
      await context.close();
    }
  });
});
