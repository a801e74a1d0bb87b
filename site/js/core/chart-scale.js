// Pure chart geometry: nice ticks, linear/log scales, loss domains, decimation, number labels.
// No DOM, no canvas, no state: every function maps numbers to numbers or strings, so it is
// testable on its own and shared by any chart.

const NICE_MULTIPLES = [1, 2, 5, 10];
const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** Drop float noise such as 0.30000000000000004 so labels and comparisons stay exact. */
export function clean(v) {
  return v === 0 ? 0 : Number.parseFloat(v.toPrecision(12));
}

/** A 1-2-5 step giving about `count` intervals over `span` (span > 0). */
export function niceStep(span, count = 5) {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const mult = NICE_MULTIPLES.find((m) => raw / mag <= m * (1 + 1e-9));
  return clean(mult * mag);
}

/** [min, max] widened outward to multiples of the nice step. */
export function niceDomain(min, max, count = 5) {
  if (!(max > min)) return [min, max];
  const step = niceStep(max - min, count);
  return [clean(Math.floor(min / step + 1e-9) * step), clean(Math.ceil(max / step - 1e-9) * step)];
}

/** Decimals needed to print multiples of `step` exactly (step from niceStep). */
export function decimalsFor(step) {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** Ticks at multiples of a nice step inside [min, max], as {value, label}; integer: step >= 1. */
export function linearTicks(min, max, count = 5, { integer = false } = {}) {
  if (!(max > min)) return [{ value: min, label: formatNumber(min, 4) }];
  let step = niceStep(max - min, count);
  if (integer) step = Math.max(1, step);
  const digits = decimalsFor(step);
  const ticks = [];
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  for (let k = first; k <= last; k += 1) {
    const value = clean(k * step);
    ticks.push({ value, label: formatNumber(value, digits) });
  }
  return ticks;
}

/** Ticks for a log axis: powers of ten, or 1-2-5 multiples over a short range, else linear. */
export function logTicks(min, max, count = 5) {
  if (!(min > 0) || !(max > min)) return [{ value: min, label: formatLogTick(min) }];
  const e0 = Math.floor(Math.log10(min));
  const e1 = Math.ceil(Math.log10(max));
  const stride = Math.max(1, Math.ceil((e1 - e0) / count));
  const powers = min < 1e-3 || max >= 1e4; // far from 1: label every power as 10ⁿ, consistently
  for (const mults of [[1], [1, 2, 5]]) {
    const ticks = [];
    for (let e = e0; e <= e1; e += 1) {
      if (mults.length === 1 && e % stride !== 0) continue;
      for (const m of mults) {
        const value = clean(m * 10 ** e);
        if (value >= min * (1 - 1e-9) && value <= max * (1 + 1e-9)) {
          ticks.push({ value, label: formatLogTick(value, powers) });
        }
      }
    }
    if (ticks.length >= 3) return ticks;
  }
  // Under a decade: round linear values read best; ask for more if too few land inside.
  const ticks = linearTicks(min, max, count);
  return ticks.length >= 3 ? ticks : linearTicks(min, max, 2 * count);
}

/** Map domain [d0, d1] onto range [r0, r1]; `.invert` maps back. A flat domain maps to the
 * middle. */
export function linearScale([d0, d1], [r0, r1]) {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const map = (v) => (k === 0 ? (r0 + r1) / 2 : r0 + (v - d0) * k);
  map.invert = (p) => (k === 0 ? d0 : d0 + (p - r0) / k);
  return map;
}

/** Like linearScale but in log10 space; the domain must be positive. */
export function logScale([d0, d1], range) {
  const inner = linearScale([Math.log10(d0), Math.log10(d1)], range);
  const map = (v) => inner(Math.log10(v));
  map.invert = (p) => 10 ** inner.invert(p);
  return map;
}

/**
 * Losses ready to plot on `scale`: {values, domain, floor, clamped}; a linear domain is widened
 * to nice ticks for about `count` intervals.
 * Log: losses <= 0 are drawn at `floor` (a power of ten one decade below the smallest positive
 * loss) and counted in `clamped`; non-finite losses stay NaN (gaps) and never reach the domain.
 */
export function lossDomain(losses, scale = "linear", count = 5) {
  const finite = losses.filter(Number.isFinite);
  if (scale === "log") return logLossDomain(losses, finite);
  const values = losses.map((v) => (Number.isFinite(v) ? v : NaN));
  if (finite.length === 0) return { values, domain: [0, 1], floor: null, clamped: 0 };
  let [lo, hi] = extent(finite);
  // Loss is a distance to the goal: show zero unless it would squash a small, distant change.
  if (lo >= 0 && lo <= hi / 2) lo = 0;
  if (lo === hi) {
    const pad = Math.abs(hi) * 0.25 || 1;
    [lo, hi] = lo > 0 ? [0, hi + pad] : [lo - pad, hi + pad];
  }
  return { values, domain: niceDomain(lo, hi, count), floor: null, clamped: 0 };
}

function logLossDomain(losses, finite) {
  const positive = finite.filter((v) => v > 0);
  const floor = positive.length ? 10 ** (Math.floor(Math.log10(extent(positive)[0])) - 1) : 1e-6;
  const values = losses.map((v) => (Number.isFinite(v) ? Math.max(v, floor) : NaN));
  const clamped = finite.filter((v) => v < floor).length;
  const shown = values.filter(Number.isFinite);
  if (shown.length === 0) return { values, domain: [0.1, 10], floor, clamped };
  const [lo, hi] = extent(shown);
  const pad = Math.max(Math.log10(hi / lo) * 0.06, 0.08);
  return { values, domain: [lo / 10 ** pad, hi * 10 ** pad], floor, clamped };
}

/** [min, max] of a non-empty array; a loop, since spreading 10⁵ arguments overflows the stack. */
export function extent(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * Indices worth drawing when many points share a pixel column: per column the first, lowest,
 * highest and last point, so the drawn path keeps every spike. xs must be non-decreasing.
 */
export function decimateByColumn(xs, ys) {
  const keep = [];
  let start = 0;
  while (start < xs.length) {
    const column = Math.floor(xs[start]);
    let end = start;
    let lo = start;
    let hi = start;
    while (end + 1 < xs.length && Math.floor(xs[end + 1]) === column) {
      end += 1;
      if (!Number.isFinite(ys[end])) keep.push(end);
      else if (ys[end] < ys[lo] || !Number.isFinite(ys[lo])) lo = end;
      else if (ys[end] > ys[hi] || !Number.isFinite(ys[hi])) hi = end;
    }
    keep.push(start, lo, hi, end);
    start = end + 1;
  }
  return [...new Set(keep)].sort((a, b) => a - b);
}

/** Index of the value in ascending `sorted` closest to `target` (-1 when empty). */
export function nearestIndex(sorted, target) {
  if (sorted.length === 0) return -1;
  let lo = 0;
  let hi = sorted.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= target) lo = mid;
    else hi = mid;
  }
  return Math.abs(sorted[hi] - target) < Math.abs(sorted[lo] - target) ? hi : lo;
}

