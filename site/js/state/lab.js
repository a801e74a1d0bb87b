// The lab controller: the one writer of the UI state. It owns the run (an engine handle), the latest
// frame and the page's copy of the history, runs every request through the engine one at a time,
// and calls `show` so every view reflects the result before the returned Promise resolves. No DOM.
import { checkPartial, engineConfig, fromConfig, startsNewRun, optimizerConfig } from "./state.js";
import { applyHistory, createHistory, since } from "./history-store.js";
import { checkNumber, numberRule } from "../core/validate.js";

/**
 * engine: {call(name, args)}; description: the engine's describe(); state: the UI state object
 * (changed in place); show({frame, history, state, description}) paints every view.
 */
export function createLab({ engine, description, state, show }) {
  let frame = null;
  let run = null;
  const history = createHistory();
  let points = null; // the run's rows {X, T} (api.dataset), fetched once per run
  let branch = null; // after going back in time: {from, rows} the old branch's later rows, for the chart
  let queue = Promise.resolve();
  // Told (at request time, before the call is queued) of every request that changes the run other
  // than a step: a setting, a seek, a reset, a new scenario, a weight edit. Play pauses on these.
  const watchers = new Set();
  const changing = (kind, task) => (...args) => {
    for (const watcher of watchers) watcher(kind);
    return task(...args);
  };

  function serial(task) {
    const result = queue.then(task);
    queue = result.catch(() => {});
    return result;
  }

  // One engine call; a refused call leaves state, frame and history as they were, unless the engine
  // says part of it happened (a diverging step(n) keeps its earlier updates): then that is shown.
  async function commit(name, args, next = state) {
    let result;
    try {
      result = await engine.call(name, { since: since(history), ...args });
      if (name === "create" || name === "reset") points = await engine.call("dataset", { run: result.run });
    } catch (error) {
      if (error.frame) accept("step", error.frame, state);
      throw error;
    }
    return accept(name, result, next);
  }

  function accept(name, result, next) {
    frame = result;
    run = frame.run;
    const dropped = applyHistory(history, frame.history);
    // The branch just left stays on the chart, dashed, until the next seek or a new run.
    if (name === "seek" && dropped.length) branch = { from: frame.step, rows: [history.rows.at(-1), ...dropped] };
    if (name === "reset" || name === "create") branch = null;
    Object.assign(state, next, syncedFromFrame(frame));
    show(view());
    return publicState(frame, history, state, points);
  }

  function view() {
    return { frame, history, state, description, branch, points };
  }

  // A new run: the engine sends its whole (one-row) history, replacing the page's.
  function restart(next) {
    const config = engineConfig(next);
    return run === null
      ? commit("create", { config, since: null }, next)
      : commit("reset", { run, config, since: null }, next);
  }

  function applyPartial(partial) {
    const result = checkPartial(partial, state, description);
    if (result.error) throw valueError(result.error);
    const changes = result.value;
    const next = { ...state, ...changes };
    if ("seed" in changes && !("init_weights" in changes)) next.init_weights = null;
    if ("layers" in changes) fitShape(next, changes);
    // Another depth: the tables' layer of weights goes back to its default (table-layers.js).
    if ("layers" in changes && changes.layers.length !== state.layers.length) next.table_layer = null;
    // Other rows: every row per step and the first sample, unless given.
    if ("dataset" in changes && !("batch_size" in changes)) next.batch_size = null;
    if ("dataset" in changes && !("sample" in changes)) next.sample = 0;
    if (startsNewRun(changes)) return restart(next);
    return commit("configure", { run, changes: liveChanges(changes, next) }, next);
  }

  return {
    start: () => serial(() => restart(state)),
    load: changing("load", (next) => serial(() => restart(next))),
    getState: () => (frame ? publicState(frame, history, state, points) : null),
    // View options (phase, loss scale, step mode, the tables' layer): no engine call, every view redrawn.
    setView: (options) => {
      Object.assign(state, options);
      if (frame) show(view());
    },
    setState: changing("setState", (partial) => serial(() => applyPartial(partial))),
    // watch(fn): fn(kind) before each change that is not a step; returns a function that stops it.
    watch: (fn) => { watchers.add(fn); return () => watchers.delete(fn); },
    // One engine call on ANOTHER run (e.g. a learning-rate comparison), in the same queue as this
    // run's calls; this run cannot be reached through it.
    sideCall: (name, args) => serial(() => {
      if (!SIDE_CALLS.includes(name) || args.run === run) throw valueError(`${name}: not allowed on this run.`);
      return engine.call(name, args);
    }),
    step: (n = 1) => serial(() => commit("step", { run, n: checked(n, description.fields.steps, "n") })),
    seek: changing("seek", (step) => serial(() => commit("seek", { run, step: checked(step, { kind: "integer", min: 0, max: frame.step }, "step") }))),
    // The chain-rule factors of one weight's gradient at the current point (changes nothing).
    explain: (layer, to, from) => serial(() => engine.call("explain", { run, layer, to, frm: from })),
    // The engine's Python object and history-row counts (bench/perf.py's leak check).
    memory: () => serial(() => engine.call("memory")),
    // The output and hidden activations over the input plane (2-input networks; changes nothing).
    surface: (options = {}) => serial(() => engine.call("surface", { run, ...options })),
    // Backprop's gradient beside central differences, at the current point (changes nothing).
    gradientCheck: () => serial(() => engine.call("gradient_check", { run })),
    // A learner's edit of one weight: an event in the run's history, not a new run.
    editWeight: changing("editWeight", (layer, to, from, value) => serial(() => {
      const w = checked(value, description.fields.weights, "weight");
      const weights = structuredClone(frame.weights);
      if (weights[layer]?.[to]?.[from] === undefined) throw valueError("weight: No such connection.");
      weights[layer][to][from] = w;
      return commit("configure", { run, changes: { weights } });
    })),
    reset: changing("reset", (seed) => serial(() => {
      const value = seed === undefined ? freshSeed() : checked(seed, description.fields.seed, "seed");
      return restart({ ...state, seed: value, init_weights: null, init_biases: null });
    })),
  };
}

