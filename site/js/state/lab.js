// The lab controller: the one writer of the UI state. It owns the run (an engine handle), the
// latest frame and the page's copy of the history, runs every request through the engine one at a
// time, and calls `show` so every view reflects the result before the returned Promise resolves.
// No DOM.
import { checkPartial, engineConfig, fitToLayers, fromConfig, startsNewRun } from "./state.js";
import { optimizerConfig, settingFields, switchOptimizer } from "../core/optimizer-settings.js";
import { applyHistory, createHistory, since } from "./history-store.js";
import { checkNumber, numberRule } from "../core/validate.js";

// What sideCall may ask of another run: make it, step it, read it, drop it.
const SIDE_CALLS = ["create", "step", "frame", "history", "drop"];

/**
 * engine: {call(name, args)}; description: the engine's describe(); state: the UI state object
 * (changed in place); show({frame, history, state, description, branch, points}) paints every view.
 * nextFrame(fn): runs fn before the next paint (Play's steps are shown then; see playStep).
 */
export function createLab({ engine, description, state, show, nextFrame = animationFrame }) {
  const lab = {
    engine, description, state, show, nextFrame, frame: null, run: null, history: createHistory(),
    paint: null, // a view waiting for the next frame: {done, resolve} (playStep)
    points: null, // the run's rows {X, T} (api.dataset), fetched once per run
    branch: null, // after going back in time: {from, rows} the old branch's later rows (chart)
    queue: Promise.resolve(),
    // Told (at request time, before the call is queued) of every request that changes the run
    // other than a step: a setting, a seek, a reset, a new scenario, a weight edit. Play pauses.
    watchers: new Set(),
  };
  return { ...runCalls(lab), ...readCalls(lab) };
}

// The calls that change the run (each queued; those that are not a step tell the watchers).
function runCalls(lab) {
  const { description } = lab;
  const changing = (kind, task) => (...args) => {
    for (const watcher of lab.watchers) watcher(kind);
    return task(...args);
  };
  const queued = (task) => (...args) => serial(lab, () => task(...args));
  const stepArgs = (n) => ({ run: lab.run, n: checked(n, description.fields.steps, "n") });
  return {
    start: queued(() => restart(lab, lab.state)),
    load: changing("load", queued((next) => restart(lab, next))),
    // partial: an object, or a function of the state at its turn in the queue (a change made of
    // the state and one field, such as Adam's betas from one of its two fields: typed back to
    // back, the second must see the first).
    setState: changing("setState", queued((partial) => applyPartial(lab,
      typeof partial === "function" ? partial(lab.state) : partial))),
    step: queued((n = 1) => commit(lab, "step", stepArgs(n))),
    // Play's step: taken in as soon as the engine answers (state, frame, history) and painted at
    // the next frame, newest view only, so the engine computes Play's next steps while the page
    // paints these. Resolves when taken in; painted() resolves once the screen shows it.
    playStep: queued((n = 1) => commit(lab, "step", stepArgs(n), lab.state, { later: true })),
    seek: changing("seek", queued((step) => commit(lab, "seek", {
      run: lab.run, step: checked(step, { kind: "integer", min: 0, max: lab.frame.step }, "step"),
    }))),
    // A learner's edit of one weight: an event in the run's history, not a new run.
    editWeight: changing("editWeight", queued((...args) => editWeight(lab, ...args))),
    reset: changing("reset", queued((seed) => {
      const value = seed === undefined ? freshSeed() : checked(seed, description.fields.seed,
        "seed");
      return restart(lab, { ...lab.state, seed: value, init_weights: null, init_biases: null });
    })),
  };
}

