// "Weight Updates (Last Step)": for every weight (and bias) its value before (without optimizer
// state, for room), ∂L/∂w, the optimizer's state behind the step (its columns, labels, formulas
// and values are the engine's: describe().optimizers[name].state, frame.optimizer_state), the
// change Δw the optimizer applied (its rule comes from the engine) and after. Grouped by layer of
// weights for networks other than the spec's. Draws only from the engine's last step record and
// optimizer state; before any step it asks for one.
import { biasKey, biasName, edgeKey, edgeName } from "../core/network-geometry.js";
import { groupLabel, showGroups } from "./layers.js";
import { compact, precise, signed, plain } from "../core/format.js";
import { cellsByKey, setText } from "../core/keyed-cells.js";

const DP = 4;
const EMPTY_TEXT = "Click “Step Optimization” to see weight updates.";

/**
 * data: {last_step: step record or null, rule: the optimizer's update rule, e.g. "Δw = −η·∂L/∂w",
 * state_columns: the optimizer's state columns [{key, label, formula, title}]
 * (describe().optimizers[name].state), each a vector of optimizer_state,
 * layers: the engine's layer sizes, optimizer_state: frame.optimizer_state (optional), bias: the
 * network has biases, layer: the one layer of weights to show, or null for all}.
 */
export function render(container, {
  last_step: last, rule, state_columns: stateColumns = [], layers, optimizer_state: opt = null,
  bias = false, layer = null,
}) {
  if (!last) {
    if (!container.querySelector(".updates-empty")) {
      const p = document.createElement("p");
      p.className = "updates-empty empty-note";
      p.textContent = EMPTY_TEXT;
      container.replaceChildren(p);
    }
    return;
  }
  const columns = opt && opt.t > 0 ? stateColumns : [];
  const shape = `${layers.join("-")}:${rule}:${bias}:${columns.map((c) => c.key).join(",")}`;
  let table = container.querySelector("table.updates-table");
  if (!table || table.dataset.shape !== shape) {
    table = buildTable(layers, rule, bias, columns);
    table.dataset.shape = shape;
    container.replaceChildren(table);
  }
  const stateNote = columns.length
    ? ` · optimizer state after ${opt.t} update${opt.t === 1 ? "" : "s"}`
    : "";
  table.querySelector(".caption-text").textContent =
    `Step ${last.step} · learning rate η = ${plain(last.lr)}${stateNote}`;
  showGroups(table, layer);
  const rows = cellsByKey(table, "tr[data-edge]");
  const at = columnIndex(table);
  const fill = (key, values) => fillRow(rows.get(key).cells, at, values(last, opt), columns);
  eachParameter(layers, bias, fill, layer);
}

// Every weight, then each layer's biases (of one layer of weights, `only`, unless null): fn(key,
// values(last, opt), name) with the row's numbers.
function eachParameter(layers, bias, fn, only = null, onLayer = () => {}) {
  for (let l = 0; l < layers.length - 1; l += 1) {
    if (only !== null && l !== only) continue;
    onLayer(l);
    for (let to = 0; to < layers[l + 1]; to += 1) {
      for (let from = 0; from < layers[l]; from += 1) {
        fn(
          edgeKey(l, to, from),
          (last, opt) => pick(last, opt, "W", "weights", (m) => m[l][to][from]),
          edgeName(layers, l, to, from),
        );
      }
    }
    if (!bias) continue;
    for (let to = 0; to < layers[l + 1]; to += 1) {
      fn(
        biasKey(l, to),
        (last, opt) => pick(last, opt, "b", "biases", (m) => m[l][to]),
        biasName(layers, l, to),
      );
    }
  }
}

// One row's numbers; `state` holds each state column's value by its key (the engine's vectors).
function pick(last, opt, W, kind, at) {
  const vectors = Object.entries(opt ?? {}).filter(([, v]) => v?.[kind]);
  return {
    before: at(last[`${kind}_before`]), grad: at(last[`d${W}`]), delta: at(last[`update_${W}`]),
    after: at(last[`${kind}_after`]),
    state: Object.fromEntries(vectors.map(([key, v]) => [key, at(v[kind])])),
  };
}

