// The screen reader's sentence after each change: the step, the loss and the prediction, as the
// readouts show them; written only when it changed, so nothing is announced twice.
import { fixed } from "../core/format.js";

/** data: {frame}. */
export function render(box, { frame }) {
  const prediction = frame.prediction.map((v) => fixed(v, 3)).join(", ");
  const text = `Step ${frame.step}. Loss ${fixed(frame.loss, 4)}. Prediction ${prediction}.`;
  if (box.textContent !== text) box.textContent = text;
}
