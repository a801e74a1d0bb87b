import { test } from "node:test";
import assert from "node:assert/strict";
import { fakeElement } from "./fake-element.mjs";
import { engineFrame } from "./engine-frame.mjs";
import { engineDescription } from "./engine-description.mjs";
import { render as renderLrAdvice } from "../../site/js/notes/lr-advice.js";
import { render as renderStepNote } from "../../site/js/notes/step-note.js";
import { render as renderDeadNote } from "../../site/js/notes/dead-note.js";
import { render as renderBranchNote } from "../../site/js/notes/branch-note.js";
import { render as renderPhaseNote } from "../../site/js/notes/phase-note.js";
import { render as renderOriginNote } from "../../site/js/notes/origin-note.js";
import { render as renderLiveStatus } from "../../site/js/notes/live-status.js";
import { render as renderReadout } from "../../site/js/training/readout.js";

const description = engineDescription();
const spec = description.presets.spec.config;
const advice = (frame) => {
  const box = fakeElement();
  renderLrAdvice(box, { loss: frame.loss, preview: frame.preview, stability: frame.stability });
  return box;
};

test("the advice beside η shows the engine's previewed loss and its verdict, word for word", () => {
  const frame = engineFrame(spec);
  const box = advice(frame);
  const [now, after] = [frame.loss, frame.preview.loss_after].map((v) => v.toFixed(4));
  assert.equal(box.textContent, `Next step: loss ${now} → ${after}. ${frame.stability.reason}`);
  assert.equal(box.dataset.status, frame.stability.status);
});

test("a rising preview gets the engine's status, never one judged by the page", () => {
  const frame = engineFrame({ ...spec, optimizer: { name: "sgd", lr: 3.7 } });
  assert.ok(frame.preview.loss_after > frame.loss);
  assert.equal(advice(frame).dataset.status, frame.stability.status);
  assert.equal(advice(frame).dataset.status, "rises");
});

test("a step that would diverge is named as such, with the engine's reason", () => {
  const stability = { status: "diverges", reason: "That step would be refused." };
  const box = fakeElement();
  renderLrAdvice(box, { loss: 1, preview: { loss_after: null, diverges: true }, stability });
  assert.equal(box.textContent, "Next step would diverge. That step would be refused.");
  assert.equal(box.dataset.status, "diverges");
});

test("the step note shows the engine's sentence and keeps its room when there is none", () => {
  const box = fakeElement();
  renderStepNote(box, { note: "The loss went up." });
  assert.equal(box.textContent, "The loss went up.");
  assert.equal(box.classList.contains("is-quiet"), false);
  renderStepNote(box, { note: null });
  assert.equal(box.textContent, "");
  assert.equal(box.classList.contains("is-quiet"), true);
});

test("the inactive-neuron note is the engine's sentence, hidden when there is none", () => {
  const frame = engineFrame({ ...spec, optimizer: { name: "sgd", lr: 5 } }, 1);
  const box = fakeElement();
  renderDeadNote(box, { note: frame.notes.inactive });
  assert.equal(box.hidden, false);
  assert.match(box.textContent, /inactive/);
  renderDeadNote(box, { note: null });
  assert.equal(box.hidden, true);
  assert.equal(box.textContent, "");
});

test("the branch note says where the learner went back to and what is drawn dashed", () => {
  const box = fakeElement();
  const branch = { from: 3, rows: [{ step: 3 }, { step: 4 }, { step: 7 }] };
  renderBranchNote(box, { branch, step: 3 });
  assert.equal(box.hidden, false);
  assert.equal(box.textContent, "You went back to step 3. The steps after it, up to 7, are drawn " +
    "dashed on the chart; stepping on from step 3 starts a new branch.");
  renderBranchNote(box, { branch: null, step: 3 });
  assert.equal(box.hidden, true);
});

test("the phase note names the optimizer's rule as the engine states it", () => {
  const box = fakeElement();
  const optimizer = description.optimizers.momentum;
  renderPhaseNote(box, { phase: "update", optimizer, bias: false, dataset: false });
  assert.ok(box.textContent.includes(`(${optimizer.label}: ${optimizer.rule}).`));
});

test("the backward note tells a batch mean from one example's product", () => {
  const box = fakeElement();
  const optimizer = description.optimizers.sgd;
  renderPhaseNote(box, { phase: "backward", optimizer, bias: true, dataset: false });
  assert.match(box.textContent, /∂L\/∂w = δ\(to\)·a\(from\), each bias's ∂L\/∂b = δ\./);
  renderPhaseNote(box, { phase: "backward", optimizer, bias: false, dataset: true });
  assert.match(box.textContent, /the mean of δ\(to\)·a\(from\) over the rows of the next batch/);
  renderPhaseNote(box, { phase: "forward", optimizer, bias: true, dataset: false });
  assert.match(box.textContent, /z = Σ w·a \+ b/);
});

function originNote() {
  const origin = fakeElement();
  const link = fakeElement();
  return { box: fakeElement({ "#weights-origin": origin, "#spec-link": link }), origin, link };
}

test("the origin note offers the spec's example except when the page shows exactly it", () => {
  const frame = engineFrame(spec);
  const note = originNote();
  const fromSpec = { init_weights: spec.weights, seed: 0 };
  renderOriginNote(note.box, { frame, state: fromSpec, description });
  assert.equal(note.origin.textContent, "This run started from the spec’s example weights.");
  assert.equal(note.link.hidden, true);
  renderOriginNote(note.box, { frame, state: { init_weights: null, seed: 42 }, description });
  assert.equal(note.origin.textContent, "This run started from random weights drawn with seed 42.");
  assert.equal(note.link.hidden, false);
});

test("the screen reader's sentence is written only when it changes, so it is heard once", () => {
  let writes = 0;
  let text = "";
  const box = {
    get textContent() { return text; },
    set textContent(value) { text = value; writes += 1; },
  };
  const frame = { step: 2, loss: 0.5, prediction: [1.25] };
  renderLiveStatus(box, { frame });
  renderLiveStatus(box, { frame });
  assert.equal(text, "Step 2. Loss 0.5000. Prediction 1.250.");
  assert.equal(writes, 1);
});

test("the readouts show the step, the loss to 4 decimals and each prediction to 3", () => {
  const cells = ["#step-count", "#loss-value", "#prediction-value"].map(() => fakeElement());
  const readout = fakeElement(Object.fromEntries(
    ["#step-count", "#loss-value", "#prediction-value"].map((id, i) => [id, cells[i]])));
  renderReadout(readout, { frame: { step: 7, loss: 0.123456, prediction: [0.5, -1] } });
  assert.deepEqual(cells.map((cell) => cell.textContent), ["7", "0.1235", "0.500, −1.000"]);
});
