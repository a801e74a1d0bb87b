// The one UI state object: every choice that defines an experiment (architecture, activations, bias,
// loss, optimizer and its settings, data, seed, inputs, targets, starting weights) plus view options,
// and the PROPS table that drives URL-hash parsing and writing, setState checks and the engine config.
// Limits and defaults are the engine's own (describe()); nothing here repeats a number of the maths.
import { checkValue, parseValue } from "./values.js";

// name: key in the state object; key: key in the URL hash; kind: how it is parsed, checked and written
// (state-values.js); rule: the engine's field rule (describe().fields); live: applied to the next step
// without starting a new run; always: written to the hash even at its default; when: only meaningful then.
export const PROPS = [
  { name: "inputs", key: "x", kind: "numbers", rule: "inputs", live: true, always: true, size: (s) => s.layers[0], when: (s) => !s.dataset },
  { name: "targets", key: "t", kind: "numbers", rule: "targets", live: true, always: true, size: (s) => s.layers[s.layers.length - 1], when: (s) => !s.dataset },
  { name: "optimizer", key: "opt", kind: "choice", rule: "optimizer", live: true },
  { name: "lr", key: "lr", kind: "number", rule: "lr", live: true, always: true },
  { name: "momentum", key: "momentum", kind: "number", rule: "momentum", live: true, when: (s) => s.optimizer === "momentum" },
  { name: "alpha", key: "alpha", kind: "number", rule: "alpha", live: true, when: (s) => s.optimizer === "rmsprop" },
  { name: "beta1", key: "beta1", kind: "number", rule: "beta1", live: true, when: (s) => s.optimizer === "adam" },
  { name: "beta2", key: "beta2", kind: "number", rule: "beta2", live: true, when: (s) => s.optimizer === "adam" },
  { name: "eps", key: "eps", kind: "number", rule: "eps", live: true, when: (s) => ["rmsprop", "adam"].includes(s.optimizer) },
  { name: "sample", key: "sample", kind: "integer", rule: "sample", live: true, when: (s) => Boolean(s.dataset) },
  { name: "layers", key: "layers", kind: "layers", rule: "layers" },
  { name: "hidden_activation", key: "hidden_activation", kind: "choices", rule: "hidden_activation", size: (s) => s.layers.length - 2 },
  { name: "output_activation", key: "output_activation", kind: "choice", rule: "output_activation" },
  { name: "bias", key: "bias", kind: "bool", rule: "bias" },
  { name: "loss", key: "loss", kind: "choice", rule: "loss" },
  { name: "dataset", key: "dataset", kind: "json", rule: "dataset", nullable: true },
  { name: "batch_size", key: "batch_size", kind: "integer", rule: "batch_size", nullable: true, when: (s) => Boolean(s.dataset) },
  { name: "seed", key: "seed", kind: "integer", rule: "seed", always: true },
  { name: "init_weights", key: "w", kind: "weights", rule: "weights", nullable: true, always: true, size: weightShapes },
  { name: "init_biases", key: "b", kind: "weights", rule: "biases", nullable: true, size: biasShapes, when: (s) => s.bias },
];

const OPTIMIZER_SETTINGS = { sgd: [], momentum: ["momentum"], rmsprop: ["alpha", "eps"], adam: ["betas", "eps"] };

/** The scenario a first visit shows: the engine's "spec" preset, with every optimizer's defaults. */
export function defaultState(description) {
  const config = description.presets.spec.config;
  const settings = Object.assign({}, ...Object.values(description.optimizers).map((o) => o.settings));
  return {
    ...fromConfig(config),
    momentum: settings.momentum, alpha: settings.alpha, eps: settings.eps,
    beta1: settings.betas[0], beta2: settings.betas[1],
    sample: config.sample ?? 0,
    loss_scale: "linear",
    phase: "forward", // what the drawing shows: forward, backward or update
    step_mode: "all", // a Step click: all at once, animated phases, or one phase per click
    table_layer: null, // the tables' layer of weights: "all", an index, or null for table-layers.js's default
  };
}

/** The UI state's names for an engine config (the engine speaks in nested optimizer settings). */
export function fromConfig(config) {
  const opt = config.optimizer;
  const betas = opt.betas ? { beta1: opt.betas[0], beta2: opt.betas[1] } : {};
  const settings = Object.fromEntries(["momentum", "alpha", "eps"].filter((k) => k in opt).map((k) => [k, opt[k]]));
  return {
    layers: [...config.layers], hidden_activation: config.hidden_activation,
    output_activation: config.output_activation, bias: config.bias, loss: config.loss,
    optimizer: opt.name, lr: opt.lr, ...settings, ...betas,
    dataset: config.dataset ?? null, batch_size: config.batch_size ?? null,
    seed: config.seed, inputs: config.inputs ? [...config.inputs] : null,
    targets: config.targets ? [...config.targets] : null,
    init_weights: config.weights ?? null, init_biases: config.biases ?? null,
  };
}

/** The engine's optimizer config for a UI state: its name and exactly the settings it takes. */
export function optimizerConfig(state) {
  const config = { name: state.optimizer, lr: state.lr };
  for (const key of OPTIMIZER_SETTINGS[state.optimizer] ?? []) {
    config[key] = key === "betas" ? [state.beta1, state.beta2] : state[key];
  }
  return config;
}

