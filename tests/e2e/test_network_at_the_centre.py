"""The network at the centre: the drawing fills its card and its numbers are readable (14 px and
more, never over a map's colours, never overlapping), cards are as tall as what they hold, the page
reads in one order on a laptop, a wide screen and a phone, and a projector display for a classroom.
Screenshots go to screenshots/ for a person to look at; these checks measure what a person sees."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from test_accessibility import violations

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
SPIRAL = {"name": "spiral", "n": 200, "noise": 0.05, "seed": 0}
SPIRAL_RUN = {"layers": [2, 8, 8, 1], "dataset": SPIRAL, "batch_size": 20,
              "optimizer": {"name": "adam", "lr": 0.02}, "seed": 3}
SIX_BY_EIGHT = {"layers": [2, 8, 8, 8, 8, 8, 8, 1], "hidden_activation": "tanh", "bias": True,
                "dataset": SPIRAL, "optimizer": {"name": "adam", "lr": 0.01}, "seed": 3}

# The drawing in its card, and the font size on screen of every node text a person can see:
# its CSS size in the drawing's units times the drawing's scale on screen.
DRAWING = """() => {
  const svg = document.querySelector('#network svg.network');
  const card = svg.closest('.card').getBoundingClientRect();
  const box = svg.getBoundingClientRect();
  const view = svg.viewBox.baseVal; // drawn whole inside its box: the smaller of the two scales
  const scale = Math.min(box.width / view.width, box.height / view.height);
  const shown = (el) => { const s = getComputedStyle(el);
    return s.display !== 'none' && s.visibility !== 'hidden' && el.getBBox().width > 0; };
  const texts = [...svg.querySelectorAll('.node text, .output-info text')].filter(shown);
  const sizes = texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
  return { card: { top: card.top, width: card.width, height: card.height },
           svg: { top: box.top, width: box.width, height: box.height },
           smallest: Math.min(...sizes), texts: texts.length };
}"""

# Each card's empty share: the part of its inner height (padding off) that none of its visible
# children covers.
EMPTY = """() => Object.fromEntries([...document.querySelectorAll('.lab .card')]
  .filter((card) => card.offsetParent !== null).map((card) => {
    const r = card.getBoundingClientRect();
    const s = getComputedStyle(card);
    const top = r.top + parseFloat(s.paddingTop) + parseFloat(s.borderTopWidth);
    const bottom = r.bottom - parseFloat(s.paddingBottom) - parseFloat(s.borderBottomWidth);
    const kids = [...card.children].map((c) => c.getBoundingClientRect())
      .filter((b) => b.height > 0).sort((a, b) => a.top - b.top);
    let covered = 0; let reach = top;
    for (const b of kids) {
      const from = Math.max(b.top, reach); const to = Math.min(b.bottom, bottom);
      if (to > from) covered += to - from;
      reach = Math.max(reach, b.bottom);
    }
    return [card.className.match(/card--(\\w+)/)[1], 1 - covered / (bottom - top)];
  }))"""

# Every text of the drawing a person can see, as boxes on screen.
TEXT_BOXES = """() => [...document.querySelectorAll('#network svg.network text')]
  .filter((t) => { const s = getComputedStyle(t);
    return s.display !== 'none' && s.visibility !== 'hidden' && t.textContent.trim()
      && !t.closest('[display="none"], .node-callouts'); })
  .map((t) => { const b = t.getBoundingClientRect();
    return { text: t.textContent, left: b.left, right: b.right, top: b.top, bottom: b.bottom }; })
  .filter((b) => b.right > b.left)"""

# For each hidden node: whether its map is painted under the disc that holds its name and number,
# whether each of those texts' middle line lies inside that disc, and the contrast of the text's
# colour with the disc's (WCAG's relative luminance).
OVER_THE_MAP = """() => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => { const [r, g, b] = rgb(c).map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  return [...document.querySelectorAll('#network .node--hidden')].map((node) => {
    const core = node.querySelector('.node-core');
    const map = node.querySelector('image.node-map');
    const R = core.r.baseVal.value;
    const inside = [...node.querySelectorAll('.node-name, .node-value')].map((t) => {
      const b = t.getBBox(); const y = b.y + b.height / 2;
      return Math.abs(y) < R && b.width / 2 <= Math.sqrt(R * R - y * y) + 0.5;
    });
    const fill = getComputedStyle(core).fill;
    return { node: node.dataset.node, mapUnder: Boolean(map) &&
               Boolean(map.compareDocumentPosition(core) & Node.DOCUMENT_POSITION_FOLLOWING),
             inside, contrast: Math.min(...[...node.querySelectorAll('.node-name, .node-value')]
               .map((t) => contrast(getComputedStyle(t).fill, fill))) };
  });
}"""


def overlapping(boxes):
    return [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5
            and a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5]


def load(page, state):
    page.locator("#network").scroll_into_view_if_needed()  # maps are computed only when seen
    page.evaluate(f"window.backpropLab.setState({json.dumps(state)})")
    page.evaluate("window.backpropLab.step(30)")
    page.wait_for_function("() => document.querySelector('#network svg.network')"
                           ".dataset.shape.startsWith(window.backpropLab.getState().layers"
                           ".join('-'))")
    # and, for two inputs, the hidden nodes' maps of that step
    page.wait_for_function("""() => { const { layers, step } = window.backpropLab.getState();
        return layers[0] !== 2 || document.getElementById('function-map').closest('section')
          .dataset.frameStep === String(step); }""")


def test_at_1280_the_drawing_fills_its_card_and_its_numbers_are_14_px_or_more(lab):
    drawing = lab.evaluate(DRAWING)
    assert drawing["svg"]["width"] >= 0.9 * drawing["card"]["width"]
    assert drawing["svg"]["width"] * drawing["svg"]["height"] >= \
        0.38 * drawing["card"]["width"] * drawing["card"]["height"]  # it was a quarter
    assert drawing["texts"] >= 6 * 2 + 4  # every node's name and number, z and the output's lines
    assert drawing["smallest"] >= 14


def test_on_a_wide_screen_the_page_and_the_drawing_grow_with_it(lab):
    laptop = lab.evaluate(DRAWING)
    lab.set_viewport_size({"width": 1920, "height": 1080})
    lab.wait_for_function("(w) => document.querySelector('#network svg')"
                          ".getBoundingClientRect().width > w * 1.5", arg=laptop["svg"]["width"])
    wide = lab.evaluate(DRAWING)
    assert wide["smallest"] > laptop["smallest"] * 1.4
    assert lab.evaluate("document.querySelector('.lab').getBoundingClientRect().width") > 1800
    # The step's tables sit beside the drawing, not only under it.
    beside = lab.evaluate("""() => { const n = document.querySelector('.card--network')
        .getBoundingClientRect(); const w = document.querySelector('.card--weights')
        .getBoundingClientRect(); return w.left > n.right && w.top < n.bottom; }""")
    assert beside


@pytest.mark.parametrize("scenario", ["default", "spiral"])
def test_no_card_is_more_than_a_quarter_empty_at_1280(lab, scenario):
    if scenario == "spiral":
        load(lab, SPIRAL_RUN)
    lab.evaluate("window.scrollTo(0, 0)")
    empty = lab.evaluate(EMPTY)
    assert len(empty) >= 10
    assert {card: share for card, share in empty.items() if share > 0.25} == {}


def test_on_a_phone_the_drawing_starts_within_the_first_880_px(lab):
    lab.set_viewport_size({"width": 375, "height": 800})
    lab.wait_for_function("() => document.querySelector('#network svg').viewBox.baseVal.width"
                          " < 360")
    drawing = lab.evaluate(DRAWING)
    assert drawing["svg"]["top"] <= 880
    assert drawing["smallest"] >= 14
    # The inputs come first, then the drawing, then the play controls and the chart.
    tops = lab.evaluate("""() => Object.fromEntries(['#x1-input', '#network', '#play-btn',
        '#loss-chart'].map((s) => [s, document.querySelector(s).getBoundingClientRect().top]))""")
    assert tops["#x1-input"] < tops["#network"] < tops["#play-btn"] < tops["#loss-chart"]


@pytest.mark.parametrize("width", [375, 1280, 1920, 375])
def test_the_keyboard_goes_through_the_cards_in_their_reading_order(lab, width):
    """Columns left to right, each top to bottom; then the rows under them. Tab follows the
    document's order (no positive tabindex), so the cards' order in it is the keyboard's."""
    lab.set_viewport_size({"width": width, "height": 900})
    order = lab.evaluate("""() => {
      const cards = [...document.querySelectorAll('.lab .card')];
      const below = document.querySelector('.card--data').getBoundingClientRect().top;
      const key = (c) => { const r = c.getBoundingClientRect();
        return r.top < below ? [0, r.left, r.top] : [1, r.top, r.left]; };
      const read = [...cards].sort((a, b) => { const [p, q] = [key(a), key(b)];
        return p[0] - q[0] || p[1] - q[1] || p[2] - q[2]; });
      const name = (c) => c.className.match(/card--(\\w+)/)[1];
      return { dom: cards.map(name), read: read.map(name),
               positive: document.querySelectorAll('[tabindex]:not([tabindex="0"])' +
                 ':not([tabindex="-1"])').length };
    }""")
    assert order["positive"] == 0
    assert order["dom"] == order["read"]


