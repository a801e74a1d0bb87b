"""Beyond 2-3-1, as a learner does it in "Network settings": layers added and removed with the +/−
buttons (and their limits), each activation and optimizer, biases, the loss, the example's fields
for any size, the optimizer's state in the updates table, links that keep the network, the editor
by keyboard, and a big network on a laptop and a phone. Numbers are checked against the engine run
in CPython with the same configuration."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from demo_support import SPEC_WEIGHTS, cell_texts, engine_run, number
from playwright.sync_api import expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
EXAMPLE = {"inputs": [1.0, 0.5], "targets": [2.0]}


def open_settings(page):
    details = page.locator("#net-settings")
    if details.get_attribute("open") is None:
        page.locator("#net-settings summary").click()
    expect(page.get_by_role("button", name="Add hidden layer")).to_be_visible()
    return page


def layers_of(page):
    return page.evaluate("window.backpropLab.getState().layers")


def wait_for_layers(page, layers):
    page.wait_for_function(
        "(want) => JSON.stringify(window.backpropLab.getState().layers) === JSON.stringify(want)",
        arg=layers,
    )


def drawn(page):
    return page.evaluate("""() => ({
      nodes: document.querySelectorAll('#network .node').length,
      edges: document.querySelectorAll('#network .edge').length,
      biases: document.querySelectorAll('#network .bias-mark').length })""")


def connections(layers):
    return sum(a * b for a, b in zip(layers, layers[1:], strict=False))


def close_to(shown, expected, tol=5e-6):
    flat = lambda v: [x for x in (flat(i) for i in v) for x in x] if isinstance(v, list) else [v]  # noqa: E731
    a, b = flat(shown), flat(expected)
    assert len(a) == len(b)
    assert all(x == pytest.approx(y, abs=tol) for x, y in zip(a, b, strict=True))


def test_the_plus_and_minus_buttons_change_the_drawing_and_the_layers(lab):
    page = open_settings(lab)
    steps = [
        ("Add neuron to H1", [2, 4, 1]),
        ("Add hidden layer", [2, 4, 4, 1]),
        ("Add input", [3, 4, 4, 1]),
        ("Add output", [3, 4, 4, 2]),
        ("Remove neuron from H2", [3, 4, 3, 2]),
        ("Remove hidden layer", [3, 4, 2]),
        ("Remove input", [2, 4, 2]),
    ]
    for name, layers in steps:
        page.get_by_role("button", name=name).click()
        wait_for_layers(page, layers)
        assert drawn(page) == {"nodes": sum(layers), "edges": connections(layers), "biases": 0}
        expect(page.locator("#network svg")).to_have_attribute(
            "aria-label", f"Network diagram, {' → '.join(map(str, layers))} neurons"
        )
    expect(page.locator("#arch-count-1")).to_have_text("4 neurons")
    expect(page.locator("#arch-count-2")).to_have_text("2 outputs")
    assert page.evaluate("window.backpropLab.getState().step") == 0


def test_quick_clicks_each_add_a_neuron(lab):
    page = open_settings(lab)
    button = page.get_by_role("button", name="Add neuron to H1")
    for _ in range(3):
        button.click()
    wait_for_layers(page, [2, 6, 1])
    assert drawn(page)["nodes"] == 9


def test_the_buttons_are_disabled_at_the_limits_and_six_layers_of_eight_stay_readable(lab):
    page = open_settings(lab)
    page.evaluate("window.backpropLab.setState({layers: [4, 8, 8, 8, 8, 8, 8, 2]})")
    for name in [
        "Add hidden layer",
        "Add input",
        "Add output",
        "Add neuron to H1",
        "Add neuron to H6",
    ]:
        expect(page.get_by_role("button", name=name)).to_be_disabled()
    for name in ["Remove hidden layer", "Remove input", "Remove output", "Remove neuron from H3"]:
        expect(page.get_by_role("button", name=name)).to_be_enabled()
    geometry = page.evaluate("""() => {
      const box = (n) => n.getBoundingClientRect();
      const circles = [...document.querySelectorAll('#network .node-circle')].map(box);
      const overlaps = circles.some((a, i) => circles.some((b, j) => j > i &&
        a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 &&
        b.top < a.bottom - 1));
      const svg = document.querySelector('#network svg').getBoundingClientRect();
      const card = document.querySelector('.card--network').getBoundingClientRect();
      const names = [...document.querySelectorAll('#network .node-name')]
        .map((t) => box(t).height);
      return { overlaps, inside: svg.left >= card.left && svg.right <= card.right,
               page: document.documentElement.scrollWidth <= innerWidth,
               smallest: Math.min(...names) };
    }""")
    assert geometry == {
        "overlaps": False,
        "inside": True,
        "page": True,
        "smallest": geometry["smallest"],
    }
    assert geometry["smallest"] >= 8  # node names stay legible
    page.evaluate("window.backpropLab.setState({layers: [1, 1]})")
    for name in ["Remove hidden layer", "Remove input", "Remove output"]:
        expect(page.get_by_role("button", name=name)).to_be_disabled()
    expect(page.get_by_role("button", name="Add hidden layer")).to_be_enabled()
    assert drawn(page) == {"nodes": 2, "edges": 1, "biases": 0}


def ten_steps_with(lab, select, key, name):
    """Choose `name` in the select for config `key`, take 10 steps: the page's weights are the
    engine's (CPython) for the same run. Returns (page, the engine's frame)."""
    page = open_settings(lab)
    page.select_option(select, name)
    page.wait_for_function(
        f"(n) => window.backpropLab.getState().config.{key} === n", arg=name)
    page.click("#step10-btn")
    expect(page.locator("#step-count")).to_have_text("10")
    engine = engine_run({"weights": SPEC_WEIGHTS, **EXAMPLE, key: name}, ("step", 10))
    close_to(page.evaluate("window.backpropLab.getState().weights"), engine["weights"])
    return page, engine


@pytest.mark.parametrize("name", ["relu", "leaky_relu", "tanh", "sigmoid", "linear"])
def test_each_hidden_activation_trains_as_the_engine_does(lab, name):
    page, engine = ten_steps_with(lab, "#activation-1", "hidden_activation", name)
    cell = page.locator('#weights [data-edge="0-2-0"]')
    assert number(cell.inner_text()) == pytest.approx(engine["weights"][0][2][0], abs=5e-4)
    label = engine_activation_label(name)
    expect(page.locator("#network .layer-title").nth(1)).to_contain_text(label)


def engine_activation_label(name):
    import backprop.api as api

    return api.describe()["activations"][name]["label"]


@pytest.mark.parametrize("name", ["tanh", "sigmoid", "leaky_relu"])
def test_each_output_activation_trains_as_the_engine_does(lab, name):
    ten_steps_with(lab, "#activation-2", "output_activation", name)


def test_per_layer_activations_follow_the_layers_added(lab):
    page = open_settings(lab)
    page.get_by_role("button", name="Add hidden layer").click()
    wait_for_layers(page, [2, 3, 3, 1])
    page.select_option("#activation-2", "tanh")
    page.wait_for_function(
        "() => Array.isArray(window.backpropLab.getState().config.hidden_activation)"
    )
    assert page.evaluate("window.backpropLab.getState().config.hidden_activation") == [
        "relu",
        "tanh",
    ]
    page.get_by_role("button", name="Add hidden layer").click()
    wait_for_layers(page, [2, 3, 3, 3, 1])
    assert page.evaluate("window.backpropLab.getState().config.hidden_activation") == [
        "relu",
        "tanh",
        "tanh",
    ]
    expect(page.locator("#activation-3")).to_have_value("tanh")
    page.evaluate("window.backpropLab.step(4)")
    state = page.evaluate("window.backpropLab.getState()")
    engine = engine_run(
        {
            "layers": [2, 3, 3, 3, 1],
            "hidden_activation": ["relu", "tanh", "tanh"],
            "seed": 0,
            **EXAMPLE,
        },
        ("step", 4),
    )
    close_to(state["weights"], engine["weights"])


OPTIMIZERS = [
    ("sgd", {}, {}),
    ("momentum", {"momentum": "0.8"}, {"momentum": 0.8}),
    ("rmsprop", {"alpha": "0.9", "eps": "1e-6"}, {"alpha": 0.9, "eps": 1e-6}),
    ("adam", {"beta1": "0.8", "beta2": "0.99", "eps": "1e-7"}, {"betas": [0.8, 0.99], "eps": 1e-7}),
]


@pytest.mark.parametrize(("name", "typed", "settings"), OPTIMIZERS, ids=[o[0] for o in OPTIMIZERS])
def test_each_optimizer_with_its_settings_updates_as_the_engine_does(lab, name, typed, settings):
    page = open_settings(lab)
    page.evaluate("window.backpropLab.step(1)")
    page.select_option("#optimizer-select", name)
    page.wait_for_function("(n) => window.backpropLab.getState().optimizer.name === n", arg=name)
    shown = page.eval_on_selector_all(
        "#optimizer-settings [data-setting]:not([hidden])", "fs => fs.map((f) => f.dataset.setting)"
    )
    assert sorted(shown) == sorted(typed)
    for field, text in typed.items():
        page.fill(f"#{field}-input", text)
        page.locator(f"#{field}-input").dispatch_event("change")
    for field, value in settings.items():
        page.wait_for_function(
            "([k, v]) => JSON.stringify(window.backpropLab.getState().optimizer[k]) === "
            "JSON.stringify(v)",
            arg=[field, value],
        )
    page.click("#step10-btn")
    expect(page.locator("#step-count")).to_have_text("11")
    optimizer = {"name": name, "lr": 0.01, **settings}
    engine = engine_run(
        {"weights": SPEC_WEIGHTS, **EXAMPLE},
        ("step", 1),
        ("configure", {"optimizer": optimizer}),
        ("step", 10),
    )
    close_to(page.evaluate("window.backpropLab.getState().weights"), engine["weights"])
    if name != "sgd":  # a live change: an event in the history, not a new run
        expect(page.locator("#history tr.history-event")).to_have_count(1)
    expect(page.locator("#optimizer-rule")).to_have_text(engine_rule(name))


def engine_rule(name):
    import backprop.api as api

    return api.describe()["optimizers"][name]["rule"]


def test_a_bad_optimizer_setting_is_explained_where_it_was_typed(lab):
    page = open_settings(lab)
    page.select_option("#optimizer-select", "momentum")
    page.wait_for_function("() => window.backpropLab.getState().optimizer.name === 'momentum'")
    page.fill("#momentum-input", "1.5")
    page.locator("#momentum-input").dispatch_event("change")
    expect(page.locator("#momentum-msg")).to_have_text("Must be less than 1.")
    expect(page.locator("#momentum-input")).to_have_attribute("aria-invalid", "true")
    assert page.evaluate("window.backpropLab.getState().optimizer.momentum") != 1.5


def test_with_biases_the_drawing_and_tables_show_them_with_the_engines_gradients(lab):
    page = open_settings(lab)
    page.check("#bias-input")
    page.wait_for_function("() => window.backpropLab.getState().config.bias === true")
    assert drawn(page)["biases"] == 4
    page.evaluate("window.backpropLab.step(3)")
    engine = engine_run({"weights": SPEC_WEIGHTS, **EXAMPLE, "bias": True}, ("step", 3))
    last = engine["last_step"]
    for layer, size in enumerate([3, 1]):
        for to in range(size):
            row = page.locator(f'#updates tr[data-edge="b-{layer}-{to}"]')
            cells = [c.strip() for c in row.locator("th, td").all_inner_texts()]
            assert cells[0] == (f"b H{to + 1}" if layer == 0 else "b O")
            assert number(cells[2]) == pytest.approx(last["db"][layer][to], abs=5e-5)
            assert number(cells[3]) == pytest.approx(last["update_b"][layer][to], abs=5e-5)
            assert number(cells[4]) == pytest.approx(last["biases_after"][layer][to], abs=5e-5)
            cell = page.locator(f'#weights td[data-edge="b-{layer}-{to}"]')
            assert number(cell.inner_text()) == pytest.approx(engine["biases"][layer][to], abs=5e-4)
    expect(page.locator("#weights-bias-note")).to_contain_text("bias b is in the column b")
    page.get_by_role("button", name="Backward").click()
    title = page.locator('#network .bias-mark[data-edge="b-1-0"] title').text_content()
    assert f"∂L/∂b = {engine['backward']['db'][1][0]:.4f}".replace("-", "\u2212") in title
    page.locator('#weights td[data-edge="b-0-1"]').focus()
    expect(page.locator('#network .bias-mark[data-edge="b-0-1"]')).to_have_class(
        re.compile("is-linked")
    )
    expect(page.locator("#edge-readout")).to_contain_text("∂L/∂b")
    expect(page.locator("#phase-note")).to_contain_text("∂L/∂b = δ")


DEEP_WITH_BIASES = """window.backpropLab.setState(
  {layers: [4, 8, 8, 8, 8, 8, 8, 2], bias: true, seed: 3})"""


def shown_groups(page, table):
    """The titles of the layer groups of a table that a person sees."""
    return page.eval_on_selector_all(
        f"#{table} tbody.layer-group",
        "groups => groups.filter((g) => g.checkVisibility()).map((g) => g.rows[0].textContent)")


def shown_rows(page, table):
    return page.eval_on_selector_all(
        f"#{table} [data-edge]", "cells => cells.filter((c) => c.checkVisibility()).length")


def check_layer_against_engine(page, layer, engine):
    """Every weights cell and updates row of one layer of weights shows the engine's numbers."""
    last = engine["last_step"]
    for to, row in enumerate(engine["weights"][layer]):
        for frm, w in enumerate(row):
            key = f"{layer}-{to}-{frm}"
            assert number(page.locator(f'#weights td[data-edge="{key}"]').inner_text()) == (
                pytest.approx(w, abs=5e-4))
            cells = page.locator(f'#updates tr[data-edge="{key}"] td').all_inner_texts()
            assert number(cells[1]) == pytest.approx(last["dW"][layer][to][frm], abs=5e-5)
            after = last["weights_after"][layer][to][frm]
            assert number(cells[-1]) == pytest.approx(after, abs=5e-5)
        cell = page.locator(f'#weights td[data-edge="b-{layer}-{to}"]')
        assert number(cell.inner_text()) == pytest.approx(engine["biases"][layer][to], abs=5e-4)


