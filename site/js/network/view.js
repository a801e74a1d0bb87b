// The network drawing (SVG): columns of nodes with their activations, edges whose width ∝ |w| and
// colour shows the sign, inactive ReLU neurons marked. Draws only from an engine frame and the
// engine's description of its activations; geometry comes from network-geometry.js. Builds its
// elements once per shape, keeps a reference to each one it writes, then only updates them.
import {
  LINE_WIDTHS, edgeKey, edgeName, edgeWidth, layerTitle, networkSize, nodeName,
  mapRing, nodePositions, roomAt, signClass, weightScale,
} from "../core/network-geometry.js";
import { attachCallouts } from "./node-callouts.js";
import { fitNumber } from "./number-fit.js";
import { activationsOf } from "../core/architecture.js";
import { biasValues, buildBiasMarks, updateBiasMarks } from "./bias-marks.js";
import { fixed, precise, signed } from "../core/format.js";
import { setAttr, setText } from "../core/keyed-cells.js";

const SVG = "http://www.w3.org/2000/svg";
const parts = new WeakMap(); // svg -> {edges, nodes}: the elements each step writes, found once

// What each phase draws on the connections: the weight, the gradient the next update uses, or the
// change it will make (the engine's preview for the optimizer in force).
const EDGE_VALUES = {
  forward: (frame) => frame.weights,
  backward: (frame) => frame.backward.dW,
  update: (frame) => frame.preview.update_W,
};

/**
 * data: {frame: the engine's frame, width: px available, activations: describe().activations,
 * phase: "forward" (activations, edges ∝ |w|) | "backward" (δ = ∂L/∂z on the nodes, edges
 * ∝ |∂L/∂w|, flowing from the output back to the inputs) | "update" (edges ∝ |Δw| of the next
 * update), projector: thicker lines for a classroom screen};
 * decorate(svg, {layers, size}): called after every drawing, to add pictures to it (node-maps.js).
 * A connection's tooltip is written when it is pointed at or focused, and kept current while it is:
 * hundreds of texts per step that nobody reads cost more than the rest of the drawing.
 */
export function render(container, {
  frame, width, activations, phase = "forward", projector = false, decorate,
}) {
  const layers = frame.config.layers;
  const size = networkSize(width, layers);
  const kinds = activationsOf(frame, activations);
  const bias = Boolean(frame.config.bias);
  const labels = kinds.map((k) => k.label).join(",");
  const shape = `${layers.join("-")}@${size.width}:${labels}${bias ? "+b" : ""}`;
  let svg = container.querySelector("svg.network");
  if (!svg || svg.dataset.shape !== shape) {
    svg = buildSvg(layers, size, kinds, bias);
    svg.dataset.shape = shape;
    container.replaceChildren(svg);
  }
  svg.dataset.phase = phase;
  const values = EDGE_VALUES[phase](frame);
  const biases = bias ? biasValues(frame, phase) : null;
  const drawn = parts.get(svg);
  drawn.frame = frame;
  const lines = projector ? LINE_WIDTHS.projector : LINE_WIDTHS.screen;
  updateEdges(drawn.edges, values, phase !== "forward", biases, lines);
  if (drawn.pointed) writeTitle(drawn, drawn.pointed);
  const scale = edgeScale(values, biases, phase !== "forward");
  if (bias) updateBiasMarks(svg, layers, frame, biases, scale);
  updateNodes(drawn.nodes, layers, frame, kinds, phase);
  updateOutput(svg, frame);
  drawn.callouts?.refresh();
  decorate?.(svg, { layers, size });
}

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function buildSvg(layers, size, kinds, bias) {
  const svg = el("svg", {
    class: ["network", size.dense && "is-dense", size.compact && "is-compact",
      !size.zLabels && "no-z"].filter(Boolean).join(" "),
    viewBox: `0 0 ${size.width} ${size.height}`,
    role: "group", "aria-label": `Network diagram, ${layers.join(" → ")} neurons`,
  });
  svg.style.setProperty("--node-r", `${size.radius}px`);
  const pos = nodePositions(layers, size);
  const edges = buildEdges(layers, pos);
  // Two-line titles where "Hidden · ReLU" (about 110 px at 14 px) would reach the next column's.
  const narrow = size.spacing < 130 || size.dense;
  const tight = size.spacing < 56;
  svg.append(buildTitles(layers, pos, kinds, { narrow, dense: size.dense, tight }), edges.group);
  if (bias) svg.append(buildBiasMarks(layers, pos, size.radius));
  const nodes = buildNodes(layers, pos, size.radius);
  svg.append(nodes.group, buildOutputInfo(pos, size));
  const drawn = { edges: edges.parts, nodes: nodes.parts, frame: null, pointed: null,
    callouts: size.compact || !size.zLabels ? attachCallouts(svg, size.radius, pos) : null };
  parts.set(svg, drawn);
  const point = (event) => {
    const edge = event.target.closest?.(".edge");
    drawn.pointed = edge ? edge.dataset.edge.split("-").map(Number) : null;
    if (drawn.pointed && drawn.frame) writeTitle(drawn, drawn.pointed);
  };
  svg.addEventListener("pointerover", point);
  svg.addEventListener("focusin", point);
  return svg;
}

