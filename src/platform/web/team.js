// The page's team-project sync (docs/team.md): a partial local replica of the CouchDB database in
// IndexedDB (PouchDB) holding the project, my own ann: documents and the articles opened here,
// replicated both ways and live (the pull filtered by doc_ids); the project's queue read from the
// server's view (_design/annotator/_view/queue) and followed through the server's changes feed, kept
// in the replica for an offline start; the open document read from the replica and its edits
// written there (never waiting for the network); other annotators' documents read from the server
// when the replica lacks them; the sync state, what waits derived from the replica (durable); a
// same-user conflict merged three ways by the wasm merge (window.annotator.mergeAnnotations), or
// shown for the user to choose.
// build-wasm.sh writes dist/team.js = PouchDB's and fflate's browser builds (npm, pinned) + this file + team_io.js;
// pre.js loads it only when a team project is opened. Messages to the App: io/team_page.hpp.
// [SECTION] index, each section opened by a line `// ---- name ----`: Signing in and out, The
// replica and its replication, What waits, The queue, The server's queue, Documents (reading,
// writing, same-user conflicts), A corpus-wide comparison.
'use strict';

(function () {
  var H = window.AAHost;
  var KEY = 'aa-team-project';  // localStorage: {url, user, roles, open: {article, target}}
  var S = null;                 // the open project

  function describe(e) {
    if (!e) return 'unknown error';
    return e.reason || e.message || e.name || String(e);
  }
  function send(ev) { H.teamEvent(ev); }
  function fail(message) { send({ kind: 'error', message: message }); }
  function remember(patch) {
    var r = {};
    try { r = JSON.parse(localStorage.getItem(KEY) || '{}') || {}; } catch (e) { r = {}; }
    Object.keys(patch).forEach(function (k) { r[k] = patch[k]; });
    localStorage.setItem(KEY, JSON.stringify(r));
    H.teamPersist(JSON.stringify(r));  // durable at once (pre.js)
    return r;
  }
  function remembered() {
    try { return JSON.parse(localStorage.getItem(KEY) || 'null'); } catch (e) { return null; }
  }
  // The server's root (where _session is) from a database URL: the last path segment removed, so
  // that a server behind a path prefix (a reverse proxy's /couch/db) works too.
  function serverRoot(url) { return url.replace(/\/+$/, '').replace(/\/[^/]*$/, ''); }
  function request(url, opts) {
    opts = opts || {};
    opts.credentials = 'include';
    opts.headers = Object.assign({ Accept: 'application/json' }, opts.headers || {});
    return fetch(url, opts);
  }
  // A stored document as the App reads it: without the replication's bookkeeping.
  function clean(doc) {
    if (!doc) return null;
    var out = {};
    Object.keys(doc).forEach(function (k) {
      if (k !== '_conflicts' && k !== '_revisions' && k !== '_revs_info') out[k] = doc[k];
    });
    return out;
  }
  function randomHex() {
    var a = new Uint8Array(16);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (x) { return (x + 256).toString(16).slice(1); }).join('');
  }
  function mine(id) {
    if (!S) return false;
    var p = id.split(':');
    return (p[0] === 'ann' && p[2] === S.user) || (p[0] === 'gold' && S.open && S.open.target === id);
  }

  // ---- Signing in and out ----

  function signIn(url, name, password) {
    var dbUrl;
    try {
      var u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http');
      dbUrl = u.href.replace(/\/+$/, '');
    } catch (e) {
      return fail('"' + url + '" is not the http(s) URL of a database');
    }
    var root = serverRoot(dbUrl);
    request(root + '/_session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: name, password: password }),
    }).then(function (r) {
      if (r.status === 401) throw new Error('Sign-in refused by ' + root + ': wrong name or password');
      if (!r.ok) throw new Error('Sign-in at ' + root + ' failed: HTTP ' + r.status);
      return r.json();
    }).then(function (s) {
      return request(dbUrl + '/').then(function (r) {
        if (r.status === 404) throw new Error('There is no database at ' + dbUrl);
        if (r.status === 401 || r.status === 403)
          throw new Error(name + ' may not read ' + dbUrl + ' (the database\'s members are the roles annotator, reviewer and reader)');
        if (!r.ok) throw new Error(dbUrl + ' answered HTTP ' + r.status);
        if (S && S.url === dbUrl && S.user === name) {
          // Signed in again to the open project (the session had ended): the replica, the open
          // article and what waits stay; only the replication starts again, with the new cookie.
          remember({ roles: s.roles || [] });
          S.roles = s.roles || [];
          S.askedSignIn = false;
          send({ kind: 'session', url: dbUrl, user: name, roles: S.roles });
          if (S.sync) replicate(S, true);
          connect(S);
          return;
        }
        remember({ url: dbUrl, user: name, roles: s.roles || [], open: null });
        start(dbUrl, name, s.roles || [], false);
      });
    }).catch(function (e) {
      var why = describe(e);
      // A fetch the Content-Security-Policy blocks fails like a network error.
      if (e instanceof TypeError)
        why = 'Cannot reach ' + root + ' (' + why + '): offline, or another origin that this page does not allow (build it with ./build-wasm.sh --connect-src ' + new URL(dbUrl).origin + ')';
      fail(why);
    });
  }

  // The server no longer takes this page's session (it ended, or the browser restarted without its
  // cookie): the replica keeps working here and the App asks to sign in again, once.
  function askSignIn(s) {
    if (s !== S || s.askedSignIn) return;
    s.askedSignIn = true;
    s.online = false;
    state('signed out by the server');
    send({ kind: 'sign-in', message: 'Your session at ' + serverRoot(s.url) + ' has ended: sign in again as ' + s.user +
      ' (File > Team project...). Your edits wait on this device.' });
  }

  // At a later visit the remembered project opens from the replica at once; it replicates once the
  // server's _session says that this browser is still signed in as that person (a cookie of another
  // person would replicate as them). Unreachable: replicated anyway, the replication retries.
  function checkSession(s) {
    return request(serverRoot(s.url) + '/_session').then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (j) {
      if (s !== S) return;
      if (j && j.userCtx && j.userCtx.name === s.user) connect(s);
      else askSignIn(s);
    }, function () {
      if (s === S) connect(s);
    });
  }

  function stop() {
    if (!S) return;
    if (S.sync) S.sync.cancel();
    if (S.feed) S.feed.cancel();
    if (S.serverFeed) S.serverFeed.cancel();
    clearTimeout(S.followRetry);
    clearTimeout(S.touchTimer);
    clearTimeout(S.replicateTimer);
    S = null;
  }

  function signOut() {
    var url = S ? S.url : null;
    stop();
    localStorage.removeItem(KEY);
    H.teamPersist(null);
    if (url) request(serverRoot(url) + '/_session', { method: 'DELETE' }).catch(function () {});
    send({ kind: 'signed-out' });
  }

  // ---- The replica and its replication ----

  var SYNC_DOC = '_local/aa-sync';    // in the replica: {acked, refused} (never replicated)
  var QUEUE_DOC = '_local/aa-queue';  // in the replica: the server's queue last read, for an offline start

  function start(url, user, roles, resume) {
    stop();
    // PouchDB's HTTP adapter sends the browser's cookies (credentials: 'include'): the _session's.
    var remote = new PouchDB(url, { skip_setup: true });
    S = {
      url: url, user: user, roles: roles, remote: remote,
      // IndexedDB; the URL encoded: a name holding "://" would be taken for a remote database.
      local: new PouchDB('aa-team-' + encodeURIComponent(url) + '-' + encodeURIComponent(user), { adapter: 'idb' }),
      revs: {},        // doc id -> the revision this page last wrote or showed (its echo is not shown again)
      basis: {},       // doc id -> what the App's copy is based on: a revision, or the App's last write (write())
      pending: {},     // doc id -> revision in the replica not known to be on the server (What waits)
      acked: {},       // doc id -> the last revision known to be on the server
      refused: {},     // doc id -> true: the server refused this page's last write of it
      online: true, caughtUp: false, conflict: null, open: null, failing: { push: false, pull: false },
      articles: new Map(),  // the queue as the replica holds it (my documents, what was opened or imported)
      server: new Map(),    // the queue as the server's view says (everyone's), see "The server's queue"
      partial: true,        // false: the database has no queue view (published before it): whole replication
      seq: null,            // the server's update sequence that `server` is current to
      follow: null,         // the doc_ids the live pull follows (JSON), null before the first replication
      chain: Promise.resolve(), saving: Promise.resolve(), lastState: '',
    };
    send({ kind: 'session', url: url, user: user, roles: roles });
    state();
    var s = S;
    s.local.info().then(function (info) {
      // The refusals first: the queue shows them (take).
      return loadSyncState(s).then(function () {
        return Promise.all([loadServerQueue(s), scan(s, 'article:', true), scan(s, 'ann:', true), scan(s, 'gold:', false)]);
      }).then(function () { return derivePending(s); }).then(function () {
          if (s !== S) return;
          sendQueue(s);
          state();
          watchLocal(s, info.update_seq);
          if (resume) checkSession(s);
          else connect(s);
          var r = remembered();
          if (resume && r && r.open) open(r.open.article, r.open.target, true);
        });
    }).catch(function (e) { fail('The team project\'s replica cannot be read: ' + describe(e)); });
  }

  // Online (signed in): the server's queue is read (or caught up from the sequence last kept), then
  // the replication starts with the documents this device follows.
  function connect(s) {
    if (s !== S) return;
    followServer(s);
  }

  // synced / N changes waiting / offline / conflict (and connecting until the first catch-up).
  function state(message) {
    if (!S) return;
    var waiting = Object.keys(S.pending).length;
    var st = S.conflict ? 'conflict' : !S.online ? 'offline' : waiting ? 'waiting' : S.caughtUp ? 'synced' : 'connecting';
    var key = st + waiting + (message || '');
    if (key === S.lastState) return;
    S.lastState = key;
    send({ kind: 'sync', state: st, waiting: waiting, message: message || '' });
  }

  // What the live pull follows: the project and my ann: document of every article (those that do not
  // exist yet too, so that another device of mine starting one is followed without a restart), the
  // gold: documents this device holds (a reviewer's curation). Never the other annotators' documents
  // nor the articles' texts (an opened article is fetched when opened: openIn). Without the queue
  // view: everything (null).
  function followed(s) {
    if (!s.partial) return null;
    var ids = { project: true };
    var add = function (e, id) {
      if (e.exists || e.status[s.user] !== undefined) ids['ann:' + id + ':' + s.user] = true;
      if (e.gold && s.articles.has(id) && s.articles.get(id).gold) ids['gold:' + id] = true;
    };
    s.server.forEach(add);
    s.articles.forEach(add);
    return Object.keys(ids).sort();
  }

  // (Re)starts the replication when what it follows changed (a new article, a gold: document held
  // here). The pull's checkpoint is kept in the replica only ('target'): a reader writes nothing on
  // the server, and another set of doc_ids is another replication (PouchDB's id includes them).
  function replicate(s, force) {
    var ids = followed(s);
    var key = JSON.stringify(ids);
    if (!force && s.sync && key === s.follow) return;
    s.follow = key;
    if (s.sync) s.sync.cancel();
    s.failing = { push: false, pull: false };
    var rep = s.sync = s.local.sync(s.remote, {
      live: true,
      retry: true,
      back_off_function: function (delay) { return delay === 0 ? 500 : Math.min(delay * 2, 2000); },
      pull: ids ? { doc_ids: ids, checkpoint: 'target' } : {},
    });
    // A replication replaced by a new one (signed in again) says nothing any more.
    var current = function () { return s === S && s.sync === rep; };
    rep.on('change', function (info) {
      if (!current()) return;
      s.online = true;
      acknowledged(s, info.change.docs);
      state();
    }).on('paused', function () {
      // Both directions idle. The sync's 'paused' carries no error and comes first, also when a
      // direction paused on a failed request (PouchDB's sync listens to each direction before this
      // page does): decided after each direction's own 'paused' has said whether it failed, so
      // that a failure never shows "synced" for a moment.
      setTimeout(function () {
        if (!current() || s.failing.push || s.failing.pull || rep.push.state !== 'pending' || rep.pull.state !== 'pending') return;
        s.online = true;
        s.caughtUp = true;
        verifyPending(s);
        state();
      }, 0);
    }).on('active', function () {
      if (!current()) return;
      state();
    }).on('denied', function (err) {
      if (!current()) return;
      // The server's validate_doc_update refused a document: it stays on this device only.
      var d = err.doc || err;  // sync wraps the write's error as {direction, doc}
      var id = d.id || d._id || 'a document';
      delete s.pending[id];
      // The queue shows the refusal, not the status the refused document holds in this replica.
      s.refused[id] = true;
      if (id.indexOf('ann:') === 0) {
        take(s, id, null, false);
        sendQueue(s);
      }
      saveSyncState(s);
      fail('The server refused ' + id + ': ' + describe(d).replace(/\.$/, '') + '. The change stays on this device only.');
      state();
    }).on('error', function (err) {
      if (!current()) return;
      s.online = false;
      state(describe(err));
    });
    // Each direction says when a request failed (it then retries with back-off) and when it works.
    ['push', 'pull'].forEach(function (dir) {
      rep[dir].on('paused', function (err) {
        if (!current() || !err) return;
        s.failing[dir] = true;
        s.online = false;
        if (err.status === 401 || err.status === 403) {
          state('The server does not accept your session any more: sign in again (File > Team project...). Your edits stay on this device.');
          askSignIn(s);
        } else
          state(describe(err));
      });
      rep[dir].on('active', function () {
        if (!current()) return;
        s.failing[dir] = false;
        s.online = !s.failing.push && !s.failing.pull;
        state();
      });
    });
  }

  // Documents the server does not send live (an opened article, a document this device lacks) into
  // the replica: a one-shot replication of those ids (PouchDB: their revision history, conflicts
  // too), no checkpoint. Resolves false when the server cannot be reached.
  function fetchIn(s, ids) {
    if (!ids.length) return Promise.resolve(true);
    var rep = PouchDB.replicate(s.remote, s.local, { doc_ids: ids, checkpoint: false });
    rep.on('change', function (info) { if (s === S) acknowledged(s, info.docs); });
    return rep.then(function () { return true; }, function () { return false; });
  }

  // ---- What waits: derived from the replica, never counted apart from it ----
  // A document waits when the replica's revision is not the last one known to be on the server
  // (`acked`, kept in the replica's _local/aa-sync and written after the server's answer). A browser
  // killed before that write counts a document that was sent as waiting until the next catch-up asks
  // the server (verifyPending); it never counts a waiting one as sent.

  function loadSyncState(s) {
    return s.local.get(SYNC_DOC).then(function (d) {
      s.acked = d.acked || {};
      s.refused = d.refused || {};
      s.syncKnown = true;
    }, function () {
      // A replica of an earlier page (its counts in localStorage): what it said waits still waits,
      // everything else was on the server.
      var old = KEY + ':pending:' + s.url + ':' + s.user, oldRefused = KEY + ':refused:' + s.url + ':' + s.user;
      try { s.migrated = JSON.parse(localStorage.getItem(old) || 'null'); } catch (e) { s.migrated = null; }
      try { s.refused = JSON.parse(localStorage.getItem(oldRefused) || '{}') || {}; } catch (e) { s.refused = {}; }
      localStorage.removeItem(old);
      localStorage.removeItem(oldRefused);
    });
  }

  function derivePending(s) {
    return s.local.allDocs().then(function (res) {
      res.rows.forEach(function (row) {
        if (row.id.indexOf('_design/') === 0) return;
        if (!s.syncKnown && !(s.migrated && s.migrated[row.id] === row.value.rev)) s.acked[row.id] = row.value.rev;
        if (!s.refused[row.id] && s.acked[row.id] !== row.value.rev) s.pending[row.id] = row.value.rev;
      });
      if (!s.syncKnown) saveSyncState(s);
    });
  }

  // Written to the replica at once, in order (a _local document needs its revision).
  function saveSyncState(s) {
    s.saving = s.saving.then(function () {
      return s.local.get(SYNC_DOC).catch(function () { return { _id: SYNC_DOC }; }).then(function (d) {
        d.acked = s.acked;
        d.refused = s.refused;
        return s.local.put(d);
      });
    }).catch(function () {});
    s.syncKnown = true;
  }

  // Documents the server has answered with (pushed, or pulled from it).
  function acknowledged(s, docs) {
    (docs || []).forEach(function (d) {
      s.acked[d._id] = d._rev;
      if (s.pending[d._id] === d._rev) delete s.pending[d._id];
    });
    saveSyncState(s);
  }

  function wrote(s, id, rev) {
    s.pending[id] = rev;
    state();
  }

  // After a catch-up: what the server has is no longer waiting (also after a reload, whose
  // replication may have sent it before the page counted it). revs_diff: a revision the server has,
  // even below a newer one, is not missing.
  function verifyPending(s) {
    var ids = Object.keys(s.pending);
    if (!ids.length) return state();
    var ask = {};
    ids.forEach(function (id) { ask[id] = [s.pending[id]]; });
    s.remote.revsDiff(ask).then(function (missing) {
      if (s !== S) return;
      ids.forEach(function (id) {
        if (missing[id] || s.pending[id] !== ask[id][0]) return;
        s.acked[id] = ask[id][0];
        delete s.pending[id];
      });
      saveSyncState(s);
      state();
    }).catch(function () {});
  }

  // ---- The queue: the project's articles and everyone's status, never the texts ----
  // Two parts: the server's (its view: everyone's statuses) and the replica's (my documents, written
  // here first, and what this device opened or imported). Mine come from the replica, the others'
  // from the server; an article is listed when either has it.

  function entry(map, article) {
    var e = map.get(article);
    if (!e) {
      e = { id: article, title: '', assigned: [], status: {}, gold: false, exists: false };
      map.set(article, e);
    }
    return e;
  }

  function take(s, id, doc, deleted) {
    var p = id.split(':');
    if (p[0] === 'article' && p.length === 2) {
      var e = entry(s.articles, p[1]);
      e.exists = !deleted;
      if (doc) {
        e.title = typeof doc.title === 'string' ? doc.title : '';
        e.assigned = Array.isArray(doc.assigned) ? doc.assigned.filter(function (x) { return typeof x === 'string'; }) : [];
      }
    } else if (p[0] === 'ann' && p.length === 3) {
      if (deleted) delete entry(s.articles, p[1]).status[p[2]];
      else if (s.refused[id]) entry(s.articles, p[1]).status[p[2]] = 'refused';
      else entry(s.articles, p[1]).status[p[2]] = doc && typeof doc.status === 'string' ? doc.status : 'todo';
    } else if (p[0] === 'gold' && p.length === 2) {
      entry(s.articles, p[1]).gold = !deleted;
    }
  }

  function queueList(s) {
    var list = [];
    var ids = new Set();
    s.server.forEach(function (e, id) { ids.add(id); });
    s.articles.forEach(function (e, id) { ids.add(id); });
    ids.forEach(function (id) {
      var sv = s.server.get(id), lo = s.articles.get(id);
      var svx = sv && sv.exists, lox = lo && lo.exists;
      if (!svx && !lox) return;
      var base = svx ? sv : lo;
      var status = {};
      if (sv) Object.keys(sv.status).forEach(function (u) { status[u] = sv.status[u]; });
      if (lo) Object.keys(lo.status).forEach(function (u) {
        if (u === s.user || status[u] === undefined) status[u] = lo.status[u];
      });
      list.push({ id: id, title: base.title, assigned: base.assigned, status: status, gold: !!((sv && sv.gold) || (lo && lo.gold)) });
    });
    list.sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
    return list;
  }

  // A change after a quiet moment is shown at once (the next task: the changes of one replication
  // batch arrive together); a stream of changes (a first sync) at most every 150 ms, since each
  // sends the whole queue. (Always 150 ms later, it was a fixed part of every edit's way to another
  // annotator's page.)
  function sendQueue(s) {
    if (s !== S || s.queueTimer) return;
    var wait = Math.max(0, (s.queueSent || 0) + 150 - Date.now());
    s.queueTimer = setTimeout(function () {
      s.queueTimer = 0;
      s.queueSent = Date.now();
      if (s !== S) return;
      send({ kind: 'queue', articles: queueList(s) });
    }, wait);
  }

  // Pages of 100 documents: the texts pass through memory 100 at a time and are not kept.
  function scan(s, prefix, withDocs) {
    var startkey = prefix;
    function page() {
      return s.local.allDocs({ startkey: startkey, endkey: prefix + '\uffff', limit: 100, include_docs: withDocs }).then(function (res) {
        res.rows.forEach(function (row) { take(s, row.id, row.doc || null, false); });
        if (res.rows.length < 100) return;
        startkey = res.rows[res.rows.length - 1].id + '\u0000';
        return page();
      });
    }
    return page();
  }

  function watchLocal(s, since) {
    s.feed = s.local.changes({ live: true, since: since, include_docs: true, conflicts: true }).on('change', function (ch) {
      if (s !== S || ch.id.indexOf('_local/') === 0) return;
      take(s, ch.id, ch.doc, ch.deleted);
      sendQueue(s);
      if (s.sync && JSON.stringify(followed(s)) !== s.follow) replicateSoon(s);
      if (ch.deleted || !mine(ch.id)) return;
      if (ch.doc._conflicts && ch.doc._conflicts.length) {
        resolveConflict(s, ch.id, null);
        return;
      }
      if (s.conflict && s.conflict.id === ch.id) {  // resolved on another device
        s.conflict = null;
        state();
      }
      // My document changed and this page did not write that: another device, shown at once. (A
      // revision whose body the App already has changes nothing there: TeamState::base.)
      if (s.open && s.open.target === ch.id && s.revs[ch.id] !== ch.doc._rev) show(s, ch.id, ch.doc, '');
    }).on('error', function (e) { fail('The replica\'s changes feed stopped: ' + describe(e)); });
  }

  function replicateSoon(s) {
    if (s.replicateTimer) return;
    s.replicateTimer = setTimeout(function () {
      s.replicateTimer = 0;
      if (s === S && s.sync) replicate(s, false);
    }, 500);
  }

  // ---- The server's queue: its view, followed through its changes feed ----
  // _design/annotator/_view/queue (annotator publish installs it) emits one row per article:,
  // ann: and gold: document, keyed by the article: read in pages of 1,000 rows, then kept current
  // from the server's changes feed (ids only, never the documents), re-reading the rows of the
  // articles a change touched. What was read is kept in the replica (_local/aa-queue): the next
  // start shows it at once, offline too, and reads the view again once the server answers. A
  // database published before the view has none (404): the whole database is replicated then and
  // the queue is the replica's, as before.

  var VIEW = 'annotator/queue', PAGE = 1000;

  function loadServerQueue(s) {
    return s.local.get(QUEUE_DOC).then(function (d) {
      s.partial = d.partial !== false;
      s.seq = d.seq === undefined ? null : d.seq;
      (d.articles || []).forEach(function (a) {
        s.server.set(a[0], { id: a[0], title: a[1], assigned: a[2], status: a[3], gold: a[4], exists: true });
      });
    }, function () {});
  }

  function saveServerQueue(s) {
    if (s.queueSaveTimer) return;
    s.queueSaveTimer = setTimeout(function () {
      s.queueSaveTimer = 0;
      if (s !== S) return;
      var articles = [];
      s.server.forEach(function (e) { if (e.exists) articles.push([e.id, e.title, e.assigned, e.status, e.gold]); });
      s.saving = s.saving.then(function () {
        return s.local.get(QUEUE_DOC).catch(function () { return { _id: QUEUE_DOC }; }).then(function (d) {
          d.partial = s.partial;
          d.seq = s.seq;
          d.articles = articles;
          return s.local.put(d);
        });
      }).catch(function () {});
    }, 1000);
  }

  // The view's rows of some articles (all: keys null) into s.server.
  function fromRows(s, rows, keys) {
    var fresh = new Map();
    (keys || []).forEach(function (k) { fresh.set(k, null); });
    rows.forEach(function (row) {
      var e = fresh.get(row.key);
      if (!e) {
        e = { id: row.key, title: '', assigned: [], status: {}, gold: false, exists: false };
        fresh.set(row.key, e);
      }
      var v = row.value || {};
      if (row.id.indexOf('article:') === 0) {
        e.exists = true;
        e.title = typeof v.title === 'string' ? v.title : '';
        e.assigned = Array.isArray(v.assigned) ? v.assigned.filter(function (x) { return typeof x === 'string'; }) : [];
      } else if (v.user) e.status[v.user] = v.status || 'todo';
      else if (v.gold) e.gold = true;
    });
    fresh.forEach(function (e, k) {
      if (e) s.server.set(k, e);
      else s.server.delete(k);
    });
  }

  function readView(s) {
    var rows = [];
    function page(after) {
      var opts = { limit: PAGE };
      if (after) {
        opts.startkey = after.key;
        opts.startkey_docid = after.id;
        opts.skip = 1;
      }
      return s.remote.query(VIEW, opts).then(function (res) {
        rows = rows.concat(res.rows);
        if (res.rows.length === PAGE) return page(res.rows[res.rows.length - 1]);
      });
    }
    return page(null).then(function () { return rows; });
  }

  // The whole view (the first time, or to learn whether there is one), with the sequence it is
  // current to (read before it: a change in between is read again, never missed).
  function readServerQueue(s) {
    return s.remote.info().then(function (info) {
      var seq = info.update_seq;
      return readView(s).then(function (rows) {
        s.partial = true;
        s.server = new Map();
        fromRows(s, rows, null);
        s.seq = seq;
      }, function (e) {
        if (e.status !== 404) throw e;
        // No queue view here (an earlier annotator publish): the whole database, as before.
        s.partial = false;
        s.server = new Map();
        s.seq = seq;
      });
    }).then(function () {
      s.viewChecked = true;
      saveServerQueue(s);
      sendQueue(s);
    });
  }

  // A change on the server (ids only): its article's rows are read again a moment later, with the
  // other changes that came meanwhile.
  function touched(s, ch) {
    var p = ch.id.split(':');
    if ((p[0] === 'article' || p[0] === 'gold') && p.length === 2 || p[0] === 'ann' && p.length === 3) s.touched.add(p[1]);
    // An article this device holds (opened, imported) and the live pull does not follow: kept current.
    if (p[0] === 'article' && p.length === 2 && s.partial && s.articles.has(p[1]) && s.articles.get(p[1]).exists) s.refresh.add(ch.id);
    s.touchedSeq = ch.seq;
    if (!s.touchTimer) s.touchTimer = setTimeout(function () { readTouched(s); }, 30);
  }

  function readTouched(s) {
    s.touchTimer = 0;
    if (s !== S) return;
    var keys = Array.from(s.touched), seq = s.touchedSeq;
    s.touched = new Set();
    if (s.refresh.size) {
      fetchIn(s, Array.from(s.refresh));
      s.refresh = new Set();
    }
    var read = keys.length && s.partial ? s.remote.query(VIEW, { keys: keys }) : Promise.resolve(null);
    read.then(function (res) {
      if (s !== S) return;
      if (res) {
        fromRows(s, res.rows, keys);
        sendQueue(s);
        replicate(s, false);
      }
      s.seq = seq;
      saveServerQueue(s);
    }, function () {
      if (s !== S) return;
      keys.forEach(function (k) { s.touched.add(k); });
      if (!s.touchTimer) s.touchTimer = setTimeout(function () { readTouched(s); }, 1000);
    });
  }

  // The server's queue read (again at each start: the one kept is shown meanwhile), the replication
  // started with what it follows, then the server's changes feed followed from the sequence read; a
  // failure (offline, the server away, the session ended) is retried with back-off while the kept
  // queue stays shown (the replication, started with what the kept queue follows, retries itself).
  function followServer(s) {
    if (s.following) {
      if (s.followRetry) {  // signed in again: the round waiting out a failure starts now
        clearTimeout(s.followRetry);
        s.followRetry = 0;
        s.followRound();
      }
      return;
    }
    s.following = true;
    s.touched = new Set();
    s.refresh = new Set();
    var delay = 0;
    var retry = function () {
      if (s !== S) return;
      if (!s.sync && s.seq !== null) replicate(s, false);
      delay = delay ? Math.min(delay * 2, 4000) : 500;
      s.followRetry = setTimeout(function () { s.followRetry = 0; s.followRound(); }, delay);
    };
    s.followRound = function () {
      if (s !== S) return;
      var ready = s.seq === null || !s.viewChecked ? readServerQueue(s) : Promise.resolve();
      ready.then(function () {
        if (s !== S) return;
        delay = 0;
        replicate(s, false);
        var feed = s.serverFeed = s.remote.changes({ since: s.seq, live: true, heartbeat: 10000 });
        feed.on('change', function (ch) { if (s === S && s.serverFeed === feed) touched(s, ch); })
          .on('error', function () {
            if (s !== S || s.serverFeed !== feed) return;
            s.serverFeed = null;
            retry();
          });
      }, retry);
    };
    s.followRound();
  }

  // ---- Documents ----

  // From the replica; before the first sync has brought it, from the server.
  function getDoc(s, id) {
    return s.local.get(id, { conflicts: true }).catch(function (e) {
      if (e.status !== 404) throw e;
      return s.remote.get(id).catch(function (e2) {
        if (e2.status === 404) return null;
        throw e2;
      });
    });
  }

  // An article opens from the replica; what it lacks (the article, the first time; the project;
  // my document written on another device and not yet pulled) is first brought into it, so that
  // an edit always has its document's history here (an edit of a copy read from the server alone
  // would start a second branch of it).
  function openIn(s, article, target) {
    var ids = ['project', 'article:' + article, target];
    return s.local.allDocs({ keys: ids }).then(function (res) {
      var missing = res.rows.filter(function (row, i) {
        return !(row.value && !row.value.deleted) && (i < 2 || onServer(s, article, target));
      }).map(function (row) { return row.key; });
      return fetchIn(s, missing);
    });
  }

  // Whether my document (or the gold one) of an article may exist on the server: the server's
  // queue says so (unknown: it may).
  function onServer(s, article, target) {
    var sv = s.server.get(article);
    if (!s.partial || !sv) return true;
    return target.indexOf('gold:') === 0 ? sv.gold : sv.status[s.user] !== undefined;
  }

  // Through the write chain, as a write and a merge go: a write of this document still on its way
  // to the replica (an edit made just before another article was opened and this one again) is read
  // back, not the revision before it, and the revision the page's next edit is based on is the one
  // it was shown. Opens are shown in the order they were asked for.
  function open(article, target, resume) {
    var s = S;
    s.chain = s.chain.then(function () { return openNow(s, article, target, resume); });
  }

  function openNow(s, article, target, resume) {
    return openIn(s, article, target).then(function () {
      // My document that the server's queue does not know is new: not asked of the server (offline
      // it could not answer, and there is nothing to read).
      var mineDoc = onServer(s, article, target) ? getDoc(s, target) : s.local.get(target, { conflicts: true }).catch(function (e) {
        if (e.status === 404) return null;
        throw e;
      });
      return Promise.all([getDoc(s, 'project'), getDoc(s, 'article:' + article), mineDoc]);
    }).then(function (d) {
      if (s !== S) return;
      if (!d[0]) throw new Error('the project has no "project" document yet (annotator push creates it)');
      if (!d[1]) throw new Error('there is no article:' + article);
      s.open = { article: article, target: target };
      remember({ open: s.open });
      s.revs[target] = s.basis[target] = d[2] ? d[2]._rev : undefined;
      send({ kind: 'article', project: clean(d[0]), article: clean(d[1]), annotations: clean(d[2]), target: target,
             message: resume ? 'resume' : '' });
      if (d[2] && d[2]._conflicts && d[2]._conflicts.length) resolveConflict(s, target, null);
    }).catch(function (e) { fail('Cannot open ' + article + ': ' + describe(e)); });
  }

  // Another annotator's document of the open article (or mine, beside the gold), for a comparison:
  // through the write chain, as an open goes. Asked for while an open waits there (the article
  // opened again, its gold document), it is answered after that open, whose article closes any
  // comparison, and not before; a merge of the document waiting there is read after it, not the
  // revision before. An open of another article asked for before it: the App says it is not compared.
  function other(id) {
    var s = S;
    s.chain = s.chain.then(function () { return otherNow(s, id); });
  }

  function otherNow(s, id) {
    return getDoc(s, id).then(function (doc) {
      if (s === S) send({ kind: 'other', target: id, annotations: clean(doc) });
    }).catch(function (e) { fail('Cannot read ' + id + ': ' + describe(e)); });
  }

  // A revision of the open document given to the App, which applies it at once (merged with its
  // edits not yet written): from here on the App's copy is based on it.
  function show(s, id, doc, message) {
    s.revs[id] = s.basis[id] = doc._rev;
    send({ kind: 'remote', target: id, annotations: clean(doc), message: message });
  }

  // The App's edits: written to the replica at once (the replication sends them when it can). If
  // the replica moved past the revision the page edited (another device's change arrived in
  // between), this edit becomes a branch of that revision and the two are merged like any
  // replicated conflict: never one silently over the other. The revision the page edited is the one
  // it had when it wrote, taken here (the App is told of a revision synchronously, in show()):
  // another device's revision that reaches the replica while this write waits in the chain was
  // not in the App's copy, even though it is shown there by the time the write runs. A write made
  // before the previous one reached the replica is based on that one's revision.
  function write(id, json) {
    var s = S;
    var doc = JSON.parse(json);
    delete doc._rev;
    delete s.refused[id];  // sent again: refused again or accepted
    var based = s.basis[id], mine = { rev: undefined };
    s.basis[id] = mine;
    s.chain = s.chain.then(function () {
      return s.local.get(id).catch(function (e) { if (e.status === 404) return null; throw e; }).then(function (cur) {
        // A write before this one failed: the replica's revision this page last knew.
        var base = based && typeof based === 'object' ? based.rev || s.revs[id] : based;
        if (cur && cur._rev !== base) return branch(s, id, doc, base, mine);
        if (cur) doc._rev = cur._rev;
        return s.local.put(doc).then(function (res) { return (s.revs[id] = mine.rev = res.rev); });
      }).then(function (rev) {
        s.revs[id] = rev;
        saveSyncState(s);  // no longer refused
        wrote(s, id, rev);
        send({ kind: 'saved', id: id, rev: rev });
      });
    }).catch(function (e) {
      fail('Could not write ' + id + ' to this device\'s replica: ' + describe(e));
    });
  }

  // `mine` (write()) holds the branch's revision: a write made meanwhile edited this body.
  function branch(s, id, doc, base, mine) {
    var hash = randomHex();
    var parent = base ? s.local.get(id, { rev: base, revs: true }) : Promise.resolve(null);
    return parent.then(function (p) {
      var n = p ? p._revisions.start + 1 : 1;
      doc._rev = n + '-' + hash;
      doc._revisions = { start: n, ids: [hash].concat(p ? p._revisions.ids : []) };
      return s.local.bulkDocs([doc], { new_edits: false });
    }).then(function () {
      s.revs[id] = mine.rev = doc._rev;
      return mergeNow(s, id, null).then(function () { return s.revs[id]; });
    });
  }

  // A revision's body: from the replica, else from the server (CouchDB keeps the bodies of old
  // revisions until compaction); null when neither has it.
  function getRev(s, id, rev) {
    return s.local.get(id, { rev: rev }).catch(function () {
      return s.remote.get(id, { rev: rev }).catch(function () { return null; });
    });
  }

  function commonAncestor(a, b) {
    var seen = {};
    b.ids.forEach(function (h, i) { seen[(b.start - i) + '-' + h] = true; });
    for (var i = 0; i < a.ids.length; i++) {
      var r = (a.start - i) + '-' + a.ids[i];
      if (seen[r]) return r;
    }
    return null;
  }

  // Same-user conflict: each losing revision merged into the winner three ways from their common
  // ancestor (the wasm merge, entity by entity). Clean: written, the losers deleted. Not clean: the
  // page shows it and the user chooses whose values win the conflicting fields (`prefer`).
  function resolveConflict(s, id, prefer) {
    s.chain = s.chain.then(function () { return mergeNow(s, id, prefer); }).catch(function (e) {
      fail('Could not merge the conflict of ' + id + ': ' + describe(e));
    });
    return s.chain;
  }

  function mergeNow(s, id, prefer) {
      return s.local.get(id, { conflicts: true, revs: true }).then(function (winner) {
        if (!winner._conflicts || !winner._conflicts.length) return;
        var loserRev = winner._conflicts[0];
        return s.local.get(id, { rev: loserRev, revs: true }).then(function (loser) {
          var baseRev = commonAncestor(winner._revisions, loser._revisions);
          var p = id.split(':');
          return Promise.all([baseRev ? getRev(s, id, baseRev) : null, getDoc(s, 'article:' + p[1])]).then(function (r) {
            // Without a choice, ours is the winning revision on every device: two devices online
            // together merge the same conflict into the same body on the same parent, which
            // PouchDB's deterministic revision ids (an MD5 of the body and its parent) make one
            // revision, not a new conflict. A choice is made on one device: its side is ours.
            var thisDevice = s.revs[id] === loserRev ? loser : winner;
            var otherDevice = thisDevice === loser ? winner : loser;
            var ours = !prefer ? winner : prefer === 'theirs' ? otherDevice : thisDevice;
            var theirs = ours === winner ? loser : winner;
            var merge = function (o, t) {
              return window.annotator.mergeAnnotations(clean(r[0]), clean(o), clean(t), r[1] ? r[1].text : '');
            };
            var m = merge(ours, theirs);
            if (m.conflicts.length && !prefer) {
              // Said from this device's side ("ours" is this device's value): the same conflicts.
              var shown = ours === thisDevice ? m.conflicts : merge(thisDevice, otherDevice).conflicts;
              s.conflict = { id: id, conflicts: shown };
              send({ kind: 'conflict', id: id, conflicts: shown });
              state();
              return;
            }
            var merged = m.merged;
            merged._id = id;
            merged._rev = winner._rev;
            return s.local.put(merged).then(function (res) {
              s.revs[id] = res.rev;  // its echo is shown below, with what happened
              return s.local.remove(id, loserRev).then(function () {
                s.conflict = null;
                wrote(s, id, res.rev);
                merged._rev = res.rev;
                if (s.open && s.open.target === id)
                  show(s, id, merged, id + ': the changes made on two devices were merged (' +
                    (prefer ? 'conflicting fields: ' + (prefer === 'mine' ? 'this device\'s' : 'the other device\'s') : 'no conflict') + ')');
                state();
                return mergeNow(s, id, prefer);  // a third device's revision, if any
              });
            });
          });
        });
      });
  }

  // ---- A corpus-wide comparison ----

  // Annotators a and b across the corpus: the articles whose queue entry has both of their ann:
  // documents, read from the replica 50 articles at a time (the article and the two documents) and
  // handed to the App page by page; the App compares and pools them, nothing is kept here.
  // Documents by id, with their conflicts: from the replica, and what it lacks (other annotators'
  // documents, articles never opened here) from the server in one request; a row's doc is null
  // when neither has it. Offline, what the replica lacks fails the read.
  function readMany(s, keys, opts) {
    var o = Object.assign({ keys: keys, include_docs: true }, opts || {});
    return s.local.allDocs(o).then(function (res) {
      var missing = res.rows.filter(function (row) { return !row.doc; }).map(function (row) { return row.key; });
      if (!missing.length) return res;
      return s.remote.allDocs(Object.assign({}, o, { keys: missing })).then(function (far) {
        var got = {};
        far.rows.forEach(function (row) { if (row.doc) got[row.key] = row.doc; });
        res.rows.forEach(function (row) {
          if (!row.doc && got[row.key]) {
            row.doc = got[row.key];
            row.remote = true;  // its revisions are the server's (team_io.js merges from there)
          }
        });
        return res;
      });
    });
  }

  function corpus(a, b) {
    var s = S;
    var ids = [];
    queueList(s).forEach(function (e) {
      if (e.status[a] !== undefined && e.status[b] !== undefined) ids.push(e.id);
    });
    var at = 0;
    getDoc(s, 'project').then(function (project) {
      if (!project) throw new Error('the project has no "project" document yet');
      function page() {
        var chunk = ids.slice(at, at + 50);
        at += chunk.length;
        var keys = [];
        chunk.forEach(function (id) { keys.push('article:' + id, 'ann:' + id + ':' + a, 'ann:' + id + ':' + b); });
        var read = keys.length ? readMany(s, keys) : Promise.resolve({ rows: [] });
        return read.then(function (res) {
          if (s !== S) return;
          var pairs = [];
          for (var k = 0; k + 2 < res.rows.length; k += 3) {
            var d = [res.rows[k].doc, res.rows[k + 1].doc, res.rows[k + 2].doc];
            if (d[0] && d[1] && d[2]) pairs.push({ article: clean(d[0]), a: clean(d[1]), b: clean(d[2]) });
          }
          var done = at >= ids.length;
          send({ kind: 'corpus', a: a, b: b, project: clean(project), pairs: pairs, done: done, seen: at });
          if (!done) return page();
        });
      }
      return page();
    }).catch(function (e) {
      send({ kind: 'corpus', a: a, b: b, project: null, pairs: [], done: true, seen: at });
      fail('Cannot compare ' + a + ' and ' + b + ' across the corpus: ' + describe(e));
    });
  }

  // What team_io.js (the corpus as files) needs of the open project: a document written to the
  // replica by an import waits, as an edit does, until the replication has sent it.
  function forFiles() {
    return {
      s: S, send: send, getDoc: getDoc, clean: clean, getRev: getRev, commonAncestor: commonAncestor,
      wrote: function (s, id, rev) { if (s === S) wrote(s, id, rev); },
      readMany: readMany, fetchIn: fetchIn, queue: function (s) { return queueList(s); },
    };
  }

  // The browser knows first when the network goes: shown at once (the replication's next request
  // would fail anyway); coming back is left to the replication, which retries.
  window.addEventListener('offline', function () {
    if (!S) return;
    S.online = false;
    state('the browser is offline');
  });

  window.AATeam = {
    run: function (op, a, b, c) {
      if (op === 'sign-in') return signIn(a, b, c);
      if (op === 'resume') {
        var r = remembered();
        if (r && r.url && r.user) start(r.url, r.user, r.roles || [], true);
        return;
      }
      if (!S) return fail('No team project is open (File > Team project...)');
      if (op === 'sign-out') return signOut();
      if (op === 'open') return open(a, b, false);
      if (op === 'other') return other(a);
      if (op === 'write') return write(a, b);
      if (op === 'resolve') return resolveConflict(S, a, b === 'mine' ? 'mine' : 'theirs');
      if (op === 'corpus') return corpus(a, b);
      if (op === 'export' || op === 'import') return window.AATeamIO.run(op, forFiles(), a, b);
      fail('unknown team operation ' + op);
    },
    // For tests and benchmarks: what waits to be sent, the queue's two parts, what the pull follows.
    debug: function () {
      return S ? { url: S.url, user: S.user, pending: Object.keys(S.pending), open: S.open, articles: S.articles.size,
                   server: S.server.size, partial: S.partial, follows: S.follow ? (JSON.parse(S.follow) || []).length : 0 } : null;
    },
  };
})();
