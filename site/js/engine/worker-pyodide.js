// Inside the engine's worker: starts Pyodide, loads numpy and installs the engine from its wheel.
// The only module that calls Pyodide's API (worker.js moves messages; the page never sees Pyodide).

const PACKAGES = ["numpy"]; // the engine is unpacked from its wheel directly: no micropip

/** Pyodide, from pyodide.mjs, or from the loadPyodide a classic worker already holds (the offline
 * file's worker is pyodide.js, pyodide.asm.js and this, in one script). */
export async function loadRuntime(indexURL) {
  if (typeof globalThis.loadPyodide === "function") { // the offline file: pyodide.js ran first
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

export async function loadPackages(pyodide) {
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
export function installEngine(pyodide, wheel, bytecode) {
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

function lastLine(text) {
  return String(text).trim().split("\n").pop();
}
