// A stand-in for one engine worker (site/js/engine/worker-link.js) over the real engine in a
// CPython process: call(name, argsText) answers {text, buffer} as the worker does; terminate()
// kills the process and tells onDeath, and waiting calls reject with an "EngineLost" error.
// answer(text, buffer): what the "worker" sends instead (null: it never answers that call).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";

const LOOP = `
import base64, json, sys
from backprop import api
for line in sys.stdin:
    name, args = json.loads(line)
    text, data = api.dispatch_wire(name, args)
    print(json.dumps([text, data and base64.b64encode(data).decode()]), flush=True)
`;

export function processLink({ answer = (text, buffer) => ({ text, buffer }) } = {}) {
  const venv = existsSync(".venv/bin/python") ? ".venv/bin/python" : "python3";
  const env = { ...process.env, PYTHONPATH: "site/py" };
  const child = spawn(process.env.BACKPROP_PYTHON ?? venv, ["-c", LOOP], { env });
  const waiting = [];
  const held = [];
  const state = { dead: false, onDeath: () => {}, calls: [] };
  createInterface({ input: child.stdout }).on("line", (line) => {
    const [text, data] = JSON.parse(line);
    const buffer = data === null ? null : new Uint8Array(Buffer.from(data, "base64")).buffer;
    const call = waiting.shift();
    const sent = answer(text, buffer);
    if (sent === null) held.push(call);
    else call.resolve(sent);
  });
  const link = {
    calls: state.calls,
    call: (name, args) => {
      if (state.dead) return Promise.reject(lost());
      state.calls.push(name);
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin.write(`${JSON.stringify([name, args])}\n`);
      });
    },
    inspect: () => Promise.reject(new Error("no inspect here")),
    terminate: () => {
      if (state.dead) return;
      state.dead = true;
      child.kill();
      state.onDeath("The engine was terminated.");
      [...waiting.splice(0), ...held.splice(0)].forEach(({ reject }) => reject(lost()));
    },
    close: () => child.stdin.end(),
    set onDeath(listener) { state.onDeath = listener; },
  };
  return link;
}

function lost() {
  const error = new Error("The engine was terminated.");
  error.name = "EngineLost";
  return error;
}
