// The runtime's files, each downloaded once: as soon as the manifest is known, the wasm, the standard
// library, the lock file and the wheels are all requested in parallel (Pyodide alone would ask for
// them one after another), each is checked against the build's manifest (sha256), and Pyodide's own
// requests for them are answered from memory while it starts. A missing, damaged or stalled file is
// named at once, instead of Pyodide hanging on it or downloading the standard library a second time.

const WASM = "pyodide.asm.wasm";
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/**
 * Starts every download now. manifest: the build's manifest.json; packages: the Pyodide packages the
 * engine needs (their wheels are found in the manifest). Returns {bytes(path), failure, answering(task)}.
 */
export function fetchRuntimeFiles(manifest, baseURL, packages, { timeoutMs, fetch = globalThis.fetch } = {}) {
  const dir = manifest.pyodide_dir;
  const get = (path) => withTimeout(fetchOk(fetch, baseURL, path), timeoutMs,
    `${path} did not load within ${timeoutMs / 1000} s; the connection may have stalled.`);
  const paths = [`${dir}python_stdlib.zip`, `${dir}pyodide-lock.json`,
    ...packages.map((name) => wheelPath(manifest, name)), manifest.engine_wheel];
  const files = new Map(paths.map((path) => [path, get(path).then((response) => checkedBytes(response, path, manifest))]));
  const wasm = get(dir + WASM).then((response) => splitWasm(response, dir + WASM, manifest));
  // Rejects with the first file that fails; never resolves (raced against steps that wait on files).
  const failure = Promise.all([...files.values(), wasm.then((w) => w.checked)]).then(never);
  for (const promise of [failure, wasm, ...files.values()]) promise.catch(() => {}); // read later
  return {
    bytes: (path) => files.get(path),
    failure,
    /** Runs task() with fetch() answering for these files from memory; restores fetch after. */
    async answering(task) {
      const native = globalThis.fetch;
      globalThis.fetch = (input, init) => answer(input) ?? native(input, init);
      try {
        return await task();
      } finally {
        globalThis.fetch = native;
      }
    },
  };

  // A file that failed is reported by `failure`; Pyodide is left waiting for it rather than
  // failing a second time with a flood of console errors.
  function answer(input) {
    const path = pathOf(input, baseURL);
    if (files.has(path)) return files.get(path).then((data) => new Response(data, { status: 200 }), never);
    if (path === dir + WASM) return wasm.then((w) => w.take() ?? fetch(input), never);
    return null;
  }
}

const never = () => new Promise(() => {});

function wheelPath(manifest, name) {
  const prefix = `${manifest.pyodide_dir}${name}-`;
  const path = Object.keys(manifest.files).find((p) => p.startsWith(prefix) && p.endsWith(".whl"));
  if (!path) throw new Error(`The build has no ${name} wheel (manifest.json lists none).`);
  return path;
}

// ".../lab/pyodide/x.zip?v=1" -> "pyodide/x.zip" when under baseURL's folder (else null).
function pathOf(input, baseURL) {
  const base = new URL(".", baseURL).href;
  const href = new URL(input instanceof Request ? input.url : String(input), baseURL).href.split(/[?#]/)[0];
  return href.startsWith(base) ? decodeURIComponent(href.slice(base.length)) : null;
}

async function fetchOk(fetch, baseURL, path) {
  let response;
  try {
    response = await fetch(new URL(path, baseURL));
  } catch (err) {
    throw new Error(`Could not load ${path}: ${err.message}`);
  }
  if (!response.ok) throw new Error(`Could not load ${path}: HTTP ${response.status}`);
  return response;
}

async function checkedBytes(response, path, manifest) {
  const data = new Uint8Array(await response.arrayBuffer());
  await checkHash(data, path, manifest);
  return data;
}

async function checkHash(data, path, manifest) {
  const expected = manifest.files[path]?.sha256;
  if (expected && globalThis.crypto?.subtle && (await sha256Hex(data)) !== expected) {
    throw new Error(`${path} is damaged: its sha256 does not match the build's manifest.`);
  }
}

/** The wasm is compiled while it streams in: Pyodide gets the network's own response (so the
 * browser can also keep the compiled code for the next visit) and a clone of it is hashed;
 * `checked` rejects on a wrong type, a body that is not WebAssembly, or a damaged one. */
function splitWasm(response, path, manifest) {
  const type = response.headers.get("content-type") ?? "";
  const copy = response.clone();
  let given = false;
  const checked = (async () => {
    const data = new Uint8Array(await copy.arrayBuffer());
    if (!WASM_MAGIC.every((byte, i) => data[i] === byte)) {
      throw new Error(`${path} is not WebAssembly (the server sent something else).`);
    }
    if (!type.startsWith("application/wasm")) {
      throw new Error(`${path} is served as "${type}"; the server must send application/wasm.`);
    }
    await checkHash(data, path, manifest);
  })();
  checked.catch(() => {});
  return {
    checked,
    take() { // once; a later request goes to the network
      if (given) return null;
      given = true;
      return response;
    },
  };
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
