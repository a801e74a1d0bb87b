// Pure pacing for Play: how many steps one animation frame asks the engine for. No DOM, no timers.
// A frame never carries more than one frame's worth of work: time lost while the tab was slow or in
// the background is dropped, not owed, so Play never builds up a backlog.

/** Elapsed time above this counts as this much: one slow frame is not followed by a burst. */
export const MAX_FRAME_MS = 50;
/** "As fast as possible": the most extra steps may add to a frame beyond its one-step cost (the
 * repaint and one step). */
export const BURST_BUDGET_MS = 8;
/** A 60-per-second display's frame, less what the browser needs to style and paint it. */
export const FRAME_WORK_MS = 1000 / 60 - 4;

/**
 * "As fast as possible" keeps the frame rate: the extra steps get what the frame has left after its
 * one-step cost (baseMs), at most BURST_BUDGET_MS and at least 1 ms (a network too large for 60
 * frames a second still trains, one small burst per frame).
 */
export function burstBudget(baseMs) {
  return Math.min(BURST_BUDGET_MS, Math.max(1, FRAME_WORK_MS - baseMs));
}

/**
 * At `rate` steps per second, the whole steps due after `elapsedMs` plus the fraction carried from
 * earlier frames: {steps, carry}, 0 <= carry < 1. elapsedMs is capped at MAX_FRAME_MS.
 */
export function stepsForFrame(rate, elapsedMs, carry = 0) {
  const due = carry + (rate * Math.min(Math.max(elapsedMs, 0), MAX_FRAME_MS)) / 1000;
  const steps = Math.floor(due + 1e-9);
  return { steps, carry: Math.max(0, due - steps) };
}

/**
 * "As fast as possible": the next frame's step count from this one's. `workMs` is what the last
 * frame's `burst` steps cost beyond a frame's fixed cost (see extraWork): grow while well under the
 * budget, shrink in proportion when over it. Always 1 … max (the caller's cap, e.g. the engine's
 * describe().steps_max per call).
 */
export function nextBurst(burst, workMs, { budgetMs = BURST_BUDGET_MS, max = Infinity } = {}) {
  let next = burst;
  if (workMs > budgetMs) next = Math.floor((burst * budgetMs) / workMs);
  else if (workMs < 0.7 * budgetMs) next = Math.ceil(burst * 1.25);
  return Math.min(max, Math.max(1, next));
}

/**
 * The steps one frame asks for: `speed` is steps per second or "max"; `remaining` (or null) caps it
 * when training a fixed number of steps. Returns {steps, carry}.
 */
export function planFrame({ speed, elapsedMs, carry = 0, burst = 1, remaining = null }) {
  const plan = speed === "max"
    ? { steps: burst, carry: 0 }
    : stepsForFrame(speed, elapsedMs, carry);
  if (remaining !== null && plan.steps > remaining) return { steps: remaining, carry: 0 };
  return plan;
}

/**
 * A speed as the control gives it ("max" or a number of steps per second); null if it is neither.
 */
export function parseSpeed(value) {
  if (value === "max") return "max";
  const rate = Number(value);
  return Number.isFinite(rate) && rate > 0 ? rate : null;
}

/**
 * A frame's cost beyond the cheapest frame seen so far in this Play (about the repaint plus one
 * step, which no step count can avoid): what the extra steps cost. {extraMs, baseMs}.
 */
export function extraWork(workMs, baseMs = Infinity) {
  const base = Math.min(baseMs, workMs);
  return { extraMs: workMs - base, baseMs: base };
}
