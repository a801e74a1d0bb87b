"""Seeing the gradient, as a learner does with the spec's scenario: the Forward / Backward / Update
phases on the drawing, the step modes, the per-layer gradient sizes, the chain-rule receipt of a
weight (by mouse and by keyboard), editing a weight as an event, and time travel through the
history, the chart and Undo. Numbers are checked against the engine run in CPython."""

import re

import pytest
from demo_support import (
    SPEC_WEIGHTS,
    across_runtimes,
    cell_texts,
    chart_geometry,
    engine_run,
    number,
)
from playwright.sync_api import expect

SPEC = {"weights": SPEC_WEIGHTS}


def node_value(page, layer, index):
    return page.locator(f'#network [data-node="{layer}-{index}"] .node-value').text_content()


def by_edge(per_layer):
    """{"layer-to-from": |value|} for values per layer as (to, from) rows."""
    return {f"{k}-{t}-{f}": abs(v) for k, layer in enumerate(per_layer)
            for t, row in enumerate(layer) for f, v in enumerate(row)}


def stroke_widths(page):
    return page.eval_on_selector_all(
        "#network .edge", "edges => Object.fromEntries(edges.map((e) => [e.dataset.edge, "
        "Number(e.querySelector('.edge-line').getAttribute('stroke-width'))]))")


def test_the_backward_phase_shows_each_neurons_delta_and_connections_by_their_gradient(lab):
    lab.get_by_role("button", name="Backward").click()
    expect(lab.locator("#network svg")).to_have_attribute("data-phase", "backward")
    frame = engine_run(SPEC)
    delta = frame["backward"]["delta"]
    assert frame["prediction"][0] - 2 == pytest.approx(-1.7987, abs=5e-5)  # δ_out = ŷ − t
    expect(lab.locator('#network [data-node="2-0"] .node-value')).to_have_text("−1.80")
    for i in range(3):
        assert number(node_value(lab, 1, i)) == pytest.approx(delta[0][0][i], abs=5e-3)
    assert node_value(lab, 0, 0) == "1.00"  # the inputs keep their x
    widths = stroke_widths(lab)
    grads = by_edge(frame["backward"]["dW"])
    largest = max(grads, key=grads.get)
    assert widths[largest] == pytest.approx(9, abs=0.01)
    for key, g in grads.items():
        assert widths[key] == pytest.approx(max(0.75, 9 * g / grads[largest]), abs=0.01)
    expect(lab.locator("#phase-note")).to_contain_text("from the output back to the inputs")
    expect(lab.locator("#legend-width")).to_have_text("thickness ∝ |∂L/∂w|")
    flowing = lab.evaluate("""getComputedStyle(document.querySelector(
        '#network .edge-line')).animationName""")
    assert flowing == "flow-back"


def test_the_gradient_sizes_compare_the_layers_mean_gradient(lab):
    lab.get_by_role("button", name="Backward").click()
    sizes = lab.locator("#grad-sizes .grad-size")
    expect(sizes).to_have_count(2)
    dW = engine_run(SPEC)["backward"]["dW"]
    means = [sum(abs(g) for row in layer for g in row) / sum(len(r) for r in layer) for layer in dW]
    for i, mean in enumerate(means):
        assert number(sizes.nth(i).locator(".value").inner_text()) == pytest.approx(mean, abs=5e-4)
    bars = lab.eval_on_selector_all("#grad-sizes .bar", "bs => bs.map((b) => b.style.width)")
    assert bars[means.index(max(means))] == "100%"
    lab.get_by_role("button", name="Forward").click()
    expect(lab.locator("#grad-sizes")).to_be_hidden()


