// The Step, "10 steps", Reset and Undo buttons, the phase buttons and the step mode. A step goes
// through the JS API in the chosen mode (step-modes.js); a phase or a mode is a view option of the
// lab; a refused step is shown under the buttons. One animated step runs to its end before the
// next click counts.
import { runStepClick } from "./step-modes.js";
import { goBackTo } from "./time-travel.js";
import { showStepError, stepFailureText } from "./step-error.js";

const byId = (id) => document.getElementById(id);

/** lab: the lab controller (setView); api: window.backpropLab; getView(): the view on screen. */
export function watchStepButtons({ lab, api, getView }) {
  const step = stepper(lab, api, getView);
  byId("step-btn").addEventListener("click", () => step(1, getView().state.step_mode));
  byId("step10-btn").addEventListener("click", () => step(10, "all"));
  byId("reset-btn").addEventListener("click", () => api.reset().catch((e) => console.warn(e)));
  byId("undo-btn").addEventListener("click", () => {
    const view = getView();
    if (view?.frame.step > 0) goBackTo(api, view, view.frame.step - 1);
  });
  byId("phase-group").addEventListener("click", (event) => {
    const phase = event.target.closest("button[data-phase]")?.dataset.phase;
    if (phase) lab.setView({ phase });
  });
  byId("step-mode").addEventListener("change", (event) => {
    lab.setView({ step_mode: event.target.value });
  });
}

function stepper(lab, api, getView) {
  let stepping = false;
  return async (n, mode) => {
    if (stepping) return;
    stepping = true;
    try {
      const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)").matches;
      const calls = { setView: lab.setView, step: api.step };
      await runStepClick(calls, mode, getView().state.phase, { n, reducedMotion });
    } catch (error) {
      showStepError(stepFailureText(error));
    } finally {
      stepping = false;
    }
  };
}
