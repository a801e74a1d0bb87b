// Renders the engine's load progress and load failure into the #load section.
// Knows nothing about Pyodide or the engine: it draws a {phase, label, fraction, error} record.

export function render(container, load) {
  const status = container.querySelector("#load-status");
  const panel = container.querySelector("#load-error");
  status.dataset.phase = load.phase;
  status.hidden = load.phase === "ready" || Boolean(load.error);
  container.querySelector("#load-progress").value = load.fraction ?? 0;
  container.querySelector("#load-label").textContent = load.label ?? "";
  panel.hidden = !load.error;
  if (load.error) {
    container.querySelector("#load-error-reason").textContent = describeError(load.error);
  }
}

export function describeError(error) {
  const name = error?.name && error.name !== "Error" ? `${error.name}: ` : "";
  return `${name}${error?.message ?? String(error)}`;
}
