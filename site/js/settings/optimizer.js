// The optimizer choice (names and rules from describe().optimizers) and the settings of the one in
// force (momentum; alpha, eps; beta1, beta2, eps), each validated as typed with the engine's field
// rule. A change is live: an event in the run's history, applied through `apply` (setState).
import { numberRule } from "../core/validate.js";
import { syncFields, watchFields } from "../core/values-form.js";

// Which setting fields each optimizer takes (the engine's settings, with betas as two fields).
const FIELDS = { momentum: ["momentum"], alpha: ["alpha"], beta1: ["betas"], beta2: ["betas"], eps: ["eps"] };
const LABELS = { momentum: "Momentum μ", alpha: "Smoothing α", beta1: "β₁ (mean)", beta2: "β₂ (square)", eps: "ε" };

function make(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Build the select and the fields once (description: describe()). */
export function build(container, description) {
  const select = make("select", { id: "optimizer-select", "aria-describedby": "optimizer-rule" });
  for (const name of description.fields.optimizer.choices) {
    select.append(make("option", { value: name }, description.optimizers[name].label));
  }
  const row = make("div", { class: "setting-row" });
  row.append(make("label", { for: "optimizer-select" }, "Optimizer"), select);
  const fields = make("div", { class: "values optimizer-fields" });
  for (const name of Object.keys(FIELDS)) {
    const field = make("div", { class: "field", "data-setting": name });
    field.append(make("label", { for: `${name}-input` }, LABELS[name]),
      make("input", { id: `${name}-input`, type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false",
        "data-field": name, "aria-describedby": `${name}-msg` }),
      make("p", { id: `${name}-msg`, class: "field-msg", hidden: "" }));
    fields.append(field);
  }
  const rule = make("p", { id: "optimizer-rule", class: "field-note optimizer-rule" });
  container.replaceChildren(row, fields, rule, make("p", { id: "optimizer-msg", class: "field-msg", role: "alert", hidden: "" }));
}

/** Show the optimizer in force, its rule and only its settings, with the state's values. */
export function render(container, { state, config, description }) {
  const name = config.optimizer.name;
  const select = container.querySelector("#optimizer-select");
  if (select.value !== name) select.value = name;
  const takes = Object.keys(description.optimizers[name].settings);
  for (const field of container.querySelectorAll("[data-setting]")) {
    field.hidden = !FIELDS[field.dataset.setting].some((key) => takes.includes(key));
  }
  container.querySelector("#optimizer-rule").textContent = description.optimizers[name].rule;
  syncFields(container, state, (field) => ruleFor(description, field));
}

function ruleFor(description, field) {
  return numberRule(description.fields[field]);
}

/** Wire the select and the fields: apply(partial) -> Promise; getView() -> the view on screen. */
export function watch(container, apply, getView) {
  const report = (error) => {
    const box = container.querySelector("#optimizer-msg");
    box.hidden = !error;
    box.textContent = error ? error.message : "";
  };
  container.addEventListener("change", (event) => {
    if (event.target.id !== "optimizer-select" || !getView()) return;
    report(null);
    // The state's settings for that optimizer go with it (state.js optimizerConfig).
    apply({ optimizer: { name: event.target.value } }).catch(report);
  });
  watchFields(container, (field) => ruleFor(getView().description, field), (field, index, value) => {
    const { state } = getView();
    const setting = field === "beta1" ? { betas: [value, state.beta2] }
      : field === "beta2" ? { betas: [state.beta1, value] } : { [field]: value };
    return apply({ optimizer: setting });
  });
}
