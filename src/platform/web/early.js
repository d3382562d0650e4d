// The start-up work that needs no wasm, begun as early as possible (issue 11): the WebGL 2 context and,
// when localStorage's hint says an autosave is stored, its read from IndexedDB (io/journal.hpp's keys).
// index.html runs this file inline right after the canvas, while annotator.js and annotator.wasm
// download (finish_html.py); it is also the first --pre-js of annotator.js, where it does nothing when
// the inline copy ran, and where the single file (one script) runs it. pre.js uses window.AAEarly.
'use strict';

window.AAEarly = window.AAEarly || (function () {
  var E = {};
  var DB_NAME = 'article-annotator';
  E.DB_STORE = 'kv';
  // The autosave's keys (io/journal.hpp's layout 2; 'session' is layout 1).
  E.SESSION_KEY = 'session';
  E.HEAD_KEY = 'autosave-head';
  E.SNAPSHOT_KEY = 'autosave-snapshot';
  E.JOURNAL_FIRST = 'autosave-journal-0000000000000000';
  E.JOURNAL_LAST = 'autosave-journal-9999999999999999';
  var SESSION_TIMEOUT_MS = 3000;  // a blocked IndexedDB must not keep the page from starting
  // The hint that an autosave is stored (issue 11): '1' in localStorage, written when the page has
  // stored an autosave or found one. Read synchronously here (its first read costs 1.4-11 ms, median
  // 2.3, of the main thread's wait for the downloads), it decides whether the first frame waits for
  // IndexedDB: asking IndexedDB whether anything is stored (indexedDB.databases()) answered 355-436
  // ms after this script ran on a quiet machine, after main() had returned. Without the hint the page
  // starts empty at once, and pre.js's first open of the database looks for an autosave stored
  // without a hint (by a page older than the hint, or by another tab meanwhile) before anything is
  // written: the App loads it when nothing was changed yet (App::on_saved_found).
  E.HINT_KEY = 'article-annotator-saved';
  E.hinted = false;
  try {
    E.hinted = window.localStorage.getItem(E.HINT_KEY) === '1';
  } catch (e) {
    E.hinted = false;  // no localStorage (disabled, private mode): as a first visit
  }
  E.noteSaved = function () {
    if (E.hinted) return;
    try {
      window.localStorage.setItem(E.HINT_KEY, '1');
      E.hinted = true;
    } catch (e) {
      // full or disabled: the next start looks for the autosave after its first frame
    }
  };

  // A stored value: a string, or UTF-8 bytes (a Uint8Array; from 64 KB a Blob: pre.js BLOB_MIN_BYTES).
  E.isValue = function (v) {
    return typeof v === 'string' || v instanceof Uint8Array || v instanceof ArrayBuffer || E.isBlob(v);
  };
  E.isBlob = function (v) {
    return typeof Blob !== 'undefined' && v instanceof Blob;
  };
  // A stored value with a Blob's bytes read (asynchronously, off the main thread): a Promise of the
  // value as it was, or of its bytes. A Blob that cannot be read (its file gone) gives null: absent,
  // as a value of no known type is (for the snapshot, C++ says "autosave-snapshot is missing").
  E.readValue = function (v) {
    if (!E.isBlob(v)) return Promise.resolve(v);
    return v.arrayBuffer().then(function (b) { return new Uint8Array(b); }, function (e) {
      console.warn('Article Annotator: a stored value could not be read: ' + E.describeError(e));
      return null;
    });
  };

  E.describeError = function (e) {
    if (!e) return 'unknown error';
    if (e.name && e.name !== 'Error' && e.message) return e.name + ': ' + e.message;
    return e.message || String(e);
  };

  // ---- Storage (IndexedDB) ----

  var dbPromise = null;
  E.openDb = function () {
    if (dbPromise) return dbPromise;
    dbPromise = new Promise(function (resolve, reject) {
      if (typeof indexedDB === 'undefined' || !indexedDB) {
        reject(new Error('This browser offers no IndexedDB storage.'));
        return;
      }
      var request;
      try {
        request = indexedDB.open(DB_NAME, 1);
      } catch (e) {
        reject(e);  // e.g. SecurityError when storage is disabled
        return;
      }
      request.onupgradeneeded = function () {
        E.createdHere = true;
        request.result.createObjectStore(E.DB_STORE);
      };
      request.onsuccess = function () {
        var db = request.result;
        db.onversionchange = function () { db.close(); dbPromise = null; };
        resolve(db);
      };
      request.onerror = function () { reject(request.error); };
      request.onblocked = function () { reject(new Error('The storage is blocked by another tab of this page.')); };
    });
    // A failed open is retried by the next write (the failure itself is reported to the App).
    dbPromise.catch(function () { dbPromise = null; });
    return dbPromise;
  };

  // Whether the database exists, asked without creating it (indexedDB.databases()), for the reads after
  // start-up (a recent version, "Continue here"): opening a database that does not exist creates it. A
  // browser without databases(), or one that fails it, opens the database.
  // The page started without a saved session because it had no hint (a first visit, or an autosave
  // stored without the hint), or because none could be read: pre.js checks what is stored before its
  // first write.
  E.absentAtStart = false;
  E.createdHere = false;    // this page's open created it (upgradeneeded)
  function dbExists() {
    if (dbPromise || typeof indexedDB === 'undefined' || !indexedDB || typeof indexedDB.databases !== 'function')
      return Promise.resolve(true);
    return indexedDB.databases().then(function (list) {
      return list.some(function (d) { return d.name === DB_NAME; });
    }, function () { return true; });
  }

  // The autosave in one read-only transaction: the head, then the snapshot, the text it names and
  // the journal's records in key (= seq) order; or layout 1's session. null when nothing is stored.
  // With a prefix: a recent version's copy of those keys (pre.js copySaved; the text under its own key).
  // Values stored as Blobs (the text and snapshot from 64 KB) are read into bytes once the
  // transaction has completed: what it read is one consistent state, and the Blobs keep it.
  E.readSaved = function (prefix) {
    prefix = prefix || '';
    return dbExists().then(function (exists) {
      if (!exists) return null;  // nothing stored: a read creates no database
      return E.openDb().then(function (db) { return readSavedIn(db, prefix); });
    });
  };
  function readSavedIn(db, prefix) {
    return new Promise(function (resolve, reject) {
      var tx = db.transaction(E.DB_STORE, 'readonly');
      var store = tx.objectStore(E.DB_STORE);
      var out = { session: null, head: null, snapshot: null, text: null, records: [] };
      var str = function (v) { return typeof v === 'string' ? v : null; };
      var val = function (v) { return E.isValue(v) ? v : null; };  // a string or UTF-8 bytes
      tx.oncomplete = function () {
        if (out.head === null && out.session === null) {
          resolve(null);
          return;
        }
        Promise.all([E.readValue(out.snapshot), E.readValue(out.text), Promise.all(out.records.map(E.readValue))])
          .then(function (read) {
            out.snapshot = read[0];
            out.text = read[1];
            out.records = read[2].map(function (v) { return v === null ? '' : v; });  // unreadable: torn
            resolve(out);
          });
      };
      tx.onerror = function () { reject(tx.error); };
      tx.onabort = function () { reject(tx.error || new Error('The storage read was aborted.')); };
      var head = store.get(prefix + E.HEAD_KEY);
      head.onsuccess = function () {
        out.head = str(head.result);
        if (out.head === null && prefix) return;
        if (out.head === null) {
          var session = store.get(E.SESSION_KEY);
          session.onsuccess = function () { out.session = str(session.result); };
          return;
        }
        var textKey = null;
        try { textKey = JSON.parse(out.head).text; } catch (e) { textKey = null; }  // C++ says what is wrong
        var snapshot = store.get(prefix + E.SNAPSHOT_KEY);
        snapshot.onsuccess = function () { out.snapshot = val(snapshot.result); };
        if (typeof textKey === 'string') {
          var text = store.get(textKey);
          text.onsuccess = function () { out.text = val(text.result); };
        }
        var records = store.getAll(IDBKeyRange.bound(prefix + E.JOURNAL_FIRST, prefix + E.JOURNAL_LAST));
        records.onsuccess = function () { out.records = records.result.map(function (v) { return E.isValue(v) ? v : String(v); }); };
      };
    });
  }

  // The saved session App::startup restores (its first frame waits for it): read now, beside the downloads
  // (16-20 ms of start-up when it began with annotator.js). null when nothing is stored, or when it
  // cannot be read: the page starts empty, and the failure shows when the App first saves. Without the
  // hint null at once, and the database is neither asked about nor created here: pre.js's first use of
  // the storage, in the first frame's task, does that (and loads an autosave it finds there).
  function readSession() {
    if (!E.hinted) {  // a first visit, or an autosave without the hint: the first frame waits for nothing
      E.absentAtStart = true;
      return Promise.resolve(null);
    }
    var timeout = new Promise(function (resolve, reject) {
      setTimeout(function () { reject(new Error('IndexedDB did not answer in time.')); }, SESSION_TIMEOUT_MS);
    });
    var read = E.openDb().then(function (db) { return readSavedIn(db, ''); }).then(function (saved) {
      if (!saved) E.absentAtStart = true;  // the hint outlived the autosave: pre.js checks before it writes
      return saved;
    });
    return Promise.race([read, timeout]).catch(function (e) {
      E.absentAtStart = true;  // started without what may be stored: pre.js checks before it writes
      console.warn('Article Annotator: no saved session could be read: ' + E.describeError(e));
      return null;
    });
  }
  // (No WebGL 2: the page cannot start, and says so; nothing to read.)
  E.session = typeof WebGL2RenderingContext === 'undefined' ? Promise.resolve(null) : readSession();

  // ---- The WebGL 2 context ----
  // Created now, while the main thread waits for the network and the wasm's compile (13 ms of main()
  // before, in SwiftShader), and after the database's opening was asked for: the page's first context
  // waits for the GPU process, and the opening's round trips to the browser's storage run meanwhile.
  // Emscripten's GLFW asks the canvas for "webgl2" again in main(), and a canvas answers that with the
  // context it already has: these are the attributes GLFW asks for (main.cpp's hints: no depth, no
  // stencil; GLFW's defaults: alpha, no antialiasing).
  E.gl = null;
  var canvas = document.getElementById('canvas');
  if (canvas && typeof WebGL2RenderingContext !== 'undefined') {
    try {
      E.gl = canvas.getContext('webgl2', { antialias: false, alpha: true, depth: false, stencil: false });
    } catch (e) {
      E.gl = null;  // main() says that WebGL 2 is not available
    }
  }
  // A context lost before annotator.js runs (a GPU reset while the page loads) is asked back here:
  // without preventDefault the browser never restores it, and pre.js's own listener (the same, with
  // the status line) comes later. pre.js reads glLost when it starts; main.cpp's prepare() asks the
  // context itself (isContextLost) and makes no GL object on a lost one.
  E.glLost = false;
  if (E.gl && canvas) {
    canvas.addEventListener('webglcontextlost', function (e) {
      e.preventDefault();
      E.glLost = true;
    });
    canvas.addEventListener('webglcontextrestored', function () { E.glLost = false; });
  }

  // (No system-font warm-up: a timer that measured text here ran while the main thread was busy before
  // annotator.js, and the empty state's first frame measures no text; docs/performance.md, "the levers
  // before annotator.js".)
  return E;
})();
