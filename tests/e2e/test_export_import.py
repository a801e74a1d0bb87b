"""Taking a run away and bringing it back: the history as CSV, the state as JSON, and opening a
state file (a bad one changes nothing and says why). Also: large weights keep every table column
in view, and a note coming or going never moves the page."""

import json

from demo_support import SPEC_WEIGHTS, across_runtimes, engine_run
from playwright.sync_api import expect

SPEC = {"weights": SPEC_WEIGHTS}


def test_the_history_downloads_as_csv_with_one_line_per_step(lab, tmp_path):
    lab.evaluate("window.backpropLab.step(3)")
    with lab.expect_download() as info:
        lab.get_by_role("button", name="Download history (CSV)").click()
    assert info.value.suggested_filename == "backprop-lab-history-step-3.csv"
    path = tmp_path / "history.csv"
    info.value.save_as(path)
    lines = path.read_text().strip().split("\n")
    assert lines[0].startswith("step,loss,loss_before,delta_loss")
    assert [line.split(",")[0] for line in lines[1:]] == ["0", "1", "2", "3"]
    losses = [float(line.split(",")[1]) for line in lines[1:]]
    shown = lab.evaluate("window.backpropLab.getState().history.map((row) => row.loss)")
    assert losses == shown  # written in full precision
    rows = engine_run(SPEC, ("step", 3))["history"]
    assert losses == across_runtimes([row["loss"] for row in rows])


def test_a_downloaded_state_opens_again_as_a_run_from_its_weights(lab, tmp_path):
    lab.evaluate("window.backpropLab.setState({lr: 0.05})")
    lab.evaluate("window.backpropLab.step(4)")
    with lab.expect_download() as info:
        lab.get_by_role("button", name="Download state (JSON)").click()
    path = tmp_path / "state.json"
    info.value.save_as(path)
    saved = json.loads(path.read_text())
    assert saved["format"] == "backprop-lab-state" and saved["step"] == 4
    expected = engine_run(SPEC, ("configure", {"optimizer": {"lr": 0.05}}), ("step", 4))
    assert saved["weights"] == across_runtimes(expected["weights"])
    lab.evaluate("window.backpropLab.reset(3)")
    lab.set_input_files("#import-input", str(path))
    lab.wait_for_function("(w) => JSON.stringify(window.backpropLab.getState().init_weights) === "
                          "JSON.stringify(w)", arg=saved["weights"])
    state = lab.evaluate("window.backpropLab.getState()")
    assert state["step"] == 0 and state["lr"] == 0.05 and state["weights"] == saved["weights"]
    expect(lab.locator("#import-msg")).to_be_hidden()


def test_a_file_that_is_not_a_state_changes_nothing_and_says_why(lab, tmp_path):
    lab.evaluate("window.backpropLab.step(2)")
    before = lab.evaluate("window.backpropLab.getState().weights")
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}')
    lab.set_input_files("#import-input", str(bad))
    expect(lab.locator("#import-msg")).to_contain_text("not a Backprop Lab state")
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"format": "backprop-lab-state", "version": 1,
                                  "scenario": {"layers": [2, 3, 1]}, "weights": [[[1]]]}))
    lab.set_input_files("#import-input", str(broken))
    expect(lab.locator("#import-msg")).to_contain_text("weights: Must be nested per layer")
    state = lab.evaluate("window.backpropLab.getState()")
    assert state["step"] == 2 and state["weights"] == before


def test_large_weights_keep_every_weights_and_updates_column_in_view(lab):
    lab.evaluate("window.backpropLab.setState({lr: 50})")
    lab.evaluate("window.backpropLab.step(5)")
    overflow = lab.evaluate("""() => ['#weights', '#updates'].map((id) => {
        const box = document.querySelector(id);
        return box.scrollWidth - box.clientWidth; })""")
    assert overflow == [0, 0]
    expect(lab.locator("#weights thead")).to_contain_text("To Output")
    expect(lab.locator('#weights [data-edge="0-2-0"]')).to_have_text("−3.92e6")


ORIGIN_TOP = """() => document.querySelector('.origin-note').getBoundingClientRect().top -
    document.querySelector('.card--controls').getBoundingClientRect().top"""


def test_the_loss_went_up_note_does_not_move_what_follows_it(lab):
    top = lab.evaluate(ORIGIN_TOP)
    lab.evaluate("window.backpropLab.setState({lr: 2})")  # the loss rises by 3.7 (engine, CPython)
    lab.evaluate("window.backpropLab.step(1)")
    expect(lab.locator("#step-note")).to_be_visible()
    expect(lab.locator("#step-note")).to_contain_text("went up")
    assert abs(lab.evaluate(ORIGIN_TOP) - top) < 0.5  # sub-pixel rounding only


def test_a_far_too_large_learning_rate_is_named_and_undo_takes_the_step_back(lab):
    lab.evaluate("window.backpropLab.setState({lr: 5})")
    lab.click("#step-btn")
    jump = engine_run({**SPEC, "optimizer": {"name": "sgd", "lr": 5}}, ("step", 1))["history"][1]
    assert jump["loss"] > 100 * jump["loss_before"]  # 1.62 -> about 271: not refused, but ruinous
    note = lab.locator("#step-note")
    expect(note).to_contain_text(f"from {jump['loss_before']:.2f} to {jump['loss']:.2f}")
    expect(note).to_contain_text("far too large")
    guide = lab.locator(".guide").get_by_text("refuses only a step whose numbers would overflow")
    expect(guide).to_have_count(1)
    lab.get_by_role("button", name="Undo step").click()
    expect(lab.locator("#step-count")).to_have_text("0")
    expect(lab.locator("#loss-value")).to_have_text("1.6177")
