// The advice beside the learning rate: the loss the next step would reach (the engine's preview)
// and the engine's verdict on it (frame.stability, stability.py), which never contradicts that
// preview. Words and status are the engine's; nothing is judged here.
import { fixed } from "../core/format.js";

/** data: {loss: the loss now, preview: frame.preview, stability: frame.stability}. */
export function render(box, { loss, preview, stability }) {
  const next = preview.diverges
    ? "Next step would diverge."
    : `Next step: loss ${fixed(loss, 4)} → ${fixed(preview.loss_after, 4)}.`;
  box.textContent = stability.reason ? `${next} ${stability.reason}` : next;
  box.dataset.status = stability.status;
}