def test_six_hidden_layers_show_one_layer_of_weights_at_a_time_picked_in_either_card(lab):
    lab.evaluate(DEEP_WITH_BIASES)
    lab.evaluate("window.backpropLab.step(2)")
    config = lab.evaluate("window.backpropLab.getState().config")
    engine = engine_run(config, ("step", 2))
    pickers = [lab.locator("#weights-layers-select"), lab.locator("#updates-layers-select")]
    expect(lab.get_by_label("Show", exact=True)).to_have_count(2)
    assert pickers[0].locator("option").all_inner_texts() == [
        "All layers (418 weights and biases)",
        "Inputs → H1 (40 weights and biases)",
        *[f"H{n} → H{n + 1} (72 weights and biases)" for n in range(1, 6)],
        "H6 → Outputs (18 weights and biases)",
    ]
    for picker in pickers:
        expect(picker).to_have_value("0")
    assert shown_groups(lab, "weights") == ["Inputs → H1: row ← column; b: bias"]
    assert shown_groups(lab, "updates") == ["Inputs → H1 (weights, then biases)"]
    assert shown_rows(lab, "updates") == 40
    check_layer_against_engine(lab, 0, engine)

    pickers[1].select_option(label="H3 → H4 (72 weights and biases)")
    for picker in pickers:
        expect(picker).to_have_value("3")
    assert shown_groups(lab, "weights") == ["H3 → H4: row ← column; b: bias"]
    assert shown_groups(lab, "updates") == ["H3 → H4 (weights, then biases)"]
    check_layer_against_engine(lab, 3, engine)

    pickers[0].select_option("all")
    expect(pickers[1]).to_have_value("all")
    assert len(shown_groups(lab, "weights")) == len(shown_groups(lab, "updates")) == 7
    assert shown_rows(lab, "updates") == 418
    check_layer_against_engine(lab, 6, engine)  # never drawn while hidden: filled as it is shown


