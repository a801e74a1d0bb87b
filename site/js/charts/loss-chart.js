// Loss History chart: owns the DOM in its container (scale toggle, canvas, tooltip, hint), the
// pointer/keyboard reading and the layout; chart-scale.js does the maths, loss-chart-draw.js paints.
// It keeps no app state: the scale comes in with each render; a toggle click goes to onScaleChange.

import {
  decimateByColumn, formatLogTick, formatLoss, linearScale, linearTicks, logScale, logTicks, lossDomain,
  nearestIndex,
} from "../core/chart-scale.js";
import { LABEL_FONT, paintLossChart, readChartColors, TICK_FONT } from "../core/chart-draw.js";

const charts = new WeakMap(); // container -> chart (DOM refs, last data, cached geometry)
const MARKER_MAX_POINTS = 60;
const MARKER_MIN_GAP = 12; // px between steps; closer markers merge into beads
const KEY_STEPS = { ArrowLeft: -1, ArrowRight: 1 }; // Shift: ×10. Up/Down are left to page scrolling.
const DEFAULT_HINT = "Only step 0 so far. Take a step to start the curve.";

/**
 * Render (or redraw) the chart for `history` (records {step, loss, ...}, step 0 first); `events`:
 * steps whose settings changed (marked between that step and the one before); `lossLabel`: the
 * loss function's name for the y axis.
 */
export function renderLossChart(container, { history = [], scale = "linear", onScaleChange, hint, events = [],
  lossLabel = "loss", branch = null, onPick } = {}) {
  const chart = charts.get(container) ?? buildChart(container);
  chart.props = { history, scale: scale === "log" ? "log" : "linear", onScaleChange, hint, events, lossLabel, onPick };
  chart.model = modelFor(chart, history, chart.props.scale, events, branch?.rows ?? []);
  chart.geom = null;
  const keep = chart.pointerInside || chart.canvas.matches(":focus-visible");
  const last = chart.model.steps.length - 1;
  chart.active = keep && chart.active !== null && last >= 0 ? Math.min(chart.active, last) : null;
  updateDom(chart);
  draw(chart);
}

/** Where the chart drew point i, in CSS px relative to the canvas (for tests and annotations). */
export function lossChartGeometry(container) {
  const chart = charts.get(container);
  if (!chart) return null;
  const geom = chart.geom ?? layout(chart);
  if (!geom) return null;
  const { plot, xs, ys, drawn, eventXs, ghostXs } = geom;
  const { steps, losses } = chart.model;
  const point = (i) => ({ x: xs[i], y: ys[i], step: steps[i], loss: losses[i] });
  return { plot, count: xs.length, drawnCount: drawn.length, point, activeIndex: chart.active, eventXs,
    ghostCount: ghostXs.length };
}

function buildChart(container) {
  const root = element("div", "loss-chart");
  const header = element("div", "loss-chart__header");
  const note = element("p", "loss-chart__note");
  const group = element("div", "loss-chart__scale");
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", "Loss axis scale");
  const label = element("span", "loss-chart__scale-label", "Scale");
  label.setAttribute("aria-hidden", "true");
  const buttons = ["linear", "log"].map((value) => scaleButton(value));
  group.append(label, ...buttons);
  header.append(note, group);
  const plot = element("div", "loss-chart__plot");
  const canvas = element("canvas", "loss-chart__canvas");
  canvas.tabIndex = 0;
  canvas.setAttribute("role", "img");
  const tooltip = element("div", "loss-chart__tooltip");
  tooltip.setAttribute("role", "status");
  const hintEl = element("p", "loss-chart__hint");
  tooltip.hidden = hintEl.hidden = true;
  plot.append(canvas, tooltip, hintEl);
  root.append(header, plot);
  container.replaceChildren(root);
  const chart = { container, root, note, buttons, canvas, tooltip, hint: hintEl };
  Object.assign(chart, { active: null, pointerInside: false });
  charts.set(container, chart);
  listen(chart);
  return chart;
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text) el.textContent = text;
  return el;
}

function scaleButton(value) {
  const button = element("button", "", value === "log" ? "Log" : "Linear");
  button.type = "button";
  button.dataset.scale = value;
  return button;
}

function listen(chart) {
  const { canvas, buttons } = chart;
  for (const b of buttons) b.addEventListener("click", () => chooseScale(chart, b.dataset.scale));
  canvas.addEventListener("pointermove", (e) => pointAt(chart, e));
  canvas.addEventListener("pointerdown", (e) => pointAt(chart, e));
  canvas.addEventListener("pointerleave", (e) => leave(chart, e));
  canvas.addEventListener("pointercancel", (e) => leave(chart, e));
  canvas.addEventListener("keydown", (e) => onKey(chart, e));
  canvas.addEventListener("click", () => pick(chart));
  canvas.addEventListener("focus", () => chart.active ?? setActive(chart, chart.model.steps.length - 1));
  canvas.addEventListener("blur", () => !chart.pointerInside && setActive(chart, null));
  // The canvas's size as last laid out: reading it during a render would force a layout per step.
  new ResizeObserver(([entry]) => {
    const box = entry.borderBoxSize?.[0];
    chart.box = box ? { width: box.inlineSize, height: box.blockSize } : null;
    redraw(chart);
  }).observe(canvas);
  // Themes change colours and fonts without a render call.
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => redraw(chart));
  new MutationObserver(() => redraw(chart))
    .observe(document.documentElement, { attributeFilter: ["class", "data-theme"] });
  watchPixelRatio(chart);
}

