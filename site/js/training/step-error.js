// The message under the training buttons when a step, Play or going back in time fails: the
// engine's reason, shown until the next frame is shown (a refused step shows it after the frame
// of the updates it kept).

const box = () => document.getElementById("step-error");

/** The words for a step the engine refused (DivergenceError) or that failed otherwise. */
export function stepFailureText(error) {
  if (error.name === "DivergenceError") return `Step refused — ${error.message}`;
  return `The step failed: ${error.message}`;
}

export function showStepError(text) {
  box().textContent = text;
  box().hidden = false;
}

export function hideStepError() {
  box().hidden = true;
}
