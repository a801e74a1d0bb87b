"""The seed's demo as a learner sees it: the spec's numbers at step 0, a step checked number by
number against the engine run in CPython, the history, Reset, the chart, and the weights table
and drawing highlighting each other."""

import re

import pytest
from demo_support import (
    SPEC_HASH,
    SPEC_WEIGHTS,
    across_runtimes,
    cell_texts,
    engine_after,
    engine_run,
    number,
)
from playwright.sync_api import expect

LINKED = re.compile(r"\bis-linked\b")
DEAD = re.compile(r"\bnode--dead\b")


def node_value(page, layer: int, index: int) -> str:
    return page.locator(f'#network [data-node="{layer}-{index}"] .node-value').text_content()


@pytest.mark.parametrize("hash_", ["", SPEC_HASH], ids=["no-hash", "spec-hash"])
def test_the_spec_scenario_shows_the_specs_activations_output_and_loss_at_step_0(open_lab, hash_):
    page = open_lab(hash_)
    assert [node_value(page, 0, i) for i in range(2)] == ["1.00", "0.50"]
    assert [node_value(page, 1, i) for i in range(3)] == ["0.00", "0.02", "0.41"]
    assert node_value(page, 2, 0) == "0.20"
    expect(page.locator("#loss-value")).to_have_text(re.compile(r"^1\.617\d$"))
    expect(page.locator("#step-count")).to_have_text("0")
    expect(page.locator("#network .out-prediction")).to_have_text("ŷ = 0.20")
    expect(page.locator("#network .out-loss")).to_contain_text("1.617")
    state = page.evaluate("window.backpropLab.getState()")
    assert state["weights"] == SPEC_WEIGHTS
    assert state["inputs"] == [1.0, 0.5] and state["target"] == 2.0 and state["lr"] == 0.01


def test_the_weights_table_has_the_specs_layout_and_values(lab):
    page = lab
    header = cell_texts(page, "#weights thead tr")[0]
    assert header[1:] == ["From I1", "From I2", "To Output"]
    rows = cell_texts(page, "#weights tbody tr")
    assert rows == [["H1", "−0.758", "−0.448", "−0.717"],
                    ["H2", "−0.270", "0.579", "−0.204"],
                    ["H3", "0.835", "−0.857", "0.505"]]
    expect(page.locator(".card--weights")).to_contain_text("does not have any biases")


def test_before_any_step_the_updates_table_asks_for_one_and_history_has_step_0(lab):
    page = lab
    expect(page.locator("#updates")).to_have_text(
        "Click “Step Optimization” to see weight updates.")
    rows = cell_texts(page, "#history tbody tr")
    assert rows == [["0", "1.6177", "0.201", "2.000", "—", "—"]]


def test_a_step_counts_lowers_the_loss_and_adds_a_history_row_matching_the_engine(lab):
    page = lab
    page.get_by_role("button", name="Step Optimization").click()
    expect(page.locator("#step-count")).to_have_text("1")
    engine = engine_after(1)
    row = engine["history"][1]
    newest = cell_texts(page, "#history tbody tr")[0]
    assert newest[0] == "1"
    assert number(newest[1]) == pytest.approx(row["loss"], abs=5e-5)
    assert number(newest[2]) == pytest.approx(row["prediction"][0], abs=5e-4)
    assert newest[3] == "2.000"
    assert number(newest[4]) == pytest.approx(row["delta_loss"], abs=5e-5)
    assert number(newest[5]) == 0.01
    assert row["loss"] < engine["history"][0]["loss"]
    shown = number(page.locator("#loss-value").inner_text())
    assert shown == pytest.approx(engine["loss"], abs=5e-5)
    expect(page.locator("#live-status")).to_contain_text("Step 1.")


