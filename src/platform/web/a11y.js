// The accessibility mirror (--pre-js after pre.js): the canvas is invisible to assistive
// technology, so the page keeps a DOM twin of what it shows, not drawn but exposed to screen readers:
// the article near the view as paragraphs with each entity a <mark> named "text, Label" (its note as
// the description), the status line as a live region, the side panel's labels as a list and its
// entities as a table. The App describes what changed (ui/accessibility.hpp, accessibility_bridge.cpp);
// this rebuilds only the parts that differ. Text goes in through textContent only: never as HTML.
'use strict';

AAHost.a11y = (function () {
  var A = {};
  var root = document.createElement('div');
  root.id = 'aa-a11y';
  root.className = 'aa-sr';

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The status line, spoken as it changes ("Added LOC "Moscow"").
  var live = el('div', { id: 'aa-live', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  var main = el('main', { 'aria-label': 'Article' });
  var heading = el('h1', {}, 'Article Annotator');
  var article = el('article', { id: 'aa-article', 'aria-label': 'Article text' });
  var empty = el('p', {}, 'No article is open. Paste one with Ctrl+V, or open a file with Ctrl+O.');
  var range = el('p', { id: 'aa-range' });
  main.append(heading, range, article);
  var aside = el('aside', { 'aria-label': 'Side panel' });
  var labelsHeading = el('h2', { id: 'aa-labels-h' }, 'Labels');
  var labelList = el('ul', { 'aria-labelledby': 'aa-labels-h' });
  var entitiesHeading = el('h2', { id: 'aa-entities-h' }, 'Entities');
  var table = el('table', { 'aria-labelledby': 'aa-entities-h' });
  var caption = el('caption');
  var head = el('thead');
  var headRow = el('tr');
  ['Text', 'Label', 'Start', 'End'].forEach(function (c) { headRow.append(el('th', { scope: 'col' }, c)); });
  head.append(headRow);
  var body = el('tbody');
  table.append(caption, head, body);
  aside.append(labelsHeading, labelList, entitiesHeading, table);
  root.append(live, main, aside);
  document.body.append(root);

  A.root = root;
  var last = { statusSerial: -1, paragraphs: new Map(), labelsKey: '', rowsKey: '' };

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

  function updateStatus(d) {
    if (d.statusSerial === last.statusSerial) return;
    var repeated = live.textContent === d.status;
    last.statusSerial = d.statusSerial;
    var text = (d.statusError ? 'Error: ' : '') + d.status;
    if (!repeated) {
      live.textContent = text;
    } else {
      // The same message again: empty the region first so that it is announced again.
      live.textContent = '';
      setTimeout(function () { live.textContent = text; }, 100);
    }
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

  function updateEntities(d) {
    var key = JSON.stringify([d.entities, d.entitiesFirst, d.entitiesTotal]);
    if (key === last.rowsKey) return;
    last.rowsKey = key;
    caption.textContent = d.entitiesTotal === d.entities.length
      ? d.entitiesTotal + (d.entitiesTotal === 1 ? ' entity' : ' entities')
      : 'Entities ' + (d.entitiesFirst + 1) + ' to ' + (d.entitiesFirst + d.entities.length) + ' of ' + d.entitiesTotal;
    body.replaceChildren.apply(body, d.entities.map(function (r) {
      var row = el('tr', { 'data-id': r.id });
      if (r.selected) row.setAttribute('aria-current', 'true');
      row.append(el('td', {}, r.text), el('td', {}, r.label), el('td', {}, String(r.start)),
                 el('td', {}, String(r.end)));
      return row;
    }));
  }

  A.update = function (d) {
    updateArticle(d);
    updateStatus(d);
    updateLabels(d);
    updateEntities(d);
    A.last = d;
  };

  return A;
})();
