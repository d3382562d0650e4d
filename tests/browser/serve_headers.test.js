// ./build-wasm.sh serve (scripts/serve.py) sends the headers that keep the page from being framed
// (Content-Security-Policy: frame-ancestors 'none', X-Frame-Options: DENY) and the other headers
// README "Hosting the page" asks a static host for; and Chromium refuses to show it in a frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, launchBrowser } from './harness.js';

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

async function startServe(dir) {
  const port = await freePort();
  const child = spawn('/usr/bin/python3', [join(ROOT, 'scripts', 'serve.py'), dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => { if (String(d).includes('Serving')) resolve(); });
    child.on('exit', (code) => reject(new Error(`serve.py exited ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, child };
}

test('serve.py sends frame-ancestors, X-Frame-Options, nosniff and no-referrer on every file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aa-serve-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>page</title><p>framed?</p>');
  writeFileSync(join(dir, 'annotator.wasm'), Buffer.from([0, 97, 115, 109]));
  const { url, child } = await startServe(dir);
  try {
    for (const path of ['', 'index.html', 'annotator.wasm', 'missing']) {
      const res = await fetch(url + path);
      assert.equal(res.headers.get('content-security-policy'), "frame-ancestors 'none'", path);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
    }
    assert.equal((await fetch(url + 'annotator.wasm')).headers.get('content-type'), 'application/wasm');

    // A page on another origin that frames it gets nothing from it.
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const other = url.replace('127.0.0.1', 'localhost');
      await page.route(other + 'frame.html', (route) =>
        route.fulfill({ contentType: 'text/html', body: `<iframe src="${url}index.html"></iframe>` }));
      // goto waits for the frame page's load event, which waits for its iframe's own load (or its
      // refusal's error page): what the frame shows is final here, no fixed wait needed.
      await page.goto(other + 'frame.html', { waitUntil: 'load' });
      const frame = page.frames().find((f) => f !== page.mainFrame());
      const shown = frame ? await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
      assert.ok(!shown.includes('framed?'), `the page was shown in a frame: ${shown}`);
    } finally {
      await browser.close();
    }
  } finally {
    child.kill();
  }
});
