import { test } from "node:test";
import assert from "node:assert/strict";
import {
  checkNumber, checkNumberList, numberRule, parseNumber, parseNumberList,
} from "../../site/js/core/validate.js";

const VALUES = { min: -100, max: 100 };

// What a learner may type into a field, and the sentence they get back (the field shows it).
const TYPED = [
  ["", VALUES, "Enter a number."],
  ["   ", VALUES, "Enter a number."],
  ["abc", VALUES, "“abc” is not a number."],
  ["NaN", VALUES, "NaN is not a number; enter a finite number."],
  ["Infinity", VALUES, "Infinity is not allowed; enter a finite number."],
  ["-Infinity", VALUES, "Infinity is not allowed; enter a finite number."],
  ["1e309", VALUES, "That number is too large; enter a finite number."],
  ["1000", VALUES, "Must be between -100 and 100."],
  ["0,5", VALUES, "Use a dot for decimals: 0.5"],
  ["0x10", VALUES, "“0x10” is not a number."],
  ["1 2", VALUES, "“1 2” is not a number."],
  ["0", { minExclusive: 0, max: 100 }, "Must be greater than 0."],
  ["-0.1", { minExclusive: 0, max: 100 }, "Must be greater than 0."],
  ["101", { minExclusive: 0, max: 100 }, "Must be between 0 and 100."],
  ["2.5", { integer: true, min: 0, max: 9 }, "Must be a whole number."],
  ["1", { min: 0, maxExclusive: 1 }, "Must be less than 1."],
];

for (const [text, rule, message] of TYPED) {
  test(`typing ${JSON.stringify(text)} is refused with "${message}"`, () => {
    assert.deepEqual(parseNumber(text, rule), { error: message });
  });
}

test("numbers are read with a true minus sign, a leading dot, exponents and spaces", () => {
  assert.deepEqual(parseNumber(" \u22122 "), { value: -2 });
  assert.deepEqual(parseNumber(".5e1"), { value: 5 });
  assert.deepEqual(parseNumber("1."), { value: 1 });
  assert.deepEqual(parseNumber("1e+1"), { value: 10 });
});

test("a JS value must already be a finite number", () => {
  assert.deepEqual(checkNumber("0.1"), { error: "Must be a number." });
  assert.deepEqual(checkNumber(NaN), { error: "Must be a number." });
  assert.deepEqual(checkNumber(Infinity), { error: "Must be a finite number." });
  assert.deepEqual(checkNumber(0.5, VALUES), { value: 0.5 });
});

test("lists need exactly their count and name the bad entry", () => {
  assert.deepEqual(parseNumberList("1,0.5", 2), { value: [1, 0.5] });
  assert.deepEqual(parseNumberList("1", 2),
    { error: "Expected 2 comma-separated numbers, got 1." });
  assert.deepEqual(parseNumberList("1,x", 2), { error: "Entry 2: “x” is not a number." });
  assert.deepEqual(checkNumberList([1, 2, 3], 2), { error: "Must have 2 numbers, got 3." });
});

test("an engine field rule becomes this module's rule", () => {
  assert.deepEqual(numberRule({ kind: "number", min: 0, max: 100, min_exclusive: true }),
    { integer: false, minExclusive: 0, max: 100 });
  assert.deepEqual(numberRule({ kind: "integer", min: 0, max: 9 }),
    { integer: true, min: 0, max: 9 });
  assert.deepEqual(numberRule({ kind: "number", min: 0, max: 1, max_exclusive: true }),
    { integer: false, min: 0, maxExclusive: 1 });
});
