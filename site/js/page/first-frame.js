// Real numbers at first paint: the build ran the engine on the spec's scenario (first-frame.json);
// its frame is shown while the runtime loads, with every control still disabled. A link to another
// scenario waits for the engine.
import { defaultState, engineConfig, stateFromHash } from "../state/state.js";
import { applyHistory, createHistory } from "../state/history-store.js";

const byId = (id) => document.getElementById(id);

/** screen: page/screen.js; session: page/session.js (nothing is shown once the lab runs). */
export async function showFirstFrame(screen, session) {
  const data = embeddedFirstFrame() ?? await fetchFirstFrame();
  if (!data) return; // an older build or no network: the engine's own numbers come a little later
  const initial = stateFromHash(location.hash, data.describe);
  const config = (s) => JSON.stringify(engineConfig(s, data.describe));
  const same = (a, b) => config(a) === config(b);
  const spec = !initial.errors.length && same(initial.state, defaultState(data.describe));
  if (session.lab || !spec) return;
  const history = createHistory();
  applyHistory(history, data.frame.history);
  const { frame, describe: description } = data;
  screen.show({ frame, history, state: initial.state, description, branch: null });
  byId("lab").dataset.firstFrame = "shown";
  performance.mark("backprop:first-frame"); // bench/startup.py reads it
}

// The built page holds the first frame (a JSON data block), so it is drawn as the app starts,
// with no request; site/ served as is has only the file.
function embeddedFirstFrame() {
  try {
    return JSON.parse(byId("first-frame")?.textContent ?? "null");
  } catch {
    return null;
  }
}

async function fetchFirstFrame() {
  try {
    const response = await fetch(new URL("first-frame.json", document.baseURI));
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}
