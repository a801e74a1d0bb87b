import { test } from "node:test";
import assert from "node:assert/strict";
import {
  biasNote, gradientItems, inactiveLegend, isSpecNetwork, networkItems,
} from "../../site/js/core/network-texts.js";
import { engineDescription, engineFrames } from "./engine-description.mjs";

const description = engineDescription();
const spec = description.presets.spec.config;
const config = (changes) => ({
  ...spec, ...changes, optimizer: { ...spec.optimizer, ...(changes.optimizer ?? {}) },
});
// Every network these tests describe, as the engine's frame of it (its one activation per layer).
const NETWORKS = {
  spec,
  deep: config({ layers: [3, 4, 2, 2], hidden_activation: ["tanh", "relu"], weights: null,
    output_activation: "sigmoid", bias: true, optimizer: { name: "adam" }, inputs: undefined,
    targets: undefined }),
  flat: config({ layers: [2, 1], weights: null }),
  tanh: config({ hidden_activation: "tanh" }),
  mixed: config({ layers: [2, 3, 3, 1], hidden_activation: ["relu", "sigmoid"], weights: null }),
  crossed: config({ layers: [2, 3, 3, 1], hidden_activation: ["relu", "tanh"], weights: null,
    output_activation: "sigmoid", loss: "binary_cross_entropy", bias: true, targets: [1] }),
  data: config({ dataset: { name: "xor" }, inputs: undefined, targets: undefined }),
  leaky: config({ hidden_activation: "leaky_relu", output_activation: "sigmoid" }),
};
const made = engineFrames(Object.values(NETWORKS)); // undefined keys: the engine's defaults
const frames = Object.fromEntries(Object.keys(NETWORKS).map((name, i) => [name, made[i]]));

test("the spec's network keeps the page's own wording", () => {
  assert.equal(isSpecNetwork(spec, description), true);
  assert.equal(networkItems(frames.spec, description), null);
  assert.equal(biasNote(spec), null);
  assert.equal(inactiveLegend(frames.spec, description), "inactive ReLU (z ≤ 0)");
});

test("another network is described from the engine's names and formulas", () => {
  const items = networkItems(frames.deep, description);
  assert.equal(items[0], "3 inputs → 4 hidden neurons with tanh, a(z) = tanh(z) → 2 hidden " +
    "neurons with ReLU, a(z) = max(0, z) → 2 sigmoid outputs ŷ, a(z) = σ(z) = 1 / (1 + e^(−z)).");
  assert.equal(items[1], "Each neuron adds up its weighted inputs and its bias, z = Σ w·a + b.");
  assert.match(items[2], /^Loss: ½·squared error, L = ½·Σ\(ŷ − t\)²/);
  assert.equal(items[3], `Update: Adam, ${description.optimizers.adam.rule}, on this one example.`);
  assert.equal(networkItems(frames.flat, description)[0], "2 inputs → 1 linear output ŷ.");
});

test("a network without hidden layers or without dying activations has no inactive-neuron legend",
  () => {
  assert.equal(inactiveLegend(frames.flat, description), null);
  assert.equal(inactiveLegend(frames.tanh, description), null);
  assert.equal(inactiveLegend(frames.mixed, description), "inactive ReLU (z ≤ 0)");
});

test("with biases the weights note says where they are", () => {
  assert.match(biasNote(config({ bias: true })), /column b/);
});

test("how the gradients are found follows the loss, the activations and the biases", () => {
  assert.equal(gradientItems(frames.spec, description), null);
  const items = gradientItems(frames.crossed, description);
  assert.match(items[0], /^Each neuron’s error signal δ \(delta\) is ∂L\/∂z/);
  const bce = description.losses.binary_cross_entropy;
  assert.equal(items[1], `Output error: δ_out = ${bce.output_delta}; ${bce.delta_note}.`);
  // σ′ is not applied twice
  assert.match(items[1], /cancel, so f′\(z\) is not multiplied in again/);
  assert.match(items[2],
    /f′ of ReLU is 1 for z > 0, else 0; of tanh is 1 − tanh\(z\)² = 1 − a²\.$/);
  assert.match(items[3], /∂L\/∂b = δ\.$/);
  assert.match(items[4], /^A hidden ReLU neuron with z ≤ 0/);
  assert.match(items[4],
    /inactive on this example; one inactive on every example of a data set is called dead\.$/);
  const linear = gradientItems(frames.flat, description);
  assert.equal(linear.length, 3);
  assert.equal(linear[1], "Output error: δ_out = (ŷ − t)·f′(z); the output is linear, f′(z) = 1.");
});

test("on a data set the dashed neurons are called dead: inactive on every row", () => {
  assert.equal(inactiveLegend(frames.data, description), "dead ReLU (z ≤ 0 on every row)");
});

test("activation names inside a sentence keep their own casing", () => {
  const items = networkItems(frames.leaky, description);
  assert.match(items[0], /3 hidden neurons with leaky ReLU, .* → 1 sigmoid output ŷ/);
});
