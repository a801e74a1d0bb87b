import { test } from "node:test";
import assert from "node:assert/strict";
import { applyHistory, createHistory, rowAt, since } from "../../site/js/state/history-store.js";

const rows = (...steps) => steps.map((step) => ({ step, loss: step / 10 }));

test("an empty store asks the engine for everything", () => {
  assert.equal(since(createHistory()), null);
});

test("new rows are appended and since names the revision and the newest step held", () => {
  const history = createHistory();
  applyHistory(history, { revision: 1, keep_through: -1, rows: rows(0, 1, 2), length: 3 });
  applyHistory(history, { revision: 1, keep_through: 2, rows: rows(3), length: 4 });
  assert.deepEqual(history.rows.map((r) => r.step), [0, 1, 2, 3]);
  assert.deepEqual(since(history), { revision: 1, step: 3 });
});

test("a seek back drops the rows after keep_through and the new branch is appended", () => {
  const history = createHistory();
  applyHistory(history, { revision: 1, keep_through: -1, rows: rows(0, 1, 2, 3, 4), length: 5 });
  const dropped = applyHistory(history, { revision: 2, keep_through: 2, rows: [], length: 3 });
  assert.deepEqual(dropped.map((r) => r.step), [3, 4]);
  applyHistory(history, { revision: 2, keep_through: 2, rows: [{ step: 3, loss: 9 }], length: 4 });
  assert.deepEqual(history.rows.map((r) => [r.step, r.loss]), [[0, 0], [1, 0.1], [2, 0.2], [3, 9]]);
});

test("keep_through -1 replaces the whole history (a new run or thinning)", () => {
  const history = createHistory();
  applyHistory(history, { revision: 1, keep_through: -1, rows: rows(0, 1, 2, 3), length: 4 });
  applyHistory(history, { revision: 2, keep_through: -1, rows: rows(0, 2, 3), length: 3 });
  assert.deepEqual(history.rows.map((r) => r.step), [0, 2, 3]);
});

test("rowAt finds a row by step even when thinned rows are missing", () => {
  const history = createHistory();
  applyHistory(history, { revision: 1, keep_through: -1, rows: rows(0, 2, 4, 6, 7), length: 5 });
  assert.equal(rowAt(history, 4).loss, 0.4);
  assert.equal(rowAt(history, 7).step, 7);
  assert.equal(rowAt(history, 3), undefined);
  assert.equal(rowAt(history, 8), undefined);
});
