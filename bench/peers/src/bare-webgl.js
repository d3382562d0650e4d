// The bare WebGL reference: a full-window WebGL 2 canvas cleared once (the floor every WebGL page
// pays here: context creation, SwiftShader's software rendering and the canvas's compositing); an
// add is one more clear in the next animation frame.
import { afterFrameWhere, report } from './common.js';

const c = document.getElementById('canvas');
c.width = innerWidth;
c.height = innerHeight;
const gl = c.getContext('webgl2');
let drawn = 0;
const clear = () => {
  gl.clearColor(1, 1, 1, 1);
  gl.clear(gl.COLOR_BUFFER_BIT);
  drawn++;
};
requestAnimationFrame(clear);
report(afterFrameWhere(() => drawn > 0), () => {
  const before = drawn;
  requestAnimationFrame(clear);
  return afterFrameWhere(() => drawn > before);
});
