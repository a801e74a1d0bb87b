// Play: steps the lab's run once per animation frame, k steps in ONE engine call
// (lab.playStep(k)), so the views repaint once per frame. The lab takes an answer in at once and
// paints it at the next frame, so the next call is already with the engine while the page paints
// the last one. At most one call is in flight and a frame never asks for more than its share
// (play-pacing.js), so a slow tab builds no backlog. No DOM beyond the frame clock.
import { burstBudget, extraWork, nextBurst, planFrame } from "../core/play-pacing.js";

/**
 * lab: {playStep(n), painted()}; maxSteps: the engine's largest n per call; onChange({playing,
 * reason, error}) is told each start and stop. frames: {request, cancel, now} (the page's
 * animation clock by default).
 */
export function createPlayer({ lab, maxSteps, onChange = () => {}, frames = pageFrames() }) {
  const run = {
    lab, maxSteps, onChange, frames,
    playing: false,
    speed: 20,
    remaining: null, // steps left when training a fixed number, else null
    once: null, // a speed for this Play only, else null
    carry: 0,
    burst: 1,
    baseMs: Infinity, // the cheapest frame of this Play: the repaint and one step
    last: null,
    inFlight: null,
    handle: null,
    waiters: [],
  };
  return {
    play: (options) => play(run, options),
    pause: (reason = "paused") => {
      stop(run, reason);
      return settled(run);
    },
    setSpeed: (value) => {
      run.speed = value;
      run.carry = 0;
    },
    get playing() { return run.playing; },
    get speed() { return run.speed; },
  };
}

// steps: stop after that many; pace: this Play's speed instead of the chosen one (Train N: "max").
function play(run, { steps = null, pace = null } = {}) {
  run.remaining = steps;
  run.once = pace;
  const stopped = new Promise((resolve) => run.waiters.push(resolve));
  if (!run.playing) {
    Object.assign(run, { playing: true, carry: 0, last: null, burst: 1, baseMs: Infinity });
    run.handle = run.frames.request((time) => tick(run, time));
    run.onChange({ playing: true, reason: null });
  }
  return stopped;
}

// Stop asking for frames; the call in flight (if any) finishes and is painted, then waiters hear
// why.
function stop(run, reason, error = null) {
  if (!run.playing) return;
  Object.assign(run, { playing: false, remaining: null, once: null });
  run.frames.cancel(run.handle);
  const done = { reason, error };
  const told = run.waiters;
  run.waiters = [];
  const settle = () => {
    if (!run.playing) run.onChange({ playing: false, ...done }); // unless Play restarted meanwhile
    told.forEach((resolve) => resolve(done));
  };
  settled(run).then(settle);
}

// Once the call in flight (if any) has answered and the screen shows its frame.
function settled(run) {
  return (run.inFlight ?? Promise.resolve()).then(() => run.lab.painted());
}

function tick(run, time) {
  if (!run.playing) return;
  run.handle = run.frames.request((next) => tick(run, next));
  if (run.inFlight) return; // the last frame's call is still running: skip, never queue
  const elapsedMs = run.last === null ? 1000 / 60 : time - run.last;
  run.last = time;
  const { carry, burst, remaining } = run;
  const plan = planFrame({ speed: currentSpeed(run), elapsedMs, carry, burst, remaining });
  run.carry = plan.carry;
  if (plan.steps < 1) return;
  const start = run.frames.now();
  run.inFlight = run.lab.playStep(plan.steps).then(
    () => afterFrame(run, plan.steps, run.frames.now() - start),
    (error) => stop(run, error.name === "DivergenceError" ? "diverged" : "error", error),
  ).finally(() => { run.inFlight = null; });
}

const currentSpeed = (run) => run.once ?? run.speed;

function afterFrame(run, steps, workMs) {
  if (currentSpeed(run) === "max" && steps === run.burst) {
    const work = extraWork(workMs, run.baseMs);
    run.baseMs = work.baseMs;
    const budget = { budgetMs: burstBudget(run.baseMs), max: run.maxSteps };
    run.burst = nextBurst(run.burst, work.extraMs, budget);
  }
  if (run.remaining === null) return;
  run.remaining -= steps;
  if (run.remaining <= 0) stop(run, "done");
}

function pageFrames() {
  return {
    request: (fn) => requestAnimationFrame(fn),
    cancel: (id) => cancelAnimationFrame(id),
    now: () => performance.now(),
  };
}
