// Inside the engine's worker: Pyodide's requests for the runtime's files are answered by the page,
// which downloaded and checked them (runtime-files.js) and keeps them for a restarted worker; the
// wasm arrives compiled. Any other request goes to the network. Knows nothing of Pyodide's API.

const TYPES = { json: "application/json", zip: "application/zip", whl: "application/zip" };

/**
 * Replaces self.fetch (and WebAssembly.instantiateStreaming, for the compiled wasm). post: sends a
 * message to the page. Returns {bytes(path), receive(message)}: receive takes the page's "file"
 * answers.
 */
export function answerFromPage(base, post) {
  const waiting = new Map();
  let next = 0;
  const ask = (path) => new Promise((resolve) => {
    next += 1;
    waiting.set(next, resolve);
    post({ type: "fetch", id: next, path });
  });
  const compiled = new WeakMap(); // Response -> WebAssembly.Module
  const native = self.fetch.bind(self);
  self.fetch = (input, init) => {
    const path = pathOf(input, base);
    if (path === null) return native(input, init);
    return ask(path).then((file) => file.missing ? native(input, init) : respond(file, path,
      compiled));
  };
  useCompiled(compiled);
  return {
    bytes: (path) => ask(path).then((file) => file.bytes),
    receive: ({ id, ...file }) => {
      waiting.get(id)?.(file);
      waiting.delete(id);
    },
  };
}

function respond(file, path, compiled) {
  if (!file.module) {
    const type = TYPES[path.split(".").pop()] ?? "application/octet-stream";
    return new Response(file.bytes, { status: 200, headers: { "Content-Type": type } });
  }
  const response = new Response(null, { status: 200 });
  compiled.set(response, file.module);
  return response;
}

// Pyodide instantiates its wasm with instantiateStreaming(fetch(url)): for the page's compiled
// module, that is an instantiation only.
function useCompiled(compiled) {
  const native = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    const module = compiled.get(response);
    if (!module) return native.call(WebAssembly, response, imports);
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
}

// ".../lab/pyodide/x.zip?v=1" -> "pyodide/x.zip" when under base (else null).
function pathOf(input, base) {
  const url = new URL(input instanceof Request ? input.url : String(input), base);
  const href = url.href.split(/[?#]/)[0];
  return href.startsWith(base) ? decodeURIComponent(href.slice(base.length)) : null;
}