def test_the_update_phase_shows_the_engines_next_change_on_every_connection(lab):
    lab.evaluate("window.backpropLab.setState({optimizer: {name: 'momentum', lr: 0.05}})")
    lab.evaluate("window.backpropLab.step(2)")
    lab.get_by_role("button", name="Update").click()
    preview = engine_run(SPEC, ("configure", {"optimizer": {"name": "momentum", "lr": 0.05}}),
                         ("step", 2))["preview"]["update_W"]
    lab.locator('#network .edge[data-edge="1-0-2"] .edge-hit').hover()
    title = lab.locator('#network .edge[data-edge="1-0-2"] title').text_content()
    assert title.endswith(f"next change Δw = {preview[1][0][2]:+.4f}".replace("-", "\u2212"))
    sizes = by_edge(preview)
    assert stroke_widths(lab)[max(sizes, key=sizes.get)] == pytest.approx(9, abs=0.01)
    expect(lab.locator("#phase-note")).to_contain_text("Momentum")


def test_one_phase_per_click_walks_forward_backward_update_then_takes_the_step(lab):
    lab.select_option("#step-mode", "phases")
    step = lab.get_by_role("button", name="Step Optimization")
    step.click()
    expect(lab.get_by_role("button", name="Backward")).to_have_attribute("aria-pressed", "true")
    expect(lab.locator("#step-count")).to_have_text("0")
    step.click()
    expect(lab.get_by_role("button", name="Update")).to_have_attribute("aria-pressed", "true")
    step.click()
    expect(lab.locator("#step-count")).to_have_text("1")
    expect(lab.get_by_role("button", name="Forward")).to_have_attribute("aria-pressed", "true")
    assert lab.evaluate("window.backpropLab.getState().weights") == \
        across_runtimes(engine_run(SPEC, ("step", 1))["weights"])


def test_an_animated_step_shows_each_phase_in_turn_then_steps(lab):
    lab.select_option("#step-mode", "animate")
    lab.evaluate("""() => { window.__phases = [];
      const svg = () => document.querySelector('#network svg');
      new MutationObserver(() => __phases.push(svg().dataset.phase))
        .observe(document.getElementById('network'), {attributes: true, subtree: true,
                 attributeFilter: ['data-phase']}); }""")
    lab.get_by_role("button", name="Step Optimization").click()
    expect(lab.locator("#step-count")).to_have_text("1", timeout=10_000)
    expect(lab.get_by_role("button", name="Forward")).to_have_attribute("aria-pressed", "true")
    seen = lab.evaluate("__phases.filter((p, i, all) => p !== all[i - 1])")
    assert seen == ["forward", "backward", "update", "forward"]


def test_with_reduced_motion_a_step_is_instant_and_nothing_flows(lab):
    page = lab
    page.emulate_media(reduced_motion="reduce")  # asked for at each click: no new page needed
    page.select_option("#step-mode", "animate")
    page.get_by_role("button", name="Backward").click()
    assert page.evaluate("getComputedStyle(document.querySelector("
                         "'#network .edge-line')).animationName") == "none"
    page.get_by_role("button", name="Step Optimization").click()
    expect(page.locator("#step-count")).to_have_text("1", timeout=1_000)


def test_the_receipt_writes_the_chain_rule_for_h3_to_o_with_the_specs_numbers(lab):
    lab.click('#weights [data-edge="1-0-2"]')
    receipt = lab.locator("#receipt")
    expect(receipt).to_be_visible()
    expect(lab.locator("#receipt-title")).to_have_text("Chain rule for H3 → O")
    text = re.sub(r"\s+", "", receipt.locator(".receipt-body").inner_text())
    assert "(0.2013−2.0000)·0.4065" in text  # (ŷ − t) · a₃: the linear output's slope is 1
    assert "=−0.7312" in text
    assert "−0.01·(−0.7312)=+0.0073" in text
    dW = engine_run(SPEC)["backward"]["dW"][1][0][2]
    assert dW == pytest.approx(-0.7312, abs=5e-5)
    assert receipt.locator("math").count() >= 3


def test_the_receipt_of_a_hidden_weight_sums_the_error_from_the_layer_above(lab):
    lab.click('#network .edge[data-edge="0-1-0"] .edge-hit', force=True)
    expect(lab.locator("#receipt-title")).to_have_text("Chain rule for I1 → H2")
    text = re.sub(r"\s+", "", lab.locator("#receipt .receipt-body").inner_text())
    frame = engine_run(SPEC)
    delta_out = frame["backward"]["delta"][1][0][0]
    assert f"(({delta_out:.4f})·(−0.2040))".replace("-", "\u2212") in text
    assert f"={frame['backward']['dW'][0][1][0]:.4f}" in text