def test_a_nodes_number_sits_on_its_own_disc_over_the_map_ring_with_contrast(lab):
    load(lab, SPIRAL_RUN)
    nodes = lab.evaluate(OVER_THE_MAP)
    assert len(nodes) == 16
    for node in nodes:
        assert node["mapUnder"], node
        assert all(node["inside"]), node
        assert node["contrast"] >= 4.5, node
    lab.get_by_role("button", name="Backward").click()  # the δ: "−0.16", "1.5e−3"
    assert all(all(n["inside"]) for n in lab.evaluate(OVER_THE_MAP))
    lab.emulate_media(color_scheme="dark")
    assert min(n["contrast"] for n in lab.evaluate(OVER_THE_MAP)) >= 4.5


@pytest.mark.parametrize("width", [1280, 1920, 375])
@pytest.mark.parametrize("scenario", ["default", "spiral", "six"])
def test_no_two_texts_of_the_drawing_overlap(lab, scenario, width):
    lab.set_viewport_size({"width": width, "height": 900})
    if scenario != "default":
        load(lab, {"spiral": SPIRAL_RUN, "six": SIX_BY_EIGHT}[scenario])
    assert overlapping(lab.evaluate(TEXT_BOXES)) == []


def test_a_crowded_drawing_shows_what_does_not_fit_on_hover_and_focus(lab):
    load(lab, SIX_BY_EIGHT)
    svg = lab.locator("#network svg.network")
    expect(svg).to_have_class(re.compile(r"\bis-compact\b"))
    node = lab.locator('#network .node[data-node="3-4"]')
    value = node.locator(".node-value").text_content()
    node.hover()
    callout = lab.locator("#network .node-callout")
    expect(callout).to_have_count(1)
    expect(callout).to_have_text(re.compile(rf"^H3\.5 {re.escape(value)}\b"))
    assert callout.locator("text").evaluate("""(t) => { const svg = t.ownerSVGElement;
        const box = svg.getBoundingClientRect(); const view = svg.viewBox.baseVal;
        return parseFloat(getComputedStyle(t).fontSize) *
          Math.min(box.width / view.width, box.height / view.height); }""") >= 14
    lab.mouse.move(0, 0)
    expect(callout).to_have_count(0)
    lab.focus('#network .edge[data-edge="2-1-4"]')  # H2.5 → H3.2
    expect(callout).to_have_count(2)
    expect(callout.first).to_contain_text("H2.5")
    expect(callout.last).to_contain_text("H3.2")
    lab.evaluate("window.backpropLab.step(1)")  # the callouts follow the numbers
    expect(callout.last).to_contain_text(
        "H3.2 " + lab.locator('#network .node[data-node="3-1"] .node-value').text_content())


