// The page's side of one engine worker: starts it, answers its requests for runtime files, turns
// its load phases into promises and its answers into settled calls. Every message is checked
// first (worker-messages.js). A worker that crashes, reports a broken runtime or is terminated
// is dead: its waiting calls reject with an "EngineLost" error (recovery is engine.js's job).
import { checkWorkerMessage } from "./worker-messages.js";

const PHASES = ["runtime", "numpy", "engine"];

/** worker: a new Worker; load: the "load" message; serve(path): runtime-files.js serve. Returns
 * {phase(name), call(name, argsText), inspect(expression), terminate(), onDeath}. */
export function startLink(worker, load, serve) {
  const link = { worker, serve, pending: new Map(), next: 0, dead: false, phases: {},
    onDeath: () => {} };
  for (const name of PHASES) link.phases[name] = deferred();
  worker.addEventListener("message", (event) => receive(link, event.data));
  worker.addEventListener("messageerror", () => die(link, "sent a message the page cannot read"));
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    die(link, event.message ? `stopped: ${event.message}` : "stopped");
  });
  worker.postMessage({ type: "load", ...load });
  return {
    phase: (name) => link.phases[name].promise,
    call: (name, args) => request(link, { type: "call", name, args }),
    inspect: (expression) => request(link, { type: "inspect", expression }),
    terminate: (why = "was terminated") => die(link, why),
    set onDeath(listener) { link.onDeath = listener; },
  };
}

function deferred() {
  const result = {};
  result.promise = new Promise((resolve, reject) => Object.assign(result, { resolve, reject }));
  result.promise.catch(() => {});
  return result;
}

function request(link, message) {
  if (link.dead) return Promise.reject(lostError(link.reason));
  link.next += 1;
  const id = link.next;
  return new Promise((resolve, reject) => {
    link.pending.set(id, { resolve, reject });
    link.worker.postMessage({ ...message, id });
  });
}

const RECEIVERS = {
  phase: (link, { phase, time }) => link.phases[phase].resolve(time),
  "load-failed": (link, { name, message }) => {
    for (const phase of PHASES) link.phases[phase].reject(namedError(name, message));
  },
  fatal: (link, { message }) => die(link, `stopped: ${message}`),
  fetch: answerFile,
  answer: (link, { id, text, buffer }) => settle(link, id,
    (call) => call.resolve({ text, buffer })),
  inspected: (link, { id, text }) => settle(link, id, (call) => call.resolve({ text })),
  failed: (link, { id, name, message }) => settle(link, id,
    (call) => call.reject(namedError(name, message))),
};

function receive(link, data) {
  if (link.dead) return;
  const checked = checkWorkerMessage(data);
  if (checked.ok) {
    RECEIVERS[data.type](link, data);
  } else if (checked.id !== null && link.pending.has(checked.id)) {
    settle(link, checked.id, (call) => call.reject(namedError("InternalError",
      `${checked.reason}.`)));
  } else {
    console.warn(`Backprop Lab: ${checked.reason}; ignored.`);
  }
}

function settle(link, id, how) {
  const call = link.pending.get(id);
  if (!call) return console.warn(`Backprop Lab: the engine answered an unknown call ${id}.`);
  link.pending.delete(id);
  how(call);
}

function answerFile(link, { id, path }) {
  const file = link.serve(path);
  if (!file) return link.worker.postMessage({ type: "file", id, missing: true });
  file.then((found) => link.dead || link.worker.postMessage({ type: "file", id, ...found }));
}

// Once: the worker is stopped for good, its load fails, the listener hears of it, then every
// waiting call rejects (after the listener, so that they can wait for the recovery it starts).
function die(link, why) {
  if (link.dead) return;
  link.dead = true;
  link.reason = `The engine ${why}.`;
  link.worker.terminate();
  for (const name of PHASES) link.phases[name].reject(new Error(link.reason));
  link.onDeath(link.reason);
  for (const call of link.pending.values()) call.reject(lostError(link.reason));
  link.pending.clear();
}

function lostError(message) {
  return namedError("EngineLost", message);
}

function namedError(name, message) {
  const error = new Error(message);
  error.name = name;
  return error;
}
