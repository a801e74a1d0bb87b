// Starting the lab: shows the engine's download progress, reads the link's scenario, makes the lab
// (the one writer of the UI state) and the parts that need it, starts the run, then opens the
// controls. A failed load is shown in the load panel and rejects window.backpropLab.ready.
import { engineLoading, watchLoad } from "../engine/start.js";
import { render as renderLoad } from "../engine/loading-view.js";
import { createLab } from "../state/lab.js";
import { stateFromHash } from "../state/state.js";
import { startPlayControls } from "../training/play-controls.js";
import { startComparePanel } from "../compare/panel.js";
import { showHashErrors, watchHash } from "./hash.js";
import { startLabParts } from "./parts.js";

const byId = (id) => document.getElementById(id);
const CONTROLS = ["values-fieldset", "data-fieldset", "step-mode", "csv-btn", "json-btn",
  "import-input", "gradcheck-btn", "step-btn", "step10-btn", "reset-btn"]; // Undo follows the step

/**
 * Fills `session` (page/session.js) as its parts start; resolves with the public state once every
 * view shows the first run. onPlaying(on): Play starts or stops.
 */
export async function boot({ session, screen, api, onPlaying }) {
  try {
    watchLoad((load) => renderLoad(byId("load"), load));
    const engine = await engineLoading;
    const description = await engine.call("describe");
    const initial = stateFromHash(location.hash, description);
    showHashErrors(initial.errors);
    const lab = createLab({ engine, description, state: initial.state, show: screen.show });
    session.lab = lab;
    startLabParts({ lab, description, screen, api });
    await startWithUsableKeys(lab, initial, description);
    session.training = startPlayControls(lab, description, { onPlaying });
    session.comparison = startComparePanel(lab, description);
  } catch (error) {
    renderLoad(byId("load"), { phase: "failed", label: "", fraction: 0, error });
    console.warn("Backprop Lab failed to load:", error);
    throw error;
  }
  openControls();
  watchHash(session.lab, screen.shown);
  return session.lab.getState();
}

// The engine has the last word on a link's values (e.g. a data set's settings): a key it refuses
// is reported like any bad key and replaced by its default, and the rest of the link applies.
async function startWithUsableKeys(lab, initial, description) {
  try {
    await lab.start();
  } catch (error) {
    if (error.name !== "ValueError") throw error;
    showHashErrors([...initial.errors, { message: `${error.message}.` }]);
    Object.assign(initial.state, stateFromHash("", description).state);
    await lab.start();
  }
}

function openControls() {
  for (const id of CONTROLS) byId(id).disabled = false;
  byId("lab").setAttribute("aria-busy", "false");
  performance.mark("backprop:interactive"); // bench/perf.py: time to interactive
}
