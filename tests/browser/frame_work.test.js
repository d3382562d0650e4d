// Work of every frame that does not depend on the frame (issue 11). The mouse cursor: the page sets
// the canvas's CSS cursor to the one Dear ImGui wants (the I-beam over text, the hand over an
// entity, resize arrows over an entity's edge and the side panel's splitter, the arrow elsewhere),
// and only when it changes: a frame where nothing moves does no cursor work at all
// (imgui_impl_glfw's own update called GLFW's cursor and input mode functions every frame, which
// removed a canvas listener and exited a pointer lock). Drawing: a drawn frame makes no WebGL
// objects (the OpenGL3 backend made and deleted a vertex array object in every one). The canvas is
// measured again only after a resize or a change of density (page.test.js and look.test.js check
// that those still reach the canvas), not in every frame.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { labelWord, offsetPoint, openPage, pasteText, serverAndBrowser, settle, widgetCentre } from './harness.js';

const TEXT = 'Angela Merkel visited Paris. Emmanuel Macron met her at the Elysee Palace in Paris.';

// Before the page's scripts: counts the calls that touch the pointer lock or the canvas's listeners
// (what glfwSetInputMode does); cursor writes are counted by countCursorWrites.
function countCursorWork() {
  const calls = { cursorWrites: 0, pointerLock: 0, canvasListeners: 0, vertexArraysMade: 0, vertexArraysDeleted: 0,
    canvasMeasures: 0 };
  window.__cursorWork = calls;
  const exit = Document.prototype.exitPointerLock;
  Document.prototype.exitPointerLock = function (...a) {
    calls.pointerLock++;
    return exit.apply(this, a);
  };
  const request = Element.prototype.requestPointerLock;
  Element.prototype.requestPointerLock = function (...a) {
    calls.pointerLock++;
    return request.apply(this, a);
  };
  const measure = Element.prototype.getBoundingClientRect;
  Element.prototype.getBoundingClientRect = function (...a) {
    if (this.id === 'canvas') calls.canvasMeasures++;
    return measure.apply(this, a);
  };
  const gl = WebGL2RenderingContext.prototype;
  const create = gl.createVertexArray, del = gl.deleteVertexArray;
  gl.createVertexArray = function (...a) {
    calls.vertexArraysMade++;
    return create.apply(this, a);
  };
  gl.deleteVertexArray = function (...a) {
    calls.vertexArraysDeleted++;
    return del.apply(this, a);
  };
  for (const name of ['addEventListener', 'removeEventListener']) {
    const f = EventTarget.prototype[name];
    EventTarget.prototype[name] = function (...a) {
      if (this instanceof HTMLCanvasElement && this.id === 'canvas') calls.canvasListeners++;
      return f.apply(this, a);
    };
  }
}

// Counts the writes of the canvas's CSS cursor from now on. Chromium's style objects carry their
// properties themselves (not on a prototype), so the canvas's own style object is wrapped.
function countCursorWrites() {
  const calls = window.__cursorWork;
  const style = document.getElementById('canvas').style;
  const setProperty = style.setProperty.bind(style);
  style.setProperty = (name, ...rest) => {
    if (name === 'cursor') calls.cursorWrites++;
    return setProperty(name, ...rest);
  };
  Object.defineProperty(style, 'cursor', {
    configurable: true,
    enumerable: true,
    get: () => style.getPropertyValue('cursor'),
    set: (v) => style.setProperty('cursor', v),
  });
  return true;
}

const cursor = (page) => page.evaluate(() => getComputedStyle(document.getElementById('canvas')).cursor);

