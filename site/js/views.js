// Paints every view of the lab from one view (engine frame, the page's history, the UI state and
// the engine's description): the drawing, the tables, the chart, the readouts and the screen-reader
// announcement. Holds no state of its own; every word about the maths comes from the description.
import { render as renderNetwork } from "./network/view.js";
import { render as renderWeights } from "./tables/weights.js";
import { render as renderUpdates } from "./tables/updates.js";
import { render as renderHistory } from "./tables/history.js";
import { render as renderGradientSizes } from "./network/gradient-sizes.js";
import { renderLossChart } from "./charts/loss-chart.js";
import { eventSteps } from "./tables/history-events.js";
import { fixed } from "./core/format.js";
import { render as renderData, lossName } from "./data/view.js";
import { renderPicker, shownLayer } from "./tables/layers.js";

const byId = (id) => document.getElementById(id);

const drawNow = (element, paint) => paint();

/**
 * view: {frame, history, state, description, branch}; options: {onScaleChange(scale)} for the chart's
 * toggle, {onPick(step)} when a chart point is chosen, {onLayerPick(choice)} when the tables' layer of
 * weights is chosen ("all" or an index), {draw(element, paint)} for the long tables
 * (offscreen.js: out of sight while playing, they catch up later).
 */
export function showAll({ frame, history, state, description, branch, points }, { onScaleChange, onPick, onLayerPick, decorate, draw = drawNow }) {
  const network = byId("network");
  const optimizer = description.optimizers[frame.config.optimizer.name];
  renderNetwork(network, {
    state: frame, width: network.clientWidth || 640, activations: description.activations, phase: state.phase, decorate,
  });
  showPhase(state.phase, frame, optimizer);
  const layers = frame.config.layers;
  const bias = frame.config.bias;
  const layer = shownLayer(state.table_layer, layers, bias);
  const picker = { layers, bias, shown: layer, onPick: onLayerPick };
  renderPicker(byId("weights-layers"), picker);
  renderPicker(byId("updates-layers"), { ...picker, offered: Boolean(frame.last_step) }); // none before a step
  draw(byId("weights"), () => renderWeights(byId("weights"), { weights: frame.weights, layers, biases: bias ? frame.biases : null, layer }));
  draw(byId("updates"), () => renderUpdates(byId("updates"), {
    last_step: frame.last_step, rule: optimizer.rule, state_columns: optimizer.state, layers,
    optimizer_state: frame.optimizer_state, bias, layer,
  }));
  draw(byId("history"), () => renderHistory(byId("history"), { history, lossColumn: lossName(frame) }));
  showDeadNote(byId("dead-note"), frame);
  const events = eventSteps(history.rows);
  byId("chart-events-note").hidden = events.length === 0;
  renderLossChart(byId("loss-chart"), {
    history: history.rows, scale: state.loss_scale, onScaleChange, events, branch, onPick,
    lossLabel: `${frame.config.dataset ? "batch, " : ""}${description.losses[frame.config.loss].label}`,
  });
  showBranch(byId("branch-note"), branch, frame);
  byId("undo-btn").disabled = frame.step === 0;
  showReadouts(frame, state, description);
  renderData({ frame, points });
  showLearningRateAdvice(byId("lr-advice"), frame);
}

// Beside the learning rate: the loss the next step would reach (the engine's preview) and the
// engine's verdict on it (stability.py), which never contradicts that preview.
function showLearningRateAdvice(box, frame) {
  const { loss_after: next, diverges } = frame.preview;
  const parts = [diverges ? "Next step would diverge." : `Next step: loss ${fixed(frame.loss, 4)} → ${fixed(next, 4)}.`];
  const stability = frame.stability;
  if (stability?.reason) parts.push(stability.reason);
  box.textContent = parts.join(" ");
  box.dataset.status = stability?.status ?? (diverges ? "diverges" : "");
}

