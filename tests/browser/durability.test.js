// Durability in the browser (issue 5, item 1): every change's write is issued in its frame and
// stored within a second, timed in the page (what a reload would restore is read back through
// annotator.storedDocument(): snapshot + journal); a reload, a closed tab and a browser process
// killed with SIGKILL all come back to the last state; a storage that fails is reported with what
// to do while the page keeps working; recent versions recover a bulk change after a reload (API and
// menu); two tabs never overwrite each other silently.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  catchDownload, cp, decodePng, diffBox, frames, killAndRestart, labelWord, openPage, openTab, pasteText, press, ROOT,
  screenshot, serverAndBrowser, settle, shot, storedState, textLines, waitReady, waitSaved,
} from './harness.js';

const ARTICLE = 'Angela Merkel met Emmanuel Macron in Strasbourg on Monday.\n\n' +
  'Ελένη Παπαδοπούλου of the UN said the talks in Kraków would go on — “a new chapter”.';

const api = (page, fn, arg) => page.evaluate(fn, arg);
const entities = (page) => api(page, () => window.annotator.entities());
const saveState = (page) => api(page, () => window.annotator.saveState());
const status = (page) => api(page, () => window.annotator.statusMessage());
const spans = (list) => list.map((e) => [e.id, e.start, e.end, e.label]);

async function storedDocument(page) {
  return (await storedState(page))?.document ?? null;
}

// The page's text and entities as the stored session holds them.
async function current(page) {
  return { text: await api(page, () => window.annotator.getText()), entities: spans(await entities(page)) };
}

function asStored(doc) {
  return doc && { text: doc.text, entities: spans([...doc.entities].sort((a, b) => a.start - b.start || a.end - b.end)) };
}

// Waits until the status is "saved" AND IndexedDB holds the page's current state; returns the ms
// it took (the status alone could still be the previous change's "saved" for a frame). Polled
// inside the page (no round trip to the test per look), reading what a reload would restore.
// `limitMs` is what the test asserts ("saved within 1 s" is the first test's); a step that only
// waits for the state leaves the default, the margin of harness.js's waitSaved.
const STORED_WAIT_MS = 10000;
async function untilStored(page, limitMs = STORED_WAIT_MS) {
  const want = await current(page);
  const r = await page.evaluate(async ({ want, limitMs }) => {
    const t0 = performance.now();
    const key = (doc) => doc && JSON.stringify({
      text: doc.text,
      entities: [...doc.entities].sort((a, b) => a.start - b.start || a.end - b.end).map((e) => [e.id, e.start, e.end, e.label]),
    });
    for (;;) {
      const state = window.annotator.saveState();
      const doc = (await window.annotator.storedDocument())?.document ?? null;
      if (state === 'saved' && key(doc) === JSON.stringify(want)) return { ms: performance.now() - t0 };
      if (performance.now() - t0 > limitMs) {
        return { failed: `state ${state}, page ${document.visibilityState}, frames ${window.annotator.frameStats().frames}, ` +
          `stored ${key(doc)?.slice(0, 300)}` };
      }
      await new Promise((ok) => setTimeout(ok, 10));
    }
  }, { want, limitMs });
  if (r.failed) assert.fail(`not stored within ${limitMs} ms: ${r.failed}`);
  return Math.round(r.ms);
}

// Waits until the autosave reports its failure. The write fails at once, but after the autosave's
// delay and the frames of a loaded machine: a state waited for, with the margin harness.js's
// waitSaved gives "saved".
function untilFailed(page) {
  return page.waitForFunction(() => window.annotator.saveState() === 'failed', null, { timeout: 10000 });
}

// Brings a tab to the front and waits until it is visible (a hidden tab draws no frames).
async function front(page) {
  await page.bringToFront();
  await page.waitForFunction(() => document.visibilityState === 'visible', null, { timeout: 5000 });
}

