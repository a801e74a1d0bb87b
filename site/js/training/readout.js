// The readouts under the training buttons: the step count, the loss on the next batch and the
// prediction for the shown example, from the frame (a data set's extra readouts: data/view.js).
import { fixed } from "../core/format.js";

/** data: {frame}; container holds #step-count, #loss-value and #prediction-value. */
export function render(container, { frame }) {
  container.querySelector("#step-count").textContent = String(frame.step);
  container.querySelector("#loss-value").textContent = fixed(frame.loss, 4);
  container.querySelector("#prediction-value").textContent =
    frame.prediction.map((v) => fixed(v, 3)).join(", ");
}