// Narrow drawings put the activation under the layer's name, so neighbouring titles never overlap;
// where even that does not fit (tight: columns closer than a word), each column gets its short
// name and one line above them says the activations.
function buildTitles(layers, pos, kinds, { narrow, dense, tight }) {
  const group = el("g", { class: "layer-titles", "aria-hidden": "true" });
  if (tight) {
    group.append(el("text", { x: 2, y: 13, class: "layer-title layer-caption" },
      activationWords(layers, kinds)));
  }
  layers.forEach((_, l) => {
    const [long, activation] = layerTitle(layers, l, kinds[l - 1]?.label).split(" · ");
    const hidden = l > 0 && l < layers.length - 1;
    const { x } = pos[l][0];
    if (tight) {
      const short = hidden ? `H${l}` : ["In", "Out"][Number(l > 0)];
      group.append(el("text", { x, y: 32, class: "layer-title" }, short));
      return;
    }
    const name = dense && hidden ? `H${l}` : long; // "Hidden" ×6 would overlap
    const title = el("text", { x, y: narrow && activation ? 13 : 24, class: "layer-title" });
    if (narrow && activation) {
      title.append(el("tspan", { x }, name), el("tspan", { x, dy: "1.1em" }, activation));
    } else title.textContent = activation ? `${name} · ${activation}` : name;
    group.append(title);
  });
  return group;
}

// "Hidden: tanh · Output: linear" (each hidden layer's activation where they differ).
function activationWords(layers, kinds) {
  const hidden = [...new Set(kinds.slice(0, layers.length - 2).map((k) => k.label))].join(", ");
  return `Hidden: ${hidden} · Output: ${kinds[layers.length - 2].label}`;
}

// parts[l][to][from]: {edge, line, title, name} of weights[l][to][from].
function buildEdges(layers, pos) {
  const group = el("g", { class: "edges" });
  const parts = layers.slice(1).map((n, l) => Array.from({ length: n }, (_, to) => Array.from({
    length: layers[l],
  }, (__, from) => {
    const a = pos[l][from];
    const b = pos[l + 1][to];
    const line = { x1: a.x, y1: a.y, x2: b.x, y2: b.y };
    const name = edgeName(layers, l, to, from);
    const edge = el("g", {
      class: "edge", "data-edge": edgeKey(l, to, from), tabindex: "0", role: "button",
      "aria-label": `${name}: show the chain rule for its gradient`,
    });
    const title = el("title");
    const visible = el("line", { ...line, class: "edge-line" });
    const glow = el("line", { ...line, class: "edge-glow" });
    edge.append(title, glow, visible, el("line", { ...line, class: "edge-hit" }));
    group.append(edge);
    return { edge, line: visible, title, name };
  })));
  return { group, parts };
}

