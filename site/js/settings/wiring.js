// Wiring of the "Network settings" section (the network editor, the optimizer settings) and of what
// follows the configuration: the example's fields (one per input and output) and the texts that
// describe the network (network-texts.js). Shown from the view on screen; changes go through
// `apply` (window.backpropLab.setState). No state of its own.
import { render as renderNetworkSettings, watch as watchNetworkSettings } from "./network.js";
import {
  build as buildOptimizer, render as renderOptimizer, watch as watchOptimizer,
} from "./optimizer.js";
import { fitExampleFields } from "./example-fields.js";
import { biasNote, gradientItems, inactiveLegend, networkItems } from "../core/network-texts.js";
import { cardFields } from "../state/state.js";

const byId = (id) => document.getElementById(id);

/** Paint the settings from a view; `ready`: the lab runs (before that, the controls wait). */
export function showSettings(view, ready) {
  const { layers } = view.frame.config;
  fitExampleFields(byId("values-fieldset"), layers[0], layers[layers.length - 1]);
  showTexts(view.frame, view.description);
  if (!ready || !byId("optimizer-select")) return;
  const { frame, description } = view;
  renderNetworkSettings(byId("network-editor"), { frame, description });
  renderOptimizer(byId("optimizer-settings"),
    { state: view.state, config: view.frame.config, description: view.description });
}

/** Build the optimizer controls and listen to both parts (once, when the lab is ready). */
export function watchSettings(description, apply, getView) {
  byId("network-editor").replaceChildren();
  buildOptimizer(byId("optimizer-settings"), description, cardFields(description));
  watchNetworkSettings(byId("network-editor"), apply, getView);
  watchOptimizer(byId("optimizer-settings"), apply, getView);
}

// the page's own (spec) wording, restored when the spec's network is back
const original = new Map();

function showText(id, text) {
  const node = byId(id);
  if (!original.has(id)) original.set(id, node.textContent);
  const wanted = text ?? original.get(id);
  if (node.textContent !== wanted) node.textContent = wanted;
}

// A guide list: the generated items, or (null) the page's own, markup and all.
function showList(id, items) {
  const list = byId(id);
  if (!original.has(id)) original.set(id, [...list.children].map((li) => li.cloneNode(true)));
  const key = JSON.stringify(items);
  if (list.dataset.items === key) return;
  list.dataset.items = key;
  list.replaceChildren(...(items
    ? items.map((text) => Object.assign(document.createElement("li"), { textContent: text }))
    : original.get(id).map((li) => li.cloneNode(true))));
}

function showTexts(frame, description) {
  showList("guide-network", networkItems(frame, description));
  showList("guide-gradients", gradientItems(frame, description));
  showText("weights-bias-note", biasNote(frame.config));
  const legend = inactiveLegend(frame, description);
  byId("legend-dead").hidden = legend === null;
  showText("legend-dead-text", legend);
}
