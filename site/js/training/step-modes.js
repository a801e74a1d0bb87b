// What a click on Step does in each step mode: all at once, the three phases animated in turn, or
// one phase per click. It only sequences the lab's calls (setView, step); no DOM, no maths.

export const PHASE_ORDER = ["forward", "backward", "update"];
const PAUSE_MS = { forward: 700, backward: 1100, update: 800 }; // long enough to read each phase

/** One phase per click: forward -> backward -> update -> (the step itself) -> forward. */
export function nextPhase(phase) {
  const i = PHASE_ORDER.indexOf(phase);
  return i === PHASE_ORDER.length - 1 ? null : PHASE_ORDER[i + 1]; // null: take the step now
}

/**
 * Run one Step click. lab: {setView, step}; mode: "all" | "animate" | "phases";
 * reducedMotion: no pauses. Resolves with the lab's step result (or null when only the phase
 * moved).
 */
export async function runStepClick(lab, mode, phase, {
  n = 1, reducedMotion = false, wait = delay,
} = {}) {
  if (mode === "phases") {
    const next = nextPhase(phase);
    if (next) {
      lab.setView({ phase: next });
      return null;
    }
    const result = await lab.step(n);
    lab.setView({ phase: "forward" });
    return result;
  }
  if (mode === "animate" && !reducedMotion) {
    for (const shown of PHASE_ORDER) {
      lab.setView({ phase: shown });
      await wait(PAUSE_MS[shown]);
    }
  }
  const result = await lab.step(n);
  if (mode === "animate") lab.setView({ phase: "forward" });
  return result;
}

function delay(ms) {
  return new Promise((resolve) => { setTimeout(resolve, ms); });
}
