// A lost WebGL context (a GPU reset, a driver update, a laptop waking from sleep, too many contexts,
// memory pressure) on the real page in Chromium: the page's own context (canvas.getContext('webgl2')
// answers it) lost and restored with WEBGL_lose_context, as the browser would. An article in three
// scripts (English, Arabic, Chinese) with entities; while the context is lost the status box says so,
// no GL call is made, an edit through the API and the keyboard is kept, saved and described to the
// screen reader's mirror; after the restore the text and the highlights are drawn again as before,
// with no console error and no GL error; a second loss and restore the same; the edit is there after
// a reload. A context that never comes back: the status box says so and offers the reload.
// Screenshots: test-results/context-lost-*.png.
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
});
