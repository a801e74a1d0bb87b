// The loss chart's numbers apart from its DOM: the steps and losses to draw (a history that only
// grew since the last render costs only its new rows, so a step costs the same after 10 or 10,000
// steps), the branch left by going back in time, and the sentence the canvas stands for. No DOM.
import { formatLogTick, formatLoss, lossDomain } from "../core/chart-scale.js";

const lossOf = (row) => (typeof row.loss === "number" ? row.loss : NaN);

/**
 * Steps and losses of `history` (rows {step, loss}, step 0 first). cache: what the last call
 * returned; its arrays are grown in place when `history` is the same array, only longer.
 */
export function lossSeries(history, cache = null) {
  const grew = cache && cache.rows === history && cache.count <= history.length &&
    cache.count > 0 && history[cache.count - 1] === cache.last;
  const steps = grew ? cache.steps : [];
  const losses = grew ? cache.losses : [];
  for (let i = grew ? cache.count : 0; i < history.length; i += 1) {
    steps.push(history[i].step);
    losses.push(lossOf(history[i]));
  }
  return { rows: history, count: history.length, last: history[history.length - 1], steps, losses };
}

/** What the chart draws; ghost: the rows of a branch left by going back in time (dashed). */
export function chartModel({ steps, losses }, scale, events, ghost) {
  const ghostSteps = ghost.map((row) => row.step);
  const ghostLosses = ghost.map(lossOf);
  const { floor, clamped } = lossDomain(losses, scale);
  return { steps, losses, floor, clamped, scale, events, ghostSteps, ghostLosses };
}

/** The canvas's accessible name: what the curve shows, in words. */
export function chartSummary({ steps, losses, scale, events }) {
  const axis = scale === "log" ? ", log scale" : "";
  if (steps.length === 0) return "Loss history, no data yet";
  const n = steps[steps.length - 1];
  const latest = formatLoss(losses[losses.length - 1]);
  if (steps.length === 1) return `Loss history, no steps yet, loss ${latest} at step ${n}${axis}`;
  const taken = `${n} step${n === 1 ? "" : "s"}`;
  const changes = events.length
    ? `, ${events.length} change${events.length === 1 ? "" : "s"} of settings marked`
    : "";
  const keys = "Arrow keys move between steps.";
  return `Loss history, ${taken}, latest ${latest}${axis}${changes}. ${keys}`;
}

/** The note above a log axis when some losses are ≤ 0 (drawn at the floor), else "". */
export function clampNote({ clamped, floor }) {
  if (!clamped) return "";
  const lost = `${clamped} ${clamped === 1 ? "loss" : "losses"} ≤ 0`;
  return `${lost} cannot be shown on a log axis; drawn at ${formatLogTick(floor)}.`;
}
