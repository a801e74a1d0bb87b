// Pure helpers of the architecture editor: the editor's size limits (the page's teaching range,
// never wider than the engine's describe().fields.layers), the +/− actions on a list of layer
// sizes, and per-layer activations that follow a change of depth. No DOM, no state.
import { layerName } from "./network-geometry.js";

// The editor keeps networks small enough to draw and read; the engine allows larger ones.
const EDITOR_LIMITS = { inputs: [1, 4], hidden_layers: [0, 6], neurons: [1, 8], outputs: [1, 2] };

/**
 * The editor's limits, narrowed to the engine's layers rule ({min_layers, max_layers, min_size,
 * max_size}).
 */
export function editorLimits(rule) {
  const size = ([low, high]) => [Math.max(low, rule.min_size), Math.min(high, rule.max_size)];
  const [lowHidden, highHidden] = EDITOR_LIMITS.hidden_layers;
  return {
    inputs: size(EDITOR_LIMITS.inputs),
    outputs: size(EDITOR_LIMITS.outputs),
    neurons: size(EDITOR_LIMITS.neurons),
    hidden_layers: [
      Math.max(lowHidden, rule.min_layers - 2), Math.min(highHidden, rule.max_layers - 2),
    ],
  };
}

/** The limits [low, high] of layer `l`'s size in a network of `layers`. */
function sizeLimits(layers, l, limits) {
  if (l === 0) return limits.inputs;
  return l === layers.length - 1 ? limits.outputs : limits.neurons;
}

/**
 * The layer sizes after one action, or null when the limits forbid it. Actions: {kind:
 * "add-hidden"} (a new last hidden layer as wide as the one before it), {kind: "remove-hidden"}
 * (the last hidden layer), {kind: "add-neuron" | "remove-neuron", layer}.
 */
export function changeLayers(layers, action, limits) {
  const hidden = layers.length - 2;
  if (action.kind === "add-hidden") {
    if (hidden >= limits.hidden_layers[1]) return null;
    const width = hidden > 0 ? layers[layers.length - 2] : Math.min(3, limits.neurons[1]);
    return [...layers.slice(0, -1), width, layers[layers.length - 1]];
  }
  if (action.kind === "remove-hidden") {
    return hidden > limits.hidden_layers[0]
      ? [...layers.slice(0, -2), layers[layers.length - 1]]
      : null;
  }
  const [low, high] = sizeLimits(layers, action.layer, limits);
  const size = layers[action.layer] + (action.kind === "add-neuron" ? 1 : -1);
  if (size < low || size > high) return null;
  return layers.map((n, l) => (l === action.layer ? size : n));
}

/** Is `action` possible on `layers`? (a disabled button otherwise) */
export function canChange(layers, action, limits) {
  return changeLayers(layers, action, limits) !== null;
}

/** One activation name per hidden layer, from a name or a list (the engine's hidden_activation). */
export function hiddenActivations(value, hidden) {
  return Array.isArray(value) ? [...value] : Array(hidden).fill(value);
}

/**
 * The hidden_activation for `next` layer sizes after a change of depth: a layer added gets the
 * activation of the layer before it; a removed layer's goes. One name for all when they agree.
 */
export function fitActivations(value, layers, next, fallback) {
  const names = hiddenActivations(value, layers.length - 2);
  const count = next.length - 2;
  // a network without hidden layers keeps its name
  const first = typeof value === "string" ? value : fallback;
  while (names.length < count) names.push(names[names.length - 1] ?? first);
  return sameNames(names.slice(0, count), fallback);
}

/** A list of per-layer names, as one name when they all agree (the engine's short form). */
export function sameNames(names, fallback) {
  if (names.length === 0) return fallback;
  return names.every((name) => name === names[0]) ? names[0] : names;
}

/**
 * The accessible names of a layer's +/− buttons: "Add neuron to H2", "Remove input", "Add output".
 */
export function neuronButtonNames(layers, l) {
  const unit = layerName(layers, l, "unit");
  const hidden = l > 0 && l < layers.length - 1;
  if (!hidden) return { add: `Add ${unit}`, remove: `Remove ${unit}` };
  const name = layerName(layers, l);
  return { add: `Add ${unit} to ${name}`, remove: `Remove ${unit} from ${name}` };
}

/** The engine's description of each weight layer's activation ({name, label, derivative, can_die}),
 * from the frame's one name per layer. */
export function activationsOf(frame, activations) {
  return frame.activations.map((name) => ({ name, ...activations[name] }));
}
