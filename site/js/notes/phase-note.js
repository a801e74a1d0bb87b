// The sentence above the drawing on what the chosen phase shows: the forward pass, the backward
// pass (for one example or a batch mean), or the update under the optimizer in force, with its
// rule as the engine names it (describe().optimizers).

const NOTES = {
  forward: ({ bias }) => "Forward pass: each neuron adds up its weighted inputs, " +
    `z = Σ w·a${bias ? " + b" : ""}, and passes on a = f(z), shown in its circle.`,
  backward: ({ bias, dataset }) => (dataset ? batchBackward(bias) : exampleBackward(bias)),
  update: ({ bias, optimizer }) => "Update: each connection shows the change Δw the next step " +
    `makes${bias ? " (each b its Δb)" : ""} (${optimizer.label}: ${optimizer.rule}).`,
};

function exampleBackward(bias) {
  return "Backward pass: the error flows from the output back to the inputs. Circles show " +
    "δ = ∂L/∂z, each neuron's error signal; each connection's gradient is " +
    `∂L/∂w = δ(to)·a(from)${bias ? ", each bias's ∂L/∂b = δ" : ""}.`;
}

function batchBackward(bias) {
  return "Backward pass: the error flows from the output back to the inputs. Circles show the " +
    "drawn sample's δ = ∂L/∂z (its error signal); each connection shows the gradient the update " +
    "uses, the mean of δ(to)·a(from) over the rows of the next batch" +
    `${bias ? " (each bias: the mean of δ)" : ""}, so it is not the product of the two circles.`;
}

/**
 * data: {phase: "forward" | "backward" | "update", optimizer: describe().optimizers[name],
 * bias: the network has biases, dataset: the run trains on a data set}.
 */
export function render(box, { phase, optimizer, bias, dataset }) {
  box.textContent = NOTES[phase]({ optimizer, bias, dataset });
}
