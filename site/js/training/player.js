// Play: steps the lab's run once per animation frame, k steps in ONE engine call (lab.step(k)), so
// the views repaint once per frame. At most one call is in flight and a frame never asks for more
// than its share (play-pacing.js), so a slow tab builds no backlog. No DOM beyond the frame clock.
import { burstBudget, extraWork, nextBurst, planFrame } from "../core/play-pacing.js";

/**
 * lab: {step(n)}; maxSteps: the engine's largest n per call; onChange({playing, reason, error}) is
 * told each start and stop. frames: {request, cancel, now} (the page's animation clock by default).
 */
export function createPlayer({ lab, maxSteps, onChange = () => {}, frames = pageFrames() }) {
  let playing = false;
  let speed = 20;
  let remaining = null; // steps left when training a fixed number, else null
  let once = null; // a speed for this Play only, else null
  let carry = 0;
  let burst = 1;
  let baseMs = Infinity; // the cheapest frame of this Play: the repaint and one step
  let last = null;
  let inFlight = null;
  let handle = null;
  let waiters = [];

  // steps: stop after that many; pace: this Play's speed instead of the chosen one (Train N: "max").
  function play({ steps = null, pace = null } = {}) {
    remaining = steps;
    once = pace;
    const stopped = new Promise((resolve) => waiters.push(resolve));
    if (!playing) {
      playing = true;
      carry = 0;
      last = null;
      burst = 1;
      baseMs = Infinity;
      handle = frames.request(tick);
      onChange({ playing: true, reason: null });
    }
    return stopped;
  }

  // Stop asking for frames; the call in flight (if any) finishes and is shown, then waiters hear why.
  function stop(reason, error = null) {
    if (!playing) return;
    playing = false;
    remaining = null;
    once = null;
    frames.cancel(handle);
    const done = { reason, error };
    const told = waiters;
    waiters = [];
    const settle = () => {
      if (!playing) onChange({ playing: false, ...done }); // unless Play restarted meanwhile
      told.forEach((resolve) => resolve(done));
    };
    if (inFlight) inFlight.then(settle);
    else settle();
  }

  function tick(time) {
    if (!playing) return;
    handle = frames.request(tick);
    if (inFlight) return; // the last frame's call is still running: skip, never queue
    const elapsedMs = last === null ? 1000 / 60 : time - last;
    last = time;
    const plan = planFrame({ speed: currentSpeed(), elapsedMs, carry, burst, remaining });
    carry = plan.carry;
    if (plan.steps < 1) return;
    const start = frames.now();
    inFlight = lab.step(plan.steps).then(
      () => afterFrame(plan.steps, frames.now() - start),
      (error) => stop(error.name === "DivergenceError" ? "diverged" : "error", error),
    ).finally(() => { inFlight = null; });
  }

  const currentSpeed = () => once ?? speed;

  function afterFrame(steps, workMs) {
    if (currentSpeed() === "max" && steps === burst) {
      const work = extraWork(workMs, baseMs);
      baseMs = work.baseMs;
      burst = nextBurst(burst, work.extraMs, { budgetMs: burstBudget(baseMs), max: maxSteps });
    }
    if (remaining === null) return;
    remaining -= steps;
    if (remaining <= 0) stop("done");
  }

  return {
    play,
    pause: (reason = "paused") => {
      stop(reason);
      return inFlight ?? Promise.resolve();
    },
    setSpeed: (value) => { speed = value; carry = 0; },
    get playing() { return playing; },
    get speed() { return speed; },
  };
}

function pageFrames() {
  return {
    request: (fn) => requestAnimationFrame(fn),
    cancel: (id) => cancelAnimationFrame(id),
    now: () => performance.now(),
  };
}
