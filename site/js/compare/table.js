// The comparison's numbers as an accessible table: one row per learning rate with its line style
// (drawn, and in words for screen readers), the last loss, what happened, and a "Use this rate"
// button. Draws only.
import { precise } from "../core/format.js";
import { bestCurve, outcomeOf } from "./rates.js";
import { SERIES_STYLES, swatch } from "./chart.js";

/** curves: compare-rates.js curveOf() results; steps: the steps asked for. */
export function renderCompareTable(container, { curves, steps }) {
  const table = make("table", { class: "compare-table" });
  const start = curves.length ? ` (loss ${precise(curves[0].start, 4)} at step 0)` : "";
  table.append(make("caption", {},
    `Each learning rate after ${steps} step${steps === 1 ? "" : "s"} from the same start${start}`));
  const head = make("tr");
  for (const label of ["Rate η", "Last loss", "Outcome", ""]) {
    head.append(make(label ? "th" : "td", label ? { scope: "col" } : {}, label));
  }
  table.append(make("thead", {}, head));
  const body = make("tbody");
  const best = bestCurve(curves);
  const style = getComputedStyle(container); // the series colours of the chart, for the swatches
  const colors = [1, 2, 3]
    .map((n) => style.getPropertyValue(`--compare-${n}`).trim() || "currentColor");
  curves.forEach((curve, i) => body.append(row(curve, i, i === best, colors[i])));
  table.append(body);
  container.replaceChildren(table);
}

function row(curve, i, isBest, color) {
  const tr = make("tr", { "data-lr": String(curve.lr) });
  const name = make("th", { scope: "row" });
  name.append(swatch(i, color), make("span", { class: "compare-rate" }, String(curve.lr)),
    make("span", { class: "visually-hidden" }, ` (${SERIES_STYLES[i].name})`));
  tr.append(name);
  const last = make("td", { class: "num", "data-loss": String(curve.final) },
    precise(curve.final, 4));
  last.append(" ", make("span", { class: "compare-step" }, `(step ${curve.lastStep})`));
  tr.append(last);
  const outcome = make("td",
    { class: curve.diverged ? "compare-outcome is-diverged" : "compare-outcome" },
    `${outcomeOf(curve)}${isBest ? " · lowest" : ""}`);
  tr.append(outcome);
  const use = make("button",
    { type: "button", class: "btn btn--small", "data-use-lr": String(curve.lr) }, "Use");
  use.setAttribute("aria-label", `Use this rate, η = ${curve.lr}, for this run`);
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
