// Small heatmaps round the hidden nodes of the network drawing (a ring outside the disc that holds
// the node's number): each neuron's activation over the
// input plane (the engine's surface grids), an inactive ReLU's a = 0 region in a flat grey. Draws
// into the drawing's node groups, placed with network-geometry's radius; never touches anything
// else of the drawing. decorate() is network-view's hook, so a redrawn drawing keeps its maps.
// Each map is an SVG <image> of a PNG painted on a canvas that is never shown: every engine draws
// an <image> with its group's transform, which WebKit does not do for a canvas in a foreignObject.
import { activationColor, gridOf, largestMagnitude, paintGrid } from "./colors.js";
import { setAttr } from "../core/keyed-cells.js";

const SVG = "http://www.w3.org/2000/svg";
const latest = new WeakMap(); // container -> the surface to draw (null: none)
let scratch = null; // the canvas each map is painted on in turn, then read as a PNG

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
    const n = surface?.node_resolution;
    const grid = gridOf(layers[l - 1], i, n);
    let image = node.querySelector("image.node-map");
    if (!grid) {
      image?.remove();
      node.classList.remove("has-map");
      continue;
    }
    image ??= buildImage(node, radius);
    setAttr(image, "href", pictureOf(grid, n));
    node.classList.add("has-map");
  }
}

// Over the circle's fill and under the node's disc (.node-core), so it shows as a ring round the
// number; clipped round by CSS (.node-map).
function buildImage(node, radius) {
  const side = Math.round(radius * 2 - 4);
  const image = document.createElementNS(SVG, "image");
  const box = { x: -side / 2, y: -side / 2, width: side, height: side };
  for (const [key, value] of Object.entries(box)) image.setAttribute(key, String(value));
  image.setAttribute("preserveAspectRatio", "none");
  image.setAttribute("class", "node-map");
  image.setAttribute("aria-hidden", "true");
  node.querySelector(".node-circle").after(image);
  return image;
}

// The grid as a PNG data: URL, one pixel per grid cell (the <image> scales it smoothly).
function pictureOf(grid, n) {
  scratch ??= document.createElement("canvas");
  if (scratch.width !== n) {
    scratch.width = n;
    scratch.height = n;
  }
  const ctx = scratch.getContext("2d");
  const largest = largestMagnitude(grid);
  const pixels = paintGrid(ctx.createImageData(n, n), grid, (v) => activationColor(v, largest));
  ctx.putImageData(pixels, 0, 0);
  return scratch.toDataURL("image/png");
}
