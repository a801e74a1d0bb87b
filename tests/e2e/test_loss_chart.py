"""The Loss History chart as a learner sees it: a line through every step's loss on nice axes,
hover/touch/keyboard readings, a linear/log toggle, crisp pixels on high-DPI screens, and sane
drawings for one point, zero losses and thousands of steps. The pure scale helpers are checked
against hand-worked numbers. Synthetic histories render into a test div of the built page; the
lab's own #loss-chart is checked after real steps."""

import math
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"

# Loads the chart modules into the page and adds a 600-px test container above the lab.
SETUP = """async () => {
  if (!document.querySelector('link[href$="css/loss-chart.css"]')) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = "css/loss-chart.css";
    const loaded = new Promise((resolve) => { link.onload = resolve; });
    document.head.append(link);
    await loaded;
  }
  // On the lab page: the very modules it runs (from its bundle); on the bare shell: their files.
  const lab = document.querySelector('script[src="js/main.bundle.js"]');
  const modules = lab ? (await import("./js/main.bundle.js")).modules : null;
  const load = (path) => modules?.[path] ?? import(new URL(path, document.baseURI).href);
  window.lossChart = await load("js/charts/loss-chart.js");
  window.chartScale = await load("js/core/chart-scale.js");
  const box = document.createElement("div");
  box.id = "chart-under-test";
  box.style.width = "600px";
  document.body.prepend(box);
  window.scrollTo(0, 0);
  window.scaleRequests = [];
  window.renderTest = (losses, scale = "linear") => {
    const history = losses.map((loss, step) => ({ step, loss, prediction: [0], target: [2],
      lr: 0.01, delta_loss: step ? loss - losses[step - 1] : null }));
    lossChart.render(box, { history, scale, onScaleChange: (s) => scaleRequests.push(s) });
  };
  // Strongest ink (max alpha) and its colour in a small window of device pixels around a CSS point.
  window.inkAt = (selector, x, y, r = 2) => {
    const canvas = document.querySelector(selector).querySelector("canvas");
    const rect = canvas.getBoundingClientRect();
    const px = Math.round(x * canvas.width / rect.width);
    const py = Math.round(y * canvas.height / rect.height);
    const data = canvas.getContext("2d").getImageData(px - r, py - r, 2 * r + 1, 2 * r + 1).data;
    let best = [0, 0, 0, 0];
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > best[3]) best = [...data.slice(i, i + 4)];
    }
    return { r: best[0], g: best[1], b: best[2], a: best[3] };
  };
}"""

BOX = "#chart-under-test"
KEYS_HINT = "Arrow keys move between steps."
DECAY = [round(1.6171 * 0.9**k, 6) for k in range(13)]  # 12 steps of a falling loss


@pytest.fixture
def chart_page(page, lab_url, lab_dist):
    return open_shell(page, lab_url, lab_dist)


def open_shell(page, lab_url, lab_dist):
    """The built page (its CSP, styles and modules) minus the app's and the engine's bundles:
    synthetic histories need no engine, so each test skips the Pyodide start-up."""
    shell = re.sub(r'<script\b[^>]*\bsrc="js/(main|engine-start)\.bundle\.js"[^>]*>\s*</script>',
                   "", (lab_dist / "index.html").read_text(encoding="utf-8"))
    page.route(lab_url, lambda route: route.fulfill(body=shell, content_type="text/html"))
    page.goto(lab_url)
    page.evaluate(SETUP)
    return page


def render(page, losses, scale="linear"):
    page.evaluate("([losses, scale]) => renderTest(losses, scale)", [losses, scale])


def geometry(page, selector=BOX):
    """Plot box, point count and every point's CSS position relative to the canvas."""
    return page.evaluate("""(selector) => {
        const g = lossChart.lossChartGeometry(document.querySelector(selector));
        const points = Array.from({ length: g.count }, (_, i) => g.point(i));
        return { plot: g.plot, count: g.count, drawnCount: g.drawnCount, points };
    }""", selector)


def ink(page, point, selector=BOX, dy=0):
    return page.evaluate("([s, x, y]) => inkAt(s, x, y)", [selector, point["x"], point["y"] + dy])


