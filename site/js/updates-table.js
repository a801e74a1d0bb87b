// "Weight Updates (Last Step)": for every weight its value before, ∂L/∂w, the change Δw the
// optimizer applied (its rule, e.g. Δw = −η·∂L/∂w, comes from the engine) and after.
// Draws only from the engine's last step record; before any step it asks for one.
import { edgeKey, edgeName } from "./network-geometry.js";
import { compact, precise, signed, plain } from "./format.js";

const DP = 4;
const EMPTY_TEXT = "Click “Step Optimization” to see weight updates.";

/**
 * data: {last_step: step record or null, rule: the optimizer's update rule, e.g. "Δw = −η·∂L/∂w",
 * layers: the engine's layer sizes}.
 */
export function render(container, { last_step: last, rule, layers }) {
  if (!last) {
    if (!container.querySelector(".updates-empty")) {
      const p = document.createElement("p");
      p.className = "updates-empty empty-note";
      p.textContent = EMPTY_TEXT;
      container.replaceChildren(p);
    }
    return;
  }
  let table = container.querySelector("table.updates-table");
  if (!table || table.dataset.shape !== `${layers.join("-")}:${rule}`) {
    table = buildTable(layers, rule);
    container.replaceChildren(table);
  }
  table.querySelector(".caption-text").textContent = `Step ${last.step} · learning rate η = ${plain(last.lr)}`;
  eachWeight(layers, (l, to, from) => fillRow(table.querySelector(`tr[data-edge="${edgeKey(l, to, from)}"]`), last, l, to, from));
}

function eachWeight(layers, fn) {
  for (let l = 0; l < layers.length - 1; l += 1) {
    for (let to = 0; to < layers[l + 1]; to += 1) {
      for (let from = 0; from < layers[l]; from += 1) fn(l, to, from);
    }
  }
}

function buildTable(layers, rule) {
  const table = document.createElement("table");
  table.className = "updates-table";
  table.dataset.shape = `${layers.join("-")}:${rule}`;
  const formulaText = rule.startsWith("Δw = ") ? rule.slice(2) : null; // else the caption shows it
  const caption = table.createCaption();
  const text = document.createElement("span");
  text.className = "caption-text";
  const formula = document.createElement("span");
  formula.className = formulaText ? "narrow-only" : "caption-rule"; // shown in the header when it fits there
  formula.textContent = ` · ${rule}`;
  caption.append(text, formula);
  const head = table.createTHead().insertRow();
  for (const [label, more] of [["Weight"], ["Before"], ["∂L/∂w"], ["Δw", formulaText], ["After"]]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = label;
    if (more) {
      const wide = document.createElement("span");
      wide.className = "wide-only"; // a phone shows the formula in the caption only
      wide.textContent = more;
      th.append(wide);
    }
    head.append(th);
  }
  const body = table.createTBody();
  eachWeight(layers, (l, to, from) => {
    const tr = body.insertRow();
    tr.dataset.edge = edgeKey(l, to, from);
    tr.tabIndex = 0; // Enter opens this weight's chain-rule receipt
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = edgeName(layers, l, to, from);
    tr.append(th);
    for (const kind of ["before", "grad", "delta", "after"]) tr.insertCell().className = `num ${kind}`;
  });
  return table;
}

function fillRow(tr, last, l, to, from) {
  const grad = last.dW[l][to][from];
  const delta = last.update_W[l][to][from];
  tr.querySelector(".before").textContent = compact(last.weights_before[l][to][from], DP);
  tr.querySelector(".grad").textContent = precise(grad, DP);
  tr.querySelector(".delta").textContent = signed(delta, DP);
  tr.querySelector(".after").textContent = compact(last.weights_after[l][to][from], DP);
  tr.classList.toggle("is-zero", grad === 0);
}
