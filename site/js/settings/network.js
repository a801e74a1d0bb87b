// The "Network settings" editor: layer sizes with +/− buttons (limits from architecture.js), each
// hidden layer's activation, the output activation, biases on/off and the loss. Every choice goes
// through `apply` (window.backpropLab.setState); a refused one is explained beside its control.
// Names and formulas are the engine's (describe()), and so is each layer's activation
// (frame.activations); nothing here knows the maths.
import {
  canChange, changeLayers, editorLimits, neuronButtonNames, sameNames,
} from "../core/architecture.js";
import { layerName } from "../core/network-geometry.js";

/** data: {frame: the engine's frame, description: describe()}. Builds once per shape. */
export function render(container, { frame, description }) {
  const layers = frame.config.layers;
  const shape = `${layers.join("-")}`;
  if (container.dataset.shape !== shape) {
    const focused = container.contains(document.activeElement)
      ? document.activeElement.dataset.control
      : null;
    container.replaceChildren(...build(layers, description));
    container.dataset.shape = shape;
    if (focused) focusControl(container, focused, layers);
  }
  update(container, frame, description);
}

// After a rebuild the focus stays on the control the learner used (or its layer's other button).
function focusControl(container, name, layers) {
  const control = container.querySelector(`[data-control="${name}"]`);
  if (control && !control.disabled) return control.focus();
  const other = name.startsWith("add")
    ? name.replace("add", "remove")
    : name.replace("remove", "add");
  const fallback = container.querySelector(`[data-control="${other}"]`) ??
    container.querySelector("[data-control]");
  fallback?.focus();
  return layers;
}

function make(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

function build(layers, description) {
  const list = make("ol", { class: "arch-layers", "aria-label": "Layers, from inputs to outputs" });
  layers.forEach((n, l) => list.append(layerRow(layers, l, description)));
  const depth = make("div", { class: "arch-depth" });
  depth.append(
    make("button", {
      type: "button", class: "btn btn--small", "data-control": "add-hidden",
      "data-kind": "add-hidden",
    }, "Add hidden layer"),
    make("button", {
      type: "button", class: "btn btn--small", "data-control": "remove-hidden",
      "data-kind": "remove-hidden",
    }, "Remove hidden layer"),
  );
  return [list, depth, make("p", { id: "arch-msg", class: "field-msg", role: "alert", hidden: "" }),
    checkboxRow("bias-input", "Biases (b in z = Σ w·a + b)", "bias"), lossRow(description)];
}

function layerRow(layers, l, description) {
  const row = make("li", { class: "arch-layer", "data-layer": String(l) });
  const names = neuronButtonNames(layers, l);
  const label = layerName(layers, l);
  const count = make("span", { class: "arch-count", id: `arch-count-${l}` });
  row.append(make("span", { class: "arch-name" }, label), count,
    make("button", {
      type: "button", class: "btn btn--small arch-btn", "aria-label": names.remove,
      title: names.remove, "data-control": `remove-${l}`, "data-kind": "remove-neuron",
      "data-layer": String(l),
    }, "−"),
    make("button", {
      type: "button", class: "btn btn--small arch-btn", "aria-label": names.add, title: names.add,
      "data-control": `add-${l}`, "data-kind": "add-neuron", "data-layer": String(l),
    }, "+"));
  if (l > 0) row.append(activationSelect(layers, l, description));
  return row;
}

function activationSelect(layers, l, description) {
  const id = `activation-${l}`;
  const output = l === layers.length - 1;
  const name = output ? layerName(layers, l, "column") : layerName(layers, l);
  const label = make("label", { for: id, class: "visually-hidden" }, `${name} activation`);
  const select = make("select",
    { id, "data-control": id, "data-activation": output ? "output" : String(l - 1) });
  const field = description.fields[output ? "output_activation" : "hidden_activation"];
  for (const name of field.choices) {
    select.append(make("option", { value: name }, description.activations[name].label));
  }
  const wrap = make("span", { class: "arch-activation" });
  wrap.append(label, select);
  return wrap;
}

function checkboxRow(id, text, control) {
  const row = make("div", { class: "check-row" });
  row.append(make("input", { type: "checkbox", id, "data-control": control }),
    make("label", { for: id }, text));
  return row;
}

function lossRow(description) {
  const row = make("div", { class: "setting-row" });
  const select = make("select",
    { id: "loss-select", "data-control": "loss", "aria-describedby": "loss-msg" });
  for (const name of description.fields.loss.choices) {
    select.append(make("option", { value: name }, description.losses[name].label));
  }
  row.append(make("label", { for: "loss-select" }, "Loss"), select,
    make("p", { id: "loss-msg", class: "field-msg", role: "alert", hidden: "" }));
  return row;
}

function update(container, frame, description) {
  const { config } = frame;
  const layers = config.layers;
  const limits = editorLimits(description.fields.layers);
  layers.forEach((n, l) => {
    container.querySelector(`#arch-count-${l}`).textContent = countText(layers, l, n);
  });
  for (const button of container.querySelectorAll("button[data-kind]")) {
    button.disabled = !canChange(layers, actionOf(button), limits);
  }
  for (const select of container.querySelectorAll("select[data-activation]")) {
    const which = select.dataset.activation;
    select.value = frame.activations[which === "output" ? layers.length - 2 : Number(which)];
  }
  container.querySelector("#bias-input").checked = config.bias;
  container.querySelector("#loss-select").value = config.loss;
}

function countText(layers, l, n) {
  const unit = layerName(layers, l, "unit");
  return n === 1 ? `1 ${unit}` : `${n} ${unit}s`;
}

function actionOf(button) {
  return { kind: button.dataset.kind, layer: Number(button.dataset.layer) };
}

/**
 * Wire the editor: apply(partial) -> Promise (window.backpropLab.setState); getView() -> {frame,
 * description} on screen. A change of shape keeps the example when its sizes still fit.
 */
export function watch(container, apply, getView) {
  const report = (id, error) => {
    const box = container.querySelector(`#${id}`);
    box.hidden = !error;
    box.textContent = error ? error.message ?? error : "";
  };
  // Quick clicks queue: each one changes the layers the one before it left, not the ones on screen.
  let queue = Promise.resolve();
  container.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-kind]");
    if (!button || !getView()) return;
    const action = actionOf(button);
    queue = queue.then(() => {
      const view = getView();
      const limits = editorLimits(view.description.fields.layers);
      const next = changeLayers(view.frame.config.layers, action, limits);
      if (!next) return null;
      report("arch-msg", null);
      return apply(shapeChange(view.frame, next)).catch((error) => report("arch-msg", error));
    });
  });
  container.addEventListener("change", (event) => {
    const view = getView();
    if (!view) return;
    const target = event.target;
    const { config } = view.frame;
    if (target.dataset.activation) {
      changeActivation(target, view, apply, report);
    } else if (target.id === "bias-input") {
      apply({ bias: target.checked }).catch((error) => report("arch-msg", error));
    } else if (target.id === "loss-select") {
      changeLoss(target, config, view.description, apply, report);
    }
  });
}

