import { test } from "node:test";
import assert from "node:assert/strict";
import {
  BURST_BUDGET_MS, burstBudget, extraWork, FRAME_WORK_MS, MAX_FRAME_MS, nextBurst, parseSpeed,
  planFrame, stepsForFrame,
} from "../../site/js/core/play-pacing.js";

test("at 20 steps per second, three 60 Hz frames make exactly one step and carry the rest", () => {
  let carry = 0;
  const steps = [];
  for (let i = 0; i < 3; i += 1) {
    const plan = stepsForFrame(20, 1000 / 60, carry);
    steps.push(plan.steps);
    carry = plan.carry;
  }
  assert.deepEqual(steps, [0, 0, 1]);
  assert.ok(carry < 1e-6);
});

test("one second of 60 Hz frames at 20 steps per second makes 20 steps", () => {
  let carry = 0;
  let total = 0;
  for (let i = 0; i < 60; i += 1) {
    const plan = stepsForFrame(20, 1000 / 60, carry);
    total += plan.steps;
    carry = plan.carry;
  }
  assert.equal(total, 20);
});

test("at 300 steps per second each 60 Hz frame asks for five steps in one call", () => {
  assert.equal(stepsForFrame(300, 1000 / 60).steps, 5);
});

test("a frame after a long stall asks for one frame's worth of steps, not the backlog", () => {
  const plan = stepsForFrame(1000, 5000);
  assert.equal(plan.steps, (1000 * MAX_FRAME_MS) / 1000);
  assert.ok(plan.carry < 1);
});

test("as fast as possible grows the burst while a frame is cheap" +
  " and shrinks it when over budget", () => {
  assert.equal(nextBurst(4, 1, { budgetMs: 8 }), 5);
  assert.equal(nextBurst(10, 20, { budgetMs: 8 }), 4);
  assert.equal(nextBurst(10, 7, { budgetMs: 8 }), 10);
  assert.equal(nextBurst(1, 100, { budgetMs: 8 }), 1);
  assert.equal(nextBurst(90, 0.1, { budgetMs: 8, max: 100 }), 100);
});

test("training a fixed number of steps never asks for more than remain", () => {
  assert.deepEqual(planFrame({ speed: "max", burst: 50, remaining: 7, elapsedMs: 16 }),
    { steps: 7, carry: 0 });
  assert.equal(planFrame({ speed: 300, elapsedMs: 1000 / 60, remaining: 2 }).steps, 2);
  assert.equal(planFrame({ speed: "max", burst: 50, remaining: null, elapsedMs: 16 }).steps, 50);
});

test("a speed is a positive number of steps per second or max", () => {
  assert.equal(parseSpeed("max"), "max");
  assert.equal(parseSpeed("20"), 20);
  assert.equal(parseSpeed(0.5), 0.5);
  assert.equal(parseSpeed("0"), null);
  assert.equal(parseSpeed("fast"), null);
});

test("a frame's fixed cost (repaint and one step)" +
  " does not count against the burst's budget", () => {
  let work = extraWork(25); // a large network: 25 ms to repaint, whatever the step count
  assert.deepEqual(work, { extraMs: 0, baseMs: 25 });
  work = extraWork(31, work.baseMs);
  assert.deepEqual(work, { extraMs: 6, baseMs: 25 });
  assert.equal(nextBurst(20, work.extraMs, { budgetMs: 8 }), 20);
  assert.deepEqual(extraWork(22, 25), { extraMs: 0, baseMs: 22 });
});

test("as fast as possible leaves a large network's frames their time:" +
  " the burst gets what is left", () => {
  assert.equal(burstBudget(2), BURST_BUDGET_MS); // 2-3-1: the full budget fits in a 60/s frame
  assert.equal(FRAME_WORK_MS + 4, 1000 / 60);
  // About 2.7 ms beside a 10-ms repaint:
  assert.ok(Math.abs(burstBudget(10) - (1000 / 60 - 4 - 10)) < 1e-9);
  assert.equal(burstBudget(30), 1); // too large for 60/s: still a small burst each frame
  // A 10-ms frame whose 40 extra steps took 6 ms shrinks its burst to fit the 2.7 ms left.
  assert.equal(nextBurst(40, 6, { budgetMs: burstBudget(10) }), 17);
});
