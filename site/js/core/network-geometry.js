// Pure geometry and naming for the network drawing: node positions for any layer sizes, edge
// widths ∝ |w|, sign classes, edge keys shared with the tables. No DOM, no state.

/** Size of the drawing for a container `width` px wide and the given layer sizes. */
export function networkSize(width, layers) {
  const w = Math.round(Math.min(Math.max(width, 300), 760));
  const rows = Math.max(...layers);
  // Many columns in a narrow drawing: smaller circles, so neighbouring columns never touch.
  const spacing = layers.length > 1 ? (w * 0.8 - 20) / (layers.length - 1) : w;
  const radius = Math.max(15,
    Math.min(Math.round(Math.min(Math.max(w / 16, 22), 28)), Math.floor(spacing * 0.36)));
  const gap = radius * 2 + Math.min(Math.max(w / 18, 16), 28);
  const top = 40;
  const span = (rows - 1) * gap;
  const lowestLabel = top + 2 * radius + span + 20; // z under the lowest node
  const outputInfo = top + radius + span / 2 + radius + 62; // prediction / target / loss lines
  // dense: the columns are too close for the z labels under the nodes (their tooltips keep them).
  const dense = spacing < 2 * radius + 50;
  // A dense drawing puts prediction / target / loss under every column (beside the output they
  // would run into the last hidden column).
  const height = dense ? lowestLabel + 46 : Math.max(lowestLabel, outputInfo);
  return { width: w, height: Math.round(height), radius, gap, top, dense };
}

/** Centre of every node: positions[layer][neuron] = {x, y}; each column centred vertically. */
export function nodePositions(layers, size) {
  const side = Math.max(size.radius + 28, size.width * 0.1);
  const right = Math.max(side, 66); // room for "loss = 1234.5678" centred under the output
  const span = size.width - side - right;
  const middle = size.top + size.radius + ((Math.max(...layers) - 1) * size.gap) / 2;
  return layers.map((n, l) => {
    const x = side + (layers.length === 1 ? span / 2 : (span * l) / (layers.length - 1));
    return Array.from({ length: n }, (_, i) => ({ x, y: middle + (i - (n - 1) / 2) * size.gap }));
  });
}

/** Stroke width ∝ |w|: the largest weight (at least 1) gets `maxWidth`; never invisible. */
export function edgeWidth(w, scale, maxWidth = 9) {
  return Math.max(0.75, (maxWidth * Math.abs(w)) / Math.max(1, scale));
}

/** The largest |w| in all layers, used as the common scale for edge widths. */
export function weightScale(weights) {
  return Math.max(0, ...weights.flat(2).map(Math.abs));
}

export function signClass(w) {
  if (w > 0) return "pos";
  return w < 0 ? "neg" : "zero";
}

/** Key shared by an edge and the table cells that show its weight: "layer-to-from". */
export function edgeKey(l, to, from) {
  return `${l}-${to}-${from}`;
}

/** Key shared by a neuron's bias mark and the table cells and rows of that bias: "b-layer-to". */
export function biasKey(l, to) {
  return `b-${l}-${to}`;
}

/** [layer, to] of a bias key, or null for a weight's key. */
export function parseBiasKey(key) {
  const match = /^b-(\d+)-(\d+)$/.exec(key ?? "");
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** The layer of weights a data-edge key ("l-to-from" or "b-l-to") belongs to, or null. */
export function layerOfKey(key) {
  const match = /^(?:b-)?(\d+)-\d+(?:-\d+)?$/.exec(key ?? "");
  return match ? Number(match[1]) : null;
}

/** "b H1" for biases[l][to]. */
export function biasName(layers, l, to) {
  return `b ${nodeName(layers, l + 1, to)}`;
}

/**
 * Short neuron names: I1, I2 / H1..H3 (H1.2 with several hidden layers) / O (O1, O2 if several).
 */
export function nodeName(layers, l, i) {
  const last = layers.length - 1;
  if (l === 0) return `I${i + 1}`;
  if (l === last) return layers[last] === 1 ? "O" : `O${i + 1}`;
  return last === 2 ? `H${i + 1}` : `H${l}.${i + 1}`;
}

/** "I1 → H1" for weights[l][to][from]. */
export function edgeName(layers, l, to, from) {
  return `${nodeName(layers, l, from)} → ${nodeName(layers, l + 1, to)}`;
}

/** A point a fraction `t` along an edge, for labels drawn on it (e.g. gradients). */
export function pointOnEdge(a, b, t = 0.5) {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
}

/**
 * Every name the page gives a layer, by form: "short" ("Inputs", "H2", "Outputs": the editor),
 * "group" (as short, but "Hidden" for a network's only hidden layer: the tables' groups),
 * "column" ("Input", "Hidden", "Output": the drawing's columns), "unit" ("input", "neuron",
 * "output": what the layer holds, for counts and buttons). Hidden layers count from 1, as H<l>.k.
 */
export function layerName(layers, l, form = "short") {
  const last = layers.length - 1;
  const kind = l === 0 ? 0 : Number(l === last) + 1; // 0 input, 1 hidden, 2 output
  if (form === "column") return ["Input", "Hidden", "Output"][kind];
  if (form === "unit") return ["input", "neuron", "output"][kind];
  if (kind !== 1) return kind === 0 ? "Inputs" : "Outputs";
  return form === "group" && last === 2 ? "Hidden" : `H${l}`;
}

/** Column title: "Input", "Hidden · ReLU", "Output · linear" (label: the layer's activation). */
export function layerTitle(layers, l, label) {
  const name = layerName(layers, l, "column");
  return l === 0 ? name : `${name} · ${label}`;
}
