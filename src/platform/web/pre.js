// Runs before Emscripten's runtime (--pre-js). Owns the page-side state shared by library_web.js
// and post.js (AAHost): the Module settings, main()'s wait for the autosave that early.js reads
// (the journal's snapshot, text and records, or the layout-1 session: io/journal.hpp), the browser
// events forwarded to the App (paste, file drop, keys the page keeps from the browser), the
// clipboard, downloads, the file picker and the IndexedDB writes (one transaction per batch).
//
// [SECTION] index, each section opened by a line `// ---- name ----`: Strings across the wasm
// boundary, Lifecycle, Clipboard, Files, Regular expressions, Downloads, Storage (IndexedDB), Tabs,
// Start-up, Browser events, The WebGL context: lost and restored, Touch.
'use strict';

var AAHost = (function () {
  var H = {};
  // The start-up work begun before this script arrived (early.js): the autosave's read, the WebGL
  // context, and the storage's keys and database.
  var early = window.AAEarly;
  var DB_STORE = early.DB_STORE;
  var HEAD_KEY = early.HEAD_KEY;
  var SNAPSHOT_KEY = early.SNAPSHOT_KEY;
  var JOURNAL_FIRST = early.JOURNAL_FIRST;
  var JOURNAL_LAST = early.JOURNAL_LAST;

  // A page without the hint of an autosave (early.js: a first visit, or an autosave stored by a page
  // older than the hint) starts empty without asking IndexedDB, and the page's first use of the storage
  // (the App's read of its recent versions, in its first frame's task) opens the database, creating it
  // on a first visit. When it was there already and holds an autosave (stored without the hint, or by
  // another tab since), nothing is written before the App has heard of it (App::on_saved_found: loaded
  // when nothing was changed here yet, else this tab pauses as an older tab does, its banner's "Continue
  // here" loading that work and keeping this tab's as a recent version), and a write asked before that
  // fails with what happened. Checked once.
  var firstOpen = null;  // the database's first open and that check: whether another tab's work is there
  function openChecked() {
    if (!early.absentAtStart) return early.openDb().then(function (db) { return { db: db, elsewhere: false }; });
    if (!firstOpen) {
      firstOpen = early.openDb().then(function (db) {
        return (early.createdHere ? Promise.resolve(false) : savedIn(db)).then(function (found) {
          early.absentAtStart = false;  // checked: later opens go straight to the database
          if (found) {
            early.noteSaved();  // the next start reads it before its first frame
            H.whenReady(function () { _aa_host_saved_found(); });
          }
          return { db: db, elsewhere: found };
        });
      });
      firstOpen.catch(function () { firstOpen = null; });  // a failed open is tried again by the next use
    }
    return firstOpen;
  }
  // Whether an autosave (layout 2's head or layout 1's session) is stored.
  function savedIn(db) {
    return new Promise(function (resolve, reject) {
      var tx = db.transaction(DB_STORE, 'readonly');
      var store = tx.objectStore(DB_STORE);
      var found = false;
      [early.HEAD_KEY, early.SESSION_KEY].forEach(function (k) {
        var get = store.count(k);
        get.onsuccess = function () { found = found || get.result > 0; };
      });
      tx.oncomplete = function () { resolve(found); };
      tx.onabort = function () { reject(tx.error || new Error('The storage read was aborted.')); };
    });
  }
  // For a read, and for a write (which fails when the first open found another tab's work).
  function openDb() {
    return openChecked().then(function (o) { return o.db; });
  }
  function openDbToWrite() {
    return openChecked().then(function (o) {
      if (o.elsewhere) throw new Error('Another tab of this page saved its work in this browser meanwhile; this tab paused.');
      return o.db;
    });
  }

  var canvas = document.getElementById('canvas');
  var statusBox = document.getElementById('aa-status');
  var decoder = new TextDecoder('utf-8');
  var encoder = new TextEncoder();

  H.isReady = false;
  H.failed = false;
  H.queue = [];           // events that arrived before main() started the app
  H.changeCallbacks = [];
  H.saved = {};  // ticket -> an autosave read by readSaved (0: the one read at start-up)

  // ---- Strings across the wasm boundary (UTF-8, with explicit sizes: text may contain NUL) ----

  H.utf8 = function (ptr, size) {
    return size ? decoder.decode(HEAPU8.subarray(ptr, ptr + size)) : '';
  };

  // Calls fn(ptr, size) with `bytes` copied into the wasm heap, freed afterwards.
  H.withBytes = function (bytes, fn) {
    var ptr = _malloc(bytes.length + 1);
    if (!ptr) throw new Error('The annotator is out of memory.');
    try {
      HEAPU8.set(bytes, ptr);
      HEAPU8[ptr + bytes.length] = 0;
      return fn(ptr, bytes.length);
    } finally {
      _free(ptr);
    }
  };

  H.withUtf8 = function (str, fn) {
    return H.withBytes(encoder.encode(str), fn);
  };

  // A stored value as UTF-8 bytes: large values are stored as bytes (a Uint8Array, kind 3 of
  // aa_js_storage_commit; a Blob from 64 KB when staged, its bytes read first: early.readValue),
  // others and those of older versions as strings. null for anything else.
  H.valueBytes = function (v) {
    if (typeof v === 'string') return encoder.encode(v);
    if (v instanceof Uint8Array) return v;
    if (v instanceof ArrayBuffer) return new Uint8Array(v);
    return null;
  };
  H.isValue = early.isValue;
  H.describeError = early.describeError;

  // ---- Lifecycle ----

  var resolveReady, rejectReady;
  window.annotatorReady = new Promise(function (resolve, reject) {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // A page that never awaits the promise must not log an unhandled rejection; awaiting still throws.
  window.annotatorReady.catch(function () {});

  function showStatus(text, isError) {
    if (!statusBox) return;
    statusBox.textContent = text;
    statusBox.className = isError ? 'aa-message aa-error' : 'aa-message';
    statusBox.hidden = !text;
  }

  H.whenReady = function (fn) {
    if (H.isReady) fn();
    else if (!H.failed) H.queue.push(fn);
  };

  H.ready = function () {
    H.isReady = true;
    H.readyAtMs = performance.now();  // since navigation start: the first interactive frame
    showStatus('', false);
    canvas.focus({ preventScroll: true });
    var queued = H.queue;
    H.queue = [];
    queued.forEach(function (fn) { fn(); });
    watchColorScheme();
    resolveReady(window.annotator);
    // After the first frame is out (issue 11): the first read of localStorage in a session is a
    // synchronous round trip to the browser's storage, 10-20 ms of start-up in a profile.
    setTimeout(H.teamResume, 0);
    // The code the first frame did not need (deferred.js), fetched and compiled while the page idles.
    setTimeout(AADeferred.afterFirstFrame, 0);
  };

  // The theme follows prefers-color-scheme and prefers-contrast unless View > Theme chose
  // (App::set_system_dark, App::set_system_contrast).
  function watchColorScheme() {
    if (!window.matchMedia) return;
    var query = window.matchMedia('(prefers-color-scheme: dark)');
    var tell = function () { _aa_host_color_scheme(query.matches ? 1 : 0); };
    tell();
    query.addEventListener('change', tell);
    var more = window.matchMedia('(prefers-contrast: more)');
    var tellContrast = function () { _aa_host_contrast(more.matches ? 1 : 0); };
    tellContrast();
    more.addEventListener('change', tellContrast);
    var still = window.matchMedia('(prefers-reduced-motion: reduce)');
    var tellMotion = function () { _aa_host_reduced_motion(still.matches ? 1 : 0); };
    tellMotion();
    still.addEventListener('change', tellMotion);
  }

  H.fail = function (message) {
    if (H.failed) return;
    H.failed = true;
    H.queue = [];
    showStatus(message, true);
    canvas.hidden = true;
    console.error('Article Annotator: ' + message);
    rejectReady(new Error(message));
  };

  H.changed = function (revision) {
    if (!H.isReady) return;
    H.changeCallbacks.slice().forEach(function (cb) {
      try {
        cb({ revision: revision });
      } catch (e) {
        console.error('Article Annotator: an onChange callback failed:', e);
      }
    });
  };

  // Something happened that the next frames must show (the frame loop idles otherwise).
  H.wake = function () {
    if (H.isReady) _aa_host_wake();
  };

  // ---- Clipboard ----

  H.copyText = function (text) {
    function fallback() {
      // Older browsers, or a denied permission: the selection-based copy (needs a user gesture).
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand('copy'); } catch (e) { done = false; }
      area.remove();
      canvas.focus({ preventScroll: true });
      if (!done) console.warn('Article Annotator: the browser refused to copy to the clipboard.');
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(fallback);
    } else {
      fallback();
    }
  };

  H.paste = function (text) {
    H.whenReady(function () { H.withUtf8(text, _aa_host_paste); });
  };

  H.requestPaste = function () {
    var failed = function (why) {
      H.whenReady(function () { H.withUtf8(why, _aa_host_paste_failed); });
    };
    if (!navigator.clipboard || !navigator.clipboard.readText) {
      failed('this browser cannot read the clipboard on request');
      return;
    }
    navigator.clipboard.readText().then(H.paste, function (e) { failed(H.describeError(e)); });
  };

  // ---- Files: picker, drop, pasted files ----

  // Reads the files in order and hands each to the App (App::on_file) with the request they answer:
  // the App's id for its chooser, 0 for files dropped or pasted. They are announced first and closed
  // after the last (several articles together become a document queue).
  H.readFiles = function (fileList, request) {
    var files = Array.prototype.slice.call(fileList || []);
    if (!files.length) return;
    H.whenReady(function () { _aa_host_files_begin(request, files.length); });
    files.reduce(function (chain, file) {
      return chain.then(function () { return file.arrayBuffer(); }).then(function (buffer) {
        H.whenReady(function () {
          var name = encoder.encode(file.name);
          var bytes = new Uint8Array(buffer);
          H.withBytes(name, function (namePtr, nameSize) {
            // Straight into the App's own string (api.cpp aa_host_file_room): one copy in the wasm
            // memory, which never shrinks, instead of a buffer plus the App's copy.
            var room = _aa_host_file_room(bytes.length);
            if (room) {
              HEAPU8.set(bytes, room);
              _aa_host_file_take(request, namePtr, nameSize);
              return;
            }
            H.withBytes(bytes, function (ptr, size) {
              _aa_host_file(request, namePtr, nameSize, ptr, size);
            });
          });
        });
      }, function (e) {
        console.error('Article Annotator: could not read ' + file.name + ': ' + H.describeError(e));
      });
    }, Promise.resolve()).then(function () { H.whenReady(function () { _aa_host_files_end(request); }); });
  };

  H.openFileDialog = function (accept, request) {
    var input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    if (accept) input.accept = accept;
    input.style.display = 'none';
    // Answered once: by the files, or by a cancel reported to the App (which ends the request).
    // Browsers without the input's cancel event: the window's focus coming back with no change for
    // a second counts as a cancel. Either way the answer carries the request it belongs to.
    var answered = false;
    function cancelled() {
      if (answered) return;
      answered = true;
      input.remove();
      H.whenReady(function () { _aa_host_file_dialog_cancelled(request); });
    }
    input.addEventListener('change', function () {
      if (answered) return;
      answered = true;
      H.readFiles(input.files, request);
      input.remove();
      canvas.focus({ preventScroll: true });
    });
    input.addEventListener('cancel', cancelled);
    window.addEventListener('focus', function () {
      setTimeout(function () { if (!input.files || !input.files.length) cancelled(); }, 1000);
    }, { once: true });
    document.body.appendChild(input);
    input.click();
  };

  // ---- Regular expressions: in a Web Worker that is ended when a pattern runs too long ----

  // A user's pattern may backtrack for ever ((a+)+$ on "aaaa...b"), and a RegExp running on the
  // page's thread cannot be interrupted: the tab would freeze. So patterns run in a worker made
  // from a blob: URL (CSP worker-src blob:; it works from file:// too), one at a time, each with a
  // time budget; past it the worker is terminated, the search answered as stopped, and the next one
  // gets a fresh worker. The worker turns UTF-16 indices into code points itself.
  function regexWorkerMain() {
    onmessage = function (e) {
      var job = e.data;
      var re;
      try {
        re = new RegExp(job.pattern, job.flags);
      } catch (err) {
        postMessage({ ticket: job.ticket, error: err.message || String(err) });
        return;
      }
      var s = job.text;
      var hits = [];
      var u16 = 0, cp = 0, truncated = false, m;
      var toCp = function (i) {
        while (u16 < i) {
          var c = s.charCodeAt(u16);
          u16 += (c >= 0xD800 && c <= 0xDBFF && u16 + 1 < s.length) ? 2 : 1;
          cp++;
        }
        return cp;
      };
      while ((m = re.exec(s)) !== null) {
        if (m[0].length === 0) {  // empty matches are skipped: step one code point
          var c0 = s.charCodeAt(m.index);
          re.lastIndex = m.index + ((c0 >= 0xD800 && c0 <= 0xDBFF) ? 2 : 1);
          if (re.lastIndex > s.length) break;
          continue;
        }
        if (hits.length / 2 >= job.maxHits) { truncated = true; break; }
        hits.push(toCp(m.index), toCp(m.index + m[0].length));
      }
      var out = new Uint32Array(hits);
      postMessage({ ticket: job.ticket, hits: out, truncated: truncated }, [out.buffer]);
    };
  }

  var regex = { queue: [], running: null, worker: null, url: null };

  function regexAnswer(ticket, hits, truncated, error) {
    H.whenReady(function () {
      var n = hits ? hits.length : 0;
      var p = _malloc(Math.max(4, n * 4));
      if (n) HEAPU32.set(hits, p >> 2);
      H.withUtf8(error || '', function (ep, en) {
        _aa_host_regex_result(ticket, error === null ? 1 : 0, p, n / 2, truncated ? 1 : 0, ep, en);
      });
      _free(p);
    });
  }

  function regexWorker() {
    if (regex.worker) return regex.worker;
    if (!regex.url) {
      var source = '(' + regexWorkerMain.toString() + ')();';
      regex.url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    }
    var w = new Worker(regex.url);
    w.onmessage = function (e) {
      var run = regex.running;
      if (!run || e.data.ticket !== run.ticket) return;
      clearTimeout(run.timer);
      regex.running = null;
      if (typeof e.data.error === 'string') regexAnswer(run.ticket, null, false, e.data.error);
      else regexAnswer(run.ticket, e.data.hits, e.data.truncated, null);
      regexNext();
    };
    w.onerror = function (e) {
      e.preventDefault();
      regexStop('the search failed (' + (e.message || 'the worker stopped') + ')');
    };
    regex.worker = w;
    return w;
  }

  // Ends the running search (its worker with it) and answers it with `why`.
  function regexStop(why) {
    var run = regex.running;
    regex.running = null;
    if (regex.worker) regex.worker.terminate();
    regex.worker = null;
    if (run) {
      clearTimeout(run.timer);
      if (why) regexAnswer(run.ticket, null, false, why);
    }
    regexNext();
  }

  function regexNext() {
    if (regex.running || !regex.queue.length) return;
    var job = regex.queue.shift();
    var w;
    try {
      w = regexWorker();
    } catch (e) {
      regexAnswer(job.ticket, null, false,
        'regular expressions run in a Web Worker, which this page could not start (' + H.describeError(e) + ')');
      regexNext();
      return;
    }
    var seconds = job.budgetMs / 1000;
    regex.running = {
      ticket: job.ticket,
      timer: setTimeout(function () {
        regexStop('stopped after ' + seconds + ' s (too slow on this text: it may backtrack without end, ' +
                  'as (a+)+$ does)');
      }, job.budgetMs),
    };
    w.postMessage({ ticket: job.ticket, pattern: job.pattern, flags: job.flags, text: job.text, maxHits: job.maxHits });
  }

  H.regexFind = function (ticket, pattern, caseSensitive, text, maxHits, budgetMs) {
    regex.queue.push({ ticket: ticket, pattern: pattern, flags: caseSensitive ? 'gu' : 'giu', text: text,
                       maxHits: maxHits, budgetMs: budgetMs });
    regexNext();
  };

  H.regexCancel = function (ticket) {
    regex.queue = regex.queue.filter(function (job) { return job.ticket !== ticket; });
    if (regex.running && regex.running.ticket === ticket) regexStop(null);
  };

  // ---- Downloads ----

  H.download = function (name, mime, bytes) {
    var blob = new Blob([bytes], { type: mime || 'application/octet-stream' });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = name || 'annotations.json';
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  };

  // ---- Storage (IndexedDB) ----

  // A staged value (aa_js_storage_stage) from this size on is stored as a Blob of its pieces: put()
  // serialises a Blob as a handle, where a Uint8Array's bytes are serialised in the calling task
  // (and, from 64 KB, copied again into a Blob of Chromium's own: IDBValueWrapper's kWrapThreshold):
  // 181.8 ms of CPU samples for the 10 MB import's snapshot at load 19 (docs/performance.md).
  // Smaller values stay bytes, stored inline as Chromium stores them, without a blob file.
  H.BLOB_MIN_BYTES = 64 * 1024;
  // The value staged in `slot`, whole: a Blob, or a Uint8Array when small; null when a piece is
  // missing (the commit then fails: nothing of it is written, and the App writes it again).
  H.stagedValue = function (slot) {
    var s = H.staged && H.staged[slot];
    if (!s || s.size !== s.total) return null;
    return s.blob || s.bytes;
  };

  // One key written: a batch of one put (H.storageCommit: durable before it counts as saved).
  H.storageWrite = function (key, value, ticket) {
    H.storageCommit({ puts: [[key, value]], deletes: [], ranges: [] }, ticket);
  };

  // H.lastRead: the newest read, settled once its answer reached the App (restoreVersion awaits it).
  H.storageRead = function (key, ticket) {
    H.lastRead = openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var request = db.transaction(DB_STORE, 'readonly').objectStore(DB_STORE).get(key);
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }).then(early.readValue).then(function (stored) {
      var value = H.valueBytes(stored);  // a Blob's bytes were read above
      H.whenReady(function () {
        if (value === null) _aa_host_storage_read(ticket, 0, 0, 0);
        else H.withBytes(value, function (ptr, size) { _aa_host_storage_read(ticket, 1, ptr, size); });
      });
    }, function (e) {
      console.warn('Article Annotator: reading ' + key + ' failed: ' + H.describeError(e));
      H.whenReady(function () { _aa_host_storage_read(ticket, 0, 0, 0); });
    });
  };

  // One transaction: puts, deletes and deleted key ranges ([first, last]) all happen or none.
  H.storageCommit = function (batch, ticket) {
    openDbToWrite().then(function (db) {
      return new Promise(function (resolve, reject) {
        // 'strict': the write reaches the disk before it counts as saved, so a browser killed
        // right after "saved" still has it.
        var tx = db.transaction(DB_STORE, 'readwrite', { durability: 'strict' });
        tx.oncomplete = function () { resolve(); };
        tx.onabort = function () { reject(tx.error || new Error('The storage transaction was aborted.')); };
        tx.onerror = function () { reject(tx.error); };
        var store = tx.objectStore(DB_STORE);
        try {
          if (batch.copySaved) copySaved(store, batch.copySaved);
          batch.ranges.forEach(function (r) { store.delete(IDBKeyRange.bound(r[0], r[1])); });
          batch.deletes.forEach(function (k) { store.delete(k); });
          batch.puts.forEach(function (p) {
            if (p[1] === null) throw new Error('The value of ' + p[0] + ' was not handed to the storage whole.');
            store.put(p[1], p[0]);
          });
        } catch (e) {
          tx.abort();  // nothing of the batch is written
          throw e;
        }
        // (A copy puts from its reads' callbacks: the transaction ends by itself once they ran.)
        if (tx.commit && !batch.copySaved) tx.commit();
      });
    }).then(function () {
      // An autosave is stored: the hint that the next start reads it before its first frame (early.js).
      if (batch.puts.some(function (p) { return p[0] === HEAD_KEY || p[0] === early.SESSION_KEY; })) early.noteSaved();
      H.whenReady(function () { _aa_host_storage_result(ticket, 1, 0, 0); });
    }, function (e) {
      var message = H.describeError(e);
      H.whenReady(function () {
        H.withUtf8(message, function (ptr, size) { _aa_host_storage_result(ticket, 0, ptr, size); });
      });
    });
  };

  // The autosave as this transaction sees it (head, snapshot, journal records) copied under `prefix`
  // + each key, inside the transaction: a recent version (ui/autosave.cpp) whose values never pass
  // through the wasm heap nor get serialised again. Its reads are placed before the batch's writes.
  function copySaved(store, prefix) {
    [HEAD_KEY, SNAPSHOT_KEY].forEach(function (k) {
      var get = store.get(k);
      get.onsuccess = function () { if (get.result !== undefined) store.put(get.result, prefix + k); };
    });
    var cursor = store.openCursor(IDBKeyRange.bound(JOURNAL_FIRST, JOURNAL_LAST));
    cursor.onsuccess = function () {
      var c = cursor.result;
      if (!c) return;
      store.put(c.value, prefix + c.key);
      c.continue();
    };
  }

  H.storageDelete = function (key) {
    openDbToWrite().then(function (db) {
      db.transaction(DB_STORE, 'readwrite').objectStore(DB_STORE).delete(key);
    }, function () {});
  };

  // ---- Tabs: one saves, the others pause (BroadcastChannel) ----
  var tabId = Math.random().toString(36).slice(2) + Date.now().toString(36);
  var channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('article-annotator') : null;
  if (channel) {
    channel.onmessage = function (e) {
      var m = e.data || {};
      if (m.type === 'claim' && m.id !== tabId) H.whenReady(function () { _aa_host_other_tab(); });
    };
  }
  H.claimSession = function () {
    if (channel) channel.postMessage({ type: 'claim', id: tabId });
  };

  // The autosave as io/journal.hpp stores it (early.js; a prefix reads a recent version's copy).
  H.readSaved = early.readSaved;

  // Another tab's work ("Continue here"): answered with App::on_saved_read.
  // With a prefix, a recent version's copy (H.lastRead: restoreVersion awaits its answer).
  H.storageReadSaved = function (ticket, prefix) {
    H.lastRead = H.readSaved(prefix).then(function (saved) { return saved; }, function (e) {
      console.warn('Article Annotator: reading the autosave failed: ' + H.describeError(e));
      return null;
    }).then(function (saved) {
      H.whenReady(function () {
        if (saved) H.saved[ticket] = saved;
        _aa_host_saved_read(ticket);
        delete H.saved[ticket];
      });
    });
  };

  // ---- Start-up ----

  if (typeof WebGL2RenderingContext === 'undefined') {
    H.fail('This browser cannot draw the annotator: WebGL 2 is not available.');
    Module.noInitialRun = true;
  }

  // The saved session, read while the page downloaded (early.js). main() does not wait for it: it
  // prepares what needs no session (the WebGL context, ImGui, the App, the font atlas, the shaders),
  // then asks for it here; the App starts with it and draws its first frame in aa_host_session_read,
  // so no frame shows a document before the saved one is in it.
  H.awaitSession = function () {
    early.session.then(function (saved) {
      if (saved) H.saved[0] = saved;
      if (!H.failed) _aa_host_session_read();
    });
  };
  Module.canvas = canvas;
  // index.html started fetching and compiling the wasm before this script arrived (finish_html.py):
  // instantiate that module instead of fetching it again. The single file has none (its wasm is
  // inside this script), nor has a page built without it: Emscripten's own fetch runs then.
  if (window.aaWasmModule) {
    Module.instantiateWasm = function (imports, receiveInstance) {
      window.aaWasmModule.then(function (module) {
        AADeferred.noteModule(module);
        return WebAssembly.instantiate(module, imports).then(function (instance) {
          receiveInstance(instance, module);
        });
      }).catch(function (e) {
        H.fail('The annotator could not load its code (annotator.wasm): ' + H.describeError(e) + '.');
      });
      return {};  // the exports come through receiveInstance
    };
  }
  Module.print = function (text) { console.log(text); };
  Module.printErr = function (text) {
    // -sSPLIT_MODULE's glue reports each placeholder it routes to deferred.js: not an error.
    if (/^(placeholder function called: |instantiated deferred module)/.test(text)) return;
    console.error(text);
  };
  Module.onAbort = function (what) {
    H.fail('The annotator stopped because of an internal error (' + what + '). Reload the page to continue.');
  };
  window.addEventListener('error', function (e) {
    if (!H.isReady) H.fail('The annotator could not start: ' + (e.message || 'a script error') + '.');
  });

  // ---- Browser events ----

  document.addEventListener('paste', function (e) {
    var data = e.clipboardData;
    if (!data) return;
    e.preventDefault();
    if (data.files && data.files.length) {
      H.readFiles(data.files, 0);  // an open of their own (App::kDroppedFiles)
    } else {
      H.paste(data.getData('text/plain'));
    }
  });

  window.addEventListener('dragover', function (e) {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('drop', function (e) {
    e.preventDefault();
    var data = e.dataTransfer;
    if (!data) return;
    if (data.files && data.files.length) {
      H.readFiles(data.files, 0);
    } else {
      var text = data.getData('text/plain');
      if (text) H.paste(text);
    }
    canvas.focus({ preventScroll: true });
  });

  // ---- Text fields: a DOM element over the ImGui field that has the keyboard ----
  // Dear ImGui's InputText cannot compose (Chinese pinyin, Japanese kana) nor draw most scripts, so
  // while a field has the keyboard an <input> (a <textarea> for a multiline field) lies over it,
  // transparent but for its text, in the article's fonts: the browser types, composes and draws,
  // and each committed text goes to the field (App::on_text_field_input): a composition arrives once,
  // when it is committed. The keys that edit text stay with the element; the others (Enter, Escape,
  // Tab, F-keys, Alt and Ctrl shortcuts) go on to GLFW and the annotator.
  var field = { id: 0, el: null, input: null, area: null, composing: false, ownUndo: true, multiline: false };
  function fieldElement(multiline) {
    var key = multiline ? 'area' : 'input';
    if (field[key]) return field[key];
    var el = document.createElement(multiline ? 'textarea' : 'input');
    el.id = multiline ? 'aa-text-area' : 'aa-text-input';
    el.setAttribute('dir', 'auto');
    el.setAttribute('autocomplete', 'off');
    el.setAttribute('spellcheck', 'false');
    el.style.cssText = 'position:fixed;display:none;margin:0;border:0;outline:none;background:transparent;' +
      'box-sizing:border-box;resize:none;overflow:hidden;z-index:5;line-height:normal;';
    el.addEventListener('compositionstart', function () { field.composing = true; });
    el.addEventListener('compositionend', function () { field.composing = false; sendField(); });
    el.addEventListener('input', function (e) { if (!e.isComposing && !field.composing) sendField(); });
    // Pasted text goes into the element as typed text (not to the annotator's document paste).
    el.addEventListener('paste', function (e) { e.stopPropagation(); });
    document.body.appendChild(el);
    field[key] = el;
    return el;
  }
  function codePoints(s, units) { return Array.from(s.slice(0, units)).length; }
  function units(s, cps) {
    var a = Array.from(s);
    return a.slice(0, Math.min(cps, a.length)).join('').length;
  }
  function sendField() {
    var el = field.el;
    if (!field.id || !el || !H.isReady) return;
    var v = el.value;
    var a = codePoints(v, el.selectionStart || 0), b = codePoints(v, el.selectionEnd || 0);
    H.withUtf8(v, function (ptr, size) { _aa_host_text_field_input(field.id, ptr, size, a, b); });
    H.wake();
  }
  H.textField = function (o) {
    if (!o.id) {
      if (!field.el) return;
      var had = document.activeElement === field.el;
      field.el.style.display = 'none';
      field.id = 0;
      field.composing = false;
      if (had) canvas.focus({ preventScroll: true });
      return;
    }
    var el = fieldElement(o.multiline);
    if (field.el && field.el !== el) field.el.style.display = 'none';
    var fresh = field.id !== o.id || field.el !== el;
    field.el = el;
    field.id = o.id;
    field.ownUndo = o.ownUndo;
    field.multiline = o.multiline;
    // Its name for a screen reader (the ImGui field's label is drawn on the canvas, not in the DOM).
    if (o.name) el.setAttribute('aria-label', o.name);
    else el.removeAttribute('aria-label');
    // A password field is the browser's own: dots, and no input method composes into it.
    if (!o.multiline && el.type !== (o.password ? 'password' : 'text')) el.type = o.password ? 'password' : 'text';
    var r = canvas.getBoundingClientRect();
    var c = o.color;
    el.style.left = (r.left + o.x) + 'px';
    el.style.top = (r.top + o.y) + 'px';
    el.style.width = o.w + 'px';
    el.style.height = o.h + 'px';
    el.style.padding = o.padY + 'px ' + o.padX + 'px';
    el.style.font = o.fontSize + 'px ' + o.families;
    el.style.color = 'rgba(' + (c & 255) + ',' + ((c >>> 8) & 255) + ',' + ((c >>> 16) & 255) + ',' +
                     (((c >>> 24) & 255) / 255) + ')';
    el.style.caretColor = el.style.color;
    el.style.pointerEvents = H.mouseHeld ? 'none' : 'auto';
    el.style.display = 'block';
    // A new field, or the annotator changed the text itself (Escape restoring it, a field emptied
    // after Enter): the element takes the field's text and selection.
    if (fresh || o.justActivated || (!field.composing && el.value !== o.text)) {
      el.value = o.text;
      el.setSelectionRange(units(o.text, o.selStart), units(o.text, o.selEnd));
    }
    if (document.activeElement !== el) el.focus({ preventScroll: true });
  };
  // The element keeps a key (it edits text there) or lets it go on to GLFW.
  function fieldKeeps(e) {
    if (e.isComposing || e.keyCode === 229) return true;
    var k = e.key;
    if (k === 'Shift' || k === 'Control' || k === 'Alt' || k === 'Meta' || /^F\d+$/.test(k)) return false;
    if (k === 'Escape' || k === 'Tab' || k === 'PageUp' || k === 'PageDown') return false;
    if (k === 'Enter') return field.multiline && !e.ctrlKey && !e.metaKey && !e.altKey;
    if (k === 'ArrowUp' || k === 'ArrowDown') return field.multiline && !e.altKey;
    if (e.altKey) return false;
    if (e.ctrlKey || e.metaKey) {
      var l = k.toLowerCase();
      if (l === 'a' || l === 'c' || l === 'x' || l === 'v') return true;
      if (l === 'z' || l === 'y') return field.ownUndo;
      return k === 'ArrowLeft' || k === 'ArrowRight' || k === 'Backspace' || k === 'Delete' || k === 'Home' ||
             k === 'End';
    }
    return true;
  }
  // Registered before GLFW's own window listeners (glfwInit adds them later), so stopping the event
  // here keeps it from them; the element still gets it and its default action.
  window.addEventListener('keydown', function (e) {
    if (field.id && e.target === field.el && fieldKeeps(e)) e.stopImmediatePropagation();
  }, true);
  window.addEventListener('keypress', function (e) {
    if (field.id && e.target === field.el) e.stopImmediatePropagation();
  }, true);
  // The browser's click count of a press on the canvas (MouseEvent.detail: 2 for a double-click),
  // recorded here for GLFW's mousedown listener on the canvas, which runs next and reports the press
  // to ImGui (aa_js_click_count): the page counts clicks as the browser did, not from its own frame
  // times (main.cpp, PageHost::note_click_count).
  H.clickCount = 0;
  H.takeClickCount = function () {
    var n = H.clickCount;
    H.clickCount = 0;
    return n;
  };
  // A press on the canvas that activates a field ends over the element: the element lets the mouse
  // through while a button is held, so that GLFW (listening on the canvas) sees the release.
  window.addEventListener('mousedown', function (e) {
    H.clickCount = e.target === canvas ? e.detail : 0;
    if (e.target === canvas) H.mouseHeld = true;
  }, true);
  window.addEventListener('mouseup', function () {
    H.mouseHeld = false;
    if (field.id && field.el) field.el.style.pointerEvents = 'auto';
  }, true);

  // Shortcuts the annotator uses, which the browser would otherwise take (save page, open file,
  // zoom, find, select all, print). Ctrl+C/X/V stay with the browser: they fire the clipboard events.
  var APP_KEYS = { s: 1, o: 1, z: 1, y: 1, '=': 1, '+': 1, '-': 1, '0': 1, a: 1, f: 1, p: 1, e: 1, d: 1, k: 1 };
  window.addEventListener('keydown', function (e) {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && APP_KEYS[e.key.toLowerCase()]) e.preventDefault();
    // F6 moves the focus between the regions (keyboard.cpp), not to the address bar.
    if (e.key === 'F1' || e.key === 'F3' || e.key === 'F6' || (e.key === 'Tab' && !e.ctrlKey)) e.preventDefault();
    // Alt+Left/Right are the document queue's previous/next, not the browser's back/forward.
    if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.code === 'KeyM')) e.preventDefault();
  }, true);

  // A change made just before a reload or a closed tab may still wait for the autosave's delay:
  // write it now (the IndexedDB request is issued before the page goes).
  function flush() {
    if (H.isReady) _aa_host_flush();
  }
  window.addEventListener('pagehide', flush);
  // A hidden tab draws no frames (requestAnimationFrame stops), so a change that arrives meanwhile
  // (an API call, a file read finishing) is saved by this timer instead; timers still run, at most
  // once a second, in the background.
  setInterval(function () {
    if (document.visibilityState === 'hidden') flush();
  }, 1000);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') flush();
    // Shown again: the next frame is drawn even if its picture is the one drawn last (main.cpp skips
    // such frames; the browser may have dropped the hidden canvas's contents).
    else if (H.isReady) _aa_host_force_draw();
  });

  // Any input wakes the frame loop (it draws only when something happened).
  ['mousedown', 'mouseup', 'mousemove', 'wheel', 'keydown', 'keyup', 'touchstart', 'touchmove', 'touchend',
   'focus', 'blur', 'resize', 'visibilitychange', 'pointerdown', 'pointerup']
    .forEach(function (type) { window.addEventListener(type, H.wake, { capture: true, passive: true }); });

  // The canvas's CSS size or the device pixel ratio may have changed: main.cpp measures the canvas
  // again (aa_js_canvas_metrics, a getBoundingClientRect) only then, not in every tick (issue 11).
  // The canvas fills the window (position: fixed), so a resize says it, in the same animation frame;
  // a ResizeObserver catches any other cause (one frame later), the query below a new density.
  H.canvasChanged = true;
  function canvasChanged() { H.canvasChanged = true; }
  window.addEventListener('resize', canvasChanged, { capture: true, passive: true });
  // The observer also wakes the loop: an idle page's loop is paused (main.cpp) and would otherwise
  // measure the canvas only at its next idle frame.
  if (typeof ResizeObserver !== 'undefined' && canvas) {
    new ResizeObserver(function () { canvasChanged(); H.wake(); }).observe(canvas);
  }

  // A change of devicePixelRatio without a resize (moving to another screen): redraw at the new density.
  (function watchPixelRatio() {
    if (!window.matchMedia) return;
    var query = window.matchMedia('(resolution: ' + (window.devicePixelRatio || 1) + 'dppx)');
    query.addEventListener('change', function () { canvasChanged(); H.wake(); watchPixelRatio(); }, { once: true });
  })();

  // ---- The WebGL context: lost and restored ----
  // The browser takes a page's WebGL context away on a GPU reset, a driver update, a laptop waking
  // from sleep, too many contexts or memory pressure, and the canvas is blank from then on unless the
  // page asks for it back (preventDefault) and makes its GPU objects again when it comes back
  // (main.cpp's context_restored: ImGui's program, buffers and font texture, the text engine's atlas
  // pages, then a frame). Meanwhile the App runs on without drawing: input, edits and the autosave go
  // on, and the screen reader's mirror (a11y.js) with them; the status box says what happened. A
  // browser that will not give it back sends no event for that: after GL_GIVE_UP_MS, or at once when
  // it says so (webglcontextcreationerror, as Chromium does when it blocks a page after repeated
  // losses), the status box says so and offers a reload (the work is saved; a restore that still
  // comes later recovers as any other).
  var GL_GIVE_UP_MS = 10000;
  var glGiveUpTimer = 0;
  H.glLost = false;
  var glGivenUp = false;  // said, until the context is back
  function glGaveUp() {
    clearTimeout(glGiveUpTimer);
    if (!H.glLost || H.failed || !statusBox) return;
    glGivenUp = true;
    showStatus('The drawing could not be restored. Your work is saved in this browser: reload the page to go on.', true);
    var reload = document.createElement('button');
    reload.type = 'button';
    reload.id = 'aa-reload';
    reload.textContent = 'Reload';
    reload.style.cssText = 'display: block; margin: 0.75em auto 0; font: inherit; padding: 0.25em 1.5em;';
    reload.addEventListener('click', function () { location.reload(); });
    statusBox.appendChild(reload);
  }
  function glSayLost() {
    if (!H.failed) showStatus('The drawing was lost (the browser reset its graphics) and is being restored. Your work is kept.', false);
  }
  // A restore that came before the page was ready and is not made yet (its listener waits for the
  // readiness): until then main.cpp's start-up treats the context as lost (aa_js_gl_is_lost), since
  // whatever it made before the restore was the lost context's.
  H.glRestorePending = false;
  function glLostNow() {
    H.glLost = true;
    glSayLost();
    clearTimeout(glGiveUpTimer);
    glGiveUpTimer = setTimeout(glGaveUp, GL_GIVE_UP_MS);
    // Before the page is ready this waits (main.cpp's start-up asks the context itself, and the
    // restore, queued after it, makes everything again), and the status box is said again: the
    // page's readiness clears it.
    H.whenReady(function () {
      if (!H.glLost) return;
      _aa_host_gl_lost();
      if (statusBox && statusBox.hidden) {
        if (glGivenUp) glGaveUp();
        else glSayLost();
      }
    });
  }
  if (canvas) {
    canvas.addEventListener('webglcontextlost', function (e) {
      e.preventDefault();  // without it the browser never restores the context
      glLostNow();
    });
    canvas.addEventListener('webglcontextcreationerror', function () {
      if (H.glLost) glGaveUp();
    });
    canvas.addEventListener('webglcontextrestored', function () {
      H.glLost = false;
      glGivenUp = false;
      clearTimeout(glGiveUpTimer);
      if (!H.isReady) H.glRestorePending = true;
      H.whenReady(function () {
        H.glRestorePending = false;
        _aa_host_gl_restored();  // draws a frame
        if (!H.glLost && !H.failed) showStatus('', false);
      });
    });
    // Lost before this script ran (early.js asked for it back): said and waited for as here.
    if (early.glLost) glLostNow();
  }

  // ---- Touch (phones and tablets): a tap selects a word (or acts as a click elsewhere); a finger
  // landing on a selection's handle drags that end; a long press opens an entity's menu, elsewhere it
  // starts a selection that a drag extends; a swipe scrolls with inertia (none with
  // prefers-reduced-motion); two fingers pinch the zoom.
  // The canvas has touch-action: none, so the browser neither scrolls nor zooms the page itself.
  // Listened to on window in the capture phase and stopped there: Emscripten's GLFW listens on the
  // canvas and would turn every touch into a mouse press as well.
  var TAP_SLOP = 10, LONG_PRESS_MS = 450, PINCH_STEP = 0.03;
  var touch = null, pinch = null;
  function canvasPoint(t) {
    var r = canvas.getBoundingClientRect();
    return { x: t.clientX - r.left, y: t.clientY - r.top };
  }
  function reducedMotion() {
    return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  }
  function onCanvas(type, fn) {
    window.addEventListener(type, function (e) {
      if (e.target !== canvas) return;
      e.stopPropagation();
      fn(e);
    }, { capture: true, passive: false });
  }
  function fingerGap(e) {
    var a = e.touches[0], b = e.touches[1];
    return Math.max(1, Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY));
  }
  onCanvas('touchstart', function (e) {
    if (!H.isReady) return;
    e.preventDefault();
    if (touch && touch.timer) clearTimeout(touch.timer);
    if (H.inertia) { cancelAnimationFrame(H.inertia); H.inertia = 0; }
    if (e.touches.length === 2) {
      // A second finger: a pinch. A selection the first finger was making is finished where it was.
      if (touch && touch.mode === 'select') _aa_host_touch(touch.x, touch.y, 0, 1);
      touch = null;
      pinch = { gap: fingerGap(e), zoom: _aa_host_zoom(), sent: _aa_host_zoom() };
      return;
    }
    if (e.touches.length !== 1) { touch = null; return; }
    var p = canvasPoint(e.touches[0]);
    // Times are the events' own (when the finger moved), not when a busy page got to them.
    touch = { x0: p.x, y0: p.y, x: p.x, y: p.y, t: e.timeStamp, v: 0, mode: 'pending', timer: 0 };
    _aa_host_touch(p.x, p.y, -1, 1);
    if (_aa_host_touch_handle(p.x, p.y)) {
      touch.mode = 'select';  // on a selection handle: the finger drags that end
      _aa_host_touch(p.x, p.y, 1, 0);
      return;
    }
    touch.t0 = e.timeStamp;
    // While the finger stays down, the long press shows when its time has come. The timer only says
    // when to look: a busy page runs it late, when the finger may have moved or lifted already in
    // events not yet handled. The browser hands those over before the next animation frame, so the
    // decision waits for that frame and is made from the events' own times (longPressed).
    var mine = touch;
    touch.timer = setTimeout(function () {
      requestAnimationFrame(function () {
        if (touch === mine && touch.mode === 'pending') longPress();
      });
    }, LONG_PRESS_MS);
  });
  // A finger still within TAP_SLOP of where it landed since `t0` has held long enough at time `now`
  // (an event's timeStamp: when the finger did it, not when a busy page got to it).
  function longPressed(now) {
    return touch.mode === 'pending' && now - touch.t0 >= LONG_PRESS_MS;
  }
  function longPress() {
    clearTimeout(touch.timer);
    touch.mode = 'select';  // a long press: an entity's menu, else the finger now drags a selection
    _aa_host_touch_long_press(touch.x, touch.y);
  }
  onCanvas('touchmove', function (e) {
    if (pinch && e.touches.length === 2) {
      e.preventDefault();
      var z = pinch.zoom * fingerGap(e) / pinch.gap;
      // The zoom re-rasterises the fonts: only in steps of a few per cent.
      if (Math.abs(z - pinch.sent) > pinch.sent * PINCH_STEP) {
        pinch.sent = z;
        _aa_host_set_zoom(z);
      }
      return;
    }
    if (!touch || e.touches.length !== 1) return;
    e.preventDefault();
    var p = canvasPoint(e.touches[0]);
    if (touch.mode === 'pending' && Math.hypot(p.x - touch.x0, p.y - touch.y0) > TAP_SLOP) {
      // Leaving the slop: after a long hold the finger drags a selection from where it held, else it scrolls.
      if (longPressed(e.timeStamp)) {
        longPress();
      } else {
        touch.mode = 'scroll';
        clearTimeout(touch.timer);
      }
    }
    var now = e.timeStamp;
    if (touch.mode === 'scroll') {
      var dy = p.y - touch.y;
      _aa_host_touch_scroll(p.x, p.y, dy);
      touch.v = dy / Math.max(8, now - touch.t);  // px per ms, for the inertia
    } else if (touch.mode === 'select') {
      _aa_host_touch(p.x, p.y, -1, 0);
    }
    touch.x = p.x;
    touch.y = p.y;
    touch.t = now;
  });
  function touchEnd(e) {
    if (pinch) {
      e.preventDefault();
      if (e.touches.length < 2) pinch = null;  // the last step was sent; a finger left stays still
      return;
    }
    if (!touch) return;
    e.preventDefault();
    clearTimeout(touch.timer);
    if (e.type === 'touchend' && longPressed(e.timeStamp)) longPress();  // lifted after a long hold
    var t = touch;
    touch = null;
    if (t.mode === 'pending') {  // a tap
      _aa_host_touch(t.x, t.y, 1, 1);
      _aa_host_touch(t.x, t.y, 0, 1);
    } else if (t.mode === 'select') {
      // Released as a finger: the selection is labelled from the label bar, not the mouse's popup.
      _aa_host_touch(t.x, t.y, 0, 1);
    } else if (t.mode === 'scroll' && Math.abs(t.v) > 0.1 && !reducedMotion()) {
      // Friction: the speed falls by FRICTION per ms (about 40% left after 100 ms); each frame moves by
      // the distance the decaying speed covers in its time, so slow frames move as far as fast ones
      // and the whole glide is v / -ln(FRICTION), about 200 ms of the finger's last speed.
      var FRICTION = 0.995, RATE = -Math.log(FRICTION);
      var v = t.v, last = performance.now();
      var step = function (now) {
        var dt = Math.max(0, now - last);
        last = now;
        var decay = Math.pow(FRICTION, dt);
        _aa_host_touch_scroll(t.x, t.y, v * (1 - decay) / RATE);
        v *= decay;
        if (Math.abs(v) < 0.05) { H.inertia = 0; return; }
        H.inertia = requestAnimationFrame(step);
      };
      H.inertia = requestAnimationFrame(step);
    }
  }
  onCanvas('touchend', touchEnd);
  onCanvas('touchcancel', touchEnd);

  // Keyboard focus stays on the canvas (key events reach GLFW through window anyway; the canvas
  // being focused keeps paste events and screen readers pointed at the annotator).
  canvas.addEventListener('mousedown', function () { canvas.focus({ preventScroll: true }); });

  // ---- Team projects: team.js (PouchDB and the sync, beside annotator.js in dist/), loaded only
  // when a team project is opened. The single-file page has no script beside it (and its CSP
  // allows no connection): there H.teamScript is '' and the dialog says why. ----

  var ownScript = document.currentScript;
  H.teamScript = ownScript && ownScript.src ? new URL('team.js', ownScript.src).href : '';
  var teamLoading = null;
  H.teamLoad = function () {
    if (window.AATeam) return Promise.resolve(window.AATeam);
    if (!teamLoading) {
      teamLoading = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = H.teamScript;
        s.onload = function () {
          if (window.AATeam) resolve(window.AATeam);
          else reject(new Error(H.teamScript + ' did not start'));
        };
        s.onerror = function () {
          teamLoading = null;
          reject(new Error('could not load ' + H.teamScript + ' (offline, or not deployed with the page)'));
        };
        document.head.appendChild(s);
      });
    }
    return teamLoading;
  };
  H.teamEvent = function (ev) {
    H.whenReady(function () { H.withUtf8(JSON.stringify(ev), _aa_host_team_event); });
  };
  H.team = function (op, a, b, c) {
    H.teamLoad().then(function (T) { T.run(op, a, b, c); }, function (e) {
      H.teamEvent({ kind: 'error', message: 'Team project: ' + H.describeError(e) });
    });
  };
  // The remembered project (team.js keeps it in localStorage) is also written to this page's
  // IndexedDB with 'strict' durability, as the autosave is: Chromium writes localStorage to the disk
  // seconds later, so a browser killed right after a sign-in or an article opened forgot the project
  // while the journal kept the article's edits. null forgets it (signed out).
  var TEAM_KEY = 'aa-team-project';
  H.teamPersist = function (json) {
    openDbToWrite().then(function (db) {
      var store = db.transaction(DB_STORE, 'readwrite', { durability: 'strict' }).objectStore(DB_STORE);
      if (json === null) store.delete(TEAM_KEY);
      else store.put(json, TEAM_KEY);
    }).catch(function () {});
  };
  // A project opened before is opened again at start-up (its replica works offline too): the one in
  // IndexedDB (the newest on the disk), else localStorage's.
  H.teamResume = function () {
    if (!H.teamScript) return;
    var local = null;
    try { local = localStorage.getItem(TEAM_KEY); } catch (e) { local = null; }
    openDb().then(function (db) {
      return new Promise(function (resolve) {
        var get = db.transaction(DB_STORE, 'readonly').objectStore(DB_STORE).get(TEAM_KEY);
        get.onsuccess = function () { resolve(typeof get.result === 'string' ? get.result : null); };
        get.onerror = function () { resolve(null); };
      });
    }, function () { return null; }).then(function (stored) {
      if (stored && stored !== local) {
        try { localStorage.setItem(TEAM_KEY, stored); } catch (e) { /* team.js reads it there */ }
      }
      if (stored || local) H.team('resume', '', '', '');
    });
  };

  return H;
})();
