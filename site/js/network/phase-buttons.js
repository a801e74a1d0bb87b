// The Forward / Backward / Update buttons above the drawing: the chosen phase is pressed. Clicks go
// to the lab's view options (main.js).

/** data: {phase}; group holds one button per phase (data-phase). */
export function render(group, { phase }) {
  for (const button of group.querySelectorAll("button[data-phase]")) {
    button.setAttribute("aria-pressed", String(button.dataset.phase === phase));
  }
}
