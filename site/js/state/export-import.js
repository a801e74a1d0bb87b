// Files a learner can take away and bring back: the history as CSV, the whole state as JSON, and
// reading such a JSON file back into setState's terms. Pure (no DOM): main.js saves and reads
// files.

export const STATE_FORMAT = "backprop-lab-state";

/** History rows -> CSV text: a column per key of the engine's rows, in their order (history.py);
 * lists joined by spaces; an empty cell for null. */
export function historyCsv(rows) {
  const columns = Object.keys(rows[0] ?? {});
  const cell = (value) => {
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) return value.join(" ");
    return String(value);
  };
  const lines = rows.map((row) => columns.map((key) => cell(row[key])).join(","));
  return `${columns.join(",")}\n${lines.join("\n")}\n`;
}

/** getState() -> the JSON document a learner downloads (the scenario and where the run stands). */
export function stateDocument(state) {
  const { config } = state;
  return {
    format: STATE_FORMAT,
    version: 1,
    scenario: {
      layers: config.layers, hidden_activation: config.hidden_activation,
      output_activation: config.output_activation, bias: config.bias, loss: config.loss,
      optimizer: config.optimizer, inputs: config.inputs, target: config.targets,
      dataset: config.dataset, batch_size: config.batch_size,
    },
    step: state.step,
    weights: state.weights,
    biases: state.biases,
    loss: state.loss,
    history: state.history,
  };
}

/**
 * A downloaded state's text -> {value: a setState partial that starts a run from its weights} or
 * {error: why it cannot be used}. Values are checked again by setState and the engine.
 */
export function readStateDocument(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return { error: "This file is not JSON, so it is not a Backprop Lab state." };
  }
  if (!doc || typeof doc !== "object" || doc.format !== STATE_FORMAT) {
    return {
      error: `This JSON file is not a Backprop Lab state (its "format" is not "${STATE_FORMAT}").`,
    };
  }
  if (doc.version !== 1) {
    return { error: `This state file has version ${doc.version}; this lab reads version 1.` };
  }
  if (!doc.scenario || typeof doc.scenario !== "object" || !Array.isArray(doc.weights)) {
    return { error: "This state file has no scenario or no weights." };
  }
  // No data set (or none named) means the one example, whatever the page shows now.
  const data = {
    dataset: doc.scenario.dataset ?? null, batch_size: doc.scenario.batch_size ?? null,
  };
  const partial = { ...withoutNulls(doc.scenario), ...data, weights: doc.weights };
  if (doc.scenario.bias && Array.isArray(doc.biases)) partial.biases = doc.biases;
  return { value: partial };
}

function withoutNulls(object) {
  return Object.fromEntries(Object.entries(object)
    .filter(([, value]) => value !== null && value !== undefined));
}
