// window.annotator: the scripting API (--post-js), over api.cpp's exported aa_api_* functions.
// Offsets are code points. Errors throw an Error carrying the message the page shows.
// web/API.md documents it.
'use strict';

(function () {
  var OK = 0, ERROR = 1;

  function result() {
    return AAHost.utf8(_aa_api_result(), _aa_api_result_size());
  }

  function requireReady() {
    if (!AAHost.isReady) throw new Error('The annotator is not ready yet: wait for window.annotatorReady.');
  }

  // Runs an aa_api_* call; returns its value as a string, or null; throws its error.
  function call(fn) {
    requireReady();
    var code = fn();
    if (code === OK) return result();
    if (code === ERROR) throw new Error(result());
    return null;
  }

  function requireString(name, value) {
    if (typeof value !== 'string') throw new TypeError(name + ' must be a string');
    return value;
  }

  function requireOffset(name, value) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new TypeError(name + ' must be a non-negative integer (a code point offset)');
    }
    return value;
  }

  var annotator = {
    // Replaces the article (not undoable; entities are cleared).
    setText: function (text) {
      requireString('text', text);
      call(function () { return AAHost.withUtf8(text, _aa_api_set_text); });
    },
    getText: function () {
      return call(_aa_api_get_text);
    },
    // Adds [start, end) with an existing label; returns the new entity's id.
    addEntity: function (start, end, label) {
      requireOffset('start', start);
      requireOffset('end', end);
      requireString('label', label);
      return call(function () {
        return AAHost.withUtf8(label, function (p, n) { return _aa_api_add_entity(start, end, p, n); });
      });
    },
    removeEntity: function (id) {
      requireString('id', id);
      call(function () { return AAHost.withUtf8(id, _aa_api_remove_entity); });
    },
    // Gives entity `id` another existing label (undoable), as a label key does with it selected.
    relabelEntity: function (id, label) {
      requireString('id', id);
      requireString('label', label);
      call(function () {
        return AAHost.withUtf8(id, function (p, n) {
          return AAHost.withUtf8(label, function (q, m) { return _aa_api_relabel_entity(p, n, q, m); });
        });
      });
    },
    entities: function () {
      return JSON.parse(call(_aa_api_entities));
    },
    labels: function () {
      return JSON.parse(call(_aa_api_labels));
    },
    // What the last exportAs could not hold in its format (lossy targets), one message each.
    exportWarnings: function () {
      return JSON.parse(call(_aa_api_export_warnings));
    },
    // The document in a format of the registry ("native" when omitted), as a string.
    exportAs: function (format) {
      var f = format === undefined ? 'native' : requireString('format', format);
      return call(function () { return AAHost.withUtf8(f, _aa_api_export); });
    },
    // Loads a document from `content`; on bad input throws and changes nothing.
    importFrom: function (format, content, name) {
      requireString('format', format);
      requireString('content', content);
      var fileName = name === undefined ? '' : requireString('name', name);
      call(function () {
        return AAHost.withUtf8(format, function (fp, fn) {
          return AAHost.withUtf8(content, function (cp, cn) {
            return AAHost.withUtf8(fileName, function (np, nn) { return _aa_api_import(fp, fn, cp, cn, np, nn); });
          });
        });
      });
    },
    // Return whether there was something to undo / redo.
    undo: function () {
      return call(_aa_api_undo) === 'true';
    },
    redo: function () {
      return call(_aa_api_redo) === 'true';
    },
    // callback({revision}) runs after every change of the document; returns a function that unsubscribes.
    onChange: function (callback) {
      if (typeof callback !== 'function') throw new TypeError('callback must be a function');
      AAHost.changeCallbacks.push(callback);
      return function () {
        var i = AAHost.changeCallbacks.indexOf(callback);
        if (i >= 0) AAHost.changeCallbacks.splice(i, 1);
      };
    },
    // The box of the character at `offset` in CSS pixels of the viewport (the page does not scroll),
    // or null when no article is laid out or `offset` is past its end.
    caretRect: function (offset) {
      requireOffset('offset', offset);
      var json = call(function () { return _aa_api_caret_rect(offset); });
      if (json === null) return null;
      var r = JSON.parse(json);
      var c = Module.canvas.getBoundingClientRect();
      return { x: r.x + c.left, y: r.y + c.top, width: r.width, height: r.height, rtl: r.rtl };
    },
    // The boxes entity `id` was drawn as in the last frame, in CSS pixels of the viewport: one per
    // line and per direction change it crosses ([] when it is not on screen).
    highlightRects: function (id) {
      requireString('id', id);
      var rs = JSON.parse(call(function () { return AAHost.withUtf8(id, _aa_api_highlight_rects); }));
      var c = Module.canvas.getBoundingClientRect();
      return rs.map(function (r) { return { x: r.x + c.left, y: r.y + c.top, width: r.width, height: r.height }; });
    },
    // The article's text column in the last frame: {x, width, size, rowHeight, textTop, scrollY,
    // viewHeight, families} (x in CSS pixels of the viewport; a row's text line box starts textTop
    // below the row's top; scrollY how far the article is scrolled, viewHeight its visible height).
    articleColumn: function () {
      var json = call(_aa_api_article_column);
      if (json === null) return null;
      var r = JSON.parse(json);
      r.x += Module.canvas.getBoundingClientRect().left;
      return r;
    },
    // One paragraph laid out as the article's text engine does (bidi runs, UAX #14 line breaks,
    // widths from the browser's canvas): {rtl, px, families, lines: [{start, end, width, runs:
    // [{start, end, level, x, width, bounds, xs}]}]}, offsets in code points. direction: 'auto'
    // (the first strong character), 'ltr' or 'rtl'; size in CSS pixels (default 16).
    layoutParagraph: function (text, width, direction, size) {
      requireString('text', text);
      var dir = { auto: 0, ltr: 1, rtl: 2 }[direction === undefined ? 'auto' : direction];
      if (dir === undefined) throw new TypeError("direction must be 'auto', 'ltr' or 'rtl'");
      var px = size === undefined ? 16 : size;
      var json = call(function () {
        return AAHost.withUtf8(text, function (p, n) { return _aa_api_layout_paragraph(p, n, width, dir, px); });
      });
      return JSON.parse(json);
    },
    // The box of a named widget of the Documents or Agreement panel ("queue.next", "queue.row.0",
    // "agree.curate", ...; see App::widget_rect) as caretRect, or null when it was not drawn.
    widgetRect: function (name) {
      requireString('name', name);
      var json = call(function () { return AAHost.withUtf8(name, _aa_api_widget_rect); });
      if (json === null) return null;
      var r = JSON.parse(json);
      var c = Module.canvas.getBoundingClientRect();
      return { x: r.x + c.left, y: r.y + c.top, width: r.width, height: r.height };
    },
    frameStats: function () {
      return JSON.parse(call(_aa_api_frame_stats));
    },
    // The frame loop's counters: {frames, draws, skipped, active, undrawn, compareMs, rememberMs,
    // compareBytes} (web/API.md).
    loopStats: function () {
      return JSON.parse(call(_aa_api_loop_stats));
    },
    // The accessibility descriptions handed to the DOM mirror (a11y.js): how many, the last one's
    // JSON bytes and the parts it carried (the ones that changed; the small fields always come).
    a11yStats: function () {
      return AAHost.a11y.stats();
    },
    // The code split off the first download (deferred.js): when and how it was loaded.
    deferredCode: function () {
      return AADeferred.stats();
    },
    memoryStats: function () {
      return JSON.parse(call(_aa_api_memory));
    },
    // "saved", "saving", "failed" or "off".
    // What a reload would restore now, read from IndexedDB and recovered by the start-up's code:
    // a Promise of {document (native JSON), replayed, dropped}, or null when nothing is stored.
    storedDocument: function () {
      requireReady();
      return AAHost.readSaved().then(function (saved) {
        if (!saved) return null;
        var ticket = -1 - Math.floor(Math.random() * 1e9);  // negative: never a storage ticket of the App
        AAHost.saved[ticket] = saved;
        return JSON.parse(call(function () { return _aa_api_stored_document(ticket); }));
      });
    },
    saveState: function () {
      return call(_aa_api_save_state);
    },
    // The recent versions kept for recovery (File > Recent versions), oldest first:
    // [{key, when, title, entities}].
    versions: function () {
      return JSON.parse(call(_aa_api_versions));
    },
    // Restores a version by its key; asynchronous: resolves once the version is loaded (the state
    // it replaces is kept as a version too). Rejects on an unknown key or an unreadable version.
    restoreVersion: function (key) {
      requireString('key', key);
      AAHost.lastRead = null;
      call(function () { return AAHost.withUtf8(key, _aa_api_restore_version); });
      var read = AAHost.lastRead || Promise.resolve();
      return read.then(function () {
        // The App says in its status whether the version was restored (or why not).
        var status = call(_aa_api_status_message);
        if (status.indexOf('Restored the version of') !== 0) throw new Error(status);
      });
    },
    // The status bar's message (the last error or notice).
    statusMessage: function () {
      return call(_aa_api_status_message);
    },
    // Three-way merge of revisions of one person's ann: (or a gold:) document, as stored in the
    // team project (base may be null: no common revision known): {merged, conflicts}. The page's
    // sync script runs it on a same-user conflict (docs/team.md).
    mergeAnnotations: function (base, ours, theirs, text) {
      var b = base === null || base === undefined ? '' : JSON.stringify(base);
      var o = JSON.stringify(ours), t = JSON.stringify(theirs);
      var x = text === undefined ? '' : requireString('text', text);
      return JSON.parse(call(function () {
        return AAHost.withUtf8(b, function (bp, bn) {
          return AAHost.withUtf8(o, function (op, on) {
            return AAHost.withUtf8(t, function (tp, tn) {
              return AAHost.withUtf8(x, function (xp, xn) { return _aa_api_team_merge(bp, bn, op, on, tp, tn, xp, xn); });
            });
          });
        });
      }));
    },
    // A team project's bulk import as annotator push reads it (docs/team.md): files [{name, bytes
    // (Uint8Array)}], options {step: 'keys' | 'plan', gold, as, curator, db}; for 'plan' also the
    // project document (null: none yet) and the existing documents by id. 'keys': {ok, messages,
    // articles, keys}; 'plan': {ok, messages, docs, kept, skipped_entities, articles, project_created}.
    teamImport: function (files, options, project, existing) {
      var manifest = [], total = 0;
      files.forEach(function (f) { manifest.push({ name: requireString('name', f.name), size: f.bytes.length }); total += f.bytes.length; });
      var all = new Uint8Array(total), at = 0;
      files.forEach(function (f) { all.set(f.bytes, at); at += f.bytes.length; });
      var m = JSON.stringify(manifest), o = JSON.stringify(options || {});
      var p = project ? JSON.stringify(project) : '', e = existing ? JSON.stringify(existing) : '';
      return JSON.parse(call(function () {
        return AAHost.withUtf8(m, function (mp, mn) {
          return AAHost.withBytes(all, function (bp, bn) {
            return AAHost.withUtf8(o, function (op, on) {
              return AAHost.withUtf8(p, function (pp, pn) {
                return AAHost.withUtf8(e, function (ep, en) { return _aa_api_team_import(mp, mn, bp, bn, op, on, pp, pn, ep, en); });
              });
            });
          });
        });
      }));
    },
    // One article of a team project with its chosen annotations (a gold: or ann: document, as
    // stored) in a format, as annotator pull writes it: {files: [{name, content}], warnings}.
    teamExportArticle: function (project, article, annotations, format) {
      var p = JSON.stringify(project), a = JSON.stringify(article), n = JSON.stringify(annotations);
      var f = requireString('format', format);
      return JSON.parse(call(function () {
        return AAHost.withUtf8(p, function (pp, pn) {
          return AAHost.withUtf8(a, function (ap, an) {
            return AAHost.withUtf8(n, function (np, nn) {
              return AAHost.withUtf8(f, function (fp, fn) { return _aa_api_team_export(pp, pn, ap, an, np, nn, fp, fn); });
            });
          });
        });
      }));
    },
    // The team project's sync state as the status bar shows it ("synced", "2 changes waiting",
    // "offline", "conflict", ...), or "" when no team project is open.
    syncState: function () {
      return call(_aa_api_team_sync);
    },
    // What the Team tab shows: {url, user, roles, sync, article, target, status, articles: [{id,
    // title, assigned, statuses: [{user, status}], gold}], mine: {done, of}, team: {done, of},
    // conflicts}, or null when no team project is open.
    team: function () {
      var json = call(_aa_api_team_summary);
      return json === null ? null : JSON.parse(json);
    },
    // Draws a frame now, so that a script sees the effect of its calls without waiting.
    renderFrame: function () {
      call(_aa_api_render_frame);
    },
    // How many input events (keys, mouse, text) the page has received and not yet processed: it
    // processes one change of a key or button per frame, so keys sent faster than frames are drawn
    // wait in a queue. 0 once every event so far has had its effect.
    pendingInput: function () {
      return Number(call(_aa_api_pending_input));
    },
  };
  Object.freeze(annotator);
  window.annotator = annotator;
})();
