// The Gradient check button: pressed, it shows the check (backprop beside central differences at
// the current point, asked of the lab) under the weights and follows every new frame; pressed
// again, it hides it.
import { render as renderGradientCheck } from "./gradcheck.js";

/** lab: {gradientCheck}; getView(): the view on screen. Returns {refresh}, for each new frame. */
export function watchGradientCheck(button, box, lab, getView) {
  const refresh = async () => {
    if (box.hidden) return;
    const check = await lab.gradientCheck();
    const { layers, bias } = getView().frame.config;
    renderGradientCheck(box, { check, layers, bias });
  };
  button.addEventListener("click", () => {
    const on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", String(on));
    box.hidden = !on;
    refresh();
  });
  return { refresh };
}