// The calls that change nothing in the run (engine reads are queued behind its changes).
function readCalls(lab) {
  const read = (name, args = () => ({})) => (...given) => serial(lab,
    () => lab.engine.call(name, { run: lab.run, ...args(...given) }));
  return {
    getState: () => (lab.frame ? publicState(lab.frame, lab.history, lab.state, lab.points) : null),
    // View options (phase, loss scale, step mode, the tables' layer): no engine call, all redrawn.
    setView: (options) => {
      Object.assign(lab.state, options);
      if (lab.frame) showNow(lab);
    },
    // Resolves once the screen shows the newest frame (a playStep's paint is due at a frame).
    painted: () => lab.paint?.done ?? Promise.resolve(),
    // watch(fn): fn(kind) before each change that is not a step; returns a function that stops it.
    watch: (fn) => { lab.watchers.add(fn); return () => lab.watchers.delete(fn); },
    // One engine call on ANOTHER run (e.g. a learning-rate comparison), in the same queue as this
    // run's calls; this run cannot be reached through it.
    sideCall: (name, args) => serial(lab, () => {
      if (!SIDE_CALLS.includes(name) || args.run === lab.run) {
        throw valueError(`${name}: not allowed on this run.`);
      }
      return lab.engine.call(name, args);
    }),
    // The chain-rule factors of one weight's gradient at the current point.
    explain: read("explain", (layer, to, from) => ({ layer, to, frm: from })),
    // The engine's Python object and history-row counts (bench/perf.py's leak check).
    memory: () => serial(lab, () => lab.engine.call("memory")),
    // The output and hidden activations over the input plane (2-input networks).
    surface: read("surface", (options = {}) => options),
    // Backprop's gradient beside central differences, at the current point.
    gradientCheck: read("gradient_check"),
  };
}

function serial(lab, task) {
  const result = lab.queue.then(task);
  lab.queue = result.catch(() => {});
  return result;
}

// One engine call; a refused call leaves state, frame and history as they were, unless the engine
// says part of it happened (a diverging step(n) keeps its earlier updates): then that is shown.
async function commit(lab, name, args, next = lab.state, { later = false } = {}) {
  let result;
  try {
    result = await lab.engine.call(name, { since: since(lab.history), ...args });
    if (name === "create" || name === "reset") {
      lab.points = await lab.engine.call("dataset", { run: result.run });
    }
  } catch (error) {
    if (error.frame) accept(lab, "step", error.frame, lab.state);
    throw error;
  }
  return accept(lab, name, result, next, later);
}

function accept(lab, name, given, next, later = false) {
  const result = withRows(given, lab.points, lab.description);
  lab.frame = result;
  lab.run = result.run;
  const dropped = applyHistory(lab.history, result.history);
  // The branch just left stays on the chart, dashed, until the next seek or a new run.
  if (name === "seek" && dropped.length) {
    lab.branch = { from: result.step, rows: [lab.history.rows.at(-1), ...dropped] };
  }
  if (name === "reset" || name === "create") lab.branch = null;
  Object.assign(lab.state, next, syncedFromFrame(result, lab.description));
  if (later) showAtNextFrame(lab);
  else showNow(lab);
  return publicState(result, lab.history, lab.state, lab.points);
}

// Whatever is due paints now, as the newest view: a paint waiting for its frame is not needed.
function showNow(lab) {
  const waiting = lab.paint;
  lab.paint = null;
  lab.show(view(lab));
  waiting?.resolve();
}

// One paint per frame however many answers arrive before it, of the view current at that frame.
function showAtNextFrame(lab) {
  if (lab.paint) return;
  let resolve;
  const done = new Promise((settle) => { resolve = settle; });
  const paint = { done, resolve };
  lab.paint = paint;
  lab.nextFrame(() => {
    if (lab.paint === paint) showNow(lab);
  });
}

function animationFrame(fn) {
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(fn);
  else setTimeout(fn, 0);
}

// A data set of the learner's own rows crosses once per run (api.dataset, lab.points); a frame
// names only their count (n). The lab's frame holds the rows again, as the config sent them.
function withRows(frame, points, description) {
  const dataset = frame.config.dataset;
  if (!dataset || !description.datasets[dataset.name]?.takes_rows || !points) return frame;
  const given = { ...dataset };
  delete given.n;
  const rows = { X: points.X, T: points.T };
  return { ...frame, config: { ...frame.config, dataset: { name: given.name, rows, ...given } } };
}

function view(lab) {
  const { frame, history, state, description, branch, points } = lab;
  return { frame, history, state, description, branch, points };
}

// A new run: the engine sends its whole (one-row) history, replacing the page's.
function restart(lab, next) {
  const config = engineConfig(next, lab.description);
  return lab.run === null
    ? commit(lab, "create", { config, since: null }, next)
    : commit(lab, "reset", { run: lab.run, config, since: null }, next);
}

