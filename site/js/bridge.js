// The one JS module that knows Pyodide: loads the runtime, numpy and the engine wheel, then moves
// JSON text to and from backprop.api.dispatch (the Python half of the protocol, tested in CPython).
// Nothing else touches Pyodide. JSON text: Python's None arrives as the documented null (toJs would
// give undefined) and no proxy is left to destroy.

const PACKAGES = ["numpy", "micropip"];
// Checked in full before Pyodide starts (small, or cached for Pyodide's own fetch afterwards).
const CHECKED_FILES = ["python_stdlib.zip", "pyodide-lock.json"];
const WASM_FILE = "pyodide.asm.wasm";
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
  await withTimeout(checkRuntimeFiles(manifest, baseURL), RUNTIME_TIMEOUT_MS,
    stalled("The runtime files"));
  const pyodide = await withTimeout(loadRuntime(indexURL), RUNTIME_TIMEOUT_MS,
    `The Python runtime did not start within ${RUNTIME_TIMEOUT_MS / 1000} s.`);
  measure("runtime", "backprop:start");

  report("numpy", "Loading numpy…", 0.55);
  await withTimeout(loadPackages(pyodide), RUNTIME_TIMEOUT_MS, stalled("numpy"));
  measure("numpy", "backprop:runtime");

  report("engine", "Loading the engine…", 0.85);
  const dispatch = await withTimeout(
    loadBackprop(pyodide, new URL(manifest.engine_wheel, baseURL).href), RUNTIME_TIMEOUT_MS,
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

// Pyodide waits forever on a missing wasm and fails obscurely on a bad stdlib, so check first.
function checkRuntimeFiles(manifest, baseURL) {
  const checked = [...CHECKED_FILES.map((name) => manifest.pyodide_dir + name), manifest.engine_wheel];
  return Promise.all([
    checkWasm(baseURL, manifest.pyodide_dir + WASM_FILE),
    ...checked.map((path) => checkFile(baseURL, path, manifest.files[path])),
  ]);
}

async function fetchOk(baseURL, path) {
  let response;
  try {
    response = await fetch(new URL(path, baseURL));
  } catch (err) {
    throw new Error(`Could not load ${path}: ${err.message}`);
  }
  if (!response.ok) throw new Error(`Could not load ${path}: HTTP ${response.status}`);
  return response;
}

// Reads only the first bytes: the whole 10 MB would be downloaded twice where caching is off.
async function checkWasm(baseURL, path) {
  const response = await fetchOk(baseURL, path);
  const type = response.headers.get("content-type") ?? "";
  const reader = response.body.getReader();
  const { value = new Uint8Array() } = await reader.read();
  reader.cancel().catch(() => {});
  if (!(value[0] === 0 && value[1] === 0x61 && value[2] === 0x73 && value[3] === 0x6d)) {
    throw new Error(`${path} is not WebAssembly (the server sent something else).`);
  }
  if (!type.startsWith("application/wasm")) {
    throw new Error(`${path} is served as "${type}"; the server must send application/wasm.`);
  }
}

async function checkFile(baseURL, path, entry) {
  const response = await fetchOk(baseURL, path);
  const data = await response.arrayBuffer();
  if (entry && globalThis.crypto?.subtle && (await sha256Hex(data)) !== entry.sha256) {
    throw new Error(`${path} is damaged: its sha256 does not match the build's manifest.`);
  }
}

async function sha256Hex(data) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function stalled(what) {
  return `${what} did not load within ${RUNTIME_TIMEOUT_MS / 1000} s; the connection may have stalled.`;
}

function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function loadRuntime(indexURL) {
  if (typeof globalThis.loadPyodide === "function") { // the offline file: pyodide.js by script tag
    return globalThis.loadPyodide({ indexURL, fullStdLib: false });
  }
  let module;
  try {
    module = await import(new URL("pyodide.mjs", indexURL).href);
  } catch (err) {
    throw new Error(`Could not load the Python runtime (pyodide.mjs): ${err.message}`);
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

async function loadBackprop(pyodide, wheelURL) {
  const micropip = pyodide.pyimport("micropip");
  try {
    await micropip.install(wheelURL);
  } catch (err) {
    throw new Error(`Could not install the engine from ${wheelURL}: ${lastLine(err.message)}`);
  } finally {
    micropip.destroy();
  }
  return pyodide.pyimport("backprop.api").dispatch.copy(); // lives as long as the page
}

function measure(phase, startMark) {
  performance.mark(`backprop:${phase}`);
  performance.measure(`backprop:${phase}-phase`, startMark, `backprop:${phase}`);
}

function lastLine(text) {
  return String(text).trim().split("\n").pop();
}
