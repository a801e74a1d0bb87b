// Pure geometry and naming for the network drawing: node positions for any layer sizes, edge
// widths ∝ |w|, sign classes, edge keys shared with the tables. No DOM, no state.

// The drawing's own width at most: wider cards show it scaled up (the SVG fills its card, so its
// numbers grow with it), narrower ones lay it out again at their width.
export const DRAWING_WIDTH = 620;
// The width of a number's characters in em, bold, in the widest common sans face (DejaVu Sans), so
// that the estimate is never short of what a browser draws.
const CHAR_EM = { ".": 0.38, "−": 0.84, "+": 0.84, e: 0.68 };
const DIGIT_EM = 0.7;

/** Estimated width in px of `text` at `fontSize` px with `spacing` em between letters. */
export function textWidth(text, fontSize, spacing = 0) {
  return fontSize * [...text].reduce((sum, c) => sum + (CHAR_EM[c] ?? DIGIT_EM) + spacing, 0);
}

/** The room across a node's disc of radius `r` for a line of text centred `y` below its middle. */
export function roomAt(r, y) {
  return 2 * Math.sqrt(Math.max(0, r * r - y * y)) - 2;
}

/** Width of the ring of a hidden node's function map, outside the disc that holds its words. */
export const mapRing = (radius) => Math.max(4, Math.round(radius * 0.18));
// Below this radius a node's name and number do not fit at a readable size: they are shown on
// hover or focus (a callout), never shrunk or overlapped.
export const COMPACT_RADIUS = 27;
// The room a node's z label needs between it and the node below.
const Z_ROOM = 40;

/**
 * Size of the drawing for a container `width` px wide and the given layer sizes: {width, height
 * (of the viewBox), radius, gap (between a column's nodes), spacing (between columns), top,
 * dense (columns too close for labels beside the output), zLabels (room for z under each node),
 * compact (names and numbers too big for the circles)}. What does not fit is shown on hover or
 * focus (node-callouts.js).
 */
export function networkSize(width, layers) {
  const w = Math.round(Math.min(Math.max(width, 300), DRAWING_WIDTH));
  const rows = Math.max(...layers);
  // Many columns in a narrow drawing: smaller circles, so neighbouring columns never touch.
  const spacing = layers.length > 1 ? (w * 0.8 - 20) / (layers.length - 1) : w;
  const radius = Math.max(15,
    Math.min(Math.round(Math.min(Math.max(w / 16, 26), 32)), Math.floor(spacing * 0.36)));
  // A few rows leave room for each node's z under it; many rows are packed closer, without it.
  const gap = radius * 2 + (rows <= 4 ? Z_ROOM : Math.min(Math.max(w / 18, 16), 28));
  const top = 48;
  const span = (rows - 1) * gap;
  const lowestLabel = top + 2 * radius + span + 22; // z under the lowest node
  const outputInfo = top + radius + span / 2 + radius + 70; // prediction / target / loss lines
  // dense: the columns are too close for the z labels under the nodes (their tooltips keep them).
  const dense = spacing < 2 * radius + 64;
  const zLabels = !dense && gap - 2 * radius >= Z_ROOM;
  // A dense drawing puts prediction / target / loss under every column (beside the output they
  // would run into the last hidden column).
  const height = dense ? lowestLabel + 52 : Math.max(lowestLabel, outputInfo);
  return { width: w, height: Math.round(height), radius, gap, top, dense, zLabels, spacing,
    compact: radius < COMPACT_RADIUS };
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

// Connections' stroke widths: on a screen, and on a classroom projector (thicker, so the thinnest
// still shows from the back of the room).
export const LINE_WIDTHS = { screen: { max: 9, min: 0.75 }, projector: { max: 14, min: 1.75 } };

/** Stroke width ∝ |w|: the largest weight (at least 1) gets `max`; never under `min`. */
export function edgeWidth(w, scale, { max, min } = LINE_WIDTHS.screen) {
  return Math.max(min, (max * Math.abs(w)) / Math.max(1, scale));
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
