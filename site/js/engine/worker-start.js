// Starts the engine's dedicated worker: on the served page its own bundle (the manifest's
// engine_worker; site/ served as is, the worker module beside this one), in the offline file a
// classic worker made from the page's inline parts (pyodide.js, pyodide.asm.js and the worker's
// classic bundle, in that order), which a file:// page can start only from a blob: URL. A page
// with no origin of its own (a frame sandboxed without allow-same-origin) may start neither a
// worker from its server nor a module worker: a classic blob: worker imports the bundle, holding
// the page's messages until the bundle listens (IMPORTER).

const NAME = "backprop-engine";
let offlineURL = null; // one blob URL for every worker this page starts (kept for restarts)

// A classic worker's script (after `const url = …;`): messages that come before the module has
// loaded are kept and handed to it once it listens.
const IMPORTER = `const early = [];
const keep = (event) => early.push(event.data);
self.addEventListener("message", keep);
import(url).then(() => {
  self.removeEventListener("message", keep);
  for (const data of early) self.dispatchEvent(new MessageEvent("message", { data }));
}, (error) => {
  self.postMessage({ type: "load-failed", name: "Error",
    message: "Could not load the engine's worker (" + url + "): " + error.message });
});
`;

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
  if (self.origin !== "null") return new Worker(url, { type: "module", name: NAME });
  const importer = `const url = ${JSON.stringify(url.href)};\n${IMPORTER}`;
  return new Worker(URL.createObjectURL(new Blob([importer], { type: "text/javascript" })),
    { name: NAME });
}
