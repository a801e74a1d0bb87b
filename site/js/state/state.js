// The one UI state object: every choice that defines an experiment (architecture, activations,
// bias, loss, optimizer and its settings, data, seed, inputs, targets, starting weights) plus view
// options, and the PROPS table that drives URL-hash parsing and writing, setState checks and the
// engine config. Limits, defaults and the optimizers' settings are the engine's (describe()).
import { checkValue, parseValue } from "./values.js";
import {
  fieldDefault, fieldsFromConfig, flattenOptimizer, optimizerConfig, settingFields, switchOptimizer,
} from "../core/optimizer-settings.js";
import { fitActivations } from "../core/architecture.js";

const withData = (s) => Boolean(s.dataset);
const withoutData = (s) => !s.dataset;

// name: key in the state object; key: key in the URL hash; kind: how it is parsed, checked and
// written (values.js); rule: the engine's field rule (describe().fields); live: applied to the
// next step without starting a new run; always: written to the hash even at its default; when:
// only meaningful then. Each optimizer's own settings join them after the learning rate (propsOf).
const EXAMPLE_PROPS = [
  { name: "inputs", key: "x", kind: "numbers", rule: "inputs", live: true, always: true,
    size: (s) => s.layers[0], when: withoutData },
  { name: "targets", key: "t", kind: "numbers", rule: "targets", live: true, always: true,
    size: (s) => s.layers[s.layers.length - 1], when: withoutData },
  { name: "optimizer", key: "opt", kind: "choice", rule: "optimizer", live: true },
  { name: "lr", key: "lr", kind: "number", rule: "lr", live: true, always: true },
];
const RUN_PROPS = [
  { name: "sample", key: "sample", kind: "integer", rule: "sample", live: true, when: withData },
  { name: "layers", key: "layers", kind: "layers", rule: "layers" },
  { name: "hidden_activation", key: "hidden_activation", kind: "choices",
    rule: "hidden_activation", size: (s) => s.layers.length - 2 },
  { name: "output_activation", key: "output_activation", kind: "choice",
    rule: "output_activation" },
  { name: "bias", key: "bias", kind: "bool", rule: "bias" },
  { name: "loss", key: "loss", kind: "choice", rule: "loss" },
  { name: "dataset", key: "dataset", kind: "json", rule: "dataset", nullable: true },
  { name: "batch_size", key: "batch_size", kind: "integer", rule: "batch_size", nullable: true,
    when: withData },
  { name: "seed", key: "seed", kind: "integer", rule: "seed", always: true },
  { name: "init_weights", key: "w", kind: "weights", rule: "weights", nullable: true,
    always: true, size: weightShapes },
  { name: "init_biases", key: "b", kind: "weights", rule: "biases", nullable: true,
    size: biasShapes, when: (s) => s.bias },
];
/** The keys every engine has; propsOf(description) adds the optimizers' settings. */
export const PROPS = [...EXAMPLE_PROPS, ...RUN_PROPS];

const propsCache = new WeakMap();

/** Every key of the state: PROPS and a live, hash-written field per optimizer setting. */
export function propsOf(description) {
  if (!propsCache.has(description)) {
    const own = settingFields(description).filter((f) => !PROPS.some((p) => p.name === f.name));
    const settings = own.map((field) => ({
      name: field.name, key: field.name, rule: field.name, live: true,
      kind: description.fields[field.name]?.kind === "integer" ? "integer" : "number",
      when: (s) => field.takers.includes(s.optimizer),
    }));
    propsCache.set(description, [...EXAMPLE_PROPS, ...settings, ...RUN_PROPS]);
  }
  return propsCache.get(description);
}

/** The optimizer fields with no place on the page but the optimizer's own card. */
export function cardFields(description) {
  return settingFields(description).filter((f) => !PROPS.some((p) => p.name === f.name));
}

/** The scenario a first visit shows: the engine's "spec" preset; every other optimizer setting at
 * the default of the first optimizer that takes it (switchOptimizer gives each its own). */
