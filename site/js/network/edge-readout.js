// One line under the drawing about the connection being pointed at or focused: its weight, the
// gradient the next step will use, and the change that step will make — the engine's preview for
// the optimizer in force, never recomputed here. Draws only from the frame.
import { biasName, edgeName, parseBiasKey } from "../core/network-geometry.js";
import { fixed, precise, signed } from "../core/format.js";

const IDLE_TEXT = "Point at, tap or focus a connection or a weight for its gradient; click it or " +
  "press Enter for the chain rule behind it.";

/** data: {frame: engine frame, key: "layer-to-from" or null}. */
export function render(container, { frame, key }) {
  const bias = parseBiasKey(key);
  const hasBias = bias && frame.config.bias && frame.biases[bias[0]]?.[bias[1]] !== undefined;
  if (hasBias) return renderBias(container, frame, bias);
  const parts = key ? key.split("-").map(Number) : null;
  const w = parts && frame.weights[parts[0]]?.[parts[1]]?.[parts[2]];
  const idle = w === undefined || w === null;
  container.classList.toggle("is-idle", idle);
  if (idle) {
    container.textContent = IDLE_TEXT;
    return;
  }
  const [l, to, from] = parts;
  const layers = frame.config.layers;
  const grad = frame.backward.dW[l][to][from];
  const change = frame.preview.update_W[l][to][from];
  container.replaceChildren(
    piece("strong", edgeName(layers, l, to, from)),
    piece("span", `w = ${fixed(w, 3)}`),
    piece("span", `∂L/∂w = ${precise(grad, 4)}`),
    piece("span", `next step Δw = ${signed(change, 4)}`),
  );
}

// A bias: its value, the gradient ∂L/∂b (= δ of its neuron) and the next change, as for a weight.
function renderBias(container, frame, [l, to]) {
  container.classList.remove("is-idle");
  container.replaceChildren(
    piece("strong", biasName(frame.config.layers, l, to)),
    piece("span", `b = ${fixed(frame.biases[l][to], 3)}`),
    piece("span", `∂L/∂b = ${precise(frame.backward.db[l][to], 4)}`),
    piece("span", `next step Δb = ${signed(frame.preview.update_b[l][to], 4)}`),
  );
}

function piece(tag, text) {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}
