// Parsing (URL text -> value) and checking (JS value -> value) for each kind of value in state.js's
// PROPS table, against the engine's own field rules (describe().fields). Pure: no DOM, no state.
import {
  checkNumber, checkNumberList, numberRule, parseNumber, parseNumberList,
} from "../core/validate.js";

/** URL text -> {value} | {error}, for one PROPS entry; `state` gives the sizes (layers). */
export function parseValue(prop, text, state, description) {
  const field = description.fields[prop.rule];
  switch (prop.kind) {
    case "number":
    case "integer":
      return parseNumber(text, numberRule(field));
    case "numbers":
      return parseNumberList(text, prop.size(state), numberRule(field));
    case "weights": {
      const shapes = prop.size(state);
      const flat = parseNumberList(text, countOf(shapes), numberRule(field));
      return flat.error ? flat : { value: nest(flat.value, shapes) };
    }
    case "layers":
      return checkLayers(
        String(text).split(",").map((part) => parseNumber(part, { integer: true })), field);
    case "choices":
      return checkValue(prop,
        String(text).includes(",") ? String(text).split(",") : String(text), state, description);
    case "bool":
      return parseBool(text);
    case "json":
      return parseJson(prop, text, state, description);
    default:
      return checkValue(prop, String(text), state, description);
  }
}

/** A JS value (setState) -> {value} | {error}, for one PROPS entry. */
export function checkValue(prop, value, state, description) {
  const field = description.fields[prop.rule];
  switch (prop.kind) {
    case "number":
    case "integer":
      return checkNumber(value, numberRule(field));
    case "numbers":
      return checkNumberList(value, prop.size(state), numberRule(field));
    case "weights":
      return checkNested(value, prop.size(state), numberRule(field));
    case "layers":
      return Array.isArray(value)
        ? checkLayers(value.map((v) => checkNumber(v, { integer: true })), field)
        : { error: "Must be a list of layer sizes such as [2, 3, 1]." };
    case "choice":
      return checkChoice(value, field.choices);
    case "choices":
      return checkChoices(value, prop.size(state), field.choices);
    case "bool":
      return typeof value === "boolean" ? { value } : { error: "Must be true or false." };
    case "json":
      return checkDataset(value, description);
    default:
      return { error: "Unknown kind of value." };
  }
}

function checkLayers(results, field) {
  const bad = results.findIndex((r) => r.error);
  if (bad >= 0) return { error: `Layer ${bad + 1}: ${results[bad].error}` };
  const sizes = results.map((r) => r.value);
  if (sizes.length < field.min_layers || sizes.length > field.max_layers) {
    return {
      error: `Must list ${field.min_layers} to ${field.max_layers} layer sizes, ` +
        `got ${sizes.length}.`,
    };
  }
  const wrong = sizes.findIndex((n) => n < field.min_size || n > field.max_size);
  if (wrong >= 0) {
    return {
      error: `Layer ${wrong + 1}: Must be between ${field.min_size} and ${field.max_size}.`,
    };
  }
  return { value: sizes };
}

function checkChoice(value, choices) {
  return choices.includes(value) ? { value } : { error: `Must be one of ${choices.join(", ")}.` };
}

// One name for every hidden layer, or a list with exactly one name per hidden layer.
function checkChoices(value, count, choices) {
  if (typeof value === "string") return checkChoice(value, choices);
  if (!Array.isArray(value) || value.length !== count) {
    return { error: `Must be one name, or a list of ${count} (one per hidden layer).` };
  }
  const bad = value.find((v) => !choices.includes(v));
  return bad === undefined
    ? { value: [...value] }
    : { error: `Must be one of ${choices.join(", ")}.` };
}

function parseBool(text) {
  const word = String(text).trim().toLowerCase();
  if (["1", "true", "on", "yes"].includes(word)) return { value: true };
  if (["0", "false", "off", "no"].includes(word)) return { value: false };
  return { error: "Must be true or false (1 or 0)." };
}

function parseJson(prop, text, state, description) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: "Must be a JSON object such as {\"name\":\"xor\"}." };
  }
  return value === null ? { value: null } : checkValue(prop, value, state, description);
}

// The data set's name is checked here; its settings by the engine, which owns their meaning.
function checkDataset(value, description) {
  if (value === null) return { value: null };
  if (typeof value !== "object" || Array.isArray(value)) {
    return { error: "Must be an object such as {name: \"xor\"}." };
  }
  const names = Object.keys(description.datasets);
  if (!names.includes(value.name)) return { error: `name: Must be one of ${names.join(", ")}.` };
  return { value: JSON.parse(JSON.stringify(value)) };
}

function countOf(shapes) {
  return shapes.reduce((sum, shape) => sum + shape.reduce((a, b) => a * b, 1), 0);
}

/** A flat list -> per-shape nested lists (row-major). */
export function nest(flat, shapes) {
  let i = 0;
  return shapes.map(([rows, cols]) => (cols === undefined
    ? flat.slice(i, (i += rows))
    : Array.from({ length: rows }, () => flat.slice(i, (i += cols)))));
}

function checkNested(value, shapes, rule) {
  const text = shapes.map((s) => `(${s.join(", ")})`).join(", ");
  const fits = (v, shape) => (shape.length === 1
    ? Array.isArray(v) && v.length === shape[0]
    : Array.isArray(v) && v.length === shape[0] && v.every((row) => fits(row, shape.slice(1))));
  const ok = Array.isArray(value) && value.length === shapes.length &&
    value.every((v, l) => fits(v, shapes[l]));
  if (!ok) return { error: `Must be nested per layer as (to, from) rows with shapes ${text}.` };
  const flat = checkNumberList(value.flat(2), countOf(shapes), rule);
  return flat.error ? flat : { value: nest(flat.value, shapes) };
}
