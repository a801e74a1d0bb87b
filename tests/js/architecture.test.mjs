import { test } from "node:test";
import assert from "node:assert/strict";
import {
  canChange, changeLayers, editorLimits, fitActivations, hiddenActivations, neuronButtonNames,
  sameNames,
} from "../../site/js/core/architecture.js";
import { engineDescription } from "./engine-description.mjs";

const limits = editorLimits(engineDescription().fields.layers);

test("the editor's limits are 1-4 inputs, 0-6 hidden layers of 1-8 neurons and 1-2 outputs", () => {
  assert.deepEqual(limits,
    { inputs: [1, 4], outputs: [1, 2], neurons: [1, 8], hidden_layers: [0, 6] });
});

test("the editor's limits never go past the engine's", () => {
  const narrow = editorLimits({ min_layers: 3, max_layers: 4, min_size: 2, max_size: 3 });
  assert.deepEqual(narrow,
    { inputs: [2, 3], outputs: [2, 2], neurons: [2, 3], hidden_layers: [1, 2] });
});

test("a new hidden layer goes before the output, as wide as the layer before it", () => {
  assert.deepEqual(changeLayers([2, 5, 1], { kind: "add-hidden" }, limits), [2, 5, 5, 1]);
  assert.deepEqual(changeLayers([2, 1], { kind: "add-hidden" }, limits), [2, 3, 1]);
});

test("removing a hidden layer removes the last one", () => {
  assert.deepEqual(changeLayers([2, 5, 4, 1], { kind: "remove-hidden" }, limits), [2, 5, 1]);
  assert.equal(changeLayers([2, 1], { kind: "remove-hidden" }, limits), null);
});

test("neurons are added and removed per layer within that layer's limits", () => {
  assert.deepEqual(changeLayers([2, 3, 1], { kind: "add-neuron", layer: 1 }, limits), [2, 4, 1]);
  assert.deepEqual(changeLayers([2, 3, 1], { kind: "add-neuron", layer: 0 }, limits), [3, 3, 1]);
  assert.deepEqual(changeLayers([2, 3, 1], { kind: "add-neuron", layer: 2 }, limits), [2, 3, 2]);
  assert.equal(changeLayers([4, 3, 1], { kind: "add-neuron", layer: 0 }, limits), null);
  assert.equal(changeLayers([2, 8, 1], { kind: "add-neuron", layer: 1 }, limits), null);
  assert.equal(changeLayers([2, 3, 2], { kind: "add-neuron", layer: 2 }, limits), null);
  assert.equal(changeLayers([2, 1, 1], { kind: "remove-neuron", layer: 1 }, limits), null);
  assert.equal(canChange([2, 8, 8, 8, 8, 8, 8, 1], { kind: "add-hidden" }, limits), false);
  assert.equal(canChange([2, 8, 8, 8, 8, 8, 1], { kind: "add-hidden" }, limits), true);
});

test("per-layer activations follow a change of depth" +
  " and collapse to one name when they agree", () => {
  assert.deepEqual(fitActivations(["relu", "tanh"], [2, 3, 3, 1], [2, 3, 3, 3, 1], "relu"),
    ["relu", "tanh", "tanh"]);
  assert.equal(fitActivations(["relu", "tanh"], [2, 3, 3, 1], [2, 3, 1], "relu"), "relu");
  assert.equal(fitActivations("tanh", [2, 3, 1], [2, 3, 3, 1], "relu"), "tanh");
  assert.equal(fitActivations("tanh", [2, 1], [2, 3, 1], "relu"), "tanh");
  assert.deepEqual(hiddenActivations("sigmoid", 2), ["sigmoid", "sigmoid"]);
  assert.equal(sameNames([], "relu"), "relu");
});

test("the buttons' accessible names say what they change", () => {
  assert.deepEqual(neuronButtonNames([2, 3, 3, 1], 2),
    { add: "Add neuron to H2", remove: "Remove neuron from H2" });
  assert.deepEqual(neuronButtonNames([2, 3, 1], 0), { add: "Add input", remove: "Remove input" });
  assert.deepEqual(neuronButtonNames([2, 3, 1], 2), { add: "Add output", remove: "Remove output" });
});
