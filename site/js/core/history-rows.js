// Finding a step among a run's history rows, which are sorted by step with thinned rows missing
// (binary search: a lookup costs the same after 10 or 10,000 steps). Pure.

/** The row of `step` in `rows`, or undefined. */
export function rowAt(rows, step) {
  const i = indexAfter(rows, step) - 1;
  return i >= 0 && rows[i].step === step ? rows[i] : undefined;
}

/** Index of the first row whose step is greater than `step`. */
export function indexAfter(rows, step) {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (rows[mid].step <= step) low = mid + 1;
    else high = mid;
  }
  return low;
}