def test_a_connection_chosen_in_the_drawing_brings_the_tables_to_its_layer(lab):
    lab.evaluate(DEEP_WITH_BIASES)
    lab.evaluate("window.backpropLab.step(1)")
    lab.focus('#network .edge[data-edge="5-0-3"]')
    for picker in ["#weights-layers-select", "#updates-layers-select"]:
        expect(lab.locator(picker)).to_have_value("5")
    row = lab.locator('#updates tr[data-edge="5-0-3"]')
    expect(row).to_be_visible()
    linked = re.compile(r"\bis-linked\b")
    expect(row).to_have_class(linked)
    expect(lab.locator('#weights td[data-edge="5-0-3"]')).to_have_class(linked)
    lab.evaluate("window.backpropLab.step(1)")  # the choice stays while training
    config = lab.evaluate("window.backpropLab.getState().config")
    check_layer_against_engine(lab, 5, engine_run(config, ("step", 2)))
    lab.evaluate("window.backpropLab.setState({layers: [4, 8, 8, 8, 8, 8, 7, 2]})")
    expect(lab.locator("#weights-layers-select")).to_have_value("5")  # a neuron more or less: kept
    lab.evaluate("window.backpropLab.setState({layers: [4, 8, 8, 8, 8, 8, 2]})")
    expect(lab.locator("#weights-layers-select")).to_have_value("0")  # another depth: the default


