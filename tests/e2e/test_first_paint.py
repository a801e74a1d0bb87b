"""Real numbers at first paint: the build ran the engine (under Node + Pyodide, the same numpy as
the browser's) on the spec's scenario, so the drawing, the tables and the loss appear while the
runtime still loads, with every control disabled; another scenario in the link waits for the
engine. Cold boots: loading is the subject here."""

import json

import pytest
from demo_support import SPEC_WEIGHTS, engine_run
from playwright.sync_api import expect


def hold_the_runtime(page):
    """Hold the first request for the wasm (the page's own check) until release() is called."""
    held = []

    def hold(route):
        if held is not None and not held:
            held.append(route)
        else:
            route.continue_()

    page.route("**/pyodide.asm.wasm", hold)
    return lambda: held[0].continue_() if held else None


def test_the_build_computes_the_specs_first_frame_with_the_engine(lab_dist):
    data = json.loads((lab_dist / "first-frame.json").read_text())
    manifest = json.loads((lab_dist / "manifest.json").read_text())
    assert "first-frame.json" in manifest["files"]
    expected = engine_run({"weights": SPEC_WEIGHTS})
    frame = data["frame"]
    assert frame["step"] == 0 and frame["weights"] == SPEC_WEIGHTS
    assert frame["loss"] == pytest.approx(expected["loss"], rel=1e-12)
    for got, want in zip(sum(sum(frame["backward"]["dW"], []), []),
                         sum(sum(expected["backward"]["dW"], []), []), strict=True):
        assert got == pytest.approx(want, rel=1e-12, abs=1e-15)
    assert data["describe"]["presets"]["spec"]["config"]["weights"] == SPEC_WEIGHTS


def test_the_specs_numbers_are_on_screen_before_the_runtime_has_loaded(page, lab_url):
    release = hold_the_runtime(page)
    requested = []
    page.on("request", lambda request: requested.append(request.url.rsplit("/", 1)[-1]))
    page.goto(lab_url)
    page.wait_for_function("() => document.getElementById('lab').dataset.firstFrame === 'shown'")
    expect(page.locator("#loss-value")).to_have_text("1.6177")
    expect(page.locator("#step-count")).to_have_text("0")
    values = page.eval_on_selector_all("#network .node-value", "ns => ns.map((n) => n.textContent)")
    assert values == ["1.00", "0.50", "0.00", "0.02", "0.41", "0.20"]
    expect(page.locator('#weights [data-edge="1-0-2"]')).to_have_text("0.505")
    expect(page.locator("#history tbody tr")).to_have_count(1)
    expect(page.locator("#step-btn")).to_be_disabled()
    expect(page.locator("#x1-input")).to_be_disabled()
    expect(page.locator("#load-status")).to_be_visible()
    assert page.evaluate("window.backpropLab.getState()") is None
    release()
    page.evaluate("window.backpropLab.ready")
    # The page holds the runtime's manifest and the first frame: neither is asked for.
    assert "pyodide.asm.wasm" in requested
    assert not {"manifest.json", "first-frame.json"} & set(requested)
    expect(page.locator("#step-btn")).to_be_enabled()
    expect(page.locator("#loss-value")).to_have_text("1.6177")
    page.click("#step-btn")
    expect(page.locator("#step-count")).to_have_text("1")


def test_another_scenario_in_the_link_waits_for_the_engine(page, lab_url):
    release = hold_the_runtime(page)
    page.goto(lab_url + "#x=2,1&t=2&lr=0.01")
    page.wait_for_function("() => Boolean(window.backpropLab)")
    page.wait_for_timeout(300)  # time enough for first-frame.json to arrive and be passed over
    expect(page.locator("#loss-value")).to_have_text("–")
    assert page.evaluate("document.getElementById('lab').dataset.firstFrame") is None
    release()
    page.evaluate("window.backpropLab.ready")
    expected = engine_run({"inputs": [2, 1], "weights": SPEC_WEIGHTS})["loss"]
    expect(page.locator("#loss-value")).to_have_text(f"{expected:.4f}")
