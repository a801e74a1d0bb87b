// Going back in time from the page (Undo, a chart point, a history row): the run as it was after
// `step` updates, through the JS API's seek; the next step starts a new branch.
import { showStepError } from "./step-error.js";

/** api: window.backpropLab; view: the view on screen (null before the first). */
export function goBackTo(api, view, step) {
  if (!view || step === view.frame.step) return;
  api.seek(step).catch((error) => showStepError(`Could not go back: ${error.message}`));
}
