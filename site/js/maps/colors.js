// Colours of the function-space heatmaps: a colour-blind-safe blue–white–orange scale (the page's
// sign colours), and a flat grey that only an activation of exactly 0 gets (an inactive ReLU).
// Pure: numbers in, [r, g, b] out; no DOM.

const LOW = [29, 95, 214]; // blue, as --pos
const MID = [247, 247, 247];
const HIGH = [194, 65, 12]; // orange, as --neg
export const DEAD = [150, 156, 166]; // flat grey: activation exactly 0
export const MISSING = [0, 0, 0]; // a non-finite value

// The scale as a table of colours, finer than the eye can tell apart: painting thousands of pixels
// a frame looks colours up instead of computing (and allocating) one per pixel.
const LEVELS = 2048;
const SCALE = Array.from({ length: LEVELS + 1 }, (_, k) => {
  const t = k / LEVELS;
  const [from, to, u] = t < 0.5 ? [LOW, MID, t * 2] : [MID, HIGH, (t - 0.5) * 2];
  return Object.freeze(from.map((c, i) => Math.round(c + (to[i] - c) * u)));
});

/** s in [0, 1] (clamped) -> blue (0), white (0.5), orange (1). */
export function diverging(s) {
  const t = Math.min(1, Math.max(0, Number.isFinite(s) ? s : 0.5));
  return SCALE[Math.round(t * LEVELS)];
}

/**
 * The output map's range: the targets' lowest and highest value, so the midpoint colour is the
 * boundary between classes; with one target value, widened to the outputs on the grid.
 */
export function outputRange(targets, grid) {
  let lo = Math.min(...targets);
  let hi = Math.max(...targets);
  if (lo === hi) {
    for (const v of grid) {
      if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
  }
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

/** An output value's colour within [lo, hi]. */
export function outputColor(v, [lo, hi]) {
  return v === null || !Number.isFinite(v) ? MISSING : diverging((v - lo) / (hi - lo));
}

/** A hidden activation's colour: 0 exactly is the flat grey; else by sign, scaled by `largest`
 * |a|. */
export function activationColor(v, largest) {
  if (v === null || !Number.isFinite(v)) return MISSING;
  if (v === 0) return DEAD;
  return diverging(0.5 + (0.5 * v) / (largest || 1));
}

/** Grid `index` of the engine's (count, n, n) Float32Array of grids: its n² values, row by row
 * from the top (a view, not a copy); null when there is no such grid. */
export function gridOf(grids, index, n) {
  const size = n * n;
  if (!grids || index < 0 || (index + 1) * size > grids.length) return null;
  return grids.subarray(index * size, (index + 1) * size);
}

/** The largest |value| on a grid (0 when all are 0). */
export function largestMagnitude(grid) {
  let largest = 0;
  for (const v of grid) if (Number.isFinite(v)) largest = Math.max(largest, Math.abs(v));
  return largest;
}

/** Paint a grid (n² values, row by row) into an ImageData-like {data} of n² pixels with
 * colorOf(v) -> [r, g, b]. */
export function paintGrid(image, grid, colorOf) {
  let k = 0;
  for (const v of grid) {
    const [r, g, b] = colorOf(v);
    image.data[k] = r;
    image.data[k + 1] = g;
    image.data[k + 2] = b;
    image.data[k + 3] = 255;
    k += 4;
  }
  return image;
}