// Where a node's name and number sit, in radii above and below its middle: apart, on the disc.
const NAME_Y = 0.42;
const VALUE_Y = 0.32;

// parts[l][i]: {node, title, value, z (hidden neurons only), room (px across the disc for the
// number)} of neuron i of layer l. A node is a
// ring (where a hidden neuron's function map goes: node-maps.js) round a plain disc that holds its
// name and number, so the number is never read over the map's colours.
function buildNodes(layers, pos, radius) {
  const group = el("g", { class: "nodes" });
  const parts = layers.map((n, l) => pos[l].map((p, i) => {
    const kind = l === 0 ? "input" : l === layers.length - 1 ? "output" : "hidden";
    const node = el("g", {
      class: `node node--${kind}`, "data-node": `${l}-${i}`, transform: `translate(${p.x} ${p.y})`,
    });
    const title = el("title");
    const value = el("text", { class: "node-value", y: radius * VALUE_Y, dy: "0.35em" });
    node.append(
      title,
      el("circle", { r: radius, class: "node-circle" }),
      el("circle", { r: radius - mapRing(radius), class: "node-core" }),
      el("text", { class: "node-name", y: -radius * NAME_Y, dy: "0.35em" }, nodeName(layers, l, i)),
      value,
    );
    const zText = () => node.appendChild(el("text", { class: "node-z", y: radius + 16 }));
    const z = kind === "hidden" ? zText() : null;
    group.append(node);
    const disc = kind === "hidden" ? radius - mapRing(radius) : radius - 2;
    return { node, title, value, z, room: roomAt(disc, radius * VALUE_Y) };
  }));
  return { group, parts };
}

function buildOutputInfo(pos, size) {
  const outputs = pos[pos.length - 1];
  const last = outputs[outputs.length - 1];
  const lowest = Math.max(...pos.flat().map((p) => p.y));
  const [x, y] = size.dense
    ? [size.width - 2, lowest + size.radius + 20]
    : [last.x, last.y + size.radius + 22];
  const group = el("g", {
    class: `output-info${size.dense ? " is-end" : ""}`, transform: `translate(${x} ${y})`,
  });
  ["prediction", "target", "loss"].forEach((kind, i) => {
    group.append(el("text", { class: `out-${kind}`, y: i * 19 }));
  });
  return group;
}

// values: what this phase draws, colour by sign, width ∝ |value| (weights: against the largest or
// 1, as the legend says; gradients and changes: against the largest, however small); the tooltip
// always names the weight, the gradient the next step uses and the change it will make.
function updateEdges(edges, values, relative, biases, lines) {
  const { scale, unit } = edgeScale(values, biases, relative);
  values.forEach((layer, l) => layer.forEach((row, to) => row.forEach((v, from) => {
    const { edge, line } = edges[l][to][from];
    const sign = `edge--${signClass(v)}`;
    if (!edge.classList.contains(sign)) {
      edge.classList.remove("edge--pos", "edge--neg", "edge--zero");
      edge.classList.add(sign);
    }
    setAttr(line, "stroke-width", edgeWidth(v / unit, scale, lines).toFixed(2));
  })));
}

// The tooltip of weights[l][to][from]: the weight, the gradient the next step uses, the change it
// makes.
function writeTitle({ edges, frame: { weights, backward, preview } }, [l, to, from]) {
  const { title, name } = edges[l][to][from];
  setText(title, `${name}: w = ${fixed(weights[l][to][from], 3)}` +
    `; gradient for the next step ∂L/∂w = ${precise(backward.dW[l][to][from], 4)}` +
    `; next change Δw = ${signed(preview.update_W[l][to][from], 4)}`);
}

