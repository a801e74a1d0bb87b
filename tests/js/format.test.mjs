import { test } from "node:test";
import assert from "node:assert/strict";
import { compact, fixed, plain, precise, signed } from "../../site/js/core/format.js";

test("numbers show a true minus, no negative zero, and tiny values are kept", () => {
  assert.equal(fixed(-0.00001, 3), "0.000");
  assert.equal(fixed(-1.5, 2), "\u22121.50");
  assert.equal(precise(3.2e-6, 4), "3.2e\u22126");
  assert.equal(precise(-0.00004, 4), "\u22124.0e\u22125");
  assert.equal(precise(0, 4), "0.0000");
  assert.equal(fixed(null, 2), "—");
});

test("changes are always signed", () => {
  assert.equal(signed(0.01234, 4), "+0.0123");
  assert.equal(signed(-0.5, 1), "\u22120.5");
  assert.equal(signed(0, 2), "0.00");
});

test("large values stay short enough for a table column", () => {
  assert.equal(compact(-3921234.5, 3), "\u22123.92e6");
  assert.equal(compact(12345.678, 4), "1.23e4");
  assert.equal(compact(999.5, 3), "999.500");
  assert.equal(precise(25000, 4), "2.50e4");
  assert.equal(fixed(123456789, 4), "1.235e8");
});

test("a learning rate is shown as typed", () => {
  assert.equal(plain(0.01), "0.01");
  assert.equal(plain(undefined), "—");
});
