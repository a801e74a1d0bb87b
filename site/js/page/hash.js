// The scenario in the URL hash: written after each view (history.replaceState: no new browser
// history entries), read when a scenario is typed into the address bar; a key that cannot be used
// is named at the top of the page and its default used. Parsing and writing: state/state.js.
import { hashFromState, stateFromHash } from "../state/state.js";
import { keepViewOptions } from "../embed/embed.js";
import { keepDisplay } from "../display/projector.js";

const VIEW_OPTIONS = ["loss_scale", "phase", "step_mode", "table_layer"]; // kept by a typed link

// The hash the page writes: the scenario, plus view options such as embed=1 and display=projector.
const pageHash = ({ state, description }) =>
  keepDisplay(keepViewOptions(`#${hashFromState(state, description)}`));

/** After each view: the URL says what the page shows. */
export function writeHash(view) {
  const hash = pageHash(view);
  if (location.hash === hash) return;
  try {
    history.replaceState(history.state, "", hash);
  } catch {
    // Some sandboxed frames refuse history changes; the lab works without a shareable URL.
  }
}

/** errors: [{message}] of the keys a link could not use (none: the notice hides). */
export function showHashErrors(errors) {
  const box = document.getElementById("hash-error");
  box.hidden = errors.length === 0;
  const messages = errors.map((e) => e.message).join(" ");
  box.textContent = errors.length
    ? `Part of the link could not be used, so defaults were used instead — ${messages}`
    : "";
}

/** A scenario typed into the address bar starts a run; "#lab" (the skip link) and the like, and
 * the page's own hash, are not scenarios. lab: {load}; getView(): the view on screen. */
export function watchHash(lab, getView) {
  window.addEventListener("hashchange", () => {
    const view = getView();
    if (!location.hash.includes("=") || location.hash === pageHash(view)) return;
    const parsed = stateFromHash(location.hash, view.description);
    showHashErrors(parsed.errors);
    const options = Object.fromEntries(VIEW_OPTIONS.map((key) => [key, view.state[key]]));
    lab.load({ ...parsed.state, ...options })
      .catch((error) => showHashErrors([{ message: error.message }]));
  });
}
