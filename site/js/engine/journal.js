// What a restarted engine needs to rebuild every run the page holds: per run (the page's id), the
// config it was made with and the calls that changed it since, in order — configure, seek, and
// steps merged into one target step. Pure: no engine, no DOM; engine.js records and replays it.

/** An empty journal: page run id -> {config, ops: [{name: "configure", changes} |
 * {name: "step", to} | {name: "seek", step}]}, in the order the runs were made. */
export function createJournal() {
  return new Map();
}

/** Records a call that succeeded (value: its result) or a step that failed part-way (value: the
 * error's frame). args and value carry the page's run ids. Other calls change nothing. */
export function record(journal, name, args, value) {
  if (name === "create") journal.set(value.run, { config: copy(args.config), ops: [] });
  // A reset is a new run under the same id: what came before it is gone.
  if (name === "reset") journal.set(args.run, { config: copy(args.config), ops: [] });
  if (name === "drop") journal.delete(args.run);
  const entry = journal.get(args.run);
  if (!entry) return;
  if (name === "configure") entry.ops.push({ name, changes: copy(args.changes) });
  if (name === "seek") entry.ops.push({ name, step: value.step });
  if (name === "step") {
    const last = entry.ops.at(-1);
    if (last?.name === "step") last.to = value.step;
    else entry.ops.push({ name, to: value.step });
  }
}

/** The step counts that take a run from step `from` to step `to`, each at most `max`. */
export function stepCounts(from, to, max) {
  const counts = [];
  for (let at = from; at < to; at += max) counts.push(Math.min(max, to - at));
  return counts;
}

/** The step each run stands at now, by the journal (null: not stepped or sought since made). */
export function standing(journal) {
  return Array.from(journal, ([run, { ops }]) => {
    const last = ops.findLast((op) => op.name !== "configure");
    return { run, step: last ? last.to ?? last.step : 0 };
  });
}

const copy = (value) => (value === undefined ? undefined : structuredClone(value));
