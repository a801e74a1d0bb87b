// Small heatmaps inside the hidden nodes of the network drawing: each neuron's activation over the
// input plane (the engine's surface grids), an inactive ReLU's a = 0 region in a flat grey. Draws
// into the drawing's node groups, placed with network-geometry's radius; never touches anything
// else of the drawing. decorate() is network-view's hook, so a redrawn drawing keeps its maps.
import { activationColor, largestMagnitude, paintGrid } from "./colors.js";

const XHTML = "http://www.w3.org/1999/xhtml";
const SVG = "http://www.w3.org/2000/svg";
const latest = new WeakMap(); // container -> the surface to draw (null: none)

/** Keep `surface` (or null to remove the maps) for the drawing in `container`, and draw it. */
export function render(container, { surface }) {
  latest.set(container, surface);
  const svg = container.querySelector("svg.network");
  if (svg) draw(svg, surface);
}

/** network-view's hook: called after every redraw of the drawing. */
export function decorate(container) {
  return (svg, { size }) => draw(svg, latest.get(container) ?? null, size.radius);
}

const radiusOf = (svg) => Number.parseFloat(svg.style.getPropertyValue("--node-r")) || 24;

function draw(svg, surface, radius = radiusOf(svg)) {
  const layers = surface?.hidden ?? [];
  for (const node of svg.querySelectorAll(".node--hidden")) {
    const [l, i] = node.dataset.node.split("-").map(Number);
    const grid = layers[l - 1]?.[i];
    let holder = node.querySelector("foreignObject.node-map");
    if (!grid) {
      holder?.remove();
      node.classList.remove("has-map");
      continue;
    }
    holder ??= buildHolder(node, radius);
    paint(holder.querySelector("canvas"), grid);
    node.classList.add("has-map");
  }
}

// Behind the node's text, over its circle's fill; the canvas is clipped round by CSS.
function buildHolder(node, radius) {
  const side = Math.round(radius * 2 - 4);
  const holder = document.createElementNS(SVG, "foreignObject");
  holder.setAttribute("class", "node-map");
  const box = { x: -side / 2, y: -side / 2, width: side, height: side };
  for (const [key, value] of Object.entries(box)) {
    holder.setAttribute(key, String(value));
  }
  holder.setAttribute("aria-hidden", "true");
  const canvas = document.createElementNS(XHTML, "canvas");
  canvas.setAttribute("class", "node-map-canvas");
  holder.append(canvas);
  node.querySelector(".node-circle").after(holder);
  return holder;
}

function paint(canvas, grid) {
  const n = grid.length;
  if (canvas.width !== n) {
    canvas.width = n;
    canvas.height = n;
  }
  const ctx = canvas.getContext("2d");
  const largest = largestMagnitude(grid);
  const image = paintGrid(ctx.createImageData(n, n), grid, (v) => activationColor(v, largest));
  ctx.putImageData(image, 0, 0);
}