// New layer sizes as one setState: the example kept while its counts fit (setState's own fit,
// state.js fitToLayers, moves the per-layer activations with the layers added or removed).
function shapeChange(frame, next) {
  const { config } = frame;
  const partial = { layers: next };
  if (config.dataset) return partial;
  if (next[0] === config.layers[0]) partial.inputs = frame.inputs;
  if (next.at(-1) === config.layers.at(-1)) partial.targets = frame.targets;
  return partial;
}

function changeActivation(select, view, apply, report) {
  const { config, activations } = view.frame;
  const hidden = activations.slice(0, -1)
    .map((name, k) => (k === Number(select.dataset.activation) ? select.value : name));
  const partial = select.dataset.activation === "output" ? { output_activation: select.value }
    : { hidden_activation: sameNames(hidden, view.description.defaults.hidden_activation) };
  const needs = view.description.losses[config.loss].needs_output;
  if ("output_activation" in partial && needs && select.value !== needs) {
    select.value = config.output_activation;
    return report("loss-msg", `${view.description.losses[config.loss].label} needs a ` +
      `${view.description.activations[needs].label} output (ŷ between 0 and 1); ` +
      "choose another loss first.");
  }
  report("arch-msg", null);
  report("loss-msg", null);
  return apply(partial).catch((error) => report("arch-msg", error));
}

// Binary cross-entropy only makes sense for outputs in (0, 1): the engine asks for a sigmoid
// output.
function changeLoss(select, config, description, apply, report) {
  const needs = description.losses[select.value].needs_output;
  if (needs && config.output_activation !== needs) {
    const label = description.losses[select.value].label;
    const needed = description.activations[needs].label;
    report("loss-msg", `${label} needs a ${needed} output (ŷ between 0 and 1), ` +
      `and the output is ${description.activations[config.output_activation].label}: ` +
      `set the output activation to ${needed} first. ` +
      `The loss stays ${description.losses[config.loss].label}.`);
    select.value = config.loss;
    return null;
  }
  report("loss-msg", null);
  return apply({ loss: select.value }).catch((error) => {
    // the loss in force, with the engine's reason (e.g. targets outside [0, 1])
    select.value = config.loss;
    report("loss-msg", `Not applied: ${error.message}.`);
  });
}
