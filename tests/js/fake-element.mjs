// A stand-in for the few DOM elements a note or readout writes: text, hidden, data-*, classes,
// attributes, and the children it finds by selector. Enough to read what a person would see.
export function fakeElement(children = {}) {
  const classes = new Set();
  const attributes = new Map();
  return {
    textContent: "",
    hidden: false,
    dataset: {},
    classList: {
      toggle: (name, on) => (on ? classes.add(name) : classes.delete(name)),
      contains: (name) => classes.has(name),
    },
    setAttribute: (name, value) => attributes.set(name, String(value)),
    getAttribute: (name) => attributes.get(name) ?? null,
    querySelector: (selector) => children[selector] ?? null,
    querySelectorAll: () => Object.values(children),
  };
}