// What each phase shows, in words and in the legend.
const PHASES = {
  forward: {
    note: (optimizer, bias) => `Forward pass: each neuron adds up its weighted inputs, z = Σ w·a${bias ? " + b" : ""}, ` +
      "and passes on a = f(z), shown in its circle.",
    legend: ["positive weight", "negative weight", "thickness ∝ |w|"],
  },
  backward: {
    note: (optimizer, bias, dataset) => (dataset
      ? "Backward pass: the error flows from the output back to the inputs. Circles show the drawn sample's " +
        "δ = ∂L/∂z (its error signal); each connection shows the gradient the update uses, the mean of " +
        `δ(to)·a(from) over the rows of the next batch${bias ? " (each bias: the mean of δ)" : ""}, so it is not ` +
        "the product of the two circles."
      : "Backward pass: the error flows from the output back to the inputs. Circles show δ = ∂L/∂z, each " +
        `neuron's error signal; each connection's gradient is ∂L/∂w = δ(to)·a(from)${bias ? ", each bias's ∂L/∂b = δ" : ""}.`),
    legend: ["positive ∂L/∂w", "negative ∂L/∂w", "thickness ∝ |∂L/∂w|"],
  },
  update: {
    note: (optimizer, bias) => `Update: each connection shows the change Δw the next step makes${bias ? " (each b its Δb)" : ""} ` +
      `(${optimizer.label}: ${optimizer.rule}).`,
    legend: ["Δw > 0: w will increase", "Δw < 0: w will decrease", "thickness ∝ |Δw|"],
  },
};

function showPhase(phase, frame, optimizer) {
  const { note, legend } = PHASES[phase];
  byId("phase-note").textContent = note(optimizer, frame.config.bias, Boolean(frame.config.dataset));
  ["legend-pos", "legend-neg", "legend-width"].forEach((id, i) => { byId(id).textContent = legend[i]; });
  for (const button of byId("phase-group").querySelectorAll("button")) {
    button.setAttribute("aria-pressed", String(button.dataset.phase === phase));
  }
  const sizes = byId("grad-sizes");
  sizes.hidden = phase !== "backward";
  byId("grad-sizes-link").hidden = sizes.hidden;
  if (!sizes.hidden) renderGradientSizes(sizes, { dW: frame.backward.dW, layers: frame.config.layers });
}

function showReadouts(frame, state, description) {
  const prediction = frame.prediction.map((v) => fixed(v, 3)).join(", ");
  byId("step-count").textContent = String(frame.step);
  byId("loss-value").textContent = fixed(frame.loss, 4);
  byId("prediction-value").textContent = prediction;
  byId("weights-origin").textContent = originText(state, description);
  byId("spec-link").hidden = isSpecScenario(frame, state, description);
  const note = byId("step-note");
  note.textContent = frame.notes.step ?? "";
  note.classList.toggle("is-quiet", note.textContent === ""); // keeps its room: nothing below moves
  const live = byId("live-status");
  const text = `Step ${frame.step}. Loss ${fixed(frame.loss, 4)}. Prediction ${prediction}.`;
  if (live.textContent !== text) live.textContent = text;
}

function startsFromSpecWeights(state, description) {
  const spec = description.presets.spec.config.weights;
  return state.init_weights !== null && JSON.stringify(spec) === JSON.stringify(state.init_weights);
}

function isSpecScenario(frame, state, description) {
  const spec = description.presets.spec.config;
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  return startsFromSpecWeights(state, description) && frame.step === 0 && same(frame.inputs, spec.inputs) &&
    same(frame.targets, spec.targets) && same(frame.config.optimizer, spec.optimizer) &&
    same(frame.config.layers, spec.layers);
}

function originText(state, description) {
  if (state.init_weights === null) return `This run started from random weights drawn with seed ${state.seed}.`;
  return startsFromSpecWeights(state, description)
    ? "This run started from the spec’s example weights."
    : "This run started from the weights given in the link.";
}

// After going back in time: where the learner is, and what happened to the later steps.
function showBranch(box, branch, frame) {
  box.hidden = !branch;
  if (!branch) return;
  const last = branch.rows[branch.rows.length - 1].step;
  box.textContent = `You went back to step ${branch.from}. The steps after it, up to ${last}, are drawn dashed on ` +
    `the chart; stepping on from step ${frame.step} starts a new branch.`;
}

// The engine's sentence on inactive neurons (notes.py), for touch screens and screen readers too.
function showDeadNote(box, frame) {
  box.hidden = !frame.notes.inactive;
  box.textContent = frame.notes.inactive ?? "";
}