export function defaultState(description) {
  const config = description.presets.spec.config;
  const settings = settingFields(description)
    .map((field) => [field.name, fieldDefault(description, field.takers[0], field.name)]);
  return {
    ...Object.fromEntries(settings),
    ...fromConfig(config, description),
    sample: config.sample ?? 0,
    loss_scale: "linear",
    phase: "forward", // what the drawing shows: forward, backward or update
    step_mode: "all", // a Step click: all at once, animated phases, or one phase per click
    table_layer: null, // the tables' layer of weights: "all", an index, or null for the default
  };
}

/** The UI state's names for an engine config (the engine nests the optimizer's settings). */
export function fromConfig(config, description) {
  return {
    layers: [...config.layers], hidden_activation: config.hidden_activation,
    output_activation: config.output_activation, bias: config.bias, loss: config.loss,
    optimizer: config.optimizer.name, ...fieldsFromConfig(config.optimizer, description),
    dataset: config.dataset ?? null, batch_size: config.batch_size ?? null,
    seed: config.seed, inputs: config.inputs ? [...config.inputs] : null,
    targets: config.targets ? [...config.targets] : null,
    init_weights: config.weights ?? null, init_biases: config.biases ?? null,
  };
}

/** The engine's full config for a UI state (create / reset). */
export function engineConfig(state, description) {
  const config = {
    layers: state.layers, hidden_activation: state.hidden_activation,
    output_activation: state.output_activation, bias: state.bias, loss: state.loss,
    seed: state.seed, optimizer: optimizerConfig(state, description),
    weights: state.init_weights, biases: state.bias ? state.init_biases : null,
    dataset: state.dataset, batch_size: state.dataset ? state.batch_size : null,
  };
  if (state.dataset) config.sample = state.sample;
  else {
    // null: the engine's default example for this shape (after a change of layers).
    if (state.inputs) config.inputs = state.inputs;
    if (state.targets) config.targets = state.targets;
  }
  return config;
}

export function weightShapes(state) {
  return state.layers.slice(1).map((n, l) => [n, state.layers[l]]);
}

export function biasShapes(state) {
  return state.layers.slice(1).map((n) => [n]);
}

/**
 * What survives new layer sizes (`before` -> state.layers), in place: every value `given(name)`
 * names; per-layer activations follow the layers added or removed; the example and the starting
 * weights and biases fall back to the engine's defaults for that shape (null).
 */
export function fitToLayers(state, before, given, description) {
  for (const name of ["inputs", "targets", "init_weights", "init_biases"]) {
    if (!given(name)) state[name] = null;
  }
  if (!given("hidden_activation")) {
    state.hidden_activation = fitActivations(state.hidden_activation, before, state.layers,
      description.defaults.hidden_activation);
  }
  return state;
}

/** URL hash -> {state, errors}; a bad key keeps its default and yields one error message. */
export function stateFromHash(hash, description) {
  const state = defaultState(description);
  const params = hashParams(hash);
  const errors = [];
  // Shape-defining keys first: the sizes of inputs, targets and weights depend on layers.
  const props = propsOf(description);
  const shapeFirst = (prop) => Number(prop.name === "layers");
  const order = [...props].sort((a, b) => shapeFirst(b) - shapeFirst(a));
  for (const prop of order) {
    if (!params.has(prop.key)) continue;
    const result = parseValue(prop, params.get(prop.key), state, description);
    if (result.error) errors.push({ key: prop.key, message: `${prop.key}: ${result.error}` });
    else state[prop.name] = result.value;
  }
  const used = (name) => {
    const key = props.find((prop) => prop.name === name)?.key;
    return params.has(key) && !errors.some((e) => e.key === key);
  };
  const before = defaultState(description).layers;
  if (used("layers") && !sameList(state.layers, before)) {
    fitToLayers(state, before, used, description);
  }
  if (used("optimizer")) switchOptimizer(state, state.optimizer, used, description);
  // A seed without (usable) weights of its own means "the weights drawn from that seed".
  if (used("seed") && !used("init_weights")) state.init_weights = null;
  return { state, errors };
}

