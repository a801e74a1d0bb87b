"""What a learner or another page may type or link: every field is validated where it is typed,
bad URL keys fall back to defaults with a message, the hash follows the state and reproduces it,
window.backpropLab.setState refuses bad input, and a diverging step is refused with a message."""

import re

import pytest
from demo_support import (
    SPEC_HASH,
    SPEC_WEIGHTS,
    across_runtimes,
    cell_texts,
    engine_after,
    engine_run,
)
from playwright.sync_api import expect

from backprop import DivergenceError

BAD_NUMBERS = [
    ("", "Enter a number"),
    ("abc", "is not a number"),
    ("NaN", "NaN is not a number"),
    ("Infinity", "Infinity is not allowed"),
    ("-Infinity", "Infinity is not allowed"),
    ("1e999", "too large"),
    ("1000", "between -100 and 100"),
    ("0,5", "Use a dot for decimals: 0.5"),
]


def expect_field_error(page, field: str, fragment: str) -> None:
    box = page.locator(f"#{field}-input")
    message = page.locator(f"#{field}-msg")
    box.press("Tab")  # leaving the field shows its message at once
    expect(message).to_be_visible()
    expect(message).to_contain_text(fragment)
    expect(box).to_have_attribute("aria-invalid", "true")
    assert f"{field}-msg" in box.get_attribute("aria-describedby").split()


@pytest.mark.parametrize(("text", "fragment"), BAD_NUMBERS,
                         ids=[t or "empty" for t, _ in BAD_NUMBERS])
def test_a_bad_input_value_is_named_next_to_its_field_and_changes_nothing(lab, text, fragment):
    page = lab
    page.fill("#x1-input", text)
    expect_field_error(page, "x1", fragment)
    state = page.evaluate("window.backpropLab.getState()")
    assert state["inputs"] == [1.0, 0.5]
    page.click("#step-btn")
    expect(page.locator("#step-count")).to_have_text("1")
    loss = page.evaluate("window.backpropLab.getState().loss")
    assert loss == pytest.approx(engine_after(1)["loss"])


@pytest.mark.parametrize("text", ["0", "-0.1", "-1e-9"])
def test_a_learning_rate_of_zero_or_below_is_refused_with_a_message(lab, text):
    page = lab
    page.fill("#lr-input", text)
    expect_field_error(page, "lr", "greater than 0")
    assert page.evaluate("window.backpropLab.getState().lr") == 0.01


def test_a_target_out_of_range_is_refused_and_a_good_value_clears_the_message(lab):
    page = lab
    page.fill("#t-input", "-250")
    expect_field_error(page, "t", "between -100 and 100")
    page.fill("#t-input", "1.5")
    expect(page.locator("#t-msg")).to_be_hidden()
    expect(page.locator("#t-input")).not_to_have_attribute("aria-invalid", "true")
    page.wait_for_function("() => window.backpropLab.getState().target === 1.5")
    expect(page.locator("#network .out-target")).to_have_text("t = 1.50")


def test_a_changed_input_updates_the_forward_pass_at_once_and_is_used_by_the_next_step(lab):
    page = lab
    page.fill("#x1-input", "0.25")
    page.wait_for_function("() => window.backpropLab.getState().inputs[0] === 0.25")
    expect(page.locator('#network [data-node="0-0"] .node-value')).to_have_text("0.25")
    state = page.evaluate("window.backpropLab.step(1)")
    expected = engine_after(1, inputs=[0.25, 0.5])
    assert state["loss"] == across_runtimes(expected["loss"])


def test_opening_a_link_reproduces_its_inputs_target_lr_and_seeded_weights(open_lab):
    page = open_lab("x=0.3,-0.7&t=1.5&lr=0.05&seed=7")
    state = page.evaluate("window.backpropLab.getState()")
    expected = engine_run({"seed": 7, "inputs": [0.3, -0.7], "targets": [1.5],
                           "optimizer": {"name": "sgd", "lr": 0.05}})
    shown = (state["inputs"], state["target"], state["lr"], state["seed"])
    assert shown == ([0.3, -0.7], 1.5, 0.05, 7)
    assert state["weights"] == across_runtimes(expected["weights"])
    assert state["loss"] == across_runtimes(expected["loss"])
    for field, value in [("x1", "0.3"), ("x2", "-0.7"), ("t", "1.5"), ("lr", "0.05")]:
        expect(page.locator(f"#{field}-input")).to_have_value(value)
    expect(page.locator("#hash-error")).to_be_hidden()


