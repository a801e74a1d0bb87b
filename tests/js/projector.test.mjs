// The projector display is a view option of the URL hash, like embed=1: read from it, added to or
// taken from it without touching the scenario's keys, never doubled.
import { test } from "node:test";
import assert from "node:assert/strict";
import { wantsProjector, withProjector } from "../../site/js/display/projector.js";

test("a hash asks for the projector only with display=projector among its keys", () => {
  assert.equal(wantsProjector("#x=1,0.5&display=projector"), true);
  assert.equal(wantsProjector("#display=projector"), true);
  assert.equal(wantsProjector("#x=1&display=projectors"), false);
  assert.equal(wantsProjector("#x=1&mydisplay=projector"), false);
  assert.equal(wantsProjector(""), false);
});

test("the display is added once at the end and removed, leaving the scenario as it was", () => {
  assert.equal(withProjector("#x=1&t=2", true), "#x=1&t=2&display=projector");
  assert.equal(withProjector("#x=1&display=projector&t=2", true), "#x=1&t=2&display=projector");
  assert.equal(withProjector("#x=1&t=2&display=projector", false), "#x=1&t=2");
  assert.equal(withProjector("#x=1&embed=1", true), "#x=1&embed=1&display=projector");
  assert.equal(withProjector("", false), "#");
});
