// The tables' cells found by their data-edge key once per table (not by a selector per value on
// every step), and text written only when it changed, so a step touches only what moved.
const indexes = new WeakMap();

/** Map data-edge key -> element, for the elements of `table` matching `selector`. */
export function cellsByKey(table, selector = "[data-edge]") {
  let index = indexes.get(table);
  if (!index) {
    index = new Map(Array.from(table.querySelectorAll(selector), (el) => [el.dataset.edge, el]));
    indexes.set(table, index);
  }
  return index;
}

export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

export function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
