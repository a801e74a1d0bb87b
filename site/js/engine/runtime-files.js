// The runtime's files, each downloaded once: as soon as the manifest is known, the wasm, the
// standard library, the lock file and the wheels are all requested in parallel (Pyodide alone would
// ask for them one after another), each is checked against the build's manifest (sha256), and
// Pyodide's own requests for them are answered from memory while it starts. A missing, damaged or
// stalled file is named at once, instead of Pyodide hanging on it or downloading the standard
// library a second time. The page keeps them, so a restarted engine worker loads from memory.

const WASM = "pyodide.asm.wasm";
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/**
 * Starts every download now. manifest: the build's manifest.json; packages: the Pyodide packages
 * the engine needs (their wheels are found in the manifest); onBytes(received, total) as data
 * arrives; a download with no data for stallMs fails (a slow connection is waited for, a dead one
 * is not). Returns {bytes(path), downloaded, failure, serve(path)}.
 */
export function fetchRuntimeFiles(manifest, baseURL, packages,
  { stallMs, onBytes = () => {}, fetch = globalThis.fetch } = {}) {
  const wasmPath = manifest.pyodide_dir + WASM;
  const paths = runtimePaths(manifest, packages);
  const read = byteCounter([...paths, wasmPath], manifest, stallMs, onBytes);
  const get = (path) => fetchOk(fetch, new URL(path, baseURL), path, stallMs);
  const files = new Map(paths.map((path) => [path, get(path)
    .then((response) => read(response, path))
    .then((data) => checkHash(data, path, manifest).then(() => data))]));
  const wasm = get(wasmPath).then((response) => splitWasm(response, wasmPath, manifest, read));
  const checks = [...files.values(), wasm.then((w) => w.checked)];
  const downloaded = Promise.all(checks).then(() => undefined);
  // Rejects with the first file that fails; never resolves (raced against steps that wait on
  // files).
  const failure = downloaded.then(never);
  for (const promise of [failure, downloaded, wasm, ...files.values()]) {
    promise.catch(() => {}); // read later
  }
  return { bytes: (path) => files.get(path), downloaded, failure,
    serve: server(files, wasm, wasmPath) };
}

// Every file but the wasm: the standard library, the lock file, the wheels and the bytecode.
function runtimePaths(manifest, packages) {
  const dir = manifest.pyodide_dir;
  return [`${dir}python_stdlib.zip`, `${dir}pyodide-lock.json`,
    ...packages.map((name) => wheelPath(manifest, name)), manifest.engine_wheel,
    ...(manifest.bytecode ? [manifest.bytecode] : [])];
}

// read(response, path): the whole body, each chunk counted towards the total of all the files.
function byteCounter(paths, manifest, stallMs, onBytes) {
  const total = paths.reduce((sum, path) => sum + (manifest.files[path]?.size ?? 0), 0);
  let received = 0;
  return (response, path) => readAll(response, path, stallMs, (n) => {
    received += n;
    onBytes(received, total);
  });
}

/** serve(path): a Promise of {bytes} (Uint8Array) for one of these files, of {module} (the
 * compiled WebAssembly.Module) for the wasm, or null for any other path. A file that failed is
 * reported by `failure`: its promise never settles, so the worker is left waiting for it rather
 * than failing a second time. */
function server(files, wasm, wasmPath) {
  return (path) => {
    if (files.has(path)) return files.get(path).then((bytes) => ({ bytes }), never);
    if (path === wasmPath) return wasm.then((w) => w.module).then((module) => ({ module }), never);
    return null;
  };
}

const never = () => new Promise(() => {});

function wheelPath(manifest, name) {
  const prefix = `${manifest.pyodide_dir}${name}-`;
  const path = Object.keys(manifest.files).find((p) => p.startsWith(prefix) && p.endsWith(".whl"));
  if (!path) throw new Error(`The build has no ${name} wheel (manifest.json lists none).`);
  return path;
}

function fetchOk(fetch, url, path, stallMs) {
  const request = (async () => {
    let response;
    try {
      response = await fetch(url);
    } catch (err) {
      throw new Error(`Could not load ${path}: ${err.message}`, { cause: err });
    }
    if (!response.ok) throw new Error(`Could not load ${path}: HTTP ${response.status}`);
    return response;
  })();
  return withTimeout(request, stallMs, stalledMessage(path, stallMs));
}

export function stalledMessage(path, ms) {
  const silence = `no data arrived for ${ms / 1000} s`;
  return `${path} did not load: ${silence}; the connection may have stalled.`;
}

/** The whole body, counting bytes as they arrive; fails when no data comes for stallMs. */
async function readAll(response, path, stallMs, count) {
  const reader = response.body.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    let part;
    try {
      part = await withTimeout(reader.read(), stallMs, stalledMessage(path, stallMs));
    } catch (err) {
      reader.cancel().catch(() => {});
      throw err;
    }
    if (part.done) break;
    chunks.push(part.value);
    length += part.value.length;
    count(part.value.length);
  }
  const data = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.length;
  }
  return data;
}

async function checkHash(data, path, manifest) {
  const expected = manifest.files[path]?.sha256;
  if (expected && globalThis.crypto?.subtle && (await sha256Hex(data)) !== expected) {
    throw new Error(`${path} is damaged: its sha256 does not match the build's manifest.`);
  }
}

/** The wasm is compiled here while it streams in (off the main thread, by the browser; the
 * network's own response, so the browser can also keep the compiled code for the next visit) and
 * a clone of it is read, counted and hashed; `checked` rejects on a wrong type, a body that is not
 * WebAssembly, or a damaged one, and `module` (the compiled module, which the worker only
 * instantiates) then rejects with that reason. */
function splitWasm(response, path, manifest, read) {
  const type = response.headers.get("content-type") ?? "";
  const copy = response.clone();
  const checked = (async () => {
    const data = await read(copy, path);
    if (!WASM_MAGIC.every((byte, i) => data[i] === byte)) {
      throw new Error(`${path} is not WebAssembly (the server sent something else).`);
    }
    if (!type.startsWith("application/wasm")) {
      throw new Error(`${path} is served as "${type}"; the server must send application/wasm.`);
    }
    await checkHash(data, path, manifest);
  })();
  checked.catch(() => {});
  // A refused compile waits for the check, whose reason is the telling one (e.g. the MIME type).
  const module = WebAssembly.compileStreaming(response).catch(async (error) => {
    await checked;
    throw error;
  });
  module.catch(() => {});
  return { checked, module };
}

async function sha256Hex(data) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
