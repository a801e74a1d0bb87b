// Canvas painting for the Loss History chart: axes, grid, tick and axis labels, the loss line,
// markers and the highlighted step. It only draws the geometry loss-chart.js hands it.

export const TICK_FONT = 11;
export const LABEL_FONT = 12;

/** Clear the canvas and paint everything; geom is in CSS px, scaled to the backing store here. */
export function paintLossChart(canvas, geom, colors, activeIndex) {
  const ctx = canvas.getContext("2d");
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(geom.size.sx, 0, 0, geom.size.sy, 0, 0);
  drawAxes(ctx, geom, colors);
  drawEvents(ctx, geom, colors);
  drawGhost(ctx, geom, colors);
  drawLine(ctx, geom, colors);
  drawHighlight(ctx, geom, colors, activeIndex);
}

/** Chart colours from CSS custom properties, falling back to the text colour and safe defaults. */
export function readChartColors(root) {
  const style = getComputedStyle(root);
  const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  const text = read("--loss-chart-text", style.color || "#333");
  return {
    text,
    axis: read("--loss-chart-axis", text),
    grid: read("--loss-chart-grid", "rgba(128, 128, 128, 0.25)"),
    line: read("--loss-chart-line", "#2563eb"),
    highlight: read("--loss-chart-highlight", "#d9480f"),
    event: read("--loss-chart-event", "#a15c00"),
    ghost: read("--loss-chart-ghost", "rgba(110, 120, 135, 0.75)"),
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
  const [axisX, axisY] = [crisp(plot.left, size.sx), crisp(bottom, size.sy)];
  line(ctx, axisX, plot.top, axisX, bottom, colors.axis);
  line(ctx, plot.left, axisY, plot.left + plot.width, axisY, colors.axis);
  drawAxisLabels(ctx, geom, colors);
}

/** "Step" under the plot and "Loss (…)" up its left side (the comparison chart uses it too). */
export function drawAxisLabels(ctx, { plot, size, font, lossLabel }, colors) {
  ctx.font = `${LABEL_FONT}px ${font}`;
  ctx.fillStyle = colors.text;
  ctx.textAlign = "center";
  ctx.textBaseline = "bottom";
  ctx.fillText("Step", plot.left + plot.width / 2, size.height - 4);
  ctx.save();
  ctx.translate(4, plot.top + plot.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = "top";
  ctx.fillText(`Loss (${lossLabel})`, 0, 0);
  ctx.restore();
}

// A change of inputs, target or η: a dashed line between the last step before it and the first
// after.
function drawEvents(ctx, { eventXs, plot, size }, colors) {
  ctx.lineWidth = 1.5;
  ctx.setLineDash([5, 4]);
  for (const x of eventXs) {
    const cx = crisp(x, size.sx);
    line(ctx, cx, plot.top, cx, plot.top + plot.height, colors.event);
  }
  ctx.setLineDash([]);
  ctx.fillStyle = colors.event;
  for (const x of eventXs) {
    ctx.beginPath();
    ctx.moveTo(x - 5, plot.top - 6);
    ctx.lineTo(x + 5, plot.top - 6);
    ctx.lineTo(x, plot.top + 2);
    ctx.fill();
  }
}

// The branch left by going back in time: dashed and grey, so the current run stands out.
function drawGhost(ctx, { ghostXs, ghostYs }, colors) {
  if (ghostXs.length < 2) return;
  ctx.lineWidth = 1.75;
  ctx.setLineDash([4, 4]);
  ctx.strokeStyle = colors.ghost;
  ctx.beginPath();
  tracePath(ctx, { xs: ghostXs, ys: ghostYs, drawn: ghostXs.map((_, i) => i) });
  ctx.stroke();
  ctx.setLineDash([]);
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
