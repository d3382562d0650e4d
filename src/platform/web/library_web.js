// The JavaScript side of js_bridge.hpp (linked with --js-library): the browser services the C++
// host calls. The state they share with the events and the API (AAHost) lives in pre.js.
// Strings arrive as (pointer, byte length) of UTF-8 and are copied at once.

mergeInto(LibraryManager.library, {
  aa_js_copy: function (ptr, size) {
    AAHost.copyText(AAHost.utf8(ptr, size));
  },

  aa_js_open_link: function (ptr, size) {
    // noopener: the new tab gets no window.opener (it cannot navigate or script this page).
    window.open(AAHost.utf8(ptr, size), '_blank', 'noopener,noreferrer');
  },

  aa_js_request_paste: function () {
    AAHost.requestPaste();
  },

  aa_js_download: function (namePtr, nameSize, mimePtr, mimeSize, dataPtr, dataSize) {
    // Copy the bytes out of the wasm heap: the Blob must not alias memory that can grow or change.
    AAHost.download(AAHost.utf8(namePtr, nameSize), AAHost.utf8(mimePtr, mimeSize),
                    HEAPU8.slice(dataPtr, dataPtr + dataSize));
  },

  aa_js_open_file_dialog: function (ptr, size, request) {
    AAHost.openFileDialog(AAHost.utf8(ptr, size), request);
  },

  aa_js_storage_write: function (keyPtr, keySize, valuePtr, valueSize, ticket) {
    AAHost.storageWrite(AAHost.utf8(keyPtr, keySize), AAHost.utf8(valuePtr, valueSize), ticket);
  },

  aa_js_storage_read: function (keyPtr, keySize, ticket) {
    AAHost.storageRead(AAHost.utf8(keyPtr, keySize), ticket);
  },

  aa_js_storage_delete: function (keyPtr, keySize) {
    AAHost.storageDelete(AAHost.utf8(keyPtr, keySize));
  },

  aa_js_claim_session: function () {
    AAHost.claimSession();
  },

  aa_js_now_local: function (out) {
    var d = new Date();
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    stringToUTF8(d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' + two(d.getHours()) +
                 ':' + two(d.getMinutes()), out, 32);
  },

  aa_js_now_iso: function (out) {
    stringToUTF8(new Date().toISOString(), out, 32);
  },

  aa_js_team: function (opPtr, opSize, aPtr, aSize, bPtr, bSize, cPtr, cSize) {
    var u = AAHost.utf8;
    AAHost.team(u(opPtr, opSize), u(aPtr, aSize), u(bPtr, bSize), u(cPtr, cSize));
  },

  aa_js_team_available: function () {
    return AAHost.teamScript ? 1 : 0;
  },

  aa_js_set_title: function (ptr, size) {
    document.title = AAHost.utf8(ptr, size);
  },

  // Dictionary word boundaries for snapping in Chinese, Japanese, Thai, Lao, Khmer and Myanmar
  // (AppImpl::word_span): Intl.Segmenter's word segments, as code point offsets inside the text.
  aa_js_word_breaks: function (textPtr, textSize, out, capacity) {
    if (typeof Intl === 'undefined' || !Intl.Segmenter) return -1;
    if (!AAHost.wordSegmenter) AAHost.wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
    var s = AAHost.utf8(textPtr, textSize);
    var n = 0, cp = 0, u16 = 0;
    for (var seg of AAHost.wordSegmenter.segment(s)) {
      while (u16 < seg.index) {
        var c = s.charCodeAt(u16);
        u16 += (c >= 0xD800 && c <= 0xDBFF && u16 + 1 < s.length) ? 2 : 1;
        cp++;
      }
      if (cp > 0 && n < capacity) HEAPU32[(out >> 2) + n++] = cp;
    }
    return n;
  },

  // The find bar's and the rules' regular expressions: run by pre.js's worker (AAHost.regexFind),
  // answered through aa_host_regex_result.
  aa_js_regex_find: function (ticket, patPtr, patSize, textPtr, textSize, caseSensitive, maxHits, budgetMs) {
    AAHost.regexFind(ticket, AAHost.utf8(patPtr, patSize), !!caseSensitive, AAHost.utf8(textPtr, textSize), maxHits,
                     budgetMs);
  },

  aa_js_regex_cancel: function (ticket) {
    AAHost.regexCancel(ticket);
  },

  // A part of an autosave read (AAHost.saved[ticket]): 0 session, 1 head, 2 snapshot, 3 text,
  // 4 record `index`. Returns its UTF-8 size (aa_js_saved_copy copies it), or -1 when absent.
  aa_js_saved_part: function (ticket, part, index) {
    var s = AAHost.saved[ticket];
    if (!s) return -1;
    var v = [s.session, s.head, s.snapshot, s.text][part];
    if (part === 4) v = s.records[index];
    AAHost.partBytes = AAHost.valueBytes(v);
    return AAHost.partBytes ? AAHost.partBytes.length : -1;
  },

  aa_js_saved_records: function (ticket) {
    var s = AAHost.saved[ticket];
    return s ? s.records.length : 0;
  },

  aa_js_saved_copy: function (out) {
    HEAPU8.set(AAHost.partBytes, out);
    AAHost.partBytes = null;
  },

  aa_js_saved_forget: function (ticket) {
    delete AAHost.saved[ticket];
  },

  aa_js_storage_commit: function (batchPtr, ticket) {
    // batchPtr: [count, then per op: kind (0 put, 1 delete, 2 delete range, 3 put as UTF-8 bytes,
    // 4 copy the autosave under the key as a prefix, 5 the previous put's bytes continued, 6 put
    // the bytes of staging slot `value ptr`), key ptr, key size, value ptr, value size] as uint32,
    // built by WebPlatform::storage_commit.
    // Bytes are copied (a memcpy), not decoded: a 10 MB text costs milliseconds, not a long task.
    var u = HEAPU32, i = batchPtr >> 2, n = u[i++];
    var batch = { puts: [], deletes: [], ranges: [], copySaved: '' };
    var bytes = [];  // [key, its pieces]: a 3 and the 5s after it, joined below
    for (var k = 0; k < n; k++, i += 5) {
      var key = AAHost.utf8(u[i + 1], u[i + 2]);
      if (u[i] === 1) batch.deletes.push(key);
      else if (u[i] === 4) batch.copySaved = key;
      else if (u[i] === 3) bytes.push([key, [HEAPU8.subarray(u[i + 3], u[i + 3] + u[i + 4])]]);
      else if (u[i] === 5) bytes[bytes.length - 1][1].push(HEAPU8.subarray(u[i + 3], u[i + 3] + u[i + 4]));
      else if (u[i] === 6) {
        batch.puts.push([key, AAHost.stagedValue(u[i + 3])]);
        delete AAHost.staged[u[i + 3]];
      }
      else {
        var value = AAHost.utf8(u[i + 3], u[i + 4]);
        (u[i] === 0 ? batch.puts : batch.ranges).push([key, value]);
      }
    }
    bytes.forEach(function (p) {  // copied out of the wasm memory, which the App reuses
      var size = 0, at = 0;
      p[1].forEach(function (b) { size += b.length; });
      var whole = new Uint8Array(size);
      p[1].forEach(function (b) { whole.set(b, at); at += b.length; });
      batch.puts.push([p[0], whole]);
    });
    AAHost.storageCommit(batch, ticket);
  },

  // A value copied out of the wasm memory a piece per frame (ui::Platform::storage_stage), stored
  // by a later commit's op 6 (AAHost.stagedValue): no frame copies a 10 MB text or snapshot whole.
  // The pieces come in order (at: the bytes before). A large value's pieces are each a Blob, made
  // in the frame that hands them over (0.2-2 ms per 256 KB at load 13); the commit stores the Blob
  // of them all, which IndexedDB's put clones as a handle (the bytes are written off the main
  // thread), not 10 MB in one task.
  aa_js_storage_stage: function (slot, total, at, ptr, size) {
    var staged = AAHost.staged || (AAHost.staged = {});
    if (total === 0) {
      delete staged[slot];
      return;
    }
    var s = staged[slot];
    if (at === 0 || !s || s.total !== total) {
      s = staged[slot] = { total: total, size: 0, bytes: null, parts: null, blob: null };
      if (total >= AAHost.BLOB_MIN_BYTES) s.parts = [];
      else s.bytes = new Uint8Array(total);
    }
    if (at !== s.size) {  // a piece missing: the value cannot be stored (AAHost.stagedValue)
      s.size = -1;
      return;
    }
    var piece = HEAPU8.subarray(ptr, ptr + size);
    if (s.parts) s.parts.push(new Blob([piece]));  // copied: the App reuses its memory
    else s.bytes.set(piece, at);
    s.size = at + size;
    // The last piece: the Blob of them all is made now (4 ms at 10 MB at load 13), not in the commit's frame.
    if (s.parts && s.size === total) {
      s.blob = new Blob(s.parts);
      s.parts = null;
    }
  },

  aa_js_storage_read_saved: function (ticket, prefixPtr, prefixSize) {
    AAHost.storageReadSaved(ticket, AAHost.utf8(prefixPtr, prefixSize));
  },

  aa_js_text_field: function (id, geometry, state, textPtr, textSize, families, namePtr, nameSize) {
    var g = geometry >> 2, s = state >> 2;
    AAHost.textField({
      id: id >>> 0, x: HEAPF32[g], y: HEAPF32[g + 1], w: HEAPF32[g + 2], h: HEAPF32[g + 3], padX: HEAPF32[g + 4],
      padY: HEAPF32[g + 5], fontSize: HEAPF32[g + 6], multiline: !!HEAPU32[s], ownUndo: !!HEAPU32[s + 1],
      justActivated: !!HEAPU32[s + 2], selStart: HEAPU32[s + 3], selEnd: HEAPU32[s + 4], color: HEAPU32[s + 5],
      password: !!HEAPU32[s + 6],
      text: id ? AAHost.utf8(textPtr, textSize) : '', families: id ? UTF8ToString(families) : '',
      name: id ? AAHost.utf8(namePtr, nameSize) : ''
    });
  },

  aa_js_click_count: function () {
    return AAHost.takeClickCount();
  },

  // Whether the canvas's size or density may have changed since the last call (pre.js's listeners).
  aa_js_canvas_changed: function () {
    var changed = AAHost.canvasChanged !== false;
    AAHost.canvasChanged = false;
    return changed ? 1 : 0;
  },

  // A frame whose draw data is the one drawn last draws other pixels if a texture changed meanwhile
  // (main.cpp skips such frames otherwise). Every call that can change a texture's pixels is counted on
  // the context itself, whoever makes it: Emscripten's glTexImage2D and friends (ImGui's font texture,
  // the atlas pages' allocation) and the text engine's own gl.texSubImage2D (canvas_text_engine.cpp)
  // all call GLctx's methods, so no upload path can be missed, today's or a future one. The wrappers
  // call the prototype's method as it is at the call (a test may wrap it after this ran).
  aa_js_watch_textures: function (counter) {
    var gl = GLctx;
    if (!gl || gl.aaWatched) return;
    gl.aaWatched = true;
    ['texImage2D', 'texSubImage2D', 'texImage3D', 'texSubImage3D', 'compressedTexImage2D',
     'compressedTexSubImage2D', 'compressedTexImage3D', 'compressedTexSubImage3D', 'copyTexImage2D',
     'copyTexSubImage2D', 'copyTexSubImage3D', 'texStorage2D', 'texStorage3D', 'generateMipmap',
     'texParameteri', 'texParameterf', 'deleteTexture'].forEach(function (name) {
      var proto = Object.getPrototypeOf(gl);
      if (typeof proto[name] !== 'function') return;
      gl[name] = function () {
        HEAPU32[counter >> 2] = (HEAPU32[counter >> 2] + 1) >>> 0;
        return proto[name].apply(gl, arguments);
      };
    });
  },

  aa_js_canvas_metrics: function (out) {
    var rect = Module.canvas.getBoundingClientRect();
    HEAPF64[out >> 3] = rect.width;
    HEAPF64[(out >> 3) + 1] = rect.height;
    HEAPF64[(out >> 3) + 2] = window.devicePixelRatio || 1;
  },

  // The canvas's CSS cursor (main.cpp sets it when ImGui's wanted cursor changes: once, not every frame).
  aa_js_set_cursor: function (ptr, size) {
    Module.canvas.style.cursor = AAHost.utf8(ptr, size);
  },

  // Sets the backing store directly (glfwSetWindowSize would ask for fullscreen when the size equals
  // the screen's) and tells Emscripten's GLFW the window's new size.
  aa_js_set_canvas_size__deps: ['$GLFW'],
  aa_js_set_canvas_size: function (width, height) {
    var canvas = Module.canvas;
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    if (GLFW.active) {
      GLFW.active.width = width;
      GLFW.active.height = height;
    }
  },

  // The restored context has none of the lost one's objects (WebGL marks them invalid: using or
  // deleting one is an INVALID_OPERATION). Emscripten keeps them in its tables by name; they are
  // dropped, so a name the C++ side forgot cannot reach WebGL, and Emscripten's delete of one is a
  // no-op (main.cpp's context_restored forgets them without deleting). Names are never reused
  // (GL.counter only grows). The state Emscripten mirrors is reset to the new context's initial one:
  // the unpack alignment and the bound program and pixel buffers.
  aa_js_gl_forget_objects__deps: ['$GL'],
  aa_js_gl_forget_objects: function () {
    ['buffers', 'programs', 'framebuffers', 'renderbuffers', 'textures', 'shaders', 'vaos', 'queries', 'samplers',
      'transformFeedbacks', 'syncs'].forEach(function (table) {
      var t = GL[table];
      if (t) for (var i = 0; i < t.length; i++) t[i] = null;
    });
    GL.unpackAlignment = 4;
    if (GLctx) {
      GLctx.currentProgram = null;
      GLctx.currentPixelPackBufferBinding = 0;
      GLctx.currentPixelUnpackBufferBinding = 0;
    }
  },

  // Whether the page's WebGL context is lost now, asked at start-up (main.cpp's prepare and first
  // frame), before pre.js's webglcontextlost listener has told the page: the context itself says so
  // as soon as it is lost, its event comes later. A restore not made yet (pre.js glRestorePending)
  // counts as lost: what start-up made before it belonged to the lost context.
  aa_js_gl_is_lost__deps: ['$GL'],
  aa_js_gl_is_lost: function () {
    return !GLctx || GLctx.isContextLost() || AAHost.glRestorePending ? 1 : 0;
  },

  aa_js_await_session: function () {
    AAHost.awaitSession();
  },

  aa_js_ready: function () {
    AAHost.ready();
  },

  aa_js_fail: function (message) {
    AAHost.fail(UTF8ToString(message));
  },

  aa_js_changed: function (revision) {
    AAHost.changed(revision);
  },

  aa_js_a11y_update: function (ptr, size) {
    AAHost.a11y.update(JSON.parse(AAHost.utf8(ptr, size)), size);
  },
});
