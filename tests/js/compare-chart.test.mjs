import { test } from "node:test";
import assert from "node:assert/strict";
import {
  compareLayout, markerIndices, markerPath, SERIES_STYLES,
} from "../../site/js/compare/chart.js";
import { curveOf } from "../../site/js/compare/rates.js";

const rows = (...losses) => losses.map((loss, step) => ({ step, loss }));

test("each compared rate has its own line style and marker shape, not only a colour", () => {
  assert.equal(new Set(SERIES_STYLES.map((s) => s.dash.join())).size, 3);
  assert.equal(new Set(SERIES_STYLES.map((s) => s.marker)).size, 3);
  assert.match(markerPath("square", 10, 10, 2), /^M8 8h4v4h-4Z$/);
});

test("markers sit along each curve," +
  " shifted per series so two curves' markers do not coincide", () => {
  const xs = Array.from({ length: 101 }, (_, i) => i * 3);
  const ys = xs.map(() => 50);
  const first = markerIndices(xs, ys, 0);
  const second = markerIndices(xs, ys, 1);
  assert.equal(first.length, 6);
  assert.ok(first.every((k, i) => k !== second[i]));
});

test("a short curve gets a marker on every point, and non-finite points get none", () => {
  assert.deepEqual(markerIndices([0, 10, 20], [5, NaN, 7], 2), [0, 2]);
});

test("all curves share one x axis over the steps asked and one loss axis", () => {
  const curves = [curveOf(0.1, rows(2, 1, 0.5)),
    curveOf(1, rows(2, 8e6), { step: 2, message: "" })];
  const layout = compareLayout({ curves, steps: 10, scale: "log", size: { width: 400, height: 200 },
    labelWidth: (text) => 6 * text.length });
  assert.equal(layout.series.length, 2);
  assert.equal(layout.x(10), layout.plot.left + layout.plot.width);
  assert.ok(layout.series[1].ys[1] < layout.series[0].ys[2]); // 8e6 drawn above 0.5
  assert.ok(layout.series.every((s) => s.ys.every(Number.isFinite)));
});
