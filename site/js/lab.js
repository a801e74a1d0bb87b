// The lab controller: the one place where things change. It keeps the UI state object and the
// engine's latest record, runs every request through the engine one at a time, and calls `show`
// so every view reflects the result before the returned Promise resolves. No DOM here.
import { checkPartial } from "./state.js";
import { checkNumber } from "./validate.js";

const SEED_RULE = { integer: true, min: 0, max: 4294967295 };
const STEPS_RULE = { integer: true, min: 1, max: 100000 };

/** engine: {call(name, args)}; state: the UI state object (mutated in place); show(record, state). */
export function createLab({ engine, state, show }) {
  let record = null;
  let queue = Promise.resolve();

  function serial(task) {
    const result = queue.then(task);
    queue = result.catch(() => {});
    return result;
  }

  async function commit(name, args, next = state) {
    record = await engine.call(name, args); // a rejection leaves state and record untouched
    Object.assign(state, next);
    show(record, state);
    return publicState(record, state);
  }

  return {
    start: () => serial(() => commit("reset", { config: engineConfig(state) })),
    load: (next) => serial(() => commit("reset", { config: engineConfig(next) }, next)),
    getState: () => (record ? publicState(record, state) : null),
    setState: (partial) => serial(() => applyPartial(partial)),
    step: (n = 1) => serial(() => stepOrRefresh(checked(n, STEPS_RULE, "n"))),
    reset: (seed) => serial(() => {
      const next = { ...state, seed: seed === undefined ? freshSeed() : checked(seed, SEED_RULE, "seed"), init_weights: null };
      return commit("reset", { config: engineConfig(next) }, next);
    }),
  };

  // A diverging update is refused, but earlier updates of the same call are kept: show them.
  async function stepOrRefresh(n) {
    try {
      return await commit("step", { n });
    } catch (error) {
      if (error.name === "DivergenceError") await commit("state", {});
      throw error;
    }
  }

  // New weights or a new seed start a new run; inputs, targets and lr apply to the next step.
  function applyPartial(partial) {
    const result = checkPartial(partial, state.layers);
    if (result.error) throw valueError(result.error);
    const changes = result.value;
    const next = { ...state, ...changes };
    if ("seed" in changes && !("init_weights" in changes)) next.init_weights = null;
    if ("seed" in changes || "init_weights" in changes) return commit("reset", { config: engineConfig(next) }, next);
    const partialConfig = {};
    if (changes.inputs) partialConfig.inputs = changes.inputs;
    if (changes.targets) partialConfig.targets = changes.targets;
    if (changes.lr !== undefined) partialConfig.optimizer = { lr: changes.lr };
    return commit("configure", { partial: partialConfig }, next);
  }
}

/** The engine's reset config for a UI state (weights null: drawn from the seed). */
export function engineConfig(state) {
  return {
    layers: state.layers,
    seed: state.seed,
    inputs: state.inputs,
    targets: state.targets,
    optimizer: { name: "sgd", lr: state.lr },
    weights: state.init_weights,
  };
}

/** What window.backpropLab.getState() returns: plain JSON, documented in README. */
export function publicState(record, state) {
  const unwrap = (list) => (list.length === 1 ? list[0] : list);
  return JSON.parse(JSON.stringify({
    inputs: record.inputs,
    target: unwrap(record.targets),
    lr: record.config.optimizer.lr,
    seed: state.seed,
    init_weights: state.init_weights,
    weights: record.weights,
    biases: record.biases,
    step: record.step,
    loss: record.loss,
    prediction: unwrap(record.prediction),
    dead: record.dead,
    history: record.history,
    last_step: record.last_step,
  }));
}

function checked(value, rule, name) {
  const result = checkNumber(value, rule);
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
