// The learning-rate comparison chart: every rate's loss curve on one canvas, each with its own
// colour AND line style AND marker shape, a legend naming each η, and a diverged curve ending in a
// ✕ with "diverged at step k". Draws only what it is given; chart-scale.js does the maths.
import {
  decimateByColumn, formatLoss, linearScale, linearTicks, logScale, logTicks, lossDomain,
} from "../core/chart-scale.js";
import { drawAxisLabels } from "../core/chart-draw.js";

/** Per series: how it is drawn besides its colour (--compare-1 … --compare-3). */
export const SERIES_STYLES = [
  { dash: [], marker: "circle", name: "solid line, circles" },
  { dash: [8, 5], marker: "square", name: "dashed line, squares" },
  { dash: [2, 4], marker: "triangle", name: "dotted line, triangles" },
];
const FONT_PX = 11;
const MARKERS_PER_CURVE = 6;

/**
 * container: the chart's box; curves: compare-rates.js curveOf() results; steps: the run length.
 */
export function renderCompareChart(container, { curves, steps, scale, lossLabel }) {
  let canvas = container.querySelector("canvas");
  if (!canvas) {
    canvas = document.createElement("canvas");
    canvas.className = "compare-chart__canvas";
    canvas.setAttribute("role", "img");
    const legend = document.createElement("ul");
    legend.className = "compare-legend";
    legend.setAttribute("aria-label", "Legend");
    container.replaceChildren(canvas, legend);
  }
  canvas.setAttribute("aria-label",
    `Loss curves of ${curves.length} learning rates over ${steps} steps` +
    `${scale === "log" ? ", log scale" : ""}; the table below lists their losses.`);
  renderLegend(container.querySelector(".compare-legend"), curves, colorsOf(container));
  paint(canvas, { curves, steps, scale, lossLabel, colors: colorsOf(container) });
}

function colorsOf(el) {
  const style = getComputedStyle(el);
  const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  return {
    series: [
      read("--compare-1", "#0072b2"), read("--compare-2", "#d55e00"),
      read("--compare-3", "#009e73"),
    ],
    text: style.color || "#333",
    grid: read("--compare-grid", "rgba(128, 128, 140, 0.25)"),
    surface: read("--compare-surface", "#fff"),
    font: style.fontFamily || "system-ui, sans-serif",
  };
}

function renderLegend(list, curves, colors) {
  list.replaceChildren(...curves.map((curve, i) => {
    const item = document.createElement("li");
    item.dataset.lr = String(curve.lr);
    item.append(swatch(i, colors.series[i]), document.createTextNode(`η = ${curve.lr}`));
    const note = document.createElement("span");
    note.className = curve.diverged ? "compare-legend__diverged" : "compare-legend__note";
    note.textContent = curve.diverged
      ? ` — diverged at step ${curve.diverged.step}`
      : ` — final loss ${formatLoss(curve.final)}`;
    item.append(note);
    return item;
  }));
}

/** A short sample of series i's line and marker in SVG (aria-hidden), shown beside its name. */
export function swatch(i, color) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 40 14");
  svg.setAttribute("width", "40");
  svg.setAttribute("height", "14");
  svg.setAttribute("aria-hidden", "true");
  const line = document.createElementNS(ns, "line");
  Object.entries({ x1: 1, y1: 7, x2: 39, y2: 7, stroke: color, "stroke-width": 2.25,
    "stroke-dasharray": SERIES_STYLES[i].dash.join(" ") || "none" })
    .forEach(([k, v]) => line.setAttribute(k, v));
  const mark = document.createElementNS(ns, "path");
  mark.setAttribute("d", markerPath(SERIES_STYLES[i].marker, 20, 7, 4.5));
  mark.setAttribute("fill", color);
  svg.append(line, mark);
  return svg;
}

/** An SVG/Canvas path string of a marker centred on (x, y). */
export function markerPath(kind, x, y, r) {
  if (kind === "square") return `M${x - r} ${y - r}h${2 * r}v${2 * r}h${-2 * r}Z`;
  if (kind === "triangle") {
    return `M${x} ${y - r * 1.15}L${x + r * 1.1} ${y + r * 0.8}L${x - r * 1.1} ${y + r * 0.8}Z`;
  }
  return `M${x - r} ${y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`;
}

function sizeCanvas(canvas) {
  const { width, height } = canvas.getBoundingClientRect();
  if (width < 1 || height < 1) return null;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  return { width, height, ratio };
}

/** Scales and plot box: every curve shares the axes; non-finite losses never reach the domain. */
export function compareLayout({ curves, steps, scale, size, labelWidth }) {
  const all = curves.flatMap((c) => c.losses);
  const { values, domain } = lossDomain(all, scale, 5);
  const yTicks = (scale === "log" ? logTicks : linearTicks)(domain[0], domain[1], 5);
  const left = Math.ceil(18 + Math.max(...yTicks.map((t) => labelWidth(t.label))) + 6);
  const plot = { left, top: 14, width: size.width - left - 16, height: size.height - 14 - 40 };
  const x = linearScale([0, Math.max(1, steps)], [plot.left, plot.left + plot.width]);
  const y = (scale === "log" ? logScale : linearScale)(domain, [plot.top + plot.height, plot.top]);
  let offset = 0;
  const series = curves.map((curve) => {
    const ys = values.slice(offset, offset + curve.losses.length)
      .map((v) => (Number.isFinite(v) ? y(v) : NaN));
    offset += curve.losses.length;
    return { xs: curve.steps.map(x), ys };
  });
  const xTicks = linearTicks(0, Math.max(1, steps), Math.max(2, Math.floor(plot.width / 70)),
    { integer: true });
  return { plot, x, y, yTicks, xTicks, series };
}