def canvas_box(page, selector=BOX):
    return page.locator(f"{selector} canvas").bounding_box()


def hover(page, point, selector=BOX, dx=0.0):
    box = canvas_box(page, selector)
    page.mouse.move(box["x"] + point["x"] + dx, box["y"] + point["y"])


# Pure helpers, against hand-worked numbers.

def test_nice_ticks_fall_on_round_1_2_5_steps_inside_the_range(chart_page):
    ticks = chart_page.evaluate("""() => ({
        loss: chartScale.linearTicks(0, 1.7, 5).map((t) => t.label),
        small: chartScale.linearTicks(0.8, 1.7, 5).map((t) => t.value),
        steps: chartScale.linearTicks(0, 3, 8, { integer: true }).map((t) => t.label),
        many: chartScale.linearTicks(0, 5000, 5, { integer: true }).map((t) => t.value),
        domain: chartScale.niceDomain(0.83, 1.62, 5),
        step: [chartScale.niceStep(10, 5), chartScale.niceStep(0.07, 5), chartScale.niceStep(3, 5)],
    })""")
    assert ticks["loss"] == ["0.0", "0.5", "1.0", "1.5"]
    assert ticks["small"] == [0.8, 1.0, 1.2, 1.4, 1.6]
    assert ticks["steps"] == ["0", "1", "2", "3"]  # steps are whole numbers, never 0.5
    assert ticks["many"] == [0, 1000, 2000, 3000, 4000, 5000]
    assert ticks["domain"] == [0.8, 1.8]
    assert ticks["step"] == [2, 0.02, 1]


def test_a_log_scale_spaces_decades_evenly_and_ticks_at_powers_of_ten(chart_page):
    log = chart_page.evaluate("""() => {
        const y = chartScale.logScale([0.001, 10], [100, 0]);
        return {
            at: [y(0.001), y(0.01), y(1), y(10)],
            back: y.invert(50),
            near: chartScale.logTicks(0.001, 10).map((t) => t.label),
            far: chartScale.logTicks(1e-8, 1).map((t) => t.label),
            narrow: chartScale.logTicks(0.3, 1.7).map((t) => t.value),
        };
    }""")
    assert log["at"] == pytest.approx([100, 75, 25, 0])
    assert log["back"] == pytest.approx(0.1)
    assert log["near"] == ["0.001", "0.01", "0.1", "1", "10"]
    assert log["far"] == ["10⁻⁸", "10⁻⁶", "10⁻⁴", "10⁻²", "10⁰"]
    assert log["narrow"] == [0.5, 1.0, 1.5]  # under a decade: plain round numbers


def test_a_log_domain_draws_zero_and_negative_losses_at_a_floor_below_the_smallest_one(chart_page):
    d = chart_page.evaluate("() => chartScale.lossDomain([1.6, 0.02, 0, -1, NaN], 'log')")
    assert d["floor"] == pytest.approx(0.001)  # one decade below 0.02's decade
    assert d["clamped"] == 2
    assert d["values"][:4] == pytest.approx([1.6, 0.02, 0.001, 0.001])
    assert math.isnan(d["values"][4])  # a non-finite loss stays a gap, nothing is invented
    lo, hi = d["domain"]
    assert 0 < lo < 0.001 and hi > 1.6


def test_a_linear_domain_shows_zero_once_the_loss_has_halved_but_not_for_a_small_change(chart_page):
    fallen, slight = chart_page.evaluate("""() => [
        chartScale.lossDomain([1.6171, 0.5], 'linear').domain,
        chartScale.lossDomain([1.6171, 1.55], 'linear').domain]""")
    assert fallen == [0, 2]
    assert slight[0] > 1.4 and slight[1] >= 1.6171


def test_decimation_keeps_about_four_points_per_pixel_column_and_every_spike(chart_page):
    kept = chart_page.evaluate("""() => {
        const n = 100000, xs = [], ys = [];
        for (let i = 0; i < n; i += 1) {
            xs.push(i / 200);
            ys.push(i === 54321 ? 999 : Math.sin(i));
        }
        return chartScale.decimateByColumn(xs, ys);
    }""")
    assert len(kept) <= 4 * 500
    assert 54321 in kept and kept[0] == 0 and kept[-1] == 99999


