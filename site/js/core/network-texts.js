// Words about the network in force, from the engine's names and formulas (describe()) and its
// frame (one activation per layer): the guide's "The network" and "How the gradients are found"
// lists, the weights card's note on biases, the legend's inactive-neuron entry.
// Pure: returns strings; the spec's own network keeps the page's original wording (null here).

/** Does `config` have the spec's network (layers, activations, biases, loss and optimizer kind)? */
export function isSpecNetwork(config, description) {
  const spec = description.presets.spec.config;
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  return same(config.layers, spec.layers) &&
    same(config.hidden_activation, spec.hidden_activation) &&
    config.output_activation === spec.output_activation && config.bias === spec.bias &&
    config.loss === spec.loss && config.optimizer.name === spec.optimizer.name && !config.dataset;
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

// The network's hidden layers' activations, each once (the frame names one per weight layer).
const hiddenNames = (frame) => [...new Set(frame.activations.slice(0, -1))];

/** The guide's "The network" items for the frame's network, or null to keep the spec's wording. */
export function networkItems(frame, description) {
  const { config } = frame;
  if (isSpecNetwork(config, description)) return null;
  const { layers } = config;
  const act = (name) => description.activations[name];
  const outputs = layers[layers.length - 1];
  const out = act(frame.activations.at(-1));
  const formula = out.formula === "z" ? "" : `, a(z) = ${out.formula}`; // a(z) = z says nothing
  const hidden = layers.slice(1, -1).map((n, k) => {
    const a = act(frame.activations[k]);
    return `${plural(n, "hidden neuron", "hidden neurons")} with ${a.word}, a(z) = ${a.formula}`;
  });
  const parts = [plural(layers[0], "input", "inputs"), ...hidden,
    `${outputs} ${out.word} output${outputs === 1 ? "" : "s"} ŷ${formula}`];
  const loss = description.losses[config.loss];
  const optimizer = description.optimizers[config.optimizer.name];
  const example = config.dataset ? "on each batch of the data set" : "on this one example";
  return [
    `${parts.join(" → ")}.`,
    config.bias ? "Each neuron adds up its weighted inputs and its bias, z = Σ w·a + b."
      : "Each neuron adds up its weighted inputs, z = Σ w·a; there are no biases.",
    `Loss: ${loss.label}, ${loss.formula}; at the output, δ = ${loss.output_delta}.`,
    `Update: ${optimizer.label}, ${optimizer.rule}, ${example}.`,
  ];
}

/**
 * The weights card's first sentence: the spec's (null) without biases, else where the biases are.
 */
export function biasNote(config) {
  if (!config.bias) return null;
  return "Each neuron’s bias b is in the column b (and drawn as a small b beside the neuron).";
}

/** The legend's entry for dashed neurons: "inactive ReLU (z ≤ 0)" (on a data set: dead, inactive on
 * every row), or null when none can die. */
export function inactiveLegend(frame, description) {
  const dying = hiddenNames(frame).filter((name) => description.activations[name].can_die);
  if (!dying.length) return null;
  const labels = dying.map((name) => description.activations[name].label).join(" / ");
  return frame.config.dataset ? `dead ${labels} (z ≤ 0 on every row)`
    : `inactive ${labels} (z ≤ 0)`;
}

/** The guide's "How the gradients are found" items for the frame's network, or null to keep the
 * spec's wording. */
export function gradientItems(frame, description) {
  const { config } = frame;
  if (isSpecNetwork(config, description)) return null;
  const out = description.activations[frame.activations.at(-1)];
  const loss = description.losses[config.loss];
  const hidden = hiddenNames(frame).map((name) => description.activations[name]);
  const items = [
    "Each neuron’s error signal δ (delta) is ∂L/∂z: how much the loss changes per unit change of " +
    "that neuron’s z.", `Output error: δ_out = ${loss.output_delta}; ` +
    (loss.delta_note
      ? `${loss.delta_note}.`
      : `the output is ${out.word}, f′(z) = ${out.derivative}.`)];
  if (config.layers.length > 2) {
    items.push("Hidden error: δ_h = (Σₖ δₖ · w_h→k) · f′(z_h), summing over the neurons k " +
      "the neuron h feeds; " +
      `f′ of ${hidden.map((a) => `${a.label} is ${a.derivative}`).join("; of ")}.`);
  }
  items.push("Each weight's gradient is the error at its receiving end times the activation " +
    "at its sending end: " +
    `∂L/∂w = δ_to · a_from` +
    `${config.bias ? "; a bias's gradient is its neuron's error, ∂L/∂b = δ" : ""}` +
    `${config.dataset ? "; on a batch, the mean of these over its rows" : ""}.`);
  const dying = hidden.filter((a) => a.can_die);
  if (dying.length && config.layers.length > 2) {
    items.push(`A hidden ${dying.map((a) => a.label).join(" / ")} neuron with z ≤ 0 outputs 0 ` +
      "and passes no error back: all its weights get a zero gradient this step. " +
      "It is inactive on this example; one inactive on every " +
      "example of a data set is called dead.");
  }
  return items;
}
