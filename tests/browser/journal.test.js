// The autosave journal in the browser (issue 11, item 2): an edit appends one small record to
// IndexedDB in its own frame while the snapshot and the text stay as written; a reload replays
// the journal; a browser killed in the middle of a burst of edits comes back to a prefix of them
// with everything saved before intact; a torn record is dropped with a message; the journal is
// compacted into a snapshot while edits go on; an autosave of the layout before the journal (one
// "session" key, written by the previous version of the page) is restored and upgraded, and a
// recent version that page kept (a whole session under its own key) still restores; a big
// document's text and snapshot are stored as Blobs, which a reload, a recent version and a browser
// killed right after their put all read back whole, and the same values as strings still load.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  cp, killAndRestart, labelWord, openPage, pasteText, press, ROOT, screenshot, serverAndBrowser, settle,
  storedRaw, storedState, storeRaw, waitReady, waitSaved,
} from './harness.js';

const ARTICLE = 'Angela Merkel met Emmanuel Macron in Strasbourg on Monday.\n\n' +
  'Ελένη Παπαδοπούλου of the UN said the talks in Kraków would go on — “a new chapter”.';

// An autosave without localStorage's hint of it (early.js: stored by a page older than the hint, or the
// hint lost with a killed browser) is not read before the first frame: the page's first open of the
// storage finds it and the App loads it (App::on_saved_found). Either way, wait for it.
async function restoredAfterFirstFrame(page) {
  await page.waitForFunction(() => window.annotator.statusMessage().startsWith('Restored your last session'), null,
    { timeout: 10000 });
}

const api = (page, fn, arg) => page.evaluate(fn, arg);
const spans = (list) => list.map((e) => [e.start, e.end, e.label]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
const current = async (page) => ({
  text: await api(page, () => window.annotator.getText()),
  entities: spans(await api(page, () => window.annotator.entities())),
});
const status = (page) => api(page, () => window.annotator.statusMessage());
const journalKeys = (raw) => Object.keys(raw).filter((k) => k.startsWith('autosave-journal-')).sort();

// A native document of `n` lines "<word><i> met Person<i> in Strasbourg on Monday.", each <word><i>
// an entity: from 2,000 lines its text and its snapshot are past 64 KB, stored as Blobs (pre.js).
function bigDocument(word, n) {
  const lines = [], entities = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const line = `${word}${i} met Person${i} in Strasbourg on Monday.`;
    entities.push({ id: `e${i}`, start: at, end: at + `${word}${i}`.length, label: 'LOC', text: `${word}${i}` });
    lines.push(line);
    at += line.length + 1;
  }
  const text = lines.join('\n');
  const doc = JSON.stringify({ format: 'article-annotator', version: 1, offsets: 'codepoint', text, entities });
  return { doc, text, entities, spans: spans(entities) };
}

// Waits until the state is "saved" and what a reload would restore (read back through the page's
// own start-up code) holds `n` entities; 30 s at most.
async function untilStored(page, n) {
  assert.equal(await api(page, async (n) => {
    const t0 = performance.now();
    for (;;) {
      const stored = await window.annotator.storedDocument();
      const got = stored?.document?.entities?.length;
      if (window.annotator.saveState() === 'saved' && got === n) return n;
      if (performance.now() - t0 > 30000) return `not stored in 30 s: ${window.annotator.saveState()}, ${got} entities`;
      await new Promise((ok) => setTimeout(ok, 20));
    }
  }, n), n);
}

