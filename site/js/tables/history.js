// The training history table: one row per step (step 0 included), newest first so the latest step
// is always in view. Columns Step, Loss, Prediction, Target, ΔLoss and the learning rate each step
// used; a change of settings between two steps gets a marked line of its own. Only rows the table
// does not show yet are built, so a step costs the same after 10 or 10,000 steps.
import { fixed, plain, signed } from "../core/format.js";
import { rowAt } from "../core/history-rows.js";
import { changeText } from "./history-events.js";

const COLUMNS = ["Step", "Loss", "Prediction", "Target", "ΔLoss", "η"];
// The chart shows the whole run and goes back to any step; each listed row costs layout on every
// step.
const MAX_ROWS = 50;
const shownRecord = new WeakMap(); // tr -> the engine row it shows

/** data: {history: the page's history store (state/history-store.js), lossColumn: the Loss
 * column's name}. */
export function render(container, { history, lossColumn = "Loss" }) {
  const table = container.querySelector("table.history-table") ?? buildTable(container);
  table.tHead.rows[0].cells[1].textContent = lossColumn; // "Batch loss" with a data set
  const body = table.tBodies[0];
  let top = body.querySelector("tr.history-row");
  while (top && shownRecord.get(top) !== rowAt(history.rows, Number(top.dataset.step))) {
    removeRow(top);
    top = body.querySelector("tr.history-row");
  }
  const shownStep = top ? Number(top.dataset.step) : -1;
  const rows = history.rows;
  const fresh = rowsBetween(rows, rows.length - 1, (row) => row.step > shownStep);
  if (fresh.childNodes.length) {
    body.prepend(fresh);
    scrollToTop(container);
  }
  fit(body, container, rows);
}

// Rows k, k−1, … (newest first, each with its event row) while keep(row) and the table has room.
function rowsBetween(rows, k, keep, room = MAX_ROWS) {
  const fragment = document.createDocumentFragment();
  for (let i = k, added = 0; i >= 0 && keep(rows[i]) && added < room; i -= 1, added += 1) {
    fragment.append(buildRow(rows[i]));
    const text = changeText(rows[i - 1], rows[i]);
    if (text) fragment.append(buildEventRow(rows[i].step, text));
  }
  return fragment;
}


// The newest step is the top row: bring it into view if the learner scrolled the table away from
// it, in the next frame (setting scrollTop forces a layout of the whole page, so it is not done
// when the table is already at its top; its CSS keeps new rows from pushing it down).
const scrollPending = new WeakSet();
const awayFromTop = new WeakSet();
function scrollToTop(container) {
  if (!awayFromTop.has(container) || scrollPending.has(container)) return;
  scrollPending.add(container);
  requestAnimationFrame(() => {
    scrollPending.delete(container);
    container.scrollTop = 0;
  });
}

function watchScroll(container) {
  container.addEventListener("scroll", () => {
    if (container.scrollTop > 0) awayFromTop.add(container);
    else awayFromTop.delete(container);
  }, { passive: true });
}

function buildTable(container) {
  watchScroll(container);
  const table = document.createElement("table");
  table.className = "history-table";
  const head = table.createTHead().insertRow();
  for (const label of COLUMNS) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = label;
    if (label === "η") th.title = "learning rate this step used";
    if (label === "ΔLoss") th.title = DELTA_TITLE;
    head.append(th);
  }
  table.createTBody();
  const more = document.createElement("p");
  more.className = "history-more";
  more.hidden = true;
  container.replaceChildren(table, more);
  return table;
}

const DELTA_TITLE = "this step's own effect: loss after it minus loss before it, for the " +
  "example it used";

function rowTexts(record) {
  const list = (values, dp) => values.map((v) => fixed(v, dp)).join(", ");
  return [
    String(record.step),
    fixed(record.loss, 4),
    list(record.prediction, 3),
    list(record.target, 3),
    record.delta_loss === null || record.delta_loss === undefined
      ? "—"
      : signed(record.delta_loss, 4),
    record.step === 0 ? "—" : plain(record.lr),
  ];
}

function buildRow(record) {
  const tr = document.createElement("tr");
  tr.className = "history-row";
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
  tr.classList.toggle("has-change", Boolean(record.changes?.length));
  shownRecord.set(tr, record);
  return tr;
}

// Sits below the row of the first step that used the new settings (newest first).
function buildEventRow(step, text) {
  const tr = document.createElement("tr");
  tr.className = "history-event";
  tr.dataset.eventStep = String(step);
  const td = document.createElement("td");
  td.colSpan = COLUMNS.length;
  td.textContent = `Changed before step ${step}: ${text}`;
  tr.append(td);
  return tr;
}

function removeRow(tr) {
  const next = tr.nextElementSibling;
  if (next?.classList.contains("history-event")) next.remove();
  tr.remove();
}

// The table lists the newest MAX_ROWS steps: older rows go, and after going back in time (the
// newer rows gone) the older ones below fill it up again.
function fit(body, container, rows) {
  const shown = body.querySelectorAll("tr.history-row");
  for (let i = shown.length - 1; i >= MAX_ROWS; i -= 1) removeRow(shown[i]);
  const room = MAX_ROWS - shown.length;
  const oldest = room > 0 && shown.length ? Number(shown[shown.length - 1].dataset.step) : null;
  const k = oldest === null ? -1 : rows.findLastIndex((row) => row.step < oldest);
  if (k >= 0) body.append(rowsBetween(rows, k, () => true, room));
  const total = rows.length;
  const more = container.querySelector(".history-more");
  more.hidden = total <= MAX_ROWS;
  more.textContent = more.hidden
    ? ""
    : `The newest ${MAX_ROWS} of ${total} recorded steps are listed; the chart shows them all.`;
}
