// Tiny builders for the browser's native MathML (no math library): each returns an element in the
// MathML namespace. Used by the chain-rule receipt; knows nothing about networks.

const NS = "http://www.w3.org/1998/Math/MathML";

function node(tag, children = []) {
  const element = document.createElementNS(NS, tag);
  for (const child of children) {
    element.append(typeof child === "string" ? text("mtext", child) : child);
  }
  return element;
}

function text(tag, value) {
  const element = document.createElementNS(NS, tag);
  element.textContent = value;
  return element;
}

export const mi = (value) => text("mi", value);
export const mn = (value) => text("mn", value);
export const mo = (value) => text("mo", value);
export const mtext = (value) => text("mtext", value);
export const mrow = (...children) => node("mrow", children);
export const msub = (base, sub) => node("msub", [base, sub]);
export const mfrac = (top, bottom) => node("mfrac", [top, bottom]);

/** A whole formula: <math display="block" aria-label="…">; label: the same in words for screen
 * readers. */
export function math(label, ...children) {
  const element = node("math", [mrow(...children)]);
  element.setAttribute("display", "block");
  element.setAttribute("aria-label", label);
  return element;
}

/** "(a)" around a MathML row. */
export function parens(...children) {
  return mrow(mo("("), ...children, mo(")"));
}

/** ∂L/∂name as a fraction. */
export function partial(top, bottom) {
  return mfrac(mrow(mo("∂"), top), mrow(mo("∂"), bottom));
}
