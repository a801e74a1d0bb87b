"""Everyone can use it: axe-core (WCAG 2 A/AA, 2.1 AA and best practices) finds nothing in light and
dark schemes with the phases, the receipt and a marked change on screen; focus is always visible."""

import pytest
from axe_playwright_python.sync_playwright import Axe

RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]}}


def violations(page):
    found = Axe().run(page, options=RULES).response["violations"]
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in found]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_with_every_view_on_screen(lab, scheme):
    lab.emulate_media(color_scheme=scheme)
    lab.evaluate("window.backpropLab.step(3)")
    lab.evaluate("window.backpropLab.setState({target: -1})")
    lab.evaluate("window.backpropLab.step(1)")
    lab.get_by_role("button", name="Backward").click()
    lab.click('#weights [data-edge="1-0-2"]')
    lab.wait_for_selector("#receipt:not([hidden]) math")
    assert violations(lab) == []
    lab.emulate_media(color_scheme="light")


def test_keyboard_focus_is_visible_on_buttons_fields_cells_and_connections(lab):
    outlines = {}
    for selector in ["#step-btn", "#lr-input", '#weights [data-edge="0-0-0"]',
                     '#network .edge[data-edge="0-0-0"]', "#history"]:
        lab.keyboard.press("Shift")  # a keyboard user: focus moved by script then shows as visible
        lab.focus(selector)
        outlines[selector] = lab.evaluate("""(sel) => {
            const el = document.querySelector(sel);
            const s = getComputedStyle(el);
            const glow = el.querySelector('.edge-glow');
            const lit = glow && getComputedStyle(glow);
            return el.matches(':focus-visible') && (s.outlineStyle !== 'none' ||
              Boolean(lit && lit.visibility === 'visible' &&
                !['none', 'transparent', 'rgba(0, 0, 0, 0)'].includes(lit.stroke))); }""", selector)
    assert all(outlines.values()), outlines


def test_axe_finds_no_violation_in_embed_mode(open_lab):
    page = open_lab("embed=1")
    page.evaluate("window.backpropLab.step(2)")
    assert violations(page) == []
    page.emulate_media(color_scheme="dark")
    assert violations(page) == []


def test_the_tab_key_alone_reaches_every_kind_of_control(lab):
    lab.evaluate("window.backpropLab.step(1)")  # Undo and the updates rows exist from here on
    seen = []
    for _ in range(80):
        lab.keyboard.press("Tab")
        seen.append(lab.evaluate("""() => { const e = document.activeElement;
            return e.id || e.dataset.edge && `edge:${e.closest('#network') ? 'drawing'
              : e.closest('#weights') ? 'weights' : 'updates'}` || e.dataset.phase
              || e.dataset.scale || e.className || e.tagName; }"""))
    for wanted in ["skip-link", "x1-input", "x2-input", "t-input", "lr-input", "step-mode",
                   "step-btn", "step10-btn", "reset-btn", "undo-btn", "forward", "backward",
                   "update", "edge:drawing", "linear", "log", "edge:weights", "gradcheck-btn",
                   "edge:updates", "history", "csv-btn", "json-btn", "import-input"]:
        assert wanted in seen, (wanted, seen)
    assert "loss-chart__canvas" in seen