// "#x=1,0.5&lr=0.01" -> Map; unlike URLSearchParams, a "+" stays a plus sign ("1e+3").
function hashParams(hash) {
  const params = new Map();
  for (const part of String(hash || "").replace(/^#/, "").split("&")) {
    const [key, ...rest] = part.split("=");
    if (!key) continue;
    try {
      params.set(decodeURIComponent(key), decodeURIComponent(rest.join("=")));
    } catch {
      params.set(key, rest.join("="));
    }
  }
  return params;
}

/** State -> URL hash (without "#"): the always-written keys, and every other key away from its
 * default (an optimizer's setting: that optimizer's default). */
export function hashFromState(state, description) {
  const defaults = switchOptimizer(defaultState(description), state.optimizer, () => false,
    description);
  const differs = (prop) => !sameList(state[prop.name], defaults[prop.name]);
  return propsOf(description)
    .filter((prop) => (prop.when ? prop.when(state) : true))
    .filter((prop) => state[prop.name] !== null && state[prop.name] !== undefined)
    .filter((prop) => prop.always || differs(prop))
    .map((prop) => `${prop.key}=${writeValue(prop, state[prop.name])}`)
    .join("&");
}

function writeValue(prop, value) {
  if (prop.kind === "json") return encodeURIComponent(JSON.stringify(value));
  if (prop.kind === "bool") return value ? "1" : "0";
  if (Array.isArray(value)) return value.flat(2).map(String).join(",");
  return String(value);
}

// setState's public names -> the state's names. A value given here is checked by its PROPS entry.
const PUBLIC_NAMES = {
  inputs: "inputs", target: "targets", targets: "targets", lr: "lr", seed: "seed",
  weights: "init_weights", biases: "init_biases", layers: "layers",
  hidden_activation: "hidden_activation", output_activation: "output_activation", bias: "bias",
  loss: "loss", optimizer: "optimizer", dataset: "dataset", batch_size: "batch_size",
  sample: "sample",
};

/**
 * Check a partial state given to window.backpropLab.setState (public names, docs/API.md).
 * Returns {value: changes in this object's names} or {error}. `optimizer` may be a name or
 * {name, lr, …} with the settings describe() lists; a single `target` may be a number.
 */
export function checkPartial(partial, state, description) {
  if (partial === null || typeof partial !== "object" || Array.isArray(partial)) {
    return { error: "setState expects an object such as {lr: 0.05}." };
  }
  const known = Object.keys(PUBLIC_NAMES);
  const unknown = Object.keys(partial).filter((key) => !known.includes(key));
  if (unknown.length) {
    return { error: `Unknown key "${unknown[0]}"; allowed keys: ${known.join(", ")}.` };
  }
  const flat = flattenPublic(partial, description);
  if (flat.error) return flat;
  const next = { ...state, ...shapeChanges(flat.value, state) };
  const changes = {};
  for (const [name, value] of Object.entries(flat.value)) {
    const prop = propsOf(description).find((p) => p.name === name);
    const result = value === null && prop.nullable ? { value: null }
      : checkValue(prop, value, next, description);
    if (result.error) return { error: `${publicName(name, partial)}: ${result.error}` };
    changes[name] = result.value;
  }
  return { value: changes };
}

function flattenPublic(partial, description) {
  const flat = {};
  for (const [key, value] of Object.entries(partial)) {
    const nested = value !== null && typeof value === "object" && !Array.isArray(value);
    if (key === "optimizer" && nested) {
      const settings = flattenOptimizer(value, description);
      if (settings.error) return settings;
      Object.assign(flat, settings.value);
    } else {
      flat[PUBLIC_NAMES[key]] = key === "target" && typeof value === "number" ? [value] : value;
    }
  }
  return { value: flat };
}

// A new architecture changes the sizes every other value is checked against.
function shapeChanges(flat, state) {
  return { layers: "layers" in flat && Array.isArray(flat.layers) ? flat.layers : state.layers };
}

// The key the caller used ("target" or "targets"); a nested optimizer setting: "optimizer.eps".
function publicName(name, partial) {
  const used = Object.keys(partial).find((key) => PUBLIC_NAMES[key] === name);
  if (used) return used;
  const nested = "optimizer" in partial && typeof partial.optimizer === "object";
  return nested ? `optimizer.${name}` : name;
}

/** Does applying `changes` start a new run (anything but the live keys)? */
export function startsNewRun(changes, description) {
  const props = propsOf(description);
  return Object.keys(changes).some((name) => !props.find((p) => p.name === name)?.live);
}

function sameList(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
