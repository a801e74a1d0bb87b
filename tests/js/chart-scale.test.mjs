import { test } from "node:test";
import assert from "node:assert/strict";
import {
  decimateByColumn, formatLoss, linearTicks, logTicks, nearestIndex,
} from "../../site/js/core/chart-scale.js";

test("huge losses get readable tick labels, not raw integers", () => {
  const labels = linearTicks(0, 2.4e9, 5).map((t) => t.label);
  assert.deepEqual(labels, ["0", "5×10⁸", "1×10⁹", "1.5×10⁹", "2×10⁹"]);
  assert.ok(labels.every((label) => label.length <= 7));
});

test("ordinary ticks are plain and step ticks are whole numbers", () => {
  assert.deepEqual(linearTicks(0, 2.5, 5).map((t) => t.label),
    ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"]);
  assert.ok(linearTicks(0, 7, 5, { integer: true }).every((t) => Number.isInteger(t.value)));
});

test("log ticks far from 1 are powers of ten", () => {
  assert.ok(logTicks(1e-6, 1e2, 5).some((t) => t.label === "10⁻⁶"));
});

test("a loss reads with four decimals or in scientific notation when tiny or huge", () => {
  assert.equal(formatLoss(1.61765), "1.6177");
  assert.equal(formatLoss(2.2e6), "2.20e+6");
  assert.equal(formatLoss(NaN), "—");
});

test("the nearest step is found by binary search," +
  " and decimation keeps each column's extremes", () => {
  assert.equal(nearestIndex([0, 2, 4, 8], 5), 2);
  const xs = Array.from({ length: 1000 }, (_, i) => i / 100);
  const ys = xs.map((x) => Math.sin(x * 10));
  const kept = decimateByColumn(xs, ys);
  assert.ok(kept.length < xs.length);
  assert.ok(kept.includes(ys.indexOf(Math.max(...ys))));
});
