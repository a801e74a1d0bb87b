// The engine's own describe() and frames, run in CPython: the JS tests check the page against the
// engine's real limits, defaults and records instead of a copy of them.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

function python(code, input = "") {
  const venv = existsSync(".venv/bin/python") ? ".venv/bin/python" : "python3";
  const env = { ...process.env, PYTHONPATH: "site/py" };
  const out = execFileSync(process.env.BACKPROP_PYTHON ?? venv, ["-c", code], { input, env });
  return JSON.parse(out.toString());
}

export function engineDescription() {
  return python("import json, backprop.api as api; print(json.dumps(api.describe()))");
}

/** The engine's first frame of a run from each config (api.create), in one CPython call. */
export function engineFrames(configs) {
  const code = "import json, sys, backprop.api as api\n" +
    "def made(config):\n  frame = api.create(config)\n  api.drop(frame['run'])\n  return frame\n" +
    "print(json.dumps([made(c) for c in json.load(sys.stdin)]))";
  return python(code, JSON.stringify(configs));
}
