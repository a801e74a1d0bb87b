import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createLab } from "../../site/js/state/lab.js";
import { stateFromHash } from "../../site/js/state/state.js";
import { startEngine } from "./engine-process.mjs";

// Play's steps (lab.playStep) against the real engine in CPython: each answer is taken in at once
// (so Play can send its next call while the page paints) and painted at the next frame, the newest
// view only; anything else the lab shows paints at once and makes a waiting paint unneeded.
const engine = startEngine();
after(() => engine.close());
const description = await engine.call("describe");

async function labWithFrames() {
  const { state } = stateFromHash("", description);
  const shown = [];
  const due = [];
  const lab = createLab({
    engine, description, state, show: (view) => shown.push(view.frame.step),
    nextFrame: (fn) => due.push(fn),
  });
  await lab.start();
  shown.length = 0;
  const frame = () => due.splice(0).forEach((fn) => fn());
  return { lab, shown, due, frame };
}

test("a Play step is taken in when the engine answers and painted at the next frame", async () => {
  const { lab, shown, frame } = await labWithFrames();
  const state = await lab.playStep(3);
  assert.equal(state.step, 3);
  assert.equal(lab.getState().step, 3); // taken in: the next call starts from step 3
  assert.deepEqual(shown, []); // not painted yet
  let painted = false;
  const waiting = lab.painted().then(() => { painted = true; });
  frame();
  await waiting;
  assert.deepEqual(shown, [3]);
  assert.ok(painted);
});

test("two answers before a frame are painted once, as the newest", async () => {
  const { lab, shown, due, frame } = await labWithFrames();
  await lab.playStep(1);
  await lab.playStep(2);
  assert.equal(due.length, 1);
  frame();
  assert.deepEqual(shown, [3]);
});

test("a change shown at once replaces the paint that waited for its frame", async () => {
  const { lab, shown, frame } = await labWithFrames();
  await lab.playStep(4);
  await lab.seek(2);
  assert.deepEqual(shown, [2]); // the seek painted now
  await lab.painted(); // nothing left waiting
  frame();
  assert.deepEqual(shown, [2]); // and the frame paints nothing older over it
});

test("a plain step still paints before it resolves", async () => {
  const { lab, shown } = await labWithFrames();
  await lab.step(2);
  assert.deepEqual(shown, [2]);
  await lab.painted();
});
