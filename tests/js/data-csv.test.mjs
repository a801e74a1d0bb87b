import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv, toCsv } from "../../site/js/data/csv.js";
import {
  activationColor, DEAD, diverging, gridOf, largestMagnitude, outputRange, paintGrid,
} from "../../site/js/maps/colors.js";

const SHAPE = { inputs: 2, outputs: 1 };
const RULES = { value: { min: -100, max: 100 }, maxRows: 1000 };

test("rows of inputs then targets become X and T, with or without a header", () => {
  const rows = { X: [[0, 0], [0, 1], [1, 0], [1, 1]], T: [[0], [1], [1], [0]] };
  assert.deepEqual(parseCsv("0,0,0\n0,1,1\n1,0,1\n1,1,0\n", SHAPE, RULES), { value: rows });
  const mixed = "x1, x2, t\r\n0, 0, 0\r\n0; 1; 1\n1\t0\t1\n\n1,1,0";
  assert.deepEqual(parseCsv(mixed, SHAPE, RULES), { value: rows });
});

test("a table written by toCsv reads back the same rows", () => {
  const rows = { X: [[0.5, -1], [2, 3e-3]], T: [[1, 0], [0, 1]] };
  assert.deepEqual(parseCsv(toCsv(rows), { inputs: 2, outputs: 2 }, RULES), { value: rows });
});

const BAD = [
  ["", "The table is empty: paste rows such as 0, 1, 1 (the inputs, then the targets)."],
  ["x1,x2,t\n", "The table has column names but no rows of numbers."],
  ["0,0,0\n1,1", "Row 2 has 2 values; this network (2 inputs, 1 output) needs 3 per row: " +
    "the inputs, then the targets."],
  ["0,0,0\n1,1,1,1", "Row 2 has 4 values; this network (2 inputs, 1 output) needs 3 per row: " +
    "the inputs, then the targets."],
  ["0,0,0\n1,abc,1", "Row 2, column 2: “abc” is not a number."],
  ["0,0,0\n0,1,NaN", "Row 2, column 3: NaN is not a number; enter a finite number."],
  ["0,0,0\n0,,1", "Row 2, column 2 is empty."],
  ["0,0,0\n0,500,1", "Row 2, column 2: Must be between -100 and 100."],
  ["1,2,x\n0,0,0", "Row 1, column 3: “x” is not a number."],
];

for (const [text, message] of BAD) {
  test(`the table ${JSON.stringify(text)} is refused with "${message}"`, () => {
    assert.deepEqual(parseCsv(text, SHAPE, RULES), { error: message });
  });
}

test("more rows than the engine takes are refused with the limit", () => {
  const text = Array.from({ length: 5 }, () => "0,0,1").join("\n");
  assert.deepEqual(parseCsv(text, SHAPE, { ...RULES, maxRows: 4 }),
    { error: "The table has 5 rows; at most 4 are allowed." });
});

test("an activation of exactly 0 gets the flat grey," +
  " and any other value a colour of the scale", () => {
  assert.deepEqual(activationColor(0, 2), DEAD);
  assert.deepEqual(activationColor(1e-5, 2), diverging(0.5 + 0.25e-5));
  assert.notDeepEqual(activationColor(1e-5, 2), DEAD);
  assert.deepEqual(activationColor(2, 2), diverging(1));
  assert.deepEqual(activationColor(-2, 2), diverging(0));
});

test("the output range is the targets' own," +
  " widened to the outputs when every target is the same", () => {
  assert.deepEqual(outputRange([0, 1, 1], new Float32Array([5, -3])), [0, 1]);
  assert.deepEqual(outputRange([2], new Float32Array([0.5, 3, NaN])), [0.5, 3]);
  assert.deepEqual(diverging(0), [29, 95, 214]);
  assert.deepEqual(diverging(1), [194, 65, 12]);
});

test("a grid is its n² values viewed in the engine's Float32Array of grids, painted row by row",
  () => {
    const grids = new Float32Array([1, 2, 3, 4, 0, -1, 0.5, 0]); // two 2 × 2 grids
    const second = gridOf(grids, 1, 2);
    assert.deepEqual([...second], [0, -1, 0.5, 0]);
    assert.equal(second.buffer, grids.buffer); // a view, not a copy
    assert.equal(gridOf(grids, 2, 2), null);
    assert.equal(largestMagnitude(second), 1);
    const image = paintGrid({ data: new Uint8ClampedArray(16) }, second, (v) => [v === 0 ? 9 : 1,
      0, 0]);
    assert.deepEqual([0, 4, 8, 12].map((k) => image.data[k]), [9, 1, 1, 9]);
    assert.deepEqual([3, 7, 11, 15].map((k) => image.data[k]), [255, 255, 255, 255]);
  });
