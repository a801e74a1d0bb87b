import { test } from "node:test";
import assert from "node:assert/strict";
import { fakeElement } from "./fake-element.mjs";
import { outputName, render } from "../../site/js/maps/function-note.js";

test("the function-space note says what the colours and points are for a 2-input network", () => {
  const note = fakeElement();
  render(note, { layers: [2, 3, 1] });
  assert.match(note.textContent, /^The color is the network’s output for every point \(x₁, x₂\)/);
});

test("with several outputs the note and the map name the first one", () => {
  const note = fakeElement();
  render(note, { layers: [2, 3, 2] });
  const name = outputName([2, 3, 2]);
  assert.ok(note.textContent.startsWith(`The color is the network’s output ${name} for every`));
  assert.notEqual(outputName([2, 3, 2]), "ŷ");
  assert.equal(outputName([2, 3, 1]), "ŷ");
});

test("a network without 2 inputs is told why there is no map", () => {
  const note = fakeElement();
  render(note, { layers: [3, 2, 1] });
  assert.equal(note.textContent,
    "The function-space view needs a network with 2 inputs; this one has 3.");
});

test("a surface the engine could not give is named with its reason", () => {
  const note = fakeElement();
  render(note, { layers: [2, 2, 1], error: new Error("surface: too large") });
  assert.equal(note.textContent, "The function-space view could not be drawn: surface: too large");
});
