// The optimizer choice (names and rules from describe().optimizers) and the settings of the one in
// force, one field per number a setting holds, labelled, titled and checked as typed with the
// engine's own words and rules (describe().settings, .fields). A change is live: an event in the
// run's history, applied through `apply` (setState). Knows no optimizer or setting by name.
import { numberRule } from "../core/validate.js";
import { syncFields, watchFields } from "../core/values-form.js";
import { fieldsOf, settingChange } from "../core/optimizer-settings.js";

function make(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Build the select and the fields once (description: describe(); cards: the settings this card
 * shows, state.js cardFields). */
export function build(container, description, cards) {
  const select = make("select", { id: "optimizer-select", "aria-describedby": "optimizer-rule" });
  for (const name of description.fields.optimizer.choices) {
    select.append(make("option", { value: name }, description.optimizers[name].label));
  }
  const row = make("div", { class: "setting-row" });
  row.append(make("label", { for: "optimizer-select" }, "Optimizer"), select);
  const fields = make("div", { class: "values optimizer-fields" });
  fields.append(...cards.map(settingField));
  const rule = make("p", { id: "optimizer-rule", class: "field-note optimizer-rule" });
  const message = make("p", { id: "optimizer-msg", class: "field-msg", role: "alert", hidden: "" });
  container.replaceChildren(row, fields, rule, message);
}

function settingField({ name, label, title }) {
  const field = make("div", { class: "field", "data-setting": name });
  const labelled = make("label", { for: `${name}-input` }, label);
  if (title) labelled.title = title;
  field.append(labelled,
    make("input", { id: `${name}-input`, type: "text", inputmode: "decimal", autocomplete: "off",
      spellcheck: "false", "data-field": name, "aria-describedby": `${name}-msg` }),
    make("p", { id: `${name}-msg`, class: "field-msg", hidden: "" }));
  return field;
}

/** Show the optimizer in force, its rule and only its settings, with the state's values. */
export function render(container, { state, config, description }) {
  const name = config.optimizer.name;
  const select = container.querySelector("#optimizer-select");
  if (select.value !== name) select.value = name;
  const takes = fieldsOf(description, name).map((field) => field.name);
  for (const field of container.querySelectorAll("[data-setting]")) {
    field.hidden = !takes.includes(field.dataset.setting);
  }
  container.querySelector("#optimizer-rule").textContent = description.optimizers[name].rule;
  syncFields(container, state, (field) => ruleFor(description, field));
}

function ruleFor(description, field) {
  return numberRule(description.fields[field]);
}

/** Wire the select and the fields: apply(partial or state => partial) -> Promise; getView(): the
 * view on screen. */
export function watch(container, apply, getView) {
  const report = (error) => {
    const box = container.querySelector("#optimizer-msg");
    box.hidden = !error;
    box.textContent = error ? error.message : "";
  };
  container.addEventListener("change", (event) => {
    if (event.target.id !== "optimizer-select" || !getView()) return;
    report(null);
    // The state's settings go with it, each at the new optimizer's default unless one was chosen
    // (state/settings.js switchOptimizer).
    apply({ optimizer: { name: event.target.value } }).catch(report);
  });
  const rule = (field) => ruleFor(getView().description, field);
  watchFields(container, rule, (field, index, value) => {
    const { description } = getView();
    return apply((state) => settingChange(state, field, value, description));
  });
}
