// The one JS module that knows Pyodide: loads the runtime, numpy and the engine wheel, then moves
// JSON text to and from backprop.api.dispatch (the Python half of the protocol, tested in CPython).
// Nothing else touches Pyodide. JSON text: Python's None arrives as the documented null (toJs would
// give undefined) and no proxy is left to destroy.

import { fetchRuntimeFiles, withTimeout } from "./runtime-files.js";

const PACKAGES = ["numpy"]; // the engine is unpacked from its wheel directly: no micropip at start-up
// Per load phase: a stalled download must end in the error panel, never an endless spinner.
const RUNTIME_TIMEOUT_MS = 120_000;

export async function loadEngine({ onProgress = () => {}, baseURL = document.baseURI } = {}) {
  const report = (phase, label, fraction) => onProgress({ phase, label, fraction });
  if (typeof WebAssembly !== "object") {
    throw new Error("This browser does not support WebAssembly, which the Python engine needs.");
  }
  performance.mark("backprop:start");
  report("runtime", "Loading the Python runtime…", 0.05);
  const manifest = await withTimeout(fetchJson(new URL("manifest.json", baseURL)),
    RUNTIME_TIMEOUT_MS, stalled("manifest.json"));
  const indexURL = new URL(manifest.pyodide_dir, baseURL).href;
  // Everything is requested now, in parallel; a file that fails ends whichever phase waits.
  const files = fetchRuntimeFiles(manifest, baseURL, PACKAGES, { timeoutMs: RUNTIME_TIMEOUT_MS });
  const phase = (task, message) => withTimeout(Promise.race([task, files.failure]), RUNTIME_TIMEOUT_MS, message);
  const pyodide = await phase(files.answering(() => loadRuntime(indexURL)),
    `The Python runtime did not start within ${RUNTIME_TIMEOUT_MS / 1000} s.`);
  measure("runtime", "backprop:start");

  report("numpy", "Loading numpy…", 0.55);
  await phase(files.answering(() => loadPackages(pyodide)), stalled("numpy"));
  measure("numpy", "backprop:runtime");

  report("engine", "Loading the engine…", 0.85);
  const dispatch = await phase(files.bytes(manifest.engine_wheel).then((wheel) => installEngine(pyodide, wheel)),
    stalled("The engine"));
  measure("engine", "backprop:numpy");
  performance.measure("backprop:ready", "backprop:start", "backprop:engine");

  report("ready", "Ready", 1);
  return { call: (name, args = {}) => callApi(dispatch, name, args), version: manifest.version };
}

/** engine.call(name, args) -> Promise of the result; a Python error rejects with an Error whose
 * name and message are the engine's, and whose `frame` is the run as it stands when part of the
 * call happened (e.g. the updates of step(n) before the one that diverged). */
async function callApi(dispatch, name, args) {
  const result = JSON.parse(dispatch(name, JSON.stringify(args))); // a Python str arrives as a JS string
  if (result.ok) return result.value;
  const error = new Error(result.message);
  error.name = result.type;
  if (result.frame) error.frame = result.frame;
  throw error;
}

async function fetchJson(url) {
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(`Could not load ${url.pathname}: HTTP ${response.status}`);
  return response.json();
}

function stalled(what) {
  return `${what} did not load within ${RUNTIME_TIMEOUT_MS / 1000} s; the connection may have stalled.`;
}

async function loadRuntime(indexURL) {
  if (typeof globalThis.loadPyodide === "function") { // the offline file: pyodide.js by script tag
    return globalThis.loadPyodide({ indexURL, fullStdLib: false });
  }
  let module;
  try {
    // Both at once: loadPyodide would import pyodide.asm.js only after pyodide.mjs has run.
    [module] = await Promise.all(["pyodide.mjs", "pyodide.asm.js"].map((name) => import(new URL(name, indexURL).href)));
  } catch (err) {
    throw new Error(`Could not load the Python runtime (pyodide.mjs, pyodide.asm.js): ${err.message}`);
  }
  return module.loadPyodide({ indexURL, fullStdLib: false });
}

async function loadPackages(pyodide) {
  const failures = [];
  await pyodide.loadPackage(PACKAGES, {
    messageCallback: () => {},
    errorCallback: (message) => failures.push(message),
    checkIntegrity: true,
  });
  const missing = PACKAGES.filter((name) => !(name in pyodide.loadedPackages));
  if (missing.length || failures.length) {
    const reason = failures.map(lastLine).filter((line) => !line.endsWith(":")).join("; ");
    throw new Error(`Could not load ${missing.join(", ") || "packages"}: ${reason || "failed"}. ` +
      "Its wheel in pyodide/ is missing or does not match pyodide-lock.json.");
  }
}

// The engine is pure Python: its checked wheel is unpacked into site-packages (what micropip would
// do, without loading micropip and its dependencies first).
function installEngine(pyodide, wheel) {
  try {
    const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
    pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
    pyodide.runPython("import importlib; importlib.invalidate_caches()");
    return pyodide.pyimport("backprop.api").dispatch.copy(); // lives as long as the page
  } catch (err) {
    throw new Error(`Could not install the engine: ${lastLine(err.message)}`);
  }
}

function measure(phase, startMark) {
  performance.mark(`backprop:${phase}`);
  performance.measure(`backprop:${phase}-phase`, startMark, `backprop:${phase}`);
}

function lastLine(text) {
  return String(text).trim().split("\n").pop();
}
