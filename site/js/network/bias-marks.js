// The biases in the network drawing: a small "b" mark up and to the left of every neuron after the
// inputs, joined to it by a short stalk drawn like a connection (colour by sign, width ∝ |value|),
// showing the bias, its gradient ∂L/∂b or its next change Δb by phase. Engine numbers only.
import { biasKey, biasName, edgeWidth, signClass } from "../core/network-geometry.js";
import { fixed, precise, signed } from "../core/format.js";

const SVG = "http://www.w3.org/2000/svg";
const DOT = 7; // the mark's radius, px

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** What each phase shows on the marks: the biases, ∂L/∂b of the next update, or its change Δb. */
export function biasValues(frame, phase) {
  if (phase === "backward") return frame.backward.db;
  return phase === "update" ? frame.preview.update_b : frame.biases;
}

/** One mark per neuron of layers 1…L (positions: network-geometry.js nodePositions). */
export function buildBiasMarks(layers, pos, radius) {
  const group = el("g", { class: "bias-marks" });
  const offset = radius * 0.72 + DOT * 0.9;
  for (let l = 0; l < layers.length - 1; l += 1) {
    pos[l + 1].forEach((p, to) => {
      const mark = el("g", {
        class: "bias-mark", "data-edge": biasKey(l, to), transform: `translate(${p.x} ${p.y})`,
      });
      const line = { x1: -offset, y1: -offset, x2: -radius * 0.7, y2: -radius * 0.7 };
      mark.append(el("title"), el("line", { ...line, class: "edge-glow" }),
        el("line", { ...line, class: "edge-line" }),
        el("circle", { cx: -offset, cy: -offset, r: DOT, class: "bias-dot" }),
        el("text", { x: -offset, y: -offset, dy: "0.35em", class: "bias-label" }, "b"));
      group.append(mark);
    });
  }
  return group;
}

/** values: per layer, as biasValues gives; {scale, unit} as the connections use. */
export function updateBiasMarks(svg, layers, frame, values, { scale, unit }) {
  values.forEach((layer, l) => layer.forEach((v, to) => {
    const mark = svg.querySelector(`[data-edge="${biasKey(l, to)}"]`);
    const linked = mark.classList.contains("is-linked") ? " is-linked" : "";
    mark.setAttribute("class", `bias-mark edge--${signClass(v)}${linked}`);
    const width = Math.min(edgeWidth(v / unit, scale), 2 * DOT);
    mark.querySelector(".edge-line").setAttribute("stroke-width", width.toFixed(2));
    mark.querySelector("title").textContent =
      `${biasName(layers, l, to)}: b = ${fixed(frame.biases[l][to], 3)}` +
      `; gradient for the next step ∂L/∂b = ${precise(frame.backward.db[l][to], 4)}` +
      `; next change Δb = ${signed(frame.preview.update_b[l][to], 4)}`;
  }));
}
