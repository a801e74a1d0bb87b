// Loss History chart: owns the DOM inside its container (scale toggle, canvas, tooltip, hint) and
// draws history losses on the canvas. It keeps no app state: the scale comes in with each render
// and a toggle click is only reported through onScaleChange. Geometry lives in chart-scale.js.

import {
  decimateByColumn, formatLogTick, formatLoss, linearScale, linearTicks, logScale, logTicks, lossDomain, nearestIndex,
} from "./chart-scale.js";

const charts = new WeakMap(); // container -> chart (DOM refs, last data, cached geometry)
const TICK_FONT = 11;
const LABEL_FONT = 12;
const MARKER_MAX_POINTS = 60;
const KEY_STEPS = { ArrowLeft: -1, ArrowRight: 1, ArrowDown: -1, ArrowUp: 1, PageDown: -10, PageUp: 10 };
const DEFAULT_HINT = "Only step 0 so far. Take a step to start the curve.";

/** Render (or redraw) the chart for `history` (records {step, loss, ...}, step 0 first). */
export function renderLossChart(container, { history = [], scale = "linear", onScaleChange, hint } = {}) {
  const chart = charts.get(container) ?? buildChart(container);
  chart.props = { history, scale: scale === "log" ? "log" : "linear", onScaleChange, hint };
  chart.model = modelFor(history, chart.props.scale);
  chart.geom = null;
  const keep = chart.pointerInside || chart.canvas.matches(":focus-visible");
  chart.active = keep && chart.active !== null ? Math.min(chart.active, chart.model.steps.length - 1) : null;
  updateDom(chart);
  draw(chart);
}

/** Where the chart drew point i, in CSS px relative to the canvas (for tests and annotations). */
export function lossChartGeometry(container) {
  const chart = charts.get(container);
  if (!chart) return null;
  const geom = chart.geom ?? layout(chart);
  if (!geom) return null;
  const { plot, xs, ys } = geom;
  const point = (i) => ({ x: xs[i], y: ys[i], step: chart.model.steps[i], loss: chart.model.losses[i] });
  return { plot, count: xs.length, point, activeIndex: chart.active };
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
  const chart = { container, root, note, buttons, canvas, tooltip, hint: hintEl, active: null, pointerInside: false };
  charts.set(container, chart);
  listen(chart);
  return chart;
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  el.className = className;
  if (text) el.textContent = text;
  return el;
}

function scaleButton(value) {
  const button = element("button", "", value === "log" ? "Log" : "Linear");
  button.type = "button";
  button.dataset.scale = value;
  button.setAttribute("aria-label", `${value === "log" ? "Logarithmic" : "Linear"} loss axis`);
  return button;
}

function listen(chart) {
  const { canvas, buttons } = chart;
  for (const button of buttons) button.addEventListener("click", () => chooseScale(chart, button.dataset.scale));
  canvas.addEventListener("pointermove", (e) => pointAt(chart, e));
  canvas.addEventListener("pointerdown", (e) => pointAt(chart, e));
  canvas.addEventListener("pointerleave", (e) => leave(chart, e));
  canvas.addEventListener("pointercancel", (e) => leave(chart, e));
  canvas.addEventListener("keydown", (e) => onKey(chart, e));
  canvas.addEventListener("focus", () => chart.active === null && setActive(chart, chart.model.steps.length - 1));
  canvas.addEventListener("blur", () => !chart.pointerInside && setActive(chart, null));
  new ResizeObserver(() => redraw(chart)).observe(canvas);
  // Themes change colours and fonts without a render call.
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => redraw(chart));
  new MutationObserver(() => redraw(chart)).observe(document.documentElement, { attributeFilter: ["class", "data-theme"] });
  watchPixelRatio(chart);
}

function redraw(chart) {
  chart.geom = null;
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
  if (event.key in KEY_STEPS) next = (chart.active ?? last) + KEY_STEPS[event.key] * (event.shiftKey ? 10 : 1);
  else if (event.key === "Home") next = 0;
  else if (event.key === "End") next = last;
  else if (event.key === "Escape") next = null;
  else return;
  event.preventDefault();
  setActive(chart, next === null ? null : Math.max(0, Math.min(last, next)));
}

function setActive(chart, index) {
  const next = index === null || index < 0 ? null : index;
  if (next === chart.active) return;
  chart.active = next;
  draw(chart);
}

