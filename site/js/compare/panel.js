// The "Compare learning rates" card: reads the rate and step fields (a bad one gets its message and
// changes nothing), runs the comparison on side runs (compare-run.js), draws the curves and the
// table, and lets the learner adopt a rate. Keeps only what it shows; the lab keeps the run.
import { readComparison, prefersLog, suggestRates, MAX_RATES } from "./rates.js";
import { runComparison } from "./run.js";
import { renderCompareChart } from "./chart.js";
import { renderCompareTable } from "./table.js";
import { showFieldError } from "../core/values-form.js";

const byId = (id) => document.getElementById(id);
const rateInputs = () => Array.from({ length: MAX_RATES }, (_, i) => byId(`cmp-lr${i + 1}-input`));

/** Returns {compare({rates, steps}), getComparison()} for window.backpropLab. */
export function startComparePanel(lab, description) {
  const rules = { lrField: description.fields.lr, stepsField: description.fields.steps };
  const panel = { lab, description, rules, shown: null, scale: null, running: false };
  suggestRates(lab.getState().lr, rules.lrField)
    .forEach((lr, i) => { rateInputs()[i].value = String(lr); });
  byId("compare-form").addEventListener("submit", (event) => {
    event.preventDefault();
    compareFromFields(panel).catch(() => {}); // shown in the card already
  });
  byId("compare-scale").addEventListener("click", (event) => {
    const scale = event.target.closest("button[data-scale]")?.dataset.scale;
    if (scale) { panel.scale = scale; draw(panel); }
  });
  byId("compare-table").addEventListener("click", (event) => {
    const lr = event.target.closest("button[data-use-lr]")?.dataset.useLr;
    if (lr) lab.setState({ lr: Number(lr) }).catch((error) => showMessage(error.message));
  });
  new ResizeObserver(() => panel.shown && draw(panel)).observe(byId("compare-chart"));
  matchMedia("(prefers-color-scheme: dark)")
    .addEventListener("change", () => panel.shown && draw(panel));
  byId("compare-fieldset").disabled = false;
  byId("compare-btn").disabled = false;
  return {
    compare: ({ rates = [], steps } = {}) => {
      rateInputs().forEach((input, i) => {
        input.value = rates[i] === undefined ? "" : String(rates[i]);
      });
      if (steps !== undefined) byId("cmp-steps-input").value = String(steps);
      return compareFromFields(panel);
    },
    getComparison: () => (panel.shown ? structuredClone(panel.shown) : null),
  };
}

async function compareFromFields(panel) {
  const texts = rateInputs().map((input) => input.value);
  const read = readComparison(texts, byId("cmp-steps-input").value, panel.rules);
  rateInputs().forEach((input, i) => showFieldError(input, read.errors?.rates[i] ?? null));
  showFieldError(byId("cmp-steps-input"), read.errors?.steps ?? null);
  showMessage(read.errors?.form ?? null);
  if (read.errors) {
    const named = [
      ...read.errors.rates.map((e, i) => e && `rate ${i + 1}: ${e}`),
      read.errors.steps && `steps: ${read.errors.steps}`,
    ];
    throw valueError(named.find(Boolean) ?? `rates: ${read.errors.form}`);
  }
  if (panel.running) throw valueError("compare: A comparison is already running.");
  return run(panel, read.value);
}

async function run(panel, { rates, steps }) {
  const { config } = panel.lab.getState();
  const progress = byId("compare-progress");
  panel.running = true;
  byId("compare-btn").disabled = true;
  progress.hidden = false;
  progress.max = rates.length * steps;
  byId("compare-status").textContent =
    `Comparing ${rates.length} learning rate${rates.length === 1 ? "" : "s"}…`;
  try {
    const curves = await runComparison({
      sideCall: panel.lab.sideCall, config, rates, steps,
      onProgress: ({ index, step }) => { progress.value = index * steps + step; },
    });
    panel.shown = { curves, steps, config, lossLabel: panel.description.losses[config.loss].label };
    panel.scale = null; // a new comparison picks its own scale until the learner chooses one
    draw(panel);
    byId("compare-status").textContent = doneText(panel.shown, panel.description);
    return structuredClone(panel.shown);
  } catch (error) {
    byId("compare-status").textContent = "";
    showMessage(`The comparison could not run: ${error.message}`);
    throw error;
  } finally {
    panel.running = false;
    byId("compare-btn").disabled = false;
    progress.hidden = true;
  }
}

function draw(panel) {
  const { curves, steps, lossLabel } = panel.shown;
  const scale = panel.scale ?? (prefersLog(curves) ? "log" : "linear");
  for (const button of byId("compare-scale").querySelectorAll("button")) {
    button.setAttribute("aria-pressed", String(button.dataset.scale === scale));
  }
  byId("compare-results").hidden = false;
  renderCompareChart(byId("compare-chart"), { curves, steps, scale, lossLabel });
  renderCompareTable(byId("compare-table"), { curves, steps });
}

function doneText({ curves, steps, config }, description) {
  const rates = curves.map((curve) => curve.lr).join(", ");
  const optimizer = description.optimizers[config.optimizer.name].label;
  return `Compared η = ${rates} over ${steps} steps each, from this run’s starting weights ` +
    `(layers ${config.layers.join("-")}, ${optimizer}; only η differs).`;
}

function showMessage(message) {
  const box = byId("compare-msg");
  box.hidden = !message;
  box.textContent = message ?? "";
}

function valueError(message) {
  const error = new Error(message);
  error.name = "ValueError";
  return error;
}
