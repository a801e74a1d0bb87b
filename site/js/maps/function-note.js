// The note above the function-space map: what its colours and points are, or why there is no map
// (the view needs a network with 2 inputs) or why it could not be drawn.
import { nodeName } from "../core/network-geometry.js";

/** data: {layers: the layer sizes, error: a failed surface's Error, or none}. */
export function render(note, { layers, error = null }) {
  note.textContent = error
    ? `The function-space view could not be drawn: ${error.message}`
    : noteText(layers);
}

/** The output the map shows: ŷ, or the first output's name when there are several. */
export function outputName(layers) {
  const last = layers.length - 1;
  return layers[last] > 1 ? nodeName(layers, last, 0) : "ŷ";
}

function noteText(layers) {
  if (layers[0] !== 2) {
    return `The function-space view needs a network with 2 inputs; this one has ${layers[0]}.`;
  }
  const output = layers[layers.length - 1] > 1 ? ` ${outputName(layers)}` : "";
  return `The color is the network’s output${output} for every point (x₁, x₂) of the input ` +
    "plane; the points are the training rows. Click a point to show that sample in the drawing. " +
    "Each hidden neuron in the drawing holds its own activation over the same plane.";
}
