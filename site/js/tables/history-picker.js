// Choosing a Training History row to go back to: a click on a row, or, with the table focused,
// ↑/↓ to move a visible selection and Enter to go there. Reports the step; owns no drawing.

/** Listen under the history container; onPick(step) when a row is chosen. */
export function watchHistoryRows(container, onPick) {
  container.addEventListener("click", (event) => {
    const row = event.target.closest("tr.history-row");
    if (row) onPick(Number(row.dataset.step));
  });
  container.addEventListener("keydown", (event) => {
    const rows = [...container.querySelectorAll("tr.history-row")];
    if (!rows.length) return;
    const current = rows.findIndex((row) => row.classList.contains("is-selected"));
    const moves = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity };
    if (event.key in moves) {
      event.preventDefault();
      const wanted = (current < 0 ? -1 : current) + moves[event.key];
      const next = Math.max(0, Math.min(rows.length - 1, wanted));
      select(container, rows[Number.isFinite(next) ? next : 0]);
    } else if (event.key === "Enter" && current >= 0) {
      event.preventDefault();
      onPick(Number(rows[current].dataset.step));
    }
  });
}

// The choice is announced in words (the page's live region), since a table row has no selected
// state.
function select(container, row) {
  for (const old of container.querySelectorAll("tr.is-selected")) {
    old.classList.remove("is-selected");
  }
  row.classList.add("is-selected");
  row.scrollIntoView({ block: "nearest" });
  const live = document.getElementById("live-status");
  if (live) live.textContent = `Step ${row.dataset.step} chosen: press Enter to go back to it.`;
}