function redraw(chart) {
  chart.geom = null;
  chart.font = null;
  chart.colors = null;
  draw(chart);
}

// Zooming or moving the window to another screen changes devicePixelRatio without a resize.
function watchPixelRatio(chart) {
  const query = matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
  query.addEventListener("change", () => { redraw(chart); watchPixelRatio(chart); }, { once: true });
}

function chooseScale(chart, value) {
  if (value === chart.props.scale) return;
  if (typeof chart.props.onScaleChange === "function") chart.props.onScaleChange(value);
  else renderLossChart(chart.container, { ...chart.props, scale: value });
}

function pointAt(chart, event) {
  if (!chart.geom) return;
  chart.pointerInside = true;
  const x = event.clientX - chart.canvas.getBoundingClientRect().left;
  const step = chart.geom.xScale.invert(x);
  setActive(chart, nearestIndex(chart.model.steps, step));
}

function leave(chart, event) {
  chart.pointerInside = false;
  // A finger lifting should leave the reading on screen; a mouse leaving should clear it.
  if (event.pointerType === "touch" && event.type === "pointerleave") return;
  if (!chart.canvas.matches(":focus-visible")) setActive(chart, null);
}

function onKey(chart, event) {
  const last = chart.model.steps.length - 1;
  if (last < 0) return;
  let next;
  const stride = event.shiftKey ? 10 : 1;
  if (event.key in KEY_STEPS) next = (chart.active ?? last) + KEY_STEPS[event.key] * stride;
  else if (event.key === "Home") next = 0;
  else if (event.key === "End") next = last;
  else if (event.key === "Escape" && chart.active !== null) next = null;
  else if (event.key === "Enter" && chart.active !== null) {
    pick(chart);
    return;
  } else return;
  event.preventDefault();
  setActive(chart, next === null ? null : Math.max(0, Math.min(last, next)));
}

// Choosing a point: the caller may go back to that step (time travel).
function pick(chart) {
  if (chart.active === null || typeof chart.props.onPick !== "function") return;
  chart.props.onPick(chart.model.steps[chart.active]);
}

function setActive(chart, index) {
  const next = index === null || index < 0 ? null : index;
  if (next === chart.active) return;
  chart.active = next;
  draw(chart);
}

// ghost: the rows of a branch left by going back in time, drawn dashed beside the current run.
function modelFor(chart, history, scale, events, ghost) {
  const { steps, losses } = series(chart, history);
  const ghostSteps = ghost.map((h) => h.step);
  const ghostLosses = ghost.map((h) => (typeof h.loss === "number" ? h.loss : NaN));
  const { floor, clamped } = lossDomain(losses, scale);
  return { steps, losses, floor, clamped, scale, events, ghostSteps, ghostLosses };
}

// Steps and losses of the history; a history that only grew since the last render costs only its
// new rows, so a step costs the same after 10 or 10,000 steps.
function series(chart, history) {
  const lossOf = (h) => (typeof h.loss === "number" ? h.loss : NaN);
  const cache = chart.series;
  const grew = cache && cache.rows === history && cache.count <= history.length && cache.count > 0 &&
    history[cache.count - 1] === cache.last;
  const steps = grew ? cache.steps : [];
  const losses = grew ? cache.losses : [];
  for (let i = grew ? cache.count : 0; i < history.length; i += 1) {
    steps.push(history[i].step);
    losses.push(lossOf(history[i]));
  }
  chart.series = { rows: history, count: history.length, last: history[history.length - 1], steps, losses };
  return { steps, losses };
}

function updateDom(chart) {
  const { model, props } = chart;
  for (const b of chart.buttons) b.setAttribute("aria-pressed", String(b.dataset.scale === model.scale));
  const lost = `${model.clamped} ${model.clamped === 1 ? "loss" : "losses"} ≤ 0`;
  chart.note.textContent = model.clamped
    ? `${lost} cannot be shown on a log axis; drawn at ${formatLogTick(model.floor)}.`
    : "";
  chart.hint.textContent = model.steps.length ? props.hint ?? DEFAULT_HINT : "No losses recorded yet.";
  chart.hint.hidden = model.steps.length > 1;
  chart.canvas.setAttribute("aria-label", summary(model));
}

