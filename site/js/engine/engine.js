// The engine as the page sees it: call(name, args) and inspect(expression) over the current
// worker (worker-link.js). A worker that dies loses nothing: a new one is started, every run the
// page holds is rebuilt from the journal (journal.js) under the ids the page knows (run-ids.js),
// the calls that were waiting are sent again, and onNotice says so in one sentence.
import { decode } from "./wire.js";
import { createJournal, record, standing, stepCounts } from "./journal.js";
import { bind, createRunIds, engineId, forget, pageId, restart } from "./run-ids.js";

const ATTEMPTS = 2; // a call the engine died on twice is not sent a third time
const RESTARTS = 3; // new workers tried, one after another, before the page gives up

/** link: a loaded worker link; relaunch(): a Promise of another, loaded; onNotice(sentence). */
export function createEngine({ link, relaunch, onNotice = () => {} }) {
  const engine = { link, relaunch, onNotice, journal: createJournal(), ids: createRunIds(),
    recovering: null, rebuilt: new Set() };
  watch(engine, link);
  return {
    call: (name, args = {}) => call(engine, name, args),
    /** For tests and the console, not the app: a Python expression's value, as JSON allows. */
    inspect: async (expression) => {
      await engine.recovering;
      return JSON.parse((await engine.link.inspect(expression)).text);
    },
    /** For tests: stops the worker as a crash would; resolves once the runs are rebuilt. */
    terminateForTest: () => {
      engine.link.terminate("was terminated");
      return engine.recovering;
    },
  };
}

function watch(engine, link) {
  link.onDeath = () => {
    engine.recovering = recover(engine).finally(() => { engine.recovering = null; });
    engine.recovering.catch(() => {});
  };
}

async function call(engine, name, args) {
  for (let attempt = 1; ; attempt += 1) {
    await engine.recovering;
    const sent = toEngine(engine, name, args);
    let answer;
    try {
      answer = await engine.link.call(name, JSON.stringify(sent));
    } catch (error) {
      if (error.name !== "EngineLost") throw error;
      if (attempt >= ATTEMPTS) throw stoppedOn(name, error);
      continue;
    }
    return settle(engine, name, args, answer);
  }
}

// The page's ids become the engine's; a rebuilt run's history is sent whole once (since: null),
// as the page's `since` names a revision of the old engine.
function toEngine(engine, name, args) {
  if (!args || typeof args !== "object" || typeof args.run !== "string") return args;
  const run = engineId(engine.ids, args.run);
  if (run === undefined) {
    throw namedError("ValueError", `run: no run '${args.run}'; create one first`);
  }
  const sent = { ...args, run };
  if (engine.rebuilt.has(args.run) && "since" in args) sent.since = null;
  return sent;
}

function settle(engine, name, args, { text, buffer }) {
  let result;
  try {
    result = decode(text, buffer);
  } catch (error) {
    throw namedError("InternalError", error.message);
  }
  if (!result || typeof result !== "object" || typeof result.ok !== "boolean") {
    throw namedError("InternalError", "The engine sent an answer the page cannot read.");
  }
  if (result.ok) return accepted(engine, name, args, toPage(engine, result.value));
  const error = namedError(result.type, result.message);
  if (result.frame) {
    error.frame = toPage(engine, result.frame);
    if (name === "step") record(engine.journal, name, args, error.frame);
  }
  throw error;
}

function accepted(engine, name, args, value) {
  record(engine.journal, name, args, value);
  if (typeof args?.run === "string" && "since" in args) engine.rebuilt.delete(args.run);
  if (name === "drop") forget(engine.ids, args.run);
  return value;
}

// The engine's ids in a result become the page's.
function toPage(engine, value) {
  if (!value || typeof value !== "object") return value;
  const page = (id) => (typeof id === "string" ? pageId(engine.ids, id) : id);
  if ("run" in value) value.run = page(value.run);
  if ("dropped" in value) value.dropped = page(value.dropped);
  if (Array.isArray(value.runs)) value.runs = value.runs.map(page);
  return value;
}

async function recover(engine) {
  let failure;
  for (let tries = 0; tries < RESTARTS; tries += 1) {
    let link = null;
    try {
      link = await engine.relaunch();
      await rebuild(engine, link);
      engine.link = link;
      watch(engine, link);
      engine.onNotice(rebuiltSentence(engine.journal));
      return;
    } catch (error) {
      failure = error;
      link?.terminate("could not rebuild the runs"); // the next try starts a worker of its own
    }
  }
  engine.link = deadLink(failure);
  engine.onNotice("The engine stopped and could not be restarted " +
    `(${failure.message}). Reload the page to start again.`);
}

// Every run, made again and taken through the same changes, in the order they were made.
async function rebuild(engine, link) {
  const { journal, ids } = engine;
  const ask = (name, args) => askLink(link, name, args);
  const { steps_max: stepsMax } = await ask("describe", {});
  restart(ids);
  for (const [run, entry] of journal) {
    let frame = await ask("create", { config: entry.config ?? null });
    bind(ids, run, frame.run);
    for (const op of entry.ops) frame = await replay(ask, frame, op, stepsMax);
    engine.rebuilt.add(run);
  }
}

async function replay(ask, frame, op, stepsMax) {
  if (op.name === "configure") return ask("configure", { run: frame.run, changes: op.changes });
  if (op.name === "seek") return ask("seek", { run: frame.run, step: op.step });
  for (const n of stepCounts(frame.step, op.to, stepsMax)) {
    frame = await ask("step", { run: frame.run, n }); // stops before a diverging update, as then
  }
  return frame;
}

async function askLink(link, name, args) {
  const { text, buffer } = await link.call(name, JSON.stringify(args));
  const result = decode(text, buffer);
  if (!result.ok) throw namedError(result.type, `rebuilding: ${result.message}`);
  return result.value;
}

function rebuiltSentence(journal) {
  const runs = standing(journal);
  if (!runs.length) return "The engine stopped and was restarted.";
  const others = runs.length - 1;
  const more = others ? ` (and ${others} other run${others > 1 ? "s" : ""})` : "";
  return `The engine stopped and was restarted; your run was rebuilt at step ${runs[0].step}` +
    `${more}.`;
}

function deadLink(failure) {
  const refuse = () => Promise.reject(namedError("EngineStopped",
    `The engine stopped and could not be restarted: ${failure.message}`));
  return { call: refuse, inspect: refuse, terminate: () => {} };
}

function stoppedOn(name, error) {
  return namedError("EngineStopped",
    `The engine stopped twice while running ${name}, so it was not sent again (${error.message})`);
}

function namedError(name, message) {
  const error = new Error(message);
  error.name = name;
  return error;
}