def test_a_weight_into_an_inactive_relu_says_which_factor_is_zero_and_why(lab):
    lab.click('#weights [data-edge="0-0-1"]')
    expect(lab.locator("#receipt .receipt-zero").first).to_contain_text("inactive ReLU")
    expect(lab.locator("#receipt .receipt-zero").nth(1)).to_contain_text("stays inactive")
    expect(lab.locator("#receipt .receipt-body")).to_contain_text("0.0000")


def test_the_receipt_opens_and_closes_by_keyboard_alone(lab):
    cell = lab.locator('#weights [data-edge="1-0-2"]')
    cell.focus()
    lab.keyboard.press("Enter")
    expect(lab.locator("#receipt-title")).to_be_focused()
    expect(lab.locator("#receipt-title")).to_have_text("Chain rule for H3 → O")
    lab.keyboard.press("Tab")
    expect(lab.locator("#receipt-close")).to_be_focused()
    lab.keyboard.press("Enter")
    expect(lab.locator("#receipt")).to_be_hidden()
    expect(cell).to_be_focused()


def test_the_receipt_follows_each_step_while_open(lab):
    lab.click('#weights [data-edge="1-0-2"]')
    lab.evaluate("window.backpropLab.step(1)")
    dW = engine_run(SPEC, ("step", 1))["backward"]["dW"][1][0][2]
    expected = f"={dW:.4f}".replace("-", "\u2212")
    lab.wait_for_function("""(want) => document.querySelector('#receipt .receipt-body')
        .textContent.replace(/\\s+/g, '').includes(want)""", arg=expected)


def test_editing_a_weight_is_an_event_in_the_run_not_a_restart(lab):
    lab.evaluate("window.backpropLab.step(3)")
    lab.click('#weights [data-edge="0-2-0"]')
    lab.fill("#weight-input", "abc")
    lab.click("#weight-edit button")
    expect(lab.locator("#weight-msg")).to_contain_text("is not a number")
    expect(lab.locator("#weight-input")).to_have_attribute("aria-invalid", "true")
    lab.fill("#weight-input", "0.25")
    lab.click("#weight-edit button")
    expect(lab.locator('#weights [data-edge="0-2-0"]')).to_have_text("0.250")
    expect(lab.locator("#step-count")).to_have_text("3")
    lab.click("#step-btn")
    expect(lab.locator("#step-count")).to_have_text("4")
    expect(lab.locator("#history tr.history-event")).to_have_text(
        "Changed before step 4: weights edited")
    edited = engine_run(SPEC, ("step", 3))["weights"]
    edited[0][2][0] = 0.25
    expected = engine_run(SPEC, ("step", 3), ("configure", {"weights": edited}), ("step", 1))
    assert lab.evaluate("window.backpropLab.getState().weights") == \
        across_runtimes(expected["weights"])


def test_clicking_a_history_row_goes_back_to_that_step_and_the_old_branch_is_drawn_dashed(lab):
    lab.evaluate("window.backpropLab.step(8)")
    lab.click('#history tr.history-row[data-step="3"]')
    expect(lab.locator("#step-count")).to_have_text("3")
    assert lab.evaluate("window.backpropLab.getState().weights") == \
        across_runtimes(engine_run(SPEC, ("step", 3))["weights"])
    expect(lab.locator("#branch-note")).to_contain_text("You went back to step 3")
    assert chart_geometry(lab)["ghostCount"] == 6  # the branch point and steps 4–8
    lab.click("#step-btn")
    expect(lab.locator("#step-count")).to_have_text("4")
    steps = [r[0] for r in cell_texts(lab, "#history tbody tr.history-row")]
    assert steps == ["4", "3", "2", "1", "0"]


