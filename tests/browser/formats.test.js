// Parity of the three entry points to the format registry: for every writable format the page's
// exportAs, its File > Export as menu (the real mouse) and the native CLI (`annotator convert`)
// give the same bytes; importFrom, the file picker and a drop read back the same entities as the
// CLI; a lossy target names what it dropped in the status bar as the CLI does on standard error.
// The CLI: $AA_CLI, else build/native-debug/src/cli/annotator (scripts/test.sh builds it first).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { catchDownload, diffBox, openPage, ROOT, serverAndBrowser, settle, shot, textLines } from './harness.js';

const CLI = process.env.AA_CLI || join(ROOT, 'build/native-debug/src/cli/annotator');
const FIXTURES = join(ROOT, 'tests/fixtures');

// Writable formats in the registry's order, which is the order of the File > Export as menu.
const MENU = [
  ['native', '.json'], ['brat', '.ann'], ['conll', '.conll'], ['xml', '.xml'], ['spacy', '.json'],
  ['displacy', '.json'], ['doccano', '.jsonl'], ['label-studio', '.json'], ['prodigy', '.jsonl'],
  ['w3c', '.jsonld'], ['csv', '.csv'],
];
const READABLE = new Set(MENU.map(([id]) => id).filter((id) => id !== 'csv'));

// The documents every format goes through: the Unicode cases (CRLF, astral emoji, a ZWJ sequence,
// combining marks, CJK, nesting); notes, kb_ids and attributes with nesting three deep; crossing spans.
const DOCUMENTS = ['native/unicode.json', 'native/article.json', 'cli/crossing.json'];

let work;

// Runs the CLI; returns {stdout, stderr, status}. Standard output is read as bytes, then UTF-8.
function cli(...args) {
  const r = spawnSync(CLI, args, { encoding: 'buffer', env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } });
  if (r.error) throw r.error;
  return { stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), status: r.status };
}

