// Pure helpers of the learning-rate comparison: reading the typed rates and step count, suggesting
// rates around the current one, and summing up each rate's curve in words. No DOM, no engine.
import { numberRule, parseNumber } from "../core/validate.js";

export const MAX_RATES = 3;

/**
 * texts: what the rate fields hold (empty = unused); lrField, stepsField: the engine's rules.
 * Returns {value: {rates, steps}} or {errors: {rates: [message|null per field], steps:
 * message|null, form: message|null}}.
 */
export function readComparison(texts, stepsText, { lrField, stepsField }) {
  const checked = texts.map((text) => (
    String(text ?? "").trim() === "" ? null : parseNumber(text, numberRule(lrField))));
  const rateErrors = checked.map((result) => result?.error ?? null);
  const steps = parseNumber(stepsText, numberRule(stepsField));
  const rates = checked.filter((result) => result && !result.error).map((result) => result.value);
  let form = null;
  if (checked.every((result) => result === null)) form = "Enter at least one learning rate.";
  else if (new Set(rates).size < rates.length) {
    form = "Each learning rate must differ from the others.";
  }
  if (form || steps.error || rateErrors.some(Boolean)) {
    return { errors: { rates: rateErrors, steps: steps.error ?? null, form } };
  }
  return { value: { rates, steps: steps.value } };
}

/** Three rates a decade apart around `lr` (lr/10, lr, lr·10), kept inside the engine's limits. */
export function suggestRates(lr, lrField) {
  const fits = (v) => v > lrField.min && v <= lrField.max;
  const around = [lr / 10, lr, lr * 10].map((v) => Number(v.toPrecision(6)));
  return around.filter(fits);
}

/** The config of a comparison run: the main run's config with only the learning rate changed. */
export function withRate(config, lr) {
  return { ...config, optimizer: { ...config.optimizer, lr } };
}

/**
 * One rate's run in numbers: {lr, steps, losses, final, start, diverged} where diverged is
 * {step, message} or null; rows are the engine's history rows (step 0 first).
 */
export function curveOf(lr, rows, diverged = null) {
  const steps = rows.map((row) => row.step);
  const losses = rows.map((row) => (typeof row.loss === "number" ? row.loss : NaN));
  return {
    lr, steps, losses, start: losses[0], final: losses[losses.length - 1],
    lastStep: steps[steps.length - 1], diverged,
  };
}

/** What happened to one curve, in a few words ("diverged at step 4", "fell 99.1%", "rose 12%"). */
export function outcomeOf(curve) {
  if (curve.diverged) return `diverged at step ${curve.diverged.step}`;
  if (!(curve.start > 0)) return curve.final === curve.start ? "no change" : "changed";
  const change = (curve.final - curve.start) / curve.start;
  if (Math.abs(change) < 5e-4) return "barely moved";
  const percent = Math.abs(change * 100);
  const shown = percent >= 99.95 && change < 0 ? "more than 99.9" : percent.toFixed(1);
  return change < 0 ? `fell ${shown}%` : `rose ${shown}%`;
}

/** Index of the curve that ended lowest without diverging, or -1. */
export function bestCurve(curves) {
  let best = -1;
  curves.forEach((curve, i) => {
    if (curve.diverged || !Number.isFinite(curve.final)) return;
    if (best < 0 || curve.final < curves[best].final) best = i;
  });
  return best;
}

/** Log scale reads best when the finite, positive losses span more than two decades. */
export function prefersLog(curves) {
  const positive = curves.flatMap((c) => c.losses).filter((v) => Number.isFinite(v) && v > 0);
  if (positive.length < 2) return false;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of positive) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  return hi / lo > 100;
}