def test_a_smaller_deep_network_shows_every_layer_and_offers_one_at_a_time(lab):
    lab.evaluate("window.backpropLab.setState({layers: [2, 8, 8, 1], bias: true})")
    expect(lab.locator("#weights-layers-select")).to_have_value("all")
    expect(lab.locator("#updates-layers")).to_be_hidden()  # no step yet: nothing to pick from
    lab.evaluate("window.backpropLab.step(1)")
    expect(lab.locator("#updates-layers-select")).to_have_value("all")
    assert shown_rows(lab, "updates") == 105
    lab.locator("#updates-layers-select").select_option(label="H2 → Outputs (9 weights and biases)")
    assert shown_groups(lab, "updates") == ["H2 → Outputs (weights, then biases)"]
    assert shown_rows(lab, "updates") == 9
    lab.evaluate("window.backpropLab.setState({layers: [2, 3, 1], bias: false})")
    expect(lab.locator("#weights-layers")).to_be_hidden()
    expect(lab.locator("#updates-layers")).to_be_hidden()


def test_binary_cross_entropy_asks_for_a_sigmoid_output_where_it_is_chosen(lab):
    page = open_settings(lab)
    page.select_option("#loss-select", "binary_cross_entropy")
    expect(page.locator("#loss-msg")).to_be_visible()
    expect(page.locator("#loss-msg")).to_contain_text("needs a Sigmoid output")
    expect(page.locator("#loss-select")).to_have_value("half_squared_error")
    assert page.evaluate("window.backpropLab.getState().config.loss") == "half_squared_error"
    page.select_option("#activation-2", "sigmoid")
    page.wait_for_function(
        "() => window.backpropLab.getState().config.output_activation === 'sigmoid'"
    )
    page.select_option("#loss-select", "binary_cross_entropy")  # the target is still 2
    expect(page.locator("#loss-msg")).to_contain_text("needs targets in [0, 1]")
    expect(page.locator("#loss-select")).to_have_value("half_squared_error")
    page.fill("#t-input", "1")
    page.wait_for_function("() => window.backpropLab.getState().target === 1")
    page.select_option("#loss-select", "binary_cross_entropy")
    page.wait_for_function(
        "() => window.backpropLab.getState().config.loss === 'binary_cross_entropy'"
    )
    expect(page.locator("#loss-msg")).to_be_hidden()
    page.select_option("#activation-2", "tanh")
    expect(page.locator("#loss-msg")).to_contain_text("needs a Sigmoid output")
    expect(page.locator("#activation-2")).to_have_value("sigmoid")