function modelFor(history, scale) {
  const steps = history.map((h) => h.step);
  const losses = history.map((h) => (typeof h.loss === "number" ? h.loss : NaN));
  const { floor, clamped } = lossDomain(losses, scale);
  return { steps, losses, floor, clamped, scale };
}

function updateDom(chart) {
  const { model, props } = chart;
  for (const b of chart.buttons) b.setAttribute("aria-pressed", String(b.dataset.scale === model.scale));
  chart.note.textContent = model.clamped
    ? `${model.clamped} loss${model.clamped === 1 ? "" : "es"} ≤ 0 cannot be shown on a log axis; drawn at ${formatLogTick(model.floor)}.`
    : "";
  chart.hint.textContent = model.steps.length ? props.hint ?? DEFAULT_HINT : "No losses recorded yet.";
  chart.hint.hidden = model.steps.length > 1;
  chart.canvas.setAttribute("aria-label", summary(model));
}

function summary({ steps, losses, scale }) {
  const axis = scale === "log" ? ", log scale" : "";
  if (steps.length === 0) return "Loss history, no data yet";
  const n = steps[steps.length - 1];
  const latest = formatLoss(losses[losses.length - 1]);
  if (steps.length === 1) return `Loss history, no steps yet, loss ${latest} at step ${n}${axis}`;
  return `Loss history, ${n} step${n === 1 ? "" : "s"}, latest ${latest}${axis}. Arrow keys move between steps.`;
}

/** Size the backing store to CSS size × devicePixelRatio; null while the canvas is not laid out. */
function sizeCanvas(canvas) {
  const { width, height } = canvas.getBoundingClientRect();
  if (width < 1 || height < 1) return null;
  const ratio = window.devicePixelRatio || 1;
  const bw = Math.round(width * ratio);
  const bh = Math.round(height * ratio);
  if (canvas.width !== bw) canvas.width = bw;
  if (canvas.height !== bh) canvas.height = bh;
  return { width, height, sx: bw / width, sy: bh / height };
}

function layout(chart) {
  const size = sizeCanvas(chart.canvas);
  if (!size || !chart.model) return null;
  const ctx = chart.canvas.getContext("2d");
  const font = getComputedStyle(chart.root).fontFamily || "system-ui, sans-serif";
  ctx.font = `${TICK_FONT}px ${font}`;
  const { steps, losses, scale } = chart.model;
  const yTickCount = Math.max(3, Math.min(6, Math.floor(size.height / 45)));
  const { values, domain } = lossDomain(losses, scale, yTickCount);
  const yTicks = scale === "log" ? logTicks(domain[0], domain[1], yTickCount) : linearTicks(domain[0], domain[1], yTickCount);
  const yLabelWidth = Math.max(...yTicks.map((t) => ctx.measureText(t.label).width));
  const xDomain = steps.length > 1 ? [steps[0], steps[steps.length - 1]] : [steps[0] ?? 0, (steps[0] ?? 0) + 1];
  const lastLabel = ctx.measureText(String(xDomain[1])).width;
  const left = Math.ceil(4 + LABEL_FONT + 10 + yLabelWidth + 6);
  const right = Math.ceil(Math.max(12, lastLabel / 2 + 4));
  const plot = { left, top: 12, width: size.width - left - right, height: size.height - 12 - 46 };
  if (plot.width < 20 || plot.height < 20) return null;
  const xTickCount = Math.max(2, Math.floor(plot.width / (lastLabel + 28)));
  const xTicks = linearTicks(xDomain[0], xDomain[1], xTickCount, { integer: true });
  const xScale = linearScale(xDomain, [plot.left, plot.left + plot.width]);
  const makeY = scale === "log" ? logScale : linearScale;
  const yScale = makeY(domain, [plot.top + plot.height, plot.top]);
  const xs = steps.map(xScale);
  const ys = values.map((v) => (Number.isFinite(v) ? yScale(v) : NaN));
  const drawn = xs.length > 2 * plot.width ? decimateByColumn(xs, ys) : xs.map((_, i) => i);
  const markers = xs.length <= MARKER_MAX_POINTS && plot.width / Math.max(1, xs.length) >= 6;
  chart.geom = { size, font, plot, xTicks, yTicks, xScale, yScale, xs, ys, drawn, markers };
  return chart.geom;
}

function draw(chart) {
  const geom = chart.geom ?? layout(chart);
  if (!geom) return;
  const ctx = chart.canvas.getContext("2d");
  const colors = readColors(chart.root);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, chart.canvas.width, chart.canvas.height);
  ctx.setTransform(geom.size.sx, 0, 0, geom.size.sy, 0, 0);
  drawAxes(ctx, geom, colors);
  drawLine(ctx, geom, colors);
  drawHighlight(ctx, geom, colors, chart.active);
  showTooltip(chart, geom);
}

