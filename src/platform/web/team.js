// The page's team-project sync (docs/team.md): a local replica of the CouchDB database in IndexedDB
// (PouchDB), replicated both ways and live; the project's queue summarised for the App without the
// articles' texts; the open document read from the replica and its edits written there (never
// waiting for the network); the sync state; a same-user conflict merged three ways by the wasm
// merge (window.annotator.mergeAnnotations), or shown for the user to choose.
// build-wasm.sh writes dist/team.js = PouchDB's and fflate's browser builds (npm, pinned) + this file + team_io.js;
// pre.js loads it only when a team project is opened. Messages to the App: io/team_page.hpp.
// [SECTION] index, each section opened by a line `// ---- name ----`: Signing in and out, The
// replica and its replication, The queue, Documents (reading, writing, same-user conflicts), A
// corpus-wide comparison.
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
  function body(doc) {
    var b = clean(doc);
    delete b._rev;
    delete b.modified;
    return JSON.stringify(b);
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
          replicate(S);
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
      if (j && j.userCtx && j.userCtx.name === s.user) replicate(s);
      else askSignIn(s);
    }, function () {
      if (s === S) replicate(s);
    });
  }

  function stop() {
    if (!S) return;
    if (S.sync) S.sync.cancel();
    if (S.feed) S.feed.cancel();
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

  function start(url, user, roles, resume) {
    stop();
    // PouchDB's HTTP adapter sends the browser's cookies (credentials: 'include'): the _session's.
    var remote = new PouchDB(url, { skip_setup: true });
    S = {
      url: url, user: user, roles: roles, remote: remote,
      // IndexedDB; the URL encoded: a name holding "://" would be taken for a remote database.
      local: new PouchDB('aa-team-' + encodeURIComponent(url) + '-' + encodeURIComponent(user), { adapter: 'idb' }),
      revs: {},        // doc id -> the revision the App's copy is based on
      written: {},     // doc id -> the body last written by this page (echoes are ignored)
      pending: {},     // doc id -> revision written here and not yet on the server
      refused: {},     // doc id -> true: the server refused this page's last write of it
      online: true, caughtUp: false, conflict: null, open: null, failing: { push: false, pull: false },
      articles: new Map(), chain: Promise.resolve(), lastState: '',
    };
    try { S.pending = JSON.parse(localStorage.getItem(KEY + ':pending:' + url + ':' + user) || '{}'); } catch (e) { S.pending = {}; }
    try { S.refused = JSON.parse(localStorage.getItem(KEY + ':refused:' + url + ':' + user) || '{}'); } catch (e) { S.refused = {}; }
    send({ kind: 'session', url: url, user: user, roles: roles });
    state();
    var s = S;
    s.local.info().then(function (info) {
      return buildQueue(s).then(function () {
        if (s !== S) return;
        watchLocal(s, info.update_seq);
        if (resume) checkSession(s);
        else replicate(s);
        var r = remembered();
        if (resume && r && r.open) open(r.open.article, r.open.target, true);
      });
    }).catch(function (e) { fail('The team project\'s replica cannot be read: ' + describe(e)); });
  }

  function savePending() {
    localStorage.setItem(KEY + ':pending:' + S.url + ':' + S.user, JSON.stringify(S.pending));
    localStorage.setItem(KEY + ':refused:' + S.url + ':' + S.user, JSON.stringify(S.refused));
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

  function replicate(s) {
    if (s.sync) s.sync.cancel();
    s.failing = { push: false, pull: false };
    var rep = s.sync = s.local.sync(s.remote, {
      live: true,
      retry: true,
      back_off_function: function (delay) { return delay === 0 ? 500 : Math.min(delay * 2, 2000); },
    });
    // A replication replaced by a new one (signed in again) says nothing any more.
    var current = function () { return s === S && s.sync === rep; };
    rep.on('change', function (info) {
      if (!current()) return;
      s.online = true;
      if (info.direction === 'push') {
        info.change.docs.forEach(function (d) { if (s.pending[d._id] === d._rev) delete s.pending[d._id]; });
        savePending();
      }
      state();
    }).on('paused', function () {
      // Both directions idle (the sync's 'paused' carries no error: each direction's says why).
      if (!current() || s.failing.push || s.failing.pull) return;
      s.online = true;
      s.caughtUp = true;
      verifyPending(s);
      state();
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
      savePending();
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

  // After a catch-up: what the server has is no longer waiting (also after a reload, whose
  // replication may have sent it before the page counted it).
  function verifyPending(s) {
    var ids = Object.keys(s.pending);
    if (!ids.length) return state();
    s.remote.allDocs({ keys: ids }).then(function (res) {
      if (s !== S) return;
      res.rows.forEach(function (row) {
        if (row.value && s.pending[row.id] === row.value.rev) delete s.pending[row.id];
      });
      savePending();
      state();
    }).catch(function () {});
  }

  // ---- The queue: the project's articles and everyone's status, never the texts ----

  function entry(s, article) {
    var e = s.articles.get(article);
    if (!e) {
      e = { id: article, title: '', assigned: [], status: {}, gold: false, exists: false };
      s.articles.set(article, e);
    }
    return e;
  }

  function take(s, id, doc, deleted) {
    var p = id.split(':');
    if (p[0] === 'article' && p.length === 2) {
      var e = entry(s, p[1]);
      e.exists = !deleted;
      if (doc) {
        e.title = typeof doc.title === 'string' ? doc.title : '';
        e.assigned = Array.isArray(doc.assigned) ? doc.assigned.filter(function (x) { return typeof x === 'string'; }) : [];
      }
    } else if (p[0] === 'ann' && p.length === 3) {
      if (deleted) delete entry(s, p[1]).status[p[2]];
      else if (s.refused[id]) entry(s, p[1]).status[p[2]] = 'refused';
      else entry(s, p[1]).status[p[2]] = doc && typeof doc.status === 'string' ? doc.status : 'todo';
    } else if (p[0] === 'gold' && p.length === 2) {
      entry(s, p[1]).gold = !deleted;
    }
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
      var list = [];
      s.articles.forEach(function (e) {
        if (e.exists) list.push({ id: e.id, title: e.title, assigned: e.assigned, status: e.status, gold: e.gold });
      });
      list.sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
      send({ kind: 'queue', articles: list });
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

  function buildQueue(s) {
    return scan(s, 'article:', true).then(function () { return scan(s, 'ann:', true); })
      .then(function () { return scan(s, 'gold:', false); }).then(function () { sendQueue(s); });
  }

  function watchLocal(s, since) {
    s.feed = s.local.changes({ live: true, since: since, include_docs: true, conflicts: true }).on('change', function (ch) {
      if (s !== S) return;
      take(s, ch.id, ch.doc, ch.deleted);
      sendQueue(s);
      if (ch.deleted || !mine(ch.id)) return;
      if (ch.doc._conflicts && ch.doc._conflicts.length) {
        resolveConflict(s, ch.id, null);
        return;
      }
      if (s.conflict && s.conflict.id === ch.id) {  // resolved on another device
        s.conflict = null;
        state();
      }
      // My document changed and this page did not write that: another device, shown at once.
      if (s.open && s.open.target === ch.id && s.revs[ch.id] !== ch.doc._rev && s.written[ch.id] !== body(ch.doc)) {
        s.revs[ch.id] = ch.doc._rev;
        s.written[ch.id] = body(ch.doc);
        send({ kind: 'remote', target: ch.id, annotations: clean(ch.doc) });
      }
    }).on('error', function (e) { fail('The replica\'s changes feed stopped: ' + describe(e)); });
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

  function open(article, target, resume) {
    var s = S;
    Promise.all([getDoc(s, 'project'), getDoc(s, 'article:' + article), getDoc(s, target)]).then(function (d) {
      if (s !== S) return;
      if (!d[0]) throw new Error('the project has no "project" document yet (annotator push creates it)');
      if (!d[1]) throw new Error('there is no article:' + article);
      s.open = { article: article, target: target };
      remember({ open: s.open });
      s.revs[target] = d[2] ? d[2]._rev : undefined;
      s.written[target] = d[2] ? body(d[2]) : undefined;
      send({ kind: 'article', project: clean(d[0]), article: clean(d[1]), annotations: clean(d[2]), target: target,
             message: resume ? 'resume' : '' });
      if (d[2] && d[2]._conflicts && d[2]._conflicts.length) resolveConflict(s, target, null);
    }).catch(function (e) { fail('Cannot open ' + article + ': ' + describe(e)); });
  }

  function other(id) {
    var s = S;
    getDoc(s, id).then(function (doc) {
      send({ kind: 'other', target: id, annotations: clean(doc) });
    }).catch(function (e) { fail('Cannot read ' + id + ': ' + describe(e)); });
  }

  // The App's edits: written to the replica at once (the replication sends them when it can). If
  // the replica moved past the revision the page edited (another device's change arrived in
  // between), this edit becomes a branch of that revision and the two are merged like any
  // replicated conflict: never one silently over the other.
  function write(id, json) {
    var s = S;
    var doc = JSON.parse(json);
    delete doc._rev;
    s.written[id] = body(doc);
    delete s.refused[id];  // sent again: refused again or accepted
    s.chain = s.chain.then(function () {
      return s.local.get(id).catch(function (e) { if (e.status === 404) return null; throw e; }).then(function (cur) {
        var base = s.revs[id];
        if (cur && cur._rev !== base) return branch(s, id, doc, base);
        if (cur) doc._rev = cur._rev;
        return s.local.put(doc).then(function (res) { return res.rev; });
      }).then(function (rev) {
        s.revs[id] = rev;
        s.pending[id] = rev;
        savePending();
        state();
        send({ kind: 'saved', id: id, rev: rev });
      });
    }).catch(function (e) {
      fail('Could not write ' + id + ' to this device\'s replica: ' + describe(e));
    });
  }

  function branch(s, id, doc, base) {
    var hash = randomHex();
    var parent = base ? s.local.get(id, { rev: base, revs: true }) : Promise.resolve(null);
    return parent.then(function (p) {
      var n = p ? p._revisions.start + 1 : 1;
      doc._rev = n + '-' + hash;
      doc._revisions = { start: n, ids: [hash].concat(p ? p._revisions.ids : []) };
      return s.local.bulkDocs([doc], { new_edits: false });
    }).then(function () {
      s.revs[id] = doc._rev;
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
              return s.local.remove(id, loserRev).then(function () {
                s.conflict = null;
                s.revs[id] = res.rev;
                s.pending[id] = res.rev;
                savePending();
                merged._rev = res.rev;
                s.written[id] = body(merged);
                if (s.open && s.open.target === id)
                  send({ kind: 'remote', target: id, annotations: merged,
                         message: id + ': the changes made on two devices were merged (' +
                           (prefer ? 'conflicting fields: ' + (prefer === 'mine' ? 'this device\'s' : 'the other device\'s') : 'no conflict') + ')' });
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
  function corpus(a, b) {
    var s = S;
    var ids = [];
    s.articles.forEach(function (e) {
      if (e.exists && e.status[a] !== undefined && e.status[b] !== undefined) ids.push(e.id);
    });
    ids.sort();
    var at = 0;
    getDoc(s, 'project').then(function (project) {
      if (!project) throw new Error('the project has no "project" document yet');
      function page() {
        var chunk = ids.slice(at, at + 50);
        at += chunk.length;
        var keys = [];
        chunk.forEach(function (id) { keys.push('article:' + id, 'ann:' + id + ':' + a, 'ann:' + id + ':' + b); });
        var read = keys.length ? s.local.allDocs({ keys: keys, include_docs: true }) : Promise.resolve({ rows: [] });
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
      wrote: function (s, id, rev) {
        if (s !== S) return;
        s.pending[id] = rev;
        savePending();
        state();
      },
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
    // For tests and benchmarks: the replica's name and what waits to be sent.
    debug: function () {
      return S ? { url: S.url, user: S.user, pending: Object.keys(S.pending), open: S.open, articles: S.articles.size } : null;
    },
  };
})();