// What sideCall may ask of another run: make it, step it, read it, drop it.
const SIDE_CALLS = ["create", "step", "frame", "history", "drop"];

// The engine's configure() changes for live keys: the example and the optimizer's settings.
function liveChanges(changes, next) {
  const result = {};
  if ("inputs" in changes) result.inputs = next.inputs;
  if ("targets" in changes) result.targets = next.targets;
  if ("sample" in changes) result.sample = next.sample;
  const optimizerKeys = ["optimizer", "lr", "momentum", "alpha", "beta1", "beta2", "eps"];
  if (optimizerKeys.some((key) => key in changes)) {
    const config = optimizerConfig(next);
    const named = "optimizer" in changes ? config : { ...config, name: undefined };
    result.optimizer = Object.fromEntries(Object.entries(named).filter(([, v]) => v !== undefined));
  }
  return result;
}

// A new architecture: sizes that no longer fit fall back to the engine's defaults for that shape.
function fitShape(next, changes) {
  for (const name of ["inputs", "targets", "init_weights", "init_biases"]) {
    if (!(name in changes)) next[name] = null;
  }
  if (!("hidden_activation" in changes) && Array.isArray(next.hidden_activation)) next.hidden_activation = "relu";
}

// What the engine holds is what the state holds: defaults filled in for a new shape, and after a
// seek the settings in force at that step.
const SYNCED = ["inputs", "targets", "layers", "optimizer", "lr", "momentum", "alpha", "eps", "beta1", "beta2", "sample"];

function syncedFromFrame(frame) {
  const config = fromConfig(frame.config);
  return Object.fromEntries(SYNCED.filter((key) => config[key] !== undefined && config[key] !== null)
    .map((key) => [key, config[key]]));
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
