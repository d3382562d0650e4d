// Records which wasm functions the page runs from its start until it goes idle (issue 11), for the
// build's split of annotator.wasm (src/platform/web/CMakeLists.txt): wasm-split keeps those functions
// in the module the page downloads and compiles before its first frame, and moves every other one into
// annotator.deferred.wasm, which pre.js loads right after the first frame.
// Usage: node split_profile.mjs DIR ORIG.wasm OUT.profile WASM-SPLIT   (DIR: index.html with the page
//        linked with -sSPLIT_MODULE=1, whose annotator.wasm is wasm-split's instrumented copy of ORIG.wasm)
// Each start-up below runs in a fresh Chromium context; wasm-split merges their profiles into OUT. A start
// that runs a function none of them ran still works: the deferred module is then loaded on first use
// (synchronously, deferred.js), a delay of about what the whole module cost before the split, never a
// failure. Small functions are kept whatever the profile says (SMALL_BYTES): they are most of what a
// start-up's rarer branches share (a vector's copy of a range was the first one missed), and cost little.
// page.test.js checks that these starts, and one the profile did not run, need nothing from the deferred
// module before their first frame.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { launchBrowser, openPage, settle, startServer, waitIdle, waitReady, waitSaved } from '../../../tests/browser/harness.js';

const SMALL_BYTES = 64;  // bodies up to this size stay in the first module (~47 KB of code in all)

const [dir, orig, out, wasmSplit] = process.argv.slice(2);
if (!dir || !orig || !out || !wasmSplit) {
  console.error('usage: node split_profile.mjs DIR ORIG.wasm OUT.profile WASM-SPLIT');
  process.exit(2);
}

// The article of the start-ups below: the page's sample (English news prose: quotes, dashes,
// abbreviations), then Arabic (bidi runs) and Chinese (CJK line breaks); entities of each label.
const SAMPLE = readFileSync(new URL('../../../assets/sample-article.txt', import.meta.url), 'utf8');
const TEXT = `${SAMPLE}\nوصل الرئيس إلى القاهرة صباح اليوم.\n\n东京大学的研究人员昨天发表了报告。\n`;
const NAMES = ['Lisbon', 'Rotterdam', 'Helena Marques', 'European Commission', 'القاهرة', '东京大学'];
const entities = (labels) => NAMES.map((name, i) => {
  const start = Array.from(TEXT.slice(0, TEXT.indexOf(name))).length;
  return { id: `e${i + 1}`, start, end: start + Array.from(name).length, label: labels[i % labels.length], text: name };
});
const SHORT_TEXT = 'Angela Merkel visited Paris on Monday.\n\nوصل الرئيس إلى القاهرة صباح اليوم.\n';
const labelsOf = (page) => page.evaluate(() => window.annotator.labels().map((l) => l.name));

// The instrumented module's record of the functions run so far (wasm-split --instrument), read once
// the page has gone idle: what a start runs is not over with its first frames. The loop's first
// check of work under way (App::busy) comes when the page idles, 1.5 s after the last input, and a
// script on the page reads what was restored (getText, entities, labels) and the frame counters
// (frameStats: the benches and tests read them; harness.js's waitIdle no longer does) as soon as it
// is ready. Read two frames after the first, the profile missed both: a start that went idle, or a
// script that read the entities, before the fetch of the deferred module ended loaded it
// synchronously, on first use (~30 ms; page.test.js's returning user from the journal did, by its
// own entities(), issue 11).
async function readProfile(page) {
  await settle(page);
  await settle(page);
  await waitIdle(page);
  await page.evaluate(() => {
    const a = window.annotator;
    return [a.getText().length, a.entities().length, a.labels().length, a.frameStats().frames];
  });
  return page.evaluate(() => {
    /* global Module, HEAPU8, _malloc, _free */
    const size = 1 << 20;
    const ptr = _malloc(size);
    const length = Module.asm.__write_profile(ptr, size);
    const bytes = Array.from(HEAPU8.subarray(ptr, ptr + length));
    _free(ptr);
    return bytes;
  });
}