def test_nearest_index_picks_the_closest_step(chart_page):
    got = chart_page.evaluate(
        "() => [2.4, 2.6, -5, 99].map((x) => chartScale.nearestIndex([0, 1, 2, 3], x))")
    assert got == [2, 3, 0, 3]


# The drawn chart.

def test_the_line_is_drawn_through_the_first_and_last_losses(chart_page):
    render(chart_page, DECAY)
    g = geometry(chart_page)
    first, last = g["points"][0], g["points"][-1]
    assert first["x"] == pytest.approx(g["plot"]["left"], abs=0.5)
    assert last["x"] == pytest.approx(g["plot"]["left"] + g["plot"]["width"], abs=0.5)
    assert first["y"] < last["y"]  # a falling loss goes down the screen
    for p in (first, g["points"][6], last):
        assert ink(chart_page, p)["a"] > 200, p
    # Far above the falling line, near the right edge, there is at most a faint gridline.
    above = {"x": last["x"] - 4, "y": g["plot"]["top"] + 0.15 * g["plot"]["height"]}
    assert ink(chart_page, above)["a"] < 100


def test_axes_are_labelled_and_the_summary_names_the_steps_and_latest_loss(chart_page):
    render(chart_page, DECAY)
    canvas = chart_page.locator(f"{BOX} canvas")
    expect(canvas).to_have_attribute(
        "aria-label", f"Loss history, 12 steps, latest {DECAY[-1]:.4f}. {KEYS_HINT}")
    expect(canvas).to_have_attribute("tabindex", "0")
    expect(chart_page.locator(f"{BOX} .loss-chart__hint")).to_be_hidden()


