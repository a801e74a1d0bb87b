// Frames from the engine itself, run in CPython: the JS tests give the page's renderers what the
// engine really sends, not a hand-written copy of it.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/** The frame of a new run with `config`, after `steps` updates. */
export function engineFrame(config, steps = 0) {
  const python = process.env.BACKPROP_PYTHON ??
    (existsSync(".venv/bin/python") ? ".venv/bin/python" : "python3");
  const code = [
    "import json, sys, backprop.api as api",
    "call = lambda name, args: json.loads(api.dispatch(name, json.dumps(args)))['value']",
    "config, steps = json.loads(sys.argv[1]), int(sys.argv[2])",
    "frame = call('create', {'config': config})",
    "frame = call('step', {'run': frame['run'], 'n': steps}) if steps else frame",
    "print(json.dumps(frame))",
  ].join("\n");
  const out = execFileSync(python, ["-c", code, JSON.stringify(config), String(steps)],
    { env: { ...process.env, PYTHONPATH: "site/py" } });
  return JSON.parse(out.toString());
}
