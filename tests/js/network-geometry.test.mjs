// The drawing's geometry decides what fits: circles big enough for a 14-px number, z labels only
// where the rows leave room, compact nodes (names and numbers on hover) only in crowded drawings,
// and numbers narrowed to their disc only when the estimate says they would not fit.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  DRAWING_WIDTH, mapRing, networkSize, roomAt, textWidth,
} from "../../site/js/core/network-geometry.js";

test("the spec's network on a laptop card has room for its numbers and a z under each node", () => {
  const size = networkSize(466, [2, 3, 1]);
  assert.ok(size.radius >= 28);
  assert.equal(size.zLabels, true);
  assert.equal(size.compact, false);
  // "0.21" at 15 px fits across the disc inside the map's ring.
  assert.ok(textWidth("0.21", 15) <= roomAt(size.radius - mapRing(size.radius), size.radius * 0.3));
});

test("a wide card gets the drawing at its own width, to be scaled up on screen", () => {
  assert.equal(networkSize(1400, [2, 3, 1]).width, DRAWING_WIDTH);
  assert.equal(networkSize(343, [2, 3, 1]).width, 343);
});

test("eight rows leave no room for z; eight columns on a phone make the nodes compact", () => {
  assert.equal(networkSize(466, [2, 8, 8, 1]).zLabels, false);
  assert.equal(networkSize(466, [2, 8, 8, 1]).compact, false);
  const six = networkSize(343, [2, 8, 8, 8, 8, 8, 8, 1]);
  assert.equal(six.compact, true);
  assert.equal(six.zLabels, false);
});

test("a number's estimated width grows with its characters, shrinks with tighter letters", () => {
  assert.ok(textWidth("−0.16", 15) > textWidth("0.16", 15));
  assert.ok(textWidth("1.5e−3", 14, -0.04) < textWidth("1.5e−3", 14));
  assert.ok(Math.abs(textWidth("0.21", 15) - 37) < 1.5); // DejaVu Sans Bold draws it 37 px wide
});

test("the room across a disc is its diameter at the middle and nothing outside it", () => {
  assert.equal(roomAt(20, 0), 38);
  assert.ok(roomAt(20, 12) < roomAt(20, 6));
  assert.equal(roomAt(10, 20), -2);
});
