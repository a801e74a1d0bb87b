// Opening, refreshing and closing the chain-rule receipt: a click, tap or Enter on anything that
// shows a weight (a connection, a weights-table cell, an updates row) opens it for that weight; it
// follows every step while open; its form edits the weight as an event. Wiring only.
import { render as renderReceipt } from "./view.js";
import { activationsOf } from "../core/architecture.js";
import { parseNumber, numberRule } from "../core/validate.js";
import { showFieldError } from "../core/values-form.js";
import { parseBiasKey } from "../core/network-geometry.js";

/** lab: {explain, editWeight}; getView(): the view on screen. Returns {refresh} for after each show. */
export function watchReceipt(root, box, lab, getView) {
  let key = null;
  let opener = null; // the element that opened the receipt gets the focus back on Close
  const open = async (next, from) => {
    key = next;
    opener = from;
    await refresh();
    box.querySelector("#weight-input").value = String(Number(weightOf(getView().frame, key).toPrecision(6)));
    showFieldError(box.querySelector("#weight-input"), null);
  };
  async function refresh() {
    const view = getView();
    if (key === null || !view) return;
    const [layer, to, from] = key.split("-").map(Number);
    const explain = await lab.explain(layer, to, from);
    const activation = activationsOf(view.frame, view.description.activations)[layer];
    renderReceipt(box, { explain, frame: view.frame, optimizer: view.description.optimizers[view.frame.config.optimizer.name], activation });
  }
  root.addEventListener("click", (event) => {
    const target = event.target.closest("[data-edge]");
    if (target && !box.contains(target) && !parseBiasKey(target.dataset.edge)) open(target.dataset.edge, target);
  });
  root.addEventListener("keydown", (event) => {
    const target = event.target.closest?.("[data-edge]");
    if (event.key === "Enter" && target && !box.contains(target) && !parseBiasKey(target.dataset.edge)) {
      event.preventDefault();
      open(target.dataset.edge, target).then(() => box.querySelector(".receipt-title").focus());
    }
  });
  box.querySelector("#receipt-close").addEventListener("click", () => {
    const last = key;
    key = null;
    box.hidden = true;
    const back = opener?.isConnected ? opener : root.querySelector(`[data-edge="${last}"][tabindex]`);
    back?.focus();
  });
  box.querySelector("#weight-edit").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = box.querySelector("#weight-input");
    const description = getView().description;
    const parsed = parseNumber(input.value, numberRule(description.fields.weights));
    if (parsed.error) return showFieldError(input, parsed.error);
    const [layer, to, from] = key.split("-").map(Number);
    return lab.editWeight(layer, to, from, parsed.value)
      .then(() => showFieldError(input, null), (error) => showFieldError(input, error.message));
  });
  return { refresh: () => (key === null ? Promise.resolve() : refresh()) };
}

function weightOf(frame, key) {
  const [layer, to, from] = key.split("-").map(Number);
  return frame.weights[layer][to][from];
}