def test_the_updates_table_shows_the_engines_gradients_and_changes_for_every_weight(lab):
    page = lab
    page.evaluate("window.backpropLab.step(1)")
    last = engine_after(1)["last_step"]
    rows = cell_texts(page, "#updates tbody tr")
    names = ["I1 → H1", "I2 → H1", "I1 → H2", "I2 → H2", "I1 → H3", "I2 → H3",
             "H1 → O", "H2 → O", "H3 → O"]
    assert [r[0] for r in rows] == names
    flat = [(k, to, frm) for k, layer in enumerate(SPEC_WEIGHTS)
            for to, row in enumerate(layer) for frm in range(len(row))]
    for (k, to, frm), (_, before, grad, delta, after) in zip(flat, rows, strict=True):
        assert number(before) == pytest.approx(last["weights_before"][k][to][frm], abs=5e-5)
        assert number(grad) == pytest.approx(last["dW"][k][to][frm], abs=5e-5)
        assert number(delta) == pytest.approx(-0.01 * last["dW"][k][to][frm], abs=5e-5)
        assert number(after) == pytest.approx(last["weights_after"][k][to][frm], abs=5e-5)
    expect(page.locator("#updates caption")).to_contain_text("η = 0.01")


def test_every_step_is_kept_newest_first_with_the_target_and_learning_rate_it_used(lab):
    page = lab
    page.evaluate("window.backpropLab.step(2)")
    page.fill("#lr-input", "0.05")
    page.fill("#t-input", "1.5")
    expect(page.locator("#t-input")).not_to_have_attribute("aria-invalid", "true")
    page.wait_for_function("() => window.backpropLab.getState().target === 1.5")
    page.click("#step-btn")
    expect(page.locator("#step-count")).to_have_text("3")
    rows = cell_texts(page, "#history tbody tr.history-row")
    assert [r[0] for r in rows] == ["3", "2", "1", "0"]
    assert (rows[0][3], rows[0][5]) == ("1.500", "0.05")
    assert (rows[1][3], rows[1][5]) == ("2.000", "0.01")
    expect(page.locator("#history tr.history-event")).to_have_text(
        "Changed before step 3: η 0.01 → 0.05; target 2.00 → 1.50")
    expected = engine_run({"weights": SPEC_WEIGHTS}, ("step", 2),
                          ("configure", {"optimizer": {"lr": 0.05}, "targets": [1.5]}),
                          ("step", 1))["history"][3]
    assert number(rows[0][1]) == pytest.approx(expected["loss"], abs=5e-5)


def test_reset_draws_new_weights_from_a_fresh_seed_and_clears_the_history(lab):
    page = lab
    page.evaluate("window.backpropLab.step(3)")
    page.get_by_role("button", name="Reset Weights").click()
    expect(page.locator("#step-count")).to_have_text("0")
    state = page.evaluate("window.backpropLab.getState()")
    assert state["weights"] != SPEC_WEIGHTS
    assert len(state["history"]) == 1 and state["history"][0]["step"] == 0
    assert state["weights"] == across_runtimes(engine_run({"seed": state["seed"]})["weights"])
    assert len(cell_texts(page, "#history tbody tr")) == 1
    expect(page.locator("#updates")).to_contain_text("Click “Step Optimization”")
    assert f"seed={state['seed']}" in page.evaluate("location.hash")
    assert "w=" not in page.evaluate("location.hash")


def test_reset_with_a_seed_reproduces_that_seeds_weights(lab):
    page = lab
    first = page.evaluate("window.backpropLab.reset(42)")
    page.evaluate("window.backpropLab.step(2)")
    again = page.evaluate("window.backpropLab.reset(42)")
    assert first["weights"] == again["weights"]
    assert again["weights"] == across_runtimes(engine_run({"seed": 42})["weights"])
    assert again["step"] == 0 and again["seed"] == 42


