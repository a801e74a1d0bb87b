// Which layer of weights the weights and updates tables show, and the picker that chooses it. A
// deep network (two hidden layers or more) can show one layer of weights at a time: past ALL_UP_TO
// weights and biases it does so unless the learner asks for all (six hidden layers of eight are 418
// rows, which nobody reads at once and which cost every step its layout). Shallower networks always
// show every layer. Both tables follow the one choice in the UI state (state.table_layer).
import { layerName } from "../core/network-geometry.js";

export const ALL_UP_TO = 120; // weights and biases shown together by default

/** Weights and biases of a network with these layer sizes. */
export function parameterCount(layers, bias) {
  let count = 0;
  for (let l = 0; l + 1 < layers.length; l += 1) count += layerParameters(layers, bias, l);
  return count;
}

/** Weights (and biases) of layer of weights l: a row per receiving neuron, a column per sender. */
function layerParameters(layers, bias, l) {
  return layers[l + 1] * (layers[l] + Number(bias));
}

/** Whether the network's tables can show one layer at a time (two hidden layers or more). */
export function pickable(layers) {
  return layers.length > 3;
}

/**
 * The layer of weights to show (0 = inputs → first hidden), or null for all. choice: the state's
 * table_layer, "all", a layer index, or null for the default; an index the network lacks falls
 * back to the default.
 */
export function shownLayer(choice, layers, bias) {
  if (!pickable(layers) || choice === "all") return null;
  if (Number.isInteger(choice) && choice >= 0 && choice < layers.length - 1) return choice;
  return parameterCount(layers, bias) > ALL_UP_TO ? 0 : null;
}

/** A layer's name in the tables' group titles: "Inputs", "Hidden" (H1, H2 … with several),
 * "Outputs" (network-geometry.js layerName). */
export function groupLabel(layers, l) {
  return layerName(layers, l, "group");
}

/** Hides every layer group of `table` but `layer`'s (null: shows all). */
export function showGroups(table, layer) {
  for (const group of table.tBodies) {
    if (!group.dataset.layer) continue;
    const hidden = layer !== null && group.dataset.layer !== String(layer);
    if (group.hidden !== hidden) group.hidden = hidden;
  }
}

/**
 * The picker in `box`: "All layers (N)" and one option per layer of weights ("H2 → H3 (72)"),
 * hidden when the network has no choice to make or its table nothing to show (offered: false).
 * onPick(choice) gets "all" or a layer index.
 */
export function renderPicker(box, { layers, bias, shown, onPick, offered = true }) {
  box.hidden = !offered || !pickable(layers);
  if (box.hidden) return;
  const shape = `${layers.join("-")}${bias ? "+b" : ""}`;
  let select = box.querySelector("select");
  if (!select || box.dataset.shape !== shape) {
    select = buildPicker(box, layers, bias, onPick);
    box.dataset.shape = shape;
  }
  const value = shown === null ? "all" : String(shown);
  if (select.value !== value) select.value = value;
}

function buildPicker(box, layers, bias, onPick) {
  const select = document.createElement("select");
  select.id = `${box.id}-select`;
  const label = document.createElement("label");
  label.htmlFor = select.id;
  label.textContent = "Show";
  const count = (n) => `${n} ${bias ? "weights and biases" : "weights"}`;
  select.append(new Option(`All layers (${count(parameterCount(layers, bias))})`, "all"));
  for (let l = 0; l + 1 < layers.length; l += 1) {
    const size = count(layerParameters(layers, bias, l));
    select.append(new Option(`${groupLabel(layers, l)} → ${groupLabel(layers, l + 1)} (${size})`,
      String(l)));
  }
  select.addEventListener("change",
    () => onPick(select.value === "all" ? "all" : Number(select.value)));
  box.replaceChildren(label, select);
  return select;
}
