import { test } from "node:test";
import assert from "node:assert/strict";
import { createOffscreenViews } from "../../site/js/core/offscreen.js";

// A stand-in for IntersectionObserver: the test says when an element comes into or out of sight.
function fakeSight() {
  let report = null;
  class Observer {
    constructor(callback) { report = callback; }
    observe() {}
  }
  const scroll = (target, isIntersecting) => report([{ target, isIntersecting }]);
  return { Observer, scroll };
}

function table() {
  const drawn = [];
  return { drawn, paint: (value) => () => drawn.push(value) };
}

test("when nothing plays every view is drawn at once, in sight or not", () => {
  const sight = fakeSight();
  const views = createOffscreenViews({ Observer: sight.Observer });
  const weights = table();
  views.draw(weights, weights.paint(1));
  sight.scroll(weights, false);
  views.draw(weights, weights.paint(2));
  assert.deepEqual(weights.drawn, [1, 2]);
});

test("while playing a view out of sight skips its updates" +
  " and draws only the newest when seen", () => {
  const sight = fakeSight();
  const views = createOffscreenViews({ Observer: sight.Observer });
  const weights = table();
  views.draw(weights, weights.paint(0));
  sight.scroll(weights, false);
  views.setDeferring(true);
  for (const step of [1, 2, 3]) views.draw(weights, weights.paint(step));
  assert.deepEqual(weights.drawn, [0]);
  sight.scroll(weights, true);
  assert.deepEqual(weights.drawn, [0, 3]);
  views.draw(weights, weights.paint(4)); // in sight: drawn every frame
  assert.deepEqual(weights.drawn, [0, 3, 4]);
});

test("when Play stops every view that waited is brought up to date, once", () => {
  const sight = fakeSight();
  const views = createOffscreenViews({ Observer: sight.Observer });
  const [weights, history] = [table(), table()];
  views.setDeferring(true);
  views.draw(weights, weights.paint(7));
  views.draw(history, history.paint(7));
  views.setDeferring(false);
  sight.scroll(weights, true);
  assert.deepEqual([weights.drawn, history.drawn], [[7], [7]]);
});

test("without IntersectionObserver every view is always drawn", () => {
  const views = createOffscreenViews({ Observer: undefined });
  const weights = table();
  views.setDeferring(true);
  views.draw(weights, weights.paint(1));
  assert.deepEqual(weights.drawn, [1]);
});
