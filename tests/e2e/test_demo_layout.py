"""The page on a laptop, a phone and inside a 700-px LMS iframe: a tidy grid, one column on the
phone, nothing cut off or overlapping, no horizontal scroll. Screenshots go to screenshots/ for a
person to look at; the checks here catch what can be measured."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"

# Every card's box, and any descendant that sticks out of its card or is clipped by it.
LAYOUT_PROBE = """() => {
  const cards = [...document.querySelectorAll(".card, .guide details, .masthead")];
  const boxes = cards.map((c) => {
    const r = c.getBoundingClientRect();
    return { name: c.className || c.tagName, left: r.left, right: r.right, top: r.top,
             bottom: r.bottom };
  });
  const sticking = [];
  for (const card of document.querySelectorAll(".card")) {
    const r = card.getBoundingClientRect();
    for (const el of card.querySelectorAll("*")) {
      const e = el.getBoundingClientRect();
      if (!e.width || !e.height) continue;
      if (el.closest(".table-wrap, .history-scroll, .loss-chart__plot")) continue;
      // A closed <details> keeps its content's last layout (content-visibility): not on screen.
      const closed = el.closest("details:not([open])");
      if (closed && !el.closest("summary")) continue;
      // On a phone the step buttons are fixed to the bottom of the screen, on purpose.
      const bar = el.closest(".actions");
      if (bar && getComputedStyle(bar).position === "fixed") continue;
      const name = `${card.className} > ${el.tagName}.${el.className.baseVal ?? el.className}`;
      if (e.left < r.left - 1 || e.right > r.right + 1) sticking.push(name);
    }
  }
  const clipped = [...document.querySelectorAll(".table-wrap, .history-scroll")]
    .filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.id);
  return { boxes, sticking, clipped, scrollWidth: document.documentElement.scrollWidth,
           viewport: window.innerWidth };
}"""


def overlaps(a, b) -> bool:
    return a["left"] < b["right"] - 1 and b["left"] < a["right"] - 1 and \
        a["top"] < b["bottom"] - 1 and b["top"] < a["bottom"] - 1


def check_layout(probe) -> None:
    assert probe["scrollWidth"] <= probe["viewport"], "the page scrolls sideways"
    assert probe["sticking"] == [], "something sticks out of its card"
    assert probe["clipped"] == [], "a table is wider than its card"
    boxes = probe["boxes"]
    pairs = [(a["name"], b["name"])
             for i, a in enumerate(boxes) for b in boxes[i + 1:] if overlaps(a, b)]
    assert pairs == [], "cards overlap"


def with_steps(page, n: int = 4) -> None:
    page.evaluate(f"window.backpropLab.step({n})")
    page.hover('#weights [data-edge="0-2-0"]')


@pytest.mark.parametrize(("width", "height", "name"), [
    (1280, 800, "desktop"), (375, 812, "phone"), (1024, 768, "tablet"), (320, 640, "small-phone"),
    (1920, 1080, "wide")])
def test_the_page_fits_its_screen_without_overlap_or_sideways_scroll_and_is_screenshotted(
        lab, width, height, name):
    page = lab
    page.set_viewport_size({"width": width, "height": height})
    SCREENSHOTS.mkdir(exist_ok=True)
    check_layout(page.evaluate(LAYOUT_PROBE))
    page.screenshot(path=SCREENSHOTS / f"demo-{name}-first-view.png")
    with_steps(page)
    check_layout(page.evaluate(LAYOUT_PROBE))
    page.screenshot(path=SCREENSHOTS / f"demo-{name}.png", full_page=True)


def test_on_a_phone_the_cards_form_one_column_and_the_drawing_scales_to_it(lab):
    page = lab
    page.set_viewport_size({"width": 375, "height": 812})
    lefts = page.eval_on_selector_all(
        ".lab > .card", "cs => cs.map(c => Math.round(c.getBoundingClientRect().left))")
    assert len(set(lefts)) == 1
    svg = page.locator("#network svg").bounding_box()
    card = page.locator(".card--network").bounding_box()
    assert svg["width"] <= card["width"] and svg["x"] >= card["x"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_on_a_laptop_the_first_screen_shows_controls_network_and_chart_side_by_side(lab):
    page = lab
    page.set_viewport_size({"width": 1280, "height": 800})
    boxes = {name: page.locator(f".card--{name}").bounding_box()
             for name in ("controls", "network", "chart")}
    assert boxes["controls"]["x"] < boxes["network"]["x"] < boxes["chart"]["x"]
    assert len({round(b["y"]) for b in boxes.values()}) == 1
    assert all(b["y"] + 200 < 800 for b in boxes.values())
    expect(page.locator("#step-btn")).to_be_in_viewport()


def test_inside_a_700_px_iframe_the_lab_works_and_fits(page, lab_url):
    page.set_viewport_size({"width": 760, "height": 900})
    page.set_content(f'<h1>Course page</h1><iframe title="Backprop Lab" src="{lab_url}" '
                     'width="700" height="1400" style="border:1px solid #999"></iframe>')
    frame = page.frame_locator("iframe")
    lab = next(f for f in page.frames if f.url.startswith(lab_url))
    lab.wait_for_function("() => window.backpropLab && window.backpropLab.ready")
    lab.evaluate("window.backpropLab.ready")
    frame.locator("#step-btn").click()
    expect(frame.locator("#step-count")).to_have_text("1")
    check_layout(lab.evaluate(LAYOUT_PROBE))
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "demo-iframe-700.png", full_page=True)


def test_fields_have_labels_and_buttons_have_names(lab):
    page = lab
    for label in ("Input x₁", "Input x₂", "Target t", "Learning rate η"):
        expect(page.get_by_label(label, exact=True)).to_be_editable()
    for name in ("Step Optimization", "Reset Weights", "10 steps"):
        expect(page.get_by_role("button", name=name)).to_be_enabled()
    page.focus("#step-btn")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.id, getComputedStyle(document.activeElement).outlineStyle]")
    assert focused == ["step10-btn", "solid"]


def test_turning_a_laptop_window_into_a_phone_redraws_the_network_at_the_new_width(lab):
    page = lab
    page.set_viewport_size({"width": 1280, "height": 800})
    wide = page.evaluate("document.querySelector('#network svg').viewBox.baseVal.width")
    page.set_viewport_size({"width": 375, "height": 812})
    page.wait_for_function(
        "() => document.querySelector('#network svg').viewBox.baseVal.width < 360")
    narrow = page.evaluate("document.querySelector('#network svg').viewBox.baseVal.width")
    assert narrow < wide
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    check_layout(page.evaluate(LAYOUT_PROBE))


@pytest.mark.parametrize("width", [1280, 1024, 375])
def test_pointing_at_weights_and_connections_moves_nothing_on_the_page(lab, width):
    page = lab
    page.set_viewport_size({"width": width, "height": 800})
    page.evaluate("window.backpropLab.step(1)")
    boxes = "() => [...document.querySelectorAll('.card')].map((c) => c.offsetHeight)"
    page.mouse.move(1, 1)
    before = page.evaluate(boxes)
    for key in ("0-2-0", "1-0-2", "0-0-1"):
        page.focus(f'#weights [data-edge="{key}"]')
        assert page.evaluate(boxes) == before
