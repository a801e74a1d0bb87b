import { test } from "node:test";
import assert from "node:assert/strict";
import {
  checkPartial, defaultState, engineConfig, hashFromState, startsNewRun, stateFromHash,
} from "../../site/js/state/state.js";
import { engineDescription } from "./engine-description.mjs";

const description = engineDescription();
const SPEC_WEIGHTS = [
  [[-0.758, -0.448], [-0.27, 0.579], [0.835, -0.857]],
  [[-0.717, -0.204, 0.505]],
];
const SPEC_HASH = "x=1,0.5&t=2&lr=0.01"
  + "&w=-0.758,-0.448,-0.27,0.579,0.835,-0.857,-0.717,-0.204,0.505";

test("the default state is the engine's spec preset", () => {
  const state = defaultState(description);
  assert.deepEqual(state.inputs, [1, 0.5]);
  assert.deepEqual(state.targets, [2]);
  assert.equal(state.lr, 0.01);
  assert.equal(state.optimizer, "sgd");
  assert.deepEqual(state.layers, [2, 3, 1]);
  assert.deepEqual(state.init_weights, SPEC_WEIGHTS);
});

test("an old link's x, t, lr, seed and w keys still set the scenario", () => {
  const hash = "#x=2,-1&t=0.5&lr=0.2&seed=7&w=1,2,3,4,5,6,7,8,9";
  const { state, errors } = stateFromHash(hash, description);
  assert.deepEqual(errors, []);
  assert.deepEqual(state.inputs, [2, -1]);
  assert.deepEqual(state.targets, [0.5]);
  assert.equal(state.lr, 0.2);
  assert.equal(state.seed, 7);
  assert.deepEqual(state.init_weights, [[[1, 2], [3, 4], [5, 6]], [[7, 8, 9]]]);
});

test("a seed without weights means the weights drawn from that seed", () => {
  assert.equal(stateFromHash("#seed=42", description).state.init_weights, null);
});

test("a bad key keeps its default, is named in an error, and the other keys still apply", () => {
  const { state, errors } = stateFromHash("#x=1,abc&lr=0.5&t=1e309", description);
  assert.deepEqual(errors.map((e) => e.key), ["x", "t"]);
  assert.match(errors[0].message, /^x: Entry 2: “abc” is not a number\.$/);
  assert.match(errors[1].message, /finite/);
  assert.deepEqual(state.inputs, [1, 0.5]);
  assert.equal(state.lr, 0.5);
});

test("the learning rate's limits are the engine's", () => {
  const rule = description.fields.lr;
  const over = stateFromHash(`#lr=${rule.max * 2}`, description).errors[0].message;
  assert.equal(over, `lr: Must be between ${rule.min} and ${rule.max}.`);
  assert.equal(stateFromHash("#lr=0", description).errors[0].message,
    "lr: Must be greater than 0.");
});

test("the spec scenario's hash is written with the old keys only", () => {
  assert.equal(hashFromState(defaultState(description), description),
    SPEC_HASH.replace("&w=", "&seed=0&w="));
});

test("keys away from their defaults are written and read back to the same state", () => {
  const state = {
    ...defaultState(description), layers: [2, 4, 1], hidden_activation: "tanh", bias: true,
    optimizer: "adam",
    lr: 0.003, beta1: 0.8, init_weights: null, seed: 5,
  };
  const hash = hashFromState(state, description);
  assert.match(hash, /layers=2,4,1/);
  assert.match(hash, /opt=adam/);
  assert.match(hash, /beta1=0\.8/);
  assert.doesNotMatch(hash, /momentum=/);
  const back = stateFromHash(`#${hash}`, description);
  assert.deepEqual(back.errors, []);
  const keys = ["layers", "hidden_activation", "bias", "optimizer", "lr", "beta1", "beta2", "seed"];
  for (const key of keys) {
    assert.deepEqual(back.state[key], state[key], key);
  }
});

test("a link with other layers drops the defaults that no longer fit", () => {
  const { state, errors } = stateFromHash("#layers=3,2,2", description);
  assert.deepEqual(errors, []);
  assert.equal(state.inputs, null);
  assert.equal(state.init_weights, null);
  const config = engineConfig(state, description);
  assert.ok(!("inputs" in config) && !("targets" in config));
});

test("a data set in the link is read as JSON and its name is checked", () => {
  const good = stateFromHash(`#dataset=${encodeURIComponent('{"name":"xor"}')}`, description);
  assert.deepEqual(good.state.dataset, { name: "xor" });
  const bad = stateFromHash("#dataset={oops", description);
  assert.match(bad.errors[0].message, /^dataset: Must be a JSON object/);
  const unknown = stateFromHash(`#dataset=${encodeURIComponent('{"name":"moons"}')}`, description);
  assert.match(unknown.errors[0].message, /^dataset: name: Must be one of/);
});

test("setState checks each value with a message naming its key", () => {
  const state = defaultState(description);
  assert.equal(checkPartial({ lr: -1 }, state, description).error, "lr: Must be greater than 0.");
  assert.equal(checkPartial({ lr: "0.1" }, state, description).error, "lr: Must be a number.");
  assert.match(checkPartial({ weights: [[[1, 2]]] }, state, description).error,
    /^weights: Must be nested per layer/);
  assert.match(checkPartial({ colour: "red" }, state, description).error, /^Unknown key "colour"/);
  assert.match(checkPartial({ optimizer: { name: "adam", gamma: 1 } }, state, description).error,
    /gamma/);
  assert.match(checkPartial({ hidden_activation: "swish" }, state, description).error,
    /^hidden_activation: Must be one of/);
});

test("setState takes an optimizer as an object, and a single target as a number", () => {
  const state = defaultState(description);
  const partial = { optimizer: { name: "adam", lr: 0.002, betas: [0.8, 0.99] }, target: 3 };
  const { value } = checkPartial(partial, state, description);
  assert.deepEqual(value, { optimizer: "adam", lr: 0.002, beta1: 0.8, beta2: 0.99, targets: [3] });
  assert.equal(startsNewRun(value, description), false);
  assert.deepEqual(engineConfig({ ...state, ...value }, description).optimizer,
    { name: "adam", lr: 0.002, betas: [0.8, 0.99], eps: state.eps });
});

test("weights are checked against the new layers when both change together", () => {
  const state = defaultState(description);
  const weights = [[[1, 2]], [[3]]];
  const { value, error } = checkPartial({ layers: [2, 1, 1], weights }, state, description);
  assert.equal(error, undefined);
  assert.deepEqual(value.init_weights, weights);
  assert.equal(startsNewRun(value, description), true);
});

test("full-precision weights survive a trip through the hash", () => {
  const state = defaultState(description);
  state.init_weights = [
    [[0.1 + 0.2, -1 / 3], [Math.PI / 10, 1e-7], [-0, 5e-324]],
    [[2 / 3, -7.25, 1]],
  ];
  const back = stateFromHash(`#${hashFromState(state, description)}`, description);
  assert.deepEqual(back.errors, []);
  assert.equal(JSON.stringify(back.state), JSON.stringify(state));
});

test("a plus sign in the hash is kept and each bad key gets its own message", () => {
  const parsed = stateFromHash("#lr=1e+1&x=1&t=nan&seed=-3&w=1,2", description);
  assert.equal(parsed.state.lr, 10);
  assert.deepEqual(parsed.errors.map((e) => e.key), ["x", "t", "seed", "w"]);
  assert.deepEqual(parsed.state.inputs, [1, 0.5]);
  assert.deepEqual(parsed.state.targets, [2]);
});