def test_a_link_with_weights_reproduces_them_exactly(open_lab):
    weights = "0.1,-0.2,0.3,-0.4,0.5,-0.6,0.7,-0.8,0.9"
    page = open_lab(f"x=1,0.5&t=2&lr=0.01&seed=3&w={weights}")
    state = page.evaluate("window.backpropLab.getState()")
    flat = [w for layer in state["weights"] for row in layer for w in row]
    assert flat == [float(v) for v in weights.split(",")]
    assert state["seed"] == 3


def test_the_hash_follows_changes_and_opening_it_gives_the_same_state(open_lab, page, lab_url):
    open_lab()
    page.fill("#lr-input", "0.05")
    page.wait_for_function("() => location.hash.includes('lr=0.05')")
    page.fill("#x2-input", "-0.25")
    page.wait_for_function("() => location.hash.includes('x=1,-0.25')")
    hash_ = page.evaluate("location.hash")
    assert hash_ == "#x=1,-0.25&t=2&lr=0.05&seed=0&w=" + SPEC_HASH.split("&w=")[1]
    before = page.evaluate("window.backpropLab.getState()")
    page.evaluate("window.backpropLab.reset(99)")
    page.wait_for_function("() => location.hash.includes('seed=99')")
    seeded = page.evaluate("location.hash")
    assert "w=" not in seeded
    page.goto("about:blank")
    opened = open_lab(hash_.lstrip("#")).evaluate("window.backpropLab.getState()")
    keys = ["inputs", "target", "lr", "weights", "loss", "prediction"]
    assert {k: opened[k] for k in keys} == {k: before[k] for k in keys}
    page.goto("about:blank")
    reopened = open_lab(seeded.lstrip("#")).evaluate("window.backpropLab.getState()")
    assert reopened["seed"] == 99
    assert reopened["weights"] == across_runtimes(engine_run({"seed": 99})["weights"])


def test_a_malformed_hash_names_the_bad_keys_and_uses_defaults_for_them(open_lab):
    page = open_lab("x=abc&lr=-1&t=2.5&w=1,2,3")
    notice = page.locator("#hash-error")
    expect(notice).to_be_visible()
    for key in ("x:", "lr:", "w:"):
        expect(notice).to_contain_text(key)
    state = page.evaluate("window.backpropLab.getState()")
    assert (state["inputs"], state["lr"], state["target"]) == ([1.0, 0.5], 0.01, 2.5)
    assert state["weights"] == SPEC_WEIGHTS
    page.click("#step-btn")
    expect(page.locator("#step-count")).to_have_text("1")


def test_editing_the_hash_by_hand_loads_that_scenario(lab):
    page = lab
    page.evaluate("location.hash = 'x=0.5,0.5&t=1&lr=0.1&seed=5'")
    page.wait_for_function("() => window.backpropLab.getState().seed === 5")
    state = page.evaluate("window.backpropLab.getState()")
    assert state["weights"] == across_runtimes(engine_run({"seed": 5})["weights"])
    expect(page.locator("#lr-input")).to_have_value("0.1")


@pytest.mark.parametrize(("partial", "fragment"), [
    ({"lr": -1}, "lr: Must be greater than 0"),
    ({"lr": "0.1"}, "lr: Must be a number"),
    ({"inputs": [1]}, "inputs: Must have 2 numbers"),
    ({"target": None}, "target:"),
    ({"weights": [[[1, 2]]]}, "weights: Must be nested per layer"),
    ({"seed": 1.5}, "seed: Must be a whole number"),
    ({"colour": "red"}, 'Unknown key "colour"'),
])
def test_set_state_refuses_bad_input_with_a_clear_error_and_changes_nothing(lab, partial, fragment):
    page = lab
    before = page.evaluate("window.backpropLab.getState()")
    error = page.evaluate("""(partial) => window.backpropLab.setState(partial).then(
        () => null, (e) => ({ name: e.name, message: e.message }))""", partial)
    assert error is not None and fragment in error["message"]
    assert page.evaluate("window.backpropLab.getState()") == before


