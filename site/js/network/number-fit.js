// A node's number on its disc: one longer than four characters is drawn at 14 px (style.css,
// .node-value.is-long) and, where even that would not fit across the disc ("−0.16" or "1.5e−3"
// in a small circle), narrowed to the disc's width, so it keeps its size and never runs onto
// the map's ring. The width is estimated (network-geometry.js), never read back from the layout.
import { textWidth } from "../core/network-geometry.js";
import { setAttr } from "../core/keyed-cells.js";

const NUMBER = { size: 15, spacing: 0 };
const LONG_NUMBER = { size: 14, spacing: -0.04 };

/** Fit `text` (just written into the <text> `value`) into `room` px. */
export function fitNumber(value, text, room) {
  const long = text.length > 4;
  value.classList.toggle("is-long", long);
  const { size, spacing } = long ? LONG_NUMBER : NUMBER;
  if (textWidth(text, size, spacing) > room) {
    setAttr(value, "textLength", room.toFixed(1));
    setAttr(value, "lengthAdjust", "spacingAndGlyphs");
  } else if (value.hasAttribute("textLength")) value.removeAttribute("textLength");
}