const starts = [
  // A first visit: the empty page, a desktop window, light theme, pixel ratio 1 (the baked atlas).
  { name: 'first visit', options: {} },
  // A phone: pixel ratio 2 (the atlas rasterised), touch, dark theme.
  { name: 'phone', options: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, colorScheme: 'dark' } },
  // An article opened right after the first frame (the native JSON of docs/format.md, by the API).
  {
    name: 'article opened',
    options: {},
    async before(page) {
      const json = JSON.stringify({ format: 'article-annotator', version: 1, offsets: 'codepoint', text: TEXT,
        entities: entities(await labelsOf(page)) });
      await page.evaluate((doc) => window.annotator.importFrom('native', doc, 'sample.json'), json);
    },
  },
  // Returning users: a saved session (snapshot and journal) restored. What start-up runs depends on
  // the text (segmentation, bidi, line breaks): the sample above, and a short one (page.test.js's);
  // and on what was saved: everything in the snapshot, or edits after it, which are the journal's
  // records replayed by the next start, as a returning user's last edits are (without this start,
  // every such return loaded the deferred module before its first frame: the journal's reader was in it).
  ...[[TEXT, null, false], [SHORT_TEXT, [[0, 13]], false], [TEXT, null, true]].map(([text, given, journal]) => ({
    name: `saved session (${text.length} characters${journal ? ', journal' : ''})`,
    options: {},
    async before(page) {
      const labels = await labelsOf(page);
      const spans = given ? given.map(([start, end]) => ({ start, end, label: labels[0] })) : entities(labels);
      if (journal) {
        await page.evaluate((t) => window.annotator.setText(t), text);
        await waitSaved(page);
      }
      await page.evaluate(([t, list, other, edits]) => {
        const a = window.annotator;
        if (!edits) a.setText(t);  // the text and its entities in one snapshot
        list.forEach((e) => a.addEntity(e.start, e.end, e.label));
        if (!edits) return;
        // A relabel, an undo and a redo: records of each kind.
        a.relabelEntity(a.entities()[0].id, other);
        a.undo();
        a.redo();
      }, [text, spans, labels[1], journal]);
      await waitSaved(page);
      if (journal) {
        const stored = await page.evaluate(() => window.annotator.storedDocument());
        if (!stored || stored.replayed < 1) throw new Error(`split_profile.mjs: no journal record to replay (${JSON.stringify(stored && stored.replayed)})`);
      }
      await page.reload();
      await waitReady(page);
    },
  })),
];

// The size of each function body of a wasm module, in the order of its code section (the order of a
// wasm-split profile's entries).
function bodySizes(bytes) {
  let at = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++];
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(b & 0x80)) return value;
    }
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id === 10) {
      const sizes = [];
      for (let n = leb(); n > 0; n--) {
        const body = leb();
        sizes.push(body);
        at += body;
      }
      return sizes;
    }
    at = end;
  }
  throw new Error(`split_profile.mjs: ${orig} has no code section`);
}

// A wasm-split profile: an 8-byte hash of the module, then one 32-bit first-call time per defined
// function (0: never called). A small function never called gets a time after every other.
function keepSmall(profile, sizes) {
  if (profile.length !== 8 + 4 * sizes.length) {
    throw new Error(`split_profile.mjs: the profile has ${(profile.length - 8) / 4} functions, ${orig} ${sizes.length}`);
  }
  const view = new DataView(profile.buffer, profile.byteOffset, profile.byteLength);
  let last = 0;
  sizes.forEach((_, i) => { last = Math.max(last, view.getUint32(8 + 4 * i, true)); });
  let kept = 0;
  sizes.forEach((size, i) => {
    if (size <= SMALL_BYTES && view.getUint32(8 + 4 * i, true) === 0) {
      view.setUint32(8 + 4 * i, last + 1, true);
      kept++;
    }
  });
  return kept;
}

const server = await startServer(dir);
const browser = await launchBrowser();
try {
  const profiles = [];
  for (const start of starts) {
    const { page, context, log } = await openPage(browser, server.url, start.options);
    if (start.before) await start.before(page);
    profiles.push(Buffer.from(await readProfile(page)));
    const errors = log.pageErrors.concat(log.consoleErrors);
    await context.close();
    if (errors.length) throw new Error(`split_profile.mjs: ${start.name}: ${errors.join('; ')}`);
  }
  const parts = profiles.map((p, i) => {
    writeFileSync(`${out}.${i}`, p);
    return `${out}.${i}`;
  });
  execFileSync(wasmSplit, ['--merge-profiles', ...parts, '-o', out], { stdio: 'inherit' });
  parts.forEach((p) => rmSync(p));
  const merged = readFileSync(out);
  const sizes = bodySizes(readFileSync(orig));
  const small = keepSmall(merged, sizes);
  writeFileSync(out, merged);
  const ran = sizes.filter((_, i) => merged.readUInt32LE(8 + 4 * i) !== 0).length - small;
  console.log(`split_profile.mjs: ${profiles.length} start-ups profiled (${starts.map((s) => s.name).join(', ')}): ` +
    `${ran} functions ran, ${small} small ones kept too, ${sizes.length - ran - small} deferred`);
} finally {
  await browser.close();
  await server.close();
}
