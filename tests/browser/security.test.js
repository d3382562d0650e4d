// Security in the browser (issue 5, item 5): a whole session (paste, import, drop, export, download,
// reload) asks the network for nothing but the page's own three files, and the single file from
// file:// for nothing over http at all; the Content-Security-Policy reports no violation; text
// carrying HTML and script never reaches the DOM as markup; JSON, XML and CSV exports escape it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  catchDownload, cp, cspViolations, DIST, openPage, pasteText, serverAndBrowser, settle, waitReady,
} from './harness.js';

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=2</script>';
const TEXT = `He wrote ${IMG} and ${SCRIPT}, then "quoted, text" & more.\nA second line.`;

// A native document over TEXT: entities on the two payloads and on the quoted words; a note and a
// KB id that need escaping too.
function nativeDoc() {
  const span = (s) => [cp(TEXT, s), cp(TEXT, s) + Array.from(s).length];
  const [a, b] = span(IMG), [c, d] = span(SCRIPT), [e, f] = span('"quoted, text"');
  return JSON.stringify({
    format: 'article-annotator', version: 1, offsets: 'codepoint', text: TEXT,
    labels: [{ name: 'MISC', color: '#aabbcc' }],
    entities: [
      { id: 'e1', start: a, end: b, label: 'MISC', text: IMG, note: `a "note", with\na <b>tag</b>` },
      { id: 'e2', start: c, end: d, label: 'MISC', text: SCRIPT, kb_id: 'Q1&<x>' },
      { id: 'e3', start: e, end: f, label: 'MISC', text: '"quoted, text"' },
    ],
  });
}

// Records every element added to the DOM once the page's own HTML is parsed (after every load).
async function watchDom(page) {
  await page.addInitScript(() => {
    window.__added = [];
    document.addEventListener('DOMContentLoaded', () => {
      new MutationObserver((records) => {
        for (const r of records) {
          for (const n of r.addedNodes) {
            if (n.nodeType !== 1) continue;
            // The screen-reader mirror (a11y.js, issue 15) is the page's own DOM, built with
            // textContent: its elements are recorded apart, as "mirror:TAG", and checked below.
            const mirror = n.id === 'aa-a11y' || (r.target.closest && r.target.closest('#aa-a11y'));
            window.__added.push(mirror ? `mirror:${n.tagName}` : n.tagName);
          }
        }
      }).observe(document, { childList: true, subtree: true });
    });
  });
}

// An <img src=x onerror=...> made from the text (parsed as HTML, in the document or not) is
// reported by the CSP (its inline handler as it is parsed, then its image: img-src data:) and fires
// its error event, which would run the handler were inline handlers allowed. Instead of waiting
// some time for that: a control image made now goes the same way, and its error event and its
// report are waited for (states, not a time). Chromium checks loads and fires image errors in the
// order the images were made (seen in 400 of 400 tries, made in the same task or an earlier one), so
// by then an image made from the text before it has been reported and has fired its error. The
// control's own report is then taken off the list (cspViolations).
async function afterControlImage(page) {
  const control = await page.evaluate(() => new Promise((ok) => {
    const img = new Image();
    img.onerror = () => ok(img.src);
    img.src = 'aa-control-image';
  }));
  await page.waitForFunction((url) => window.__cspViolations.some((v) => v.endsWith(` ${url}`)), control);
  await page.evaluate((url) => {
    window.__cspViolations = window.__cspViolations.filter((v) => !v.endsWith(` ${url}`));
  }, control);
}

