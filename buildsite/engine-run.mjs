// Run by bytecode.py's engine_run() in a folder holding the verified Pyodide files, its wheels and
// the engine's sources (backprop/), with the same Pyodide and numpy that run in the browser:
// prints the engine's description and the spec preset's first frame (so the page shows real
// numbers before Pyodide loads), then runs pyodide_bytecode.py, which writes bytecode.zip.
// Usage: node engine-run.mjs STDLIB_BYTECODE_DIR (cwd: that folder). Writes nothing else.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [stdlibDir] = process.argv.slice(2);
const folder = `${process.cwd()}/`;
const { loadPyodide } = await import(pathToFileURL(`${folder}pyodide.mjs`).href);
const py = await loadPyodide({ indexURL: folder });
await py.loadPackage(["numpy"], { messageCallback: () => {} });
const sitePackages = py.runPython("import site; site.getsitepackages()[0]");
py.FS.mkdirTree(`${sitePackages}/backprop`);
for (const name of readdirSync("backprop")) {
  py.FS.writeFile(`${sitePackages}/backprop/${name}`, readFileSync(`backprop/${name}`));
}
py.runPython("import sys\nloaded_before_the_engine = set(sys.modules)");
const frame = py.runPython(`
import json
import backprop.api as api
description = api.describe()
json.dumps({"describe": description, "frame": api.create(description["presets"]["spec"]["config"])},
           allow_nan=False, sort_keys=True)
`);
// Not needed for the spec's frame, but for any run that draws weights or shuffles data.
py.runPython("import numpy.random");
py.runPython("engine_imports = sorted(set(sys.modules) - loaded_before_the_engine)");
py.runPython(readFileSync(new URL("pyodide_bytecode.py", import.meta.url), "utf8"));
py.globals.set("stdlib_dir", stdlibDir);
py.runPython('write_archive("/bytecode.zip", engine_imports, stdlib_dir)');
writeFileSync("bytecode.zip", py.FS.readFile("/bytecode.zip"));
process.stdout.write(frame);