def test_rows_too_close_for_z_show_it_in_the_callout_instead(lab):
    load(lab, SPIRAL_RUN)
    expect(lab.locator("#network svg.network")).to_have_class(re.compile(r"\bno-z\b"))
    expect(lab.locator("#network .node-z").first).to_be_hidden()
    node = lab.locator('#network .node[data-node="1-0"]')
    z = node.locator(".node-z").text_content()
    node.hover()
    expect(lab.locator("#network .node-callout")).to_contain_text("H1.1 ")
    expect(lab.locator("#network .node-callout")).to_contain_text(z)


def screenshot_set(page, prefix):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=SCREENSHOTS / f"{prefix}.png")


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1920, 1080), (375, 800)])
def test_screenshots_of_the_default_backward_spiral_and_six_by_eight(lab, width, height):
    lab.set_viewport_size({"width": width, "height": height})
    screenshot_set(lab, f"centre-default-{width}")
    lab.evaluate("window.backpropLab.step(1)")
    lab.get_by_role("button", name="Backward").click()
    lab.locator(".card--network").screenshot(path=SCREENSHOTS / f"centre-backward-{width}.png")
    for name, state in (("spiral", SPIRAL_RUN), ("six", SIX_BY_EIGHT)):
        load(lab, state)
        lab.locator(".card--network").screenshot(path=SCREENSHOTS / f"centre-{name}-{width}.png")
    lab.get_by_role("button", name="Forward").click()


