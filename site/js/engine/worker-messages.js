// The messages the engine's worker may send the page, and the check each one passes before the
// page acts on it (worker-link.js): anything else is the worker misbehaving, reported as an
// internal error and never shown. Pure: no DOM, no Worker.
//
// worker -> page: {type: "phase", phase: "runtime" | "numpy" | "engine", time: epoch ms}
//   {type: "load-failed", name, message}   {type: "fatal", message}: the runtime broke
//   {type: "fetch", id, path}: a runtime file, answered {type: "file", id, bytes | module |
//   missing}
//   {type: "answer", id, text, buffer: ArrayBuffer | null}: a call's wire answer (wire.js)
//   {type: "inspected", id, text}   {type: "failed", id, name, message}: an inspect's outcome
// page -> worker: {type: "load", indexURL, base, wheel, bytecode, stdlibDir}, "file",
//   {type: "call", id, name, args: JSON text}, {type: "inspect", id, expression}

const PHASES = ["runtime", "numpy", "engine"];
const isText = (value) => typeof value === "string";
const isId = (value) => Number.isSafeInteger(value) && value > 0;
const isBuffer = (value) => value === null || value instanceof ArrayBuffer;

// Per type: each field's check.
const SHAPES = {
  phase: { phase: (value) => PHASES.includes(value), time: Number.isFinite },
  "load-failed": { name: isText, message: isText },
  fatal: { message: isText },
  fetch: { id: isId, path: isText },
  answer: { id: isId, text: isText, buffer: isBuffer },
  inspected: { id: isId, text: isText },
  failed: { id: isId, name: isText, message: isText },
};

/** {ok: true} for a message of the expected shape, else {ok: false, reason, id}: id is the
 * message's own when it has a usable one (the call it claims to answer), else null. */
export function checkWorkerMessage(data) {
  const plain = data !== null && typeof data === "object" && !Array.isArray(data);
  const id = plain && isId(data.id) ? data.id : null;
  if (!plain) return { ok: false, reason: "the engine sent something that is not a message", id };
  const shape = Object.hasOwn(SHAPES, data.type) ? SHAPES[data.type] : null;
  if (!shape) return { ok: false, reason: `the engine sent an unknown message`, id };
  const wrong = Object.keys(shape).find((field) => !shape[field](data[field]));
  const extra = Object.keys(data).find((field) => field !== "type" && !Object.hasOwn(shape, field));
  if (wrong || extra) {
    return { ok: false, reason: `the engine sent a "${data.type}" message with a bad ${wrong ??
      extra}`, id };
  }
  return { ok: true };
}
