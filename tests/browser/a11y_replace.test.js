// A file dropped on the real page over another document (issue 11): the screen reader's description of
// the new document is left by the frame that replaced the document and given right after it (main.cpp
// describe_left_accessibility, App::accessibility_after_frame), once. Checked in the order of what the
// page did, recorded in JS: the animation frames (their callbacks wrapped) and the descriptions the wasm
// handed to the mirror (AAHost.a11y.update wrapped), each with whether it came inside a frame; then in
// Chromium's accessibility tree (CDP): the new document's text and entities, none of the old one's.
// No timing is asserted, only the order; every wait is for a state of the page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axFind, axText, axTree, openPage, pasteText, serverAndBrowser, settle } from './harness.js';

const OLD = 'Bashar al-Assad met Vladimir Putin in Moscow.';
const NEW = 'Olaf Scholz spoke with Emmanuel Macron in Rome on Friday.';
const NEW_FILE = JSON.stringify({
  format: 'article-annotator',
  version: 1,
  offsets: 'codepoint',
  text: NEW,
  entities: [
    { id: 'e1', start: 0, end: 11, label: 'PER', text: 'Olaf Scholz' },
    { id: 'e2', start: 42, end: 46, label: 'LOC', text: 'Rome' },
  ],
});

async function drop(page, name, content) {
  await page.evaluate(([n, c]) => {
    const data = new DataTransfer();
    data.items.add(new File([c], n, { type: 'application/json' }));
    document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, [name, content]);
}

// From now on, window.__order lists what the page does: {kind: 'draw', title} when a frame starts
// drawing on the canvas (its clear, which follows the frame's UI pass; title: document.title then, which
// the App sets when it opens a document), {kind: 'a11y', inFrame, text, entities} for each description
// handed to the mirror (inFrame: inside an animation frame's callbacks), and {kind: 'mirror', text,
// marks} for the mirror's DOM right after it applied that description (a11y.js applies it in a task of
// its own, which this task follows). Resolves after two animation frames, so that the page's loop has
// asked for its frames through the wrapper.
async function record(page) {
  await page.evaluate(() => new Promise((resolve) => {
    const order = (window.__order = []);
    let depth = 0;
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => raf((t) => {
      depth++;
      try {
        return cb(t);
      } finally {
        depth--;
      }
    });
    const clear = WebGL2RenderingContext.prototype.clear;
    WebGL2RenderingContext.prototype.clear = function (...args) {
      order.push({ kind: 'draw', title: document.title });
      return clear.apply(this, args);
    };
    const A = window.AAHost.a11y;
    const update = A.update;
    A.update = function (part, bytes) {
      order.push({
        kind: 'a11y', inFrame: depth > 0,
        text: part.paragraphs ? part.paragraphs.map((p) => p.text).join('\n') : null,
        entities: part.entities ? part.entities.map((r) => `${r.text}/${r.label}`) : null,
      });
      const result = update.call(this, part, bytes);
      setTimeout(() => {
        const article = document.getElementById('aa-article');
        order.push({
          kind: 'mirror',
          text: Array.from(article.querySelectorAll('p')).map((p) => p.textContent).join('\n'),
          marks: Array.from(article.querySelectorAll('mark')).map((m) => m.getAttribute('aria-label')),
        });
      }, 0);
      return result;
    };
    raf(() => raf(() => resolve()));
  }));
}

describe('the screen reader after a dropped file replaces the document', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('the new document described after the replacing frame, once: its text and entities, none of the old', async () => {
    const { page, log } = await openPage(browser, server.url);
    await pasteText(page, OLD);
    await page.evaluate(() => {
      window.annotator.addEntity(20, 34, 'PER');  // Vladimir Putin
      window.annotator.addEntity(38, 44, 'LOC');  // Moscow
    });
    await settle(page);

    // A document with entities: the drop asks first. The question's answer (Enter) is what replaces
    // the document, in the frame that reads the key: recorded from before it, with no call into the
    // page's API meanwhile (each draws a frame of its own outside the animation frames).
    await drop(page, 'rome.json', NEW_FILE);
    await page.waitForFunction(() => document.querySelector('#aa-dialogs [role=dialog][aria-label="Replace the article?"]'),
      null, { polling: 'raf', timeout: 30000 });
    await record(page);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__order.some((e) => e.kind === 'mirror' && e.text.includes('Olaf Scholz')),
      null, { polling: 100, timeout: 30000 });
    const order = await page.evaluate(() => window.__order);

    // The frame that replaced the document drew before its description was built: a frame's UI pass
    // (where the document is replaced) comes before its drawing, so a description built inside it
    // would come before that clear.
    const replacing = order.findIndex((e) => e.kind === 'draw' && e.title.startsWith('Olaf Scholz'));
    assert.ok(replacing >= 0, `a frame drew the new document: ${JSON.stringify(order.filter((e) => e.kind === 'draw'))}`);
    const described = order.findIndex((e) => e.kind === 'a11y' && e.text !== null && e.text.includes('Olaf Scholz'));
    assert.ok(described > replacing, `the new document described after the replacing frame drew: ${JSON.stringify(order)}`);
    for (const e of order.slice(0, replacing)) {
      if (e.kind === 'a11y') assert.ok(e.text === null || !e.text.includes('Olaf Scholz'), JSON.stringify(e));
    }
    // The description: the new text and the new entities, in one handing; none of the old document.
    const d = order[described];
    assert.equal(d.text, NEW);
    assert.deepEqual(d.entities, ['Olaf Scholz/PER', 'Rome/LOC']);
    // The mirror is given the paragraphs once, in that description (more frames change nothing of them).
    await settle(page);
    const after = await page.evaluate(() => window.__order);
    assert.equal(after.filter((e) => e.kind === 'a11y' && e.text !== null).length, 1,
      `one description with paragraphs: ${JSON.stringify(after.filter((e) => e.kind === 'a11y'))}`);
    // The mirror right after it applied that description: the new text and marks, none of the old.
    const mirror = order.slice(described).find((e) => e.kind === 'mirror');
    assert.equal(mirror.text, NEW);
    assert.deepEqual(mirror.marks, ['Olaf Scholz, PER', 'Rome, LOC']);

    // What the screen reader is given (Chromium's tree): the new document only.
    const tree = await axTree(page);
    const main = axFind(tree.root, 'main').find((n) => n.name === 'Article');
    assert.ok(main, 'a main region named Article');
    assert.deepEqual(axFind(main, 'paragraph').map(axText).slice(1), [NEW]);  // after the range shown
    assert.deepEqual(axFind(main, 'mark').map((n) => n.name), ['Olaf Scholz, PER', 'Rome, LOC']);
    const rows = axFind(tree.root, 'table').find((n) => n.name.startsWith('Entities'));
    assert.ok(rows, 'the entities table');
    const cells = axFind(rows, 'row').map((r) => axFind(r, 'cell').map(axText)).filter((c) => c.length);
    assert.deepEqual(cells.map((c) => c.slice(0, 2)), [['Olaf Scholz', 'PER'], ['Rome', 'LOC']]);
    const all = axText(tree.root);
    for (const old of ['Vladimir Putin', 'Moscow']) assert.ok(!all.includes(old), `"${old}" is gone from the tree`);
    assert.deepEqual(log.pageErrors, []);
  });
});