function cliOk(...args) {
  const r = cli(...args);
  assert.equal(r.status, 0, `annotator ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return r;
}

// The warnings the CLI printed for its output "-" ("-: warning: MESSAGE"), as the page words them.
function cliWarnings(stderr) {
  return stderr.split('\n').filter((l) => l.startsWith('-: warning: ')).map((l) => l.slice('-: warning: '.length));
}

let fileCounter = 0;
function tempFile(name, content) {
  const path = join(work, `${++fileCounter}-${name}`);
  writeFileSync(path, content);
  return path;
}

// Entities as the API lists them, and the CLI's native JSON's entities in the same shape.
function canonical(list) {
  return list.map((e) => {
    const o = { id: e.id, start: e.start, end: e.end, label: e.label, text: e.text };
    if (e.note) o.note = e.note;
    if (e.kb_id) o.kb_id = e.kb_id;
    if (e.attributes && Object.keys(e.attributes).length) o.attributes = e.attributes;
    return o;
  }).sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

const api = (page, fn, arg) => page.evaluate(fn, arg);
const pageEntities = async (page) => canonical(await api(page, () => window.annotator.entities()));
const status = (page) => api(page, () => window.annotator.statusMessage());
// "1 entity", "7 entities": the total the page's import message counts.
function entityCount(docs) {
  const n = docs.reduce((sum, d) => sum + d.entities.length, 0);
  return `${n} ${n === 1 ? 'entity' : 'entities'}`;
}

// ---- The File > Export as menu, with the real mouse ----

// Where the File menu, its Export as item and the submenu's items are: found once from
// screenshots (what changes when a menu opens, and its lines of text), then reused.
let menuPlaces = null;

async function findMenuPlaces(page) {
  const viewport = page.viewportSize();
  // Below the menu bar and above the status bar, whose "saving..." comes and goes.
  const body = { x0: 0, x1: viewport.width, y0: 24, y1: viewport.height - 40 };
  await page.mouse.move(300, 400);
  const closed = await shot(page);
  await page.mouse.click(20, 11);  // "File", the first item of the menu bar
  const fileOpen = await shot(page);
  const fileBox = diffBox(closed, fileOpen, body);
  assert.ok(fileBox, 'the File menu opened');
  // Lines of text at least 6 pixels high: the items (not the separator or the border).
  const items = textLines(fileOpen, fileBox).filter((l) => l.bottom - l.top >= 6);
  // Hover each item from the bottom up: Export as is the one whose submenu lists every format.
  for (let i = items.length - 1; i >= 0; i--) {
    await page.mouse.move(40, items[i].y, { steps: 3 });
    const hovered = await shot(page);
    const subBox = diffBox(fileOpen, hovered, { ...body, x0: fileBox.x1 + 1 });
    if (!subBox) continue;
    const formats = textLines(hovered, subBox).filter((l) => l.bottom - l.top >= 6);
    if (formats.length !== MENU.length) continue;
    await page.mouse.click(viewport.width - 10, 11);  // the menu bar's empty end closes the menus
    await settle(page);
    return { exportAs: items[i].y, x: subBox.x0 + 30, subTop: subBox.y0, formats: formats.map((l) => l.y) };
  }
  assert.fail(`no item of the File menu opens a submenu of ${MENU.length} formats (items: ${JSON.stringify(items)})`);
}

// Clicks File, hovers Export as, clicks the format's item; returns the download.
async function exportThroughMenu(page, format) {
  const index = MENU.findIndex(([id]) => id === format);
  if (!menuPlaces) menuPlaces = await findMenuPlaces(page);
  const { exportAs, x, subTop, formats } = menuPlaces;
  await page.mouse.move(300, 400);
  await page.mouse.click(20, 11);
  await settle(page);
  await page.mouse.move(40, exportAs, { steps: 4 });
  await settle(page);
  await settle(page);
  // Along the Export as row into the submenu, then down to the item: the pointer never leaves it.
  await page.mouse.move(x, Math.max(exportAs, subTop + 4), { steps: 6 });
  await page.mouse.move(x, formats[index], { steps: 6 });
  await settle(page);
  const download = await catchDownload(page, () => page.mouse.click(x, formats[index]));
  await settle(page);
  return download;
}

// ---- The tests ----

describe('every format converts alike from the API, the menus and the CLI', () => {
  let server, browser, page, context;
  before(() => {
    assert.ok(existsSync(CLI), `the native CLI ${CLI} is missing: build it (cmake --build --preset native-debug) or set AA_CLI`);
    work = mkdtempSync(join(tmpdir(), 'aa-formats-'));
  });
  serverAndBrowser((f) => ({ server, browser, page, context } = f), { page: true });
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const docPath of DOCUMENTS) {
    for (const [format, extension] of MENU) {
      test(`${docPath} as ${format}: exportAs = CLI = menu download; read back alike`, async () => {
        const source = readFileSync(join(FIXTURES, docPath), 'utf8');
        const original = JSON.parse(source);
        await api(page, (s) => window.annotator.importFrom('native', s), source);
        assert.deepEqual(await pageEntities(page), canonical(original.entities), 'the native import keeps every entity');
        assert.equal(await api(page, () => window.annotator.getText()), original.text);

        // (a) The page's document through the CLI: the same bytes. The page stamps a creation
        // time on a document that has none, so the CLI reads the page's own native JSON.
        // The autosave stamps the modification time once after a change: let it, then take the document.
        // Frames first: the autosave notices the import in a frame, so the previous document's
        // "saved" is not taken for this one's.
        await settle(page);
        await page.waitForFunction(() => window.annotator.saveState() === 'saved', null, { timeout: 10000 });
        await settle(page);
        const held = await api(page, () => window.annotator.exportAs('native'));
        const input = tempFile('held.json', held);
        const textFile = tempFile('text.txt', original.text);
        const args = ['convert', input, '-o', '-', '--to', format];
        // The CLI fails on crossing spans unless asked to drop them; the page always drops them (reported).
        if (format === 'xml') args.push('--drop-crossing');
        const fromCli = cliOk(...args);
        const exported = await api(page, (f) => window.annotator.exportAs(f), format);
        assert.equal(exported, fromCli.stdout, `exportAs('${format}') equals the CLI's output`);

        // (b) File > Export as > the format: the download holds the same bytes.
        const download = await exportThroughMenu(page, format);
        // X.annotations.json; X.conll, X.xml, X.csv and brat's X.ann as they are; the format's id
        // only where it tells the same extensions apart (X.spacy.json, X.doccano.jsonl).
        const plain = format === 'brat' || extension === `.${format}`;
        const name = format === 'native' ? '.annotations.json' : plain ? extension : `.${format}${extension}`;
        assert.ok(download.name.endsWith(name), `${download.name} ends with ${name}`);
        assert.equal(download.text, exported, 'the menu downloads what exportAs returns');

        // (d) The status bar names what the target could not hold, as the CLI's warnings do.
        // brat's text goes beside its .ann as a second download, named in the same message.
        const pair = format === 'brat' ? ` and ${download.name.replace(/\.ann$/, '.txt')}` : '';
        const expected = `Downloaded ${download.name}${pair}` + cliWarnings(fromCli.stderr).map((w) => `; ${w}`).join('');
        assert.equal(await status(page), expected);
        // The modification time included: the autosave stamps it only when the document changed, so
        // a compaction in idle time leaves it as it was.
        assert.equal(await api(page, () => window.annotator.exportAs('native')), held, 'exporting changed nothing');
        if (!READABLE.has(format)) return;

        // (c) Read back: importFrom (with the open document's text) and the CLI (with --text) agree,
        // and every entity read back sits at its original offsets.
        const exportedFile = tempFile(`exported${extension}`, exported);
        const back = JSON.parse(cliOk('convert', exportedFile, '--from', format, '-o', '-', '--to', 'native',
          '--text', textFile).stdout);
        await api(page, ([f, c]) => window.annotator.importFrom(f, c), [format, exported]);
        const list = await pageEntities(page);
        assert.equal(await api(page, () => window.annotator.getText()), original.text);
        assert.equal(back.text, original.text);
        assert.deepEqual(list, canonical(back.entities), 'the page reads back what the CLI reads back');
        const at = (e) => `${e.start}-${e.end}-${e.label}`;
        const originals = new Set(original.entities.map(at));
        for (const e of list) assert.ok(originals.has(at(e)), `${at(e)} "${e.text}" is an original entity`);
        const dropped = original.entities.length - list.length;
        if (dropped > 0) {
          assert.match(expected, /dropped/, 'the export said it dropped entities');
        }
      });
    }
  }
});

