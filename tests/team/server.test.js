// The test server itself (server.js): a long poll of _changes whose client goes away before the
// server has started its live feed leaves nothing running, so that a test process that stopped
// the server exits (express-pouchdb's route kept the feed and its heartbeat interval: page.test.mjs
// passed all its tests and its node never exited). Checked in a process of its own, which has to
// exit by itself once it stopped the server.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');

// Starts the server, sends long polls (heartbeat 10 s, as PouchDB asks) and closes each one's
// connection as soon as it is sent, waits until the server has answered a request sent after them
// (so that it has read them all), stops the server and says what is still open.
const CHILD = `
const http = require('node:http');
const { startServer } = require(${JSON.stringify(require.resolve('./server.js'))});
(async () => {
  const s = await startServer({ admin: null });
  await fetch(s.url + '/db', { method: 'PUT' });
  for (let i = 0; i < 5; i++) {
    await new Promise((done) => {
      const req = http.request(s.url + '/db/_changes?feed=longpoll&heartbeat=10000&since=now', { agent: false });
      req.on('error', done);
      req.on('close', done);
      req.end(() => setImmediate(() => req.destroy()));
    });
  }
  await (await fetch(s.url + '/db')).json();
  await s.stop();
  process.stdout.write(JSON.stringify(process.getActiveResourcesInfo()));
})();
`;

test('long polls whose clients left before their feeds started leave nothing running: the process exits once the server stops', async () => {
  const child = spawn(process.execPath, ['-e', CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
  let open = '';
  child.stdout.on('data', (d) => { open += d; });
  // A heartbeat left behind writes every 10 s for ever: three of them is more than any exit takes.
  const bound = setTimeout(() => child.kill('SIGKILL'), 30000);
  const [code, signal] = await new Promise((done) => child.once('exit', (c, s) => done([c, s])));
  clearTimeout(bound);
  assert.equal(signal, null, `the process did not exit by itself after the server stopped; open then: ${open}`);
  assert.equal(code, 0);
});
