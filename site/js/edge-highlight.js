// Links every element that shows the same connection (SVG edge, weights cell, updates row) through
// their shared data-edge key: hovering or focusing one highlights all of them. Owns no drawing.

/** Start listening under `root`; returns {refresh} to re-apply the highlight after a re-render. */
export function linkEdgeHighlights(root) {
  let pointerKey = null;
  let focusKey = null;
  const current = () => pointerKey ?? focusKey;
  const apply = () => highlight(root, current());
  const keyOf = (target) => target?.closest?.("[data-edge]")?.dataset.edge ?? null;

  root.addEventListener("pointerover", (event) => { pointerKey = keyOf(event.target); apply(); });
  root.addEventListener("pointerleave", () => { pointerKey = null; apply(); });
  root.addEventListener("focusin", (event) => { focusKey = keyOf(event.target); apply(); });
  root.addEventListener("focusout", () => { focusKey = null; apply(); });
  return { refresh: apply };
}

function highlight(root, key) {
  for (const node of root.querySelectorAll(".is-linked")) {
    if (node.dataset.edge !== key) node.classList.remove("is-linked");
  }
  if (key === null) {
    root.classList.remove("has-linked");
    return;
  }
  root.classList.add("has-linked");
  for (const node of root.querySelectorAll(`[data-edge="${CSS.escape(key)}"]`)) node.classList.add("is-linked");
}
