"""Every way a value gets in (typed fields, the URL hash, window.backpropLab.setState, a state file)
with every kind of bad value: a clear message where it was entered (aria-invalid on fields), the run
unchanged, no NaN or Infinity shown as a number, and Step working again once the value is fixed.
(CSV tables: test_datasets.py; host messages: test_embed.py and test_hostile_input.py.)"""
import json

import pytest
from playwright.sync_api import expect

EMPTY, TEXT, HUGE = "Enter a number.", "is not a number.", "That number is too large"
NAN, INF = "NaN is not a number", "Infinity is not allowed"

# (field id, optimizer in force or None, typed text, words of the message, a value that is fine)
FIELDS = [
    *[("x1-input", None, text, words, "1") for text, words in [
        ("", EMPTY), ("   ", EMPTY), ("abc", TEXT), ("1e309", HUGE), ("NaN", NAN),
        ("Infinity", INF), ("-Infinity", INF), ("1e6", "Must be between -100 and 100."),
        ("--1", TEXT)]],
    *[("t-input", None, text, words, "2") for text, words in [
        ("", EMPTY), ("two", TEXT), ("-1e309", HUGE), ("101", "Must be between -100 and 100.")]],
    *[("lr-input", None, text, words, "0.01") for text, words in [
        ("", EMPTY), ("fast", TEXT), ("0", "Must be greater than 0."),
        ("-0.1", "Must be greater than 0."), ("1e309", HUGE), ("NaN", NAN), ("Infinity", INF),
        ("1000", "Must be between 0 and 100.")]],
    *[("momentum-input", "momentum", text, words, "0.9") for text, words in [
        ("1", "Must be less than 1."), ("-0.5", "Must be at least 0."), ("x", TEXT)]],
    *[("beta1-input", "adam", text, words, "0.9") for text, words in [
        ("1.5", "Must be less than 1."), ("", EMPTY)]],
    ("eps-input", "adam", "0", "Must be greater than 0.", "1e-8"),
]


def state_of(page):
    return page.evaluate("window.backpropLab.getState()")


def snapshot(page):
    state = state_of(page)
    return {key: state[key] for key in ("run", "step", "weights", "inputs", "target", "lr")}


def no_bad_numbers_shown(page) -> None:
    text = page.locator("#lab").inner_text()
    assert "NaN" not in text.replace("NaN is not a number", "")
    assert "Infinity" not in text.replace("Infinity is not allowed", "")


def type_into(page, field_id: str, text: str) -> None:
    field = page.locator(f"#{field_id}")
    field.fill(text)
    field.dispatch_event("change")


@pytest.mark.parametrize(("field_id", "optimizer", "text", "words", "fine"), FIELDS,
                         ids=[f"{f}={t!r}" for f, _, t, _, _ in FIELDS])
def test_a_bad_typed_value_is_named_at_its_field_and_changes_nothing(lab, field_id, optimizer,
                                                                     text, words, fine):
    if optimizer:  # its settings are in the closed "Network settings"
        lab.evaluate(f"window.backpropLab.setState({{optimizer: {{name: '{optimizer}'}}}})")
        lab.evaluate("document.getElementById('net-settings').open = true")
    before = snapshot(lab)
    type_into(lab, field_id, text)
    field = lab.locator(f"#{field_id}")
    expect(field).to_have_attribute("aria-invalid", "true")
    message = lab.locator(f"#{field_id.removesuffix('-input')}-msg")
    expect(message).to_be_visible()
    expect(message).to_contain_text(words)
    assert snapshot(lab) == before
    no_bad_numbers_shown(lab)
    type_into(lab, field_id, fine)
    expect(field).not_to_have_attribute("aria-invalid", "true")
    expect(message).to_be_hidden()
    lab.locator("#step-btn").click()
    expect(lab.locator("#step-count")).to_have_text(str(before["step"] + 1))


SET_STATE = [
    ({"lr": 0}, "lr: Must be greater than 0."),
    ({"lr": "fast"}, "lr:"),
    ({"lr": None}, "lr:"),
    ({"inputs": [1]}, "inputs:"),
    ({"inputs": [1, "NaN"]}, "inputs:"),
    ({"target": 1e309}, "target:"),
    ({"weights": [[[1, 2]]]}, "weights: Must be nested per layer"),
    ({"layers": [2, 0, 1]}, "layers: Layer 2: Must be between"),
    ({"layers": [2] * 12}, "layers: Must list"),
    ({"optimizer": {"name": "newton"}}, "optimizer: Must be one of"),
    ({"optimizer": {"name": "adam", "betas": [0.9]}}, "optimizer.betas: Must be two numbers."),
    ({"dataset": {"name": "mnist"}}, "dataset: name: Must be one of"),
    ({"colour": "red"}, 'Unknown key "colour"'),
    ([1, 2], "setState expects an object"),
]


@pytest.mark.parametrize(("partial", "words"), SET_STATE, ids=[json.dumps(p)[:40] for p, _ in
                                                               SET_STATE])
