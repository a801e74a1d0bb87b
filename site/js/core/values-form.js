// The training-values form: validates each field as it is typed, shows a message next to a bad
// field (aria-invalid + its aria-describedby message), and mirrors the state into the fields.
// It applies nothing itself: a valid value is handed to `onValue`. Each field's rule is the
// engine's (ruleFor(field) -> a validate.js rule).
import { parseNumber } from "./validate.js";

const MESSAGE_DELAY_MS = 600; // let a person finish typing "-0.5" before calling "-" wrong

/** Call onValue(field, index, value) for every valid edit; it returns a Promise (rejection =
 * message). */
export function watchFields(form, ruleFor, onValue) {
  const timers = new WeakMap();
  const check = (input, immediate) => {
    clearTimeout(timers.get(input));
    const result = parseNumber(input.value, ruleFor(input.dataset.field));
    if (result.error) {
      const show = () => showFieldError(input, result.error);
      if (immediate) show();
      else timers.set(input, setTimeout(show, MESSAGE_DELAY_MS));
      return;
    }
    showFieldError(input, null);
    onValue(input.dataset.field, Number(input.dataset.index ?? 0), result.value)
      .catch((error) => showFieldError(input, error.message));
  };
  const field = (event) => event.target.matches("input[data-field]");
  form.addEventListener("input", (event) => field(event) && check(event.target, false));
  form.addEventListener("change", (event) => field(event) && check(event.target, true));
  form.addEventListener("submit", (event) => event.preventDefault());
}

/** Show `message` next to the field (null clears it). */
export function showFieldError(input, message) {
  const box = document.getElementById(`${input.id.replace(/-input$/, "")}-msg`);
  if (message) {
    input.setAttribute("aria-invalid", "true");
    box.textContent = message;
    box.hidden = false;
  } else {
    input.removeAttribute("aria-invalid");
    box.textContent = "";
    box.hidden = true;
  }
}

/** Put the UI state's values into the fields, leaving alone a field whose text already means that
 * value and the field the learner is typing in: a frame that arrives mid-word (a Play step, the
 * reply to the last edit) must not put back the old value under their cursor. Their text is
 * applied or refused by its own input and change events. */
export function syncFields(form, state, ruleFor) {
  for (const input of form.querySelectorAll("input[data-field]")) {
    const value = state[input.dataset.field];
    const wanted = Array.isArray(value) ? value[Number(input.dataset.index ?? 0)] : value;
    const shown = parseNumber(input.value, ruleFor(input.dataset.field));
    const beingTyped = document.activeElement === input;
    if (shown.value !== wanted && !beingTyped) {
      input.value = String(wanted);
      showFieldError(input, null);
    }
  }
}
