// The note under the readouts on what the last step did (a loss that went up, weights no gradient
// reached…): the engine's sentence (notes.py), or nothing. Empty, it keeps its room, so nothing
// below it moves from one step to the next.

/** data: {note: frame.notes.step, a sentence or null}. */
export function render(box, { note }) {
  box.textContent = note ?? "";
  box.classList.toggle("is-quiet", box.textContent === "");
}
