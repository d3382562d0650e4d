// The walk of run.sh in the Chromium that session.sh started (over CDP), with Orca listening when
// AA_ORCA is set: the sample article pasted, "Moscow" labelled LOC by a drag and 3, Tab to the entity,
// Shift+F6 to the menu bar, Enter (File), Down twice, Escape twice; then a document with relation types:
// Tab through its entities, R (the relation picker), Enter, Delete (the dialog that asks). Then the page's AT-SPI tree
// ($OUT/driver.txt) and what Orca said ($OUT/speech.txt, from its debug log) are written.
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cp, dragSelect, pasteText, press, settle } from '../../tests/browser/harness.js';

const OUT = process.env.OUT;
const ARTICLE = readFileSync(join(ROOT, 'tests/fixtures/suggest/news-article-syria-talks.txt'), 'utf8');
const log = (s) => { console.log(s); appendFileSync(join(OUT, 'driver.txt'), s + '\n'); };
const pause = (ms) => new Promise((ok) => setTimeout(ok, ms));  // a person's pace: Orca speaks meanwhile
const step = (what) => log(`---- ${new Date().toISOString().slice(11, 23)} ${what}`);

const browser = await chromium.connectOverCDP(`http://127.0.0.1:${process.env.AA_CDP}`);
const page = browser.contexts()[0].pages()[0];
await page.evaluate(() => window.annotatorReady.then(() => true));
let orca = null;
if (process.env.AA_ORCA) {
  orca = spawn('orca', ['--replace', `--debug-file=${join(OUT, 'orca-debug.log')}`], { stdio: 'ignore' });
  await pause(5000);
}
await page.bringToFront();
await page.locator('canvas').focus();
step('paste the sample article');
await pasteText(page, ARTICLE);
await pause(1500);
step('drag over "Moscow", press 3');
const m = cp(ARTICLE, 'Moscow');
await dragSelect(page, m, m + 6);
await press(page, '3');
log(`status in the page: ${await page.evaluate(() => window.annotator.statusMessage())}`);
await pause(3000);
for (const [what, keys] of [['Escape, Ctrl+Home, Tab (next entity)', ['Escape', 'Control+Home', 'Tab']],
  ['Shift+F6 (menu bar)', ['Shift+F6']], ['Enter (File menu)', ['Enter']], ['Down', ['ArrowDown']],
  ['Down', ['ArrowDown']], ['Escape, Escape', ['Escape', 'Escape']]]) {
  step(what);
  for (const k of keys) await press(page, k);
  await settle(page);
  await pause(3000);
}
// The entity's name when Tab selects it (said through the live region), the relation picker (a list box
// whose option at the cursor is the active descendant) and a modal dialog (Delete on an entity with a
// relation asks first).
step('import a document with three entities and relation types');
const SHORT = 'Bashar al-Assad met Vladimir Putin in Moscow on Tuesday.';
const at = (s) => SHORT.indexOf(s);
await page.evaluate((doc) => window.annotator.importFrom('native', doc, 'talks.json'), JSON.stringify({
  format: 'article-annotator', version: 2, text: SHORT,
  labels: [{ name: 'PER', color: '#aa9cfc', key: '1', description: 'Person: a named individual' },
    { name: 'LOC', color: '#feca74', key: '3', description: 'Location: a place' }],
  relation_types: [{ name: 'met_with', color: '#3366cc', key: 'm', sources: ['PER'], targets: ['PER'], symmetric: true },
    { name: 'located_in', color: '#aa33aa', targets: ['LOC'] }],
  entities: [{ id: 'e1', start: 0, end: 15, label: 'PER', text: 'Bashar al-Assad' },
    { id: 'e2', start: at('Vladimir'), end: at('Vladimir') + 14, label: 'PER', text: 'Vladimir Putin' },
    { id: 'e3', start: at('Moscow'), end: at('Moscow') + 6, label: 'LOC', text: 'Moscow', note: 'Capital of Russia' }],
}));
await settle(page);
await pause(3000);
for (const [what, keys] of [['Escape, Ctrl+Home, Tab (Bashar al-Assad)', ['Escape', 'Control+Home', 'Tab']],
  ['Tab (Vladimir Putin)', ['Tab']], ['Tab (Moscow, with its note)', ['Tab']],
  ['Shift+Tab, Shift+Tab (back to Bashar al-Assad)', ['Shift+Tab', 'Shift+Tab']],
  ['R (the relation picker)', ['r']], ['Down (second target)', ['ArrowDown']], ['Up (first target)', ['ArrowUp']],
  ['Enter (Putin: met_with, the only type, made)', ['Enter']], ['Tab, Delete (asks: Delete the entity?)', ['Tab', 'Delete']],
  ['Tab (Keep it)', ['Tab']], ['Escape (keep it)', ['Escape']]]) {
  step(what);
  for (const k of keys) await press(page, k);
  await settle(page);
  log(`mirror: live "${await page.evaluate(() => document.getElementById('aa-say').textContent)}", active descendant ` +
    `${await page.evaluate(() => { const id = document.getElementById('canvas').getAttribute('aria-activedescendant'); const e = id && document.getElementById(id); return id + ' ' + (e ? (e.getAttribute('role') || e.tagName) + ' "' + (e.getAttribute('aria-label') || e.textContent).slice(0, 80) + '"' : ''); })}`);
  await pause(3000);
}
step('end');
log('==== AT-SPI tree of the page (atspi_dump.py)');
log(execFileSync('/usr/bin/python3', [join(process.env.AA_HERE, 'atspi_dump.py'), 'chrom', '--doc'], { encoding: 'utf8' }));
if (orca) {
  const gone = new Promise((ok) => orca.once('exit', ok));
  orca.kill();
  await Promise.race([gone, pause(5000)]);
  if (orca.exitCode === null && orca.signalCode === null) orca.kill('SIGKILL');
  const spoken = readFileSync(join(OUT, 'orca-debug.log'), 'utf8').split('\n').filter((l) => l.includes('SPEECH OUTPUT'));
  writeFileSync(join(OUT, 'speech.txt'), spoken.join('\n') + '\n');
  console.log(`==== Orca said\n${spoken.join('\n')}`);
}
await browser.close().catch(() => {});
