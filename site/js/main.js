// Wiring: boots the engine with visible progress, connects the form, buttons, URL hash and resizing
// to the lab controller, and defines window.backpropLab — the same functions the buttons use.
import { engineLoading, watchLoad } from "./engine/start.js";
import { render as renderLoad } from "./engine/loading-view.js";
import { createLab } from "./state/lab.js";
import { PROPS, defaultState, engineConfig, hashFromState, stateFromHash } from "./state/state.js";
import { applyHistory, createHistory } from "./state/history-store.js";
import { numberRule } from "./core/validate.js";
import { showAll } from "./views.js";
import { linkEdgeHighlights } from "./network/edge-highlight.js";
import { render as renderEdgeReadout } from "./network/edge-readout.js";
import { syncFields, watchFields } from "./core/values-form.js";
import { layerOfKey, networkSize } from "./core/network-geometry.js";
import { runStepClick } from "./training/step-modes.js";
import { watchHistoryRows } from "./tables/history-picker.js";
import { watchReceipt } from "./receipt/receipt.js";
import { render as renderGradientCheck } from "./tables/gradcheck.js";
import { historyCsv, readStateDocument, stateDocument } from "./state/export-import.js";
import { keepViewOptions, startEmbed } from "./embed/embed.js";
import { keepForOffline } from "./offline/offline.js";
import { showSettings, watchSettings } from "./settings/wiring.js";
import { syncDataForm, watchDataForm } from "./data/form.js";
import { createSurfaceFeed } from "./maps/surface-feed.js";
import { decorate } from "./maps/node-maps.js";
import { startPlayControls } from "./training/play-controls.js";
import { startComparePanel } from "./compare/panel.js";
import { createOffscreenViews } from "./core/offscreen.js";
import { shownLayer } from "./tables/layers.js";
import { watchGuideLinks } from "./guide/links.js";

const byId = (id) => document.getElementById(id);
const form = byId("values-form");
const buttons = ["step-btn", "step10-btn", "reset-btn"].map(byId); // undo-btn follows the step count
let description = null; // the engine's describe(): limits, defaults, names and formulas
let state = null; // the one UI state object; only lab.js changes it
let lab = null;
let shown = null; // the view on screen, for redraws that need no engine call
const highlights = linkEdgeHighlights(byId("lab"), (key) => {
  if (shown) renderEdgeReadout(byId("edge-readout"), { state: shown.frame, key });
});

let receipt = null; // the chain-rule receipt's controller, once the lab runs
let surfaces = null; // the function-space pictures' feed, once the lab runs
const decorateNetwork = decorate(byId("network"));
let training = null; // Play and Train N (play-controls.js), once the lab runs
let comparison = null; // the learning-rate comparison card (compare-panel.js), once the lab runs
const offscreen = createOffscreenViews(); // while playing, tables out of sight wait until seen

function show(view) {
  if (view.frame !== shown?.frame) byId("step-error").hidden = true; // a refused step shows it after this
  const moved = view.frame !== shown?.frame;
  shown = view;
  if (moved) receipt?.refresh();
  if (moved) refreshGradientCheck();
  showAll(view, { onScaleChange, onPick: goBackTo, onLayerPick, decorate: decorateNetwork, draw: offscreen.draw });
  highlights.refresh();
  showSettings(view, Boolean(lab)); // also fits the example's fields to the layer sizes
  syncFields(form, state, ruleFor);
  if (lab) syncDataForm(view);
  surfaces?.update(view);
  writeHash();
  embed.shown();
}

// Play starts or stops. When it stops, the tables out of sight that waited catch up, each drawn once.
function onPlaying(on) {
  offscreen.setDeferring(on);
}

function onScaleChange(scale) {
  lab.setView({ loss_scale: scale });
}

function onLayerPick(choice) {
  lab?.setView({ table_layer: choice });
}

