// The one UI state object: the learner's choices (inputs, targets, lr, seed, starting weights, view
// options), their defaults, and the PROPS table that drives both URL-hash parsing and writing.
// Run data (step, loss, history, current weights) belongs to the engine and is never copied here.
import { checkNumber, checkNumberList, parseNumber, parseNumberList } from "./validate.js";

export const LAYERS = [2, 3, 1];

// The seed spec's own starting weights, per layer as (to, from) rows.
export const SPEC_WEIGHTS = [
  [[-0.758, -0.448], [-0.270, 0.579], [0.835, -0.857]],
  [[-0.717, -0.204, 0.505]],
];

const VALUE_RANGE = { min: -100, max: 100 };

// name: key in the state object; key: key in the URL hash; kind: how it is parsed and written.
export const PROPS = [
  { name: "inputs", key: "x", kind: "list", size: (layers) => layers[0], rule: VALUE_RANGE },
  { name: "targets", key: "t", kind: "list", size: (layers) => layers[layers.length - 1], rule: VALUE_RANGE },
  { name: "lr", key: "lr", kind: "number", rule: { minExclusive: 0, max: 100 } },
  { name: "seed", key: "seed", kind: "number", rule: { integer: true, min: 0, max: 4294967295 } },
  { name: "init_weights", key: "w", kind: "weights", size: weightCount, rule: VALUE_RANGE },
];

/** The scenario a first visit shows: the spec's inputs, target, learning rate and weights. */
export function defaultState() {
  return {
    layers: [...LAYERS],
    inputs: [1.0, 0.5],
    targets: [2.0],
    lr: 0.01,
    seed: 0,
    init_weights: SPEC_WEIGHTS.map((layer) => layer.map((row) => [...row])), // null: drawn from seed
    loss_scale: "linear",
  };
}

export function weightCount(layers) {
  return layers.slice(1).reduce((sum, n, l) => sum + n * layers[l], 0);
}

/** Weights per layer as (to, from) rows -> one flat list, layer by layer, row-major. */
export function flattenWeights(weights) {
  return weights.flat(2);
}

/** The inverse of flattenWeights for the given layer sizes. */
export function nestWeights(flat, layers) {
  let i = 0;
  return layers.slice(1).map((nTo, l) =>
    Array.from({ length: nTo }, () => flat.slice(i, (i += layers[l]))));
}

/** URL hash -> {state, errors}; a bad key keeps its default and yields one error message. */
export function stateFromHash(hash) {
  const state = defaultState();
  const params = hashParams(hash);
  const errors = [];
  for (const prop of PROPS) {
    if (!params.has(prop.key)) continue;
    const result = parseProp(prop, params.get(prop.key), state.layers);
    if (result.error) errors.push({ key: prop.key, message: `${prop.key}: ${result.error}` });
    else state[prop.name] = result.value;
  }
  // A seed without (usable) weights of its own means "the weights drawn from that seed".
  const used = (key) => params.has(key) && !errors.some((e) => e.key === key);
  if (used("seed") && !used("w")) state.init_weights = null;
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

function parseProp(prop, text, layers) {
  if (prop.kind === "number") return parseNumber(text, prop.rule);
  const result = parseNumberList(text, prop.size(layers), prop.rule);
  if (result.error || prop.kind === "list") return result;
  return { value: nestWeights(result.value, layers) };
}

/** State -> URL hash (without "#"); numbers are written in their shortest exact form. */
export function hashFromState(state) {
  return PROPS
    .filter((prop) => state[prop.name] !== null && state[prop.name] !== undefined)
    .map((prop) => `${prop.key}=${writeProp(prop, state[prop.name])}`)
    .join("&");
}

function writeProp(prop, value) {
  if (prop.kind === "number") return String(value);
  return (prop.kind === "weights" ? flattenWeights(value) : value).map(String).join(",");
}

/**
 * Check a partial state given to window.backpropLab.setState ({inputs, target, lr, seed, weights}).
 * Returns {value: changes to apply, in this object's names} or {error}.
 */
export function checkPartial(partial, layers) {
  if (partial === null || typeof partial !== "object" || Array.isArray(partial)) {
    return { error: "setState expects an object such as {lr: 0.05}." };
  }
  const known = ["inputs", "target", "targets", "lr", "seed", "weights"];
  const unknown = Object.keys(partial).filter((key) => !known.includes(key));
  if (unknown.length) return { error: `Unknown key "${unknown[0]}"; allowed keys: ${known.join(", ")}.` };
  const changes = {};
  for (const [key, value] of Object.entries(partial)) {
    const result = checkKey(key, value, layers);
    if (result.error) return { error: `${key}: ${result.error}` };
    changes[result.name] = result.value;
  }
  return { value: changes };
}

function checkKey(key, value, layers) {
  const prop = (name) => PROPS.find((p) => p.name === name);
  if (key === "target" || key === "targets") {
    const list = typeof value === "number" ? [value] : value;
    return named("targets", checkNumberList(list, prop("targets").size(layers), VALUE_RANGE));
  }
  if (key === "inputs") return named("inputs", checkNumberList(value, layers[0], VALUE_RANGE));
  if (key === "weights") return named("init_weights", checkWeights(value, layers));
  return named(key, checkNumber(value, prop(key).rule));
}

function named(name, result) {
  return result.error ? result : { name, value: result.value };
}

function checkWeights(weights, layers) {
  const shape = layers.slice(1).map((n, l) => `(${n}, ${layers[l]})`).join(", ");
  const ok = Array.isArray(weights) && weights.length === layers.length - 1 &&
    weights.every((layer, l) => Array.isArray(layer) && layer.length === layers[l + 1] &&
      layer.every((row) => Array.isArray(row) && row.length === layers[l]));
  if (!ok) return { error: `Must be nested per layer as (to, from) rows with shapes ${shape}.` };
  const flat = checkNumberList(flattenWeights(weights), weightCount(layers), VALUE_RANGE);
  return flat.error ? flat : { value: nestWeights(flat.value, layers) };
}