describe('durability', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('every change is written to IndexedDB in its frame (its record) and stored within a second of the write', async () => {
    const { page, context, log } = await openPage(browser, server.url, { beforeLoad: (p) => p.addInitScript(recordSaves) });
    const steps = [
      ['paste an article', () => pasteText(page, ARTICLE)],
      ['add an entity through the API', () => api(page, () => {
        window.__durability.mark('api');
        window.annotator.addEntity(0, 13, 'PER');
      })],
      ['label a word with the mouse and a hotkey', () => labelWord(page, cp(ARTICLE, 'Strasbourg') + 3, '3')],
      ['undo with Ctrl+Z', () => press(page, 'Control+z')],
      ['redo with Ctrl+Shift+Z', () => press(page, 'Control+Shift+Z')],
      ['remove an entity through the API', () => api(page, () => {
        window.__durability.mark('api');
        window.annotator.removeEntity('e1');
      })],
    ];
    const lines = [];
    for (const [what, action] of steps) {
      const from = await api(page, () => window.__durability.writes.length);
      await action();
      // State waits, not timed ones: the step's writes all answered and the state "saved" (polled
      // per frame: untilStored's reads would hold the write behind their transactions), then
      // storage holding what the page shows; the times are taken from the page's own clock.
      await page.waitForFunction((n) => {
        const writes = window.__durability.writes.slice(n);
        return writes.length > 0 && writes.every((w) => w.complete !== null || w.aborted) &&
          window.annotator.saveState() === 'saved';
      }, from, { timeout: STORED_WAIT_MS });
      await untilStored(page);
      const { edit: at, writes, frames, firstEnd } = await api(page, (n) => {
        const d = window.__durability;
        let first = d.frames.findIndex((t) => t > d.edit.at);
        if (first < 0) first = d.frames.length;
        return { edit: d.edit, writes: d.writes.slice(n), frames: d.frames.slice(first), firstEnd: d.ends[first] };
      }, from);
      const covering = writes.filter((w) => w.issued >= at.at && coveringKind(w));
      assert.equal(covering.length, 1, `${what}: one write holds the edit (${at.what}): ${JSON.stringify(writes)}`);
      const [w] = covering;
      const kind = coveringKind(w);
      const issueMs = w.issued - at.at;
      const framesToIssue = frames.filter((t) => t <= w.issued).length;
      const storeMs = w.complete - w.issued;
      // The complete event is a task of the main thread: it waits for the frame under way when the
      // write lands, and a frame drawn first if that one ran long; so the two longest frames over
      // the write (start to start) are allowed on top (frames of 0.3-1 s at load 15-20 here).
      const all = [at.at, ...frames];
      const gaps = all.slice(1).map((t, i) => (t > w.issued && all[i] < w.complete ? t - all[i] : 0));
      const frameMs = gaps.sort((a, b) => b - a).slice(0, 2).reduce((a, b) => a + b, 0);
      // A record is the edit's own: written in the frame that makes the edit (the first frame after
      // an API call or a paste; a key waits one frame more behind a modifier, the page handling one
      // key change per frame). A change outside the history (a new text, applied in its paste event)
      // is saved by the snapshot instead: due kSnapshotDelayMs (100 ms) after the autosave's tick in
      // the first frame after the change, written in the first frame whose tick is past due or two
      // later (io/autosave_schedule.hpp: a busy frame leaves its step to the next, twice at most).
      // That tick ran before its frame ended: every frame beginning past that end and the delay
      // ticks past due, and the snapshot is written within three of them. (From the change itself
      // there is no margin: the frames between it and that tick, one or two long ones under load,
      // would count too.) A page that waited 1.5 s more would draw dozens meanwhile.
      const due = firstEnd + SNAPSHOT_DELAY_MS;
      const framesPastDue = frames.filter((t) => t >= due && t <= w.issued).length;
      lines.push(`${what}: ${kind} issued ${Math.round(issueMs)} ms / ${framesToIssue} frames after the edit ` +
        `(${kind === 'snapshot' ? `${framesPastDue} frames past its due time ${Math.round(due - at.at)} ms after the edit, ` : ''}${at.what}), ` +
        `stored ${Math.round(storeMs)} ms after its issue (its two longest frames ${Math.round(frameMs)} ms)`);
      if (kind === 'record') {
        assert.ok(framesToIssue <= RECORD_FRAMES, `${what}: the record is written in the edit's frame: ${lines.at(-1)}`);
      } else {
        assert.ok(framesPastDue <= SNAPSHOT_FRAMES_PAST_DUE, `${what}: the snapshot is written once due: ${lines.at(-1)}`);
      }
      assert.ok(w.complete !== null && !w.aborted, `${what}: the write completed: ${JSON.stringify(w)}`);
      assert.ok(storeMs <= STORE_MS + frameMs, `${what}: IndexedDB stored the write within ${STORE_MS} ms ` +
        `and two frames: ${lines.at(-1)}`);
    }
    console.log(`saved: ${lines.join('; ')}`);
    assert.deepEqual((await entities(page)).map((e) => e.text), ['Strasbourg']);
    await screenshot(page, 'durability-saved');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('a reload right after a change, without waiting for "saved", restores it', async () => {
    const { page, context } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    await waitSaved(page);
    await labelWord(page, cp(ARTICLE, 'Kraków') + 2, '3');
    const before = await current(page);
    assert.equal(before.entities.length, 1);
    await page.reload();  // at once: the change may still be waiting for the autosave
    await waitReady(page);
    assert.deepEqual(await current(page), before);
    // Closer still: the change and the reload in the same task, before any frame is drawn.
    await page.evaluate(() => {
      window.annotator.addEntity(0, 13, 'PER');
      location.reload();
    });
    await page.waitForFunction(() => window.annotatorReady !== undefined);
    await waitReady(page);
    assert.deepEqual(spans(await entities(page)).map((e) => e[3]), ['PER', 'LOC']);
    await context.close();
  });

  test('a tab closed right after a change: a new tab of the same profile has everything, undo history included', async () => {
    const { page, context } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    await api(page, () => window.annotator.addEntity(0, 13, 'PER'));
    await untilStored(page);
    // The last change and the close at once: the page writes it as it goes (pagehide).
    await labelWord(page, cp(ARTICLE, 'Macron') + 2, '1');
    const before = await current(page);
    await page.close();
    const { page: again, log } = await openTab(context, server.url);
    assert.deepEqual(await current(again), before);
    assert.equal(await api(again, () => window.annotator.undo()), true, 'the undo history came back');
    assert.equal((await entities(again)).length, 1);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('a browser killed with SIGKILL and restarted on its profile restores the last state', async () => {
    let before;
    await killAndRestart(server.url, async (page) => {
      await pasteText(page, ARTICLE);
      await api(page, () => window.annotator.addEntity(0, 13, 'PER'));
      await labelWord(page, cp(ARTICLE, 'Strasbourg') + 3, '3');
      await untilStored(page);
      before = await current(page);
      // Killed as soon as the status says saved: the write must already be on disk ('strict').
    }, async (page) => {
      // Chromium writes localStorage to the disk seconds after a change: killed this soon after the
      // first autosave, the profile may have lost the hint of it (early.js), and the page then loads
      // the autosave when its first open of the storage finds it, right after the first frame.
      await page.waitForFunction(() => window.annotator.statusMessage().startsWith('Restored your last session'), null,
        { timeout: 10000 });
      assert.deepEqual(await current(page), before);
      assert.match(await status(page), /^Restored your last session \(2 entities\)/);
      await settle(page);
      await screenshot(page, 'durability-after-kill');
    });
  });

  test('storage disabled: the failure says what to do, the page keeps working in memory', async () => {
    const { page, context, log } = await openPage(browser, server.url, {
      beforeLoad: (p) => p.addInitScript(() => {
        indexedDB.open = function () {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        };
      }),
    });
    await pasteText(page, ARTICLE);
    await untilFailed(page);
    assert.equal(await status(page),
      'Autosave failed: SecurityError: The operation is insecure. Your work is kept in this tab; download it (Ctrl+S).');
    await settle(page);
    const { png } = await screenshot(page, 'durability-storage-disabled');
    // The status bar (bottom strip) shows the message in red.
    const { width, height, channels, pixels } = decodePng(png);
    let red = 0;
    for (let y = height - 26; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * channels;
        if (pixels[i] > 150 && pixels[i + 1] < 90 && pixels[i + 2] < 90) red++;
      }
    }
    assert.ok(red > 100, `the status bar shows the error in red (${red} red pixels)`);

    // Editing goes on in memory: the mouse and the API, undo, export, and the Ctrl+S download.
    await labelWord(page, cp(ARTICLE, 'Strasbourg') + 3, '3');
    await api(page, () => window.annotator.addEntity(0, 13, 'PER'));
    assert.deepEqual((await entities(page)).map((e) => e.text), ['Angela Merkel', 'Strasbourg']);
    assert.equal(await saveState(page), 'failed');
    const exported = JSON.parse(await api(page, () => window.annotator.exportAs('native')));
    assert.equal(exported.text, ARTICLE);
    assert.equal(exported.entities.length, 2);
    const download = await catchDownload(page, () => page.keyboard.press('Control+s'));
    assert.deepEqual(JSON.parse(download.text).entities.map((e) => e.text).sort(), ['Angela Merkel', 'Strasbourg']);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('a storage that fails and comes back: no retry loop; saved again after a few seconds or the next change', async () => {
    const { page, context } = await openPage(browser, server.url, {
      beforeLoad: (p) => p.addInitScript(() => {
        const put = IDBObjectStore.prototype.put;
        window.__storageFull = true;
        window.__refused = [];  // when each refused put was made (performance.now())
        window.__written = [];  // and each one let through
        IDBObjectStore.prototype.put = function (...args) {
          if (window.__storageFull) {
            window.__refused.push(performance.now());
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          }
          window.__written.push(performance.now());
          return put.apply(this, args);
        };
      }),
    });
    await pasteText(page, ARTICLE);
    await untilFailed(page);
    assert.match(await status(page), /download it \(Ctrl\+S\)\.$/);
    // Not retried on every frame (each try serialises the whole session): over 10 frames drawn,
    // however long they take (0.4 s idle, 6 s at load 20 here), a write is tried again 5 s after
    // the last refused one, not sooner (4 s allows for where in its frame each try falls).
    const from = await page.evaluate(() => window.__refused.length);
    await frames(page, 10);
    const tries = await page.evaluate((n) => window.__refused.slice(n - 1), from);
    const gaps = tries.slice(1).map((t, i) => Math.round(t - tries[i]));
    assert.ok(gaps.every((ms) => ms >= 4000), `a failed write is not retried in a loop: tries ${gaps.join(', ')} ms apart`);
    // Storage back: retried within a few seconds without any change (no change: only the retry can
    // write), and at once after a change.
    await page.evaluate(() => { window.__storageFull = false; });
    await untilStored(page);
    await page.evaluate(() => { window.__storageFull = true; });
    await api(page, () => window.annotator.addEntity(0, 13, 'PER'));
    await untilFailed(page);
    await page.evaluate(() => { window.__storageFull = false; });
    await api(page, () => window.annotator.addEntity(18, 33, 'PER'));
    await untilStored(page);
    // Stored by the change's own write: written sooner after the last refused write than its retry (5 s).
    const since = await page.evaluate(() => {
      const refused = window.__refused.at(-1);
      return window.__written.find((t) => t > refused) - refused;
    });
    assert.ok(since < 5000, `written ${Math.round(since)} ms after the last refused write: at the change, not by the retry`);
    await context.close();
  });

  test('a bulk change is recovered after a reload from a recent version (API and menu)', async () => {
    const { page, context } = await openPage(browser, server.url);
    const fixture = readFileSync(join(ROOT, 'tests/fixtures/native/article.json'), 'utf8');
    await api(page, (f) => window.annotator.importFrom('native', f, 'article.json'), fixture);
    await untilStored(page);
    const imported = await current(page);
    assert.ok(imported.entities.length > 0);

    // 25 entities in one go: single letters, where no entity starts yet.
    await api(page, () => {
      const text = window.annotator.getText();
      const taken = new Set(window.annotator.entities().map((e) => e.start));
      const label = window.annotator.labels()[0].name;
      const words = [...text.matchAll(/\p{L}/gu)];
      let added = 0;
      for (const m of words) {
        const start = Array.from(text.slice(0, m.index)).length;
        if (taken.has(start) || added === 25) continue;
        window.annotator.addEntity(start, start + 1, label);
        added++;
      }
    });
    await untilStored(page);
    const bulk = await current(page);
    assert.equal(bulk.entities.length, imported.entities.length + 25);

    await page.reload();
    await waitReady(page);
    assert.deepEqual(await current(page), bulk);
    const versions = await api(page, () => window.annotator.versions());
    const mine = versions.filter((v) => v.entities === imported.entities.length);
    assert.equal(mine.length, 1, `a version holds the import: ${JSON.stringify(versions)}`);
    assert.match(mine[0].when, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);

    // Through the API: the import is back; the bulk state became a version of its own.
    await api(page, (k) => window.annotator.restoreVersion(k), mine[0].key);
    assert.deepEqual(await current(page), imported);
    assert.match(await status(page), /^Restored the version of \d{4}-\d\d-\d\d \d\d:\d\d$/);
    // A restore replaces the document and keeps the replaced state as a version (a storage copy).
    await untilStored(page);
    const after = await api(page, () => window.annotator.versions());
    assert.equal(after.length, versions.length + 1);
    assert.equal(after.at(-1).entities, bulk.entities.length, 'the state replaced is kept as a version');
    assert.equal(await api(page, () => {
      try {
        window.annotator.restoreVersion('no-such-key');
        return 'no error';
      } catch (e) {
        return e.message;
      }
    }), 'there is no version "no-such-key" (see annotator.versions())');

    // Through the menu with the real mouse: File > Recent versions > the newest (the bulk state) > Replace.
    await page.reload();
    await waitReady(page);
    await restoreNewestThroughMenu(page);
    await page.waitForFunction((n) => window.annotator.entities().length === n, bulk.entities.length, { timeout: 5000 });
    assert.deepEqual(await current(page), bulk);
    await untilStored(page);
    await context.close();
  });

  test('two tabs: the older pauses with a banner, nothing is overwritten, "Continue here" takes over', async () => {
    const { page: first, context } = await openPage(browser, server.url);
    await pasteText(first, ARTICLE);
    await api(first, () => window.annotator.addEntity(0, 13, 'PER'));
    await untilStored(first);
    const shared = await current(first);

    // A second tab on the same profile opens the same work; the first pauses.
    const { page: second, log } = await openTab(context, server.url);
    assert.deepEqual(await current(second), shared);
    await first.waitForFunction(() => window.annotator.saveState() === 'off', null, { timeout: 5000 });
    assert.equal(await status(first), 'Autosave paused: the annotator was opened in another tab');
    assert.equal(await saveState(second), 'saved');
    await front(first);
    await first.mouse.move(300, 400);
    await settle(first);
    const { png } = await screenshot(first, 'durability-two-tabs-paused');
    const button = continueButton(png);
    assert.ok(button, 'the paused banner shows its "Continue here" button');

    // The paused tab's edit stays in that tab: storage keeps what the second tab saved.
    await labelWord(first, cp(ARTICLE, 'Macron') + 2, '1');
    const firstOwn = await current(first);
    assert.equal(firstOwn.entities.length, 2);
    // An edit's records are written in its frame and the rest at once when the page is hidden
    // (pagehide): both asked for here, and the frames after, instead of waiting out the delays.
    await first.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    await frames(first, 3);
    assert.deepEqual(asStored(await storedDocument(first)), shared, 'the paused tab wrote nothing');
    assert.equal(await saveState(first), 'off');

    // The second tab's edits are saved.
    await front(second);
    await labelWord(second, cp(ARTICLE, 'Strasbourg') + 3, '3');
    await untilStored(second);
    const secondOwn = await current(second);

    // "Continue here" in the first tab (the real mouse): it loads the second tab's work, saves
    // again, and keeps its own paused edit as a recent version; the second tab pauses in turn.
    await front(first);
    await first.mouse.click(button.x, button.y);
    await first.waitForFunction(() => window.annotator.statusMessage().startsWith('This tab saves your work again'),
      null, { timeout: 5000 });
    assert.deepEqual(await current(first), secondOwn);
    assert.equal(await status(first), "This tab saves your work again (with the other tab's latest changes)");
    await second.waitForFunction(() => window.annotator.saveState() === 'off', null, { timeout: 5000 });
    await api(first, () => window.annotator.addEntity(14, 22, 'MISC'));
    await untilStored(first);
    const kept = (await api(first, () => window.annotator.versions())).at(-1);
    assert.equal(kept?.entities, firstOwn.entities.length, `the paused tab's state is a version: ${JSON.stringify(kept)}`);
    await api(first, (k) => window.annotator.restoreVersion(k), kept.key);
    assert.deepEqual(await current(first), firstOwn, 'the paused edit is recovered from its version');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  // Issue 11 item 1: a first visit has no database, and opening one creates it (its store, a commit to
  // the disk): the slowest step before the first frame. Without localStorage's hint of an autosave the
  // page draws its first frame without opening it; the App's first use of the storage, after that
  // frame, creates it. A returning user's start (the hint written with the autosave) reads it first.
  test('a first visit draws its first frame without opening the database; a returning user\'s work is in the first frame', async () => {
    const { page, context, log } = await openPage(browser, server.url, { beforeLoad: (p) => p.addInitScript(noteFirstFrame) });
    const first = await page.evaluate(() => window.__first.atReady);
    assert.deepEqual(first, { opened: false, entities: [] }, 'the first visit\'s first frame waited for no database');
    await api(page, (t) => {
      window.annotator.setText(t);
      window.annotator.addEntity(0, 13, 'PER');
    }, ARTICLE);
    await untilStored(page);
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await page.evaluate(() => window.__first.atReady), { opened: true, entities: ['Angela Merkel'] },
      'the returning user\'s first frame shows the saved work');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  // Issue 11 item 1: the first frame waits for IndexedDB only when localStorage's hint says an autosave
  // is stored (early.js). Held here: no IndexedDB call answers until the test releases it. A first
  // visit's first frame is out meanwhile; the page before the hint waited for its look at the database
  // (indexedDB.databases()) until its 3 s timeout ("no saved session could be read").
  test('a first visit draws its first frame while IndexedDB has not answered, and then saves', async () => {
    const warnings = [];
    const { page, context, log } = await openPage(browser, server.url, {
      beforeLoad: async (p) => {
        p.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
        await p.addInitScript(holdIndexedDB);
      },
    });
    assert.equal(await page.evaluate(() => window.__idb.answered), 0, 'IndexedDB answered nothing before the first frame');
    assert.deepEqual(warnings.filter((w) => w.includes('saved session')), [], 'the first frame did not wait for the storage');
    assert.equal(await page.evaluate(() => localStorage.getItem('article-annotator-saved')), null);
    await api(page, (t) => {
      window.annotator.setText(t);
      window.annotator.addEntity(0, 13, 'PER');
    }, ARTICLE);
    await page.evaluate(() => window.__idb.release());
    await untilStored(page);
    assert.equal(await page.evaluate(() => localStorage.getItem('article-annotator-saved')), '1',
      'the hint is written with the first autosave');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  // A user whose work was saved by the page before the hint (an autosave, no hint) starts empty without
  // waiting; the first open of the storage finds the autosave and, nothing being changed yet, the App
  // loads it: nothing lost, no pause. The hint is written then, and the next start shows the work in
  // its first frame. The page before the hint showed it in the first frame, having waited for it.
  test('an autosave stored without the hint (a page older than it) is loaded after the first frame, nothing lost', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await api(page, (t) => {
      window.annotator.setText(t);
      window.annotator.addEntity(0, 13, 'PER');
    }, ARTICLE);
    await untilStored(page);
    const saved = await current(page);
    await page.evaluate(() => localStorage.clear());  // as the page before the hint left its storage
    await page.addInitScript(noteFirstFrame);
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await page.evaluate(() => window.__first.atReady), { opened: false, entities: [] },
      'the first frame waited for no storage');
    await page.waitForFunction(() => window.annotator.entities().length === 1, null, { timeout: 10000 });
    assert.deepEqual(await current(page), saved);
    assert.equal(await status(page), 'Restored your last session (1 entity)');
    assert.notEqual(await saveState(page), 'off', 'this tab saves: it did not pause');
    assert.equal(await page.evaluate(() => localStorage.getItem('article-annotator-saved')), '1');
    await api(page, () => window.annotator.addEntity(18, 33, 'PER'));
    await untilStored(page);
    const both = await current(page);
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await page.evaluate(() => window.__first.atReady.entities), ['Angela Merkel', 'Emmanuel Macron'],
      'with the hint, the next first frame shows the work');
    assert.deepEqual(await current(page), both);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  // The hint is read before the first frame, the storage opened after it: another tab may save its work
  // in between (or the work is an older page's, without the hint), and this tab may be changed before its
  // first open answers (IndexedDB held until then). It must then pause before writing anything.
  test('a tab changed before its first open found another tab\'s autosave pauses; that autosave stays', async () => {
    const { page: other, context } = await openPage(browser, server.url);
    await api(other, (t) => {
      window.annotator.setText(t);
      window.annotator.addEntity(0, 13, 'PER');
    }, ARTICLE);
    await untilStored(other);
    const saved = await current(other);
    await other.close();
    const late = await context.newPage();
    await late.addInitScript(() => localStorage.clear());  // the other tab saved after this one read the hint
    await late.addInitScript(holdIndexedDB);
    await late.goto(server.url);
    await waitReady(late);
    assert.deepEqual(await current(late), { text: '', entities: [] });
    await api(late, () => {
      window.annotator.setText('Another article, typed in the tab that started empty.');
      window.annotator.addEntity(0, 7, 'MISC');
    });
    await late.evaluate(() => window.__idb.release());
    await late.waitForFunction(() => window.annotator.saveState() === 'off', null, { timeout: 10000 });
    // The pause, then the failure of the writes asked before the first open answered, says what happened.
    assert.equal(await status(late), 'Autosave failed: Another tab of this page saved its work in this browser ' +
      'meanwhile; this tab paused. Your work is kept in this tab; download it (Ctrl+S).');
    assert.equal((await current(late)).text, 'Another article, typed in the tab that started empty.');
    await late.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    await frames(late, 3);
    assert.deepEqual(asStored(await storedDocument(late)), saved, 'the other tab\'s work was not overwritten');
    await context.close();
  });
});

// Holds IndexedDB back (an init script): indexedDB.open and databases() are passed to the real
// IndexedDB only once the page calls window.__idb.release(); an open returns a stand-in request that
// forwards the real one's events and result. window.__idb.answered counts the answers seen.
function holdIndexedDB() {
  let release;
  const gate = new Promise((ok) => { release = ok; });
  const idb = { release: () => release(), answered: 0 };
  window.__idb = idb;
  const open = IDBFactory.prototype.open;
  const databases = IDBFactory.prototype.databases;
  IDBFactory.prototype.databases = function (...args) {
    return gate.then(() => databases.apply(this, args)).then((list) => { idb.answered++; return list; });
  };
  const kinds = ['upgradeneeded', 'success', 'error', 'blocked'];
  IDBFactory.prototype.open = function (...args) {
    const factory = this;
    const held = new EventTarget();
    const handlers = {};
    let real = null;
    for (const k of kinds) {
      Object.defineProperty(held, `on${k}`, { get: () => handlers[k] || null, set: (f) => { handlers[k] = f; } });
    }
    for (const p of ['result', 'error', 'transaction', 'readyState']) {
      Object.defineProperty(held, p, { get: () => (real ? real[p] : undefined) });
    }
    gate.then(() => {
      real = open.apply(factory, args);
      for (const k of kinds) {
        real.addEventListener(k, (e) => {
          idb.answered++;
          if (handlers[k]) handlers[k].call(held, e);
          held.dispatchEvent(new Event(k));
        });
      }
    });
    return held;
  };
}

// Notes, when the first interactive frame is out (annotatorReady resolves in the task that drew it),
// whether IndexedDB had opened the database by then, and the entities that frame showed.
function noteFirstFrame() {
  window.__first = { opened: false };
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) {
    const request = open.apply(this, args);
    request.addEventListener('success', () => { window.__first.opened = true; });
    return request;
  };
  let ready;
  Object.defineProperty(window, 'annotatorReady', {
    configurable: true,
    get() { return ready; },
    set(p) {
      ready = p;
      p.then((a) => {
        window.__first.atReady = { opened: window.__first.opened, entities: a.entities().map((e) => e.text) };
      }, () => {});
    },
  });
}

// ---- "Saved within a second", timed in the page (the first test) ----

// "Every edit is saved within 1 s" (issue 11 item 2) has two parts that the page's clock can time
// apart. The page issuing the write that holds the edit: the edit's journal record in the frame of
// the edit (counted in frames, however long frames take on a loaded machine), or, for a change the
// journal has no record for (a new text), the snapshot 100 ms after it (the snapshot that compacts
// the journal in idle time holds no edit not already in a record: not timed here). And IndexedDB
// storing it: the 'strict' transaction's complete event, 1 s at most after the issue, plus the two
// longest frames meanwhile (the event waits for the main thread). The old form of this test timed
// from the test's side, after the step's own waits, until a read of the store ended: it let a page
// whose snapshot waited 1.5 s pass (docs/performance.md, "Issue 11 audit").
const RECORD_FRAMES = 2;
const SNAPSHOT_DELAY_MS = 100;  // io/autosave_schedule.hpp kSnapshotDelayMs
const SNAPSHOT_FRAMES_PAST_DUE = 3;
const STORE_MS = 1000;

// Which part of the autosave a readwrite transaction puts (io/journal.hpp's keys): 'record' (the
// journal), 'snapshot', or null (the head alone, a recent version's copy).
function coveringKind(write) {
  if (write.keys.some((k) => k.startsWith('autosave-journal-'))) return 'record';
  if (write.keys.includes('autosave-snapshot')) return 'snapshot';
  return null;
}

// An init script (runs before the page's own): window.__durability keeps when each frame begins
// (the first animation-frame callback of a frame, or a test's annotator.renderFrame()), the last
// edit (a key other than a modifier, a paste, or mark() called with an API edit), and each
// readwrite transaction: when it was made (the write issued), the keys it puts, when it completed.
// frames[i]: when frame i began; ends[i]: when its last callback returned.
function recordSaves() {
  const frames = [];
  const ends = [];
  const writes = [];
  const d = { frames, ends, writes, edit: null, mark: (what) => { d.edit = { what, at: performance.now() }; } };
  window.__durability = d;
  const raf = window.requestAnimationFrame.bind(window);
  let lastStamp = null;
  window.requestAnimationFrame = (cb) => raf((stamp) => {
    if (stamp !== lastStamp) {
      lastStamp = stamp;
      frames.push(performance.now());
    }
    cb(stamp);
    ends[frames.length - 1] = performance.now();
  });
  let annotator;
  Object.defineProperty(window, 'annotator', {
    configurable: true,
    get: () => annotator,
    set: (a) => {
      annotator = Object.freeze({ ...a, renderFrame: () => {
        frames.push(performance.now());
        a.renderFrame();
        ends[frames.length - 1] = performance.now();
      } });
    },
  });
  addEventListener('keydown', (e) => {
    if (!['Control', 'Shift', 'Alt', 'Meta'].includes(e.key)) d.mark(`key ${e.key}`);
  }, true);
  addEventListener('paste', () => d.mark('paste'), true);
  const byTx = new WeakMap();
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = transaction.apply(this, args);
    if (args[1] === 'readwrite') {
      const w = { issued: performance.now(), keys: [], complete: null, aborted: false };
      writes.push(w);
      byTx.set(tx, w);
      tx.addEventListener('complete', () => { w.complete = performance.now(); });
      tx.addEventListener('abort', () => { w.aborted = true; });
    }
    return tx;
  };
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    byTx.get(this.transaction)?.keys.push(String(args[1]));
    return put.apply(this, args);
  };
}

// ---- Menus with the real mouse (ImGui draws them: found on screenshots) ----

// The centre of the paused banner's "Continue here" button: ImGui's button colour over the banner's
// yellow, (225, 225, 211) while not hovered.
function continueButton(png) {
  const { width, height, channels, pixels } = decodePng(png);
  let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
  for (let y = 20; y < Math.min(120, height); y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      if (Math.abs(pixels[i] - 225) <= 3 && Math.abs(pixels[i + 1] - 225) <= 3 && Math.abs(pixels[i + 2] - 211) <= 3) {
        x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
      }
    }
  }
  return x1 - x0 > 40 && y1 - y0 > 10 ? { x: (x0 + x1) / 2, y: (y0 + y1) / 2 } : null;
}

// The bounding box of the (nearly) white pixels within `area` (a modal over the dimmed page).
function whiteBox(png, area) {
  const { width, channels, pixels } = decodePng(png);
  let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
  for (let y = area.y0; y < area.y1; y++) {
    for (let x = area.x0; x < area.x1; x++) {
      const i = (y * width + x) * channels;
      if (pixels[i] >= 245 && pixels[i + 1] >= 245 && pixels[i + 2] >= 245) {
        x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

async function restoreNewestThroughMenu(page) {
  const viewport = page.viewportSize();
  const body = { x0: 0, x1: viewport.width, y0: 24, y1: viewport.height - 40 };
  await page.mouse.move(300, 400);
  const closed = await shot(page);
  await page.mouse.click(20, 11);  // "File"
  const fileOpen = await shot(page);
  const fileBox = diffBox(closed, fileOpen, body);
  assert.ok(fileBox, 'the File menu opened');
  const items = textLines(fileOpen, fileBox);
  // Paste article, Open file..., Recent versions, ... (the submenu's content below checks the row).
  assert.ok(items.length >= 3, `File menu items found: ${JSON.stringify(items)}`);
  const recent = items[2];
  await page.mouse.move(40, recent.y, { steps: 4 });
  const subOpen = await shot(page);
  const subBox = diffBox(fileOpen, subOpen, { ...body, x0: fileBox.x1 + 1 });
  assert.ok(subBox, 'the Recent versions submenu opened');
  const list = textLines(subOpen, subBox);
  const count = await api(page, () => window.annotator.versions().length);
  assert.equal(list.length, count, `Recent versions items: ${JSON.stringify(list)}`);
  const x = subBox.x0 + 30;
  await page.mouse.move(x, Math.max(recent.y, subBox.y0 + 4), { steps: 6 });
  await page.mouse.move(x, list[0].y, { steps: 6 });  // newest first
  await page.mouse.click(x, list[0].y);
  const modal = await shot(page);
  await screenshot(page, 'durability-restore-confirm');
  // The modal is the white box on the dimmed page.
  const modalBox = whiteBox(modal, { x0: 0, x1: viewport.width, y0: 30, y1: viewport.height - 30 });
  assert.ok(modalBox && modalBox.x1 - modalBox.x0 > 200, `the confirmation opened: ${JSON.stringify(modalBox)}`);
  // The buttons are the modal's last line; "Replace" is the first of them.
  const lines = textLines(modal, { ...modalBox, y0: Math.round((modalBox.y0 + modalBox.y1) / 2) });
  const buttons = lines.at(-1);
  await page.mouse.click(modalBox.x0 + 30, buttons.y);
  await settle(page);
}