describe('journal', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('an edit appends one small record in its frame; the snapshot and the text are written once; a reload replays', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    await waitSaved(page);
    const first = await storedRaw(page);
    const textKeys = Object.keys(first).filter((k) => k.startsWith('text-'));
    assert.equal(textKeys.length, 1);
    assert.equal(first[textKeys[0]], ARTICLE, 'the text is stored once, under its own key');
    assert.equal(JSON.parse(first['autosave-snapshot']).document.text, '', 'the snapshot holds no text');
    assert.deepEqual(journalKeys(first), []);
    assert.equal(first.session, undefined, 'no layout-1 session is written');

    await labelWord(page, cp(ARTICLE, 'Strasbourg') + 3, '3');
    await api(page, () => window.annotator.addEntity(0, 13, 'PER'));
    await press(page, 'Control+z');
    await waitSaved(page);
    const after = await storedRaw(page);
    assert.equal(after['autosave-snapshot'], first['autosave-snapshot'], 'the snapshot was not rewritten');
    assert.equal(after[textKeys[0]], ARTICLE);
    const records = journalKeys(after).map((k) => JSON.parse(after[k]));
    assert.deepEqual(records.map((r) => [r.seq, r.t]), [[1, 'do'], [2, 'do'], [3, 'undo']]);
    for (const k of journalKeys(after)) assert.ok(after[k].length < 400, `${k} is the size of an edit: ${after[k].length} bytes`);
    const stored = await storedState(page);
    assert.equal(stored.replayed, 3);
    assert.equal(stored.dropped, 0);

    const before = await current(page);
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await current(page), before);
    assert.equal(await status(page), 'Restored your last session (1 entity)');
    assert.equal(await api(page, () => window.annotator.redo()), true, 'the replayed history redoes');
    assert.equal((await api(page, () => window.annotator.entities())).length, 2);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('a browser killed in the middle of a burst of edits restores a prefix of the burst: saved edits stay, only the edits in flight are lost', async () => {
    let plan, killedAt;
    await killAndRestart(server.url, async (page, kill) => {
      await pasteText(page, ARTICLE);
      await api(page, () => window.annotator.addEntity(0, 13, 'PER'));
      await waitSaved(page);
      // The burst: one entity per letter of the second paragraph, each edit drawn in its own frame
      // (the record is written in that frame), 40 ms apart. The page logs what it has done and
      // what storage has confirmed; the test kills the browser while the burst goes on, 20 edits
      // after storage confirmed the first 10.
      const seen = { issued: 0, saved: 0 };
      page.on('console', (m) => {
        const t = m.text().match(/^burst (\d+) (\d+)$/);
        if (t) {
          seen.issued = Math.max(seen.issued, +t[1]);
          seen.saved = Math.max(seen.saved, +t[2]);
        }
      });
      plan = await api(page, () => {
        const text = window.annotator.getText();
        const from = Array.from(text.slice(0, text.indexOf('\n\n'))).length + 2;
        const letters = [];
        Array.from(text).forEach((c, i) => { if (i >= from && /\p{L}/u.test(c)) letters.push(i); });
        let n = 0, saved = 0;
        // 'saved': every write issued so far is on disk, so the first n edits are.
        setInterval(() => { if (window.annotator.saveState() === 'saved') saved = n; }, 1);
        const step = () => {
          if (n === letters.length) return;
          // Once, after 10 edits, the burst waits for storage to confirm them: the kill then falls
          // after a confirmed part of the burst however slow this machine's IndexedDB is (on one,
          // writes 40 ms apart were never all confirmed before the next began: "0 confirmed").
          if (n === 10 && saved < 10) {
            setTimeout(step, 1);
            return;
          }
          window.annotator.addEntity(letters[n], letters[n] + 1, 'MISC');
          window.annotator.renderFrame();
          n++;
          console.log(`burst ${n} ${saved}`);
          setTimeout(step, 40);
        };
        step();
        return letters;
      });
      while (seen.issued < 30) await sleep(5);
      await kill();
      killedAt = { ...seen };
    }, async (page) => {
      // Killed seconds after the first autosave, the profile may have lost localStorage's hint of it
      // (Chromium writes localStorage lazily): the page then loads it right after its first frame.
      await restoredAfterFirstFrame(page);
      const got = await current(page);
      assert.equal(got.text, ARTICLE);
      const burst = got.entities.filter((e) => e[2] === 'MISC');
      const k = burst.length;
      // A prefix of the burst, each edit whole: never a later edit without an earlier one.
      assert.deepEqual(burst, plan.slice(0, k).map((i) => [i, i + 1, 'MISC']));
      assert.deepEqual(got.entities.filter((e) => e[2] !== 'MISC'), [[0, 13, 'PER']], 'what was saved before is intact');
      // The kill fell inside the burst, after storage had confirmed some of it: otherwise the
      // checks above would hold for a page that saved nothing of the burst.
      assert.ok(killedAt.saved >= 1 && killedAt.issued < plan.length,
        `killed in the middle of the burst: ${killedAt.saved} confirmed, ${killedAt.issued} of ${plan.length} issued`);
      assert.ok(k >= killedAt.saved, `every edit confirmed saved survived: ${k} restored, ${killedAt.saved} confirmed`);
      console.log(`killed after ${killedAt.issued} edits issued (${killedAt.saved} confirmed saved): ` +
        `${k} restored, ${Math.max(0, killedAt.issued - k)} lost`);
      assert.match(await status(page), /^Restored your last session \(\d+ entities\)$/);
      await waitSaved(page);
    });
  });

  test('a torn journal record: the reload restores everything before it and says what was dropped', async () => {
    const { page, context } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    await api(page, () => window.annotator.addEntity(0, 13, 'PER'));
    await api(page, () => window.annotator.addEntity(18, 33, 'PER'));
    await labelWord(page, cp(ARTICLE, 'Strasbourg') + 3, '3');
    await waitSaved(page);
    const raw = await storedRaw(page);
    const keys = journalKeys(raw);
    assert.equal(keys.length, 3);
    const last = keys.at(-1);
    await storeRaw(page, { [last]: raw[last].slice(0, Math.floor(raw[last].length / 2)) });  // torn in the middle
    await page.reload();
    await waitReady(page);
    assert.deepEqual((await current(page)).entities, [[0, 13, 'PER'], [18, 33, 'PER']]);
    assert.match(await status(page),
      /^Restored your last session; the last change could not be read and was dropped \(record 3: .+\)$/);
    await settle(page);
    await screenshot(page, 'journal-torn-record');
    // Saved again at once, as a snapshot: the bad record is gone and a reload is clean.
    await waitSaved(page);
    assert.deepEqual(journalKeys(await storedRaw(page)), []);
    await page.reload();
    await waitReady(page);
    assert.equal(await status(page), 'Restored your last session (2 entities)');
    await context.close();
  });

  test('the journal is compacted into a snapshot while edits go on; nothing is lost', async () => {
    const { page, context } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    await waitSaved(page);
    const snapshot = (await storedRaw(page))['autosave-snapshot'];
    // 4,200 records in one frame: past the journal's limit, so the next frame writes a snapshot...
    await api(page, () => {
      for (let i = 0; i < 2100; i++) {
        window.annotator.addEntity(0, 13, 'PER');
        window.annotator.undo();
      }
      window.annotator.renderFrame();
    });
    // ...while edits go on, one every 30 ms.
    await api(page, () => new Promise((done) => {
      let n = 0;
      const letters = [18, 19, 20, 21, 22, 23, 24, 25];
      const step = () => {
        if (n === letters.length) return done();
        window.annotator.addEntity(letters[n], letters[n] + 1, 'MISC');
        window.annotator.renderFrame();
        n++;
        setTimeout(step, 30);
      };
      step();
    }));
    await waitSaved(page);
    // The records keep every edit saved; the compaction steps in frames without an edit and, begun
    // again too often by the edits, waits for an idle second: wait for that state (10 s at most).
    let raw = await storedRaw(page);
    for (let i = 0; i < 100 && journalKeys(raw).length > 8; i++) {
      await page.waitForTimeout(100);
      raw = await storedRaw(page);
    }
    assert.notEqual(raw['autosave-snapshot'], snapshot, 'a new snapshot was written');
    assert.ok(journalKeys(raw).length <= 8, `the journal was compacted: ${journalKeys(raw).length} records left`);
    const before = await current(page);
    assert.equal(before.entities.length, 8);
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await current(page), before);
    assert.equal(await api(page, () => window.annotator.undo()), true);
    await context.close();
  });

  test('an autosave of the page before the journal (one "session" key) is restored, then upgraded in one step', async () => {
    const legacy = readFileSync(join(ROOT, 'tests/fixtures/session/layout1.json'), 'utf8');
    const { page, context, log } = await openPage(browser, server.url);
    await storeRaw(page, { session: legacy });  // as the previous version of the page left it
    await page.evaluate(() => localStorage.clear());  // which wrote no hint of it (early.js)
    await page.reload();
    await waitReady(page);
    await restoredAfterFirstFrame(page);
    const old = JSON.parse(legacy);
    assert.deepEqual(await current(page), { text: old.document.text, entities: spans(old.document.entities) });
    assert.equal(await status(page), 'Restored your last session (2 entities)');
    await waitSaved(page);
    const raw = await storedRaw(page);
    assert.equal(raw.session, undefined, 'the layout-1 key is gone once the journal holds the same state');
    assert.ok(raw['autosave-head'] && raw['autosave-snapshot']);
    assert.equal(raw[JSON.parse(raw['autosave-head']).text], old.document.text);
    // The history came along: the session's redo (an entity undone before the upgrade) still redoes.
    assert.equal(await api(page, () => window.annotator.redo()), true);
    assert.equal((await api(page, () => window.annotator.entities())).length, 3);
    await waitSaved(page);
    await page.reload();
    await waitReady(page);
    assert.equal((await api(page, () => window.annotator.entities())).length, 3);
    assert.equal(await api(page, () => window.annotator.undo()), true);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('a recent version kept by the page before the journal (a whole session, no text key) is listed and restores after the upgrade', async () => {
    const legacy = readFileSync(join(ROOT, 'tests/fixtures/session/layout1.json'), 'utf8');
    // The earlier state that page kept as a version: the same article with its first entity only,
    // stored as it stored versions (the session with its text under "version-<n>-<when>", the index
    // entries with key, when, title and entities only).
    const older = JSON.parse(legacy);
    older.document.entities = older.document.entities.slice(0, 1);
    older.undo = older.undo.slice(0, 1);
    older.redo = [];
    const key = 'version-7-2026-11-30 09:20';
    const index = [{ entities: 1, key, title: 'Angela Merkel met Emmanuel Macron in Strasbourg on Monday.', when: '2026-11-30 09:20' }];
    const { page, context, log } = await openPage(browser, server.url);
    await storeRaw(page, { session: legacy, versions: JSON.stringify(index), [key]: JSON.stringify(older) });
    await page.evaluate(() => localStorage.clear());  // that page wrote no hint of it (early.js)
    await page.reload();
    await waitReady(page);
    await restoredAfterFirstFrame(page);
    assert.equal((await current(page)).entities.length, 2, 'the session itself is restored');
    await waitSaved(page);  // upgraded: the journal's keys written, "session" gone
    const raw = await storedRaw(page);
    assert.equal(raw.session, undefined);
    assert.equal(raw[key], JSON.stringify(older), 'the old version is kept as it was');
    const versions = await api(page, () => window.annotator.versions());
    assert.deepEqual(versions.filter((v) => v.key === key), [{ key, when: index[0].when, title: index[0].title, entities: 1 }]);

    await api(page, (k) => window.annotator.restoreVersion(k), key);
    assert.deepEqual(await current(page), { text: older.document.text, entities: spans(older.document.entities) });
    assert.equal(await status(page), `Restored the version of ${index[0].when}`);
    // The restored version is the document now: saved through the journal, and a reload gives it back.
    await waitSaved(page);
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await current(page), { text: older.document.text, entities: spans(older.document.entities) });
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('a big document\'s text and snapshot are stored as Blobs; a reload, a recent version and an older page\'s strings all restore', async () => {
    // 3,000 lines and entities: the text (~150 KB) and the snapshot (~190 KB) past 64 KB, from which
    // a staged value is stored as a Blob (pre.js BLOB_MIN_BYTES): IndexedDB's put clones a handle,
    // not the bytes in one long task (181.8 ms of samples for the 10 MB import's at load 19).
    const { doc, entities } = bigDocument('Town', 3000);
    const { page, context, log } = await openPage(browser, server.url);
    await api(page, (d) => window.annotator.importFrom('native', d, 'big.json'), doc);
    const imported = await current(page);
    assert.equal(imported.entities.length, 3000);
    // What a reload would restore holds the import (read back through the page's own start-up code).
    await untilStored(page, 3000);
    const kinds = await storedRaw(page, { kinds: true });
    const head = JSON.parse((await storedRaw(page))['autosave-head']);
    assert.deepEqual([kinds['autosave-head'], kinds['autosave-snapshot'], kinds[head.text]], ['string', 'Blob', 'Blob'],
      'the head is a string; the text and the snapshot are Blobs');

    // A reload reads the Blobs before its first frame (early.js).
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await current(page), imported);
    assert.equal((await storedRaw(page, { kinds: true }))['autosave-snapshot'], 'Blob');

    // A bulk change keeps the state before it as a recent version, a copy of the stored Blobs made by
    // the storage (pre.js copySaved); restoring it reads them back.
    await api(page, (spans) => spans.forEach(([s, e]) => window.annotator.addEntity(s, e, 'LOC')),
      entities.slice(0, 25).map((t, i) => [t.end + 5, t.end + 5 + `Person${i}`.length]));  // "Town<i> met Person<i>"
    await untilStored(page, 3025);
    const versions = await api(page, () => window.annotator.versions());
    const mine = versions.filter((v) => v.entities === 3000);
    assert.equal(mine.length, 1, `a version holds the import: ${JSON.stringify(versions)}`);
    const copies = await storedRaw(page, { kinds: true });
    assert.ok(Object.entries(copies).some(([k, v]) => k.endsWith('autosave-snapshot') && k !== 'autosave-snapshot' && v === 'Blob'),
      `the version's snapshot is a copy of the Blob: ${JSON.stringify(copies)}`);
    await api(page, (k) => window.annotator.restoreVersion(k), mine[0].key);
    assert.deepEqual(await current(page), imported);
    await untilStored(page, 3000);

    // The same autosave as a page before the Blobs stored it (strings): still restored.
    const raw = await storedRaw(page);
    const textKey = JSON.parse(raw['autosave-head']).text;
    await storeRaw(page, { 'autosave-snapshot': raw['autosave-snapshot'], [textKey]: raw[textKey] });
    const strings = await storedRaw(page, { kinds: true });
    assert.deepEqual([strings['autosave-snapshot'], strings[textKey]], ['string', 'string']);
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await current(page), imported);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('a browser killed right after a big snapshot\'s Blobs were put restores the state before or after it, whole', async () => {
    const a = bigDocument('Town', 3000), b = bigDocument('Village', 2000);
    let put;
    await killAndRestart(server.url, async (page, kill) => {
      await api(page, (d) => window.annotator.importFrom('native', d, 'a.json'), a.doc);
      await untilStored(page, 3000);
      // Each put of the snapshot is logged with the type of its value; the kill follows B's at once,
      // while the browser writes the Blobs and commits the transaction.
      await api(page, () => {
        const put = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function (value, key) {
          const request = put.call(this, value, key);
          if (key === 'autosave-snapshot') console.log(`put ${value?.constructor?.name}`);
          return request;
        };
      });
      const seen = new Promise((ok) => page.on('console', (m) => { if (m.text().startsWith('put ')) ok(m.text()); }));
      await api(page, (d) => window.annotator.importFrom('native', d, 'b.json'), b.doc);
      put = await seen;
      await kill();
    }, async (page) => {
      await restoredAfterFirstFrame(page);
      const got = await current(page);
      const which = got.text === a.text ? 'A' : got.text === b.text ? 'B' : 'neither';
      console.log(`killed after the snapshot's put (${put}): restored ${which}, ${got.entities.length} entities`);
      assert.equal(put, 'put Blob', 'the snapshot was put as a Blob');
      assert.ok(which !== 'neither', `the text is A's or B's whole (${got.text.length} characters)`);
      assert.deepEqual(got.entities, (which === 'A' ? a : b).spans, 'the entities are those of the same state');
      assert.match(await status(page), /^Restored your last session \([\d,]+ entities\)$/);
    });
  });
});
