// Wiring: boots the engine with visible progress, connects the form, buttons, URL hash and resizing
// to the lab controller, and defines window.backpropLab — the same functions the buttons use.
import { loadEngine } from "./bridge.js";
import { render as renderLoad } from "./loading-view.js";
import { createLab } from "./lab.js";
import { hashFromState, stateFromHash } from "./state.js";
import { showAll } from "./views.js";
import { linkEdgeHighlights } from "./edge-highlight.js";
import { render as renderEdgeReadout } from "./edge-readout.js";
import { syncFields, watchFields } from "./values-form.js";
import { networkSize } from "./network-geometry.js";

const byId = (id) => document.getElementById(id);
const form = byId("values-form");
const buttons = ["step-btn", "step10-btn", "reset-btn"].map(byId);
const initial = stateFromHash(location.hash);
const state = initial.state; // the one UI state object; lab.js changes it
let lab = null;
let shown = null; // the engine record on screen, for redraws that need no engine call
const highlights = linkEdgeHighlights(byId("lab"), (key) => {
  if (shown) renderEdgeReadout(byId("edge-readout"), { state: shown, key });
});

showHashErrors(initial.errors);

function show(record) {
  if (record !== shown) byId("step-error").hidden = true; // a refused step shows it after this
  shown = record;
  showAll(record, state, { onScaleChange });
  highlights.refresh();
  syncFields(form, state);
  writeHash();
}

function onScaleChange(scale) {
  state.loss_scale = scale;
  if (shown) show(shown);
}

async function boot() {
  try {
    const engine = await loadEngine({ onProgress: (load) => renderLoad(byId("load"), load) });
    lab = createLab({ engine, state, show });
    await lab.start();
  } catch (error) {
    renderLoad(byId("load"), { phase: "failed", label: "", fraction: 0, error });
    console.warn("Backprop Lab failed to load:", error);
    throw error;
  }
  byId("values-fieldset").disabled = false;
  buttons.forEach((button) => { button.disabled = false; });
  byId("lab").setAttribute("aria-busy", "false");
  return lab.getState();
}

const ready = boot();
ready.catch(() => {});
const afterReady = (fn) => async (...args) => { await ready; return fn(...args); };

window.backpropLab = {
  ready,
  getState: () => (lab ? lab.getState() : null),
  setState: afterReady((partial) => lab.setState(partial)),
  step: afterReady((n) => lab.step(n)),
  reset: afterReady((seed) => lab.reset(seed)),
};

function writeHash() {
  const hash = `#${hashFromState(state)}`;
  if (location.hash === hash) return;
  try {
    history.replaceState(history.state, "", hash);
  } catch {
    // Some sandboxed frames refuse history changes; the lab works without a shareable URL.
  }
}

function showHashErrors(errors) {
  const box = byId("hash-error");
  box.hidden = errors.length === 0;
  box.textContent = errors.length
    ? `Part of the link could not be used, so defaults were used instead — ${errors.map((e) => e.message).join(" ")}`
    : "";
}

async function runStep(n) {
  const box = byId("step-error");
  try {
    await window.backpropLab.step(n);
  } catch (error) {
    box.textContent = stepErrorText(error);
    box.hidden = false;
  }
}

function stepErrorText(error) {
  if (error.name === "DivergenceError") return `Step refused — ${error.message}`;
  return `The step failed: ${error.message}`;
}

byId("step-btn").addEventListener("click", () => runStep(1));
byId("step10-btn").addEventListener("click", () => runStep(10));
byId("reset-btn").addEventListener("click", () => window.backpropLab.reset().catch((error) => console.warn(error)));
byId("retry-btn").addEventListener("click", () => window.location.reload());
byId("skip-link").addEventListener("click", (event) => {
  event.preventDefault(); // keep the scenario in the URL hash
  byId("lab").focus();
});

watchFields(form, (field, index, value) => {
  const partial = field === "inputs" || field === "targets"
    ? { [field]: state[field].map((v, i) => (i === index ? value : v)) }
    : { [field]: value };
  return window.backpropLab.setState(partial);
});

// A scenario typed into the address bar; "#lab" (the skip link) and the like are not scenarios.
window.addEventListener("hashchange", () => {
  if (!lab || !location.hash.includes("=") || location.hash === `#${hashFromState(state)}`) return;
  const parsed = stateFromHash(location.hash);
  showHashErrors(parsed.errors);
  lab.load({ ...parsed.state, loss_scale: state.loss_scale })
    .catch((error) => showHashErrors([{ message: error.message }]));
});

// Redraw the network when its column changes width, so its text stays at its true size.
new ResizeObserver(() => {
  const svg = byId("network").querySelector("svg");
  const wanted = networkSize(byId("network").clientWidth, [1]).width;
  if (shown && svg && svg.viewBox.baseVal.width !== wanted) show(shown);
}).observe(byId("network"));
