// Loads the part of the page's code that its first frame does not run (issue 11, --pre-js after
// pre.js). The build splits the wasm with binaryen's wasm-split (src/platform/web/CMakeLists.txt):
// annotator.wasm holds the functions the profiled start-ups ran (split_profile.mjs), and
// annotator.deferred.wasm every other function. A call into a function of the deferred module
// lands on a placeholder that Emscripten's -sSPLIT_MODULE glue routes to Module.loadSplitModule.
// This file fetches and compiles the deferred module right after the first frame, and instantiates
// it into the page's table (its functions replace the placeholders); a placeholder called before
// that loads it synchronously, once. The single file is not split: nothing here runs there.
'use strict';

var AADeferred = (function () {
  var URL_ = 'annotator.deferred.wasm';
  var D = {
    // 'none' (not split: the single file), 'waiting' (for the first frame), 'loading', 'loaded', 'failed'
    state: 'none',
    how: '',           // 'after the first frame', or 'on first use' (a placeholder called first)
    beforeReady: false,  // loaded on first use before the first frame (a start the profile missed)
    startMs: 0,        // since navigation start: when the fetch began
    loadedMs: 0,       // when the functions were in place
    error: '',
    first: '',
  };
  var compiled = null;  // WebAssembly.Module once the fetch and compile are done
  var instance = null;

  // Whether the page's module was split: it then imports its placeholders.
  D.noteModule = function (module) {
    var split = WebAssembly.Module.imports(module).some(function (i) { return i.module === 'placeholder'; });
    if (split && D.state === 'none') D.state = 'waiting';
  };

  function install(module, how) {
    if (instance) return;
    // The deferred module imports the page's memory, table, globals and functions (the 'primary'
    // namespace: wasm-split --import-namespace); its element segment writes its functions over
    // their placeholders in the shared table.
    instance = new WebAssembly.Instance(module, { primary: Module['asm'] });
    D.state = 'loaded';
    D.how = D.how || how;
    D.loadedMs = performance.now();
  }

  // Chromium refuses a synchronous XMLHttpRequest with an arraybuffer response in a window: the
  // bytes come as a binary string instead.
  function fetchNow() {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', URL_, false);
    xhr.overrideMimeType('text/plain; charset=x-user-defined');
    xhr.send(null);
    if (xhr.status !== 200) throw new Error(URL_ + ': HTTP ' + xhr.status);
    var text = xhr.responseText;
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
    return bytes;
  }

  // Emscripten's placeholder handler calls this when a deferred function is called before the module
  // is in place, then calls the function through the table: the module must be there on return.
  Module['loadSplitModule'] = function (file, imports, placeholder) {
    if (instance) return;
    D.how = 'on first use';
    D.first = placeholder;  // the table slot of the function called first (wasm-split --placeholdermap names it)
    D.beforeReady = !AAHost.isReady;
    try {
      if (!compiled) {
        var bytes = fetchNow();
        // Synchronous compile: allowed on Chromium's main thread up to 8 MB (this module: about 1 MB).
        compiled = new WebAssembly.Module(bytes);
      }
      install(compiled, 'on first use');
    } catch (e) {
      D.state = 'failed';
      D.error = AAHost.describeError(e);
      AAHost.fail('The annotator could not load the rest of its code (' + URL_ + '): ' + D.error +
        '. Reload the page to continue.');
      throw e;
    }
  };

  // Called once the first frame is out (pre.js H.ready): fetch and compile off the main thread while
  // the page idles, then put the functions in place.
  D.afterFirstFrame = function () {
    if (D.state !== 'waiting') return;
    D.state = 'loading';
    D.startMs = performance.now();
    var bytesOf = function () {
      return fetch(URL_, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error(URL_ + ': HTTP ' + r.status);
        return r.arrayBuffer();
      }).then(function (b) {
        return WebAssembly.compile(b);
      });
    };
    var streamed = WebAssembly.compileStreaming
      ? WebAssembly.compileStreaming(fetch(URL_, { credentials: 'same-origin' })).catch(bytesOf)
      : bytesOf();
    streamed.then(function (module) {
      if (instance) return;  // a placeholder loaded it meanwhile
      compiled = module;
      install(module, 'after the first frame');
    }).catch(function (e) {
      // Not fatal yet: the first call of a deferred function tries again (synchronously) and says
      // what failed then.
      if (instance) return;
      D.state = 'waiting';
      D.error = AAHost.describeError(e);
      console.warn('Article Annotator: ' + URL_ + ' could not be loaded yet: ' + D.error);
    });
  };

  D.stats = function () {
    return { state: D.state, how: D.how, beforeReady: D.beforeReady, first: D.first, startMs: D.startMs,
      loadedMs: D.loadedMs, error: D.error };
  };
  return D;
})();
