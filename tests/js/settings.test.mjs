import { test } from "node:test";
import assert from "node:assert/strict";
import {
  fieldDefault, fieldsOf, flattenOptimizer, optimizerConfig, settingChange, settingFields,
  switchOptimizer,
} from "../../site/js/core/optimizer-settings.js";
import {
  cardFields, checkPartial, defaultState, engineConfig, hashFromState, propsOf, startsNewRun,
  stateFromHash,
} from "../../site/js/state/state.js";
import { engineDescription } from "./engine-description.mjs";

const real = engineDescription();

// describe() as it would read with one more optimizer: a setting no optimizer had ("decay"), a
// setting it shares with others at another default (eps), and a state column of its own.
function withToy(description) {
  const d = structuredClone(description);
  d.optimizers.toy = {
    label: "Toy", rule: "Δw = −η·g / (1 + d)", plain: false,
    settings: { lr: 0.05, decay: 0.25, eps: 1e-10 },
    state: [{ key: "trace", label: "τ", formula: "τ ← τ + g", title: "A sum." }],
  };
  d.settings.decay = [{ rule: "decay", label: "Decay d", title: "d: how fast it fades." }];
  d.fields.decay = { kind: "number", min: 0, max: 1, max_exclusive: true };
  d.fields.optimizer.choices.push("toy");
  return d;
}
const toy = withToy(real);

test("the state's optimizer fields are describe()'s settings, one per number they hold", () => {
  const names = settingFields(real).map((field) => field.name);
  const taken = new Set(Object.values(real.optimizers).flatMap((o) => Object.keys(o.settings))
    .flatMap((setting) => real.settings[setting].map((part) => part.rule)));
  assert.deepEqual(names, Object.keys(real.fields).filter((name) => taken.has(name)));
  for (const [name, optimizer] of Object.entries(real.optimizers)) {
    const config = optimizerConfig({ optimizer: name, ...Object.fromEntries(fieldsOf(real, name)
      .map((field) => [field.name, fieldDefault(real, name, field.name)])) }, real);
    assert.deepEqual(config, { name, ...optimizer.settings }, name);
  }
});

test("a new optimizer's setting becomes a live key of the state, the hash and setState", () => {
  const prop = propsOf(toy).find((p) => p.name === "decay");
  assert.equal(prop.key, "decay");
  assert.equal(prop.live, true);
  assert.equal(prop.when({ optimizer: "toy" }) && !prop.when({ optimizer: "sgd" }), true);
  assert.deepEqual(cardFields(toy).find((f) => f.name === "decay").label, "Decay d");
  const { state, errors } = stateFromHash("#opt=toy&decay=0.5&lr=0.1", toy);
  assert.deepEqual(errors, []);
  assert.deepEqual(engineConfig(state, toy).optimizer,
    { name: "toy", lr: 0.1, decay: 0.5, eps: 1e-10 });
  const hash = hashFromState(state, toy);
  assert.match(hash, /(^|&)opt=toy(&|$)/);
  assert.match(hash, /(^|&)decay=0\.5(&|$)/);
  assert.doesNotMatch(hash, /eps=/); // the toy's own default ε
  assert.deepEqual(stateFromHash(`#${hash}`, toy).state, state);
});

test("setState checks a new setting with its engine rule and applies it live", () => {
  const state = defaultState(toy);
  const bad = checkPartial({ optimizer: { name: "toy", decay: 1 } }, state, toy);
  assert.equal(bad.error, "optimizer.decay: Must be less than 1.");
  const { value } = checkPartial({ optimizer: { name: "toy", decay: 0.5 } }, state, toy);
  assert.deepEqual(value, { optimizer: "toy", decay: 0.5 });
  assert.equal(startsNewRun(value, toy), false);
  assert.match(checkPartial({ optimizer: { gamma: 1 } }, state, toy).error,
    /^optimizer: unknown setting "gamma"; allowed: name, lr, momentum, .*decay/);
});

test("each optimizer starts at its own defaults, and a chosen value goes with the learner", () => {
  const state = defaultState(toy);
  const given = () => false;
  assert.equal(switchOptimizer({ ...state }, "toy", given, toy).eps, 1e-10);
  const adam = switchOptimizer({ ...state }, "adam", given, toy);
  assert.equal(adam.eps, real.optimizers.adam.settings.eps);
  assert.equal(switchOptimizer({ ...adam }, "toy", given, toy).eps, 1e-10); // Adam's default
  assert.equal(switchOptimizer({ ...adam, eps: 1e-6 }, "toy", given, toy).eps, 1e-6); // chosen
  const back = switchOptimizer({ ...state, momentum: 0.5 }, "momentum", given, toy);
  assert.equal(back.momentum, 0.5);
  assert.equal(switchOptimizer({ ...state, lr: 0.3 }, "toy", given, toy).lr, 0.3); // η stays
  assert.equal(stateFromHash("#opt=toy", toy).state.eps, 1e-10);
  assert.equal(stateFromHash("#opt=toy&eps=1e-8", toy).state.eps, 1e-8);
});

test("a list setting is two fields, set and changed one number at a time", () => {
  assert.deepEqual(flattenOptimizer({ name: "adam", betas: [0.8, 0.99] }, real).value,
    { optimizer: "adam", beta1: 0.8, beta2: 0.99 });
  assert.equal(flattenOptimizer({ betas: [0.8] }, real).error,
    "optimizer.betas: Must be two numbers.");
  const state = { ...defaultState(real), beta1: 0.8, beta2: 0.99 };
  assert.deepEqual(settingChange(state, "beta2", 0.9, real), { optimizer: { betas: [0.8, 0.9] } });
  assert.deepEqual(settingChange(state, "momentum", 0.7, real), { optimizer: { momentum: 0.7 } });
});