function paint(canvas, { curves, steps, scale, lossLabel, colors }) {
  const size = sizeCanvas(canvas);
  if (!size) return;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(size.ratio, 0, 0, size.ratio, 0, 0);
  ctx.clearRect(0, 0, size.width, size.height);
  ctx.font = `${FONT_PX}px ${colors.font}`;
  const layout = compareLayout({
    curves, steps, scale, size, labelWidth: (text) => ctx.measureText(text).width,
  });
  if (layout.plot.width < 20 || layout.plot.height < 20) return;
  drawAxes(ctx, layout, colors, lossLabel, size);
  layout.series.forEach((s, i) => drawSeries(ctx, s, i, colors.series[i], colors));
  layout.series.forEach((s, i) => curves[i].diverged &&
    drawDiverged(ctx, s, curves[i], colors.series[i], layout.plot));
}

function drawAxes(ctx, { plot, x, y, yTicks, xTicks }, colors, lossLabel, size) {
  ctx.lineWidth = 1;
  ctx.fillStyle = colors.text;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const tick of yTicks) {
    stroke(ctx, colors.grid, [[plot.left, y(tick.value)], [plot.left + plot.width, y(tick.value)]]);
    ctx.fillText(tick.label, plot.left - 6, y(tick.value));
  }
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  const bottom = plot.top + plot.height;
  for (const tick of xTicks) ctx.fillText(tick.label, x(tick.value), bottom + 5);
  stroke(ctx, colors.text,
    [[plot.left, plot.top], [plot.left, bottom], [plot.left + plot.width, bottom]]);
  drawAxisLabels(ctx, { plot, size, font: colors.font, lossLabel }, colors); // as the loss chart's
}

function stroke(ctx, color, points) {
  ctx.strokeStyle = color;
  ctx.beginPath();
  points.forEach(([px, py], i) => (i ? ctx.lineTo(px, py) : ctx.moveTo(px, py)));
  ctx.stroke();
}

function drawSeries(ctx, { xs, ys }, i, color, colors) {
  const drawn = xs.length > 1000 ? decimateByColumn(xs, ys) : xs.map((_, k) => k);
  ctx.lineWidth = 2.25;
  ctx.lineJoin = ctx.lineCap = "round";
  ctx.setLineDash(SERIES_STYLES[i].dash);
  ctx.strokeStyle = color;
  ctx.beginPath();
  let pen = false;
  for (const k of drawn) {
    if (!Number.isFinite(ys[k])) pen = false;
    else if (pen) ctx.lineTo(xs[k], ys[k]);
    else { ctx.moveTo(xs[k], ys[k]); pen = true; }
  }
  ctx.stroke();
  ctx.setLineDash([]);
  for (const k of markerIndices(xs, ys, i)) {
    ctx.fillStyle = color;
    ctx.strokeStyle = colors.surface;
    ctx.lineWidth = 1;
    const path = new Path2D(markerPath(SERIES_STYLES[i].marker, xs[k], ys[k], 4.5));
    ctx.fill(path);
    ctx.stroke(path);
  }
}

/** Where a series' markers go: evenly along x, each series shifted so markers do not overlap. */
export function markerIndices(xs, ys, seriesIndex) {
  const finite = xs.map((_, k) => k).filter((k) => Number.isFinite(ys[k]));
  if (finite.length <= MARKERS_PER_CURVE) return finite;
  const x0 = xs[finite[0]];
  const span = xs[finite[finite.length - 1]] - x0;
  const picks = new Set();
  for (let m = 0; m < MARKERS_PER_CURVE; m += 1) {
    const target = x0 + span * ((m + (seriesIndex + 1) / 4) / MARKERS_PER_CURVE);
    let best = finite[0];
    for (const k of finite) if (Math.abs(xs[k] - target) < Math.abs(xs[best] - target)) best = k;
    picks.add(best);
  }
  return [...picks];
}

// A diverged curve ends in a ✕ at its last finite point, labelled with the step that diverged.
function drawDiverged(ctx, { xs, ys }, curve, color, plot) {
  let k = ys.length - 1;
  while (k > 0 && !Number.isFinite(ys[k])) k -= 1;
  const [cx, cy] = [xs[k], ys[k]];
  ctx.strokeStyle = color;
  ctx.lineWidth = 3;
  stroke(ctx, color, [[cx - 6, cy - 6], [cx + 6, cy + 6]]);
  stroke(ctx, color, [[cx - 6, cy + 6], [cx + 6, cy - 6]]);
  const text = `diverged at step ${curve.diverged.step}`;
  ctx.font = `600 ${FONT_PX + 1}px ${getComputedStyle(ctx.canvas).fontFamily || "sans-serif"}`;
  ctx.fillStyle = color;
  const width = ctx.measureText(text).width;
  const right = cx + 10 + width <= plot.left + plot.width;
  ctx.textAlign = right ? "left" : "right";
  ctx.textBaseline = cy - 14 > plot.top ? "bottom" : "top";
  ctx.fillText(text, right ? cx + 10 : cx - 10, ctx.textBaseline === "bottom" ? cy - 6 : cy + 8);
  ctx.font = `${FONT_PX}px ${getComputedStyle(ctx.canvas).fontFamily || "sans-serif"}`;
}
