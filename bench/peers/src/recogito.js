// @recogito/text-annotator (npm, pinned in bench/peers/package.json) on the benchmark's article:
// the text as one pre-wrapped text node, every entity set as an annotation (its default SPANS
// renderer draws the highlights in view), an add through addAnnotation.
import { createTextAnnotator } from '@recogito/text-annotator';
import '@recogito/text-annotator/text-annotator.css';
import { afterFrameWhere, article, report } from './common.js';

const art = article();
const container = document.getElementById('article');
container.textContent = art.text;
const annotation = (id, start, end, label) => ({
  id,
  bodies: [{ id: `${id}-b`, annotation: id, purpose: 'tagging', value: label }],
  target: { annotation: id, selector: [{ quote: art.text.slice(start, end), start, end }] },
});
const anno = createTextAnnotator(container);
anno.setAnnotations(art.entities.map((e) => annotation(e.id, e.start, e.end, e.label)));
const highlights = () => container.parentElement.querySelectorAll('.r6o-annotation').length;
report(afterFrameWhere(() => highlights() > 0), (start, end, label) => {
  const before = highlights();
  anno.addAnnotation(annotation('added', art.toUtf16(start), art.toUtf16(end), label));
  return afterFrameWhere(() => highlights() > before);
});
