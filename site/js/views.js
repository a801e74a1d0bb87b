// Paints every view of the lab from one engine record and the UI state: the drawing, the tables,
// the chart, the readouts and the screen-reader announcement. Holds no state of its own.
import { render as renderNetwork } from "./network-view.js";
import { render as renderWeights } from "./weights-table.js";
import { render as renderUpdates } from "./updates-table.js";
import { render as renderHistory } from "./history-table.js";
import { renderLossChart } from "./loss-chart.js";
import { fixed } from "./format.js";
import { SPEC_WEIGHTS, flattenWeights } from "./state.js";
import { nodeName } from "./network-geometry.js";

const byId = (id) => document.getElementById(id);

/** options: {onScaleChange(scale)} for the chart's linear/log toggle. */
export function showAll(record, state, { onScaleChange }) {
  const network = byId("network");
  renderNetwork(network, { state: record, width: network.clientWidth || 640 });
  renderWeights(byId("weights"), { weights: record.weights });
  renderUpdates(byId("updates"), { last_step: record.last_step });
  renderHistory(byId("history"), { history: record.history });
  showDeadNote(byId("dead-note"), record);
  renderLossChart(byId("loss-chart"), { history: record.history, scale: state.loss_scale, onScaleChange });
  showReadouts(record, state);
}

function showReadouts(record, state) {
  const prediction = record.prediction.map((v) => fixed(v, 3)).join(", ");
  byId("step-count").textContent = String(record.step);
  byId("loss-value").textContent = fixed(record.loss, 4);
  byId("prediction-value").textContent = prediction;
  byId("weights-origin").textContent = originText(state);
  byId("spec-link").hidden = isSpecScenario(record, state);
  const note = byId("step-note");
  note.textContent = stepNote(record);
  note.hidden = note.textContent === "";
  const live = byId("live-status");
  const text = `Step ${record.step}. Loss ${fixed(record.loss, 4)}. Prediction ${prediction}.`;
  if (live.textContent !== text) live.textContent = text;
}

function startsFromSpecWeights(state) {
  return state.init_weights !== null && flattenWeights(SPEC_WEIGHTS).join() === flattenWeights(state.init_weights).join();
}

function isSpecScenario(record, state) {
  return startsFromSpecWeights(state) && record.step === 0 && state.inputs.join() === "1,0.5" &&
    state.targets.join() === "2" && state.lr === 0.01;
}

function originText(state) {
  if (state.init_weights === null) return `This run started from random weights drawn with seed ${state.seed}.`;
  return startsFromSpecWeights(state)
    ? "This run started from the spec’s example weights."
    : "This run started from the weights given in the link.";
}

// A hint when training has gone wrong in a way the numbers alone do not explain.
function stepNote(record) {
  const hidden = record.dead.flat();
  if (hidden.length && hidden.every(Boolean)) {
    return "Every hidden neuron is inactive (z ≤ 0): the output is stuck at 0 and no gradient reaches any " +
      "weight, so steps change nothing. Press Reset Weights, or change the inputs.";
  }
  const last = record.history[record.history.length - 1];
  if (last && last.delta_loss > 0) return "The loss went up on the last step: the learning rate may be too high.";
  return "";
}

// The inactive-neuron explanation in words, for touch screens and screen readers (no tooltips).
function showDeadNote(box, record) {
  const layers = [record.weights[0][0].length, ...record.weights.map((layer) => layer.length)];
  const names = record.dead.flatMap((layer, l) => layer.flatMap((dead, i) => (dead ? [nodeName(layers, l + 1, i)] : [])));
  box.hidden = names.length === 0;
  if (!names.length) return;
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  const [verb, its] = names.length === 1 ? ["is", "its"] : ["are", "their"];
  box.textContent = `${list} ${verb} inactive (dashed): z ≤ 0, so ReLU outputs 0 with slope 0. ` +
    `No gradient flows through an inactive neuron, so ${its} weights do not change on the next step.`;
}
