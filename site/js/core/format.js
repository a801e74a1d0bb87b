// Number formatting shared by the views: fixed decimals with a true minus sign, no "-0.00",
// and scientific notation where a fixed format would hide a tiny but real value.

const MINUS = "\u2212";

/** `x` with `dp` decimals; "−" for negatives; "—" for null/undefined. */
export function fixed(x, dp) {
  if (x === null || x === undefined) return "—";
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : (x > 0 ? "∞" : `${MINUS}∞`);
  if (Math.abs(x) >= 1e6) return x.toExponential(3).replace("e+", "e").replace(/-/g, MINUS);
  const text = x.toFixed(dp);
  if (Number(text) === 0) return (0).toFixed(dp);
  return text.replace("-", MINUS);
}

/** Like fixed(), but a non-zero value that would round to zero is shown as e.g. "3.2e−6". */
export function precise(x, dp) {
  const tiny = Number.isFinite(x) && x !== 0 && Math.abs(x) < 0.5 * 10 ** -dp;
  if (x !== null && x !== undefined && tiny) {
    const [mant, exp] = x.toExponential(1).split("e");
    return `${mant.replace("-", MINUS)}e${exp.replace("+", "").replace("-", MINUS)}`;
  }
  return compact(x, dp);
}

/** A change, always signed: "+0.0123", "−0.0312", "0.0000". */
export function signed(x, dp) {
  const text = precise(x, dp);
  return x > 0 ? `+${text}` : text;
}

/** A learning rate as typed: shortest exact form ("0.01", "1e-5" as "0.00001" where short). */
export function plain(x) {
  return x === null || x === undefined ? "—" : String(x).replace("-", MINUS);
}

/** Like fixed(), but at most about 7 characters wide: |x| ≥ 1000 reads "1.23e4" (tables keep
 * their width). */
export function compact(x, dp) {
  const small = x === null || x === undefined || !Number.isFinite(x) || Math.abs(x) < 1000;
  if (small) return fixed(x, dp);
  const [mant, exp] = x.toExponential(2).split("e");
  return `${mant.replace("-", MINUS)}e${exp.replace("+", "")}`;
}