def test_set_state_refuses_a_bad_value_by_name_and_changes_nothing(lab, partial, words):
    before = snapshot(lab)
    error = lab.evaluate("""async (partial) => {
      try { await window.backpropLab.setState(partial); return null; }
      catch (e) { return { name: e.name, message: e.message }; }
    }""", partial)
    assert error is not None and error["name"] == "ValueError"
    assert words in error["message"]
    assert snapshot(lab) == before
    assert lab.evaluate("window.backpropLab.step(1)")["step"] == before["step"] + 1


HASHES = [
    ("x=1", "x: Expected 2 comma-separated numbers, got 1."),
    ("lr=-1", "lr: Must be greater than 0."),
    ("t=NaN", "t:"),
    ("w=1,2,3", "w:"),
    ("layers=2,99,1", "layers:"),
    ("dataset=%7Bname", "dataset: Must be a JSON object"),
    ("seed=-5", "seed:"),
    ("opt=newton", "opt: Must be one of"),
]


@pytest.mark.parametrize(("fragment", "words"), HASHES, ids=[h for h, _ in HASHES])
def test_a_bad_link_value_is_named_at_the_top_and_its_default_used(lab, fragment, words):
    lab.evaluate("(hash) => { location.hash = hash; }", f"#{fragment}")
    box = lab.locator("#hash-error")
    expect(box).to_be_visible()
    expect(box).to_contain_text(words)
    no_bad_numbers_shown(lab)
    lab.locator("#step-btn").click()
    expect(lab.locator("#step-count")).to_have_text("1")
    lab.evaluate("(hash) => { location.hash = hash; }", "#x=1,0.5&t=2&lr=0.01&seed=0")
    expect(box).to_be_hidden()


FILES = [
    ("{not json", "This file is not JSON"),
    ("[]", ""),
    (json.dumps({"app": "backprop-lab", "inputs": [1, 2, 3]}), ""),
    ("", ""),
]


@pytest.mark.parametrize(("text", "words"), FILES, ids=["malformed", "array", "wrong-count",
                                                         "empty"])
def test_a_bad_state_file_says_why_and_changes_nothing(lab, tmp_path, text, words):
    before = snapshot(lab)
    path = tmp_path / "state.json"
    path.write_text(text)
    lab.set_input_files("#import-input", str(path))
    message = lab.locator("#import-msg")
    expect(message).to_be_visible()
    expect(message).not_to_have_text("")
    if words:
        expect(message).to_contain_text(words)
    assert snapshot(lab) == before
    lab.locator("#step-btn").click()
    expect(lab.locator("#step-count")).to_have_text(str(before["step"] + 1))


def test_a_bad_weight_typed_in_the_receipt_is_named_there_and_changes_nothing(lab):
    lab.locator("#weights td[tabindex]").first.click()
    expect(lab.locator("#receipt")).to_be_visible()
    before = snapshot(lab)
    for text in ["", "abc", "1e309", "500"]:
        lab.fill("#weight-input", text)
        lab.locator("#weight-edit button[type=submit]").click()
        expect(lab.locator("#weight-input")).to_have_attribute("aria-invalid", "true")
        expect(lab.locator("#weight-msg")).to_be_visible()
        assert snapshot(lab) == before
    lab.fill("#weight-input", "0.25")
    lab.locator("#weight-edit button[type=submit]").click()
    expect(lab.locator("#weight-msg")).to_be_hidden()
    assert state_of(lab)["weights"] != before["weights"]


def test_a_diverging_learning_rate_stops_at_the_last_finite_state_with_the_engines_words(lab):
    lab.evaluate("window.backpropLab.setState({hidden_activation: 'linear', lr: 50})")
    lab.locator("#step10-btn").click()
    error = lab.locator("#step-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("training diverged at step 2")
    expect(error).to_contain_text("try a smaller learning rate")
    expect(lab.locator("#step-count")).to_have_text("1")  # the last finite state is kept
    assert "zip(" not in error.inner_text() and "Traceback" not in error.inner_text()
    state = state_of(lab)
    assert all(abs(w) < 1e300 for layer in state["weights"] for row in layer for w in row)
    no_bad_numbers_shown(lab)
    # The weights after step 1 are already far out: Undo, a sane rate, and training goes on.
    lab.locator("#undo-btn").click()
    expect(lab.locator("#step-count")).to_have_text("0")
    type_into(lab, "lr-input", "0.01")
    lab.locator("#step-btn").click()
    expect(lab.locator("#step-count")).to_have_text("1")
    expect(error).to_be_hidden()


def test_a_huge_but_finite_loss_is_charted_and_written_without_raw_digits(lab):
    lab.evaluate("window.backpropLab.setState({lr: 50})")
    lab.evaluate("window.backpropLab.step(1).catch(() => null)")
    shown = lab.locator("#loss-value").inner_text()
    assert len(shown) <= 12 and "NaN" not in shown, shown
    no_bad_numbers_shown(lab)
