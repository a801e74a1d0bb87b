// The gradient check: every weight's backprop gradient beside the engine's central-difference
// estimate and their relative error, so a learner can trust (or test) the numbers. Draws only the
// engine's gradient_check record.
import { edgeKey, edgeName } from "./network-geometry.js";
import { precise } from "./format.js";

/** data: {check: engine gradient_check record, layers: layer sizes}. */
export function render(container, { check, layers }) {
  const table = document.createElement("table");
  table.className = "gradcheck-table";
  const caption = table.createCaption();
  caption.textContent = "Backprop against central differences, (L(w + ε) − L(w − ε)) / 2ε with ε = 10⁻⁶; " +
    `largest relative error ${precise(check.max_relative_error, 2)}.`;
  const head = table.createTHead().insertRow();
  for (const label of ["Weight", "Backprop", "Central diff.", "Rel. error"]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = label;
    head.append(th);
  }
  const body = table.createTBody();
  check.analytic.weights.forEach((layer, l) => layer.forEach((row, to) => row.forEach((g, from) => {
    const tr = body.insertRow();
    tr.dataset.edge = edgeKey(l, to, from);
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = edgeName(layers, l, to, from);
    tr.append(th);
    const cells = [g, check.numeric.weights[l][to][from], check.relative_error.weights[l][to][from]];
    cells.forEach((value, i) => {
      const td = tr.insertCell();
      td.className = "num";
      td.textContent = precise(value, i === 2 ? 1 : 4);
    });
  })));
  container.replaceChildren(table);
}
