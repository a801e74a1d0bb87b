// The engine in a CPython process of its own, driven as the page drives it (api.dispatch_wire:
// JSON text in, JSON text and a buffer of bulk numbers out, decoded by the page's wire.js), so a
// node test can run lab.js against the real engine. `setup` is Python run first: a test can give
// the engine an optimizer, activation, loss or data set of its own there.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { decode } from "../../site/js/engine/wire.js";

const LOOP = `
import base64, json, sys
exec(sys.argv[1])
from backprop import api
for line in sys.stdin:
    name, args = json.loads(line)
    text, data = api.dispatch_wire(name, json.dumps(args))
    print(json.dumps([text, data and base64.b64encode(data).decode()]), flush=True)
`;

/** {call(name, args) -> Promise (a refusal rejects as bridge.js does), close()}. */
export function startEngine(setup = "") {
  const venv = existsSync(".venv/bin/python") ? ".venv/bin/python" : "python3";
  const env = { ...process.env, PYTHONPATH: "site/py" };
  const child = spawn(process.env.BACKPROP_PYTHON ?? venv, ["-c", LOOP, setup], { env });
  const waiting = [];
  let failure = "";
  child.stderr.on("data", (chunk) => { failure += chunk; });
  child.on("exit", () => waiting.splice(0).forEach(({ reject }) => reject(new Error(failure))));
  createInterface({ input: child.stdout }).on("line", (line) => settle(waiting.shift(), line));
  return {
    call: (name, args = {}) => new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      child.stdin.write(`${JSON.stringify([name, args])}\n`);
    }),
    close: () => child.stdin.end(),
  };
}

function settle({ resolve, reject }, line) {
  const [text, data] = JSON.parse(line);
  const bytes = data === null ? null : Buffer.from(data, "base64");
  const result = decode(text, bytes && new Uint8Array(bytes).buffer);
  if (result.ok) return resolve(result.value);
  const error = new Error(result.message);
  error.name = result.type;
  if (result.frame) error.frame = result.frame;
  return reject(error);
}