def test_the_values_form_follows_three_inputs_and_two_targets(lab):
    page = open_settings(lab)
    page.get_by_role("button", name="Add input").click()
    wait_for_layers(page, [3, 3, 1])
    page.get_by_role("button", name="Add output").click()
    wait_for_layers(page, [3, 3, 2])
    for field, label in [
        ("x1", "Input x₁"),
        ("x3", "Input x₃"),
        ("t1", "Target t₁"),
        ("t2", "Target t₂"),
    ]:
        expect(page.get_by_label(label, exact=True)).to_have_attribute("id", f"{field}-input")
    expect(page.locator("#t-input")).to_have_count(0)
    page.fill("#x3-input", "-0.25")
    page.wait_for_function("() => window.backpropLab.getState().inputs[2] === -0.25")
    page.fill("#t2-input", "0.75")
    page.wait_for_function(
        "() => JSON.stringify(window.backpropLab.getState().target) === '[2,0.75]' || "
        "window.backpropLab.getState().target[1] === 0.75"
    )
    page.fill("#t1-input", "abc")
    page.locator("#t1-input").dispatch_event("change")
    expect(page.locator("#t1-msg")).to_have_text("“abc” is not a number.")
    expect(page.locator("#t1-input")).to_have_attribute("aria-invalid", "true")
    state = page.evaluate("window.backpropLab.getState()")
    assert state["inputs"][2] == -0.25 and state["target"][1] == 0.75
    engine = engine_run(
        {"layers": [3, 3, 2], "seed": 0, "inputs": state["inputs"], "targets": state["target"]}
    )
    assert state["prediction"] == pytest.approx(engine["prediction"], abs=1e-9)
    expect(page.locator("#network .out-target")).to_contain_text("0.75")


