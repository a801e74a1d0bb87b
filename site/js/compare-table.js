// The comparison's numbers as an accessible table: one row per learning rate with its line style,
// the loss at step 0 and at the end, what happened, and a "Use this rate" button. Draws only.
import { precise } from "./format.js";
import { bestCurve, outcomeOf } from "./compare-rates.js";
import { SERIES_STYLES } from "./compare-chart.js";

/** curves: compare-rates.js curveOf() results; steps: the steps asked for. */
export function renderCompareTable(container, { curves, steps }) {
  const table = make("table", { class: "compare-table" });
  table.append(make("caption", {}, `Loss of each learning rate after ${steps} step${steps === 1 ? "" : "s"} from the same start`));
  const head = make("tr");
  for (const label of ["Learning rate η", "Drawn as", "Loss at step 0", "Last loss", "Outcome", ""]) {
    head.append(make(label ? "th" : "td", label ? { scope: "col" } : {}, label));
  }
  table.append(make("thead", {}, head));
  const body = make("tbody");
  const best = bestCurve(curves);
  curves.forEach((curve, i) => body.append(row(curve, i, i === best)));
  table.append(body);
  container.replaceChildren(table);
}

function row(curve, i, isBest) {
  const tr = make("tr", { "data-lr": String(curve.lr) });
  tr.append(make("th", { scope: "row" }, String(curve.lr)));
  tr.append(make("td", {}, SERIES_STYLES[i].name));
  tr.append(make("td", { class: "num" }, precise(curve.start, 4)));
  const last = make("td", { class: "num", "data-loss": String(curve.final) }, `${precise(curve.final, 4)} (step ${curve.lastStep})`);
  tr.append(last);
  const outcome = make("td", { class: curve.diverged ? "compare-outcome is-diverged" : "compare-outcome" },
    `${outcomeOf(curve)}${isBest ? " · lowest" : ""}`);
  tr.append(outcome);
  const use = make("button", { type: "button", class: "btn btn--small", "data-use-lr": String(curve.lr) }, "Use this rate");
  use.setAttribute("aria-label", `Use η = ${curve.lr} for this run`);
  tr.append(make("td", {}, use));
  return tr;
}

function make(tag, attrs = {}, content) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (content instanceof Node) node.append(content);
  else if (content !== undefined) node.textContent = content;
  return node;
}
