// Helpers of the team-project tests: a fresh CouchDB-protocol server (server.js) with the users of
// a team, the annotator CLI (ANNOTATOR, set by ctest) and HTTP as one of those users.
'use strict';
const { execFile } = require('node:child_process');
const { mkdtempSync, writeFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { startServer } = require('./server.js');

const ROOT = resolve(__dirname, '..', '..');
const ANNOTATOR = process.env.ANNOTATOR || join(ROOT, 'build', 'native-debug', 'src', 'cli', 'annotator');
const FIXTURES = join(ROOT, 'tests', 'fixtures');
const PASSWORD = 'pw-of-';  // + user name

// The team: two annotators, a reviewer, a reader (roles in CouchDB's _users database).
const TEAM = { alice: ['annotator'], bob: ['annotator'], rita: ['reviewer'], rick: ['reader'] };

const basic = (name, password) => 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64');

async function startTeamServer(options = {}) {
  const server = await startServer(options);
  const admin = basic(server.admin.name, server.admin.password);
  for (const [name, roles] of Object.entries(TEAM)) {
    const r = await fetch(`${server.url}/_users/org.couchdb.user:${name}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: admin },
      body: JSON.stringify({ name, password: PASSWORD + name, roles, type: 'user' }),
    });
    if (r.status !== 201) throw new Error(`cannot create the user ${name}: ${r.status} ${await r.text()}`);
  }
  return server;
}

// Runs the CLI as `user` (null: no credentials; 'admin': the server admin). Asynchronous: the
// server runs in this process and must keep answering while the CLI waits for it.
function annotator(server, user, args) {
  const env = { ...process.env };
  const extra = [];
  if (user) {
    extra.push('--user', user);
    env.ANNOTATOR_PASSWORD = user === server.admin.name ? server.admin.password : PASSWORD + user;
  }
  return new Promise((resolve) => {
    execFile(ANNOTATOR, [...args, ...extra], { env, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

// An HTTP request to the server as `user` (null: anonymous); resolves to {status, body}.
async function as(server, user, method, path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (user) headers.Authorization = basic(user, user === server.admin.name ? server.admin.password : PASSWORD + user);
  const r = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: r.status, body: json, text, headers: r.headers };
}

// Every scratch directory of a test file lives under one, removed when the process ends.
let scratch = null;
function tempDir(prefix) {
  if (!scratch) {
    scratch = mkdtempSync(join(tmpdir(), 'aa-team-'));
    process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
  }
  return mkdtempSync(join(scratch, prefix));
}

// A stand-in dist/ with the page's three files, for publish.
function fakeDist() {
  const dir = tempDir('dist-');
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Article Annotator</title>');
  writeFileSync(join(dir, 'annotator.js'), 'console.log("annotator");');
  writeFileSync(join(dir, 'annotator.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  return dir;
}

module.exports = { ANNOTATOR, FIXTURES, TEAM, PASSWORD, startTeamServer, annotator, as, fakeDist, tempDir };
