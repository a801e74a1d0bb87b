// The page's side of loading the engine: downloads and checks the runtime's files here
// (runtime-files.js: progress, stall timeouts), while Pyodide, numpy and the engine load and run
// in a dedicated worker (worker.js), which asks the page for those files. The page never holds
// Pyodide: engine.js gives it call(name, args) over the worker's messages, and restarts a worker
// that dies. Load phases are the worker's, marked on the page's timeline (bench/ reads them).
import { fetchRuntimeFiles, withTimeout } from "./runtime-files.js";
import { startLink } from "./worker-link.js";
import { startWorker } from "./worker-start.js";
import { createEngine } from "./engine.js";

const PACKAGES = ["numpy"]; // the engine is unpacked from its wheel directly: no micropip
// Per load phase: a stalled download must end in the error panel, never an endless spinner.
const RUNTIME_TIMEOUT_MS = 120_000;

/** Loads the runtime, numpy and the engine. manifest: the build's manifest.json (at least its
 * runtime part), when the page already holds it; else it is fetched. onNotice(sentence): the
 * engine stopped and was restarted (or could not be). */
export async function loadEngine({
  onProgress = () => {}, onNotice = () => {}, baseURL = document.baseURI, manifest = null,
} = {}) {
  const progress = { phase: "runtime", fraction: 0 };
  // The bar never moves back, and bytes arriving late (or after a failure) change nothing shown.
  const report = (phase, label, fraction) => {
    if (progress.phase === "failed") return;
    Object.assign(progress, { phase, label, fraction: Math.max(progress.fraction, fraction) });
    onProgress({ ...progress });
  };
  try {
    return await load(report, progress, { baseURL, manifest, onNotice });
  } catch (error) {
    progress.phase = "failed";
    throw error;
  }
}

async function load(report, progress, { baseURL, manifest: given, onNotice }) {
  if (typeof WebAssembly !== "object") {
    throw new Error("This browser does not support WebAssembly, which the Python engine needs.");
  }
  performance.mark("backprop:start");
  report("runtime", "Loading the Python runtime…", 0.05);
  const manifest = given ?? await withTimeout(fetchJson(new URL("manifest.json", baseURL)),
    RUNTIME_TIMEOUT_MS, stalled("manifest.json"));
  // Everything is requested now, in parallel; a file that fails ends whichever phase waits.
  const files = fetchRuntimeFiles(manifest, baseURL, PACKAGES, {
    stallMs: RUNTIME_TIMEOUT_MS, onBytes: reportBytes(report, progress),
  });
  const launch = () => startLink(startWorker(manifest, baseURL), loadMessage(manifest, baseURL),
    files.serve);
  const link = launch();
  try {
    await phases(link, files, report);
  } catch (error) {
    link.terminate("could not start");
    throw error;
  }
  report("ready", "Ready", 1);
  const relaunch = async () => {
    const next = launch();
    await next.phase("engine");
    return next;
  };
  return createEngine({ link, relaunch, onNotice });
}

async function phases(link, files, report) {
  const late = (what) => `${what} did not start within ${RUNTIME_TIMEOUT_MS / 1000} s.`;
  const phase = (name, what) => inPhase(link.phase(name), files, late(what));
  markAt("runtime", await phase("runtime", "The Python runtime"), "backprop:start");
  report("numpy", "Loading numpy…", 0.85);
  markAt("numpy", await phase("numpy", "numpy"), "backprop:runtime");
  report("engine", "Loading the engine…", 0.92);
  markAt("engine", await phase("engine", "The engine"), "backprop:numpy");
  performance.measure("backprop:ready", "backprop:start", "backprop:engine");
}

// What the worker needs to load: absolute URLs (a blob: worker has no base of its own).
function loadMessage(manifest, baseURL) {
  return {
    indexURL: new URL(manifest.pyodide_dir, baseURL).href,
    base: new URL(".", baseURL).href,
    wheel: manifest.engine_wheel,
    bytecode: manifest.bytecode ?? null,
    stdlibDir: manifest.bytecode_stdlib_dir ?? null,
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

// The worker's phase ended at `time` (epoch ms): the same moment on this page's timeline.
function markAt(phase, time, startMark) {
  const startTime = time - performance.timeOrigin;
  const name = `backprop:${phase}`;
  performance.mark(name, Number.isFinite(startTime) && startTime >= 0 ? { startTime } : {});
  performance.measure(`${name}-phase`, startMark, name);
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
