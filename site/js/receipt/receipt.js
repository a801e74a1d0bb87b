// Opening, refreshing and closing the chain-rule receipt: a click, tap or Enter on anything that
// shows a weight (a connection, a weights-table cell, an updates row) opens it for that weight; it
// follows every step while open; its form edits the weight as an event. Wiring only.
import { render as renderReceipt } from "./view.js";
import { activationsOf } from "../core/architecture.js";
import { parseNumber, numberRule } from "../core/validate.js";
import { showFieldError } from "../core/values-form.js";
import { parseBiasKey } from "../core/network-geometry.js";

/** lab: {explain, editWeight}; getView(): the view on screen. Returns {refresh}, for after each
 * new frame. */
export function watchReceipt(root, box, lab, getView) {
  const receipt = { root, box, lab, getView, key: null, opener: null };
  watchOpeners(receipt);
  box.querySelector("#receipt-close").addEventListener("click", () => close(receipt));
  box.querySelector("#weight-edit").addEventListener("submit", (event) => {
    event.preventDefault();
    editWeight(receipt);
  });
  return { refresh: () => (receipt.key === null ? Promise.resolve() : refresh(receipt)) };
}

// What opens it: a weight (never a bias) outside the receipt, clicked, tapped or given Enter.
function watchOpeners(receipt) {
  const { root, box } = receipt;
  const weightAt = (event) => {
    const target = event.target.closest?.("[data-edge]");
    const weight = target && !box.contains(target) && !parseBiasKey(target.dataset.edge);
    return weight ? target : null;
  };
  root.addEventListener("click", (event) => {
    const target = weightAt(event);
    if (target) open(receipt, target.dataset.edge, target);
  });
  root.addEventListener("keydown", (event) => {
    const target = event.key === "Enter" ? weightAt(event) : null;
    if (!target) return;
    event.preventDefault();
    const title = box.querySelector(".receipt-title");
    open(receipt, target.dataset.edge, target).then(() => title.focus());
  });
}

async function open(receipt, key, from) {
  receipt.key = key;
  receipt.opener = from; // the element that opened the receipt gets the focus back on Close
  await refresh(receipt);
  const input = receipt.box.querySelector("#weight-input");
  input.value = String(Number(weightOf(receipt.getView().frame, key).toPrecision(6)));
  showFieldError(input, null);
}

async function refresh({ key, lab, box, getView }) {
  const view = getView();
  if (key === null || !view) return;
  const [layer, to, from] = key.split("-").map(Number);
  const explain = await lab.explain(layer, to, from);
  const { frame, description } = view;
  const activation = activationsOf(frame, description.activations)[layer];
  const optimizer = description.optimizers[frame.config.optimizer.name];
  renderReceipt(box, { explain, frame, optimizer, activation });
}

function close(receipt) {
  const { root, box, key, opener } = receipt;
  receipt.key = null;
  box.hidden = true;
  const back = opener?.isConnected ? opener : root.querySelector(`[data-edge="${key}"][tabindex]`);
  back?.focus();
}

function editWeight({ box, key, lab, getView }) {
  const input = box.querySelector("#weight-input");
  const description = getView().description;
  const parsed = parseNumber(input.value, numberRule(description.fields.weights));
  if (parsed.error) return showFieldError(input, parsed.error);
  const [layer, to, from] = key.split("-").map(Number);
  return lab.editWeight(layer, to, from, parsed.value)
    .then(() => showFieldError(input, null), (error) => showFieldError(input, error.message));
}

function weightOf(frame, key) {
  const [layer, to, from] = key.split("-").map(Number);
  return frame.weights[layer][to][from];
}