// A text and an annotation file chosen together (the text first) or one annotation file.
const IMPORTS = [
  ['native', ['native/article.json']],
  ['spacy', ['spacy/unicode.json']],
  ['displacy', ['displacy/unicode.json']],
  ['doccano', ['doccano/unicode.jsonl']],
  ['label-studio', ['label-studio/unicode.json']],
  ['prodigy', ['prodigy/merkel.jsonl']],
  ['w3c', ['w3c/unicode.txt', 'w3c/unicode.jsonld']],
  ['brat', ['brat/unicode.txt', 'brat/unicode.ann']],
  ['conll', ['conll/merkel.iob2.conll']],
  ['xml', ['xml/unicode.xml']],
];

function fileFor(path) {
  return { name: basename(path), mimeType: 'application/octet-stream', buffer: readFileSync(join(FIXTURES, path)) };
}

// The CLI's reading of the annotation file, as native documents (one file per document).
function cliDocuments(format, files) {
  const annotation = join(FIXTURES, files[files.length - 1]);
  const args = ['convert', annotation, '-o', join(work, 'out.json'), '--to', 'native'];
  if (files.length > 1) args.push('--text', join(FIXTURES, files[0]));
  for (const f of readdirSync(work)) if (f.startsWith('out')) rmSync(join(work, f));
  cliOk(...args);
  const single = join(work, 'out.json');
  if (existsSync(single)) return [JSON.parse(readFileSync(single, 'utf8'))];
  const docs = [];
  for (let i = 1; existsSync(join(work, `out-${i}.json`)); i++) docs.push(JSON.parse(readFileSync(join(work, `out-${i}.json`), 'utf8')));
  return docs;
}

