// Wiring: boots the engine with visible progress, connects the form, buttons, URL hash and resizing
// to the lab controller, and defines window.backpropLab — the same functions the buttons use.
import { loadEngine } from "./bridge.js";
import { render as renderLoad } from "./loading-view.js";
import { createLab } from "./lab.js";
import { PROPS, hashFromState, stateFromHash } from "./state.js";
import { numberRule } from "./validate.js";
import { showAll } from "./views.js";
import { linkEdgeHighlights } from "./edge-highlight.js";
import { render as renderEdgeReadout } from "./edge-readout.js";
import { syncFields, watchFields } from "./values-form.js";
import { networkSize } from "./network-geometry.js";
import { keepForOffline } from "./offline.js";

const byId = (id) => document.getElementById(id);
const form = byId("values-form");
const buttons = ["step-btn", "step10-btn", "reset-btn"].map(byId);
let description = null; // the engine's describe(): limits, defaults, names and formulas
let state = null; // the one UI state object; only lab.js changes it
let lab = null;
let shown = null; // the view on screen, for redraws that need no engine call
const highlights = linkEdgeHighlights(byId("lab"), (key) => {
  if (shown) renderEdgeReadout(byId("edge-readout"), { state: shown.frame, key });
});

function show(view) {
  if (view.frame !== shown?.frame) byId("step-error").hidden = true; // a refused step shows it after this
  shown = view;
  showAll(view, { onScaleChange });
  highlights.refresh();
  syncFields(form, state, ruleFor);
  writeHash();
}

function onScaleChange(scale) {
  state.loss_scale = scale;
  if (shown) show(shown);
}

// A form field's rule is its state property's engine rule.
function ruleFor(field) {
  return numberRule(description.fields[PROPS.find((prop) => prop.name === field).rule]);
}

async function boot() {
  try {
    const engine = await loadEngine({ onProgress: (load) => renderLoad(byId("load"), load) });
    description = await engine.call("describe");
    const initial = stateFromHash(location.hash, description);
    state = initial.state;
    showHashErrors(initial.errors);
    lab = createLab({ engine, description, state, show });
    await startWithUsableKeys(initial);
  } catch (error) {
    renderLoad(byId("load"), { phase: "failed", label: "", fraction: 0, error });
    console.warn("Backprop Lab failed to load:", error);
    throw error;
  }
  byId("values-fieldset").disabled = false;
  buttons.forEach((button) => { button.disabled = false; });
  byId("lab").setAttribute("aria-busy", "false");
  watchHash();
  return lab.getState();
}

// The engine has the last word on a link's values (e.g. a data set's settings): a key it refuses
// is reported like any bad key and replaced by its default, and the rest of the link still applies.
async function startWithUsableKeys(initial) {
  try {
    await lab.start();
  } catch (error) {
    if (error.name !== "ValueError") throw error;
    showHashErrors([...initial.errors, { message: `${error.message}.` }]);
    Object.assign(state, stateFromHash("", description).state);
    await lab.start();
  }
}

const ready = boot();
ready.then(() => keepForOffline(), () => {});
const afterReady = (fn) => async (...args) => { await ready; return fn(...args); };

window.backpropLab = {
  ready,
  getState: () => (lab ? lab.getState() : null),
  setState: afterReady((partial) => lab.setState(partial)),
  step: afterReady((n) => lab.step(n)),
  seek: afterReady((step) => lab.seek(step)),
  reset: afterReady((seed) => lab.reset(seed)),
};

function writeHash() {
  const hash = `#${hashFromState(state, description)}`;
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

watchFields(form, ruleFor, (field, index, value) => {
  const partial = field === "inputs" || field === "targets"
    ? { [field]: state[field].map((v, i) => (i === index ? value : v)) }
    : { [field]: value };
  return window.backpropLab.setState(partial);
});

// A scenario typed into the address bar; "#lab" (the skip link) and the like are not scenarios.
function watchHash() {
  window.addEventListener("hashchange", () => {
    if (!location.hash.includes("=") || location.hash === `#${hashFromState(state, description)}`) return;
    const parsed = stateFromHash(location.hash, description);
    showHashErrors(parsed.errors);
    lab.load({ ...parsed.state, loss_scale: state.loss_scale })
      .catch((error) => showHashErrors([{ message: error.message }]));
  });
}

// Redraw the network when its column changes width, so its text stays at its true size.
new ResizeObserver(() => {
  const svg = byId("network").querySelector("svg");
  const wanted = networkSize(byId("network").clientWidth, [1]).width;
  if (shown && svg && svg.viewBox.baseVal.width !== wanted) show(shown);
}).observe(byId("network"));
