// The Training values form (the example's inputs and target, the learning rate): each field is
// checked by its UI-state property's engine rule (state.js PROPS → describe().fields); a valid
// edit goes to window.backpropLab.setState, a refused one is named beside the field.
import { PROPS } from "../state/state.js";
import { numberRule } from "../core/validate.js";
import { syncFields, watchFields } from "../core/values-form.js";

/** The rule of each field, from the engine's description: ruleFor(description)(field). */
export function ruleFor(description) {
  return (field) => numberRule(description.fields[PROPS.find((prop) => prop.name === field).rule]);
}

/** Mirror the view's UI state into the form's fields. */
export function syncValuesForm(form, { state, description }) {
  syncFields(form, state, ruleFor(description));
}

/** api: window.backpropLab; getView(): the view on screen (the fields wait for it, disabled). */
export function watchValuesForm(form, api, getView) {
  const rule = (field) => ruleFor(getView().description)(field);
  watchFields(form, rule, (field, index, value) => {
    const { state } = getView();
    const partial = field === "inputs" || field === "targets"
      ? { [field]: state[field].map((v, i) => (i === index ? value : v)) }
      : { [field]: value };
    return api.setState(partial);
  });
}
