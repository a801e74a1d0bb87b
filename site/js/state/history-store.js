// The page's copy of one run's history, kept in step with the engine by the history part of each
// frame ("keep your rows up to keep_through, then append these"), so no call resends what the
// page already has. Pure: no DOM. Rows are the engine's records, step 0 first, never mutated.
import { indexAfter, rowAt as rowIn } from "../core/history-rows.js";

/** An empty store; `since()` is what to send with the next engine call. */
export function createHistory() {
  return { rows: [], revision: null };
}

/** What the page holds, as the engine's `since` argument (null: nothing yet). */
export function since(history) {
  if (history.revision === null) return null;
  const last = history.rows[history.rows.length - 1];
  return { revision: history.revision, step: last ? last.step : -1 };
}

/** Apply a frame's history part {revision, keep_through, rows}; returns the rows it dropped. */
export function applyHistory(history, part) {
  const keep = part.keep_through < 0 ? 0 : indexAfter(history.rows, part.keep_through);
  const dropped = history.rows.slice(keep);
  history.rows.length = keep;
  for (const row of part.rows) history.rows.push(row);
  history.revision = part.revision;
  return dropped;
}

/**
 * The row of `step`, or undefined (binary search: rows are sorted by step, thinned ones missing).
 */
export function rowAt(history, step) {
  return rowIn(history.rows, step);
}