/** A loss as people read it: 4 decimals, or scientific notation when that would hide it. */
export function formatLoss(v) {
  if (!Number.isFinite(v)) return "—";
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e6)) return v.toExponential(2);
  return v.toFixed(4);
}

// Ticks of huge losses read "1.2×10⁹", not "1200000000"; tiny steps keep scientific notation.
function formatNumber(v, digits) {
  if (digits > 6) return v.toExponential(1);
  if (Math.abs(v) >= 1e6) {
    const e = Math.floor(Math.log10(Math.abs(v)));
    return `${Number((v / 10 ** e).toPrecision(3))}×10${superscript(e)}`;
  }
  return v.toFixed(digits);
}

/** A log-axis tick label: plain decimals near 1, "10⁻⁵"-style powers of ten far off or if asked. */
export function formatLogTick(v, powers = false) {
  const e = Math.round(Math.log10(v));
  const power = Math.abs(v - 10 ** e) <= 1e-9 * v;
  if (power && (powers || Math.abs(e) >= 4)) return `10${superscript(e)}`;
  if (v >= 1e-3 && v < 1e4) return String(clean(v));
  const [mantissa, exponent] = v.toExponential(0).split("e");
  return `${mantissa}×10${superscript(Number(exponent))}`;
}

function superscript(n) {
  return [...String(n)].map((c) => (c === "-" ? "⁻" : SUPERSCRIPT_DIGITS[c])).join("");
}
