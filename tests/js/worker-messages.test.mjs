// The page checks every message of the engine's worker before acting on it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkWorkerMessage } from "../../site/js/engine/worker-messages.js";

const GOOD = [
  { type: "phase", phase: "runtime", time: 1.7e12 },
  { type: "load-failed", name: "Error", message: "Could not install the engine: x" },
  { type: "fatal", message: "RangeError: out of memory" },
  { type: "fetch", id: 3, path: "pyodide/python_stdlib.zip" },
  { type: "answer", id: 1, text: '{"ok": true, "value": 1}', buffer: null },
  { type: "answer", id: 2, text: "{}", buffer: new ArrayBuffer(8) },
  { type: "inspected", id: 4, text: "2" },
  { type: "failed", id: 5, name: "PythonError", message: "NameError: x" },
];

test("every message of the documented shapes passes", () => {
  for (const message of GOOD) assert.deepEqual(checkWorkerMessage(message), { ok: true });
});

test("what is not a message is refused, with no call to blame", () => {
  for (const data of [null, undefined, 7, "answer", [1, 2], () => {}]) {
    const checked = checkWorkerMessage(data);
    assert.equal(checked.ok, false);
    assert.equal(checked.id, null);
  }
});

test("an unknown type or a prototype's key is refused", () => {
  for (const type of ["hello", "toString", "__proto__", undefined]) {
    assert.equal(checkWorkerMessage({ type, id: 1 }).ok, false);
  }
});

test("a bad field is refused and names the call it claims to answer", () => {
  const cases = [
    [{ type: "answer", id: 9, text: 42, buffer: null }, "text"],
    [{ type: "answer", id: 9, text: "{}", buffer: new Uint8Array(4) }, "buffer"],
    [{ type: "answer", id: 9, text: "{}" }, "buffer"],
    [{ type: "answer", id: 9, text: "{}", buffer: null, frame: {} }, "frame"],
    [{ type: "failed", id: 9, name: "Error" }, "message"],
    [{ type: "inspected", id: 9, text: null }, "text"],
  ];
  for (const [message, field] of cases) {
    assert.deepEqual(checkWorkerMessage(message), { ok: false, id: 9,
      reason: `the engine sent a "${message.type}" message with a bad ${field}` });
  }
});

test("an id that is not a positive whole number blames no call", () => {
  for (const id of [0, -1, 1.5, "1", NaN, 2 ** 60]) {
    const checked = checkWorkerMessage({ type: "answer", id, text: "{}", buffer: null });
    assert.deepEqual([checked.ok, checked.id], [false, null]);
  }
});

test("a phase must be one of the load's, at a finite time", () => {
  assert.equal(checkWorkerMessage({ type: "phase", phase: "ready", time: 1 }).ok, false);
  assert.equal(checkWorkerMessage({ type: "phase", phase: "numpy", time: Infinity }).ok, false);
});
