// The per-layer gradient-size view: one bar per weight layer, as long as that layer's mean |∂L/∂w|
// (the gradient the next update uses), so which layer's gradients are larger is seen, not assumed.
// Draws only from the frame's dW; a mean of magnitudes is a summary for the eye, not maths.
import { precise } from "../core/format.js";

/** data: {dW: per weight layer (to, from) rows, layers: layer sizes}. */
export function render(container, { dW, layers }) {
  const means = dW.map((layer) => {
    const values = layer.flat();
    return values.reduce((sum, g) => sum + Math.abs(g ?? 0), 0) / values.length;
  });
  const largest = Math.max(...means);
  const rows = means.map((mean, l) => {
    const row = document.createElement("div");
    row.className = "grad-size";
    row.dataset.layer = String(l);
    const label = span("label", layerSpan(layers, l));
    const track = document.createElement("div");
    const bar = span("bar", "");
    bar.style.width = `${largest > 0 ? (100 * mean) / largest : 0}%`;
    track.append(bar);
    row.append(label, track, span("value", precise(mean, 3)));
    row.setAttribute("aria-label", `${layerSpan(layers, l)}: mean |∂L/∂w| ${precise(mean, 4)}`);
    return row;
  });
  const title = document.createElement("p");
  title.textContent = "Mean |∂L/∂w| per layer of weights (the next update's gradient)";
  container.replaceChildren(title, ...rows);
}

function layerSpan(layers, l) {
  const hidden = (k) => (layers.length === 3 ? "Hid" : `H${k}`);
  const name = (k) => (k === 0 ? "In" : k === layers.length - 1 ? "Out" : hidden(k));
  return `${name(l)} → ${name(l + 1)}`;
}

function span(className, text) {
  const node = document.createElement("span");
  node.className = className;
  node.textContent = text;
  return node;
}
