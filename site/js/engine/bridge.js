// The one JS module that knows Pyodide: loads the runtime, numpy and the engine wheel, then moves
// JSON text to backprop.api.dispatch_wire (the Python half of the protocol, tested in CPython) and
// its answers back: JSON text, plus one buffer for bulk numbers (wire.js). Nothing else touches
// Pyodide. JSON text: Python's None arrives as the documented null (toJs would give undefined).

import { fetchRuntimeFiles, withTimeout } from "./runtime-files.js";
import { decode } from "./wire.js";

const PACKAGES = ["numpy"]; // the engine is unpacked from its wheel directly: no micropip
// Per load phase: a stalled download must end in the error panel, never an endless spinner.
const RUNTIME_TIMEOUT_MS = 120_000;

/** Loads the runtime, numpy and the engine. manifest: the build's manifest.json (at least its
 * runtime part), when the page already holds it; else it is fetched. */
export async function loadEngine({
  onProgress = () => {}, baseURL = document.baseURI, manifest = null,
} = {}) {
  const progress = { phase: "runtime", fraction: 0 };
  // The bar never moves back, and bytes arriving late (or after a failure) change nothing shown.
  const report = (phase, label, fraction) => {
    if (progress.phase === "failed") return;
    Object.assign(progress, { phase, label, fraction: Math.max(progress.fraction, fraction) });
    onProgress({ ...progress });
  };
  try {
    return await load(report, progress, baseURL, manifest);
  } catch (error) {
    progress.phase = "failed";
    throw error;
  }
}

async function load(report, progress, baseURL, given) {
  if (typeof WebAssembly !== "object") {
    throw new Error("This browser does not support WebAssembly, which the Python engine needs.");
  }
  performance.mark("backprop:start");
  report("runtime", "Loading the Python runtime…", 0.05);
  const manifest = given ?? await withTimeout(fetchJson(new URL("manifest.json", baseURL)),
    RUNTIME_TIMEOUT_MS, stalled("manifest.json"));
  const indexURL = new URL(manifest.pyodide_dir, baseURL).href;
  // Everything is requested now, in parallel; a file that fails ends whichever phase waits.
  const files = fetchRuntimeFiles(manifest, baseURL, PACKAGES, {
    stallMs: RUNTIME_TIMEOUT_MS, onBytes: reportBytes(report, progress),
  });
  const late = (what) => `${what} did not start within ${RUNTIME_TIMEOUT_MS / 1000} s.`;
  const phase = (task, what) => inPhase(task, files, late(what));
  const pyodide = await phase(files.answering(() => loadRuntime(indexURL)), "The Python runtime");
  measure("runtime", "backprop:start");

  report("numpy", "Loading numpy…", 0.85);
  await phase(files.answering(() => loadPackages(pyodide)), "numpy");
  measure("numpy", "backprop:runtime");

  report("engine", "Loading the engine…", 0.92);
  const engineFiles = Promise.all([manifest.engine_wheel, manifest.bytecode]
    .map((path) => path && files.bytes(path)));
  const dispatch = await phase(engineFiles.then(([wheel, bytecode]) => installEngine(pyodide, wheel,
    bytecode && { archive: bytecode, stdlibDir: manifest.bytecode_stdlib_dir })), "The engine");
  measure("engine", "backprop:numpy");
  performance.measure("backprop:ready", "backprop:start", "backprop:engine");

  report("ready", "Ready", 1);
  return {
    call: (name, args = {}) => callApi(dispatch, name, args),
    /** For tests and the console, not the app: a Python expression's value, as JSON allows. */
    inspect: (expression) =>
      JSON.parse(pyodide.runPython(`import json\njson.dumps(${expression})`)),
  };
}

// The runtime's downloads fill most of the bar, while they are the phase on screen.
function reportBytes(report, progress) {
  return (received, total) => progress.phase === "runtime" && report("runtime",
    `Loading the Python runtime… ${megabytes(received)} of ${megabytes(total)} MB`,
    0.05 + 0.75 * (received / total));
}

// A phase ends with its task, with the first file that fails, or with a time limit that starts
// once every file has arrived (a slow download is not a stalled runtime).
async function inPhase(task, files, message) {
  let timer;
  let done = false;
  const late = files.downloaded.then(() => new Promise((_, reject) => {
    if (!done) timer = setTimeout(() => reject(new Error(message)), RUNTIME_TIMEOUT_MS);
  }));
  late.catch(() => {});
  try {
    return await Promise.race([task, files.failure, late]);
  } finally {
    done = true;
    clearTimeout(timer);
  }
}

/** engine.call(name, args) -> Promise of the result; a Python error rejects with an Error whose
 * name and message are the engine's, and whose `frame` is the run as it stands when part of the
 * call happened (e.g. the updates of step(n) before the one that diverged). */
async function callApi(dispatch, name, args) {
  const answer = dispatch(name, JSON.stringify(args)); // (str, bytes | None)
  let text, bytes;
  try {
    [text, bytes] = answer.toJs(); // a str as a string, bytes as a new Uint8Array
  } finally {
    answer.destroy();
  }
  const result = decode(text, bytes ? ownBuffer(bytes) : null);
  if (result.ok) return result.value;
  const error = new Error(result.message);
  error.name = result.type;
  if (result.frame) error.frame = result.frame;
  throw error;
}

