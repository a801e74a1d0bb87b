// Renders the engine's load progress, load failure and restart notice into the #load section.
// Knows nothing about Pyodide or the engine: it draws a {phase, label, fraction, error, notice}
// record.

export function render(container, load) {
  const status = container.querySelector("#load-status");
  const panel = container.querySelector("#load-error");
  status.dataset.phase = load.phase;
  status.hidden = load.phase === "ready" || Boolean(load.error);
  container.querySelector("#load-progress").value = load.fraction ?? 0;
  container.querySelector("#load-label").textContent = load.label ?? "";
  panel.hidden = !load.error;
  const notice = container.querySelector("#engine-notice");
  notice.hidden = !load.notice;
  notice.textContent = load.notice ?? "";
  if (load.error) {
    container.querySelector("#load-error-reason").textContent = describeError(load.error);
  }
}

export function describeError(error) {
  const name = error?.name && error.name !== "Error" ? `${error.name}: ` : "";
  return `${name}${error?.message ?? String(error)}`;
}