# The projector display


def test_the_projector_button_switches_the_display_and_the_link_keeps_it(lab):
    scenario = lab.evaluate("location.hash")
    button = lab.get_by_role("button", name="Projector")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(lab.locator("html")).to_have_class(re.compile(r"\bis-projector\b"))
    assert lab.evaluate("location.hash") == scenario + "&display=projector"
    lab.evaluate("window.backpropLab.step(1)")  # the page's own hash keeps the display
    assert lab.evaluate("location.hash").endswith("&display=projector")
    assert "display" not in json.dumps(lab.evaluate("window.backpropLab.getState()"))
    button.click()
    expect(lab.locator("html")).not_to_have_class(re.compile(r"\bis-projector\b"))
    assert "display" not in lab.evaluate("location.hash")


def test_a_projector_link_opens_in_large_type_thick_lines_and_with_every_feature(open_lab):
    page = open_lab("x=1,0.5&t=2&lr=0.01&display=projector", width=1920, height=1080)
    expect(page.locator("html")).to_have_class(re.compile(r"\bis-projector\b"))
    expect(page.get_by_role("button", name="Projector")).to_have_attribute("aria-pressed", "true")
    sizes = page.evaluate("""() => ({
      body: parseFloat(getComputedStyle(document.body).fontSize),
      thinnest: Math.min(...[...document.querySelectorAll('#network .edge-line')]
        .map((l) => Number(l.getAttribute('stroke-width')))),
      node: parseFloat(getComputedStyle(document.querySelector('.node-circle')).strokeWidth),
      width: document.querySelector('.lab').getBoundingClientRect().width })""")
    assert sizes["body"] >= 18
    assert sizes["thinnest"] >= 1.75
    assert sizes["node"] >= 3
    assert sizes["width"] > 1800
    # The scenario is the link's, as without the display; stepping, phases and tables all work.
    assert page.evaluate("window.backpropLab.getState().inputs") == [1, 0.5]
    page.get_by_role("button", name="Step Optimization").click()
    expect(page.locator("#step-count")).to_have_text("1")
    page.get_by_role("button", name="Backward").click()
    expect(page.locator("#network svg")).to_have_attribute("data-phase", "backward")
    expect(page.locator("#updates tbody tr")).to_have_count(9)
    expect(page.locator("#history tbody tr.history-row")).to_have_count(2)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "centre-projector-1920.png")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_the_projector_display(lab, scheme):
    lab.emulate_media(color_scheme=scheme)
    lab.get_by_role("button", name="Projector").click()
    lab.evaluate("window.backpropLab.step(2)")
    lab.get_by_role("button", name="Backward").click()
    try:
        assert violations(lab) == []
    finally:
        lab.get_by_role("button", name="Projector").click()


def test_a_control_keeps_the_focus_when_its_card_moves_to_the_phones_order(lab):
    lab.locator("#play-btn").focus()
    lab.set_viewport_size({"width": 375, "height": 800})
    lab.wait_for_function("() => document.querySelector('.lab-col--see .card--run') !== null")
    assert lab.evaluate("document.activeElement.id") == "play-btn"
    lab.set_viewport_size({"width": 1280, "height": 800})
    lab.wait_for_function("() => document.querySelector('.lab-col--set .card--run') !== null")
    assert lab.evaluate("document.activeElement.id") == "play-btn"