def test_hovering_a_weight_cell_highlights_its_edge_and_hovering_an_edge_its_cell(lab):
    page = lab
    edge = page.locator('#network .edge[data-edge="1-0-2"]')
    cell = page.locator('#weights [data-edge="1-0-2"]')
    page.locator('#weights [data-edge="0-1-0"]').hover()
    expect(page.locator('#network .edge[data-edge="0-1-0"]')).to_have_class(LINKED)
    expect(edge).not_to_have_class(LINKED)
    page.mouse.move(5, 5)
    expect(page.locator("#network .is-linked")).to_have_count(0)
    page.locator('#network .edge[data-edge="1-0-2"] .edge-hit').hover()
    expect(cell).to_have_class(LINKED)
    expect(edge).to_have_class(LINKED)
    glow = page.eval_on_selector('#network .edge[data-edge="1-0-2"] .edge-glow',
                                 "e => getComputedStyle(e).stroke")
    assert glow not in ("none", "transparent", "rgba(0, 0, 0, 0)")


def test_focusing_a_weight_cell_with_the_keyboard_highlights_its_connection(lab):
    page = lab
    page.focus("#weights [data-edge='0-0-1']")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.dataset.edge")
    assert focused == "1-0-0"
    expect(page.locator('#network .edge[data-edge="1-0-0"]')).to_have_class(LINKED)
    expect(page.locator('#weights [data-edge="1-0-0"]')).to_have_class(LINKED)


def test_an_inactive_relu_neuron_is_marked_with_a_tooltip_explaining_its_zero_gradients(lab):
    page = lab
    dead = page.locator('#network [data-node="1-0"]')
    expect(dead).to_have_class(DEAD)
    expect(page.locator('#network [data-node="1-1"]')).not_to_have_class(DEAD)
    tooltip = dead.locator("title").text_content()
    assert "inactive" in tooltip and "z = −0.982 ≤ 0" in tooltip
    assert "gradients" in tooltip and "zero" in tooltip
    page.evaluate("window.backpropLab.step(1)")
    rows = cell_texts(page, "#updates tbody tr")
    assert [r[2] for r in rows if r[0] in ("I1 → H1", "I2 → H1", "H1 → O")] == ["0.0000"] * 3


def test_a_barely_negative_z_is_shown_with_its_sign_rather_than_as_zero(lab):
    page = lab
    # H2 gets z = 1.0·(−0.001) + 0.5·0 = −0.001: inactive, though 2 decimals would read 0.00.
    page.evaluate("window.backpropLab.setState({weights: "
                  "[[[-0.758, -0.448], [-0.001, 0], [0.835, -0.857]], [[-0.717, -0.204, 0.505]]]})")
    expect(page.locator('#network [data-node="1-1"]')).to_have_class(DEAD)
    expect(page.locator('#network [data-node="1-1"] .node-z')).to_have_text("z = −1.0e−3 ≤ 0")


def test_the_lab_chart_draws_its_line_through_every_steps_loss(lab):
    page = lab
    page.evaluate("window.backpropLab.step(5)")
    inks = page.evaluate("""async () => {
      const chart = (await import("./js/main.bundle.js")).modules["js/charts/loss-chart.js"];
      const box = document.getElementById("loss-chart");
      const geom = chart.lossChartGeometry(box);
      const canvas = box.querySelector("canvas");
      const ctx = canvas.getContext("2d");
      const k = canvas.width / canvas.getBoundingClientRect().width;
      const inkAt = (x, y) => {
        const data = ctx.getImageData(Math.round(x * k) - 2, Math.round(y * k) - 2, 5, 5).data;
        let alpha = 0;
        for (let i = 3; i < data.length; i += 4) alpha = Math.max(alpha, data[i]);
        return alpha;
      };
      const points = Array.from({ length: geom.count }, (_, i) => geom.point(i));
      const mid = (p, q) => inkAt((p.x + q.x) / 2, (p.y + q.y) / 2);
      const between = points.slice(1).map((p, i) => mid(p, points[i]));
      return { count: geom.count, steps: points.map((p) => p.step), between };
    }""")
    assert inks["count"] == 6 and inks["steps"] == [0, 1, 2, 3, 4, 5]
    assert min(inks["between"]) > 100


