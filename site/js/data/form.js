// The Data card's controller: the data set choice (the spec's one example, the engine's generators,
// or the learner's own CSV rows), its sample count, noise and seed, the mini-batch size and the
// sample the drawing shows. It checks what is typed, shows messages where it was typed, and hands
// every change to window.backpropLab.setState; it changes no state itself. sync(view) mirrors the
// state into the fields. Names, defaults and limits come from the engine's describe().
import { parseNumber, numberRule } from "../core/validate.js";
import { parseCsv, toCsv } from "./csv.js";
import { setText } from "../core/keyed-cells.js";

const byId = (id) => document.getElementById(id);
let editingRows = false; // "Your own rows" chosen, its rows not yet used: the editor stays open
const SETTINGS = [
  ["n", "dataset-n-input", "dataset_n"],
  ["noise", "dataset-noise-input", "dataset_noise"],
  ["seed", "dataset-seed-input", "dataset_seed"],
];

/**
 * Wire the card. api: window.backpropLab; description: describe(); current(): the view on screen.
 */
export function watchDataForm({ api, description, current }) {
  const select = byId("dataset-select");
  fillChoices(select, description);
  const apply = (partial, box) => applyData(api, description, current, partial, box);
  select.addEventListener("change", () => chooseDataset(select.value, description, current, apply));
  for (const [, id] of SETTINGS) {
    byId(id).addEventListener("change", () => applyGenerator(description, current, apply));
  }
  byId("batch-input").addEventListener("change", () => applyBatch(description, current, api));
  byId("sample-input").addEventListener("change", () => pickTyped(api, current));
  byId("sample-prev").addEventListener("click", () => pickSample(api, current, -1));
  byId("sample-next").addEventListener("click", () => pickSample(api, current, +1));
  byId("csv-apply").addEventListener("click", () => applyCsv(description, current, apply));
  byId("csv-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    event.target.value = ""; // the same file may be chosen again after a fix
    if (!file) return;
    byId("csv-input").value = await file.text();
    applyCsv(description, current, apply);
  });
}

// The engine's data set that takes the learner's own rows (describe().datasets).
function rowsNameOf(description) {
  return Object.keys(description.datasets).find((name) => description.datasets[name].takes_rows);
}

function fillChoices(select, description) {
  const options = [["", "One example (the spec’s)"],
    ...Object.entries(description.datasets).map(([name, d]) => [name, d.label])];
  select.replaceChildren(...options.map(([value, label]) => new Option(label, value)));
}

// A new choice: a generator starts at its own defaults; "Your own rows" waits for rows.
function chooseDataset(name, description, current, apply) {
  message("dataset-msg", null);
  const rowsName = rowsNameOf(description);
  editingRows = name === rowsName;
  if (name === "") return apply({ dataset: null }, "dataset-msg");
  if (name === rowsName) {
    showGroups(name, rowsName);
    const rows = current().state.dataset?.rows;
    byId("csv-input").value = rows ? toCsv(rows) : "";
    byId("csv-input").focus();
    return null;
  }
  const defaults = description.datasets[name].defaults;
  for (const [key, id] of SETTINGS) byId(id).value = String(defaults[key]);
  return apply({ dataset: { name, ...defaults } }, "dataset-msg");
}

function applyGenerator(description, current, apply) {
  const dataset = { name: byId("dataset-select").value };
  for (const [key, id, rule] of SETTINGS) {
    const result = parseNumber(byId(id).value, numberRule(description.fields[rule]));
    fieldMessage(id, result.error);
    if (result.error) return null;
    dataset[key] = result.value;
  }
  return apply({ dataset }, "dataset-msg");
}

function applyCsv(description, current, apply) {
  const layers = current().state.layers;
  const shape = { inputs: layers[0], outputs: layers[layers.length - 1] };
  const rules = {
    value: numberRule(description.fields.inputs), maxRows: description.fields.dataset_n.max,
  };
  const result = parseCsv(byId("csv-input").value, shape, rules);
  fieldMessage("csv-input", result.error);
  if (result.error) return null;
  const seed = current().state.dataset?.seed ?? 0;
  const dataset = { name: rowsNameOf(description), rows: result.value, seed };
  return apply({ dataset }, "csv-input-msg");
}

/**
 * A new data set: a new run from the first sample, keeping the mini-batch size when it still fits.
 * A generator fixes the inputs and outputs: layers that do not fit are changed to fit, and said so.
 */
async function applyData(api, description, current, partial, box) {
  const { state, frame } = current();
  const before = [...state.layers]; // the state changes in place once the run starts
  const batch = frame.config.batch_size ?? null; // the batch size in force (none without data)
  const next = { ...partial };
  const fit = fittedLayers(partial.dataset, state.layers, description);
  if (fit) next.layers = fit;
  if (partial.dataset) {
    next.sample = 0;
    next.batch_size = batch !== null && batch <= rowCount(partial.dataset) ? batch : null;
  }
  try {
    await api.setState(next);
    editingRows = false;
    byId("dataset-note").textContent = fit
      ? layersNote(partial.dataset, before, fit, description)
      : "";
    message(box, null);
  } catch (error) {
    message(box, `Nothing changed: ${error.message}`,
      box === "csv-input-msg" ? byId("csv-input") : null);
    byId("dataset-select").value = state.dataset?.name ?? "";
  }
}

