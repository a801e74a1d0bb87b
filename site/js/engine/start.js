// Starts loading the Python engine the moment the page's first script runs: the served page loads
// this module (bundled) on its own, ahead of the app, so the runtime's downloads do not wait for
// the app's larger script to arrive and compile. The app takes the engine, and the progress so far,
// from here.
import { loadEngine } from "./bridge.js";

const listeners = new Set();
let latest = null;

/** Promise of the engine (see bridge.js loadEngine); rejects with the load's failure. */
export const engineLoading = loadEngine({
  manifest: embeddedManifest(),
  onProgress: (load) => tell({ ...load, notice: latest?.notice }),
  // The engine's worker stopped and was restarted: said in the load section, the bar long gone.
  onNotice: (notice) => tell({ ...latest, notice }),
});
engineLoading.catch(() => {}); // the app reports it (a page whose app never ran: boot-check.js)

function tell(load) {
  latest = load;
  for (const listener of listeners) listener(load);
}

/** Calls listener(load) with the progress so far, then on every change ({phase, label, fraction,
 * notice}: notice is a sentence about the engine once it has been restarted, else undefined). */
export function watchLoad(listener) {
  listeners.add(listener);
  if (latest) listener(latest);
}

// The built page holds the runtime's part of manifest.json (build.py runtime_manifest), parsed
// before this script runs; without it (site/ served as is), the bridge fetches manifest.json.
function embeddedManifest() {
  try {
    return JSON.parse(document.getElementById("runtime-manifest")?.textContent ?? "null");
  } catch {
    return null; // a damaged page: manifest.json says the same
  }
}
