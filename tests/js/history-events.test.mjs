import { test } from "node:test";
import assert from "node:assert/strict";
import { changeText, eventSteps } from "../../site/js/tables/history-events.js";

const row = (step, extra = {}) => ({
  step, inputs: [1, 0.5], target: [2], lr: 0.01, changes: [], ...extra,
});

test("a row without changes has no event text", () => {
  assert.equal(changeText(row(1), row(2)), "");
});

test("a changed target and learning rate read old → new with true minus signs", () => {
  const text = changeText(row(5, { target: [-3] }),
    row(6, { lr: 0.05, changes: ["lr", "targets"] }));
  assert.equal(text, "η 0.01 → 0.05; target −3.00 → 2.00");
});

test("changed inputs list both values and an edited weight is named", () => {
  assert.equal(changeText(row(1), row(2, { inputs: [2, 0.5], changes: ["inputs"] })),
    "inputs 1.00, 0.50 → 2.00, 0.50");
  assert.equal(changeText(row(1), row(2, { changes: ["weights"] })), "weights edited");
});

test("eventSteps lists the first step that used new settings", () => {
  assert.deepEqual(eventSteps([row(0), row(1), row(2, { changes: ["lr"] }), row(3)]), [2]);
});
