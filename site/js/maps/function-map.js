// The function-space heatmap (canvas): the network's output over the input plane (the engine's
// surface grid), the data points on it — targets told apart by shape AND colour — and the picked
// sample ringed. Draws only what it is given; a click on a point calls onPick(row).
import { gridOf, outputColor, outputRange, paintGrid } from "./colors.js";
import { fixed } from "../core/format.js";

const PICK_RADIUS_PX = 12; // a click this close to a point picks it

/**
 * data: {surface: api.surface result (its grids Float32Arrays), points: {X, T}, sample: row
 * shown in the drawing, output: which output (0-based), outputName, onPick(row)}.
 */
export function render(container, {
  surface, points, sample, output = 0, outputName = "ŷ", onPick,
}) {
  const canvas = container.querySelector("canvas.function-map") ?? build(container);
  canvas.props = { surface, points, onPick };
  const size = Math.round(Math.min(container.clientWidth || 320, 420));
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(size * ratio)) {
    canvas.width = Math.round(size * ratio);
    canvas.height = Math.round(size * ratio);
  }
  const n = surface.resolution;
  const grid = gridOf(surface.output, output, n);
  const targets = points.T.map((t) => t[output]);
  const range = outputRange(targets, grid);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  drawGrid(ctx, { grid, n }, range, size);
  drawPoints(ctx, surface.extent, points.X, targets, range, size);
  if (points.X[sample]) ringSample(ctx, surface.extent, points.X[sample], size);
  canvas.dataset.extent = surface.extent.join(","); // where a point lands, for scripts and tests
  writeLabels(container, canvas, { extent: surface.extent, range, outputName, points, sample });
}

// The map in words: its accessible name, its axes and its colour scale.
function writeLabels(container, canvas, { extent, range, outputName, points, sample }) {
  const [x0, x1, y0, y1] = extent.map((v) => fixed(v, 2));
  const count = `${points.X.length} data ${points.X.length === 1 ? "point" : "points"}`;
  canvas.setAttribute("aria-label", `Heatmap of the output ${outputName} over the input plane, ` +
    `x₁ from ${x0} to ${x1} and x₂ from ${y0} to ${y1}, with ${count}; ` +
    `sample ${sample + 1} is ringed.`);
  container.querySelector(".function-map-axes").textContent =
    `x₁ (across): ${x0} … ${x1} · x₂ (up): ${y0} … ${y1}`;
  const middle = fixed((range[0] + range[1]) / 2, 2);
  container.querySelector(".function-map-range").textContent =
    `Color: ${outputName} from ${fixed(range[0], 2)} (blue) through ${middle} (white) to ` +
    `${fixed(range[1], 2)} (orange).`;
}

function build(container) {
  const canvas = document.createElement("canvas");
  canvas.className = "function-map";
  canvas.setAttribute("role", "img");
  const axes = document.createElement("p");
  axes.className = "function-map-axes card-note";
  const range = document.createElement("p");
  range.className = "function-map-range card-note";
  canvas.addEventListener("click", (event) => pick(canvas, event));
  container.replaceChildren(canvas, axes, range);
  return canvas;
}

function drawGrid(ctx, { grid, n }, range, size) {
  const cells = document.createElement("canvas");
  cells.width = n;
  cells.height = n;
  const cellsCtx = cells.getContext("2d");
  const image = paintGrid(cellsCtx.createImageData(n, n), grid, (v) => outputColor(v, range));
  cellsCtx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.clearRect(0, 0, size, size);
  ctx.drawImage(cells, 0, 0, size, size);
}

/** Canvas px of an input point. */
function toPx([x, y], [x0, x1, y0, y1], size) {
  return [((x - x0) / (x1 - x0)) * size, ((y1 - y) / (y1 - y0)) * size];
}

// Low targets: blue circles; high targets: orange triangles; each with a dark and a light outline
// so it stands out on any part of the map.
function drawPoints(ctx, extent, X, targets, [lo, hi], size) {
  const middle = (lo + hi) / 2;
  X.forEach((x, i) => {
    const [px, py] = toPx(x, extent, size);
    const high = targets[i] >= middle;
    ctx.beginPath();
    if (high) {
      ctx.moveTo(px, py - 5.5);
      ctx.lineTo(px + 5, py + 3.5);
      ctx.lineTo(px - 5, py + 3.5);
      ctx.closePath();
    } else ctx.arc(px, py, 4, 0, 2 * Math.PI);
    ctx.fillStyle = high ? "#c2410c" : "#1d5fd6";
    ctx.fill();
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = "#ffffff";
    ctx.stroke();
    ctx.lineWidth = 1;
    ctx.strokeStyle = "#111111";
    ctx.stroke();
  });
}

function ringSample(ctx, extent, x, size) {
  const [px, py] = toPx(x, extent, size);
  for (const [radius, color, width] of [[10, "#ffffff", 4], [10, "#111111", 2]]) {
    ctx.beginPath();
    ctx.arc(px, py, radius, 0, 2 * Math.PI);
    ctx.lineWidth = width;
    ctx.strokeStyle = color;
    ctx.stroke();
  }
}

function pick(canvas, event) {
  const { surface, points, onPick } = canvas.props ?? {};
  if (!surface || !onPick) return;
  const box = canvas.getBoundingClientRect();
  const at = [event.clientX - box.left, event.clientY - box.top];
  let best = -1;
  let bestDistance = PICK_RADIUS_PX;
  points.X.forEach((x, i) => {
    const [px, py] = toPx(x, surface.extent, box.width);
    const distance = Math.hypot(px - at[0], py - at[1]);
    if (distance <= bestDistance) [best, bestDistance] = [i, distance];
  });
  if (best >= 0) onPick(best);
}
