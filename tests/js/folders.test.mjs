// The folders of site/js/ are the parts of the page. A feature folder's files import only their
// own folder, core/ (pure helpers) and state/ (the one state and the lab); core/ imports only
// core/; a renderer (a module that exports render) imports only core/ and the parts of its own
// folder that are not renderers. What composes the page may import any folder: main.js (boot and
// wiring) and views.js (every view from one view) at the top, and page/ (the wiring that joins
// parts of different folders, window.backpropLab).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";

const JS = join(dirname(fileURLToPath(import.meta.url)), "../../site/js");
const SHARED = ["core", "state"];
const TOP = ["main.js", "views.js"];
const COMPOSING = ["page"];

function modules(dir = JS) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith(".js") ? [relative(JS, path).split("\\").join("/")] : [];
  });
}

const source = (file) => readFileSync(join(JS, file), "utf8");

function importsOf(file) {
  const specs = [...source(file).matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?from\s*"([^"]+)"/g)]
    .map((match) => match[1]);
  return specs.map((spec) => normalize(join(dirname(file), spec)).split("\\").join("/"));
}

const folderOf = (file) => (file.includes("/") ? file.split("/")[0] : null);
const isRenderer = (file) => /^export\s+function\s+render\b/m.test(source(file));

test("every module but main.js and views.js lives in a folder", () => {
  const loose = modules().filter((file) => !file.includes("/") && !TOP.includes(file));
  assert.deepEqual(loose, []);
});

test("every import names a module that exists", () => {
  const all = new Set(modules());
  const missing = modules().flatMap((file) =>
    importsOf(file).filter((target) => !all.has(target)).map((target) => `${file} -> ${target}`));
  assert.deepEqual(missing, []);
});

test("a feature folder imports only its own files, core/ and state/", () => {
  const features = (file) => folderOf(file) && !COMPOSING.includes(folderOf(file));
  const crossings = modules().filter(features)
    .flatMap((file) => importsOf(file)
      .filter((target) => {
        const folder = folderOf(target);
        return folder !== folderOf(file) && !SHARED.includes(folder);
      })
      .map((target) => `${file} -> ${target}`));
  assert.deepEqual(crossings, []);
});

test("core/ imports only core/", () => {
  const crossings = modules().filter((file) => folderOf(file) === "core")
    .flatMap((file) => importsOf(file).filter((target) => folderOf(target) !== "core")
      .map((target) => `${file} -> ${target}`));
  assert.deepEqual(crossings, []);
});

test("no renderer imports another renderer", () => {
  const crossings = modules().filter((file) => !TOP.includes(file) && isRenderer(file))
    .flatMap((file) => importsOf(file).filter(isRenderer).map((target) => `${file} -> ${target}`));
  assert.deepEqual(crossings, []);
});

test("a renderer imports only core/ and its own folder's parts, never the state or the lab", () => {
  const crossings = modules().filter(isRenderer)
    .flatMap((file) => importsOf(file)
      .filter((target) => ![folderOf(file), "core"].includes(folderOf(target)))
      .map((target) => `${file} -> ${target}`));
  assert.deepEqual(crossings, []);
});

test("only what composes the page imports page/", () => {
  const reaching = modules().filter((file) => !TOP.includes(file) && folderOf(file) !== "page")
    .flatMap((file) => importsOf(file).filter((target) => folderOf(target) === "page")
      .map((target) => `${file} -> ${target}`));
  assert.deepEqual(reaching, []);
});

test("the import test sees the page's imports", () => {
  assert.ok(importsOf("main.js").includes("page/api.js"));
  assert.ok(importsOf("page/boot.js").includes("state/lab.js"));
  assert.ok(importsOf("views.js").includes("network/view.js"));
});
