// Wiring of the "Network settings" section: the network editor, the optimizer settings and the
// example's fields, which follow the layer sizes. Shown from the view on screen; changes go through
// `apply` (window.backpropLab.setState). No state of its own.
import { render as renderNetworkSettings, watch as watchNetworkSettings } from "./network-settings.js";
import { build as buildOptimizer, render as renderOptimizer, watch as watchOptimizer } from "./optimizer-settings.js";
import { fitExampleFields } from "./example-fields.js";

const byId = (id) => document.getElementById(id);

/** Paint the settings from a view; `ready`: the lab runs (before that, the controls wait). */
export function showSettings(view, ready) {
  const { layers } = view.frame.config;
  fitExampleFields(byId("values-fieldset"), layers[0], layers[layers.length - 1]);
  if (!ready || !byId("optimizer-select")) return;
  renderNetworkSettings(byId("network-editor"), { config: view.frame.config, description: view.description });
  renderOptimizer(byId("optimizer-settings"), { state: view.state, config: view.frame.config, description: view.description });
}

/** Build the optimizer controls and listen to both parts (once, when the lab is ready). */
export function watchSettings(description, apply, getView) {
  byId("network-editor").replaceChildren();
  buildOptimizer(byId("optimizer-settings"), description);
  watchNetworkSettings(byId("network-editor"), apply, getView);
  watchOptimizer(byId("optimizer-settings"), apply, getView);
}
