// The weights table in the spec's layout: one row per hidden neuron, columns "From I1", "From I2"
// and "To Output". Every value cell carries the data-edge key of its connection (for highlighting).
// Draws only from the engine's weights (per layer, (to, from) rows); 3 decimals.
import { edgeKey, edgeName, nodeName } from "./network-geometry.js";
import { compact } from "./format.js";

/**
 * data: {weights, layers: the engine's layer sizes}. Networks with one hidden layer get the spec
 * layout; deeper ones one block per layer.
 */
export function render(container, { weights, layers }) {
  const shape = layers.join("-");
  let table = container.querySelector("table.weights-table");
  if (!table || table.dataset.shape !== shape) {
    table = layers.length === 3 ? buildSpecLayout(layers) : buildPerLayer(layers);
    table.dataset.shape = shape;
    container.replaceChildren(table);
  }
  weights.forEach((layer, l) => layer.forEach((row, to) => row.forEach((w, from) => {
    const cell = table.querySelector(`[data-edge="${edgeKey(l, to, from)}"]`);
    const text = compact(w, 3);
    cell.textContent = text;
    cell.setAttribute("aria-label", `${edgeName(layers, l, to, from)}: ${text}`);
  })));
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
  const outputs = layers[2] === 1 ? ["To Output"] : Array.from({ length: layers[2] }, (_, o) => `To ${nodeName(layers, 2, o)}`);
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

function buildPerLayer(layers) {
  const table = make("table", { class: "weights-table" });
  for (let l = 0; l < layers.length - 1; l += 1) {
    const froms = Array.from({ length: layers[l] }, (_, i) => `From ${nodeName(layers, l, i)}`);
    const thead = make("thead");
    thead.append(headerRow(["To", ...froms]));
    const tbody = make("tbody");
    for (let to = 0; to < layers[l + 1]; to += 1) {
      const tr = make("tr");
      tr.append(make("th", { scope: "row" }, nodeName(layers, l + 1, to)));
      for (let from = 0; from < layers[l]; from += 1) tr.append(weightCell(layers, l, to, from));
      tbody.append(tr);
    }
    table.append(thead, tbody);
  }
  return table;
}
