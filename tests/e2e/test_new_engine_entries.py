"""AdaGrad, Nesterov momentum, ELU and softplus in the page (issue 18 item 3): added to the engine
only, they are offered by the settings card, the network editor, setState and the URL hash, and
the page trains with them exactly as the engine does in CPython (to a relative 1e-12)."""
import pytest
from demo_support import SPEC_WEIGHTS, engine_run, number, open_settings, same_numbers
from playwright.sync_api import expect

import backprop.api as api

SPEC = {"weights": SPEC_WEIGHTS, "inputs": [1.0, 0.5], "targets": [2.0]}
STATE = "window.backpropLab.getState()"


def shown_settings(page):
    return page.eval_on_selector_all("#optimizer-settings [data-setting]:not([hidden])",
                                     "fs => fs.map((f) => f.dataset.setting)")


def test_adagrad_set_by_set_state_trains_as_the_engine_does(lab):
    optimizer = {"name": "adagrad", "lr": 0.1, "lr_decay": 0.01,
                 "initial_accumulator_value": 0.1, "eps": 1e-10}
    lab.evaluate("(o) => window.backpropLab.setState({optimizer: o})", optimizer)
    lab.evaluate("window.backpropLab.step(25)")
    engine = engine_run(SPEC, ("configure", {"optimizer": optimizer}), ("step", 25))
    state = lab.evaluate(STATE)
    assert state["optimizer"] == optimizer
    same_numbers(state["weights"], engine["weights"])
    expect(lab.locator("#updates thead th").nth(2)).to_have_text("s")
    cell = lab.locator('#updates tr[data-edge="0-1-0"] td.opt')
    assert number(cell.inner_text()) == pytest.approx(
        engine["optimizer_state"]["sum"]["weights"][0][1][0], rel=2e-2, abs=5e-4)
    keys = lab.evaluate("location.hash").split("&")
    assert {"opt=adagrad", "lr_decay=0.01", "initial_accumulator_value=0.1"} <= set(keys)
    assert not any(key.startswith("eps=") for key in keys)  # AdaGrad's own default ε


def test_choosing_adagrad_in_the_card_gives_torchs_defaults_and_its_own_fields(open_lab):
    page = open_settings(open_lab())  # a fresh page: no AdaGrad setting chosen before
    page.select_option("#optimizer-select", "adagrad")
    page.wait_for_function("() => window.backpropLab.getState().optimizer.name === 'adagrad'")
    defaults = api.describe()["optimizers"]["adagrad"]["settings"]
    assert page.evaluate(STATE)["optimizer"] == {**defaults, "name": "adagrad", "lr": 0.01}
    assert sorted(shown_settings(page)) == ["eps", "initial_accumulator_value", "lr_decay"]
    page.fill("#lr_decay-input", "0.5")
    page.locator("#lr_decay-input").dispatch_event("change")
    page.wait_for_function("() => window.backpropLab.getState().optimizer.lr_decay === 0.5")
    page.fill("#initial_accumulator_value-input", "-1")
    page.locator("#initial_accumulator_value-input").dispatch_event("change")
    expect(page.locator("#initial_accumulator_value-msg")).to_contain_text("Must be")
    page.evaluate("window.backpropLab.step(25)")
    engine = engine_run(SPEC, ("configure", {"optimizer": {"name": "adagrad", "lr": 0.01}}),
                        ("configure", {"optimizer": {"lr_decay": 0.5}}), ("step", 25))
    same_numbers(page.evaluate(STATE)["weights"], engine["weights"])
    expect(page.locator("#history tr.history-event")).to_have_count(1)  # live changes, one run


def test_nesterov_from_the_card_with_its_momentum_trains_as_the_engine_does(lab):
    page = open_settings(lab)
    page.select_option("#optimizer-select", "nesterov")
    page.wait_for_function("() => window.backpropLab.getState().optimizer.name === 'nesterov'")
    assert shown_settings(page) == ["momentum"]
    expect(page.locator("#optimizer-rule")).to_have_text(
        api.describe()["optimizers"]["nesterov"]["rule"])
    page.fill("#momentum-input", "0.8")
    page.locator("#momentum-input").dispatch_event("change")
    page.wait_for_function("() => window.backpropLab.getState().optimizer.momentum === 0.8")
    page.evaluate("window.backpropLab.step(25)")
    engine = engine_run(SPEC, ("configure", {"optimizer": {"name": "nesterov", "lr": 0.01}}),
                        ("configure", {"optimizer": {"momentum": 0.8}}), ("step", 25))
    same_numbers(page.evaluate(STATE)["weights"], engine["weights"])
    assert "opt=nesterov" in page.evaluate("location.hash").split("&")


def test_a_link_to_nesterov_and_adagrad_settings_restores_them(open_lab):
    page = open_lab("x=1,0.5&t=2&lr=0.05&seed=7&opt=nesterov&momentum=0.5")
    assert page.evaluate(STATE)["optimizer"] == {"name": "nesterov", "lr": 0.05, "momentum": 0.5}
    page = open_lab("x=1,0.5&t=2&lr=0.05&seed=7&opt=adagrad&lr_decay=0.2")
    optimizer = page.evaluate(STATE)["optimizer"]
    assert (optimizer["name"], optimizer["lr_decay"], optimizer["eps"]) == ("adagrad", 0.2, 1e-10)
    page.evaluate("window.backpropLab.step(25)")
    engine = engine_run({"seed": 7, "inputs": [1.0, 0.5], "targets": [2.0],
                         "optimizer": {"name": "adagrad", "lr": 0.05, "lr_decay": 0.2}},
                        ("step", 25))
    same_numbers(page.evaluate(STATE)["weights"], engine["weights"])


@pytest.mark.parametrize("activation", ["elu", "softplus"])
def test_a_new_activation_from_the_editor_trains_as_the_engine_does(lab, activation):
    page = open_settings(lab)
    labels = page.eval_on_selector_all("#activation-1 option", "os => os.map((o) => o.value)")
    assert activation in labels
    page.select_option("#activation-1", activation)
    page.wait_for_function("(a) => window.backpropLab.getState().config.hidden_activation === a",
                           arg=activation)
    label = api.describe()["activations"][activation]["label"]
    expect(page.locator("#network")).to_contain_text(label)
    page.evaluate("window.backpropLab.step(25)")
    engine = engine_run({**SPEC, "hidden_activation": activation}, ("step", 25))
    same_numbers(page.evaluate(STATE)["weights"], engine["weights"])
    assert f"hidden_activation={activation}" in page.evaluate("location.hash").split("&")


def test_set_state_takes_elu_and_softplus_per_layer(lab):
    lab.evaluate("window.backpropLab.setState({layers: [2, 3, 3, 1], "
                 "hidden_activation: ['elu', 'softplus'], output_activation: 'softplus'})")
    lab.evaluate("window.backpropLab.step(25)")
    config = lab.evaluate(STATE)["config"]
    engine = engine_run({key: config[key] for key in ("layers", "hidden_activation",
                         "output_activation", "seed", "inputs", "targets")}, ("step", 25))
    same_numbers(lab.evaluate(STATE)["weights"], engine["weights"])
