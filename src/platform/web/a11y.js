// The accessibility mirror (--pre-js after pre.js): the canvas is invisible to assistive
// technology, so the page keeps a DOM twin of what it shows, not drawn but exposed to screen readers:
// the article near the view as paragraphs with each entity a <mark> named "text, Label" (its note as
// the description), the status line as a live region, the side panel's labels as a list, its
// entities, relations, the selection's details, the document queue, the suggestions and a comparison's differences as tables; the keyboard's caret and selection as the document's selection, and in words
// as the canvas's active descendant; the open menus, dialogs (aria-modal) and the relation picker's
// list with the control that has the keys as the active descendant; an entity selected without an
// edit said once through a live region ("Moscow, Location"). The App describes what changed (ui/accessibility.hpp, accessibility_bridge.cpp);
// this rebuilds only the parts that differ. Text goes in through textContent only: never as HTML.
//
// [SECTION] index, each section opened by a line `// ---- name ----`: The mirror's elements, The
// article, the status and the side panel, Dialogs and the relation picker, Menus, The caret and the
// selection as the screen reader's own, Updates after the frame.
'use strict';

AAHost.a11y = (function () {
  var A = {};
  var root = document.createElement('div');
  root.id = 'aa-a11y';
  root.className = 'aa-sr';

  // ---- The mirror's elements ----

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The status line, spoken as it changes ("Added LOC "Moscow"").
  var live = el('div', { id: 'aa-live', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  // The entity selected by Tab, Shift+Tab or a click, said with its label and note: a screen reader
  // speaks a changed selection as its bare text ("Moscow selected"); a live region is what NVDA, JAWS,
  // VoiceOver and Orca all speak, in browse mode and in focus mode alike.
  var say = el('div', { id: 'aa-say', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  var main = el('main', { 'aria-label': 'Article' });
  var heading = el('h1', {}, 'Article Annotator');
  var article = el('article', { id: 'aa-article', 'aria-label': 'Article text' });
  var empty = el('p', {}, 'No article is open. Paste one with Ctrl+V, or open a file with Ctrl+O.');
  var range = el('p', { id: 'aa-range' });
  main.append(heading, range, article);
  var aside = el('aside', { id: 'aa-side', 'aria-label': 'Side panel' });
  var labelsHeading = el('h2', { id: 'aa-labels-h' }, 'Labels');
  var labelList = el('ul', { 'aria-labelledby': 'aa-labels-h' });
  // A side panel's table: a heading naming it, a caption, column headers (none for a table of row
  // headers) and a body; `none` is the sentence shown instead when the panel has nothing.
  function panelTable(id, name, columns, none) {
    var t = { heading: el('h2', { id: id }, name), table: el('table', { 'aria-labelledby': id }),
      caption: el('caption'), body: el('tbody'), none: none === undefined ? null : el('p', {}, none) };
    t.table.append(t.caption);
    if (columns.length) {
      var headRow = el('tr');
      columns.forEach(function (c) { headRow.append(el('th', { scope: 'col' }, c)); });
      var head = el('thead');
      head.append(headRow);
      t.table.append(head);
    }
    t.table.append(t.body);
    return t;
  }
  var entities = panelTable('aa-entities-h', 'Entities', ['Text', 'Label', 'Start', 'End']);
  // The Relations table: source, type, target (the first 100 in the order of their sources).
  var relations = panelTable('aa-relations-h', 'Relations', ['Source', 'Type', 'Target']);
  // The Details panel: the selected entity's (or relation's) fields, a table of row headers
  // ("Text", "Label", "Note", ...) and their values; a sentence when nothing is selected.
  var details = panelTable('aa-details-h', 'Details', [], 'Nothing selected: select an entity to see its details.');
  // The Documents tab (the document queue): document, status, entities; the open one current.
  var queue = panelTable('aa-queue-h', 'Documents', ['Document', 'Status', 'Entities'],
    'No document queue: open several files at once to annotate them as a queue.');
  // The Suggest tab's suggestions: text, label, source; the one N, A and R act on current.
  var suggestions = panelTable('aa-suggest-h', 'Suggestions', ['Text', 'Label', 'Source'], '');
  // File > Compare's differences: kind, A's and B's entity, the side chosen; the one the keys act on current.
  var differences = panelTable('aa-differences-h', 'Differences', ['Difference', 'A', 'B', 'Chosen'],
    'No comparison open: File > Compare with another annotator\'s file.');
  aside.append(labelsHeading, labelList);
  [entities, relations, details, queue, suggestions, differences].forEach(function (t) {
    aside.append(t.heading, t.table);
    if (t.none) aside.append(t.none);
  });
  // Where the keyboard's caret or selection is, in words: the canvas's aria-activedescendant while
  // the keys are in the article, so that a screen reader in focus mode says it as the caret moves.
  var cursor = el('p', { id: 'aa-cursor' });
  // The menu bar and the menus open now (a menu of the bar, its submenus, a context menu), as
  // role=menubar / menu with their items; the item with the keyboard is the canvas's active descendant.
  var menubar = el('div', { id: 'aa-menubar', role: 'menubar', 'aria-label': 'Menu bar' });
  var menus = el('div', { id: 'aa-menus' });
  // The open dialogs (role=dialog, aria-modal, named by their title and described by their text) and
  // the relation picker (role=listbox of options), with their controls.
  var dialogs = el('div', { id: 'aa-dialogs' });
  // Only the two live regions are in the document before the first frame (a live region has to be there
  // before the text it announces); the rest joins them with the first frame's description (apply, below),
  // right after that frame. In the document at once, the mirror's ~100 boxes were laid out before the first
  // frame: 2.5-3 ms more of the main thread's style and layout CPU until it (issue 11, docs/performance.md).
  root.append(live, say);
  document.body.append(root);
  function attachRest() {
    if (!main.parentNode) root.append(cursor, menubar, menus, dialogs, main, aside);
  }
  var canvas = document.getElementById('canvas');
  // The canvas is an application (a screen reader passes the keys on to it) whose active descendant
  // is the mirror's element of the region the keyboard is in.
  if (canvas) canvas.setAttribute('role', 'application');

  A.root = root;
  var last = { statusSerial: -1, saySerial: 0, paragraphs: new Map(), labelsKey: '', rowsKey: '', menusKey: '',
    focusId: '', relationsKey: '', detailsKey: null, queueKey: null, suggestKey: null, differencesKey: null, dialogsKey: '', dialogsShape: '', dialogFocus: '' };

  // ---- The article, the status and the side panel ----

  // A paragraph's text [start, end) with its marks nested as in the model; `text` is an array of
  // code points starting at `offset`.
  function fill(parent, text, offset, from, to, marks) {
    var pos = from;
    marks.forEach(function (m) {
      if (m.start > pos) parent.append(text.slice(pos - offset, m.start - offset).join(''));
      var attrs = { 'aria-label': m.name, 'data-id': m.id, 'data-label': m.label };
      if (m.description) attrs['aria-description'] = m.description;
      if (m.selected) attrs['aria-current'] = 'true';
      var mark = el('mark', attrs);
      fill(mark, text, offset, m.start, m.end, m.children);
      parent.append(mark);
      pos = m.end;
    });
    if (to > pos) parent.append(text.slice(pos - offset, to - offset).join(''));
  }

  function paragraphElement(p) {
    var key = JSON.stringify(p);
    var cached = last.paragraphs.get(key);
    if (cached) return { key: key, node: cached };
    var node = el('p', { 'data-start': String(p.start), 'data-end': String(p.end) });
    // Offsets are code points: index the text by code point, not by UTF-16 unit.
    fill(node, Array.from(p.text), p.start, p.start, p.end, p.marks);
    return { key: key, node: node };
  }

  function updateArticle(d) {
    if (!d.textSize) {
      article.replaceChildren(empty);
      range.textContent = '';
      last.paragraphs = new Map();
      return;
    }
    var next = new Map();
    var nodes = d.paragraphs.map(function (p) {
      var made = paragraphElement(p);
      next.set(made.key, made.node);
      return made.node;
    });
    last.paragraphs = next;
    // Keep the nodes that did not change in place (a screen reader's reading position stays put).
    var same = nodes.length === article.childNodes.length &&
      nodes.every(function (n, i) { return article.childNodes[i] === n; });
    if (!same) article.replaceChildren.apply(article, nodes);
    var first = d.paragraphs.length ? d.paragraphs[0].start : 0;
    var end = d.paragraphs.length ? d.paragraphs[d.paragraphs.length - 1].end : 0;
    range.textContent = (d.title ? d.title + ': ' : '') + 'characters ' + (first + 1) + ' to ' + end + ' of ' +
      d.textSize + ' are shown below; scroll the article to read on.';
  }

  // Puts `text` in the live region `region`; the same text again is emptied first, so that it is
  // announced again.
  function announce(region, text) {
    if (region.textContent !== text) {
      region.textContent = text;
    } else {
      region.textContent = '';
      setTimeout(function () { region.textContent = text; }, 100);
    }
  }

  function updateStatus(d) {
    if (d.statusSerial === last.statusSerial) return;
    last.statusSerial = d.statusSerial;
    announce(live, (d.statusError ? 'Error: ' : '') + d.status);
  }

  function updateAnnouncement(d) {
    if (!d.announcementSerial || d.announcementSerial === last.saySerial) return;
    last.saySerial = d.announcementSerial;
    announce(say, d.announcement);
  }

  // ---- Dialogs and the relation picker ----

  // One control as an element of its role, id "<prefix>-<index>". A field, a combo box and a progress
  // bar show their value as their text; their name is their aria-label. setControl sets the states.
  var named = { textbox: true, combobox: true, progressbar: true };
  function setControl(e, c) {
    var text = named[c.role] ? (c.role === 'progressbar' ? '' : c.value) : c.name;
    if (e.textContent !== text) e.textContent = text;
    var states = { 'aria-disabled': c.enabled ? null : 'true',
      'aria-checked': c.role === 'checkbox' ? String(!!c.checked) : null,
      'aria-selected': c.role === 'option' ? String(!!c.checked) : null,
      'aria-valuetext': c.role === 'progressbar' ? c.value : null };
    Object.keys(states).forEach(function (k) {
      if (states[k] === null) e.removeAttribute(k);
      else if (e.getAttribute(k) !== states[k]) e.setAttribute(k, states[k]);
    });
  }
  function controlElement(c, id) {
    var attrs = { id: id, role: c.role, tabindex: '-1' };
    if (named[c.role]) attrs['aria-label'] = c.name;
    if (c.role === 'textbox') attrs['aria-readonly'] = 'true';  // typed in the field's own element
    if (c.role === 'combobox') attrs['aria-expanded'] = 'false';
    var e = el('div', attrs);
    setControl(e, c);
    return e;
  }

  // The element that has the keyboard in the dialogs: the focused control of the innermost dialog,
  // else that dialog ('' when none is open).
  // A dialog whose title, text and controls stay (the picker's cursor moved, a box was ticked) keeps its
  // elements and only their states change: a screen reader follows a selection or an active
  // descendant that moves between elements that stay, not into elements made anew.
  function updateDialogs(d) {
    var list = d.dialogs || [];
    var key = JSON.stringify(list);
    if (key === last.dialogsKey) return last.dialogFocus;
    last.dialogsKey = key;
    var focus = '';
    var shape = JSON.stringify(list.map(function (g) {
      return [g.role, g.name, g.description, g.controls.map(function (c) { return [c.role, named[c.role] ? c.name : '']; })];
    }));
    if (shape === last.dialogsShape) {
      list.forEach(function (g, k) {
        var inner = '';
        g.controls.forEach(function (c, i) {
          var e = document.getElementById('aa-dialog-' + k + '-' + i);
          if (e) setControl(e, c);
          if (c.focused && !inner) inner = 'aa-dialog-' + k + '-' + i;
        });
        focus = inner || 'aa-dialog-' + k;
      });
      last.dialogFocus = focus;
      return focus;
    }
    last.dialogsShape = shape;
    dialogs.replaceChildren.apply(dialogs, list.map(function (g, k) {
      var id = 'aa-dialog-' + k;
      var attrs = { id: id, role: g.role, 'aria-label': g.name };
      if (g.role === 'dialog') attrs['aria-modal'] = 'true';
      var box = el('div', attrs);
      if (g.description) {
        if (g.role === 'dialog') {
          box.setAttribute('aria-describedby', id + '-text');
          box.append(el('p', { id: id + '-text' }, g.description));
        } else {
          box.setAttribute('aria-description', g.description);  // a listbox holds options only
        }
      }
      var inner = '';
      g.controls.forEach(function (c, i) {
        var e = controlElement(c, id + '-' + i);
        if (c.focused && !inner) inner = e.id;
        box.append(e);
      });
      focus = inner || id;
      return box;
    }));
    last.dialogFocus = focus;
    return focus;
  }

  function updateLabels(d) {
    var key = JSON.stringify(d.labels);
    if (key === last.labelsKey) return;
    last.labelsKey = key;
    labelList.replaceChildren.apply(labelList, d.labels.map(function (l) {
      var title = l.description ? l.name + ' (' + l.description + ')' : l.name;
      var parts = [title, l.count === 1 ? '1 entity' : l.count + ' entities'];
      if (l.key) parts.push('key ' + l.key);
      if (l.active) parts.push('active label');
      var item = el('li', { 'data-label': l.name }, parts.join(', '));
      if (l.active) item.setAttribute('aria-current', 'true');
      return item;
    }));
  }

  // "12 entities", or the window shown of a longer list: "Entities 101 to 200 of 1200".
  function countCaption(total, first, shown, one, many, windowName) {
    return total === shown ? total + ' ' + (total === 1 ? one : many)
      : windowName + ' ' + (first + 1) + ' to ' + (first + shown) + ' of ' + total;
  }

  // A body's rows, one per item: `cells(r)` the cells' texts, the selected or current one aria-current.
  // A row that shows the same as before keeps its element and only the rows that changed are made,
  // removed or moved: an edit moves a table's window of 100 rows by one or two rows (a screen reader's
  // position in the table stays put, and the DOM work is that of the rows changed, not of the window).
  function fillRows(t, rows, cells, attrs) {
    var old = new Map();
    Array.prototype.forEach.call(t.body.children, function (row) {
      if (!old.has(row.aaKey)) old.set(row.aaKey, []);
      old.get(row.aaKey).push(row);
    });
    var wanted = rows.map(function (r, i) {
      var a = attrs ? attrs(r, i) : {}, texts = cells(r), current = !!(r.selected || r.current);
      var key = JSON.stringify([a, texts, current]);
      var reused = old.has(key) ? old.get(key).shift() : null;
      if (reused) return reused;
      var row = el('tr', a);
      row.aaKey = key;
      if (current) row.setAttribute('aria-current', 'true');
      texts.forEach(function (c) { row.append(el('td', {}, c)); });
      return row;
    });
    old.forEach(function (left) { left.forEach(function (row) { row.remove(); }); });
    var at = t.body.firstChild;
    wanted.forEach(function (row) {
      if (row === at) at = at.nextSibling;
      else t.body.insertBefore(row, at);
    });
  }

  // Rebuilt only when what it shows changed (its key): the mirror is updated after every frame.
  function changed(name, parts) {
    var key = JSON.stringify(parts);
    if (key === last[name]) return false;
    last[name] = key;
    return true;
  }

  function updateEntities(d) {
    if (!changed('rowsKey', [d.entities, d.entitiesFirst, d.entitiesTotal])) return;
    entities.caption.textContent = countCaption(d.entitiesTotal, d.entitiesFirst, d.entities.length, 'entity',
      'entities', 'Entities');
    fillRows(entities, d.entities, function (r) { return [r.text, r.label, String(r.start), String(r.end)]; },
      function (r) { return { 'data-id': r.id }; });
  }

  function updateRelations(d) {
    var rows = d.relations || [];
    if (!changed('relationsKey', [rows, d.relationsTotal])) return;
    relations.caption.textContent = countCaption(d.relationsTotal, 0, rows.length, 'relation', 'relations', 'Relations');
    fillRows(relations, rows, function (r) { return [r.from, r.type, r.to]; },
      function (r) { return { 'data-id': r.id }; });
  }

  function updateDetails(d) {
    var fields = d.details || [];
    if (!changed('detailsKey', [d.detailsName, fields])) return;
    details.table.hidden = fields.length === 0;
    details.none.hidden = fields.length !== 0;
    details.caption.textContent = d.detailsName || '';
    details.body.replaceChildren.apply(details.body, fields.map(function (f) {
      var row = el('tr');
      row.append(el('th', { scope: 'row' }, f.name), el('td', {}, f.value));
      return row;
    }));
  }

  function updateQueue(d) {
    var rows = d.queue || [], total = d.queueTotal || 0, first = d.queueFirst || 0;
    if (!changed('queueKey', [rows, first, total])) return;
    queue.table.hidden = total === 0;
    queue.none.hidden = total !== 0;
    queue.caption.textContent = countCaption(total, first, rows.length, 'document', 'documents', 'Documents');
    fillRows(queue, rows, function (r) { return [r.title, r.status, String(r.entities)]; },
      function (r, i) { return { 'data-index': String(first + i) }; });
  }

  function updateSuggestions(d) {
    var rows = d.suggestions || [], total = d.suggestionsTotal || 0, first = d.suggestionsFirst || 0;
    if (!changed('suggestKey', [rows, first, total, !!d.suggested])) return;
    suggestions.table.hidden = total === 0;
    suggestions.none.hidden = total !== 0;
    suggestions.none.textContent = d.suggested ? 'No suggestions left.'
      : 'No suggestions: Suggest in the Suggest tab finds them.';
    suggestions.caption.textContent = countCaption(total, first, rows.length, 'suggestion', 'suggestions',
      'Suggestions');
    fillRows(suggestions, rows, function (r) { return [r.text, r.label, r.source]; });
  }

  function updateDifferences(d) {
    var rows = d.differences || [], total = d.differencesTotal || 0, first = d.differencesFirst || 0;
    if (!changed('differencesKey', [rows, first, total, d.comparing || ''])) return;
    differences.table.hidden = !d.comparing;
    differences.none.hidden = !!d.comparing;
    differences.caption.textContent = (d.comparing || '') + ': ' +
      countCaption(total, first, rows.length, 'difference', 'differences', 'differences');
    fillRows(differences, rows, function (r) { return [r.kind, r.a, r.b, r.chosen || 'not chosen']; });
  }

  // ---- Menus ----

  // "Ctrl+Shift+Z" as aria-keyshortcuts spells it ("Control+Shift+Z"); '' for what is not a key
  // combination ("Alt: precise").
  function keyShortcuts(s) {
    if (!s || /[\s:]/.test(s)) return '';
    var names = { Ctrl: 'Control', Del: 'Delete', Esc: 'Escape', Cmd: 'Meta', PgUp: 'PageUp', PgDn: 'PageDown' };
    return s.split('+').map(function (k) { return names[k] || k; }).join('+');
  }

  // One menu's items in `box`; ids "<prefix>-<index>". Returns the id of the item with the keyboard.
  function fillMenu(box, menu, prefix, opens) {
    var focus = '';
    box.replaceChildren.apply(box, menu.items.map(function (item, i) {
      var attrs = { id: prefix + '-' + i, role: item.checkable ? 'menuitemcheckbox' : 'menuitem', tabindex: '-1' };
      if (item.checkable) attrs['aria-checked'] = item.checked ? 'true' : 'false';
      if (!item.enabled) attrs['aria-disabled'] = 'true';
      if (item.submenu) {
        attrs['aria-haspopup'] = 'menu';
        attrs['aria-expanded'] = item.expanded ? 'true' : 'false';
        if (item.expanded && opens) attrs['aria-controls'] = opens;
      }
      if (item.shortcut) {
        attrs['aria-description'] = item.shortcut;
        var keys = keyShortcuts(item.shortcut);
        if (keys) attrs['aria-keyshortcuts'] = keys;
      }
      if (item.focused) focus = attrs.id;
      return el('div', attrs, item.name);
    }));
    return focus;
  }

  // The element that has the keyboard in the menus: the focused item of the innermost open menu that
  // has one, else that menu; the menu bar's focused entry while F6 is in the bar.
  function updateMenus(d) {
    var key = JSON.stringify([d.menubar, d.menus]);
    if (key === last.menusKey) return last.focusId;
    last.menusKey = key;
    var barFocus = fillMenu(menubar, d.menubar, 'aa-mb', d.menus.length ? 'aa-menu-0' : '');
    var focus = '';
    menus.replaceChildren.apply(menus, d.menus.map(function (m, k) {
      var box = el('div', { id: 'aa-menu-' + k, role: 'menu', 'aria-label': m.name });
      focus = fillMenu(box, m, 'aa-menu-' + k, k + 1 < d.menus.length ? 'aa-menu-' + (k + 1) : '') || focus;
      return box;
    }));
    if (d.menus.length && !focus) focus = 'aa-menu-' + (d.menus.length - 1);
    last.focusId = d.menus.length ? focus : barFocus;
    return last.focusId;
  }

  // ---- The caret and the selection as the screen reader's own ----

  // The DOM position of the article's code point `offset` in the mirror: a text node and a UTF-16
  // offset in it (the nearest paragraph edge when the offset is between mirrored paragraphs).
  function domPosition(offset) {
    var ps = article.querySelectorAll('p[data-start]');
    if (!ps.length) return null;
    var p = ps[0];
    for (var i = 0; i < ps.length; i++) {
      if (Number(ps[i].dataset.start) <= offset) p = ps[i];
    }
    var start = Number(p.dataset.start), end = Number(p.dataset.end);
    var left = Math.max(0, Math.min(offset, end) - start);
    var walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    var node, lastNode = null;
    while ((node = walker.nextNode())) {
      var points = Array.from(node.data);
      if (left <= points.length) return { node: node, offset: points.slice(0, left).join('').length };
      left -= points.length;
      lastNode = node;
    }
    return lastNode ? { node: lastNode, offset: lastNode.data.length } : { node: p, offset: 0 };
  }

  // The word around the caret (or the text just after it), for what the cursor line says.
  function around(d) {
    var ps = d.paragraphs.filter(function (q) { return q.start <= d.caret && d.caret <= q.end; });
    if (!ps.length) return '';
    var cps = Array.from(ps[0].text), at = d.caret - ps[0].start;
    var a = at, b = at;
    var letter = /[\p{L}\p{N}\p{M}'’-]/u;
    while (a > 0 && letter.test(cps[a - 1])) a--;
    while (b < cps.length && letter.test(cps[b])) b++;
    return cps.slice(a, b).join('');
  }

  function updateCursor(d) {
    var text = '';
    if (!d.textSize) {
      text = 'No article.';
    } else if (d.selection) {
      var sel = d.paragraphs.map(function (q) {
        var cps = Array.from(q.text);
        return cps.slice(Math.max(0, d.selectionStart - q.start), Math.max(0, d.selectionEnd - q.start)).join('');
      }).filter(function (t) { return t; }).join('\n');
      text = 'Selected: "' + sel + '", characters ' + (d.selectionStart + 1) + ' to ' + d.selectionEnd + ' of ' +
        d.textSize + '.';
    } else if (d.selectedEntity) {
      var row = d.entities.filter(function (r) { return r.id === d.selectedEntity; })[0];
      text = row ? 'Entity "' + row.text + '", ' + row.label + ', characters ' + (row.start + 1) + ' to ' + row.end +
        ' of ' + d.textSize + '.' : 'Entity selected.';
    } else {
      var word = around(d);
      text = (d.caret < d.textSize ? 'Caret before character ' + (d.caret + 1) + ' of ' + d.textSize
        : 'Caret at the end, after character ' + d.textSize) + (word ? ', in "' + word + '"' : '') + '.';
    }
    if (cursor.textContent !== text) cursor.textContent = text;
    var menuFocus = updateMenus(d);
    var dialogFocus = updateDialogs(d);
    if (!canvas) return;
    var target = { article: 'aa-cursor', side: 'aa-side', status: 'aa-live', menu: 'aa-menubar' }[d.region] || '';
    // An open menu has the keys wherever they were, then an open dialog or picker; the bar's entry
    // when F6 is in the bar.
    if (dialogFocus) target = dialogFocus;
    if (d.menus.length || (d.region === 'menu' && menuFocus)) target = menuFocus || target;
    if (target) canvas.setAttribute('aria-activedescendant', target);
    else canvas.removeAttribute('aria-activedescendant');
  }

  // The DOM selection over the mirror's text, where the caret or the selection is: Chromium hands it to
  // the platform's accessibility API (ATK, IA2, NSAccessibility) as the document's caret and selection.
  function updateSelection(d) {
    var s = document.getSelection && document.getSelection();
    if (!s) return;
    var ours = s.rangeCount > 0 && root.contains(s.anchorNode);
    // A text field's element has the keyboard (the Find bar over the article, a note): the document
    // selection is its caret; moving it into the mirror would swallow what is typed next.
    var focused = document.activeElement;
    if (focused && focused !== canvas && (focused.tagName === 'INPUT' || focused.tagName === 'TEXTAREA')) return;
    if (!d.textSize || d.region !== 'article') {
      if (ours) s.removeAllRanges();
      return;
    }
    // A selection the user made in the page outside the mirror is not taken over.
    if (s.rangeCount > 0 && !ours && !s.isCollapsed) return;
    var a = d.selection ? d.selectionStart : d.caret, b = d.selection ? d.selectionEnd : d.caret;
    if (!d.selection && d.selectedEntity) {
      var row = d.entities.filter(function (r) { return r.id === d.selectedEntity; })[0];
      if (row) { a = row.start; b = row.end; }
    }
    var from = domPosition(a), to = domPosition(b);
    if (!from || !to) return;
    s.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
  }

  // ---- Updates after the frame ----

  // The mirror is brought up to date in a task after the frame, not inside it. Rebuilding it dirties the
  // document's layout, and reading or placing the DOM selection (anchorNode, isCollapsed,
  // setBaseAndExtent) makes Chromium lay the document out at once: inside the frame that first shows a
  // 1 MB Chinese article that was a forced layout of 35-75 ms (issue 10), and even unforced the layout
  // of the new mirror held back that frame's paint. After the frame, the article is on screen first;
  // the mirror follows a few milliseconds later. Several descriptions before the task runs (frames
  // drawn back to back by a test's renderFrame) leave only the last one to apply.
  //
  // The wasm sends the small fields and only the parts that changed since it last sent them (a caret
  // move sends no paragraphs, no table): the description is the last one with those put over it, and
  // a part of the mirror whose fields did not change is left alone (not even compared).
  var whole = {};
  var moved = null;  // the fields changed since the last apply, or null when none is scheduled
  function anyMoved(keys) {
    return keys.some(function (k) { return moved[k]; });
  }
  function apply(d) {
    attachRest();
    if (anyMoved(['paragraphs', 'textSize', 'title'])) updateArticle(d);
    updateStatus(d);
    updateAnnouncement(d);
    if (anyMoved(['labels'])) updateLabels(d);
    if (anyMoved(['entities', 'entitiesFirst', 'entitiesTotal'])) updateEntities(d);
    if (anyMoved(['relations', 'relationsTotal'])) updateRelations(d);
    if (anyMoved(['details', 'detailsName'])) updateDetails(d);
    if (anyMoved(['queue', 'queueFirst', 'queueTotal'])) updateQueue(d);
    if (anyMoved(['suggestions', 'suggestionsFirst', 'suggestionsTotal', 'suggested'])) updateSuggestions(d);
    if (anyMoved(['differences', 'differencesFirst', 'differencesTotal', 'comparing'])) updateDifferences(d);
    updateCursor(d);
    updateSelection(d);
    A.last = d;
  }

  var stats = { updates: 0, lastBytes: 0, lastParts: [] };
  A.stats = function () {
    return { updates: stats.updates, lastBytes: stats.lastBytes, lastParts: stats.lastParts.slice() };
  };

  A.update = function (part, bytes) {
    stats.updates++;
    stats.lastBytes = bytes || 0;
    stats.lastParts = Object.keys(part).filter(function (k) { return part[k] !== null && typeof part[k] === 'object'; });
    var scheduled = moved !== null;
    if (!scheduled) moved = {};
    Object.keys(part).forEach(function (k) {
      if (typeof part[k] === 'object' || whole[k] !== part[k]) moved[k] = true;
      whole[k] = part[k];
    });
    if (scheduled) return;
    setTimeout(function () {
      var d = Object.assign({}, whole);
      apply(d);
      moved = null;
    }, 0);
  };

  return A;
})();