// Weights and biases share one scale, so a bias mark's width compares with the connections'.
function edgeScale(values, biases, relative) {
  const largest = Math.max(weightScale(values), ...(biases ?? []).flat().map(Math.abs));
  return { scale: relative ? 1 : largest, unit: relative && largest > 0 ? largest : 1 };
}

// Forward and update: the activation a on every node; backward: δ = ∂L/∂z on every neuron after
// the inputs (the inputs keep their x: no error is computed for them).
function updateNodes(nodes, layers, frame, kinds, phase) {
  const acts = frame.forward.a;
  nodes.forEach((layer, l) => layer.forEach(({ node, title, value, z: zText, room }, i) => {
    const a = acts[l][0][i];
    const showDelta = phase === "backward" && l > 0;
    const text = showDelta ? precise(frame.backward.delta[l - 1][0][i], 2) : fixed(a, 2);
    setText(value, text);
    value.classList.toggle("is-delta", showDelta); // a toggle that changes nothing writes nothing
    fitNumber(value, text, room);
    const dead = l > 0 && l < layers.length - 1 && Boolean(frame.dead?.[l - 1]?.[i]);
    node.classList.toggle("node--dead", dead);
    const z = l > 0 ? frame.forward.z[l - 1][0][i] : null;
    const zWords = showDelta ? "δ = ∂L/∂z" : `z = ${precise(z, 2)}${dead ? " ≤ 0" : ""}`;
    if (zText) setText(zText, zWords);
    const delta = l > 0 ? frame.backward.delta[l - 1][0][i] : null;
    setText(title, nodeTooltip(layers, l, i, { a, z, dead, kind: kinds[l - 1] }) +
      (delta === null ? "" : ` Error signal δ = ∂L/∂z = ${precise(delta, 4)}.`));
  }));
}

// Words for a node's values, from the engine's description of its activation f.
function nodeTooltip(layers, l, i, { a, z, dead, kind }) {
  const name = nodeName(layers, l, i);
  if (l === 0) return `${name}: input x${i + 1} = ${fixed(a, 3)}`;
  const f = `${kind.label}: a = ${kind.formula}, f′(z) = ${kind.derivative}`;
  if (l === layers.length - 1) {
    return `${name}: z = ${precise(z, 3)}, prediction ŷ = f(z) = ${fixed(a, 3)} (${f})`;
  }
  if (!dead) return `${name}: z = ${precise(z, 3)}, a = f(z) = ${fixed(a, 3)} (${f})`;
  const ins = Array.from({ length: layers[l - 1] }, (_, k) => nodeName(layers, l - 1, k));
  return `${name} is inactive: z = ${precise(z, 3)} ≤ 0, so ${kind.label} outputs 0 and its ` +
    `slope f′(z) is 0 (${f}). No error signal flows back through ${name}, so the gradients of ` +
    `its incoming weights (from ${ins.join(", ")}) are zero, and its outgoing weights get zero ` +
    `gradient too because its activation is 0. ${l === 1 ? FIRST_LAYER_REVIVAL : DEEPER_REVIVAL}.`;
}

const FIRST_LAYER_REVIVAL = "In the first hidden layer only other inputs, a bias or a change of " +
  "its own incoming weights can raise its z";
const DEEPER_REVIVAL = "Its z can rise again when the layers below it change";

function updateOutput(svg, frame) {
  const info = svg.querySelector(".output-info");
  const single = frame.prediction.length === 1;
  const list = (values, dp) => values.map((v) => fixed(v, dp)).join(", ");
  info.querySelector(".out-prediction").textContent = `ŷ = ${list(frame.prediction, 2)}`;
  const targets = `${single ? "t" : "targets"} = ${list(frame.targets, 2)}`;
  info.querySelector(".out-target").textContent = targets;
  info.querySelector(".out-loss").textContent = `loss = ${fixed(frame.loss, 4)}`;
}