def test_hovering_near_a_step_shows_its_loss_and_highlights_the_point(chart_page):
    render(chart_page, DECAY)
    g = geometry(chart_page)
    spacing = g["points"][1]["x"] - g["points"][0]["x"]
    hover(chart_page, g["points"][5], dx=0.3 * spacing)  # nearest step by x, not exact aim
    tooltip = chart_page.locator(f"{BOX} .loss-chart__tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(f"Step 5 · Loss {DECAY[5]:.4f}")
    marker = ink(chart_page, g["points"][5])
    assert marker["r"] > marker["b"], "the highlighted point is drawn in the highlight colour"
    chart_page.mouse.move(0, 700)
    expect(tooltip).to_be_hidden()


def test_a_tap_leaves_the_reading_on_screen_after_the_finger_lifts(chart_page):
    render(chart_page, DECAY)
    g = geometry(chart_page)
    box = canvas_box(chart_page)
    chart_page.evaluate("""([x, y]) => {
        const canvas = document.querySelector("#chart-under-test canvas");
        for (const type of ["pointerdown", "pointerup", "pointerleave"]) {
            const init = { pointerType: "touch", clientX: x, clientY: y, bubbles: true };
            canvas.dispatchEvent(new PointerEvent(type, init));
        }
    }""", [box["x"] + g["points"][3]["x"], box["y"] + g["points"][3]["y"]])
    tooltip = chart_page.locator(f"{BOX} .loss-chart__tooltip")
    expect(tooltip).to_have_text(f"Step 3 · Loss {DECAY[3]:.4f}")


def test_arrow_keys_move_the_highlighted_step(chart_page):
    render(chart_page, DECAY)
    canvas = chart_page.locator(f"{BOX} canvas")
    tooltip = chart_page.locator(f"{BOX} .loss-chart__tooltip")
    canvas.focus()
    expect(tooltip).to_have_text(f"Step 12 · Loss {DECAY[12]:.4f}")  # focus starts at the latest
    canvas.press("ArrowLeft")
    canvas.press("ArrowLeft")
    expect(tooltip).to_have_text(f"Step 10 · Loss {DECAY[10]:.4f}")
    canvas.press("Home")
    expect(tooltip).to_have_text(f"Step 0 · Loss {DECAY[0]:.4f}")
    canvas.press("ArrowLeft")  # stays at the first step
    expect(tooltip).to_have_text(f"Step 0 · Loss {DECAY[0]:.4f}")
    canvas.press("End")
    expect(tooltip).to_have_text(f"Step 12 · Loss {DECAY[12]:.4f}")


def test_the_log_toggle_asks_the_app_and_the_log_drawing_differs(chart_page):
    render(chart_page, DECAY)
    toggle = chart_page.locator(BOX).get_by_role("group", name="Loss axis scale")
    linear_button = toggle.get_by_role("button", name="Linear", exact=True)
    log_button = toggle.get_by_role("button", name="Log", exact=True)
    expect(linear_button).to_have_attribute("aria-pressed", "true")
    expect(log_button).to_have_attribute("aria-pressed", "false")
    before = chart_page.evaluate(f"document.querySelector('{BOX} canvas').toDataURL()")
    linear_mid = geometry(chart_page)["points"][6]
    log_button.click()
    assert chart_page.evaluate("scaleRequests") == ["log"]  # the app owns the scale
    render(chart_page, DECAY, "log")  # ...and renders with it
    expect(log_button).to_have_attribute("aria-pressed", "true")
    expect(linear_button).to_have_attribute("aria-pressed", "false")
    g = geometry(chart_page)
    assert chart_page.evaluate(f"document.querySelector('{BOX} canvas').toDataURL()") != before
    # 0.9^k is a straight line on a log axis: the middle point sits halfway between the ends.
    ends = (g["points"][0]["y"] + g["points"][12]["y"]) / 2
    assert g["points"][6]["y"] == pytest.approx(ends, abs=0.5)
    assert abs(g["points"][6]["y"] - linear_mid["y"]) > 2
    assert ink(chart_page, g["points"][6])["a"] > 200


def test_zero_and_negative_losses_on_a_log_axis_are_drawn_at_a_floor_and_said_so(chart_page):
    render(chart_page, [1.6, 0.4, 0.05, 0.0, -0.01], "log")
    g = geometry(chart_page)
    assert all(math.isfinite(p["y"]) for p in g["points"])
    assert g["points"][3]["y"] == pytest.approx(g["points"][4]["y"])
    assert g["points"][3]["y"] <= g["plot"]["top"] + g["plot"]["height"]
    assert ink(chart_page, g["points"][4])["a"] > 200
    expect(chart_page.locator(f"{BOX} .loss-chart__note")).to_have_text(
        "2 losses ≤ 0 cannot be shown on a log axis; drawn at 0.001.")
    assert "NaN" not in chart_page.locator(BOX).inner_text()


def test_step_zero_alone_is_one_point_with_a_hint(chart_page):
    render(chart_page, [1.6171])
    g = geometry(chart_page)
    assert g["count"] == 1
    assert ink(chart_page, g["points"][0])["a"] > 200
    expect(chart_page.locator(f"{BOX} .loss-chart__hint")).to_be_visible()
    expect(chart_page.locator(f"{BOX} canvas")).to_have_attribute(
        "aria-label", "Loss history, no steps yet, loss 1.6171 at step 0")
    render(chart_page, [1.6171, 1.5])
    expect(chart_page.locator(f"{BOX} .loss-chart__hint")).to_be_hidden()


def test_rendering_again_redraws_in_place(chart_page):
    render(chart_page, DECAY)
    render(chart_page, DECAY[:5])
    render(chart_page, DECAY, "log")
    assert chart_page.locator(f"{BOX} canvas").count() == 1
    assert chart_page.locator(f"{BOX} .loss-chart__scale").count() == 1
    assert geometry(chart_page)["count"] == 13


def test_twenty_thousand_steps_draw_as_about_one_point_per_pixel_column(chart_page):
    # What keeps a long run's chart quick is the points it draws, not a time limit (bench/perf.py
    # measures the time): at most a few per pixel column.
    chart_page.evaluate("""() => {
        const loss = (k) => 1.6 * Math.exp(-k / 4000) + 0.01 * Math.sin(k);
        renderTest(Array.from({ length: 20001 }, (_, k) => loss(k)));
    }""")
    g = chart_page.evaluate("""() => {
        const g = lossChart.lossChartGeometry(document.querySelector("#chart-under-test"));
        const [first, last] = [g.point(0), g.point(g.count - 1)];
        return { plot: g.plot, count: g.count, drawnCount: g.drawnCount, first, last };
    }""")
    assert g["count"] == 20001
    assert g["drawnCount"] <= 4 * math.ceil(g["plot"]["width"]) + 4
    assert ink(chart_page, g["first"])["a"] > 200 and ink(chart_page, g["last"])["a"] > 200


def test_on_a_high_dpi_screen_the_canvas_has_two_device_pixels_per_css_pixel_and_follows_resizes(
        browser, lab_url, lab_dist, lab_guard):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, device_scale_factor=2)
    context.route("**/*", lab_guard.route)
    page = context.new_page()
    page.on("pageerror", lambda err: lab_guard.record(f"page error: {err}"))
    page.on("console", lambda msg: msg.type == "error"
            and lab_guard.record(f"console error: {msg.text}"))
    try:
        open_shell(page, lab_url, lab_dist)
        render(page, DECAY)
        assert backing_ratio(page) == pytest.approx((2, 2), abs=0.01)
        page.evaluate("document.getElementById('chart-under-test').style.width = '360px'")
        page.wait_for_function("""() => {
            const c = document.querySelector("#chart-under-test canvas");
            return Math.abs(c.width - 2 * c.getBoundingClientRect().width) <= 1 && c.width < 760;
        }""")
        g = geometry(page)
        assert g["plot"]["left"] + g["plot"]["width"] < 360
        assert ink(page, g["points"][0])["a"] > 200 and ink(page, g["points"][-1])["a"] > 200
    finally:
        context.close()