function fittedLayers(dataset, layers, description) {
  const spec = dataset ? description.datasets[dataset.name] : null;
  if (!spec || spec.inputs === null) return null;
  if (layers[0] === spec.inputs && layers[layers.length - 1] === spec.outputs) return null;
  return [spec.inputs, ...layers.slice(1, -1), spec.outputs];
}

function layersNote(dataset, before, after, description) {
  const spec = description.datasets[dataset.name];
  return `${spec.label} has ${spec.inputs} inputs and ${spec.outputs} output per row, ` +
    `so the network changed from ${before.join("-")} to ${after.join("-")}.`;
}

function rowCount(dataset) {
  return dataset.rows ? dataset.rows.X.length : dataset.n;
}

function applyBatch(description, current, api) {
  const text = byId("batch-input").value.trim();
  const rule = { ...numberRule(description.fields.batch_size), max: current().points?.X.length };
  const result = text === "" ? { value: null } : parseNumber(text, rule);
  fieldMessage("batch-input", result.error);
  if (result.error) return;
  api.setState({ batch_size: result.value })
    .catch((error) => fieldMessage("batch-input", error.message));
}

// The sample field counts rows from 1, as a person does; the state's `sample` counts from 0.
function pickTyped(api, current) {
  const count = current().points?.X.length ?? 1;
  const result = parseNumber(byId("sample-input").value, { integer: true, min: 1, max: count });
  fieldMessage("sample-input", result.error);
  if (!result.error) {
    api.setState({ sample: result.value - 1 })
      .catch((error) => fieldMessage("sample-input", error.message));
  }
}

function pickSample(api, current, by) {
  const { state, points } = current();
  const count = points?.X.length ?? 1;
  fieldMessage("sample-input", null);
  api.setState({ sample: (state.sample + by + count) % count })
    .catch((error) => fieldMessage("sample-input", error.message));
}

let synced = {}; // what the card last showed: a message goes once its value changed elsewhere

/** Mirror the state into the card: the choice, its settings, the batch size and the sample. */
export function syncDataForm({ state, points, frame, description }) {
  const rowsName = rowsNameOf(description);
  const dataset = frame.config.dataset; // the engine's, with every setting filled in
  const batch = frame.config.batch_size ?? null;
  const now = { dataset: JSON.stringify(dataset), batch, sample: state.sample };
  // changed elsewhere
  if (now.dataset !== synced.dataset && synced.dataset !== undefined) editingRows = false;
  if (now.dataset !== synced.dataset) SETTINGS.forEach(([, id]) => fieldMessage(id, null));
  if (now.dataset !== synced.dataset || now.batch !== synced.batch) {
    fieldMessage("batch-input", null);
  }
  if (now.dataset !== synced.dataset || now.sample !== synced.sample) {
    fieldMessage("sample-input", null);
  }
  synced = now;
  const select = byId("dataset-select");
  const chosenRows = editingRows && dataset?.name !== rowsName;
  if (!chosenRows) select.value = dataset?.name ?? "";
  showGroups(chosenRows ? rowsName : dataset?.name ?? "", rowsName);
  if (dataset && dataset.name !== rowsName) {
    for (const [key, id] of SETTINGS) keepOrSet(byId(id), String(dataset[key]));
  }
  if (dataset?.name === rowsName) keepOrSet(byId("csv-input"), toCsv(dataset.rows));
  keepOrSet(byId("batch-input"), batch === null ? "" : String(batch));
  const count = points?.X.length ?? 1;
  keepOrSet(byId("sample-input"), String(state.sample + 1));
  setIfChanged(byId("sample-input"), "max", String(count));
  setText(byId("sample-count"), `of ${count}`);
  // The one example's fields mean nothing while a data set gives the examples.
  const exampleFields = '#values-form [data-field="inputs"], #values-form [data-field="targets"]';
  for (const input of document.querySelectorAll(exampleFields)) {
    setIfChanged(input, "disabled", Boolean(dataset));
    if (dataset) setIfChanged(input, "value", "");
    setIfChanged(input, "placeholder", dataset ? "from the data" : "");
  }
}

// Every step shows the form again: a property written only when it changes costs no style work.
function setIfChanged(element, property, value) {
  if (element[property] !== value) element[property] = value;
}

function showGroups(name, rowsName) {
  byId("generator-fields").hidden = name === "" || name === rowsName;
  byId("custom-fields").hidden = name !== rowsName;
  byId("batch-fields").hidden = name === "";
}

// A field being typed in, or showing a message, keeps its text.
function keepOrSet(input, text) {
  if (document.activeElement === input || input.getAttribute("aria-invalid") === "true") return;
  if (input.value !== text) input.value = text;
}

function fieldMessage(id, text) {
  const input = byId(id);
  if (text) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
  message(`${id}-msg`, text);
}

function message(id, text, input = null) {
  const box = byId(id);
  box.hidden = !text;
  box.textContent = text ?? "";
  if (input) input.setAttribute("aria-invalid", "true");
}
