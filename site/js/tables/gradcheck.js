// The gradient check: every weight's backprop gradient beside the engine's central-difference
// estimate and their relative error, so a learner can trust (or test) the numbers. Draws only the
// engine's gradient_check record.
import { biasKey, biasName, edgeKey, edgeName } from "../core/network-geometry.js";
import { precise } from "../core/format.js";

/** data: {check: engine gradient_check record, layers: layer sizes, bias: list the biases too}. */
export function render(container, { check, layers, bias = false }) {
  const table = document.createElement("table");
  table.className = "gradcheck-table";
  const caption = table.createCaption();
  caption.textContent = "Backprop against central differences, (L(w + ε) − L(w − ε)) / (2ε) " +
    `with ε = 10⁻⁶; largest relative error ${precise(check.max_relative_error, 2)}.`;
  const head = table.createTHead().insertRow();
  for (const label of ["Weight", "Backprop", "Central diff.", "Rel. error"]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = label;
    head.append(th);
  }
  const body = table.createTBody();
  check.analytic.weights.forEach((layer, l) => layer.forEach((row, to) => row.forEach((g, from) => {
    const at = (kind) => check[kind].weights[l][to][from];
    const values = [g, at("numeric"), at("relative_error")];
    addRow(body, edgeKey(l, to, from), edgeName(layers, l, to, from), values);
  })));
  if (bias) {
    check.analytic.biases.forEach((layer, l) => layer.forEach((g, to) => {
      const at = (kind) => check[kind].biases[l][to];
      const values = [g, at("numeric"), at("relative_error")];
      addRow(body, biasKey(l, to), biasName(layers, l, to), values);
    }));
  }
  container.replaceChildren(table);
}

function addRow(body, key, name, cells) {
  const tr = body.insertRow();
  tr.dataset.edge = key;
  const th = document.createElement("th");
  th.scope = "row";
  th.textContent = name;
  tr.append(th);
  cells.forEach((value, i) => {
    const td = tr.insertCell();
    td.className = "num";
    td.textContent = precise(value, i === 2 ? 1 : 4);
  });
}
