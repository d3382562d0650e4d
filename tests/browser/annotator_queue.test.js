// Issue 16 in Chromium with the real mouse and keys: the annotator name set in Edit > Your name...,
// stamped on the entities labelled after it, in the native download and the Label Studio export,
// read back by a re-import through the file picker and remembered after a reload; and Find across the
// queue, plain and with a regular expression: "All documents", the summary first, one undo step per
// document.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  catchDownload, clickWidgetNamed, cp, dragSelect, launchBrowser, openPage, pasteText, press, screenshot, settle,
  startServer,
} from './harness.js';

const ARTICLE = 'Angela Merkel met Emmanuel Macron in Paris.';
const api = (page, fn, arg) => page.evaluate(fn, arg);
const entities = (page) => api(page, () => window.annotator.entities());
const status = (page) => api(page, () => window.annotator.statusMessage());

async function setName(page, name) {
  await clickWidgetNamed(page, 'menu.edit');
  await clickWidgetNamed(page, 'menu.annotator');
  await settle(page);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await settle(page);
}

// Writes [name, text] files to the folder `work` and opens them together with Ctrl+O: a queue of them all.
async function openFiles(page, work, files) {
  const paths = files.map(([name, text]) => {
    const path = join(work, name);
    writeFileSync(path, text);
    return path;
  });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+o')]);
  await chooser.setFiles(paths);
  const opened = `Opened ${files.length} documents`;
  for (let i = 0; i < 20 && !(await status(page)).startsWith(opened); i++) await settle(page);
  assert.ok((await status(page)).startsWith(opened), await status(page));
}

describe('who annotated and find across the queue', () => {
  let server, browser, work;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    work = mkdtempSync(join(tmpdir(), 'aa-annotator-'));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('the name set in the page is on each entity labelled after it, in the exports, and back after a re-import', async () => {
    const { page, context } = await openPage(browser, server.url);
    await pasteText(page, ARTICLE);
    await setName(page, 'ana');
    assert.equal(await status(page), 'New entities and relations carry the name ana');
    const macron = cp(ARTICLE, 'Emmanuel Macron');
    await dragSelect(page, macron, macron + 15);
    await press(page, '1');
    let list = await entities(page);
    assert.equal(list.length, 1);
    assert.equal(list[0].annotator, 'ana');
    assert.match(list[0].created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

    const download = await catchDownload(page, () => page.keyboard.press('Control+s'));
    const native = JSON.parse(download.text);
    assert.equal(native.version, 2);
    assert.equal(native.entities[0].annotator, 'ana');
    assert.equal(native.entities[0].created, list[0].created);
    const ls = JSON.parse(await api(page, () => window.annotator.exportAs('label-studio')));
    assert.deepEqual(ls[0].annotations[0].result[0].meta, { annotator: 'ana', created: list[0].created });

    // Re-import the Label Studio export through the file picker (Ctrl+O): the stamp comes back.
    const file = join(work, 'exported.json');
    writeFileSync(file, JSON.stringify(ls));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+o')]);
    await chooser.setFiles(file);
    await settle(page);
    await settle(page);
    for (let i = 0; i < 20 && (await entities(page)).length !== 1; i++) await settle(page);  // a confirm may ask first
    if ((await status(page)).includes('Replace')) await page.keyboard.press('Enter');
    await settle(page);
    list = await entities(page);
    assert.equal(list.length, 1);
    assert.equal(list[0].annotator, 'ana');
    await screenshot(page, 'annotator-name');

    // Reloaded: the name is remembered with the view, and stamps the next entity.
    await page.reload();
    await page.evaluate(() => window.annotatorReady);
    await settle(page);
    const paris = cp(ARTICLE, 'Paris');
    await dragSelect(page, paris, paris + 5);
    await press(page, '3');
    list = await entities(page);
    assert.equal(list.find((e) => e.start === paris).annotator, 'ana');
    await context.close();
  });

  test('Find in all documents of the queue: the summary first, then one undo step per document', async () => {
    const { page, context } = await openPage(browser, server.url);
    await openFiles(page, work, [
      ['one.txt', 'Angela Merkel visited Paris. Merkel spoke.'],
      ['two.txt', 'Emmanuel Macron met Merkel in Berlin.'],
      ['three.txt', 'Olaf Scholz spoke in Rome.'],
    ]);

    await press(page, 'Control+f');
    await page.keyboard.type('Merkel');
    await settle(page);
    await clickWidgetNamed(page, 'find.alldocs');
    await screenshot(page, 'find-all-documents');
    await press(page, 'Alt+Enter');
    await settle(page);
    assert.deepEqual(await entities(page), []);  // asked first
    await clickWidgetNamed(page, 'find.queue.label');
    assert.equal(await status(page), 'Labelled 3 hits in 2 documents as PER (one undo step in each document)');
    assert.equal((await entities(page)).length, 2);

    await press(page, 'Escape');
    await press(page, 'Alt+PageDown');
    let list = await entities(page);
    assert.deepEqual(list.map((e) => [e.text, e.label]), [['Merkel', 'PER']]);
    await press(page, 'Control+z');
    assert.deepEqual(await entities(page), []);
    await press(page, 'Alt+PageUp');
    assert.equal((await entities(page)).length, 2);  // the first document keeps its own step
    await context.close();
  });

  test('Find in all documents with a regular expression: searched in every document, asked, one step each', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await openFiles(page, work, [
      ['r-one.txt', 'Angela Merkel visited Paris. Merkel spoke.'],
      ['r-two.txt', 'Emmanuel Macron met Merkel in Berlin.'],
      ['r-three.txt', 'Olaf Scholz spoke in Rome.'],
      ['r-four.txt', 'Nobody here.'],
    ]);

    await press(page, 'Control+f');
    await press(page, 'Alt+r');  // a regular expression (the browser's RegExp, in the worker)
    await page.keyboard.type('\\bM\\w+l\\b|Sch\\w+');
    await settle(page);
    await clickWidgetNamed(page, 'find.alldocs');
    await screenshot(page, 'find-all-documents-regex');
    await press(page, 'Alt+Enter');
    // Alt+Enter waits for every document's search, then asks with the summary: nothing labelled yet.
    await page.waitForFunction(() => window.annotator.widgetRect('find.queue.label'), null, { timeout: 15000, polling: 'raf' });
    assert.deepEqual(await entities(page), []);
    await screenshot(page, 'find-all-documents-regex-summary');
    await clickWidgetNamed(page, 'find.queue.label');
    assert.equal(await status(page), 'Labelled 4 hits in 3 documents as PER (one undo step in each document)');
    assert.deepEqual((await entities(page)).map((e) => e.text), ['Merkel', 'Merkel']);

    await press(page, 'Escape');
    await press(page, 'Control+z');  // the first document's one step takes both
    assert.deepEqual(await entities(page), []);
    await press(page, 'Alt+PageDown');
    assert.deepEqual((await entities(page)).map((e) => [e.text, e.label]), [['Merkel', 'PER']]);
    await press(page, 'Alt+PageDown');
    assert.deepEqual((await entities(page)).map((e) => [e.text, e.label]), [['Scholz', 'PER']]);
    await press(page, 'Control+z');
    assert.deepEqual(await entities(page), []);
    await press(page, 'Alt+PageDown');
    assert.deepEqual(await entities(page), []);  // no hit there
    await press(page, 'Alt+PageUp');
    await press(page, 'Alt+PageUp');
    assert.equal((await entities(page)).length, 1);  // the second document keeps its own step
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });
});
