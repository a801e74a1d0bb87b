import { test } from "node:test";
import assert from "node:assert/strict";
import {
  chartModel, chartSummary, clampNote, lossSeries,
} from "../../site/js/charts/loss-chart-model.js";

const rows = (losses) => losses.map((loss, step) => ({ step, loss }));

test("a history that only grew adds its new rows to the same series", () => {
  const history = rows([3, 2]);
  const first = lossSeries(history);
  history.push({ step: 2, loss: 1 });
  const second = lossSeries(history, first);
  assert.equal(second.steps, first.steps);
  assert.deepEqual(second.steps, [0, 1, 2]);
  assert.deepEqual(second.losses, [3, 2, 1]);
});

test("a history replaced by another (a seek, a new run) is read again from its start", () => {
  const first = lossSeries(rows([3, 2, 1]));
  const second = lossSeries(rows([5]), first);
  assert.notEqual(second.steps, first.steps);
  assert.deepEqual(second.losses, [5]);
});

test("a loss the engine could not give (null) is drawn as a gap", () => {
  assert.ok(Number.isNaN(lossSeries([{ step: 0, loss: null }]).losses[0]));
});

test("the chart's name says how many steps, the latest loss and the marked changes", () => {
  const model = chartModel(lossSeries(rows([2, 1.5, 1.25])), "log", [2], []);
  assert.equal(chartSummary(model), "Loss history, 2 steps, latest 1.2500, log scale, 1 change " +
    "of settings marked. Arrow keys move between steps.");
  const start = chartModel(lossSeries(rows([2])), "linear", [], []);
  assert.equal(chartSummary(start), "Loss history, no steps yet, loss 2.0000 at step 0");
});

test("a log axis names the losses at or below 0 it cannot show, and where they are drawn", () => {
  const model = chartModel(lossSeries(rows([1, 0, 0.5])), "log", [], []);
  assert.equal(model.clamped, 1);
  assert.match(clampNote(model), /^1 loss ≤ 0 cannot be shown on a log axis; drawn at /);
  assert.equal(clampNote(chartModel(lossSeries(rows([1, 0])), "linear", [], [])), "");
});

test("the branch left by going back in time is kept apart, to be drawn dashed", () => {
  const model = chartModel(lossSeries(rows([3, 2])), "linear", [], rows([3, 2, 1.5, 1]).slice(1));
  assert.deepEqual(model.ghostSteps, [1, 2, 3]);
  assert.deepEqual(model.ghostLosses, [2, 1.5, 1]);
});
