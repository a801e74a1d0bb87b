// The parts of the page that need the lab, started as soon as it exists (before its first run):
// the chain-rule receipt and the gradient check (asked again for each new frame), the settings,
// the Data card, the function-space pictures, the step buttons, and the tables following the layer
// of a connection chosen in the drawing.
import { watchReceipt } from "../receipt/receipt.js";
import { watchGradientCheck } from "../tables/gradcheck-toggle.js";
import { shownLayer } from "../tables/layers.js";
import { watchSettings } from "../settings/wiring.js";
import { syncDataForm, watchDataForm } from "../data/form.js";
import { createSurfaceFeed } from "../maps/surface-feed.js";
import { watchStepButtons } from "../training/step-buttons.js";
import { layerOfKey } from "../core/network-geometry.js";

const byId = (id) => document.getElementById(id);

/** lab: the lab controller; description: describe(); screen: page/screen.js; api: the JS API. */
export function startLabParts({ lab, description, screen, api }) {
  const getView = screen.shown;
  const receipt = watchReceipt(byId("lab"), byId("receipt"), lab, getView);
  const check = watchGradientCheck(byId("gradcheck-btn"), byId("gradcheck"), lab, getView);
  screen.follow((view, moved) => {
    if (!moved) return;
    receipt.refresh();
    check.refresh();
  });
  watchSettings(description, (partial) => api.setState(partial), getView);
  watchDataForm({ api, description, current: getView });
  screen.follow(syncDataForm);
  const surfaces = createSurfaceFeed({
    lab, mapBox: byId("function-map"), networkBox: byId("network"), note: byId("function-note"),
    onPick: (sample) => api.setState({ sample }),
  });
  screen.follow((view) => surfaces.update(view));
  watchStepButtons({ lab, api, getView });
  followDrawingLayer(byId("network"), lab, getView);
}

// A connection or bias chosen in the drawing (focused, clicked or tapped) brings the tables to its
// layer of weights when they show another one, so its highlighted rows are in sight.
function followDrawingLayer(network, lab, getView) {
  const follow = (event) => {
    const layer = layerOfKey(event.target?.closest?.("[data-edge]")?.dataset.edge);
    const view = getView();
    if (layer === null || !view) return;
    const { layers, bias } = view.frame.config;
    const showing = shownLayer(view.state.table_layer, layers, bias);
    if (showing !== null && showing !== layer) lab.setView({ table_layer: layer });
  };
  network.addEventListener("focusin", follow);
  network.addEventListener("click", follow);
}
