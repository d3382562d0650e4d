// react-text-annotate (npm, with React 16, pinned in bench/peers/package.json) on the benchmark's
// article: its TextAnnotator controlled by a state holding every entity (it renders each as a
// <mark>), an add appended to that state.
import React from 'react';
import ReactDOM from 'react-dom';
import { TextAnnotator } from 'react-text-annotate';
import { afterFrameWhere, article, report } from './common.js';

const art = article();
let addSpan = null;
function App() {
  const [value, setValue] = React.useState(() => art.entities.map((e) => ({ start: e.start, end: e.end, tag: e.label })));
  addSpan = (s) => setValue((v) => [...v, s]);
  return React.createElement(TextAnnotator, {
    content: art.text,
    value,
    onChange: setValue,
    style: { whiteSpace: 'pre-wrap', font: '16px/1.5 sans-serif', maxWidth: '50em', margin: 'auto' },
  });
}
const marks = () => document.getElementsByTagName('mark').length;
ReactDOM.render(React.createElement(App), document.getElementById('article'));
report(afterFrameWhere(() => marks() >= art.entities.length), (start, end, label) => {
  const before = marks();
  addSpan({ start: art.toUtf16(start), end: art.toUtf16(end), tag: label });
  return afterFrameWhere(() => marks() > before);
});
