// Runs a learning-rate comparison on engine runs of its own (create → step … → drop), one rate
// after the other, through the lab's queue (lab.sideCall), so the learner's run is never touched.
// Steps go in chunks of about 30 ms so the page keeps painting and answering between them.
import { applyHistory, createHistory, since } from "../state/history-store.js";
import { nextBurst } from "../core/play-pacing.js";
import { curveOf, withRate } from "./rates.js";

const CHUNK_BUDGET_MS = 30;

/**
 * sideCall(name, args): the lab's call on another run; config: the main run's config; rates, steps:
 * checked already. onProgress({index, step}) after each chunk. Resolves with one curve per rate.
 */
export async function runComparison({ sideCall, config, rates, steps, onProgress = () => {} }) {
  const curves = [];
  for (const [index, lr] of rates.entries()) {
    curves.push(await runRate({
      sideCall, config: withRate(config, lr), lr, steps,
      onProgress: (step) => onProgress({ index, step }),
    }));
  }
  return curves;
}

async function runRate({ sideCall, config, lr, steps, onProgress }) {
  const history = createHistory();
  let frame = await sideCall("create", { config });
  applyHistory(history, frame.history);
  let diverged = null;
  let chunk = 10;
  try {
    while (frame.step < steps && !diverged) {
      const n = Math.min(chunk, steps - frame.step);
      const start = performance.now();
      try {
        frame = await sideCall("step", { run: frame.run, n, since: since(history) });
        applyHistory(history, frame.history);
      } catch (error) {
        if (error.name !== "DivergenceError" || !error.frame) throw error;
        frame = error.frame;
        applyHistory(history, frame.history);
        diverged = { step: frame.step + 1, message: error.message }; // that update was undone
      }
      chunk = nextBurst(n, performance.now() - start, { budgetMs: CHUNK_BUDGET_MS, max: steps });
      onProgress(frame.step);
      await new Promise((resolve) => setTimeout(resolve, 0)); // let the page paint and answer
    }
  } finally {
    await sideCall("drop", { run: frame.run }).catch(() => {});
  }
  return curveOf(lr, history.rows, diverged);
}