def test_set_state_applies_good_input_and_updates_fields_views_and_hash(lab):
    page = lab
    state = page.evaluate("window.backpropLab.setState({inputs: [0.5, -1], target: 0.75, lr: 0.1})")
    shown = (state["inputs"], state["target"], state["lr"], state["step"])
    assert shown == ([0.5, -1], 0.75, 0.1, 0)
    expect(page.locator("#x2-input")).to_have_value("-1")
    expect(page.locator('#network [data-node="0-1"] .node-value')).to_have_text("−1.00")
    assert page.evaluate("location.hash").startswith("#x=0.5,-1&t=0.75&lr=0.1&")
    weights = [[[0.5, 0.5], [-0.5, 0.5], [1, 1]], [[1, -1, 0.5]]]
    state = page.evaluate("(w) => window.backpropLab.setState({weights: w})", weights)
    assert state["weights"] == weights and state["step"] == 0
    rows = cell_texts(page, "#weights tbody tr")
    assert rows[2] == ["H3", "1.000", "1.000", "0.500"]


def test_a_diverging_step_is_refused_with_a_message_near_the_button_and_nothing_is_lost(lab):
    page = lab
    page.evaluate("window.backpropLab.step(2)")
    page.fill("#x1-input", "100")
    page.fill("#x2-input", "50")
    page.fill("#lr-input", "10")
    page.wait_for_function("() => window.backpropLab.getState().lr === 10")
    with pytest.raises(DivergenceError):  # the engine in CPython refuses that step too
        engine_run({"weights": SPEC_WEIGHTS}, ("step", 2),
                   ("configure", {"inputs": [100, 50], "optimizer": {"lr": 10}}), ("step", 1))
    before = page.evaluate("window.backpropLab.getState()")
    page.click("#step-btn")
    error = page.locator("#step-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("diverged")
    expect(error).to_contain_text("smaller learning rate")
    assert page.evaluate("window.backpropLab.getState()") == before
    expect(page.locator("#step-count")).to_have_text("2")
    page.fill("#lr-input", "0.0001")
    page.wait_for_function("() => window.backpropLab.getState().lr === 0.0001")
    page.click("#step-btn")
    expect(page.locator("#step-count")).to_have_text("3")
    expect(error).to_be_hidden()


def test_the_api_step_rejects_with_a_divergence_error_and_keeps_earlier_updates(lab):
    page = lab
    page.evaluate("window.backpropLab.setState({inputs: [100, 50], lr: 10})")
    result = page.evaluate("""() => window.backpropLab.step(1).then(
        () => null, (e) => ({ name: e.name, message: e.message }))""")
    assert result["name"] == "DivergenceError"
    assert page.evaluate("window.backpropLab.getState().step") == 0
    expect(page.locator("#step-count")).to_have_text("0")


@pytest.mark.parametrize("n", [0, -1, 1.5, "2"])
def test_the_api_step_refuses_a_bad_count(lab, n):
    page = lab
    message = page.evaluate(
        "(n) => window.backpropLab.step(n).then(() => null, (e) => e.message)", n)
    assert message and message.startswith("n:")
    assert page.evaluate("window.backpropLab.getState().step") == 0


def test_the_loss_readout_announces_itself_politely(lab):
    page = lab
    live = page.locator("#live-status")
    assert live.get_attribute("aria-live") == "polite"
    page.click("#step-btn")
    expect(live).to_have_text(re.compile(r"^Step 1\. Loss 1\.6\d{3}\. Prediction 0\.\d{3}\.$"))


def test_the_skip_link_moves_focus_without_restarting_the_run(lab):
    page = lab
    page.evaluate("window.backpropLab.step(2)")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#lab")).to_be_focused()
    assert page.evaluate("location.hash").startswith("#x=")
    assert page.evaluate("window.backpropLab.getState().step") == 2
    expect(page.locator("#step-count")).to_have_text("2")
