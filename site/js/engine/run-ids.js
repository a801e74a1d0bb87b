// The page's run ids and the engine's: a restarted engine numbers its runs afresh ("r1", "r2", …),
// so each run the page holds keeps the id it was given and the bridge translates both ways.
// Until the first restart the two are the same. Pure.

export function createRunIds() {
  return { toEngine: new Map(), toPage: new Map(), highest: 0, restarted: false };
}

/** The engine's id of a page's run id; undefined for an id the page never had (after a restart
 * the engine must not see it: another run may hold that name there now). */
export function engineId(ids, pageId) {
  if (ids.toEngine.has(pageId)) return ids.toEngine.get(pageId);
  return ids.restarted ? undefined : pageId;
}

/** The page's id of an engine's run: known, or new (the engine's own name before any restart,
 * else the next one the page has not used). */
export function pageId(ids, engine) {
  if (ids.toPage.has(engine)) return ids.toPage.get(engine);
  const id = ids.restarted ? `r${ids.highest + 1}` : engine;
  bind(ids, id, engine);
  return id;
}

export function bind(ids, page, engine) {
  ids.toEngine.set(page, engine);
  ids.toPage.set(engine, page);
  ids.highest = Math.max(ids.highest, Number(/^r(\d+)$/.exec(page)?.[1] ?? 0));
}

export function forget(ids, page) {
  ids.toPage.delete(ids.toEngine.get(page));
  ids.toEngine.delete(page);
}

/** A new engine: no run of the old one is there until bound again. */
export function restart(ids) {
  ids.toEngine.clear();
  ids.toPage.clear();
  ids.restarted = true;
}
