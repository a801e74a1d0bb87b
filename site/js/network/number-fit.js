// A node's number on its disc, at the size this file sets (the only place it is written): 15 px,
// or 14 px and a little tighter for one longer than four characters; where even
// that would not fit across the disc ("−0.16" or "1.5e−3" in a small circle), narrowed to the
// disc's width, so it keeps its size and never runs onto the map's ring. The width is estimated
// (network-geometry.js), never read back from the layout.
import { textWidth } from "../core/network-geometry.js";
import { setAttr } from "../core/keyed-cells.js";

const NUMBER = { size: 15, spacing: 0 }; // px, em
const LONG_NUMBER = { size: 14, spacing: -0.04 };

/** Fit `text` (just written into the <text> `value`) into `room` px. */
export function fitNumber(value, text, room) {
  const long = text.length > 4;
  const { size, spacing } = long ? LONG_NUMBER : NUMBER;
  setAttr(value, "font-size", String(size));
  setAttr(value, "letter-spacing", `${spacing}em`);
  if (textWidth(text, size, spacing) > room) {
    setAttr(value, "textLength", room.toFixed(1));
    setAttr(value, "lengthAdjust", "spacingAndGlyphs");
  } else if (value.hasAttribute("textLength")) value.removeAttribute("textLength");
}
