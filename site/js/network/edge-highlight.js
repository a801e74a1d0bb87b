// Links every element that shows the same connection (SVG edge, weights cell, updates row) through
// their shared data-edge key: pointing at, tapping or focusing one highlights all of them.
// Owns no drawing; reports the highlighted key to `onKey` (e.g. for a readout).

/** Start listening under `root`; returns {refresh} to re-apply the highlight after a re-render. */
export function linkEdgeHighlights(root, onKey = () => {}) {
  // hover: mouse or pen; tap: a touch keeps its choice until the next tap, since fingers do not
  // hover; focus: keyboard. The most recent source that points at a connection wins.
  const keys = { hover: null, focus: null, tap: null };
  let recent = ["hover", "focus", "tap"];
  const apply = () => {
    const key = recent.map((source) => keys[source]).find((k) => k !== null) ?? null;
    highlight(root, key);
    onKey(key);
  };
  const set = (source, key) => {
    keys[source] = key;
    recent = [source, ...recent.filter((s) => s !== source)];
    apply();
  };
  const keyOf = (target) => target?.closest?.("[data-edge]")?.dataset.edge ?? null;
  const mouse = (event) => event.pointerType !== "touch";

  const over = (event) => mouse(event) && set("hover", keyOf(event.target));
  root.addEventListener("pointerover", over);
  root.addEventListener("pointerleave", (event) => mouse(event) && set("hover", null));
  root.addEventListener("pointerdown", (event) => !mouse(event) && set("tap", keyOf(event.target)));
  root.addEventListener("focusin", (event) => set("focus", keyOf(event.target)));
  root.addEventListener("focusout", () => set("focus", null));
  return { refresh: apply };
}

function highlight(root, key) {
  for (const node of root.querySelectorAll(".is-linked")) {
    if (node.dataset.edge !== key) node.classList.remove("is-linked");
  }
  root.classList.toggle("has-linked", key !== null);
  if (key === null) return;
  for (const node of root.querySelectorAll(`[data-edge="${CSS.escape(key)}"]`)) {
    node.classList.add("is-linked");
  }
}
