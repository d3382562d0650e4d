// The plain DOM reference: the benchmark's article as pre-wrapped text, no highlights; an add wraps
// the word in a <mark> (the least a DOM page can do to show one).
import { afterFrameWhere, article, report } from './common.js';

const art = article();
const container = document.getElementById('article');
container.textContent = art.text;
report(afterFrameWhere(() => true), (start, end) => {
  const range = document.createRange();
  range.setStart(container.firstChild, art.toUtf16(start));
  range.setEnd(container.firstChild, art.toUtf16(end));
  range.surroundContents(document.createElement('mark'));
  return afterFrameWhere(() => container.getElementsByTagName('mark').length > 0);
});