// An ArrayBuffer holding exactly these bytes (copied only if they view part of a larger one).
function ownBuffer(bytes) {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole ? bytes.buffer : bytes.slice().buffer;
}

async function fetchJson(url) {
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(`Could not load ${url.pathname}: HTTP ${response.status}`);
  return response.json();
}

const megabytes = (bytes) => (bytes / 1e6).toFixed(1);

function stalled(what) {
  const seconds = RUNTIME_TIMEOUT_MS / 1000;
  return `${what} did not load within ${seconds} s; the connection may have stalled.`;
}

async function loadRuntime(indexURL) {
  if (typeof globalThis.loadPyodide === "function") { // the offline file: pyodide.js by script tag
    return globalThis.loadPyodide({ indexURL, fullStdLib: false });
  }
  let module;
  try {
    // Both at once: loadPyodide would import pyodide.asm.js only after pyodide.mjs has run.
    const load = (name) => import(new URL(name, indexURL).href);
    [module] = await Promise.all(["pyodide.mjs", "pyodide.asm.js"].map(load));
  } catch (err) {
    const files = "pyodide.mjs, pyodide.asm.js";
    throw new Error(`Could not load the Python runtime (${files}): ${err.message}`, { cause: err });
  }
  return module.loadPyodide({ indexURL, fullStdLib: false });
}

// Pyodide ends loadPackage with importlib.invalidate_caches(), which on a fresh runtime costs about
// 130 ms: it imports importlib.metadata (compiled from the standard library zip's sources) and
// re-reads that zip's index once per package path in it. Only directories gained files (numpy in
// site-packages), so while the packages load only the directories' finders forget what they
// listed; the zip never changes. Returns a function that puts the full version back.
const FORGET_NEW_FILES_ONLY = [
  "import importlib, sys",
  "from zipimport import zipimporter",
  "full = importlib.invalidate_caches",
  "def directories_only():",
  "    for finder in list(sys.path_importer_cache.values()):",
  "        if (finder is not None and not isinstance(finder, zipimporter)",
  "                and hasattr(finder, 'invalidate_caches')):",
  "            finder.invalidate_caches()",
  "importlib.invalidate_caches = directories_only",
  "lambda: setattr(importlib, 'invalidate_caches', full)",
].join("\n");

async function loadPackages(pyodide) {
  const failures = [];
  const scope = pyodide.toPy({}); // its own namespace, not __main__'s
  const restore = pyodide.runPython(FORGET_NEW_FILES_ONLY, { globals: scope });
  try {
    await pyodide.loadPackage(PACKAGES, {
      messageCallback: () => {},
      errorCallback: (message) => failures.push(message),
      checkIntegrity: true,
    });
  } finally {
    restore();
    restore.destroy();
    scope.destroy();
  }
  const missing = PACKAGES.filter((name) => !(name in pyodide.loadedPackages));
  if (missing.length || failures.length) {
    const reason = failures.map(lastLine).filter((line) => !line.endsWith(":")).join("; ");
    throw new Error(`Could not load ${missing.join(", ") || "packages"}: ${reason || "failed"}. ` +
      "Its wheel in pyodide/ is missing or does not match pyodide-lock.json.");
  }
}

// The engine is pure Python: its checked wheel is unpacked into site-packages (what micropip would
// do, without loading micropip and its dependencies first). bytecode: the build's compiled bytecode
// of every module the engine imports ({archive, stdlibDir}; absent from a build made without Node,
// whose Python then compiles them from source, ~0.3 s more): numpy's and the engine's __pycache__
// files, and the standard library's in stdlibDir, which goes ahead of the stdlib zip on sys.path.
function installEngine(pyodide, wheel, bytecode) {
  try {
    const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
    pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
    if (bytecode) pyodide.unpackArchive(bytecode.archive, "zip", { extractDir: "/" });
    // Only site-packages' finder forgets its listing: importlib.invalidate_caches() would also
    // re-read the standard library zip's index (~50 ms).
    pyodide.runPython(`import sys
finder = sys.path_importer_cache.get(${JSON.stringify(sitePackages)})
if finder: finder.invalidate_caches()
stdlib_dir = ${JSON.stringify(bytecode?.stdlibDir ?? "")}
if stdlib_dir:
    zip_at = next(i for i, p in enumerate(sys.path) if p.endswith(".zip"))
    sys.path.insert(zip_at, stdlib_dir)`);
    return pyodide.pyimport("backprop.api").dispatch_wire.copy(); // lives as long as the page
  } catch (err) {
    throw new Error(`Could not install the engine: ${lastLine(err.message)}`, { cause: err });
  }
}

function measure(phase, startMark) {
  performance.mark(`backprop:${phase}`);
  performance.measure(`backprop:${phase}-phase`, startMark, `backprop:${phase}`);
}

function lastLine(text) {
  return String(text).trim().split("\n").pop();
}
