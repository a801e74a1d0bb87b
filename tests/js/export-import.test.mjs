import { test } from "node:test";
import assert from "node:assert/strict";
import { historyCsv, readStateDocument, stateDocument } from "../../site/js/state/export-import.js";

const rows = [
  { step: 0, loss: 1.5, loss_before: null, delta_loss: null, prediction: [0.2], target: [2],
    inputs: [1, 0.5], lr: 0.01, changes: [] },
  { step: 1, loss: 1.4, loss_before: 1.5, delta_loss: -0.1, prediction: [0.3], target: [2],
    inputs: [1, 0.5], lr: 0.01, changes: ["lr"] },
];
const state = {
  step: 1, loss: 1.4, weights: [[[1, 2]], [[3]]], biases: [[0], [0]], history: rows,
  config: {
    layers: [2, 1, 1], hidden_activation: "relu", output_activation: "linear", bias: false,
    loss: "half_squared_error", optimizer: { name: "sgd", lr: 0.01 }, inputs: [1, 0.5],
    targets: [2],
    dataset: null, batch_size: null,
  },
};

test("the history CSV has a header and one line per row," +
  " lists space-separated and nulls empty", () => {
  const lines = historyCsv(rows).trim().split("\n");
  assert.equal(lines[0], "step,loss,loss_before,delta_loss,prediction,target,inputs,lr,changes");
  assert.equal(lines[1], "0,1.5,,,0.2,2,1 0.5,0.01,");
  assert.equal(lines[2], "1,1.4,1.5,-0.1,0.3,2,1 0.5,0.01,lr");
});

test("a downloaded state reads back as a setState that starts from its current weights", () => {
  const text = JSON.stringify(stateDocument(state));
  assert.deepEqual(readStateDocument(text).value, {
    layers: [2, 1, 1], hidden_activation: "relu", output_activation: "linear", bias: false,
    loss: "half_squared_error", optimizer: { name: "sgd", lr: 0.01 }, inputs: [1, 0.5], target: [2],
    dataset: null, batch_size: null, weights: [[[1, 2]], [[3]]],
  });
});

test("a downloaded state with a data set reads back with its data set and mini-batch size", () => {
  const dataset = { name: "xor", n: 4, noise: 0, seed: 0 };
  const config = { ...state.config, dataset, batch_size: 2, inputs: null, targets: null };
  const withData = { ...state, config };
  const value = readStateDocument(JSON.stringify(stateDocument(withData))).value;
  assert.deepEqual([value.dataset, value.batch_size, "inputs" in value], [dataset, 2, false]);
});

test("a file that is not a lab state is refused with the reason", () => {
  assert.match(readStateDocument("{oops").error, /not JSON/);
  assert.match(readStateDocument('{"format": "other"}').error, /not a Backprop Lab state/);
  const ofVersion = (version) => `{"format": "backprop-lab-state", "version": ${version}}`;
  assert.match(readStateDocument(ofVersion(9)).error, /version 9/);
  assert.match(readStateDocument(ofVersion(1)).error, /no scenario/);
});
