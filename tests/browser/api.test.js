// window.annotator called directly: values, code-point offsets, errors (exact messages, nothing
// changed), argument checks, caretRect in page coordinates, frame statistics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from './harness.js';

let server, browser, page, context;
serverAndBrowser((f) => ({ server, browser, page, context } = f), { page: true });

const run = (fn, arg) => page.evaluate(fn, arg);
// Runs `fn` in the page and returns the message of what it throws (or null).
const thrown = (fn, arg) => page.evaluate(([src, a]) => {
  try {
    (0, eval)(src)(a);
    return null;
  } catch (e) {
    return `${e.name}: ${e.message}`;
  }
}, [fn.toString(), arg]);

test('setText, addEntity and entities count code points, not UTF-16 units', async () => {
  const text = '🚀 Paris, “Zürich” and Ελλάδα';
  await run((t) => window.annotator.setText(t), text);
  assert.equal(await run(() => window.annotator.getText()), text);
  const id = await run(() => window.annotator.addEntity(2, 7, 'LOC'));
  await run(() => window.annotator.addEntity(22, 28, 'LOC'));
  const list = await run(() => window.annotator.entities());
  assert.deepEqual(list, [
    { id, start: 2, end: 7, label: 'LOC', text: 'Paris' },
    { id: 'e2', start: 22, end: 28, label: 'LOC', text: 'Ελλάδα' },
  ]);
  const exported = JSON.parse(await run(() => window.annotator.exportAs()));
  assert.equal(exported.text, text);
  assert.deepEqual(exported.entities.map((e) => [e.start, e.end]), [[2, 7], [22, 28]]);
  assert.equal(await run(() => window.annotator.undo()), true);
  assert.equal((await run(() => window.annotator.entities())).length, 1);
  assert.equal(await run(() => window.annotator.redo()), true);
  assert.equal(await run(() => window.annotator.redo()), false);
  await run((i) => window.annotator.relabelEntity(i, 'ORG'), id);
  assert.deepEqual((await run(() => window.annotator.entities()))[0], { id, start: 2, end: 7, label: 'ORG', text: 'Paris' });
  assert.equal(await run(() => window.annotator.undo()), true);  // the relabel is one step
  assert.equal((await run(() => window.annotator.entities()))[0].label, 'LOC');
  await run((i) => window.annotator.removeEntity(i), id);
  assert.deepEqual((await run(() => window.annotator.entities())).map((e) => e.id), ['e2']);
});

test('exportWarnings() says what the last export could not hold', async () => {
  await run(() => window.annotator.setText('Angela Merkel visited Paris.'));
  await run(() => window.annotator.addEntity(0, 13, 'PER'));
  await run(() => window.annotator.addEntity(0, 6, 'MISC'));  // nested: CoNLL keeps the outer one
  await run(() => window.annotator.exportAs('native'));
  assert.deepEqual(await run(() => window.annotator.exportWarnings()), []);
  await run(() => window.annotator.exportAs('conll'));
  const warnings = await run(() => window.annotator.exportWarnings());
  assert.ok(warnings.some((w) => /nested|overlap|outer/i.test(w)), JSON.stringify(warnings));
});

test('labels() lists the label set', async () => {
  const labels = await run(() => window.annotator.labels());
  assert.deepEqual(labels.map((l) => [l.name, l.key]), [['PER', '1'], ['ORG', '2'], ['LOC', '3'], ['MISC', '4']]);
  for (const l of labels) assert.match(l.color, /^#[0-9a-f]{6}$/);
});

test('bad calls throw, with the reason, and change nothing', async () => {
  await run(() => window.annotator.setText('Angela Merkel visited Paris.'));
  const before = await run(() => window.annotator.exportAs('native'));
  assert.match(await thrown(() => window.annotator.addEntity(0, 99, 'PER')), /^Error: .+/);
  assert.match(await thrown(() => window.annotator.addEntity(0, 6, 'NOPE')), /^Error: .*NOPE/);
  assert.match(await thrown(() => window.annotator.removeEntity('e999')), /^Error: .*e999/);
  assert.equal(await thrown(() => window.annotator.relabelEntity('e999', 'PER')), 'Error: no entity with id "e999"');
  assert.equal(await thrown(() => window.annotator.relabelEntity('e1', 7)), 'TypeError: label must be a string');
  assert.equal(await thrown(() => window.annotator.exportAs('no-such-format')),
    await thrown(() => window.annotator.exportAs('no-such-format')));
  assert.match(await thrown(() => window.annotator.exportAs('no-such-format')), /^Error: .*no-such-format/);
  assert.match(await thrown(() => window.annotator.importFrom('native', 'not json')), /^Error: 1:\d+: error: JSON syntax error/);
  assert.equal(await thrown(() => window.annotator.addEntity(-1, 3, 'PER')),
    'TypeError: start must be a non-negative integer (a code point offset)');
  assert.equal(await thrown(() => window.annotator.addEntity(0, 1.5, 'PER')),
    'TypeError: end must be a non-negative integer (a code point offset)');
  assert.equal(await thrown(() => window.annotator.setText(42)), 'TypeError: text must be a string');
  assert.equal(await thrown(() => window.annotator.onChange('x')), 'TypeError: callback must be a function');
  // The autosave may have stamped the modification time meanwhile; the document itself is the same.
  const strip = (json) => { const d = JSON.parse(json); delete d.modified; return d; };
  assert.deepEqual(strip(await run(() => window.annotator.exportAs('native'))), strip(before));
});

test('caretRect gives page coordinates inside the canvas, null past the end', async () => {
  await run(() => window.annotator.setText('Angela Merkel visited Paris.'));
  const a = await run(() => window.annotator.caretRect(0));
  const b = await run(() => window.annotator.caretRect(7));
  for (const r of [a, b]) {
    assert.ok(r.width > 0 && r.height > 0);
    assert.ok(r.x >= 0 && r.y >= 0 && r.x < 1280 && r.y < 800);
  }
  assert.equal(a.y, b.y, 'same line');
  assert.ok(b.x > a.x + 5 * a.width * 0.5, 'M of Merkel is right of the A of Angela');
  assert.equal(await run(() => window.annotator.caretRect(1000)), null);
});

test('frameStats and saveState report', async () => {
  await run(() => window.annotator.renderFrame());
  const s = await run(() => window.annotator.frameStats());
  assert.ok(s.frames >= 1);
  assert.ok(s.lastMs >= 0 && s.medianMs >= 0 && s.p99Ms >= s.medianMs);
  assert.ok(['saved', 'saving'].includes(await run(() => window.annotator.saveState())));
});
