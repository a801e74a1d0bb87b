// The legend under the drawing: what colour and thickness mean in the chosen phase (a weight, its
// gradient or its change). The inactive-neuron entry follows the network (settings/wiring.js).

const LEGENDS = {
  forward: ["positive weight", "negative weight", "thickness ∝ |w|"],
  backward: ["positive ∂L/∂w", "negative ∂L/∂w", "thickness ∝ |∂L/∂w|"],
  update: ["Δw > 0: w will increase", "Δw < 0: w will decrease", "thickness ∝ |Δw|"],
};
const ENTRIES = ["#legend-pos", "#legend-neg", "#legend-width"];

/** data: {phase}; list holds #legend-pos, #legend-neg and #legend-width. */
export function render(list, { phase }) {
  ENTRIES.forEach((selector, i) => {
    list.querySelector(selector).textContent = LEGENDS[phase][i];
  });
}
