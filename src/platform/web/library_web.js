// The JavaScript side of js_bridge.hpp (linked with --js-library): the browser services the C++
// host calls. The state they share with the events and the API (AAHost) lives in pre.js.
// Strings arrive as (pointer, byte length) of UTF-8 and are copied at once.

mergeInto(LibraryManager.library, {
  aa_js_copy: function (ptr, size) {
    AAHost.copyText(AAHost.utf8(ptr, size));
  },

  aa_js_request_paste: function () {
    AAHost.requestPaste();
  },

  aa_js_download: function (namePtr, nameSize, mimePtr, mimeSize, dataPtr, dataSize) {
    // Copy the bytes out of the wasm heap: the Blob must not alias memory that can grow or change.
    AAHost.download(AAHost.utf8(namePtr, nameSize), AAHost.utf8(mimePtr, mimeSize),
                    HEAPU8.slice(dataPtr, dataPtr + dataSize));
  },

  aa_js_open_file_dialog: function (ptr, size) {
    AAHost.openFileDialog(AAHost.utf8(ptr, size));
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

  // The find bar's and the rules' regular expressions (web_platform.cpp, js_bridge.hpp). Hits are
  // converted from UTF-16 indices to code points as they come (they only move forward). Empty
  // matches are skipped (lastIndex steps one code point); a runaway pattern stops at maxHits or
  // after 2 s between matches (one catastrophic match itself cannot be interrupted).
  aa_js_regex_find: function (patPtr, patSize, textPtr, textSize, caseSensitive, maxHits, out) {
    var re;
    try {
      re = new RegExp(AAHost.utf8(patPtr, patSize), caseSensitive ? 'gu' : 'giu');
    } catch (e) {
      var msg = new TextEncoder().encode(e.message || String(e));
      var mp = _malloc(msg.length + 1);
      HEAPU8.set(msg, mp);
      HEAPU32[out >> 2] = mp;
      HEAPU32[(out >> 2) + 1] = msg.length;
      return -1;
    }
    var s = AAHost.utf8(textPtr, textSize);
    var hits = [];
    var u16 = 0, cp = 0, truncated = 0;
    var toCp = function (i) {
      while (u16 < i) {
        var c = s.charCodeAt(u16);
        u16 += (c >= 0xD800 && c <= 0xDBFF && u16 + 1 < s.length) ? 2 : 1;
        cp++;
      }
      return cp;
    };
    var started = performance.now();
    var m;
    while ((m = re.exec(s)) !== null) {
      if (m[0].length === 0) {
        var c0 = s.charCodeAt(m.index);
        re.lastIndex = m.index + ((c0 >= 0xD800 && c0 <= 0xDBFF) ? 2 : 1);
        if (re.lastIndex > s.length) break;
        continue;
      }
      if (hits.length / 2 >= maxHits) { truncated = 1; break; }
      hits.push(toCp(m.index), toCp(m.index + m[0].length));
      if ((hits.length & 2047) === 0 && performance.now() - started > 2000) { truncated = 1; break; }
    }
    var p = _malloc(Math.max(4, hits.length * 4));
    HEAPU32.set(hits, p >> 2);
    HEAPU32[out >> 2] = p;
    HEAPU32[(out >> 2) + 1] = hits.length;
    HEAPU32[(out >> 2) + 2] = truncated;
    return hits.length / 2;
  },

  aa_js_session_size: function () {
    if (typeof AAHost.session !== 'string') return -1;
    AAHost.sessionBytes = new TextEncoder().encode(AAHost.session);
    return AAHost.sessionBytes.length;
  },

  aa_js_take_session: function (out) {
    HEAPU8.set(AAHost.sessionBytes, out);
    AAHost.session = null;
    AAHost.sessionBytes = null;
  },

  aa_js_canvas_metrics: function (out) {
    var rect = Module.canvas.getBoundingClientRect();
    HEAPF64[out >> 3] = rect.width;
    HEAPF64[(out >> 3) + 1] = rect.height;
    HEAPF64[(out >> 3) + 2] = window.devicePixelRatio || 1;
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
    AAHost.a11y.update(JSON.parse(AAHost.utf8(ptr, size)));
  },
});