function applyPartial(lab, partial) {
  const { state, description } = lab;
  const result = checkPartial(partial, state, description);
  if (result.error) throw valueError(result.error);
  const changes = result.value;
  const given = (name) => name in changes;
  const next = { ...state, ...changes };
  if (given("seed") && !given("init_weights")) next.init_weights = null;
  if (given("layers")) fitToLayers(next, state.layers, given, description);
  // Another depth: the tables' layer of weights goes back to its default (tables/layers.js).
  if (given("layers") && changes.layers.length !== state.layers.length) next.table_layer = null;
  // Other rows: every row per step and the first sample, unless given.
  if (given("dataset") && !given("batch_size")) next.batch_size = null;
  if (given("dataset") && !given("sample")) next.sample = 0;
  if (given("optimizer") && changes.optimizer !== state.optimizer) {
    switchOptimizer(next, changes.optimizer, given, description);
  }
  if (startsNewRun(changes, description)) return restart(lab, next);
  const live = liveChanges(changes, next, description);
  return commit(lab, "configure", { run: lab.run, changes: live }, next);
}

function editWeight(lab, layer, to, from, value) {
  const w = checked(value, lab.description.fields.weights, "weight");
  const weights = structuredClone(lab.frame.weights);
  if (weights[layer]?.[to]?.[from] === undefined) throw valueError("weight: No such connection.");
  weights[layer][to][from] = w;
  return commit(lab, "configure", { run: lab.run, changes: { weights } });
}

// The engine's configure() changes for live keys: the example and the optimizer's settings (a
// new optimizer named, with every setting it takes; the same one unnamed, so it keeps its state).
function liveChanges(changes, next, description) {
  const result = {};
  if ("inputs" in changes) result.inputs = next.inputs;
  if ("targets" in changes) result.targets = next.targets;
  if ("sample" in changes) result.sample = next.sample;
  const optimizerKeys = ["optimizer", ...settingFields(description).map((field) => field.name)];
  if (optimizerKeys.some((key) => key in changes)) {
    const { name, ...settings } = optimizerConfig(next, description);
    result.optimizer = "optimizer" in changes ? { name, ...settings } : settings;
  }
  return result;
}

// What the engine holds is what the state holds: defaults filled in for a new shape, and after a
// seek the settings in force at that step.
function syncedFromFrame(frame, description) {
  const config = fromConfig(frame.config, description);
  const synced = ["inputs", "targets", "layers", "optimizer", "sample",
    ...settingFields(description).map((field) => field.name)];
  const known = (key) => config[key] !== undefined && config[key] !== null;
  return Object.fromEntries(synced.filter(known).map((key) => [key, config[key]]));
}

/** What window.backpropLab.getState() returns: plain JSON, documented in docs/API.md. `history` is
 * copied only when read, so a step's result costs the same after 10 or 10,000 steps. */
export function publicState(frame, history, state, points = null) {
  const unwrap = (list) => (list.length === 1 ? list[0] : list);
  const config = frame.config;
  const result = structuredClone({
    inputs: frame.inputs,
    target: unwrap(frame.targets),
    lr: config.optimizer.lr,
    seed: state.seed,
    init_weights: state.init_weights,
    weights: frame.weights,
    biases: frame.biases,
    step: frame.step,
    loss: frame.loss,
    prediction: unwrap(frame.prediction),
    dead: frame.dead,
    last_step: frame.last_step,
    layers: config.layers,
    optimizer: config.optimizer,
    config,
    run: frame.run,
    // The data set with its rows, so a script can reproduce the run; null for the one example.
    dataset: config.dataset && points ? { ...config.dataset, X: points.X, T: points.T } : null,
    batch_size: config.batch_size ?? null,
    sample: config.sample,
    epoch: frame.epoch ?? null,
    data_loss: frame.data_loss,
  });
  let copy = null;
  Object.defineProperty(result, "history", {
    enumerable: true,
    configurable: true,
    get: () => (copy ??= structuredClone(history.rows)),
  });
  return result;
}

function checked(value, field, name) {
  const result = checkNumber(value, numberRule(field));
  if (result.error) throw valueError(`${name}: ${result.error}`);
  return result.value;
}

function valueError(message) {
  const error = new Error(message);
  error.name = "ValueError";
  return error;
}

function freshSeed() {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return buffer[0] % 1000000;
}