def backing_ratio(page):
    return tuple(page.evaluate("""() => {
        const c = document.querySelector("#chart-under-test canvas");
        const r = c.getBoundingClientRect();
        return [c.width / r.width, c.height / r.height];
    }"""))


# The lab's own chart.

def test_the_labs_chart_follows_real_steps(lab):
    page = lab
    page.evaluate("() => window.backpropLab.step(5)")
    page.evaluate(SETUP)
    chart = page.locator("#loss-chart")
    chart.scroll_into_view_if_needed()
    state = page.evaluate("() => window.backpropLab.getState()")
    expect(chart.locator("canvas")).to_have_attribute(
        "aria-label", f"Loss history, 5 steps, latest {state['loss']:.4f}. {KEYS_HINT}")
    g = geometry(page, "#loss-chart")
    assert g["count"] == 6
    losses = [p["loss"] for p in g["points"]]
    assert losses == pytest.approx([h["loss"] for h in state["history"]])
    assert losses[-1] < losses[0]
    for p in (g["points"][0], g["points"][-1]):
        assert ink(page, p, "#loss-chart")["a"] > 200
    hover(page, g["points"][2], "#loss-chart")
    expect(chart.locator(".loss-chart__tooltip")).to_have_text(f"Step 2 · Loss {losses[2]:.4f}")
    page.evaluate("document.getElementById('chart-under-test').remove()")  # the lab is shared


@pytest.mark.parametrize("width", [1280, 375])
def test_the_labs_chart_in_linear_and_log_is_screenshotted_for_review(lab, width):
    page = lab
    page.set_viewport_size({"width": width, "height": 800 if width > 400 else 812})
    page.evaluate("() => window.backpropLab.step(12)")
    chart = page.locator("#loss-chart")
    chart.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(exist_ok=True)
    name = "desktop" if width > 400 else "phone"
    chart.screenshot(path=SCREENSHOTS / f"loss-chart-{name}-linear.png")
    log_button = chart.get_by_role("button", name="Log", exact=True)
    log_button.click()
    expect(log_button).to_have_attribute("aria-pressed", "true")
    chart.screenshot(path=SCREENSHOTS / f"loss-chart-{name}-log.png")
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, "the chart fits the viewport"
