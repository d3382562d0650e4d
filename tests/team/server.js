// A CouchDB-protocol server for the team-project tests: express-pouchdb (what pouchdb-server 4.2.0
// runs) over PouchDB's in-memory adapter, on 127.0.0.1 and a free port. Used two ways:
//   node tests/team/server.js            prints "http://127.0.0.1:PORT" and serves until killed
//   const {startServer} = require('./server.js')   in node tests (start, stop, restart)
// The pouchdb-server command itself installs its PouchDB twice at start-up (once per config
// default) and then fails on the first PUT /db ("db.info is not a function"), so the tests build
// the same app directly. pouchdb-validation 4.2.0 overwrites an incoming document's _revisions
// with the stored document's before validating (validate(): newDoc._revisions = oldDoc._revisions),
// so with a validate_doc_update every replicated write (_bulk_docs, new_edits false) is dropped
// without an error; CouchDB keeps the history it is sent. keepRevisions() below restores that:
// the parsed body's _revisions become read-only. restart() closes the listener and every open connection (a server
// going away mid-replication) and listens again on the same port with the same data.
// startServer({page: DIR}) also serves DIR (the built dist/) under /page/: the page and the database
// on one origin, as a reverse proxy in front of CouchDB serves them (its CSP keeps connect-src 'self').
'use strict';
const path = require('path');
const http = require('http');

const modules = path.join(__dirname, 'node_modules');
const need = (name) => require(path.join(modules, name));

function startServer({ port = 0, admin = { name: 'admin', password: 'admin-pw' }, page = null } = {}) {
  const PouchDB = need('pouchdb-core')
    .plugin(need('pouchdb-adapter-http'))
    .plugin(need('pouchdb-replication'))
    .plugin(need('pouchdb-mapreduce'))
    .plugin(need('pouchdb-adapter-memory'));
  const app = need('express-pouchdb')({ inMemoryConfig: true, logPath: '/dev/null' });
  app.setPouchDB(PouchDB.defaults({ adapter: 'memory' }));
  const outer = need('express')();
  if (page) {
    outer.use('/page', need('express').static(page, {
      setHeaders: (res, file) => {
        if (file.endsWith('.wasm')) res.setHeader('Content-Type', 'application/wasm');
        res.setHeader('Cache-Control', 'no-store');
      },
    }));
  }
  outer.use(keepRevisions);
  outer.use(app);
  const sockets = new Set();
  let server = null;
  const listen = (p) =>
    new Promise((resolve, reject) => {
      server = http.createServer(outer);
      server.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => resolve(server.address().port));
    });
  const close = () =>
    new Promise((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
      server = null;
    });
  return listen(port).then(async (actual) => {
    const url = `http://127.0.0.1:${actual}`;
    // Leave "admin party": every request without credentials is then an anonymous user.
    if (admin) {
      const r = await fetch(`${url}/_config/admins/${admin.name}`, { method: 'PUT', body: JSON.stringify(admin.password) });
      if (!r.ok) throw new Error(`cannot create the server admin: ${r.status}`);
    }
    return {
      url,
      port: actual,
      admin,
      stop: close,
      down: close,
      up: () => listen(actual),
      restart: async () => {
        await close();
        await listen(actual);
      },
    };
  });
}

// Parses a _bulk_docs body itself (body-parser, as express-pouchdb does, which then skips its own
// parse) and makes each document's _revisions ignore assignments.
function keepRevisions(req, res, next) {
  if (req.method !== 'POST' || !/\/_bulk_docs$/.test(req.path)) return next();
  need('body-parser').json({ limit: '64mb' })(req, res, (err) => {
    if (err) return next(err);
    const docs = req.body && Array.isArray(req.body.docs) ? req.body.docs : [];
    for (const doc of docs) {
      if (!doc || typeof doc !== 'object' || !doc._revisions) continue;
      const kept = doc._revisions;
      Object.defineProperty(doc, '_revisions', { get: () => kept, set: () => {}, enumerable: true, configurable: true });
    }
    next();
  });
}

module.exports = { startServer };

if (require.main === module) {
  startServer({ admin: process.env.AA_COUCH_ADMIN ? { name: process.env.AA_COUCH_ADMIN, password: process.env.AA_COUCH_PASSWORD || '' } : null }).then((s) => {
    process.stdout.write(s.url + '\n');
    const stop = () => s.stop().then(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
