// Look and devices (issue 15): the dark theme following prefers-color-scheme and View > Theme
// (remembered after a reload); a phone (390 x 844, touch, isMobile) and a tablet (820 x 1180):
// the side panel is a sheet under the article on the phone, the empty state's buttons are on screen,
// a tap selects a word with a handle under each end, a handle's drag extends it, the label bar's
// 44 px buttons label it, a long press opens an entity's menu, a pinch zooms the text, a swipe
// scrolls with inertia (none under prefers-reduced-motion), and File > Download JSON exports, all by touch.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  catchDownload, chooseTheme, cp, offsetPoint, openPage, pixel, screenshot, serverAndBrowser, settle, touchHold,
  touchPinch, touchSwipe, touchTap, waitSaved, widgetCentre,
} from './harness.js';

async function status(page) {
  return page.evaluate(() => window.annotator.statusMessage());
}

describe('themes and touch devices', () => {
  let server, browser;
  serverAndBrowser((f) => ({ server, browser } = f));

  test('dark follows prefers-color-scheme until View > Theme chooses; the choice survives a reload', async () => {
    const { page, context } = await openPage(browser, server.url, { colorScheme: 'dark' });
    await page.evaluate(() => window.annotator.setText('Talks in Moscow were useful, said Victoria Nuland.'));
    await page.evaluate(() => window.annotator.addEntity(9, 15, 'LOC'));
    await settle(page);
    let shot = await screenshot(page, 'a11y-dark');
    assert.deepEqual(pixel(shot.png, 600, 500), [24, 24, 27], 'the article page is dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await settle(page);
    await settle(page);
    shot = await screenshot(page, 'a11y-light');
    assert.deepEqual(pixel(shot.png, 600, 500), [255, 255, 255]);

    // View > Theme > Dark: the system's light no longer matters, also after a reload.
    await chooseTheme(page, 'dark');
    shot = await screenshot(page, 'a11y-dark-chosen');
    assert.deepEqual(pixel(shot.png, 600, 500), [24, 24, 27]);
    await waitSaved(page);
    await page.reload();
    await page.evaluate(() => window.annotatorReady.then(() => true));
    await settle(page);
    await settle(page);
    shot = await screenshot(page, 'a11y-dark-reloaded');
    assert.deepEqual(pixel(shot.png, 600, 500), [24, 24, 27]);
    await context.close();
  });

  for (const device of [{ width: 390, height: 844 }, { width: 820, height: 1180 }]) {
    test(`${device.width} x ${device.height} by touch alone: tap, handles, long press, pinch, swipe, label two, export`, async () => {
      const { page, context, log } = await openPage(browser, server.url,
        { viewport: device, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
      await settle(page);
      await screenshot(page, `a11y-touch-${device.width}-empty`);
      const sample = await widgetCentre(page, 'empty.sample');
      assert.ok(sample.rect.y + sample.rect.height < device.height * 0.6, 'Try a sample is above the sheet');
      assert.ok(sample.rect.x >= 0 && sample.rect.x + sample.rect.width <= device.width);
      await touchTap(page, sample.x, sample.y);
      const text = await page.evaluate(() => window.annotator.getText());
      assert.ok(text.length > 1000, 'the sample article is open');

      // The article keeps the whole width on a phone (the side panel is a sheet below it).
      const first = await offsetPoint(page, 0);
      if (device.width < 700) assert.ok(first.rect.x < 60, `the text starts at x ${first.rect.x}`);

      // A tap selects a word and hangs a handle under each end; every label button is a 44 px target.
      const words = text.match(/\b[A-Z][a-z]{3,}\b/g);
      const a = cp(text, words[0]);
      let p = await offsetPoint(page, a + 1);
      await touchTap(page, p.x, p.y);
      const start = await widgetCentre(page, 'touch.handle.start');
      const end = await widgetCentre(page, 'touch.handle.end');
      assert.ok(Math.abs(start.x - (await offsetPoint(page, a)).rect.x) < 2, 'the start handle is at the word\'s start');
      assert.ok(end.y > p.rect.y + p.rect.height, 'the handles hang under the line');
      assert.equal(start.rect.width, 44);
      const names = await page.evaluate(() => window.annotator.labels().map((l) => l.name));
      for (const name of names) {
        const b = await widgetCentre(page, `labelbar.${name}`);
        assert.ok(b.rect.height >= 44 && b.rect.width >= 44, `${name}'s button is ${b.rect.width} x ${b.rect.height} px`);
        assert.ok(b.rect.y + b.rect.height <= device.height && b.rect.x >= 0, `${name}'s button is on screen`);
      }
      let bar = await widgetCentre(page, 'labelbar.PER');
      await touchTap(page, bar.x, bar.y);
      let list = await page.evaluate(() => window.annotator.entities());
      assert.deepEqual(list.map((e) => [e.start, e.text, e.label]), [[a, words[0], 'PER']]);

      // Tap "electric", drag its end handle to the end of "ferries": the selection grows by a word.
      const two = 'electric ferries';  // on the first lines, in view
      const b = cp(text, two);
      p = await offsetPoint(page, b + 2);
      await touchTap(page, p.x, p.y);
      const handle = await widgetCentre(page, 'touch.handle.end');
      const last = await offsetPoint(page, b + two.length - 1);
      await touchSwipe(page, { x: handle.x, y: handle.y },
        { x: last.rect.x + last.rect.width - 1, y: handle.y + (last.y - p.y) }, 6);
      await screenshot(page, `a11y-touch-${device.width}-handles`);
      bar = await widgetCentre(page, 'labelbar.ORG');
      await touchTap(page, bar.x, bar.y);
      list = await page.evaluate(() => window.annotator.entities());
      assert.deepEqual(list.map((e) => [e.text, e.label]).sort(), [[two, 'ORG'], [words[0], 'PER']].sort());

      // A long press on the first entity opens its menu; Relabel > LOC relabels it, by taps.
      p = await offsetPoint(page, a + 1);
      await touchHold(page, { x: p.x, y: p.y });
      await screenshot(page, `a11y-touch-${device.width}-entity-menu`);
      const relabel = await widgetCentre(page, 'context.relabel');
      await touchTap(page, relabel.x, relabel.y);
      await settle(page);
      const loc = await widgetCentre(page, 'context.relabel.LOC');
      await touchTap(page, loc.x, loc.y);
      assert.equal(await status(page), `Relabelled "${words[0]}": PER -> LOC`);
      list = await page.evaluate(() => window.annotator.entities());
      assert.deepEqual(list.map((e) => [e.text, e.label]).sort(), [[two, 'ORG'], [words[0], 'LOC']].sort());

      // Two fingers pinch the text larger, then back.
      const column = () => page.evaluate(() => window.annotator.articleColumn());
      const size0 = (await column()).size;
      const centre = { x: first.rect.x + 120, y: p.y + 40 };
      await touchPinch(page, centre, 80, 160);
      await settle(page);
      const size1 = (await column()).size;
      assert.ok(size1 > size0 * 1.5, `the text grew from ${size0} to ${size1} px`);
      await screenshot(page, `a11y-touch-${device.width}-pinched`);
      await touchPinch(page, centre, 160, 80);
      await settle(page);
      const size2 = (await column()).size;
      assert.ok(Math.abs(size2 - size0) <= size0 * 0.1, `the text came back from ${size1} to ${size2} px (was ${size0})`);

      // A swipe up in the article scrolls it by the finger's distance, then on by inertia.
      const col = await column();
      const x = col.x + Math.min(col.width, device.width - col.x) / 2;
      const top = col.scrollY;
      const from = { x, y: device.height * 0.4 }, to = { x, y: device.height * 0.15 };
      await touchSwipe(page, from, to);
      // The moves are queued to ImGui one a frame, then the inertia runs: wait for it to stop.
      await page.waitForFunction(() => !AAHost.inertia, null, { timeout: 10000 });
      await settle(page);
      await settle(page);
      const scrolled = (await column()).scrollY - top;
      const finger = from.y - to.y;
      console.log(`${device.width} x ${device.height}: a ${finger} px swipe scrolled ${scrolled} px ` +
        `(article ${Math.round(col.viewHeight)} px tall)`);
      assert.ok(scrolled > finger * 1.3, `the swipe of ${finger} px scrolled ${scrolled} px, inertia included`);

      // File > Download JSON, by touch.
      const file = await widgetCentre(page, 'menu.file');
      await touchTap(page, file.x, file.y);
      await settle(page);
      const item = await widgetCentre(page, 'menu.download');
      const download = await catchDownload(page, () => touchTap(page, item.x, item.y));
      const saved = JSON.parse(download.text);
      assert.deepEqual(saved.entities.map((e) => e.label).sort(), ['LOC', 'ORG']);
      assert.deepEqual(log.pageErrors, []);
      await context.close();
    });
  }

  test('prefers-reduced-motion: a swipe scrolls by the finger\'s distance and stops with it (no inertia)', async () => {
    const device = { width: 390, height: 844 };
    const { page, context, log } = await openPage(browser, server.url,
      { viewport: device, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await settle(page);
    const sample = await widgetCentre(page, 'empty.sample');
    await touchTap(page, sample.x, sample.y);
    assert.ok((await page.evaluate(() => window.annotator.getText())).length > 1000, 'the sample article is open');
    const column = () => page.evaluate(() => window.annotator.articleColumn());
    const col = await column();
    const x = col.x + Math.min(col.width, device.width - col.x) / 2;
    const from = { x, y: device.height * 0.4 }, to = { x, y: device.height * 0.15 };
    const finger = from.y - to.y;
    // The same swipe as above (where it glides on to more than 1.3 times the finger's distance).
    await touchSwipe(page, from, to);
    assert.equal(await page.evaluate(() => AAHost.inertia || 0), 0, 'no glide was started');
    await settle(page);
    const scrolled = (await column()).scrollY - col.scrollY;
    console.log(`reduced motion: a ${finger} px swipe scrolled ${scrolled} px`);
    assert.ok(Math.abs(scrolled - finger) <= 2, `the article moved with the finger only: ${scrolled} px for ${finger} px`);
    // Frames later it is still where the finger left it.
    await settle(page);
    await settle(page);
    assert.equal((await column()).scrollY - col.scrollY, scrolled, 'nothing moved after the finger lifted');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });
});