def test_undo_and_the_history_keys_travel_back_by_keyboard(lab):
    lab.evaluate("window.backpropLab.step(5)")
    lab.get_by_role("button", name="Undo step").click()
    expect(lab.locator("#step-count")).to_have_text("4")
    lab.locator("#history").focus()
    lab.keyboard.press("ArrowDown")
    lab.keyboard.press("ArrowDown")
    expect(lab.locator("#history tr.is-selected")).to_have_attribute("data-step", "3")
    expect(lab.locator("#live-status")).to_have_text("Step 3 chosen: press Enter to go back to it.")
    lab.keyboard.press("Enter")
    expect(lab.locator("#step-count")).to_have_text("3")
    lab.locator("#loss-chart canvas").focus()
    lab.keyboard.press("Home")
    lab.keyboard.press("Enter")
    expect(lab.locator("#step-count")).to_have_text("0")
    expect(lab.get_by_role("button", name="Undo step")).to_be_disabled()


def test_beside_the_learning_rate_the_loss_the_next_step_would_reach_is_previewed(lab):
    frame = engine_run(SPEC)
    expected = f"Next step: loss {frame['loss']:.4f} → {frame['preview']['loss_after']:.4f}."
    expect(lab.locator("#lr-advice")).to_contain_text(expected)
    lab.click("#step-btn")
    assert engine_run(SPEC, ("step", 1))["loss"] == frame["preview"]["loss_after"]
    after = engine_run(SPEC, ("step", 1))["preview"]["loss_after"]
    expect(lab.locator("#lr-advice")).to_contain_text(f"→ {after:.4f}.")


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (375, 812)])
def test_each_phase_is_drawn_and_screenshotted_at_desktop_and_phone_size(lab, width, height):
    from test_demo_layout import SCREENSHOTS  # screenshots/ is for a person to look at
    SCREENSHOTS.mkdir(exist_ok=True)
    lab.set_viewport_size({"width": width, "height": height})
    lab.evaluate("window.backpropLab.step(2)")
    card = lab.locator(".card--network")
    for phase in ("Forward", "Backward", "Update"):
        lab.get_by_role("button", name=phase).click()
        expect(lab.locator("#network svg")).to_have_attribute("data-phase", phase.lower())
        box = lab.locator("#network svg").bounding_box()
        assert box["width"] <= width and box["height"] > 150
        card.screenshot(path=SCREENSHOTS / f"phase-{phase.lower()}-{width}.png",
                        animations="disabled")


def test_the_gradient_check_puts_central_differences_beside_every_backprop_gradient(lab):
    toggle = lab.get_by_role("button", name="Gradient check")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    rows = lab.locator("#gradcheck tbody tr")
    expect(rows).to_have_count(9)
    dW = engine_run(SPEC)["backward"]["dW"]
    cells = cell_texts(lab, "#gradcheck tbody tr")
    assert cells[8][0] == "H3 → O"
    assert number(cells[8][1]) == pytest.approx(dW[1][0][2], abs=5e-5)
    assert number(cells[8][2]) == pytest.approx(dW[1][0][2], abs=5e-5)  # central difference
    assert number(cells[8][3]) < 1e-6
    expect(lab.locator("#gradcheck caption")).to_contain_text("largest relative error")
    lab.evaluate("window.backpropLab.step(1)")
    after = engine_run(SPEC, ("step", 1))["backward"]["dW"][1][0][2]
    expect(rows.nth(8).locator("td").first).to_have_text(f"{after:.4f}".replace("-", "\u2212"))
    lab.get_by_role("button", name="Gradient check").click()
    expect(lab.locator("#gradcheck")).to_be_hidden()


def test_beside_the_learning_rate_the_largest_stable_rate_is_shown_with_its_status(lab):
    frame = engine_run(SPEC)
    advice = lab.locator("#lr-advice")
    expect(advice).to_contain_text(frame["stability"]["reason"])
    expect(advice).to_have_attribute("data-status", "stable")
    lab.evaluate("(lr) => window.backpropLab.setState({lr})", frame["stability"]["lr_max"] * 1.2)
    expect(advice).to_have_attribute("data-status", "rises")
    expect(advice).to_contain_text("The loss rises")
