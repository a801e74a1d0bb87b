// Where the loss chart draws: the canvas's backing store, the axes' domains and ticks with room for
// their widest labels, the scales and every point's position. It measures text on a canvas outside
// the document and paints nothing (core/chart-draw.js paints).
import {
  decimateByColumn, linearScale, linearTicks, logScale, logTicks, lossDomain,
} from "../core/chart-scale.js";
import { LABEL_FONT, TICK_FONT } from "../core/chart-draw.js";

const MARKER_MAX_POINTS = 60;
const MARKER_MIN_GAP = 12; // px between steps; closer markers merge into beads

/** The chart's geometry (null while its canvas is not laid out or too small to plot). */
export function layout(chart) {
  const size = sizeCanvas(chart.canvas, chart.box);
  if (!size || !chart.model) return null;
  chart.font ??= getComputedStyle(chart.root).fontFamily || "system-ui, sans-serif";
  const { font, model } = chart;
  const axes = layoutAxes(measurer(), model, size, font);
  const { plot, xDomain, domain, values } = axes;
  if (plot.width < 20 || plot.height < 20) return null;
  const xScale = linearScale(xDomain, [plot.left, plot.left + plot.width]);
  const makeY = model.scale === "log" ? logScale : linearScale;
  const yScale = makeY(domain, [plot.top + plot.height, plot.top]);
  const yOf = (v) => (Number.isFinite(v) ? yScale(v) : NaN);
  const xs = model.steps.map(xScale);
  const ys = values.map(yOf);
  const points = {
    xs, ys, ghostXs: model.ghostSteps.map(xScale), ghostYs: axes.ghostValues.map(yOf),
    eventXs: model.events.map((step) => xScale(step - 0.5)), // between the two steps
    // More points than pixel columns: draw each column's extremes only, the shape stays the same.
    drawn: xs.length > 2 * plot.width ? decimateByColumn(xs, ys) : xs.map((_, i) => i),
    markers: xs.length <= MARKER_MAX_POINTS &&
      plot.width / Math.max(1, xs.length - 1) >= MARKER_MIN_GAP,
  };
  return { ...axes, ...points, size, font, xScale, yScale, lossLabel: chart.props.lossLabel };
}

/** Size the backing store to CSS size × devicePixelRatio; null while the canvas is not laid out.
 * box: the size the ResizeObserver last saw, if any. */
function sizeCanvas(canvas, box) {
  const { width, height } = box ?? canvas.getBoundingClientRect();
  if (width < 1 || height < 1) return null;
  const ratio = window.devicePixelRatio || 1;
  const bw = Math.round(width * ratio);
  const bh = Math.round(height * ratio);
  if (canvas.width !== bw) canvas.width = bw;
  if (canvas.height !== bh) canvas.height = bh;
  return { width, height, sx: bw / width, sy: bh / height };
}

// Tick labels are measured on a canvas outside the document: setting the font of the page's
// canvas makes the browser bring the whole page's style up to date first, once more per step.
let measuring = null;
function measurer() {
  measuring ??= typeof OffscreenCanvas === "function"
    ? new OffscreenCanvas(1, 1).getContext("2d")
    : document.createElement("canvas").getContext("2d");
  return measuring;
}

/** Domains, ticks and the plot box, leaving room for the widest tick labels. */
function layoutAxes(ctx, { steps, losses, scale, ghostSteps, ghostLosses }, size, font) {
  ctx.font = `${TICK_FONT}px ${font}`;
  const yTickCount = Math.max(3, Math.min(6, Math.floor(size.height / 45)));
  const both = lossDomain(losses.concat(ghostLosses), scale, yTickCount);
  const { domain } = both;
  const values = both.values.slice(0, losses.length);
  const ghostValues = both.values.slice(losses.length);
  const yTicks = (scale === "log" ? logTicks : linearTicks)(domain[0], domain[1], yTickCount);
  const yLabelWidth = Math.max(...yTicks.map((t) => ctx.measureText(t.label).width));
  const xDomain = stepDomain(steps, ghostSteps);
  const xLabelWidth = ctx.measureText(String(xDomain[1])).width;
  const left = Math.ceil(4 + LABEL_FONT + 10 + yLabelWidth + 6);
  const right = Math.ceil(Math.max(12, xLabelWidth / 2 + 4));
  const plot = { left, top: 12, width: size.width - left - right, height: size.height - 12 - 46 };
  const xTickCount = Math.max(2, Math.floor(plot.width / (xLabelWidth + 28)));
  const xTicks = linearTicks(xDomain[0], xDomain[1], xTickCount, { integer: true });
  return { plot, xDomain, domain, values, ghostValues, xTicks, yTicks };
}

// From the first step to the last, of the run or of the branch left behind (at least one step).
function stepDomain(steps, ghostSteps) {
  const first = steps[0] ?? 0;
  const last = Math.max(steps.at(-1) ?? first, ghostSteps.at(-1) ?? first);
  return [first, last > first ? last : first + 1];
}
