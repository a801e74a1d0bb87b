// The note on where this run's weights came from: a seed, the spec's example weights or a link's
// own, with a link back to the spec's example unless the page shows exactly it at step 0.

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** data: {frame, state: the UI state, description: describe()}; box holds #weights-origin and
 * #spec-link. */
export function render(box, { frame, state, description }) {
  const spec = description.presets.spec.config;
  const fromSpec = state.init_weights !== null && same(spec.weights, state.init_weights);
  box.querySelector("#weights-origin").textContent = originText(state, fromSpec);
  box.querySelector("#spec-link").hidden = fromSpec && isSpecAtStart(frame, spec);
}

function originText(state, fromSpec) {
  if (state.init_weights === null) {
    return `This run started from random weights drawn with seed ${state.seed}.`;
  }
  return fromSpec
    ? "This run started from the spec’s example weights."
    : "This run started from the weights given in the link.";
}

function isSpecAtStart(frame, spec) {
  return frame.step === 0 && same(frame.inputs, spec.inputs) && same(frame.targets, spec.targets) &&
    same(frame.config.optimizer, spec.optimizer) && same(frame.config.layers, spec.layers);
}
