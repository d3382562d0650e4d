// A team project's corpus as files in the page (docs/team.md "The page"), beside team.js in
// dist/team.js: the export of the corpus (gold, or one annotator) in a format, the queue's articles
// read 50 at a time (from the local replica, what it lacks from the server) and converted by the wasm writers that annotator pull uses
// (window.annotator.teamExportArticle), downloaded as one zip (fflate); and the bulk import of
// files (several, or zips of them) into the replica as annotator push writes them
// (window.annotator.teamImport: the same reading, ids and checks). team.js's run() hands over.
'use strict';

(function () {
  var BATCH = 50;
  var SKIPPED = 'skipped articles.txt';  // a space: never an article's file (ids have none)

  function describe(e) { return (e && (e.reason || e.message || e.name)) || String(e); }

  // ---- Export ----

  // The winning revision with every conflicting one merged into it three ways, as annotator pull
  // exports a conflicted document (what cannot be merged keeps the winner's value, and is counted).
  function merged(T, s, doc, text, db) {
    var conflicts = 0;
    return (doc._conflicts || []).reduce(function (chain, rev) {
      return chain.then(function (ours) {
        return Promise.all([db.get(doc._id, { revs: true }), db.get(doc._id, { rev: rev, revs: true })]).then(function (r) {
          var base = T.commonAncestor(r[0]._revisions, r[1]._revisions);
          return (base ? T.getRev(s, doc._id, base) : Promise.resolve(null)).then(function (b) {
            var m = window.annotator.mergeAnnotations(T.clean(b), ours, T.clean(r[1]), text);
            conflicts += m.conflicts.length;
            return m.merged;
          });
        });
      });
    }, Promise.resolve(T.clean(doc))).then(function (d) { return { doc: d, conflicts: conflicts }; });
  }

  function exportCorpus(T, who, format) {
    var s = T.s;
    var gold = who === 'gold';
    var whose = gold ? 'gold' : who + '\'s annotations';
    var target = function (id) { return gold ? 'gold:' + id : 'ann:' + id + ':' + who; };
    var chunks = [], failed = null, written = 0, seen = 0, warnings = 0, merges = 0, skipped = [];
    var zip = new fflate.Zip(function (err, data) {
      if (err) failed = failed || err;
      else chunks.push(data);
    });
    function add(name, content) {
      var f = new fflate.ZipDeflate(name, { level: 6 });
      zip.add(f);
      f.push(fflate.strToU8(content), true);
    }
    function notice(message, done) { T.send({ kind: 'notice', op: 'export', message: message, done: done }); }
    var all = T.queue(s).map(function (e) { return e.id; }), at = 0;
    function page(project) {
      var chunk = all.slice(at, at + BATCH);
      at += chunk.length;
      if (!chunk.length) return Promise.resolve();
      return T.readMany(s, chunk.map(function (id) { return 'article:' + id; })).then(function (res) {
        res.rows = res.rows.filter(function (row) { return row.doc; });
        var ids = res.rows.map(function (row) { return row.key.slice('article:'.length); });
        return T.readMany(s, ids.map(target), { conflicts: true }).then(function (ann) {
          return ann.rows.reduce(function (chain, row, i) {
            return chain.then(function () {
              var article = res.rows[i].doc;
              seen++;
              if (!row.doc) { skipped.push(ids[i]); return; }
              var ready = row.doc._conflicts && row.doc._conflicts.length
                ? merged(T, s, row.doc, article.text, row.remote ? s.remote : s.local) : Promise.resolve({ doc: T.clean(row.doc), conflicts: 0 });
              return ready.then(function (m) {
                if (row.doc._conflicts && row.doc._conflicts.length) merges++;
                var out;
                try {
                  out = window.annotator.teamExportArticle(T.clean(project), T.clean(article), m.doc, format);
                } catch (e) {
                  throw new Error(row.id + ': ' + describe(e));
                }
                out.files.forEach(function (f) { add(f.name, f.content); });
                warnings += out.warnings.length;
                written++;
              });
            });
          }, Promise.resolve());
        }).then(function () {
          if (T.s !== s) throw new Error('the team project was closed');
          notice('Exporting the corpus: ' + seen + ' article(s) read, ' + written + ' written', false);
          if (at < all.length) return page(project);
        });
      });
    }
    T.getDoc(s, 'project').then(function (project) {
      if (!project) throw new Error('the project has no "project" document yet');
      return page(project);
    }).then(function () {
      var list = skipped.join(', ');
      if (skipped.length)
        add(SKIPPED, skipped.length + ' article(s) without ' + whose + ', not in this zip:\n' + skipped.join('\n') + '\n');
      zip.end();
      if (failed) throw failed;
      var name = (s.url.replace(/\/+$/, '').split('/').pop() || 'corpus') + '-' + (gold ? 'gold' : who) + '-' + format + '.zip';
      AAHost.download(decodeURIComponent(name), 'application/zip', new Blob(chunks, { type: 'application/zip' }));
      notice('Exported ' + written + ' article(s) (' + whose + ', ' + format + ') as ' + decodeURIComponent(name) +
        (merges ? '; ' + merges + ' document(s) changed on two devices merged' : '') +
        (warnings ? '; ' + warnings + ' warning(s) of the format' : '') +
        (skipped.length ? '; ' + skipped.length + ' without ' + whose + ' skipped (listed in "' + SKIPPED + '"): ' +
          (skipped.length > 10 ? skipped.slice(0, 10).join(', ') + ', ...' : list) : ''), true);
    }).catch(function (e) {
      zip.terminate();
      T.send({ kind: 'error', op: 'export', message: 'The corpus was not exported: ' + describe(e) });
    });
  }

  // ---- Import ----

  // The chosen files as {name, bytes}; a zip's files (not its folders, nor hidden files, as push
  // skips a directory's) by their names without the folder.
  function readFiles(list) {
    return Promise.all(Array.prototype.map.call(list, function (file) {
      return file.arrayBuffer().then(function (buffer) {
        var bytes = new Uint8Array(buffer);
        if (!/\.zip$/i.test(file.name)) return [{ name: file.name, bytes: bytes }];
        var entries;
        try {
          entries = fflate.unzipSync(bytes);
        } catch (e) {
          throw new Error(file.name + ': error: not a zip file this page can read (' + describe(e) + ')');
        }
        return Object.keys(entries).sort().filter(function (path) {
          var base = path.split('/').pop();
          return base && base[0] !== '.' && path.indexOf('__MACOSX/') !== 0;
        }).map(function (path) { return { name: path.split('/').pop(), bytes: entries[path] }; });
      });
    })).then(function (lists) { return [].concat.apply([], lists); });
  }

  function importFiles(T, as, list) {
    var s = T.s;
    var options = { gold: as === 'gold', as: as === 'mine' ? s.user : '', curator: s.user,
                    db: decodeURIComponent(s.url.replace(/\/+$/, '').split('/').pop()) };
    var files, names;
    function refused(messages) {
      throw new Error('nothing was imported: ' + messages.join('; '));
    }
    readFiles(list).then(function (f) {
      files = f;
      names = files.length + ' file(s)';
      if (!files.length) throw new Error('no files were chosen');
      var keys = window.annotator.teamImport(files, Object.assign({ step: 'keys' }, options));
      if (!keys.ok) refused(keys.messages);
      if (!keys.articles) throw new Error('no annotation or text files among ' + names);
      // What the corpus holds of these documents, into the replica first (the import writes over
      // them there): without the server, an article that exists there would be written again.
      return T.fetchIn(s, keys.keys.concat(['project'])).then(function (reached) {
        if (!reached) throw new Error('nothing was imported: the server cannot be reached (the import checks what the corpus holds)');
        return Promise.all([T.getDoc(s, 'project'), s.local.allDocs({ keys: keys.keys, include_docs: true })]);
      });
    }).then(function (r) {
      var existing = {};
      r[1].rows.forEach(function (row) { if (row.doc) existing[row.id] = row.doc; });
      var plan = window.annotator.teamImport(files, Object.assign({ step: 'plan' }, options), T.clean(r[0]), existing);
      files = null;
      if (!plan.ok) refused(plan.messages);
      return s.local.bulkDocs(plan.docs).then(function (results) {
        var saved = 0, errors = [];
        results.forEach(function (x) {
          if (x.ok) { T.wrote(s, x.id, x.rev); saved++; }
          else errors.push(x.id + ': ' + (x.reason || x.message || x.name));
        });
        var skipped = plan.skipped_entities ? '; ' + plan.skipped_entities + ' entities not imported (choose "as gold" or "as mine")' : '';
        var message = 'Imported ' + names + ': ' + saved + ' document(s) written to this device\'s replica (' +
          plan.articles + ' article(s), ' + plan.kept + ' already there with the same text' +
          (plan.project_created ? ', the project created from the files\' labels' : '') + ')' + skipped +
          '; they sync with the server' + (plan.messages.length ? '; ' + plan.messages.join('; ') : '');
        if (errors.length) throw new Error(message + '; not written: ' + errors.join('; '));
        T.send({ kind: 'notice', op: 'import', message: message, done: true });
      });
    }).catch(function (e) {
      T.send({ kind: 'error', op: 'import', message: 'Import' + (names ? ' of ' + names : '') + ': ' + describe(e) });
    });
  }

  // The file picker (several files; zips too): opened from the Team tab's click.
  function chooseFiles(T, as) {
    var input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.style.display = 'none';
    input.addEventListener('change', function () {
      var list = input.files;
      input.remove();
      importFiles(T, as, list);
    });
    input.addEventListener('cancel', function () {
      input.remove();
      T.send({ kind: 'notice', op: 'import', message: 'Import cancelled: no files chosen', done: true });
    });
    document.body.appendChild(input);
    input.click();
  }

  window.AATeamIO = {
    run: function (op, T, a, b) {
      if (op === 'export') return exportCorpus(T, a, b);
      if (op === 'import') return chooseFiles(T, a);
    },
  };
})();
