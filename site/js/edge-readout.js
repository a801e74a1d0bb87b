// One line under the drawing about the connection being pointed at or focused: its weight, the
// gradient the next step will use, and the change that step will make — the engine's preview for
// the optimizer in force, never recomputed here. Draws only from the frame.
import { edgeName } from "./network-geometry.js";
import { fixed, precise, signed } from "./format.js";

const IDLE_TEXT = "Point at, tap or focus a connection or a weight for its gradient; click it or press Enter " +
  "for the chain rule behind it.";

/** data: {state: engine frame, key: "layer-to-from" or null}. */
export function render(container, { state, key }) {
  const parts = key ? key.split("-").map(Number) : null;
  const w = parts && state.weights[parts[0]]?.[parts[1]]?.[parts[2]];
  const idle = w === undefined || w === null;
  container.classList.toggle("is-idle", idle);
  if (idle) {
    container.textContent = IDLE_TEXT;
    return;
  }
  const [l, to, from] = parts;
  const layers = state.config.layers;
  const grad = state.backward.dW[l][to][from];
  const change = state.preview.update_W[l][to][from];
  container.replaceChildren(
    piece("strong", edgeName(layers, l, to, from)),
    piece("span", `w = ${fixed(w, 3)}`),
    piece("span", `∂L/∂w = ${precise(grad, 4)}`),
    piece("span", `next step Δw = ${signed(change, 4)}`),
  );
}

function piece(tag, text) {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}
