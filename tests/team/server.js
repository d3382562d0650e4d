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
// the parsed body's _revisions become read-only. hold(match) leaves the first matching request
// unanswered and resolves with it (rejects when none came within a minute). restart() closes the listener and every open connection (a server
// going away mid-replication) and listens again on the same port with the same data.
// startServer({page: DIR}) also serves DIR (the built dist/) under /page/: the page and the database
// on one origin, as a reverse proxy in front of CouchDB serves them (its CSP keeps connect-src 'self').
// startServer({cors: true}) answers CORS requests with credentials through pouchdb-server's own CORS
// middleware (lib/cors.js, on by default in the pouchdb-server command), for the origins that an admin
// sets as CouchDB's are set: PUT /_config/cors/origins "http://page.example" (none until then).
'use strict';
const path = require('path');
const http = require('http');

const modules = path.join(__dirname, 'node_modules');
const need = (name) => require(path.join(modules, name));

// pouchdb-changeslike-wrapper 1.x (pouchdb-security and pouchdb-system-db wrap every database's
// changes() with it) removes every listener of a feed when it is cancelled, before the wrapped feed
// says 'complete'. express-pouchdb's _changes route cancels a long poll when its client goes away and
// clears the poll's heartbeat setInterval only on 'complete': each long poll that a browser left
// (a page closed, a replication stopped) kept a 10 s interval, and the test process, alive forever.
// Loaded before express-pouchdb, this says 'complete' ({status: 'cancelled'}, as PouchDB's own
// feeds do on cancel) to the listeners before the wrapper drops them.
{
  const file = require.resolve(path.join(modules, 'pouchdb-changeslike-wrapper'));
  const create = require(file);
  require.cache[file].exports = function createChangeslikeWrapper(handler) {
    const wrapped = create(handler);
    return function changesLike(origChanges, args) {
      const feed = wrapped(origChanges, args);
      // The wrapper re-emits the feed's 'error' on an emitter that nobody listens to when the feed
      // is used as a promise (express-pouchdb's _changes route): Node then ends the process. A
      // filter that cannot be found (filter=ddoc/missing, filter=_view&view=ddoc/missing,
      // _selector without a selector) did that; its promise rejects all the same, and the route
      // answers the error (404 missing), as CouchDB does.
      feed.on('error', () => {});
      const cancel = feed.cancel;
      feed.cancel = function () {
        feed.emit('complete', { status: 'cancelled' });
        cancel.call(feed);
      };
      return feed;
    };
  };
}

function startServer({ port = 0, admin = { name: 'admin', password: 'admin-pw' }, page = null, cors = null } = {}) {
  const PouchDB = need('pouchdb-core')
    .plugin(need('pouchdb-adapter-http'))
    .plugin(need('pouchdb-replication'))
    .plugin(need('pouchdb-mapreduce'))
    .plugin(need('pouchdb-adapter-memory'));
  const app = need('express-pouchdb')({ inMemoryConfig: true, logPath: '/dev/null' });
  app.setPouchDB(PouchDB.defaults({ adapter: 'memory' }));
  const outer = need('express')();
  if (cors) {
    app.couchConfig.set('cors', 'origins', 'http://no-origin-yet.invalid', () => {});
    outer.use(need('pouchdb-server/lib/cors.js')(app.couchConfig));
  }
  if (page) {
    outer.use('/page', need('express').static(page, {
      setHeaders: (res, file) => {
        if (file.endsWith('.wasm')) res.setHeader('Content-Type', 'application/wasm');
        res.setHeader('Cache-Control', 'no-store');
      },
    }));
  }
  // hold(match): the first request that `match` accepts is left unanswered and given to the
  // test, which can stop the server under it (a server going away in the middle of a replication).
  const holds = [];
  outer.use((req, res, next) => {
    const i = holds.findIndex((h) => h.match(req));
    if (i < 0) return next();
    holds.splice(i, 1)[0].found(req);
  });
  outer.use(selectorInBody);
  outer.use(keepRevisions);
  outer.use(closedLongPoll);
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
      hold: (match, ms = 60000) =>
        new Promise((resolve, reject) => {
          const h = { match, found: (req) => { clearTimeout(timer); resolve(req); } };
          const timer = setTimeout(() => {
            holds.splice(holds.indexOf(h), 1);
            reject(new Error(`no request to hold came in ${ms} ms`));
          }, ms);
          holds.push(h);
        }),
      down: close,
      up: () => listen(actual),
      restart: async () => {
        await close();
        await listen(actual);
      },
    };
  });
}

// A _selector filter in a _changes POST body (what CouchDB reads, and what PouchDB's `selector`
// replication sends): express-pouchdb 4.2.0 takes only doc_ids from the body, so it looked for a
// design document "_selector" instead. Refused with a reason that says so (400, and on stderr, so a
// test that sends it fails naming the cause); selector= in the query string works there.
function selectorInBody(req, res, next) {
  if (req.method !== 'POST' || !/\/_changes$/.test(req.path) || req.query.filter !== '_selector' || req.query.selector !== undefined) return next();
  const reason = `tests/team/server.js: pouchdb-server 4.2.0 does not read a _selector filter from the POST body of ${req.path} ` +
    '(CouchDB does); give it as selector= in the query string, or replicate with doc_ids or a design document\'s filter';
  process.stderr.write(reason + '\n');
  res.status(400).json({ error: 'bad_request', reason });
}

// express-pouchdb 4.2.0's _changes route starts a long poll's heartbeat (a setInterval, 10 s as
// PouchDB asks) at once, then reads the changes since `since`, and only when there are none starts
// the live feed and listens for the connection's 'close' to cancel it (which clears the heartbeat).
// A client that went away before that (a replication restarted or cancelled, a page closed or
// reloaded, the server stopped) had closed the connection already: the listener never ran, the feed
// and its interval stayed, and the test process never exited (likely why page.test.mjs passed all
// its tests and then hung, 2 runs of 4; server.test.js). The route's connection (req.connection) here is the socket, except that a
// 'close' listener added once the socket is closed is called at once (on the next tick).
function closedLongPoll(req, res, next) {
  if (!/\/_changes$/.test(req.path) || req.query.feed !== 'longpoll') return next();
  const socket = req.socket;
  const connection = Object.create(socket, {
    on: {
      value: (event, listener) => {
        if (event === 'close' && socket.destroyed) process.nextTick(listener);
        else socket.on(event, listener);
        return connection;
      },
    },
    removeListener: {
      value: (event, listener) => {
        socket.removeListener(event, listener);
        return connection;
      },
    },
  });
  Object.defineProperty(req, 'connection', { value: connection, configurable: true });
  next();
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