describe('the work of every frame', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('idle frames do no cursor work and make no WebGL objects; the cursor is set once when it changes', async () => {
    const { page, context, log } = await openPage(browser, server.url + 'index.html', {
      beforeLoad: (p) => p.addInitScript(countCursorWork),
    });
    await pasteText(page, TEXT);
    assert.equal(await page.evaluate(countCursorWrites), true);
    const p = await offsetPoint(page, 16);  // "visited"
    await page.mouse.move(p.x, p.y, { steps: 2 });
    await settle(page);
    const counts = () => page.evaluate(() => ({ ...window.__cursorWork }));
    const before = await counts();
    const draws = () => page.evaluate(() => window.annotator.loopStats().draws);
    const drawsBefore = await draws();
    // The mouse rests over the text: 40 frames, nothing changes. renderFrame() draws its frame even when
    // the picture is the one drawn (the loop's own ticks would skip it): 40 draws with the kept vertex array.
    await page.evaluate(() => { for (let i = 0; i < 40; i++) window.annotator.renderFrame(); });
    const idle = await counts();
    const delta = (a, b) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k] - b[k]]));
    assert.deepEqual(delta(idle, before), { cursorWrites: 0, pointerLock: 0, canvasListeners: 0, vertexArraysMade: 0,
      vertexArraysDeleted: 0, canvasMeasures: 0 }, '40 idle frames');
    assert.ok(await draws() - drawsBefore >= 40, 'the 40 frames were drawn');
    // Frames of the loop whose picture changes (the pointer moving over the menu bar's items, each
    // highlighted under it): drawn, with the same vertex array.
    const drawsIdle = await draws();
    for (const name of ['menu.file', 'menu.edit', 'menu.view', 'menu.file']) {
      const m = await widgetCentre(page, name);
      await page.mouse.move(m.x, m.y, { steps: 2 });
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    }
    await page.mouse.move(p.x, p.y, { steps: 2 });
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const hovered = await counts();
    assert.ok(await draws() - drawsIdle >= 4, 'the hovers were drawn');
    assert.equal(hovered.vertexArraysMade - before.vertexArraysMade, 0, 'no vertex array made for the hovers');
    assert.equal(hovered.vertexArraysDeleted - before.vertexArraysDeleted, 0);
    assert.ok(idle.vertexArraysMade <= 1, `${idle.vertexArraysMade} vertex array objects made in all`);
    assert.equal(await cursor(page), 'text');
    // Moving within the text keeps the I-beam: no write; onto the menu bar: one write, then none.
    await page.mouse.move(p.x + 3, p.y, { steps: 3 });
    await settle(page);
    const moved = await counts();
    assert.equal(moved.cursorWrites - hovered.cursorWrites, 0, 'the same cursor is not set again');
    await page.mouse.move(20, 10, { steps: 2 });
    await settle(page);
    await page.evaluate(() => { for (let i = 0; i < 20; i++) window.annotator.renderFrame(); });
    const menu = await counts();
    assert.equal(await cursor(page), 'default');
    assert.equal(menu.cursorWrites - moved.cursorWrites, 1, 'one write for the change to the arrow');
    assert.equal(menu.pointerLock - before.pointerLock, 0);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });

  test('the I-beam over text, the hand over an entity, resize arrows over its edge and the splitter', async () => {
    const { page, context, log } = await openPage(browser, server.url + 'index.html');
    await pasteText(page, TEXT);
    await labelWord(page, 0, '1');  // "Angela": PER
    assert.equal((await page.evaluate(() => window.annotator.entities())).length, 1);
    const at = async (x, y) => {
      await page.mouse.move(x, y, { steps: 2 });
      await settle(page);
      return cursor(page);
    };
    const word = await offsetPoint(page, 16);
    assert.equal(await at(word.x, word.y), 'text', 'over plain text');
    const entity = await offsetPoint(page, 3);
    // Clicking the entity selects it (its edges then take drags); its middle shows the hand.
    await page.mouse.click(entity.x, entity.y);
    await settle(page);
    assert.equal(await at(entity.x, entity.y), 'pointer', 'over an entity');
    const start = await offsetPoint(page, 0);
    assert.equal(await at(start.rect.x, start.y), 'ew-resize', "over the selected entity's start edge");
    const grip = await widgetCentre(page, 'side.splitter');
    assert.equal(await at(grip.x, grip.y), 'ew-resize', "over the side panel's splitter");
    assert.equal(await at(20, 10), 'default', 'over the menu bar');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });
});
