// The page's decoder of engine answers (engine/wire.js) against the engine's own encoder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startEngine } from "./engine-process.mjs";
import { decode } from "../../site/js/engine/wire.js";

const SETUP = `
import numpy as np
from backprop import api
def sample():
    return {"grid": np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3),
            "colours": np.array([0, 7, 255], dtype=np.uint8), "exact": np.array([0.1, 1 / 3]),
            "n": 3}
api.sample = sample
api.PROTOCOL_FUNCTIONS += ("sample",)
`;

test("the engine's arrays arrive as typed arrays holding the same numbers", async () => {
  const engine = startEngine(SETUP);
  try {
    const value = await engine.call("sample");
    assert.equal(value.n, 3);
    assert.ok(value.grid instanceof Float32Array);
    assert.deepEqual([...value.grid], [-1, -0.6, -0.2, 0.2, 0.6, 1].map(Math.fround));
    assert.ok(value.colours instanceof Uint8Array);
    assert.deepEqual([...value.colours], [0, 7, 255]);
    assert.ok(value.exact instanceof Float64Array);
    assert.deepEqual([...value.exact], [0.1, 1 / 3]);
    assert.equal(value.grid.buffer, value.exact.buffer); // one buffer, viewed, not copied
  } finally {
    engine.close();
  }
});

test("a placeholder past the end of its buffer is refused, not read as garbage", () => {
  const text = '{"a":{"$array":{"dtype":"float64","shape":[4],"offset":0}}}';
  assert.throws(() => decode(text, new ArrayBuffer(16)), /cannot read/);
  assert.throws(() => decode(text, null), /cannot read/);
  const unknown = '{"a":{"$array":{"dtype":"int64","shape":[1],"offset":0}}}';
  assert.throws(() => decode(unknown, new ArrayBuffer(8)), /cannot read/);
});

test("an answer without arrays is plain JSON", () => {
  assert.deepEqual(decode('{"ok":true,"value":{"x":[1,2]}}'), { ok: true, value: { x: [1, 2] } });
});

test("long lists of numbers arrive as the same nested lists, non-finite as null", async () => {
  const engine = startEngine(`
from backprop import api
def numbers():
    return {"weights": [[[0.1 * i + j for i in range(4)] for j in range(5)]],
            "mixed": [None] + [2.5] * 20, "steps": list(range(16)), "short": [1.5]}
api.numbers = numbers
api.PROTOCOL_FUNCTIONS += ("numbers",)
`);
  try {
    const value = await engine.call("numbers");
    const expected = [Array.from({ length: 5 }, (_, j) => [0, 1, 2, 3].map((i) => 0.1 * i + j))];
    assert.deepEqual(value.weights, expected);
    assert.deepEqual(value.mixed, [null, ...Array(20).fill(2.5)]);
    assert.deepEqual(value.steps, [...Array(16).keys()]);
    assert.deepEqual(value.short, [1.5]);
  } finally {
    engine.close();
  }
});

test("a lists placeholder outside its buffer or with a bad shape is refused", () => {
  const at = (shape, offset) => `{"a":{"$lists":{"shape":${JSON.stringify(shape)},` +
    `"offset":${offset}}}}`;
  assert.throws(() => decode(at([4], 0), new ArrayBuffer(16)), /cannot read/);
  assert.throws(() => decode(at([2], 4), new ArrayBuffer(32)), /cannot read/);
  assert.throws(() => decode(at([-1], 0), new ArrayBuffer(32)), /cannot read/);
  assert.throws(() => decode(at([2], 0), null), /cannot read/);
  assert.deepEqual(decode(at([2, 1], 0), new Float64Array([3, NaN]).buffer), { a: [[3], [null]] });
});
