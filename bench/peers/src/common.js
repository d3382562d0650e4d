// What every peer page of scripts/bench.sh browser --peers shares (issue 11 item 6): the article the
// benchmark put in window.__article before the page's scripts ran (text and entities in code points),
// UTF-16 offsets for the DOM, and the clock: a mark is taken in a task queued from the first
// animation frame in which `shown()` holds, so after that frame's style, layout and paint.

// Code point offsets -> UTF-16 offsets (the DOM's and JavaScript's).
export function utf16Offsets(text) {
  const map = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return map;
}

export function article() {
  const a = window.__article;
  const map = utf16Offsets(a.text);
  return {
    text: a.text,
    entities: a.entities.map((e, i) => ({ id: `e${i + 1}`, start: map[e.start], end: map[e.end], label: e.label })),
    toUtf16: (cp) => map[cp],
  };
}

// Resolves with performance.now() after the frame in which shown() first holds.
export function afterFrameWhere(shown) {
  return new Promise((ok) => {
    const check = () => {
      if (shown()) setTimeout(() => ok(performance.now()), 0);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

// The page reports its load (navigation to the frame showing every highlight) and offers the add
// the benchmark times: window.__benchAdd(start, end, label) -> ms from the call to the frame showing it.
export function report(readyPromise, add) {
  readyPromise.then((t) => { window.__benchReadyAt = t; });
  window.__benchAdd = async (start, end, label) => {
    const t0 = performance.now();
    const t1 = await add(start, end, label);
    return t1 - t0;
  };
}