def test_the_step_button_works_from_the_keyboard(lab):
    page = lab
    page.focus("#step-btn")
    page.keyboard.press("Enter")
    expect(page.locator("#step-count")).to_have_text("1")
    page.keyboard.press("Space")
    expect(page.locator("#step-count")).to_have_text("2")


def test_api_promises_resolve_only_once_every_view_shows_the_new_state(lab):
    page = lab
    seen = page.evaluate("""async () => {
      const chart = (await import("./js/main.bundle.js")).modules["js/charts/loss-chart.js"];
      const s = await window.backpropLab.step(2);
      const text = (sel) => document.querySelector(sel).textContent;
      const geometry = chart.lossChartGeometry(document.getElementById("loss-chart"));
      return { step: s.step, counter: text("#step-count"), loss: text("#loss-value"),
               newest: text("#history tbody tr th"),
               rows: document.querySelectorAll("#history tbody tr").length,
               caption: text("#updates caption"), points: geometry.count,
               hash: location.hash, expected: s.loss.toFixed(4) };
    }""")
    assert seen["step"] == 2 and seen["counter"] == "2" and seen["newest"] == "2"
    assert seen["rows"] == 3 and seen["points"] == 3
    assert seen["loss"] == seen["expected"]
    assert seen["caption"].startswith("Step 2")
    assert seen["hash"].startswith("#x=1,0.5&t=2&lr=0.01&seed=0&w=")


def test_the_reset_promise_resolves_only_once_every_view_shows_the_new_weights(lab):
    page = lab
    page.evaluate("window.backpropLab.step(3)")
    seen = page.evaluate("""async () => {
      const chart = (await import("./js/main.bundle.js")).modules["js/charts/loss-chart.js"];
      const s = await window.backpropLab.reset(7);
      const text = (sel) => document.querySelector(sel).textContent.trim();
      return { weights: s.weights, counter: text("#step-count"), loss: text("#loss-value"),
               h3_from_i1: text('#weights [data-edge="0-2-0"]'),
               rows: document.querySelectorAll("#history tbody tr").length,
               updates: text("#updates"), hash: location.hash,
               points: chart.lossChartGeometry(document.getElementById("loss-chart")).count };
    }""")
    expected = engine_run({"seed": 7})
    assert seen["weights"] == across_runtimes(expected["weights"])
    assert seen["counter"] == "0" and seen["rows"] == 1 and seen["points"] == 1
    assert number(seen["loss"]) == pytest.approx(expected["loss"], abs=5e-5)
    assert number(seen["h3_from_i1"]) == pytest.approx(expected["weights"][0][2][0], abs=5e-4)
    assert seen["updates"].startswith("Click “Step Optimization”")
    assert "seed=7" in seen["hash"] and "w=" not in seen["hash"]


def test_get_state_holds_every_documented_key_with_the_engines_numbers_and_history(lab):
    page = lab
    assert page.evaluate("window.backpropLab.getState().last_step") is None
    page.click("#step-btn")
    page.evaluate("window.backpropLab.step(1)")
    state = page.evaluate("window.backpropLab.getState()")
    assert {"inputs", "target", "lr", "seed", "weights", "step", "loss", "prediction",
            "history"} <= state.keys()
    engine = engine_after(2)
    assert (state["inputs"], state["target"], state["lr"], state["step"]) == ([1.0, 0.5], 2.0,
                                                                             0.01, 2)
    assert state["weights"] == across_runtimes(engine["weights"])
    assert [len(row) for layer in state["weights"] for row in layer] == [2, 2, 2, 3]
    assert state["loss"] == across_runtimes(engine["loss"])
    assert state["prediction"] == across_runtimes(engine["prediction"][0])
    assert [h["step"] for h in state["history"]] == [0, 1, 2]
    for shown, want in zip(state["history"], engine["history"], strict=True):
        assert shown["loss"] == across_runtimes(want["loss"])
        assert shown["prediction"] == across_runtimes(want["prediction"])
        assert (shown["target"], shown["lr"]) == (want["target"], want["lr"])
    assert state["history"][0]["delta_loss"] is None
    assert state["history"][2]["delta_loss"] == pytest.approx(
        engine["history"][2]["loss"] - engine["history"][1]["loss"], rel=1e-9)


