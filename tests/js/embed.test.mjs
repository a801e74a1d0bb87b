// The embedding helpers that need no DOM: command shapes, the embed=1 view option, the iframe code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { errorMessage, parseCommand, steppedMessage } from "../../site/js/embed/messages.js";
import { embedSrc, wantsEmbed, withEmbed, withoutEmbed } from "../../site/js/embed/view.js";
import { iframeCode } from "../../site/js/embed/dialog.js";

test("well-shaped commands are parsed with only their own fields", () => {
  assert.deepEqual(parseCommand({ type: "backprop-lab:step" }), { name: "step", args: {} });
  assert.deepEqual(parseCommand({ type: "backprop-lab:step", n: 5, extra: 1 }),
    { name: "step", args: { n: 5 } });
  assert.deepEqual(parseCommand({ type: "backprop-lab:setState", state: { lr: 0.1 } }),
    { name: "setState", args: { state: { lr: 0.1 } } });
  assert.deepEqual(parseCommand({ type: "backprop-lab:seek", step: 0 }),
    { name: "seek", args: { step: 0 } });
  assert.deepEqual(parseCommand({ type: "backprop-lab:reset", seed: 7 }),
    { name: "reset", args: { seed: 7 } });
  assert.deepEqual(parseCommand({ type: "backprop-lab:getState" }), { name: "getState", args: {} });
});

test("anything that is not a well-shaped command is null", () => {
  for (const junk of [null, "backprop-lab:step", [1], { type: "step" },
    { type: "backprop-lab:stepped" }, { type: "backprop-lab:toString" },
    { type: "backprop-lab:step", n: "3" }, { type: "backprop-lab:seek" },
    { type: "backprop-lab:setState", state: null }, { type: "backprop-lab:setState", state: [] },
    { type: "backprop-lab:reset", seed: "7" }]) {
    assert.equal(parseCommand(junk), null, JSON.stringify(junk));
  }
});

test("events and error replies carry only what the protocol names", () => {
  assert.deepEqual(steppedMessage({ step: 3, loss: 0.5, prediction: 1.2, weights: [] }),
    { type: "backprop-lab:stepped", step: 3, loss: 0.5, prediction: 1.2 });
  const message = "lr: Must be greater than 0.";
  const error = Object.assign(new Error(message), { name: "ValueError", frame: {} });
  assert.deepEqual(errorMessage("setState", error),
    { type: "backprop-lab:error", command: "setState", name: "ValueError", message });
});

test("embed=1 is a view option added once and removed for the full page", () => {
  assert.equal(wantsEmbed("#x=1,0.5&embed=1"), true);
  assert.equal(wantsEmbed("#x=1&embed=0"), false);
  assert.equal(wantsEmbed("#xembed=1"), false);
  assert.equal(withEmbed("#x=1&t=2"), "#x=1&t=2&embed=1");
  assert.equal(withEmbed("#x=1&embed=1&t=2"), "#x=1&t=2&embed=1");
  assert.equal(withEmbed(""), "#embed=1");
  assert.equal(withoutEmbed("#x=1&embed=1&t=2"), "#x=1&t=2");
});

test("the iframe code points at this page with the scenario and embed=1", () => {
  const src = embedSrc("https://example.org/lab/index.html?q=1#x=1,0.5&lr=0.01");
  assert.equal(src, "https://example.org/lab/index.html?q=1#x=1,0.5&lr=0.01&embed=1");
  const code = iframeCode(src);
  assert.ok(code.startsWith(
    '<iframe src="https://example.org/lab/index.html?q=1#x=1,0.5&amp;lr=0.01&amp;embed=1" '));
  assert.match(code, / title="Backprop Lab: [^"]+" width="100%" height="\d+" /);
  assert.match(code, / allowfullscreen><\/iframe>$/);
});
