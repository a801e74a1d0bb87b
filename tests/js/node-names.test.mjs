import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { nodeName } from "../../site/js/core/network-geometry.js";

// The engine writes sentences that name neurons (notes.py, chain_rule.py): they must be the names
// the drawing shows, for every shape of network the editor can make.
const SHAPES = [[2, 3, 1], [2, 1], [4, 8, 8, 2], [1, 2, 3, 4, 5, 6, 7, 2]];

function engineNames() {
  const venv = ".venv/bin/python";
  const python = process.env.BACKPROP_PYTHON ?? (existsSync(venv) ? venv : "python3");
  const code = "import json; from backprop.names import node_name; shapes = " +
    JSON.stringify(SHAPES) + "; print(json.dumps([[[node_name(s, l, i) for i in range(n)]" +
    " for l, n in enumerate(s)] for s in shapes]))";
  const env = { ...process.env, PYTHONPATH: "site/py" };
  const out = execFileSync(python, ["-c", code], { env });
  return JSON.parse(out.toString());
}

test("the engine names every neuron as the drawing does", () => {
  const drawn = SHAPES.map((layers) => layers.map((n, l) =>
    Array.from({ length: n }, (_, i) => nodeName(layers, l, i))));
  assert.deepEqual(engineNames(), drawn);
});
