// The engine's dedicated worker: Pyodide, numpy and the engine load and run here, off the page's
// main thread. It answers the page's messages (worker-messages.js lists both directions): a call
// goes to backprop.api.dispatch_wire, and its answer goes back as JSON text plus one buffer,
// transferred, not copied. The page checks every message; nothing here touches the DOM.
import { answerFromPage } from "./worker-fetch.js";
import { installEngine, loadPackages, loadRuntime } from "./worker-pyodide.js";

const engine = { pyodide: null, dispatch: null, files: null };
const post = (message, transfer = []) => self.postMessage(message, transfer);

const HANDLERS = {
  load,
  file: (message) => engine.files?.receive(message),
  call,
  inspect,
};

self.addEventListener("message", ({ data }) => HANDLERS[data?.type]?.(data));

// The page's timeline shows these times as its own marks (bridge.js): epoch milliseconds.
function phase(name) {
  post({ type: "phase", phase: name, time: performance.timeOrigin + performance.now() });
}

async function load({ indexURL, base, wheel, bytecode, stdlibDir }) {
  try {
    engine.files = answerFromPage(base, post);
    const pyodide = await loadRuntime(indexURL);
    phase("runtime");
    await loadPackages(pyodide);
    phase("numpy");
    const [wheelBytes, bytecodeBytes] = await Promise.all([wheel, bytecode]
      .map((path) => path && engine.files.bytes(path)));
    engine.dispatch = installEngine(pyodide, wheelBytes,
      bytecodeBytes && { archive: bytecodeBytes, stdlibDir });
    engine.pyodide = pyodide;
    phase("engine");
  } catch (error) {
    post({ type: "load-failed", name: error.name ?? "Error", message: String(error.message) });
  }
}

// dispatch_wire never raises: a JavaScript exception here means the runtime itself broke (out
// of memory, a fatal error), so the page is told to start another worker.
function call({ id, name, args }) {
  let text, bytes;
  try {
    const answer = engine.dispatch(name, args); // (str, bytes | None)
    try {
      [text, bytes] = answer.toJs(); // a str as a string, bytes as a new Uint8Array
    } finally {
      answer.destroy();
    }
  } catch (error) {
    post({ type: "fatal", message: `${error.name}: ${error.message}`.slice(0, 500) });
    return;
  }
  const buffer = bytes ? ownBuffer(bytes) : null;
  post({ type: "answer", id, text, buffer }, buffer ? [buffer] : []);
}

/** For tests and the console: a Python expression's value, as JSON text. */
function inspect({ id, expression }) {
  try {
    const text = engine.pyodide.runPython(`import json\njson.dumps(${expression})`);
    post({ type: "inspected", id, text });
  } catch (error) {
    const message = String(error.message).trim().split("\n").pop();
    post({ type: "failed", id, name: error.name ?? "Error", message });
  }
}

// An ArrayBuffer holding exactly these bytes (copied only if they view part of a larger one).
function ownBuffer(bytes) {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole ? bytes.buffer : bytes.slice().buffer;
}