def test_the_updates_table_shows_adams_m_v_and_step_as_the_engine_has_them(lab):
    page = open_settings(lab)
    page.evaluate(
        "window.backpropLab.setState({optimizer: "
        "{name: 'adam', lr: 0.01, betas: [0.9, 0.999], eps: 1e-8}})"
    )
    page.evaluate("window.backpropLab.step(2)")
    heads = page.eval_on_selector_all(
        "#updates thead th", "ths => ths.map((t) => [t.firstChild.textContent, t.title])"
    )
    assert [h[0] for h in heads] == [
        "Weight",
        "∂L/∂w",
        "m",
        "s",  # the square average, as the rule names it (torch's v)
        "Δw ÷ −η",
        "Δw",
        "After",
    ]
    assert "running mean of the gradient" in heads[2][1] and "Plain gradient descent" in heads[4][1]
    optimizer = {"name": "adam", "lr": 0.01, "betas": [0.9, 0.999], "eps": 1e-8}
    engine = engine_run(
        {"weights": SPEC_WEIGHTS, **EXAMPLE}, ("configure", {"optimizer": optimizer}), ("step", 2)
    )
    state, last = engine["optimizer_state"], engine["last_step"]
    rows = cell_texts(page, "#updates tbody tr")
    keys = [
        (k, t, f)
        for k, layer in enumerate(SPEC_WEIGHTS)
        for t, row in enumerate(layer)
        for f in range(len(row))
    ]
    for (k, t, f), (_, grad, m, v, step, delta, after) in zip(keys, rows, strict=True):
        assert number(grad) == pytest.approx(last["dW"][k][t][f], abs=5e-5)
        assert number(m) == pytest.approx(state["m"]["weights"][k][t][f], rel=2e-2, abs=5e-4)
        assert number(v) == pytest.approx(state["v"]["weights"][k][t][f], rel=2e-2, abs=5e-4)
        assert number(step) == pytest.approx(-last["update_W"][k][t][f] / 0.01, abs=5e-3)
        assert number(delta) == pytest.approx(last["update_W"][k][t][f], abs=5e-5)
        assert number(after) == pytest.approx(last["weights_after"][k][t][f], abs=5e-5)
    expect(page.locator("#updates caption")).to_contain_text("optimizer state after 2 updates")


def test_the_updates_table_shows_the_momentum_velocity_and_rmsprop_square_average(lab):
    for name, key, label, settings in [
        ("momentum", "velocity", "v", {"momentum": 0.9}),
        ("rmsprop", "v", "s", {"alpha": 0.99, "eps": 1e-8}),
    ]:
        optimizer = {"name": name, "lr": 0.01, **settings}
        page = lab
        page.evaluate("(o) => window.backpropLab.setState({optimizer: o})", optimizer)
        page.evaluate("window.backpropLab.step(2)")
        engine = engine_run(
            {"weights": SPEC_WEIGHTS, **EXAMPLE},
            ("configure", {"optimizer": optimizer}),
            ("step", 2),
        )
        expect(page.locator("#updates thead th").nth(2)).to_have_text(label)
        for k, t, f in [(0, 1, 0), (1, 0, 1)]:
            cell = page.locator(f'#updates tr[data-edge="{k}-{t}-{f}"] td.opt')
            assert number(cell.inner_text()) == pytest.approx(
                engine["optimizer_state"][key]["weights"][k][t][f], rel=2e-2, abs=5e-4
            )
        page.evaluate("window.backpropLab.setState({optimizer: {name: 'sgd'}})")


