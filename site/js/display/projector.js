// The projector display (`display=projector` in the URL hash, or the Projector button): large
// type, thick lines and strong contrast for a lab shown on a classroom screen. A view option like
// embed=1: kept in the links the page writes and shares, never part of the scenario.
import { hasOption, withOption } from "../core/view-options.js";

const KEY = "display";
const VALUE = "projector";

/** True when the hash asks for the projector display. */
export function wantsProjector(hash) {
  return hasOption(hash, KEY, VALUE);
}

/** The hash with display=projector at its end when `on`, without it otherwise. */
export function withProjector(hash, on) {
  return withOption(hash, KEY, on ? VALUE : null);
}

let projecting = false;

/** Whether the page is in the projector display now (the drawing draws thicker lines). */
export const isProjector = () => projecting;

/** The hash the page writes, with the display kept. */
export const keepDisplay = (hash) => withProjector(hash, projecting);

/**
 * Applies the display the URL asks for and wires the Projector button (aria-pressed); a change
 * calls onChange() so the page can draw again, and rewrites the URL's hash to keep it.
 */
export function startDisplay(doc, { onChange = () => {} } = {}) {
  const button = doc.getElementById("projector-btn");
  const apply = (on) => {
    projecting = on;
    doc.documentElement.classList.toggle("is-projector", on);
    button?.setAttribute("aria-pressed", String(on));
  };
  apply(wantsProjector(window.location.hash));
  button?.addEventListener("click", () => {
    apply(!projecting);
    rewriteHash();
    onChange();
  });
  window.addEventListener("hashchange", () => {
    if (wantsProjector(window.location.hash) === projecting) return;
    apply(!projecting);
    onChange();
  });
}

function rewriteHash() {
  try {
    history.replaceState(history.state, "", keepDisplay(window.location.hash));
  } catch {
    // A sandboxed frame may refuse history changes; the display changes all the same.
  }
}
