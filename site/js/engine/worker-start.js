// Starts the engine's dedicated worker: on the served page its own bundle (the manifest's
// engine_worker; site/ served as is, the worker module beside this one), in the offline file a
// classic worker made from the page's inline parts (pyodide.js, pyodide.asm.js and the worker's
// classic bundle, in that order), which a file:// page can start only from a blob: URL.

const NAME = "backprop-engine";
let offlineURL = null; // one blob URL for every worker this page starts (kept for restarts)

/** A new Worker running worker.js. */
export function startWorker(manifest, baseURL) {
  const parts = document.querySelectorAll("script[data-worker-part]");
  if (parts.length) {
    offlineURL ??= URL.createObjectURL(new Blob(
      Array.from(parts, (part) => `${part.textContent}\n;\n`), { type: "text/javascript" }));
    return new Worker(offlineURL, { name: NAME });
  }
  const url = manifest.engine_worker
    ? new URL(manifest.engine_worker, baseURL)
    : new URL("./worker.js", import.meta.url);
  return new Worker(url, { type: "module", name: NAME });
}