def test_a_link_keeps_the_whole_network_after_a_reload(lab, open_lab):
    page = open_settings(lab)
    page.get_by_role("button", name="Add hidden layer").click()
    wait_for_layers(page, [2, 3, 3, 1])
    page.select_option("#activation-2", "tanh")
    page.select_option("#activation-3", "sigmoid")
    page.wait_for_function(
        "() => window.backpropLab.getState().config.output_activation === 'sigmoid'"
    )
    page.evaluate("window.backpropLab.setState({target: 1})")
    page.select_option("#loss-select", "binary_cross_entropy")
    page.wait_for_function(
        "() => window.backpropLab.getState().config.loss === 'binary_cross_entropy'"
    )
    page.check("#bias-input")
    page.wait_for_function("() => window.backpropLab.getState().config.bias")
    page.evaluate(
        "window.backpropLab.setState({optimizer: {name: 'adam', betas: [0.8, 0.99]}, target: 1})"
    )
    before = page.evaluate("window.backpropLab.getState()")
    hash = page.evaluate("location.hash").lstrip("#")
    again = open_lab(hash)
    after = again.evaluate("window.backpropLab.getState()")
    for key in ["layers", "hidden_activation", "output_activation", "bias", "loss", "optimizer"]:
        assert after["config"][key] == before["config"][key], key
    assert after["weights"] == before["weights"] and after["biases"] == before["biases"]
    expect(again.locator("#hash-error")).to_be_hidden()


def test_the_editor_works_by_keyboard_alone(lab):
    page = lab
    page.locator("#net-settings summary").focus()
    if page.locator("#net-settings").get_attribute("open") is None:
        page.keyboard.press("Enter")
    page.get_by_role("button", name="Add hidden layer").focus()
    page.keyboard.press("Enter")
    wait_for_layers(page, [2, 3, 3, 1])
    assert page.evaluate("document.activeElement.dataset.control") == "add-hidden"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Remove hidden layer"
    page.keyboard.press("Space")
    wait_for_layers(page, [2, 3, 1])
    page.get_by_role("button", name="Add neuron to H1").focus()
    page.keyboard.press("Enter")
    wait_for_layers(page, [2, 4, 1])
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Add neuron to H1"
    page.locator("#activation-1").focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_function(
        "() => window.backpropLab.getState().config.hidden_activation === 'leaky_relu'"
    )
    page.locator("#bias-input").focus()
    page.keyboard.press("Space")
    page.wait_for_function("() => window.backpropLab.getState().config.bias === true")


def test_phases_receipt_gradient_check_and_time_travel_work_for_a_deeper_network_with_biases(lab):
    page = open_settings(lab)
    page.evaluate(
        "window.backpropLab.setState({layers: [2, 3, 3, 1], bias: true, "
        "optimizer: {name: 'momentum'}})"
    )
    page.evaluate("window.backpropLab.step(3)")
    config = {"layers": [2, 3, 3, 1], "bias": True, "seed": 0, **EXAMPLE}
    engine = engine_run(
        config,
        ("configure", {"optimizer": {"name": "momentum", "lr": 0.01, "momentum": 0.9}}),
        ("step", 3),
    )
    page.get_by_role("button", name="Backward").click()
    delta = engine["backward"]["delta"][1][0][1]
    assert number(
        page.locator('#network [data-node="2-1"] .node-value').text_content()
    ) == pytest.approx(delta, abs=5e-3)
    page.click('#weights [data-edge="1-0-2"]')
    expect(page.locator("#receipt-title")).to_have_text("Chain rule for H1.3 → H2.1")
    shown = page.locator("#receipt .receipt-body math").nth(2).locator("mn").text_content()
    assert number(shown) == pytest.approx(engine["backward"]["dW"][1][0][2], abs=5e-4)
    page.click("#receipt-close")
    page.click("#gradcheck-btn")
    expect(page.locator("#gradcheck table")).to_be_visible()
    expect(page.locator("#gradcheck tbody tr")).to_have_count(connections([2, 3, 3, 1]) + 7)
    page.click("#undo-btn")
    expect(page.locator("#step-count")).to_have_text("2")
    earlier = engine_run(
        config,
        ("configure", {"optimizer": {"name": "momentum", "lr": 0.01, "momentum": 0.9}}),
        ("step", 2),
    )
    close_to(page.evaluate("window.backpropLab.getState().weights"), earlier["weights"], tol=1e-12)
    close_to(page.evaluate("window.backpropLab.getState().biases"), earlier["biases"], tol=1e-12)
    page.click("#gradcheck-btn")


