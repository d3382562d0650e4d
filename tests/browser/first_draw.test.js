// The first frame of a new document (issue 11, item 3: no long frame): drawing the visible lines
// measures each run once through the browser's text engine (canvas measureText); the x of a cluster
// boundary inside a run is measured only when something asks for it (an entity's edge, a caret, a
// hit test). The old layout measured every suffix of every visible run, one measureText per
// grapheme cluster: ~1,400 calls in the first frame of a dropped 1 MB article, 83-117 ms.
// The calls are counted by wrapping the 2D contexts' measureText in the page; the words are already
// in the page's measure cache (the same text was opened before), so what is counted is the lines.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, serverAndBrowser, settle } from './harness.js';

// 40 paragraphs of ~700 characters from a small vocabulary: every visible line is full (~90
// clusters at the page's column width).
function article() {
  const words = ['the', 'minister', 'said', 'on', 'Tuesday', 'that', 'talks', 'in', 'Geneva', 'would', 'resume',
    'after', 'a', 'pause', 'of', 'several', 'weeks,', 'according', 'to', 'officials.'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % words.length;
  const paras = [];
  for (let p = 0; p < 40; p++) {
    let s = '';
    while (s.length < 700) s += (s ? ' ' : '') + words[next()];
    paras.push(s);
  }
  return paras.join('\n');
}

// measureText calls of both canvases (the measuring one, the atlas's) while `fn` runs in the page.
async function countMeasures(page, fn, arg) {
  return page.evaluate(([body, a]) => {
    const protos = [globalThis.OffscreenCanvasRenderingContext2D, globalThis.CanvasRenderingContext2D]
      .filter(Boolean).map((c) => c.prototype);
    const saved = protos.map((p) => p.measureText);
    let calls = 0;
    protos.forEach((p, i) => { p.measureText = function (s) { calls++; return saved[i].call(this, s); }; });
    try {
      new Function('a', 'arg', body)(window.annotator, a);
    } finally {
      protos.forEach((p, i) => { p.measureText = saved[i]; });
    }
    return calls;
  }, [fn, arg]);
}

describe('the first frame of a new document', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('measures each visible run once, not each of its cluster boundaries; edges when entities need them', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    const text = article();
    await page.evaluate((t) => window.annotator.setText(t), text);
    await settle(page);
    // The lines the first frame draws: the article's rows in the canvas (one run each: Latin text).
    const rows = await page.evaluate(() => {
      const a = window.annotator;
      const h = document.getElementById('canvas').getBoundingClientRect().height;
      const tops = new Set();
      for (let cp = 0; cp < a.getText().length; cp += 20) {
        const r = a.caretRect(cp);
        if (!r || r.y > h) break;
        if (r.y + r.height > 0) tops.add(Math.round(r.y));
      }
      return tops.size;
    });
    assert.ok(rows >= 10, `the first screen shows ${rows} full lines`);

    const first = await countMeasures(page, 'a.setText(arg); a.renderFrame();', text);
    // One measure per run (one run per line here), not ~90 per line as the old layout did.
    assert.ok(first > 0, 'the new document was laid out');
    assert.ok(first <= 2 * rows, `${first} measureText calls for ${rows} visible lines`);

    // An entity on the screen asks for the boundaries at its edges (its start, its end and its last
    // cluster's start: 3) and its tag's text is measured and rasterised (2): a few more, not its
    // line's ~90 boundaries.
    const withEntity = await countMeasures(page,
      'a.setText(arg); a.addEntity(4, 12, a.labels()[0].name); a.renderFrame();', text);
    assert.ok(withEntity <= first + 8, `${withEntity} calls with one entity (${first} without)`);
    // The page still answers where every boundary is (caretRect of each cluster of the first line).
    const xs = await page.evaluate(() => {
      const a = window.annotator;
      const out = [];
      for (let cp = 0; cp < 40; cp++) out.push(a.caretRect(cp).x);
      return out;
    });
    for (let i = 1; i < xs.length; i++) assert.ok(xs[i] > xs[i - 1], `caret ${i} right of caret ${i - 1}: ${xs}`);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  // Each new run is rasterised into a staging row and the runs new on an atlas shelf go to the
  // texture in one texSubImage2D at the end of the frame; one upload per run cost ~9 ms of the
  // 16 ms first frame of a dropped 1 MB article (issue 11, item 3). Counted by wrapping the
  // WebGL2 context's texSubImage2D in the page.
  test('uploads the runs new in a frame once per atlas shelf, not once per run', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    // Short paragraphs of short words: many runs, a line of them fills a small part of a shelf.
    const text = Array.from({ length: 60 }, (_, i) => `Item ${i} of the list`).join('\n');
    const calls = await page.evaluate((t) => {
      const proto = WebGL2RenderingContext.prototype;
      const saved = proto.texSubImage2D;
      const sizes = [];
      proto.texSubImage2D = function (...args) { sizes.push(args[4]); return saved.apply(this, args); };
      try {
        window.annotator.setText(t);
        window.annotator.renderFrame();
      } finally {
        proto.texSubImage2D = saved;
      }
      return sizes;
    }, text);
    const rows = await page.evaluate(() => {
      const a = window.annotator;
      const h = document.getElementById('canvas').getBoundingClientRect().height;
      let n = 0;
      for (let i = 0; i < 60; i++) {
        const r = a.caretRect(a.getText().indexOf(`Item ${i} `));
        if (r && r.y >= 0 && r.y + r.height <= h) n++;
      }
      return n;
    });
    assert.ok(rows >= 10, `the first screen shows ${rows} paragraphs`);
    // A run per paragraph (~150 device pixels each): a 2048-pixel shelf holds a dozen of them.
    assert.ok(calls.length > 0, 'the new runs were uploaded');
    assert.ok(calls.length <= Math.ceil(rows / 4), `${calls.length} uploads (widths ${calls}) for ${rows} new runs`);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });
});
