import { test } from "node:test";
import assert from "node:assert/strict";
import {
  bestCurve, curveOf, outcomeOf, prefersLog, readComparison, suggestRates, withRate,
} from "../../site/js/compare/rates.js";
import { engineDescription } from "./engine-description.mjs";

const { fields } = engineDescription();
const rules = { lrField: fields.lr, stepsField: fields.steps };

test("up to three typed rates and a step count are read; an empty field is simply unused", () => {
  assert.deepEqual(readComparison(["0.1", "", "1e-3"], "50", rules),
    { value: { rates: [0.1, 0.001], steps: 50 } });
});

test("a bad rate is named at its field and nothing is returned to run", () => {
  const read = readComparison(["0.1", "-2", "abc"], "50", rules);
  assert.equal(read.value, undefined);
  assert.equal(read.errors.rates[0], null);
  assert.match(read.errors.rates[1], /greater than 0/);
  assert.match(read.errors.rates[2], /not a number/);
});

test("the step count follows the engine's steps rule", () => {
  assert.match(readComparison(["0.1"], "0", rules).errors.steps, /between 1 and/);
  const over = String(fields.steps.max + 1);
  assert.match(readComparison(["0.1"], over, rules).errors.steps, /between 1 and/);
  assert.match(readComparison(["0.1"], "2.5", rules).errors.steps, /whole number/);
});

test("no rate at all, or the same rate twice, is refused for the whole form", () => {
  assert.match(readComparison(["", " ", ""], "10", rules).errors.form, /at least one/);
  assert.match(readComparison(["0.1", "0.10", ""], "10", rules).errors.form, /differ/);
});

test("suggested rates are a decade apart around the current one" +
  " and inside the engine's limits", () => {
  assert.deepEqual(suggestRates(0.01, fields.lr), [0.001, 0.01, 0.1]);
  assert.deepEqual(suggestRates(fields.lr.max, fields.lr), [fields.lr.max / 10, fields.lr.max]);
});

test("a comparison run changes only the learning rate of the main run's config", () => {
  const optimizer = { name: "adam", lr: 0.01, betas: [0.9, 0.999], eps: 1e-8 };
  const config = { layers: [2, 3, 1], seed: 4, optimizer };
  assert.deepEqual(withRate(config, 0.5),
    { ...config, optimizer: { ...config.optimizer, lr: 0.5 } });
  assert.equal(config.optimizer.lr, 0.01);
});

test("a curve's outcome is said in words:" +
  " diverged at its step, fell or rose by a percentage", () => {
  const rows = (...losses) => losses.map((loss, step) => ({ step, loss }));
  assert.equal(outcomeOf(curveOf(1, rows(2, 8e6), { step: 2, message: "" })), "diverged at step 2");
  assert.equal(outcomeOf(curveOf(0.1, rows(2, 1))), "fell 50.0%");
  assert.equal(outcomeOf(curveOf(0.1, rows(2, 1e-9))), "fell more than 99.9%");
  assert.equal(outcomeOf(curveOf(0.1, rows(2, 2.5))), "rose 25.0%");
});

test("the best curve is the lowest final loss that did not diverge", () => {
  const rows = (...losses) => losses.map((loss, step) => ({ step, loss }));
  const curves = [curveOf(0.001, rows(2, 1.9)), curveOf(0.01, rows(2, 0.3)),
    curveOf(1, rows(2, 0.1), { step: 2 })];
  assert.equal(bestCurve(curves), 1);
});

test("log scale is preferred once the losses span more than two decades", () => {
  const rows = (...losses) => losses.map((loss, step) => ({ step, loss }));
  assert.equal(prefersLog([curveOf(0.1, rows(2, 1, 0.5))]), false);
  assert.equal(prefersLog([curveOf(0.1, rows(2, 1e-3)), curveOf(1, rows(2, 8e6))]), true);
});
