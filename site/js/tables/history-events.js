// Words for the events of a run's history: what a learner changed between two steps (inputs,
// target, learning rate, …), read from the engine's rows. Pure: no DOM.
import { fixed, plain } from "../core/format.js";

const list = (values, dp) => values.map((v) => fixed(v, dp)).join(", ");

// How each setting reads before → after; settings without a value in the rows are named only.
const DESCRIBE = {
  inputs: (prev, row) => `inputs ${list(prev.inputs, 2)} → ${list(row.inputs, 2)}`,
  targets: (prev, row) => `target ${list(prev.target, 2)} → ${list(row.target, 2)}`,
  lr: (prev, row) => `η ${plain(prev.lr)} → ${plain(row.lr)}`,
  weights: () => "weights edited",
  biases: () => "biases edited",
  optimizer: () => "optimizer settings changed",
  sample: () => "shown sample changed",
};

/** "target −3.00 → 2.00; η 0.01 → 0.05" for a row whose `changes` is non-empty, else "". */
export function changeText(prev, row) {
  if (!row.changes?.length || !prev) return "";
  const describe = (name) => (DESCRIBE[name] ?? (() => `${name} changed`))(prev, row);
  return row.changes.map(describe).join("; ");
}

/** The steps at which a setting changed (the first step that used the new value). */
export function eventSteps(rows) {
  const steps = [];
  for (const row of rows) if (row.changes?.length) steps.push(row.step);
  return steps;
}