// RFC 4180: fields, quoted ones with "" for a quote; records end with CRLF.
function parseCsv(s) {
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  while (i < s.length) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      field += ch; i++; continue;
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue; }
    if (ch === ',') { row.push(field); field = ''; i++; continue; }
    if (ch === '\r' && s[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    assert.notEqual(ch, '"', `a bare quote inside an unquoted CSV field at ${i}`);
    assert.notEqual(ch, '\n', `a bare line feed outside quotes at ${i}`);
    field += ch; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// The session every test runs: paste, import by API and by a dropped file, label, export in every
// writable format, download with Ctrl+S, undo, reload.
async function fullSession(page) {
  await pasteText(page, TEXT);
  assert.equal(await page.evaluate(() => window.annotator.getText()), TEXT);
  await page.evaluate(() => window.annotator.addEntity(0, 2, 'PER'));
  await page.evaluate((doc) => window.annotator.importFrom('native', doc, 'payload.json'), nativeDoc());
  await page.evaluate((doc) => {
    const data = new DataTransfer();
    data.items.add(new File([doc], '<img src=x onerror=window.__pwned=3>.json', { type: 'application/json' }));
    document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, nativeDoc());
  await settle(page);
  await page.keyboard.press('Enter');  // confirm replacing the article with the dropped file
  await settle(page);
  await page.waitForFunction(() => window.annotator.entities().length === 3);
  for (const f of ['native', 'xml', 'csv', 'conll', 'brat', 'spacy', 'doccano', 'w3c']) {
    await page.evaluate((fmt) => window.annotator.exportAs(fmt), f);
  }
  await catchDownload(page, () => page.keyboard.press('Control+s'));
  await page.evaluate(() => window.annotator.undo());
  await page.waitForFunction(() => window.annotator.saveState() === 'saved', null, { timeout: 10000 });
  const added = await page.evaluate(() => window.__added || []);
  await page.reload();
  await waitReady(page);
  await settle(page);
  return added;
}

describe('security', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('a whole session requests only the page\'s own files and violates no CSP directive', async () => {
    const { page, context, log } = await openPage(browser, server.url, { beforeLoad: watchDom });
    server.requests.length = 0;
    await fullSession(page);
    const own = (u) => u.startsWith(server.url) || u.startsWith('data:') || u.startsWith(`blob:${server.url}`);
    assert.deepEqual(log.requests.filter((u) => !own(u)), [], 'no request leaves the local server');
    await page.waitForFunction(() => window.annotator.deferredCode().state === 'loaded');
    assert.deepEqual([...new Set(server.requests)].sort(), ['/', '/annotator.deferred.wasm', '/annotator.js', '/annotator.wasm'],
      'the reload fetched the page\'s files (the deferred code after its first frame) and nothing else was asked for');
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('the single file from file:// makes no http request at all during a whole session', async () => {
    const url = pathToFileURL(join(DIST, 'annotator.html')).href;
    const { page, context, log } = await openPage(browser, url, { beforeLoad: watchDom });
    await fullSession(page);
    assert.deepEqual(log.requests.filter((u) => /^(https?|wss?|ftp):/i.test(u)), []);
    assert.deepEqual(log.requests.filter((u) => u !== url && !u.startsWith('data:') && !u.startsWith('blob:')), []);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('pasted and imported HTML never becomes markup: nothing runs, no element is added', async () => {
    const { page, context, log } = await openPage(browser, server.url, { beforeLoad: watchDom });
    const before = await page.evaluate(() => ({
      imgs: document.querySelectorAll('img').length, scripts: document.querySelectorAll('script').length,
    }));
    const addedBeforeReload = await fullSession(page);
    await afterControlImage(page);
    assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');
    assert.deepEqual(await page.evaluate(() => ({
      imgs: document.querySelectorAll('img').length, scripts: document.querySelectorAll('script').length,
    })), before);
    // Only the page's own helpers ever come and go: the download link and the clipboard's textarea.
    const added = [...addedBeforeReload, ...await page.evaluate(() => window.__added)];
    assert.ok(added.includes('A'), `the observer saw the download link: ${added.join(', ')}`);
    // The mirror adds only its own vocabulary of elements (no pasted tag ever becomes one).
    const mirrorTags = ['DIV', 'MAIN', 'ARTICLE', 'ASIDE', 'H1', 'H2', 'P', 'MARK', 'UL', 'LI', 'TABLE', 'CAPTION',
      'THEAD', 'TBODY', 'TR', 'TH', 'TD'];
    assert.ok(added.some((t) => t.startsWith('mirror:')), 'the mirror was built');
    assert.deepEqual(added.filter((t) => !['A', 'TEXTAREA', 'INPUT'].includes(t) &&
      !(t.startsWith('mirror:') && mirrorTags.includes(t.slice(7)))), [],
      `elements added: ${added.join(', ')}`);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('JSON, XML and CSV exports escape markup, quotes, commas and line ends', async () => {
    const { page, context } = await openPage(browser, server.url);
    await page.evaluate((doc) => window.annotator.importFrom('native', doc, 'payload.json'), nativeDoc());
    const expected = JSON.parse(nativeDoc()).entities;

    // JSON: a JSON string; parsing gives the exact text, entity texts and note back.
    const json = JSON.parse(await page.evaluate(() => window.annotator.exportAs('native')));
    assert.equal(json.text, TEXT);
    assert.deepEqual(json.entities.map((e) => [e.text, e.note ?? null, e.kb_id ?? null]),
      expected.map((e) => [e.text, e.note ?? null, e.kb_id ?? null]));

    // XML: no raw payload; a real XML parser reads the text and the attributes back exactly.
    const xml = await page.evaluate(() => window.annotator.exportAs('xml'));
    assert.ok(!xml.includes('<img') && !xml.includes('<script') && !xml.includes('<b>'), xml);
    assert.ok(xml.includes('&lt;img src=x onerror=window.__pwned=1&gt;'), xml);
    assert.ok(xml.includes('&lt;script&gt;window.__pwned=2&lt;/script&gt;'), xml);
    const parsed = await page.evaluate((x) => {
      const d = new DOMParser().parseFromString(x, 'application/xml');
      if (d.querySelector('parsererror')) return { error: d.querySelector('parsererror').textContent };
      return {
        text: d.documentElement.textContent,
        entities: [...d.documentElement.children].map((n) => [n.tagName, n.textContent, n.getAttribute('TYPE'),
          n.getAttribute('NOTE'), n.getAttribute('KB_ID')]),
      };
    }, xml);
    assert.equal(parsed.error, undefined);
    assert.equal(parsed.text, TEXT);
    assert.deepEqual(parsed.entities, expected.map((e) => ['ENAMEX', e.text, 'MISC', e.note ?? null, e.kb_id ?? null]));

    // CSV: RFC 4180 quoting; every field reads back exactly.
    const csv = await page.evaluate(() => window.annotator.exportAs('csv'));
    const rows = parseCsv(csv);
    assert.deepEqual(rows[0], ['id', 'start', 'end', 'label', 'text', 'note', 'kb_id']);
    assert.deepEqual(rows.slice(1).map((r) => [r[0], r[4], r[5], r[6]]),
      expected.map((e) => [e.id, e.text, e.note ?? '', e.kb_id ?? '']));
    assert.ok(csv.includes('"""quoted, text"""'), csv);
    await context.close();
  });
});
