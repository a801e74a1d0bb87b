// Paints every view of the lab from one view (the engine's frame, the page's history, the UI state
// and the engine's description): the drawing and its notes, the tables, the chart, the readouts
// and the notes beside the controls, each by its own renderer. Holds nothing; every word about the
// maths is the engine's (frame.notes, frame.stability, describe()).
import { render as renderNetwork } from "./network/view.js";
import { isProjector } from "./display/projector.js";
import { render as renderPhaseButtons } from "./network/phase-buttons.js";
import { render as renderLegend } from "./network/legend.js";
import { render as renderGradientSizes } from "./network/gradient-sizes.js";
import { render as renderWeights } from "./tables/weights.js";
import { render as renderUpdates } from "./tables/updates.js";
import { render as renderHistory } from "./tables/history.js";
import { eventSteps } from "./tables/history-events.js";
import { renderPicker, shownLayer } from "./tables/layers.js";
import { render as renderLossChart } from "./charts/loss-chart.js";
import { render as renderReadout } from "./training/readout.js";
import { render as renderData, lossName } from "./data/view.js";
import { render as renderPhaseNote } from "./notes/phase-note.js";
import { render as renderDeadNote } from "./notes/dead-note.js";
import { render as renderBranchNote } from "./notes/branch-note.js";
import { render as renderStepNote } from "./notes/step-note.js";
import { render as renderOriginNote } from "./notes/origin-note.js";
import { render as renderLiveStatus } from "./notes/live-status.js";
import { render as renderLrAdvice } from "./notes/lr-advice.js";

const byId = (id) => document.getElementById(id);

const drawNow = (element, paint) => paint();

/**
 * view: {frame, history, state, description, branch, points}; options: {onScaleChange(scale)}
 * for the chart's toggle, {onPick(step)} when a chart point is chosen, {onLayerPick(choice)} when
 * the tables' layer of weights is chosen ("all" or an index), {decorate(svg, …)} for the drawing
 * (node-maps.js), {draw(element, paint)} for the long tables (offscreen.js: out of sight while
 * playing, they catch up later).
 */
export function showAll(view, options) {
  showNetwork(view, options); // first: it alone reads the layout (its column's width)
  showTables(view, options);
  showChart(view, options);
  showReadouts(view);
}

function showNetwork({ frame, state, description }, { decorate }) {
  const network = byId("network");
  const { phase } = state;
  const { bias, dataset } = frame.config;
  const width = network.clientWidth || 640;
  renderNetwork(network, {
    frame, width, activations: description.activations, phase, projector: isProjector(), decorate,
  });
  renderPhaseButtons(byId("phase-group"), { phase });
  const optimizer = description.optimizers[frame.config.optimizer.name];
  renderPhaseNote(byId("phase-note"), { phase, optimizer, bias, dataset: Boolean(dataset) });
  renderLegend(byId("legend"), { phase });
  showGradientSizes(frame, phase);
  renderDeadNote(byId("dead-note"), { note: frame.notes.inactive });
}

// The bars of gradient sizes belong to the backward pass only.
function showGradientSizes(frame, phase) {
  const sizes = byId("grad-sizes");
  sizes.hidden = phase !== "backward";
  byId("grad-sizes-link").hidden = sizes.hidden;
  if (sizes.hidden) return;
  renderGradientSizes(sizes, { dW: frame.backward.dW, layers: frame.config.layers });
}

function showTables({ frame, history, state, description }, { onLayerPick, draw = drawNow }) {
  const { layers, bias } = frame.config;
  const optimizer = description.optimizers[frame.config.optimizer.name];
  const layer = shownLayer(state.table_layer, layers, bias);
  const picker = { layers, bias, shown: layer, onPick: onLayerPick };
  renderPicker(byId("weights-layers"), picker);
  const offered = Boolean(frame.last_step); // no updates before the first step
  renderPicker(byId("updates-layers"), { ...picker, offered });
  const weights = { weights: frame.weights, layers, biases: bias ? frame.biases : null, layer };
  draw(byId("weights"), () => renderWeights(byId("weights"), weights));
  draw(byId("updates"), () => renderUpdates(byId("updates"), {
    last_step: frame.last_step, rule: optimizer.rule, state_columns: optimizer.state, layers,
    optimizer_state: frame.optimizer_state, bias, layer,
  }));
  const rows = { history, lossColumn: lossName(frame) };
  draw(byId("history"), () => renderHistory(byId("history"), rows));
}

function showChart({ frame, history, state, description, branch }, { onScaleChange, onPick }) {
  const events = eventSteps(history.rows);
  byId("chart-events-note").hidden = events.length === 0;
  const loss = description.losses[frame.config.loss].label;
  renderLossChart(byId("loss-chart"), {
    history: history.rows, scale: state.loss_scale, onScaleChange, events, branch, onPick,
    lossLabel: `${frame.config.dataset ? "batch, " : ""}${loss}`,
  });
  renderBranchNote(byId("branch-note"), { branch, step: frame.step });
}

function showReadouts({ frame, state, description, points }) {
  renderReadout(byId("readout"), { frame });
  byId("undo-btn").disabled = frame.step === 0;
  renderOriginNote(byId("origin-note"), { frame, state, description });
  renderStepNote(byId("step-note"), { note: frame.notes.step });
  renderLiveStatus(byId("live-status"), { frame });
  renderData({ frame, points });
  const { loss, preview, stability } = frame;
  renderLrAdvice(byId("lr-advice"), { loss, preview, stability });
}
