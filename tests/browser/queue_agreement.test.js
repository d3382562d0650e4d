// The document queue and the agreement view in the real page: several .txt files chosen at once
// with Ctrl+O and dropped together, the Documents tab clicked with the real mouse, next/previous
// and done by key, Export all (native JSONL), a reload restoring the queue; File > Compare with a
// second annotator's file, the differences drawn, sides chosen by key and mouse, the curated version.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  catchDownload, clickWidgetNamed, COMPARE_B, COMPARE_TEXT, compareAWithB, compareWithFile, decodePng, inkCount, openPage,
  press, screenshot, serverAndBrowser, settle, storedRaw, waitReady, waitSaved,
} from './harness.js';

const TEXTS = [
  'Angela Merkel visited Paris on Monday.',
  'Emmanuel Macron met her in Berlin.',
  'Olaf Scholz spoke in Rome about trade.',
];

// Until the queue index in storage satisfies `ok` (10 s at the most; storage is read, not waited on
// for a fixed time). Throws with the last index seen.
async function untilQueueStored(page, ok) {
  let last;
  for (const end = Date.now() + 10000; Date.now() < end;) {
    const raw = (await storedRaw(page)).queue;
    last = raw;
    if (raw && ok(JSON.parse(raw))) return;
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
  throw new Error(`the queue index was not stored as expected: ${last}`);
}

describe('the document queue', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('three .txt files chosen at once: a queue, keys and mouse, export all, reload restores it', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+o')]);
    await chooser.setFiles(TEXTS.map((t, i) => ({ name: `doc${i + 1}.txt`, mimeType: 'text/plain', buffer: Buffer.from(t) })));
    await page.waitForFunction((t) => window.annotator.getText() === t, TEXTS[0]);
    await settle(page);
    assert.equal(await page.evaluate(() => window.annotator.statusMessage()), 'Opened 3 documents with 0 entities (Alt+PageDown: next)');

    // Annotate the first, mark it done with Alt+M, go to the next with Alt+PageDown.
    await page.evaluate(() => window.annotator.addEntity(0, 13, 'PER'));
    await press(page, 'Alt+m');
    await press(page, 'Alt+PageDown');
    assert.equal(await page.evaluate(() => window.annotator.getText()), TEXTS[1]);
    await page.evaluate(() => window.annotator.addEntity(27, 33, 'LOC'));
    await press(page, 'Alt+ArrowRight');  // the browser does not go forward: the queue does
    assert.equal(await page.evaluate(() => window.annotator.getText()), TEXTS[2]);
    assert.equal(page.url(), server.url);
    // The mouse: the first row of the Documents tab opens the first document.
    await clickWidgetNamed(page, 'queue.row.0');
    assert.equal(await page.evaluate(() => window.annotator.getText()), TEXTS[0]);
    assert.equal((await page.evaluate(() => window.annotator.entities())).length, 1);
    await screenshot(page, 'queue-documents-tab');

    // Export all: one native document per line.
    const file = await catchDownload(page, () => clickWidgetNamed(page, 'queue.export'));
    assert.equal(file.name, 'documents.jsonl');
    const lines = file.text.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((d) => d.text), TEXTS);
    assert.deepEqual(lines.map((d) => d.entities.length), [1, 1, 0]);

    // Reload: the queue, each document's entities, statuses and the position come back.
    await waitSaved(page);
    // The queue index is written within 250 ms of a change: wait until storage holds this state of
    // it (the first document open and done, one entity in each of the first two).
    await untilQueueStored(page, (q) => q.current === 0 && q.docs.map((d) => `${d.status}:${d.entities}`).join()
      === 'done:1,in-progress:1,todo:0');
    await page.reload();
    await waitReady(page);
    await settle(page);
    assert.equal(await page.evaluate(() => window.annotator.getText()), TEXTS[0]);
    // The queue's index is read from storage after the open document (asynchronously): wait until
    // the Documents tab shows it before moving on (a loaded machine can take a few frames).
    await page.waitForFunction(() => (window.annotator.renderFrame(), window.annotator.widgetRect('queue.status.0')),
      null, { timeout: 10000 });
    await press(page, 'Alt+PageDown');
    assert.equal(await page.evaluate(() => window.annotator.getText()), TEXTS[1]);
    assert.equal((await page.evaluate(() => window.annotator.entities())).map((e) => e.label).join(), 'LOC');
    assert.ok(await page.evaluate(() => window.annotator.widgetRect('queue.status.0')), 'the Documents tab is drawn');
    await screenshot(page, 'queue-after-reload');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('files dropped together become a queue too', async () => {
    const { page, context } = await openPage(browser, server.url);
    await page.evaluate((texts) => {
      const data = new DataTransfer();
      texts.forEach((t, i) => data.items.add(new File([t], `d${i}.txt`, { type: 'text/plain' })));
      document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, TEXTS.slice(0, 2));
    await page.waitForFunction((t) => window.annotator.getText() === t, TEXTS[0]);
    await settle(page);
    await clickWidgetNamed(page, 'queue.next');
    assert.equal(await page.evaluate(() => window.annotator.getText()), TEXTS[1]);
    await context.close();
  });
});

describe('agreement with another annotator', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('File > Compare: differences drawn and listed, sides chosen by key and mouse, curated version', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    // File > Compare with another annotator's file... with the mouse.
    await compareAWithB(page);
    assert.equal(await page.evaluate(() => window.annotator.statusMessage()), 'Compared with bob.json: 4 differences');

    // The missing "Paris" (22-27) is outlined in red.
    const paris = await page.evaluate(() => window.annotator.caretRect(24));
    const shot = await screenshot(page, 'agreement-view');
    const img = decodePng(shot.png);
    let red = 0;
    for (let y = Math.floor(paris.y - 8); y < paris.y + paris.height + 8; y++) {
      for (let x = Math.floor(paris.x - 40); x < paris.x + 40; x++) {
        const i = (y * img.width + x) * img.channels;
        if (img.pixels[i] > 180 && img.pixels[i + 1] < 90 && img.pixels[i + 2] < 90) red++;
      }
    }
    assert.ok(red > 20, `the missing entity has a red outline (${red} red pixels)`);
    assert.ok(inkCount(shot.png, { x: 930, y: 60, width: 340, height: 200 }) > 500, 'the Agreement tab shows scores');

    // Keys: ] to the second difference (Macron), B takes ORG; the mouse: neither for the first.
    await press(page, ']');
    await press(page, ']');
    await press(page, 'b');
    await clickWidgetNamed(page, 'agree.n.0');
    // No side is taken by default: the two others are undecided, and building says so.
    await clickWidgetNamed(page, 'agree.curate');
    assert.equal((await page.evaluate(() => window.annotator.entities())).length, 4);
    assert.match(await page.evaluate(() => window.annotator.statusMessage()), /^2 differences have no side chosen yet/);
    await clickWidgetNamed(page, 'agree.all.A');
    await clickWidgetNamed(page, 'agree.curate');
    const ents = await page.evaluate(() => window.annotator.entities());
    assert.deepEqual(ents.map((e) => `${e.start}-${e.end} ${e.label}`), ['0-13 PER', '29-44 ORG', '60-73 LOC']);
    await press(page, 'Control+z');  // one undo step
    assert.equal((await page.evaluate(() => window.annotator.entities())).length, 4);
    await screenshot(page, 'agreement-after-undo');

    // Another text is refused with the offset.
    await compareWithFile(page, 'eve.json', { ...COMPARE_B, text: COMPARE_TEXT.replace('visited', 'visites'), entities: [] });
    await page.waitForFunction(() => window.annotator.statusMessage().startsWith('eve.json'));
    assert.equal(await page.evaluate(() => window.annotator.statusMessage()), 'eve.json: the texts differ at code point 20');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });
});
