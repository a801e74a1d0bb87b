// The weights table in the spec's layout: one row per hidden neuron, columns "From I1", "From I2"
// and "To Output"; any other network (or one with biases) gets one group per layer of weights, a
// row per receiving neuron and its bias last. Every value cell carries the data-edge key of its
// connection or bias (for highlighting). Draws only from the engine's weights and biases; 3
// decimals. With one layer chosen (layers.js) the other groups are hidden and not filled until
// shown.
import { biasKey, biasName, edgeKey, edgeName, nodeName } from "../core/network-geometry.js";
import { groupLabel, showGroups } from "./layers.js";
import { compact } from "../core/format.js";
import { cellsByKey, setAttr, setText } from "../core/keyed-cells.js";

/**
 * data: {weights, layers: the engine's layer sizes, biases: per layer, or null without biases}.
 * Networks with one hidden layer and no biases get the spec layout; others one group per layer.
 * layer: the one layer of weights to show, or null for all.
 */
export function render(container, { weights, layers, biases = null, layer = null }) {
  const shape = `${layers.join("-")}${biases ? "+b" : ""}`;
  let table = container.querySelector("table.weights-table");
  if (!table || table.dataset.shape !== shape) {
    const spec = layers.length === 3 && !biases;
    table = spec ? buildSpecLayout(layers) : buildPerLayer(layers, Boolean(biases));
    table.dataset.shape = shape;
    container.replaceChildren(table);
  }
  showGroups(table, layer);
  const cells = cellsByKey(table);
  const shown = (l) => layer === null || l === layer;
  weights.forEach((matrix, l) => shown(l) && matrix.forEach((row, to) => row.forEach((w, from) => {
    const cell = cells.get(edgeKey(l, to, from));
    const text = compact(w, 3);
    setText(cell, text);
    setAttr(cell, "aria-label", `${edgeName(layers, l, to, from)}: ${text}`);
  })));
  biases?.forEach((vector, l) => shown(l) && vector.forEach((b, to) => {
    const cell = cells.get(biasKey(l, to));
    const text = compact(b, 3);
    setText(cell, text);
    setAttr(cell, "aria-label", `${biasName(layers, l, to)}: ${text}`);
  }));
}

function make(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function headerRow(labels) {
  const tr = make("tr");
  labels.forEach((label) => tr.append(make("th", { scope: "col" }, label)));
  return tr;
}

function weightCell(layers, l, to, from) {
  return make("td", {
    class: "weight-cell num", tabindex: "0", "data-edge": edgeKey(l, to, from),
    title: edgeName(layers, l, to, from),
  });
}

function buildSpecLayout(layers) {
  const table = make("table", { class: "weights-table" });
  const inputs = Array.from({ length: layers[0] }, (_, i) => `From ${nodeName(layers, 0, i)}`);
  const outputs = layers[2] === 1
    ? ["To Output"]
    : Array.from({ length: layers[2] }, (_, o) => `To ${nodeName(layers, 2, o)}`);
  const thead = make("thead");
  thead.append(headerRow(["Hidden", ...inputs, ...outputs]));
  const tbody = make("tbody");
  for (let h = 0; h < layers[1]; h += 1) {
    const tr = make("tr");
    tr.append(make("th", { scope: "row" }, nodeName(layers, 1, h)));
    for (let i = 0; i < layers[0]; i += 1) tr.append(weightCell(layers, 0, h, i));
    for (let o = 0; o < layers[2]; o += 1) tr.append(weightCell(layers, 1, o, h));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  return table;
}

// One group per layer of weights: a title row ("H1 → H2"), a row of sending neurons, then one row
// per receiving neuron (its bias last): wide networks scroll inside the card's table-wrap.
function buildPerLayer(layers, bias) {
  const table = make("table", { class: "weights-table weights-table--layers" });
  const widest = Math.max(...layers.slice(0, -1)) + 1 + Number(bias);
  for (let l = 0; l < layers.length - 1; l += 1) {
    const group = make("tbody", { class: "layer-group", "data-layer": String(l) });
    const title = make("tr");
    const names = `${groupLabel(layers, l)} → ${groupLabel(layers, l + 1)}`;
    title.append(make("th", { scope: "colgroup", colspan: String(widest), class: "group-title" },
      `${names}: row ← column${bias ? "; b: bias" : ""}`));
    const froms = Array.from({ length: layers[l] }, (_, i) => nodeName(layers, l, i));
    group.append(title, headerRow(["To ←", ...froms, ...(bias ? ["b"] : [])]));
    for (let to = 0; to < layers[l + 1]; to += 1) {
      const tr = make("tr");
      tr.append(make("th", { scope: "row" }, nodeName(layers, l + 1, to)));
      for (let from = 0; from < layers[l]; from += 1) tr.append(weightCell(layers, l, to, from));
      if (bias) tr.append(biasCell(layers, l, to));
      group.append(tr);
    }
    table.append(group);
  }
  return table;
}

function biasCell(layers, l, to) {
  return make("td", {
    class: "weight-cell bias-cell num", tabindex: "0", "data-edge": biasKey(l, to),
    title: biasName(layers, l, to),
  });
}

