// The Training History card's files: the history as CSV, the whole state as JSON, and a state file
// read back (a bad file changes nothing and says why; a good one starts a run from the weights it
// holds). Through window.backpropLab only; the formats are state/export-import.js's.
import { historyCsv, readStateDocument, stateDocument } from "../state/export-import.js";

const byId = (id) => document.getElementById(id);

/** api: window.backpropLab (getState, setState). */
export function watchHistoryFiles(api) {
  byId("csv-btn").addEventListener("click", () => {
    const { history, step } = api.getState();
    save(historyCsv(history), "text/csv", `backprop-lab-history-step-${step}.csv`);
  });
  byId("json-btn").addEventListener("click", () => {
    const publicState = api.getState();
    const text = JSON.stringify(stateDocument(publicState), null, 1);
    save(text, "application/json", `backprop-lab-state-step-${publicState.step}.json`);
  });
  byId("import-input").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    event.target.value = ""; // the same file may be chosen again after a fix
    if (file) showImport(await importState(api, await file.text()));
  });
}

function save(text, type, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// null when the file was used, else why not.
async function importState(api, text) {
  const doc = readStateDocument(text);
  if (doc.error) return doc.error;
  try {
    await api.setState(doc.value);
    return null;
  } catch (error) {
    return `This state file cannot be used: ${error.message}`;
  }
}

function showImport(error) {
  const box = byId("import-msg");
  box.hidden = !error;
  box.textContent = error ?? "";
}