/** The engine's full config for a UI state (create / reset). */
export function engineConfig(state) {
  const config = {
    layers: state.layers, hidden_activation: state.hidden_activation,
    output_activation: state.output_activation, bias: state.bias, loss: state.loss,
    seed: state.seed, optimizer: optimizerConfig(state),
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

/** URL hash -> {state, errors}; a bad key keeps its default and yields one error message. */
export function stateFromHash(hash, description) {
  const state = defaultState(description);
  const params = hashParams(hash);
  const errors = [];
  // Shape-defining keys first: the sizes of inputs, targets and weights depend on layers.
  const order = [...PROPS].sort((a, b) => Number(b.name === "layers") - Number(a.name === "layers"));
  for (const prop of order) {
    if (!params.has(prop.key)) continue;
    const result = parseValue(prop, params.get(prop.key), state, description);
    if (result.error) errors.push({ key: prop.key, message: `${prop.key}: ${result.error}` });
    else state[prop.name] = result.value;
  }
  const used = (key) => params.has(key) && !errors.some((e) => e.key === key);
  const reshaped = used("layers") && !sameList(state.layers, defaultState(description).layers);
  if (reshaped) fitToLayers(state, used);
  // A seed without (usable) weights of its own means "the weights drawn from that seed".
  if (used("seed") && !used("w")) state.init_weights = null;
  return { state, errors };
}

// Another architecture: what the link does not give is the engine's default for that shape.
function fitToLayers(state, used) {
  if (!used("x")) state.inputs = null;
  if (!used("t")) state.targets = null;
  if (!used("w")) state.init_weights = null;
  if (!used("b")) state.init_biases = null;
  if (!used("hidden_activation") && Array.isArray(state.hidden_activation)) state.hidden_activation = "relu";
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

/** State -> URL hash (without "#"): the always-written keys, and every other key not at its default. */
export function hashFromState(state, description) {
  const defaults = defaultState(description);
  return PROPS
    .filter((prop) => (prop.when ? prop.when(state) : true))
    .filter((prop) => state[prop.name] !== null && state[prop.name] !== undefined)
    .filter((prop) => prop.always || JSON.stringify(state[prop.name]) !== JSON.stringify(defaults[prop.name]))
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
  inputs: "inputs", target: "targets", targets: "targets", lr: "lr", seed: "seed", weights: "init_weights",
  biases: "init_biases", layers: "layers", hidden_activation: "hidden_activation",
  output_activation: "output_activation", bias: "bias", loss: "loss", optimizer: "optimizer",
  dataset: "dataset", batch_size: "batch_size", sample: "sample",
};

/**
 * Check a partial state given to window.backpropLab.setState (public names, README). Returns
 * {value: changes in this object's names} or {error}. `optimizer` may be a name or
 * {name, lr, momentum, alpha, betas, eps}; a single `target` may be a number.
 */
export function checkPartial(partial, state, description) {
  if (partial === null || typeof partial !== "object" || Array.isArray(partial)) {
    return { error: "setState expects an object such as {lr: 0.05}." };
  }
  const known = Object.keys(PUBLIC_NAMES);
  const unknown = Object.keys(partial).filter((key) => !known.includes(key));
  if (unknown.length) return { error: `Unknown key "${unknown[0]}"; allowed keys: ${known.join(", ")}.` };
  const flat = flattenPublic(partial);
  if (flat.error) return flat;
  const next = { ...state, ...shapeChanges(flat.value, state) };
  const changes = {};
  for (const [name, value] of Object.entries(flat.value)) {
    const prop = PROPS.find((p) => p.name === name);
    const result = value === null && prop.nullable ? { value: null } : checkValue(prop, value, next, description);
    if (result.error) return { error: `${publicName(name, partial)}: ${result.error}` };
    changes[name] = result.value;
  }
  return { value: changes };
}

function flattenPublic(partial) {
  const flat = {};
  for (const [key, value] of Object.entries(partial)) {
    if (key === "optimizer" && value !== null && typeof value === "object" && !Array.isArray(value)) {
      const settings = flattenOptimizer(value);
      if (settings.error) return settings;
      Object.assign(flat, settings.value);
    } else {
      flat[PUBLIC_NAMES[key]] = key === "target" && typeof value === "number" ? [value] : value;
    }
  }
  return { value: flat };
}

function flattenOptimizer(value) {
  const allowed = ["name", "lr", "momentum", "alpha", "betas", "eps"];
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length) return { error: `optimizer: unknown setting "${unknown[0]}"; allowed: ${allowed.join(", ")}.` };
  const flat = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "name") flat.optimizer = v;
    else if (key !== "betas") flat[key] = v;
    else if (!Array.isArray(v) || v.length !== 2) return { error: "optimizer.betas: Must be two numbers." };
    else [flat.beta1, flat.beta2] = v;
  }
  return { value: flat };
}

// A new architecture changes the sizes every other value is checked against.
function shapeChanges(flat, state) {
  return "layers" in flat && Array.isArray(flat.layers) ? { layers: flat.layers } : { layers: state.layers };
}

// The key the caller used ("target" or "targets"); optimizer settings read "optimizer.lr" when nested.
function publicName(name, partial) {
  const used = Object.keys(partial).find((key) => PUBLIC_NAMES[key] === name);
  if (used) return used;
  return "optimizer" in partial && typeof partial.optimizer === "object" ? `optimizer.${name}` : name;
}

/** Does applying `changes` start a new run (anything but the live keys)? */
export function startsNewRun(changes) {
  return Object.keys(changes).some((name) => !PROPS.find((p) => p.name === name)?.live);
}

function sameList(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