def guide_items(page, which="network"):
    texts = page.locator(f"#guide-{which} li").all_text_contents()
    return [" ".join(t.split()) for t in texts]


def test_texts_follow_the_network_and_keep_the_spec_wording_for_the_spec(lab):
    page = lab
    spec_items = guide_items(page)
    spec_gradients = guide_items(page, "gradients")
    assert spec_gradients[0].startswith("Each neuron’s error signal δ (delta) is ∂L/∂z")
    assert spec_gradients[1] == (
        "Output error: δout = ŷ − t (the output is linear, so its slope is 1).")
    assert (
        spec_items[0]
        == "2 inputs → 3 hidden neurons with ReLU, a(z) = max(0, z) → 1 linear output ŷ."
    )
    expect(page.locator("#weights-bias-note")).to_have_text(
        "Note: to keep things simple, this network does not have any biases."
    )
    expect(page.locator(".card--weights a.guide-link")).to_have_attribute("href", "#guide-biases")
    page.evaluate(
        "window.backpropLab.setState({layers: [2, 4, 2], hidden_activation: 'tanh', bias: true})"
    )
    items = guide_items(page)
    assert items[0] == "2 inputs → 4 hidden neurons with tanh, a(z) = tanh(z) → 2 linear outputs ŷ."
    assert items[1] == "Each neuron adds up its weighted inputs and its bias, z = Σ w·a + b."
    expect(page.locator("#legend-dead")).to_be_hidden()  # tanh never goes inactive
    gradients = guide_items(page, "gradients")
    assert gradients[2].endswith("f′ of tanh is 1 − tanh(z)² = 1 − a².")
    assert len(gradients) == 4  # δ, output, hidden, ∂L/∂w: no inactive neurons with tanh
    page.evaluate(
        "window.backpropLab.setState({layers: [2, 3, 1], hidden_activation: 'relu', bias: false})"
    )
    assert guide_items(page) == spec_items
    assert guide_items(page, "gradients") == spec_gradients
    assert page.locator("#guide-gradients sub").count() == 7  # the page's own markup is back
    expect(page.locator("#legend-dead-text")).to_have_text("inactive ReLU (z ≤ 0)")


def test_axe_finds_no_violation_in_the_open_editor_with_adam_and_biases(lab):
    page = open_settings(lab)
    page.evaluate(
        "window.backpropLab.setState({layers: [2, 4, 4, 1], bias: true, optimizer: {name: 'adam'}})"
    )
    page.evaluate("window.backpropLab.step(2)")
    rules = {
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]}
    }
    for scheme in ["light", "dark"]:
        page.emulate_media(color_scheme=scheme)
        found = Axe().run(page, options=rules).response["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in found] == []
    page.emulate_media(color_scheme="light")


@pytest.mark.parametrize("width", [1280, 375])
def test_a_2_8_8_1_network_with_biases_and_adam_fits_a_laptop_and_a_phone(open_lab, width):
    page = open_lab("layers=2,8,8,1&bias=1&opt=adam&lr=0.01", width=width, height=900)
    page.evaluate("window.backpropLab.step(5)")
    open_settings(page)
    page.get_by_role("button", name="Backward").click()
    fits = page.evaluate("""() => ({ page: document.documentElement.scrollWidth <= innerWidth,
      cards: [...document.querySelectorAll('.card')]
        .every((c) => c.scrollWidth <= c.clientWidth + 1),
      svg: document.querySelector('#network svg').getBoundingClientRect().right <=
           document.querySelector('.card--network').getBoundingClientRect().right })""")
    assert fits == {"page": True, "cards": True, "svg": True}
    assert drawn(page) == {"nodes": 19, "edges": 2 * 8 + 8 * 8 + 8, "biases": 17}
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(
        path=str(SCREENSHOTS / f"network-2-8-8-1-adam-bias-{width}.png"), full_page=True
    )
