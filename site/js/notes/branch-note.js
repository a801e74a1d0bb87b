// After going back in time: where the learner is, and what happened to the later steps (drawn
// dashed on the chart until the next seek or a new run). Hidden otherwise.

/** data: {branch: {from, rows} the branch left, or null; step: the step on screen}. */
export function render(box, { branch, step }) {
  box.hidden = !branch;
  if (!branch) return;
  const last = branch.rows[branch.rows.length - 1].step;
  box.textContent = `You went back to step ${branch.from}. The steps after it, up to ${last}, ` +
    `are drawn dashed on the chart; stepping on from step ${step} starts a new branch.`;
}