def test_the_ten_steps_button_takes_ten_steps_and_keeps_every_row(lab):
    page = lab
    page.get_by_role("button", name="10 steps").click()
    expect(page.locator("#step-count")).to_have_text("10")
    rows = cell_texts(page, "#history tbody tr")
    assert [r[0] for r in rows] == [str(k) for k in range(10, -1, -1)]
    engine = engine_after(10)
    assert number(rows[0][1]) == pytest.approx(engine["loss"], abs=5e-5)


@pytest.mark.parametrize("width", [1280, 375])
def test_after_many_steps_the_newest_history_row_is_in_sight_without_scrolling_the_table(
        lab, width):
    page = lab
    page.set_viewport_size({"width": width, "height": 800 if width > 400 else 812})
    page.evaluate("window.backpropLab.step(40)")
    to_history = "document.querySelector('.card--history').scrollIntoView({block: 'start'})"
    page.evaluate(to_history)
    rows = page.locator("#history tbody tr")
    expect(rows).to_have_count(41)
    expect(rows.first).to_be_in_viewport()
    expect(rows.first.locator("th")).to_have_text("40")
    expect(rows.last).not_to_be_in_viewport()
    page.get_by_role("button", name="Step Optimization").click()
    expect(rows.first.locator("th")).to_have_text("41")
    page.evaluate(to_history)
    expect(rows.first).to_be_in_viewport()


def test_a_step_brings_the_newest_row_back_after_the_learner_scrolled_the_table_down(lab):
    lab.evaluate("window.backpropLab.step(60)")
    table = lab.locator("#history")
    table.scroll_into_view_if_needed()
    table.hover()
    lab.mouse.wheel(0, 600)
    lab.wait_for_function("() => document.getElementById('history').scrollTop > 0")
    expect(table.locator("tbody tr").first).not_to_be_in_viewport()
    lab.get_by_role("button", name="Step Optimization").click()
    expect(table.locator("tbody tr").first.locator("th")).to_have_text("61")
    lab.wait_for_function("() => document.getElementById('history').scrollTop === 0")
    table.scroll_into_view_if_needed()  # the page itself moved up to the Step button
    expect(table.locator("tbody tr").first).to_be_in_viewport()


def test_after_a_reset_a_link_leads_back_to_the_specs_example(lab):
    page = lab
    link = page.locator("#spec-link")
    expect(link).to_be_hidden()
    page.evaluate("window.backpropLab.reset(5)")
    expect(page.locator("#weights-origin")).to_contain_text("seed 5")
    link.click()
    expect(page.locator("#step-count")).to_have_text("0")
    page.wait_for_function("() => window.backpropLab.getState().init_weights !== null")
    assert page.evaluate("window.backpropLab.getState().weights") == SPEC_WEIGHTS
    expect(link).to_be_hidden()


def edge_tooltip(k, to, frm, step):
    """The tooltip of weights[k][to][frm] after `step` steps of the spec's run, from the engine."""
    engine = engine_after(step)
    w = engine["weights"][k][to][frm]
    grad = engine["backward"]["dW"][k][to][frm]
    change = engine["preview"]["update_W"][k][to][frm]
    names = {(0, 2, 0): "I1 → H3", (1, 0, 2): "H3 → O"}
    return (f"{names[(k, to, frm)]}: w = {w:.3f}; gradient for the next step ∂L/∂w = {grad:.4f}; "
            f"next change Δw = {change:+.4f}").replace("-", "\u2212")


