// Loss History chart: owns the DOM in its container (scale toggle, canvas, tooltip, hint) and the
// pointer/keyboard reading; loss-chart-model.js holds its numbers and words, loss-chart-layout.js
// its geometry, core/chart-draw.js paints. It keeps no app state: the scale comes in with each
// render; a toggle click goes to onScaleChange.
import { formatLoss, nearestIndex } from "../core/chart-scale.js";
import { paintLossChart, readChartColors } from "../core/chart-draw.js";
import { chartModel, chartSummary, clampNote, lossSeries } from "./loss-chart-model.js";
import { layout } from "./loss-chart-layout.js";

const charts = new WeakMap(); // container -> chart (DOM refs, last data, cached geometry)
const KEY_STEPS = { ArrowLeft: -1, ArrowRight: 1 }; // Shift: ×10. Up/Down scroll the page.
const DEFAULT_HINT = "Only step 0 so far. Take a step to start the curve.";

/**
 * Render (or redraw) the chart for `history` (records {step, loss, ...}, step 0 first); `events`:
 * steps whose settings changed (marked between that step and the one before); `lossLabel`: the
 * loss function's name for the y axis; `branch`: {rows} of a branch left by going back in time.
 */
export function render(container, {
  history = [], scale = "linear", onScaleChange, hint, events = [], lossLabel = "loss",
  branch = null, onPick,
} = {}) {
  const chart = charts.get(container) ?? buildChart(container);
  const axis = scale === "log" ? "log" : "linear";
  chart.props = { history, scale: axis, onScaleChange, hint, events, lossLabel, onPick };
  chart.series = lossSeries(history, chart.series);
  chart.model = chartModel(chart.series, axis, events, branch?.rows ?? []);
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
  chart.geom ??= layout(chart);
  if (!chart.geom) return null;
  const { plot, xs, ys, drawn, eventXs, ghostXs } = chart.geom;
  const { steps, losses } = chart.model;
  const point = (i) => ({ x: xs[i], y: ys[i], step: steps[i], loss: losses[i] });
  return {
    plot, count: xs.length, drawnCount: drawn.length, point, activeIndex: chart.active, eventXs,
    ghostCount: ghostXs.length,
  };
}

function buildChart(container) {
  const root = element("div", "loss-chart");
  const header = element("div", "loss-chart__header");
  const note = element("p", "loss-chart__note");
  const buttons = ["linear", "log"].map((value) => scaleButton(value));
  header.append(note, scaleGroup(buttons));
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

function scaleGroup(buttons) {
  const group = element("div", "loss-chart__scale");
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", "Loss axis scale");
  const label = element("span", "loss-chart__scale-label", "Scale");
  label.setAttribute("aria-hidden", "true");
  group.append(label, ...buttons);
  return group;
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
  const latest = () => setActive(chart, chart.model.steps.length - 1);
  canvas.addEventListener("focus", () => chart.active ?? latest());
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
  const again = () => {
    redraw(chart);
    watchPixelRatio(chart);
  };
  query.addEventListener("change", again, { once: true });
}

function chooseScale(chart, value) {
  if (value === chart.props.scale) return;
  if (typeof chart.props.onScaleChange === "function") chart.props.onScaleChange(value);
  else render(chart.container, { ...chart.props, scale: value });
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


function updateDom(chart) {
  const { model, props } = chart;
  for (const b of chart.buttons) {
    b.setAttribute("aria-pressed", String(b.dataset.scale === model.scale));
  }
  chart.note.textContent = clampNote(model);
  const hint = model.steps.length ? props.hint ?? DEFAULT_HINT : "No losses recorded yet.";
  chart.hint.textContent = hint;
  chart.hint.hidden = model.steps.length > 1;
  chart.canvas.setAttribute("aria-label", chartSummary(model));
}

// The chart is painted on a canvas outside the document, then copied in one drawImage: text on
// the page's own canvas makes the browser bring the whole page's style up to date first.
function offscreen(chart) {
  const { width, height } = chart.canvas;
  if (typeof OffscreenCanvas !== "function") return chart.canvas;
  if (chart.buffer?.width !== width || chart.buffer?.height !== height) {
    chart.buffer = new OffscreenCanvas(width, height);
  }
  return chart.buffer;
}

function draw(chart) {
  chart.geom ??= layout(chart);
  const geom = chart.geom;
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