function readColors(root) {
  const style = getComputedStyle(root);
  const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  const text = read("--loss-chart-text", style.color || "#333");
  return {
    text,
    axis: read("--loss-chart-axis", text),
    grid: read("--loss-chart-grid", "rgba(128, 128, 128, 0.25)"),
    line: read("--loss-chart-line", "#2563eb"),
    highlight: read("--loss-chart-highlight", "#d9480f"),
    surface: read("--loss-chart-surface", surfaceColor(root)),
  };
}

/** The first opaque background behind the chart, so markers can be punched out of the line. */
function surfaceColor(el) {
  for (let node = el; node instanceof Element; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    if (bg && bg !== "transparent" && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return "#fff";
}

// Crisp 1-px lines: put them on the centre of a device pixel.
function crisp(v, scale) {
  return (Math.round(v * scale - 0.5) + 0.5) / scale;
}

function drawAxes(ctx, geom, colors) {
  const { plot, xTicks, yTicks, xScale, yScale, size, font } = geom;
  const bottom = plot.top + plot.height;
  ctx.lineWidth = 1 / size.sy;
  ctx.font = `${TICK_FONT}px ${font}`;
  ctx.fillStyle = colors.text;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const tick of yTicks) {
    const y = crisp(yScale(tick.value), size.sy);
    line(ctx, plot.left, y, plot.left + plot.width, y, colors.grid);
    ctx.fillText(tick.label, plot.left - 6, y);
  }
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.lineWidth = 1 / size.sx;
  for (const tick of xTicks) {
    const x = crisp(xScale(tick.value), size.sx);
    line(ctx, x, bottom, x, bottom + 4, colors.axis);
    ctx.fillText(tick.label, x, bottom + 6);
  }
  line(ctx, crisp(plot.left, size.sx), plot.top, crisp(plot.left, size.sx), bottom, colors.axis);
  line(ctx, plot.left, crisp(bottom, size.sy), plot.left + plot.width, crisp(bottom, size.sy), colors.axis);
  drawAxisLabels(ctx, geom, colors);
}

function drawAxisLabels(ctx, { plot, size, font }, colors) {
  ctx.font = `${LABEL_FONT}px ${font}`;
  ctx.fillStyle = colors.text;
  ctx.textAlign = "center";
  ctx.textBaseline = "bottom";
  ctx.fillText("Step", plot.left + plot.width / 2, size.height - 4);
  ctx.save();
  ctx.translate(4, plot.top + plot.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = "top";
  ctx.fillText("Loss (½·squared error)", 0, 0);
  ctx.restore();
}

function line(ctx, x0, y0, x1, y1, color) {
  ctx.strokeStyle = color;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

function tracePath(ctx, { xs, ys, drawn }) {
  let pen = false;
  for (const i of drawn) {
    if (!Number.isFinite(ys[i])) pen = false;
    else if (pen) ctx.lineTo(xs[i], ys[i]);
    else { ctx.moveTo(xs[i], ys[i]); pen = true; }
  }
}

function drawLine(ctx, geom, colors) {
  const { xs, ys, markers } = geom;
  ctx.lineWidth = 2;
  ctx.lineJoin = ctx.lineCap = "round";
  ctx.strokeStyle = colors.line;
  ctx.beginPath();
  tracePath(ctx, geom);
  ctx.stroke();
  if (!markers && xs.length > 1) return;
  ctx.fillStyle = colors.surface;
  ctx.lineWidth = 1.5;
  for (let i = 0; i < xs.length; i += 1) {
    if (!Number.isFinite(ys[i])) continue;
    ctx.beginPath();
    ctx.arc(xs[i], ys[i], xs.length === 1 ? 4.5 : 3, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
}

function drawHighlight(ctx, { xs, ys, plot, size }, colors, index) {
  if (index === null || !Number.isFinite(ys[index])) return;
  const x = crisp(xs[index], size.sx);
  ctx.lineWidth = 1 / size.sx;
  ctx.setLineDash([3, 3]);
  line(ctx, x, plot.top, x, plot.top + plot.height, colors.axis);
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.arc(xs[index], ys[index], 5.5, 0, 2 * Math.PI);
  ctx.fillStyle = colors.highlight;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = colors.surface;
  ctx.stroke();
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