def test_an_edge_tooltip_names_the_weight_and_the_gradient_the_next_step_will_use(lab):
    page = lab
    page.locator('#network .edge[data-edge="1-0-2"] .edge-hit').hover()
    title = page.locator('#network .edge[data-edge="1-0-2"] title')
    assert title.text_content() == edge_tooltip(1, 0, 2, 0)
    assert edge_tooltip(1, 0, 2, 0).startswith("H3 → O: w = 0.505; ")


def test_the_tooltip_of_the_connection_pointed_at_follows_each_step_and_focus_writes_one_too(lab):
    page = lab
    page.locator('#network .edge[data-edge="1-0-2"] .edge-hit').hover()
    page.evaluate("window.backpropLab.step(1)")
    expect(page.locator('#network .edge[data-edge="1-0-2"] title')).to_have_text(
        edge_tooltip(1, 0, 2, 1))
    page.mouse.move(5, 5)
    page.focus('#network .edge[data-edge="0-2-0"]')
    expect(page.locator('#network .edge[data-edge="0-2-0"] title')).to_have_text(
        edge_tooltip(0, 2, 0, 1))


def test_connections_are_coloured_by_sign_as_the_legend_shows_and_change_colour_with_it(lab):
    page = lab
    colours = """() => {
      const paint = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
      return { neg: paint('#network [data-edge="0-0-0"] .edge-line', "stroke"),
               pos: paint('#network [data-edge="1-0-2"] .edge-line', "stroke"),
               negSwatch: paint(".legend .swatch--neg", "backgroundColor"),
               posSwatch: paint(".legend .swatch--pos", "backgroundColor") };
    }"""
    seen = page.evaluate(colours)
    assert seen["neg"] == seen["negSwatch"] and seen["pos"] == seen["posSwatch"]
    assert seen["neg"] != seen["pos"]
    dashes = page.evaluate("""() => ['0-0-0', '1-0-2'].map((key) => getComputedStyle(
        document.querySelector(`#network [data-edge="${key}"] .edge-line`)).strokeDasharray)""")
    assert dashes[0] != "none" and dashes[1] == "none"  # the sign shows without colour too
    legend = page.locator(".legend")
    expect(legend).to_be_visible()
    for words in ("positive weight", "negative weight", "thickness ∝ |w|", "inactive ReLU"):
        expect(legend).to_contain_text(words)
    flipped = [[[0.758, -0.448], [-0.270, 0.579], [0.835, -0.857]], [[-0.717, -0.204, -0.505]]]
    page.evaluate(f"window.backpropLab.setState({{weights: {flipped}}})")
    page.wait_for_function("() => window.backpropLab.getState().weights[0][0][0] === 0.758")
    after = page.evaluate(colours)
    assert (after["neg"], after["pos"]) == (seen["pos"], seen["neg"])


def test_drawn_connection_widths_are_proportional_to_the_weights_sizes(lab):
    page = lab
    read = """() => Object.fromEntries([...document.querySelectorAll("#network .edge")].map(
        (e) => [e.dataset.edge,
                Number(e.querySelector(".edge-line").getAttribute("stroke-width"))]))"""
    widths = page.evaluate(read)
    keys = [(k, to, frm) for k, layer in enumerate(SPEC_WEIGHTS)
            for to, row in enumerate(layer) for frm in range(len(row))]
    assert len(widths) == len(keys) == 9
    for k, to, frm in keys:  # every |w| < 1, so the scale is 1 and 9 px stands for |w| = 1
        w = SPEC_WEIGHTS[k][to][frm]
        assert widths[f"{k}-{to}-{frm}"] == pytest.approx(9 * abs(w), abs=0.006)
    bigger = [[[4, -2], [1, 0.5], [-3, 0]], [[2, -1, 0.25]]]
    page.evaluate(f"window.backpropLab.setState({{weights: {bigger}}})")
    page.wait_for_function("() => window.backpropLab.getState().weights[0][0][0] === 4")
    widths = page.evaluate(read)
    for k, to, frm in keys:
        w = bigger[k][to][frm]
        assert widths[f"{k}-{to}-{frm}"] == pytest.approx(max(0.75, 9 * abs(w) / 4), abs=0.006)


