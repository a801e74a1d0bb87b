// The engine's own describe(), run in CPython: the JS tests check the page's state table against
// the engine's real limits and defaults instead of a copy of them.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export function engineDescription() {
  const venv = ".venv/bin/python";
  const python = process.env.BACKPROP_PYTHON ?? (existsSync(venv) ? venv : "python3");
  const code = "import json, backprop.api as api; print(json.dumps(api.describe()))";
  const env = { ...process.env, PYTHONPATH: "site/py" };
  const out = execFileSync(python, ["-c", code], { env });
  return JSON.parse(out.toString());
}