function summary({ steps, losses, scale, events }) {
  const axis = scale === "log" ? ", log scale" : "";
  if (steps.length === 0) return "Loss history, no data yet";
  const n = steps[steps.length - 1];
  const latest = formatLoss(losses[losses.length - 1]);
  if (steps.length === 1) return `Loss history, no steps yet, loss ${latest} at step ${n}${axis}`;
  const taken = `${n} step${n === 1 ? "" : "s"}`;
  const changes = events.length ? `, ${events.length} change${events.length === 1 ? "" : "s"} of settings marked` : "";
  return `Loss history, ${taken}, latest ${latest}${axis}${changes}. Arrow keys move between steps.`;
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

function layout(chart) {
  const size = sizeCanvas(chart.canvas, chart.box);
  if (!size || !chart.model) return null;
  chart.font ??= getComputedStyle(chart.root).fontFamily || "system-ui, sans-serif";
  const { font } = chart;
  const axes = layoutAxes(measurer(), chart.model, size, font);
  const { plot, xDomain, domain, values } = axes;
  if (plot.width < 20 || plot.height < 20) return null;
  const xScale = linearScale(xDomain, [plot.left, plot.left + plot.width]);
  const makeY = chart.model.scale === "log" ? logScale : linearScale;
  const yScale = makeY(domain, [plot.top + plot.height, plot.top]);
  const xs = chart.model.steps.map(xScale);
  const ghostXs = chart.model.ghostSteps.map(xScale);
  const ghostYs = axes.ghostValues.map((v) => (Number.isFinite(v) ? yScale(v) : NaN));
  const eventXs = chart.model.events.map((step) => xScale(step - 0.5)); // between the two steps
  const ys = values.map((v) => (Number.isFinite(v) ? yScale(v) : NaN));
  // More points than pixel columns: draw each column's extremes only, the shape stays the same.
  const drawn = xs.length > 2 * plot.width ? decimateByColumn(xs, ys) : xs.map((_, i) => i);
  const markers = xs.length <= MARKER_MAX_POINTS && plot.width / Math.max(1, xs.length - 1) >= MARKER_MIN_GAP;
  chart.geom = {
    ...axes, size, font, xScale, yScale, xs, ys, drawn, markers, eventXs, ghostXs, ghostYs, lossLabel: chart.props.lossLabel,
  };
  return chart.geom;
}

// The chart is painted on a canvas outside the document, then copied in one drawImage: text on
// the page's own canvas makes the browser bring the whole page's style up to date first.
function offscreen(chart) {
  const { width, height } = chart.canvas;
  if (typeof OffscreenCanvas !== "function") return chart.canvas;
  if (chart.buffer?.width !== width || chart.buffer?.height !== height) chart.buffer = new OffscreenCanvas(width, height);
  return chart.buffer;
}

// Tick labels are measured on a canvas outside the document: setting the font of the page's
// canvas makes the browser bring the whole page's style up to date first, once more per step.
let measuring = null;
function measurer() {
  measuring ??= typeof OffscreenCanvas === "function"
    ? new OffscreenCanvas(1, 1).getContext("2d") : document.createElement("canvas").getContext("2d");
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
  const first = steps[0] ?? 0;
  const lastStep = Math.max(steps[steps.length - 1] ?? first, ghostSteps[ghostSteps.length - 1] ?? first);
  const xDomain = [first, lastStep > first ? lastStep : first + 1];
  const xLabelWidth = ctx.measureText(String(xDomain[1])).width;
  const left = Math.ceil(4 + LABEL_FONT + 10 + yLabelWidth + 6);
  const right = Math.ceil(Math.max(12, xLabelWidth / 2 + 4));
  const plot = { left, top: 12, width: size.width - left - right, height: size.height - 12 - 46 };
  const xTickCount = Math.max(2, Math.floor(plot.width / (xLabelWidth + 28)));
  const xTicks = linearTicks(xDomain[0], xDomain[1], xTickCount, { integer: true });
  return { plot, xDomain, domain, values, ghostValues, xTicks, yTicks };
}

function draw(chart) {
  const geom = chart.geom ?? layout(chart);
  if (!geom) return;
  chart.colors ??= readChartColors(chart.root); // read again when the theme changes (redraw)
  const buffer = offscreen(chart);
  paintLossChart(buffer, geom, chart.colors, chart.active);
  if (buffer !== chart.canvas) {
    const ctx = chart.canvas.getContext("2d");
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, chart.canvas.width, chart.canvas.height);
    ctx.drawImage(buffer, 0, 0);
  }
  showTooltip(chart, geom);
}

function showTooltip(chart, { xs, ys, plot, size }) {
  const { tooltip, active, model } = chart;
  tooltip.hidden = active === null;
  if (active === null) return;
  tooltip.textContent = `Step ${model.steps[active]} · Loss ${formatLoss(model.losses[active])}`;
  const y = Number.isFinite(ys[active]) ? ys[active] : plot.top;
  const w = tooltip.offsetWidth;
  const h = tooltip.offsetHeight;
  const left = Math.max(0, Math.min(size.width - w, xs[active] - w / 2));
  const top = y - h - 10 >= 0 ? y - h - 10 : y + 12;
  tooltip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
}
