import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { literals } from "./js-literals.mjs";
import { engineDescription } from "./engine-description.mjs";

// The engine owns every fact (docs/ARCHITECTURE.md): a name describe() defines (optimizer,
// activation, loss, data set, optimizer setting) is never a string literal in site/js/, and a
// distinctive limit or default it gives is never a number literal there. The page reads them
// from describe() and the frame, so a new engine entry needs no JavaScript change.
const ROOT = process.env.BACKPROP_JS_ROOT ?? "site/js";
const description = engineDescription();

// Words that also mean something else on the page: allowed only on a line that says so.
const OTHER_MEANINGS = {
  linear: { line: /scale|"log"/, why: "a chart's linear (not log) axis" },
  circle: { line: /\bel\("circle"|marker: "circle"/, why: "an SVG circle, a marker's shape" },
};

/** The names describe() defines. A setting every optimizer takes (the learning rate) is left out:
 * the page gives it a place of its own, beside the example, like the inputs and targets. */
export function engineNames(d) {
  const optimizers = Object.values(d.optimizers);
  const settings = [...new Set(optimizers.flatMap((o) => Object.keys(o.settings)))];
  const fieldsOf = (setting) => (d.settings?.[setting] ?? []).map((part) => part.rule);
  const shared = settings.filter((s) => optimizers.every((o) => s in o.settings));
  const ownPlace = new Set([...shared, ...shared.flatMap(fieldsOf)]);
  const tables = [d.optimizers, d.activations, d.losses, d.datasets].flatMap(Object.keys);
  return new Set([...tables, ...settings, ...settings.flatMap(fieldsOf)]
    .filter((name) => !ownPlace.has(name)));
}

/** Numbers everybody writes for their own reasons: small integers, powers of ten from 0.001 to
 * 10000, one-digit fractions (0.5, 0.05). Every other limit or default describe() gives is
 * distinctive: 100000 steps, a seed's 4294967295, Adam's 0.999, ε = 1e-8. */
function everyday(x) {
  const size = Math.abs(x);
  const power = Math.log10(size);
  if (Number.isInteger(x) && size <= 16) return true;
  if (Number.isInteger(power) && power >= -3 && power <= 4) return true;
  return /^0\.0*[1-9]$/.test(String(size));
}

/** The limits and defaults describe() gives (field bounds, the per-call and history limits, the
 * optimizers' defaults), less the everyday numbers. The data sets' defaults (4 or 200 rows) are
 * left out: 200 is also HTTP's OK. */
export function engineNumbers(d) {
  const numbers = [d.history_limit, d.max_runs, d.steps_max];
  for (const rule of Object.values(d.fields)) {
    for (const key of ["min", "max", "min_layers", "max_layers", "min_size", "max_size"]) {
      if (typeof rule[key] === "number") numbers.push(rule[key]);
    }
  }
  for (const o of Object.values(d.optimizers)) numbers.push(...Object.values(o.settings).flat());
  return new Set(numbers.filter((x) => typeof x === "number" && !everyday(x)));
}

function jsFiles(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return path.endsWith(".js") ? [path] : [];
  });
}

/** Every literal in site/js/ that repeats one of the engine's facts: "file:line: literal". */
export function repeatedFacts(root, d) {
  const names = engineNames(d);
  const numbers = engineNumbers(d);
  const found = [];
  for (const file of jsFiles(root)) {
    const source = readFileSync(file, "utf8");
    const lines = source.split("\n");
    for (const { kind, value, line } of literals(source)) {
      const other = OTHER_MEANINGS[value];
      const named = kind === "string" && names.has(value) && !other?.line.test(lines[line - 1]);
      if (named || (kind === "number" && numbers.has(value))) {
        found.push(`${file}:${line}: ${JSON.stringify(value)}`);
      }
    }
  }
  return found;
}

test("site/js writes no name describe() defines, nor a distinctive limit or default", () => {
  const found = repeatedFacts(ROOT, description);
  assert.deepEqual(found, [], `the page repeats the engine's facts; read them from describe() or ` +
    `the frame instead:\n  ${found.join("\n  ")}`);
});

test("the facts looked for are the engine's names and its distinctive numbers", () => {
  const names = engineNames(description);
  for (const name of [...Object.keys(description.optimizers), ...Object.keys(description.losses),
    ...Object.keys(description.activations), ...Object.keys(description.datasets)]) {
    assert.ok(names.has(name), name);
  }
  for (const setting of ["momentum", "alpha", "betas", "beta1", "beta2", "eps"]) {
    assert.equal(names.has(setting), setting in description.fields || setting === "betas", setting);
  }
  assert.equal(names.has("lr"), false); // every optimizer's: the page's own learning-rate field
  const numbers = engineNumbers(description);
  const { fields, optimizers } = description;
  for (const n of [description.steps_max, fields.seed.max, fields.sample.max,
    optimizers.adam.settings.betas[1], optimizers.adam.settings.eps]) {
    assert.ok(numbers.has(n), String(n));
  }
  for (const n of [0, 1, 2, 10, 16, 100, 1000, 0.5, 0.9, 0.01]) {
    assert.equal(numbers.has(n), false, n);
  }
});

test("the scanner reads strings, template text and numbers, not comments or regexps", () => {
  const source = [
    "const a = \"sgd\"; // \"adam\" in a comment",
    "const b = `x ${f('relu')} y`; /* 'tanh' */ const r = /\"rmsprop\"/g;",
    "const n = 1e5 + 100_000 / 2;",
  ].join("\n");
  const found = literals(source);
  const strings = found.filter((l) => l.kind === "string").map((l) => l.value);
  assert.deepEqual(strings.filter((s) => s.trim()), ["sgd", "x ", "relu", " y"]);
  assert.deepEqual(found.filter((l) => l.kind === "number").map((l) => [l.value, l.line]),
    [[100000, 3], [100000, 3], [2, 3]]);
});