function buildTable(layers, rule, bias, columns) {
  const table = document.createElement("table");
  table.className = `updates-table${columns.length ? " updates-table--state" : ""}`;
  const formulaText = rule.startsWith("Δw = ") ? rule.slice(2) : null; // else the caption shows it
  buildCaption(table, rule, formulaText);
  const width = buildHead(table, columns, formulaText);
  const grouped = layers.length !== 3 || bias;
  let body = table.createTBody();
  const onRow = (key, values, name) => appendRow(body, key, name, columns);
  eachParameter(layers, bias, onRow, null, (l) => {
    if (!grouped) return;
    if (l > 0) body = table.createTBody();
    startGroup(body, layers, l, bias, width);
  });
  return table;
}

// The caption: the step's text (filled on each render) and the update rule.
function buildCaption(table, rule, formulaText) {
  const caption = table.createCaption();
  const text = document.createElement("span");
  text.className = "caption-text";
  const formula = document.createElement("span");
  // shown in the header when it fits there
  formula.className = formulaText ? "narrow-only" : "caption-rule";
  formula.textContent = ` · ${rule}`;
  caption.append(text, formula);
}

// The header row; returns its number of columns.
function buildHead(table, columns, formulaText) {
  const head = table.createTHead().insertRow();
  // With the optimizer's state the table drops "Before" (After − Δw) to stay within its card.
  const before = columns.length ? [] : [["Before"]];
  const stateLabels = columns.map((c) => [c.label, null, columnTitle(c)]);
  const labels = [["Weight"], ...before, ["∂L/∂w"], ...stateLabels, ["Δw", formulaText], ["After"]];
  for (const [label, more, title] of labels) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = label;
    if (title) th.title = title;
    if (more) {
      const wide = document.createElement("span");
      wide.className = "wide-only"; // a phone shows the formula in the caption only
      wide.textContent = more;
      th.append(wide);
    }
    head.append(th);
  }
  return labels.length;
}

// One parameter's row: its name, then an empty cell per column kind.
function appendRow(body, key, name, columns) {
  const tr = body.insertRow();
  tr.dataset.edge = key;
  tr.tabIndex = 0; // Enter opens a weight's chain-rule receipt; focus links a row to the drawing
  const th = document.createElement("th");
  th.scope = "row";
  th.textContent = name;
  tr.append(th);
  const kinds = [
    ...(columns.length ? [] : ["before"]), "grad", ...columns.map((c) => c.key), "delta", "after",
  ];
  for (const kind of kinds) {
    const opt = ["before", "grad", "delta", "after"].includes(kind) ? "" : " opt";
    tr.insertCell().className = `num ${kind}${opt}`;
  }
}

// Make `body` the group of layer of weights `l`, with its title row.
function startGroup(body, layers, l, bias, width) {
  body.className = "layer-group";
  body.dataset.layer = String(l);
  const title = body.insertRow().appendChild(document.createElement("th"));
  title.scope = "colgroup";
  title.colSpan = width;
  title.className = "group-title";
  title.textContent = `${groupLabel(layers, l)} → ${groupLabel(layers, l + 1)}` +
    `${bias ? " (weights, then biases)" : ""}`;
}

// A state column's header tooltip: what it holds, and the engine's formula for it.
function columnTitle({ title, formula }) {
  return formula ? `${title} ${formula}` : title;
}

// cells: the row's cells; at: column kind -> index (columnIndex).
function fillRow(cells, at, row, columns) {
  if (at.has("before")) setText(cells[at.get("before")], compact(row.before, DP));
  setText(cells[at.get("grad")], precise(row.grad, DP));
  setText(cells[at.get("delta")], signed(row.delta, DP));
  setText(cells[at.get("after")], compact(row.after, DP));
  for (const { key } of columns) setText(cells[at.get(key)], precise(row.state[key] ?? null, 3));
  const tr = cells[0].parentElement;
  tr.classList.toggle("is-zero", row.grad === 0); // a toggle that changes nothing writes nothing
}

// Every row of a table has the same cells: where each kind sits is read from the first row once.
const columnIndexes = new WeakMap();
function columnIndex(table) {
  let index = columnIndexes.get(table);
  if (!index) {
    const first = table.querySelector("tr[data-edge]");
    const pairs = Array.from(first.cells, (td, i) => [td.classList[1], i]);
    index = new Map(pairs.filter(([name]) => name));
    columnIndexes.set(table, index);
  }
  return index;
}
