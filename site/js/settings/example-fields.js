// The example's fields in the values form follow the network's size: one "Input xᵢ" per input and
// one target per output ("Target t", or t₁ and t₂). Rebuilt only when a count changes; the
// values form (values-form.js) validates and syncs them like any other field.

const SUB = ["₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"];

/**
 * Make `fieldset` hold `inputs` input fields and `targets` target fields, before the other fields.
 */
export function fitExampleFields(fieldset, inputs, targets) {
  const current = (kind) => fieldset.querySelectorAll(`input[data-field="${kind}"]`).length;
  if (current("inputs") === inputs && current("targets") === targets) return;
  const focused = fieldset.contains(document.activeElement) ? document.activeElement.id : null;
  const selector = 'input[data-field="inputs"], input[data-field="targets"]';
  for (const input of fieldset.querySelectorAll(selector)) {
    input.closest(".field").remove();
  }
  const fields = [];
  for (let i = 0; i < inputs; i += 1) {
    fields.push(field(`x${i + 1}`, `Input x${SUB[i]}`, "inputs", i));
  }
  for (let i = 0; i < targets; i += 1) {
    const single = targets === 1;
    fields.push(field(single ? "t" : `t${i + 1}`, single ? "Target t" : `Target t${SUB[i]}`,
      "targets", i));
  }
  fieldset.querySelector("legend").after(...fields);
  if (focused) document.getElementById(focused)?.focus();
}

function field(base, text, kind, index) {
  const wrap = document.createElement("div");
  wrap.className = "field";
  const label = document.createElement("label");
  label.htmlFor = `${base}-input`;
  label.textContent = text;
  const input = document.createElement("input");
  Object.assign(input, {
    id: `${base}-input`, name: base, type: "text", inputMode: "decimal", autocomplete: "off",
  });
  input.spellcheck = false;
  input.dataset.field = kind;
  input.dataset.index = String(index);
  input.setAttribute("aria-describedby", `${base}-msg`);
  const msg = document.createElement("p");
  msg.id = `${base}-msg`;
  msg.className = "field-msg";
  msg.hidden = true;
  wrap.append(label, input, msg);
  return wrap;
}
