// What a crowded drawing leaves out is shown on demand, in a callout beside the node: a node's name
// and number where the circles are too small for them (compact), its z where the rows are too
// close for it (no-z). Shown when the node is pointed at, or when a connection is pointed at or
// focused (then both of its ends). Reads what the drawing wrote
// into the node's own texts, so it never computes or formats a number of its own.

const SVG = "http://www.w3.org/2000/svg";
const PLATE_HEIGHT = 26;

/**
 * Listen on `svg` (a compact network drawing; positions: nodePositions' [layer][i] {x, y} it was
 * drawn with); returns {refresh} to redraw after a new frame.
 */
export function attachCallouts(svg, radius, positions) {
  const layer = make("g", { class: "node-callouts", "aria-hidden": "true" });
  svg.append(layer);
  let shown = [];
  const show = (keys) => {
    shown = keys;
    draw(svg, layer, keys, radius, positions);
  };
  svg.addEventListener("pointerover", (event) => show(nodesOf(event.target)));
  svg.addEventListener("pointerleave", () => show([]));
  svg.addEventListener("focusin", (event) => show(nodesOf(event.target)));
  svg.addEventListener("focusout", () => show([]));
  return { refresh: () => draw(svg, layer, shown, radius, positions) };
}

// "l-i" keys of the nodes a pointed or focused element is about: a node, or a connection's two ends
// ("l-to-from"), or the neuron of a bias mark ("b-l-to").
function nodesOf(target) {
  const node = target?.closest?.(".node");
  if (node) return [node.dataset.node];
  const key = target?.closest?.("[data-edge]")?.dataset.edge ?? "";
  const bias = /^b-(\d+)-(\d+)$/.exec(key);
  if (bias) return [`${Number(bias[1]) + 1}-${bias[2]}`];
  const edge = /^(\d+)-(\d+)-(\d+)$/.exec(key);
  if (!edge) return [];
  const [l, to, from] = edge.slice(1).map(Number);
  return [`${l}-${from}`, `${l + 1}-${to}`];
}

function draw(svg, layer, keys, radius, positions) {
  const height = svg.viewBox.baseVal.height;
  const at = (key) => { const [l, i] = key.split("-").map(Number); return positions[l]?.[i]; };
  layer.replaceChildren(...keys.map((key) => callout(svg, key, at(key), radius, height))
    .filter(Boolean));
}

// A plate above the node (below it near the top) with "name value" in the drawing's label size.
function callout(svg, key, position, radius, height) {
  const node = svg.querySelector(`.node[data-node="${key}"]`);
  if (!node || !position) return null;
  const { x, y } = position;
  const z = node.querySelector(".node-z")?.textContent;
  const words = `${node.querySelector(".node-name").textContent} ` +
    `${node.querySelector(".node-value").textContent}${z ? ` · ${z}` : ""}`;
  const width = words.length * 8.4 + 18;
  const above = y - radius - PLATE_HEIGHT / 2 - 6;
  const top = above - PLATE_HEIGHT / 2 < 0 ? y + radius + PLATE_HEIGHT / 2 + 6 : above;
  const cy = Math.min(top, height - PLATE_HEIGHT / 2);
  const group = make("g", { class: "node-callout", "data-node": key,
    transform: `translate(${x} ${cy})` });
  group.append(
    make("rect", { x: -width / 2, y: -PLATE_HEIGHT / 2, width, height: PLATE_HEIGHT, rx: 6 }),
    make("text", { dy: "0.35em" }, words),
  );
  return group;
}

function make(name, attrs, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}