// A connection or bias chosen in the drawing (focused, clicked or tapped) brings the tables to its
// layer of weights when they show another one, so its highlighted rows are in sight.
function followDrawing(event) {
  const layer = layerOfKey(event.target?.closest?.("[data-edge]")?.dataset.edge);
  if (layer === null || !shown || !lab) return;
  const { layers, bias } = shown.frame.config;
  const showing = shownLayer(state.table_layer, layers, bias);
  if (showing !== null && showing !== layer) onLayerPick(layer);
}
byId("network").addEventListener("focusin", followDrawing);
byId("network").addEventListener("click", followDrawing);

// A form field's rule is its state property's engine rule.
function ruleFor(field) {
  return numberRule(description.fields[PROPS.find((prop) => prop.name === field).rule]);
}

// Real numbers at first paint: the build ran the engine on the spec's scenario (first-frame.json);
// its frame is shown while the runtime loads, with every control still disabled. A link to another
// scenario waits for the engine.
async function showFirstFrame() {
  const data = embeddedFirstFrame() ?? await fetchFirstFrame();
  if (!data) return; // an older build or no network: the engine's own numbers come a little later
  const initial = stateFromHash(location.hash, data.describe);
  const same = (a, b) => JSON.stringify(engineConfig(a)) === JSON.stringify(engineConfig(b));
  if (lab || initial.errors.length || !same(initial.state, defaultState(data.describe))) return;
  description = data.describe;
  state = initial.state;
  const history = createHistory();
  applyHistory(history, data.frame.history);
  show({ frame: data.frame, history, state, description, branch: null });
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

async function boot() {
  try {
    watchLoad((load) => renderLoad(byId("load"), load));
    const engine = await engineLoading;
    description = await engine.call("describe");
    const initial = stateFromHash(location.hash, description);
    state = initial.state;
    showHashErrors(initial.errors);
    lab = createLab({ engine, description, state, show });
    receipt = watchReceipt(byId("lab"), byId("receipt"), lab, () => shown);
    watchSettings(description, (partial) => window.backpropLab.setState(partial), () => shown);
    surfaces = createSurfaceFeed({
      lab, mapBox: byId("function-map"), networkBox: byId("network"), note: byId("function-note"),
      onPick: (sample) => window.backpropLab.setState({ sample }),
    });
    watchDataForm({ api: window.backpropLab, description, current: () => shown });
    await startWithUsableKeys(initial);
    training = startPlayControls(lab, description, { onPlaying });
    comparison = startComparePanel(lab, description);
  } catch (error) {
    renderLoad(byId("load"), { phase: "failed", label: "", fraction: 0, error });
    console.warn("Backprop Lab failed to load:", error);
    throw error;
  }
  byId("values-fieldset").disabled = false;
  for (const id of ["data-fieldset", "step-mode", "csv-btn", "json-btn", "import-input", "gradcheck-btn"]) byId(id).disabled = false;
  buttons.forEach((button) => { button.disabled = false; });
  byId("lab").setAttribute("aria-busy", "false");
  performance.mark("backprop:interactive"); // bench/perf.py: time to interactive
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
  memory: afterReady(() => lab.memory()),
  play: afterReady((options) => training.play(options)),
  pause: afterReady(() => training.pause()),
  compare: afterReady((options) => comparison.compare(options)),
  getComparison: () => comparison?.getComparison() ?? null,
};
const embed = startEmbed(window.backpropLab);

// The hash the page writes: the scenario, plus view options such as embed=1.
const pageHash = () => keepViewOptions(`#${hashFromState(state, description)}`);

function writeHash() {
  const hash = pageHash();
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

let stepping = false; // an animated step runs to its end before the next click counts

async function runStep(n, mode = state.step_mode) {
  const box = byId("step-error");
  if (stepping) return;
  stepping = true;
  try {
    const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)").matches;
    await runStepClick({ setView: lab.setView, step: window.backpropLab.step }, mode, state.phase,
      { n, reducedMotion });
  } catch (error) {
    box.textContent = stepErrorText(error);
    box.hidden = false;
  } finally {
    stepping = false;
  }
}

function stepErrorText(error) {
  if (error.name === "DivergenceError") return `Step refused — ${error.message}`;
  return `The step failed: ${error.message}`;
}

byId("step-btn").addEventListener("click", () => runStep(1));
byId("phase-group").addEventListener("click", (event) => {
  const phase = event.target.closest("button[data-phase]")?.dataset.phase;
  if (phase && lab) lab.setView({ phase });
});
byId("step-mode").addEventListener("change", (event) => lab?.setView({ step_mode: event.target.value }));
byId("step10-btn").addEventListener("click", () => runStep(10, "all"));
byId("undo-btn").addEventListener("click", () => shown?.frame.step > 0 && goBackTo(shown.frame.step - 1));
watchHistoryRows(byId("history"), goBackTo);

// The gradient check follows every step while it is on.
byId("gradcheck-btn").addEventListener("click", (event) => {
  const on = event.currentTarget.getAttribute("aria-pressed") !== "true";
  event.currentTarget.setAttribute("aria-pressed", String(on));
  byId("gradcheck").hidden = !on;
  refreshGradientCheck();
});

async function refreshGradientCheck() {
  if (!lab || byId("gradcheck").hidden) return;
  const check = await lab.gradientCheck();
  renderGradientCheck(byId("gradcheck"), { check, layers: shown.frame.config.layers, bias: shown.frame.config.bias });
}

byId("csv-btn").addEventListener("click", () => {
  const state = window.backpropLab.getState();
  save(historyCsv(state.history), "text/csv", `backprop-lab-history-step-${state.step}.csv`);
});
byId("json-btn").addEventListener("click", () => {
  const state = window.backpropLab.getState();
  save(JSON.stringify(stateDocument(state), null, 1), "application/json", `backprop-lab-state-step-${state.step}.json`);
});
byId("import-input").addEventListener("change", async (event) => {
  const file = event.target.files[0];
  event.target.value = ""; // the same file may be chosen again after a fix
  if (file) showImport(await importState(await file.text()));
});

function save(text, type, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// A bad file changes nothing and says why; a good one starts a run from the weights it holds.
async function importState(text) {
  const doc = readStateDocument(text);
  if (doc.error) return doc.error;
  try {
    await window.backpropLab.setState(doc.value);
    return null;
  } catch (error) {
    return `This state file cannot be used: ${error.message}`;
  }
}

function showImport(error) {
  const box = byId("import-msg");
  box.hidden = !error;
  box.textContent = error ?? "";
}

// Time travel: the run as it was after `step` updates; the next step starts a new branch.
function goBackTo(step) {
  if (!shown || step === shown.frame.step) return;
  window.backpropLab.seek(step).catch((error) => {
    byId("step-error").textContent = `Could not go back: ${error.message}`;
    byId("step-error").hidden = false;
  });
}
byId("reset-btn").addEventListener("click", () => window.backpropLab.reset().catch((error) => console.warn(error)));
byId("retry-btn").addEventListener("click", () => window.location.reload());
watchGuideLinks(document.body);
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
    if (!location.hash.includes("=") || location.hash === pageHash()) return;
    const parsed = stateFromHash(location.hash, description);
    showHashErrors(parsed.errors);
    lab.load({ ...parsed.state, loss_scale: state.loss_scale, phase: state.phase, step_mode: state.step_mode,
      table_layer: state.table_layer })
      .catch((error) => showHashErrors([{ message: error.message }]));
  });
}

// Redraw the network when its column changes width, so its text stays at its true size. At the
// next frame: a redraw inside the callback changes the very size observed, which every engine
// reports as an error ("ResizeObserver loop completed with undelivered notifications").
let networkResized = false;
new ResizeObserver(() => {
  if (networkResized) return;
  networkResized = true;
  requestAnimationFrame(() => {
    networkResized = false;
    const svg = byId("network").querySelector("svg");
    const wanted = networkSize(byId("network").clientWidth, [1]).width;
    if (shown && svg && svg.viewBox.baseVal.width !== wanted) show(shown);
  });
}).observe(byId("network"));

// Last, once everything above is defined: the built page draws its first frame right here.
showFirstFrame();
