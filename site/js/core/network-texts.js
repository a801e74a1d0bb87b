// Words about the network in force, from the engine's names and formulas (describe()): the guide's
// "The network" and "How the gradients are found" lists, the weights card's note on biases, the
// legend's inactive-neuron entry.
// Pure: returns strings; the spec's own network keeps the page's original wording (null here).

/** Does `config` have the spec's network (layers, activations, biases, loss and optimizer kind)? */
export function isSpecNetwork(config, description) {
  const spec = description.presets.spec.config;
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  return same(config.layers, spec.layers) && same(config.hidden_activation, spec.hidden_activation) &&
    config.output_activation === spec.output_activation && config.bias === spec.bias && config.loss === spec.loss &&
    config.optimizer.name === spec.optimizer.name && !config.dataset;
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** The guide's "The network" items for `config`, or null to keep the spec's wording. */
export function networkItems(config, description) {
  if (isSpecNetwork(config, description)) return null;
  const { layers } = config;
  const act = (name) => description.activations[name];
  const hidden = Array.isArray(config.hidden_activation) ? config.hidden_activation
    : Array(layers.length - 2).fill(config.hidden_activation);
  const out = act(config.output_activation);
  const parts = [plural(layers[0], "input", "inputs"),
    ...layers.slice(1, -1).map((n, k) => `${plural(n, "hidden neuron", "hidden neurons")} with ${act(hidden[k]).word}, ` +
      `a(z) = ${act(hidden[k]).formula}`),
    `${layers[layers.length - 1] === 1 ? "1" : layers[layers.length - 1]} ${out.word} ` +
      `output${layers[layers.length - 1] === 1 ? "" : "s"} ŷ${config.output_activation === "linear" ? "" : `, a(z) = ${out.formula}`}`];
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

/** The weights card's first sentence: the spec's (null) without biases, else where the biases are. */
export function biasNote(config) {
  if (!config.bias) return null;
  return "Each neuron’s bias b is in the column b (and drawn as a small b beside the neuron).";
}

/** The legend's entry for dashed neurons: "inactive ReLU (z ≤ 0)" (on a data set: dead, inactive on
 * every row), or null when none can die. */
export function inactiveLegend(config, description) {
  const names = [...new Set([...(Array.isArray(config.hidden_activation) ? config.hidden_activation
    : [config.hidden_activation])].filter(() => config.layers.length > 2))];
  const dying = names.filter((name) => description.activations[name].can_die);
  if (!dying.length) return null;
  const labels = dying.map((name) => description.activations[name].label).join(" / ");
  return config.dataset ? `dead ${labels} (z ≤ 0 on every row)` : `inactive ${labels} (z ≤ 0)`;
}

/** The guide's "How the gradients are found" items for `config`, or null to keep the spec's wording. */
export function gradientItems(config, description) {
  if (isSpecNetwork(config, description)) return null;
  const out = description.activations[config.output_activation];
  const loss = description.losses[config.loss];
  const hidden = [...new Set(Array.isArray(config.hidden_activation) ? config.hidden_activation
    : [config.hidden_activation])].map((name) => description.activations[name]);
  const items = ["Each neuron’s error signal δ (delta) is ∂L/∂z: how much the loss changes per unit change of " +
    "that neuron’s z.", `Output error: δ_out = ${loss.output_delta}; ` +
    (loss.delta_note ? `${loss.delta_note}.` : `the output is ${out.word}, f′(z) = ${out.derivative}.`)];
  if (config.layers.length > 2) {
    items.push("Hidden error: δ_h = (Σₖ δₖ · w_h→k) · f′(z_h), summing over the neurons k the neuron h feeds; " +
      `f′ of ${hidden.map((a) => `${a.label} is ${a.derivative}`).join("; of ")}.`);
  }
  items.push("Each weight's gradient is the error at its receiving end times the activation at its sending end: " +
    `∂L/∂w = δ_to · a_from${config.bias ? "; a bias's gradient is its neuron's error, ∂L/∂b = δ" : ""}` +
    `${config.dataset ? "; on a batch, the mean of these over its rows" : ""}.`);
  const dying = hidden.filter((a) => a.can_die);
  if (dying.length && config.layers.length > 2) {
    items.push(`A hidden ${dying.map((a) => a.label).join(" / ")} neuron with z ≤ 0 outputs 0 and passes no error ` +
      "back: all its weights get a zero gradient this step. It is inactive on this example; one inactive on every " +
      "example of a data set is called dead.");
  }
  return items;
}
