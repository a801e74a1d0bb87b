// The note under the drawing on inactive neurons (ReLUs with z ≤ 0 on every row) and what the next
// update does to their weights: the engine's sentence (notes.py), for touch screens and screen
// readers too, hidden when there is none.

/** data: {note: frame.notes.inactive, a sentence or null}. */
export function render(box, { note }) {
  box.hidden = !note;
  box.textContent = note ?? "";
}
