import { test } from "node:test";
import assert from "node:assert/strict";
import { createPlayer } from "../../site/js/training/player.js";

// An animation clock the test advances one frame at a time.
function fakeFrames() {
  const waiting = new Map();
  let id = 0;
  let now = 0;
  return {
    request: (fn) => { id += 1; waiting.set(id, fn); return id; },
    cancel: (handle) => waiting.delete(handle),
    now: () => now,
    async frame(ms = 1000 / 60) {
      now += ms;
      const due = [...waiting.values()];
      waiting.clear();
      due.forEach((fn) => fn(now));
      for (let i = 0; i < 5; i += 1) await Promise.resolve(); // let the step's promise settle
    },
    get pending() { return waiting.size; },
  };
}

function fakeLab(failAt = Infinity) {
  const lab = { taken: 0, calls: [] };
  lab.painted = () => Promise.resolve();
  lab.playStep = (n) => {
    lab.calls.push(n);
    if (lab.taken + n >= failAt) {
      const error = new Error("loss would overflow");
      error.name = "DivergenceError";
      return Promise.reject(error);
    }
    lab.taken += n;
    return Promise.resolve();
  };
  return lab;
}

test("training N steps takes exactly N, one call per frame, then stops as done", async () => {
  const frames = fakeFrames();
  const lab = fakeLab();
  const changes = [];
  const player = createPlayer({ lab, maxSteps: 100000, frames, onChange: (c) => changes.push(c) });
  player.setSpeed(60);
  const stopped = player.play({ steps: 3 });
  for (let i = 0; i < 6; i += 1) await frames.frame();
  assert.deepEqual(await stopped, { reason: "done", error: null });
  assert.equal(lab.taken, 3);
  assert.ok(lab.calls.every((n) => n === 1));
  assert.deepEqual(changes.map((c) => c.playing), [true, false]);
  assert.equal(frames.pending, 0);
});

test("pause stops asking for frames and says it was paused", async () => {
  const frames = fakeFrames();
  const player = createPlayer({ lab: fakeLab(), maxSteps: 100000, frames });
  player.setSpeed(60);
  const stopped = player.play();
  await frames.frame();
  await player.pause();
  assert.deepEqual(await stopped, { reason: "paused", error: null });
  assert.equal(player.playing, false);
  assert.equal(frames.pending, 0);
});

test("a step the engine refuses stops Play as diverged, with the engine's error", async () => {
  const frames = fakeFrames();
  const player = createPlayer({ lab: fakeLab(2), maxSteps: 100000, frames });
  player.setSpeed(60);
  const stopped = player.play();
  for (let i = 0; i < 4; i += 1) await frames.frame();
  const { reason, error } = await stopped;
  assert.equal(reason, "diverged");
  assert.equal(error.name, "DivergenceError");
});

test("as fast as possible, a cheap frame takes more steps in its one engine call", async () => {
  const frames = fakeFrames();
  const lab = fakeLab();
  const player = createPlayer({ lab, maxSteps: 100000, frames });
  player.play({ pace: "max" });
  for (let i = 0; i < 8; i += 1) await frames.frame();
  await player.pause();
  assert.ok(lab.calls.at(-1) > lab.calls[0], `bursts: ${lab.calls}`);
  assert.equal(player.speed, 20); // this Play's pace, not the chosen speed
});