describe('files opened in the page are read as the CLI reads them', () => {
  let server, browser;
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'aa-formats-'));
  });
  serverAndBrowser((f) => ({ server, browser } = f));
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const [format, files] of IMPORTS) {
    for (const how of ['file picker', 'drop']) {
      test(`${format} (${files.join(' + ')}) by ${how}`, async () => {
        const { page, context, log } = await openPage(browser, server.url);
        const docs = cliDocuments(format, files);
        const doc = docs[0];
        // One file after the other: the text becomes the article, the annotations then use it.
        for (const f of files) {
          if (how === 'file picker') {
            const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+o')]);
            await chooser.setFiles([fileFor(f)]);
          } else {
            await page.evaluate(({ name, bytes }) => {
              const data = new DataTransfer();
              data.items.add(new File([new Uint8Array(bytes)], name));
              document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
            }, { name: basename(f), bytes: [...readFileSync(join(FIXTURES, f))] });
          }
          await page.waitForFunction((n) => window.annotator.statusMessage().includes(n), basename(f), { timeout: 10000 });
        }
        const name = basename(files[files.length - 1]);
        assert.match(await status(page), docs.length > 1
          ? new RegExp(`^Opened ${docs.length} documents with ${entityCount(docs)} from ${name} \\(Alt\\+PageDown: next\\)$`)
          : new RegExp(`^Imported ${entityCount([doc])} from ${name}`));
        assert.equal(await api(page, () => window.annotator.getText()), doc.text);
        assert.deepEqual(await pageEntities(page), canonical(doc.entities));
        assert.deepEqual(log.pageErrors, []);
        await context.close();
      });
    }
  }

  test('the file picker offers the extension of every readable format (what Export as writes)', async () => {
    const { page, context } = await openPage(browser, server.url);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+o')]);
    const accept = (await chooser.element().getAttribute('accept')).split(',');
    for (const [id, extension] of MENU) if (READABLE.has(id)) assert.ok(accept.includes(extension), `${id}: ${extension} in ${accept}`);
    await chooser.setFiles([]);
    await context.close();
  });

  test('a CoNLL file opened over an unrelated article is read as on its own', async () => {
    const { page, context } = await openPage(browser, server.url);
    await api(page, () => window.annotator.setText('Something else entirely, about Kraków.'));
    const files = ['conll/merkel.iob2.conll'];
    const [doc] = cliDocuments('conll', files);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+o')]);
    await chooser.setFiles(files.map(fileFor));
    await page.waitForFunction(() => window.annotator.statusMessage().includes('merkel.iob2.conll'), null, { timeout: 10000 });
    assert.equal(await api(page, () => window.annotator.getText()), doc.text, await status(page));
    assert.deepEqual(await pageEntities(page), canonical(doc.entities));
    await context.close();
  });

  // Multi-document inputs: the page opens the first document and says how many there are.
  for (const [format, path] of [['doccano', 'doccano/merkel.jsonl'], ['spacy', 'spacy/train.json'],
    ['prodigy', 'prodigy/merkel.jsonl'], ['displacy', 'displacy/list.json']]) {
    test(`${path} holds several documents: the page opens the first and says how many`, async () => {
      const { page, context } = await openPage(browser, server.url);
      const docs = cliDocuments(format, [path]);
      assert.ok(docs.length >= 2, `${path} holds ${docs.length} documents`);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+o')]);
      await chooser.setFiles([fileFor(path)]);
      await page.waitForFunction((n) => window.annotator.statusMessage().includes(n), basename(path), { timeout: 10000 });
      assert.equal(await status(page), `Opened ${docs.length} documents with ${entityCount(docs)} from ${basename(path)} (Alt+PageDown: next)`);
      assert.equal(await api(page, () => window.annotator.getText()), docs[0].text);
      assert.deepEqual(await pageEntities(page), canonical(docs[0].entities));
      // The API reads the same content alike.
      await api(page, ([f, c]) => window.annotator.importFrom(f, c), [format, readFileSync(join(FIXTURES, path), 'utf8')]);
      assert.equal(await status(page), `Opened ${docs.length} documents with ${entityCount(docs)} (Alt+PageDown: next)`);
      assert.deepEqual(await pageEntities(page), canonical(docs[0].entities));
      await context.close();
    });
  }
});