def test_the_guide_explains_the_lab_in_nine_sections_true_to_this_engine(lab):
    page = lab
    guide = page.locator(".guide")
    assert guide.locator("summary").all_text_contents() == [
        "How to use this lab", "The network", "How the gradients are found",
        "Choosing a learning rate", "What to notice", "Beyond this lab",
        "Where a gradient’s size comes from", "δ, the factor of 2, and batch means",
        "Why biases matter"]
    text = guide.text_content()
    for fact in ("L = ½·(ŷ − t)²", "∂L/∂ŷ = ŷ − t", "ReLU′(0) = 0", "no biases",
                 "w ← w − η·∂L/∂w", "0.01 to 0.1", "Step Optimization", "Reset Weights",
                 "RMSprop", "Adam", "δ (delta) is ∂L/∂z", "MSELoss has no ½", "ŷ(0) = 0"):
        assert fact in text, fact
    expect(guide.locator("details[open] summary")).to_have_text(["How to use this lab"])
    relu_rule = guide.get_by_text("we take ReLU′(0) = 0")
    expect(relu_rule).to_be_hidden()
    guide.get_by_text("How the gradients are found").click()
    expect(relu_rule).to_be_visible()


def test_inactive_neurons_are_also_explained_in_words_under_the_drawing(lab):
    page = lab
    note = page.locator("#dead-note")
    expect(note).to_contain_text("H1 is inactive")
    expect(note).to_contain_text("the next update leaves these weights as they are")
    page.evaluate("window.backpropLab.setState({weights: [[[1, 1], [1, 1], [1, 1]], [[1, 1, 1]]]})")
    expect(note).to_be_hidden()


def test_the_readout_under_the_drawing_gives_the_pointed_weights_gradient_and_next_change(lab):
    page = lab
    readout = page.locator("#edge-readout")
    expect(readout).to_contain_text("Point at, tap or focus")
    expect(readout).to_contain_text("for the chain rule behind it")
    page.focus('#weights [data-edge="0-2-0"]')
    grad = engine_after(0)["backward"]["dW"][0][2][0]
    shown_grad = f"{grad:.4f}".replace("-", "\u2212")
    pieces = readout.locator("> *").all_text_contents()
    assert pieces == ["I1 → H3", "w = 0.835", f"∂L/∂w = {shown_grad}",
                      f"next step Δw = +{-0.01 * grad:.4f}"]
    page.click("#step-btn")
    expect(page.locator("#step-count")).to_have_text("1")
    page.mouse.move(1, 1)
    page.focus('#weights [data-edge="0-2-0"]')
    grad1 = engine_after(1)["backward"]["dW"][0][2][0]
    expect(readout).to_contain_text(f"∂L/∂w = {grad1:.4f}".replace("-", "\u2212"))


def test_a_tap_on_a_connection_keeps_it_highlighted_after_the_finger_lifts(make_page, lab_url):
    phone = make_page(viewport={"width": 375, "height": 812}, has_touch=True, is_mobile=True)
    phone.goto(lab_url)
    phone.wait_for_function("() => window.backpropLab && window.backpropLab.ready")
    phone.evaluate("window.backpropLab.ready")
    phone.locator('#network .edge[data-edge="1-0-2"] .edge-hit').tap()
    expect(phone.locator('#weights [data-edge="1-0-2"]')).to_have_class(LINKED)
    expect(phone.locator("#edge-readout")).to_contain_text("H3 → Ow = 0.505")
    phone.locator(".card--network h2").tap()
    expect(phone.locator("#network .is-linked")).to_have_count(0)
