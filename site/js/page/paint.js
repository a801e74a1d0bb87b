// Paints each view the lab shows wherever it appears: every view (views.js), the highlight of the
// connection pointed at and its readout, the settings and the example's fields; and paints again
// when the drawing's column changes width, so its text keeps its true size. Asks the lab only to
// change view options (the chart's scale, the tables' layer).
import { showAll } from "../views.js";
import { linkEdgeHighlights } from "../network/edge-highlight.js";
import { render as renderEdgeReadout } from "../network/edge-readout.js";
import { decorate } from "../maps/node-maps.js";
import { showSettings } from "../settings/wiring.js";
import { syncValuesForm } from "../training/values-form.js";
import { createOffscreenViews } from "../core/offscreen.js";
import { networkSize } from "../core/network-geometry.js";

const byId = (id) => document.getElementById(id);

/**
 * screen: page/screen.js; session: page/session.js; onPick(step): a chart point was chosen.
 * Returns {setDeferring(on)}: while Play runs, tables out of sight wait until seen (offscreen.js).
 */
export function followWithPaint(screen, session, { onPick }) {
  const offscreen = createOffscreenViews();
  const highlights = linkEdgeHighlights(byId("lab"), (key) => {
    const view = screen.shown();
    if (view) renderEdgeReadout(byId("edge-readout"), { frame: view.frame, key });
  });
  const options = {
    onScaleChange: (scale) => session.lab?.setView({ loss_scale: scale }),
    onPick,
    onLayerPick: (choice) => session.lab?.setView({ table_layer: choice }),
    decorate: decorate(byId("network")),
    draw: offscreen.draw,
  };
  screen.follow((view) => {
    showAll(view, options);
    highlights.refresh();
    showSettings(view, session.lab !== null); // also fits the example's fields to the layer sizes
    syncValuesForm(byId("values-form"), view);
  });
  redrawOnResize(screen);
  return { setDeferring: offscreen.setDeferring };
}

// At the next frame: a redraw inside the callback changes the very size observed, which every
// engine reports as an error ("ResizeObserver loop completed with undelivered notifications").
function redrawOnResize(screen) {
  const network = byId("network");
  let pending = false;
  new ResizeObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const view = screen.shown();
      const svg = network.querySelector("svg");
      const wanted = networkSize(network.clientWidth, [1]).width;
      if (view && svg && svg.viewBox.baseVal.width !== wanted) screen.show(view);
    });
  }).observe(network);
}
