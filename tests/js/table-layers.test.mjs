import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ALL_UP_TO, groupLabel, parameterCount, pickable, shownLayer,
} from "../../site/js/tables/layers.js";
import { layerOfKey } from "../../site/js/core/network-geometry.js";

const LARGEST = [4, 8, 8, 8, 8, 8, 8, 2];

test("a network's parameters are its weights, plus one bias per neuron after the inputs", () => {
  assert.equal(parameterCount([2, 3, 1], false), 2 * 3 + 3 * 1);
  assert.equal(parameterCount([2, 3, 1], true), 2 * 3 + 3 * 1 + 3 + 1);
  assert.equal(parameterCount(LARGEST, false), 4 * 8 + 5 * 8 * 8 + 8 * 2);
  assert.equal(parameterCount(LARGEST, true), 4 * 8 + 5 * 8 * 8 + 8 * 2 + 6 * 8 + 2);
});

test("networks with one hidden layer or none always show every layer of weights", () => {
  for (const layers of [[2, 3, 1], [4, 8, 2], [1, 1]]) {
    assert.equal(pickable(layers), false);
    for (const choice of [null, "all", 0, 1]) assert.equal(shownLayer(choice, layers, true), null);
  }
});

test("a deep network shows every layer up to ALL_UP_TO parameters, else the first one", () => {
  assert.equal(parameterCount([2, 8, 8, 1], true) <= ALL_UP_TO, true); // 105
  assert.equal(shownLayer(null, [2, 8, 8, 1], true), null);
  assert.equal(parameterCount([4, 8, 8, 2], true) > ALL_UP_TO, true); // 130
  assert.equal(shownLayer(null, [4, 8, 8, 2], true), 0);
  assert.equal(shownLayer(null, LARGEST, false), 0);
});

test("the learner's choice wins: all layers, or any layer the network has", () => {
  assert.equal(shownLayer("all", LARGEST, false), null);
  assert.equal(shownLayer(6, LARGEST, false), 6);
  assert.equal(shownLayer(2, [2, 4, 4, 1], false), 2);
});

test("a choice the network cannot show falls back to the default", () => {
  assert.equal(shownLayer(7, LARGEST, false), 0);
  assert.equal(shownLayer(-1, LARGEST, false), 0);
  assert.equal(shownLayer(1.5, LARGEST, false), 0);
  assert.equal(shownLayer("3", LARGEST, false), 0);
  assert.equal(shownLayer(undefined, [2, 4, 4, 1], false), null);
});

test("a connection's or a bias's key names its layer of weights", () => {
  assert.equal(layerOfKey("0-2-1"), 0);
  assert.equal(layerOfKey("6-1-7"), 6);
  assert.equal(layerOfKey("b-3-0"), 3);
  assert.equal(layerOfKey("12-0-0"), 12);
  for (const key of [null, undefined, "", "b-1", "x-1-2", "1-2-3-4"]) {
    assert.equal(layerOfKey(key), null);
  }
});

test("group titles call the spec's one hidden layer Hidden, and several H1, H2 …", () => {
  assert.deepEqual([0, 1, 2].map((l) => groupLabel([2, 3, 1], l)), ["Inputs", "Hidden", "Outputs"]);
  assert.deepEqual([0, 1, 2, 3].map((l) => groupLabel([2, 4, 4, 1], l)),
    ["Inputs", "H1", "H2", "Outputs"]);
});
