import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ARRANGEMENTS, readingOrder } from "../../site/js/display/card-order.js";

const html = readFileSync(new URL("../../site/index.html", import.meta.url), "utf8");
const inPage = [...html.matchAll(/class="card card--(\w+)"/g)].map((m) => m[1]);

test("both arrangements place the same cards, each once", () => {
  const wide = readingOrder(ARRANGEMENTS.wide);
  const phone = readingOrder(ARRANGEMENTS.phone);
  assert.deepEqual([...phone].sort(), [...wide].sort());
  assert.equal(new Set(wide).size, wide.length);
});

test("the page's columns hold the wide arrangement as written", () => {
  const columns = inPage.filter((name) => readingOrder(ARRANGEMENTS.wide).includes(name));
  assert.deepEqual(columns, readingOrder(ARRANGEMENTS.wide));
});

test("a phone reads the inputs, the drawing, Play, the chart, then the step's tables", () => {
  assert.deepEqual(readingOrder(ARRANGEMENTS.phone),
    ["controls", "network", "run", "chart", "updates", "weights", "history"]);
});
