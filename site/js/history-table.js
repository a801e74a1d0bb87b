// The training history table: one row per step (step 0 included), newest first so the latest step
// is always in view. Columns Step, Loss, Prediction, Target, ΔLoss and the learning rate each step used.
import { fixed, plain, signed } from "./format.js";

const COLUMNS = ["Step", "Loss", "Prediction", "Target", "ΔLoss", "η"];

/** data: {history: engine history records, step 0 first}. */
export function render(container, { history }) {
  let table = container.querySelector("table.history-table");
  if (!table) {
    table = buildTable();
    container.replaceChildren(table);
  }
  const body = table.tBodies[0];
  // Rows are keyed by step: keep those still valid, add the new ones on top.
  const shown = body.rows.length ? Number(body.rows[0].dataset.step) : -1;
  const valid = body.rows.length === Math.min(history.length, shown + 1) && sameRow(body.rows[0], history[shown]);
  if (!valid) body.replaceChildren();
  const start = valid ? shown + 1 : 0;
  const fresh = document.createDocumentFragment();
  for (let k = history.length - 1; k >= start; k -= 1) fresh.append(buildRow(history[k]));
  if (fresh.childNodes.length) {
    body.prepend(fresh);
    container.scrollTop = 0; // the newest step is the top row: bring it into view
  }
}

function buildTable() {
  const table = document.createElement("table");
  table.className = "history-table";
  const head = table.createTHead().insertRow();
  for (const label of COLUMNS) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = label;
    if (label === "η") th.title = "learning rate this step used";
    head.append(th);
  }
  table.createTBody();
  return table;
}

function rowTexts(record) {
  const list = (values, dp) => values.map((v) => fixed(v, dp)).join(", ");
  return [
    String(record.step),
    fixed(record.loss, 4),
    list(record.prediction, 3),
    list(record.target, 3),
    record.delta_loss === null || record.delta_loss === undefined ? "—" : signed(record.delta_loss, 4),
    record.step === 0 ? "—" : plain(record.lr),
  ];
}

function buildRow(record) {
  const tr = document.createElement("tr");
  tr.dataset.step = String(record.step);
  rowTexts(record).forEach((text, i) => {
    const cell = i === 0 ? document.createElement("th") : document.createElement("td");
    if (i === 0) cell.scope = "row";
    cell.className = i === 0 ? "num" : `num col-${i}`;
    cell.textContent = text;
    tr.append(cell);
  });
  const change = record.delta_loss ?? 0;
  tr.classList.toggle("loss-down", change < 0);
  tr.classList.toggle("loss-up", change > 0);
  return tr;
}

function sameRow(tr, record) {
  return Boolean(tr && record) && rowTexts(record).every((text, i) => tr.cells[i].textContent === text);
}
