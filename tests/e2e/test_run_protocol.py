"""Run protocol v2 as a learner and a script see it: exact time travel with seek, a change of
settings mid-run marked in the history and on the chart, the engine's own preview of the next
update for any optimizer, and a long run that lists only the newest rows. Every number is checked
against the engine run in CPython (to the last bits: another numpy build), and against the page's
own fresh run exactly where the page should repeat itself."""

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


def state(page):
    return page.evaluate("window.backpropLab.getState()")


def test_seek_after_50_steps_gives_exactly_the_weights_of_a_fresh_run_of_that_many_steps(lab):
    lab.evaluate("window.backpropLab.step(50)")
    after = lab.evaluate("window.backpropLab.seek(20)")
    assert after["step"] == 20
    expect(lab.locator("#step-count")).to_have_text("20")
    steps = [row[0] for row in cell_texts(lab, "#history tbody tr.history-row")]
    assert steps == [str(k) for k in range(20, -1, -1)]
    expect(lab.locator("#updates caption")).to_contain_text("Step 20")
    fresh = lab.evaluate("""(weights) => window.backpropLab.setState({ weights })
        .then(() => window.backpropLab.step(20))""", SPEC_WEIGHTS)
    assert fresh["step"] == 20 and fresh["history"][0]["step"] == 0  # a new run, not the old one
    assert after["weights"] == fresh["weights"]  # exact: the same floats, bit for bit
    assert after["last_step"]["dW"] == fresh["last_step"]["dW"]
    engine = engine_run(SPEC, ("step", 20))
    assert after["weights"] == across_runtimes(engine["weights"])
    assert after["last_step"]["dW"] == across_runtimes(engine["last_step"]["dW"])


def test_going_back_further_than_the_listed_rows_lists_the_newest_rows_before_that_step(lab):
    lab.evaluate("window.backpropLab.step(100)")
    lab.evaluate("window.backpropLab.seek(70)")
    steps = [row[0] for row in cell_texts(lab, "#history tbody tr.history-row")]
    assert steps == [str(k) for k in range(70, 20, -1)]  # 50 rows, none of the branch left behind


def test_the_step_after_a_seek_is_the_next_one_on_a_new_branch(lab):
    lab.evaluate("window.backpropLab.step(50)")
    lab.evaluate("window.backpropLab.seek(20)")
    after = lab.evaluate("window.backpropLab.step(1)")
    assert after["step"] == 21
    assert after["weights"] == across_runtimes(engine_run(SPEC, ("step", 21))["weights"])
    assert [row["step"] for row in state(lab)["history"]] == list(range(22))
    assert chart_geometry(lab)["count"] == 22


def test_seek_restores_the_settings_in_force_at_that_step(lab):
    lab.evaluate("window.backpropLab.step(3)")
    lab.evaluate("window.backpropLab.setState({target: -1, lr: 0.05})")
    lab.evaluate("window.backpropLab.step(2)")
    back = lab.evaluate("window.backpropLab.seek(2)")
    assert back["target"] == 2.0 and back["lr"] == 0.01
    expect(lab.locator("#t-input")).to_have_value("2")
    expect(lab.locator("#lr-input")).to_have_value("0.01")
    assert "t=2&lr=0.01" in lab.evaluate("location.hash")


def test_seek_refuses_a_step_outside_the_run_and_changes_nothing(lab):
    lab.evaluate("window.backpropLab.step(5)")
    message = lab.evaluate(
        "window.backpropLab.seek(9).then(() => 'ok', (e) => `${e.name}: ${e.message}`)")
    assert message == "ValueError: step: Must be between 0 and 5."
    assert state(lab)["step"] == 5


def test_a_target_change_mid_run_is_marked_in_the_history_and_on_the_chart(lab):
    # weights given: a new run that starts with target −3, so the only change is the one below
    lab.evaluate("(w) => window.backpropLab.setState({weights: w, target: -3})", SPEC_WEIGHTS)
    lab.evaluate("window.backpropLab.step(5)")
    lab.fill("#t-input", "2")
    lab.wait_for_function("() => window.backpropLab.getState().target === 2")
    lab.click("#step-btn")
    expect(lab.locator("#step-count")).to_have_text("6")
    event = lab.locator("#history tr.history-event")
    expect(event).to_have_count(1)
    expect(event).to_have_text("Changed before step 6: target −3.00 → 2.00")
    expected = engine_run({**SPEC, "targets": [-3.0]}, ("step", 5),
                          ("configure", {"targets": [2.0]}), ("step", 1))["history"][6]
    newest = cell_texts(lab, "#history tbody tr.history-row")[0]
    assert newest[0] == "6"
    assert number(newest[4]) == pytest.approx(expected["delta_loss"], abs=5e-5)
    assert expected["delta_loss"] == pytest.approx(expected["loss"] - expected["loss_before"])
    naive = expected["loss"] - state(lab)["history"][5]["loss"]  # mixes in the new target's effect
    assert expected["delta_loss"] < 0 and abs(expected["delta_loss"] - naive) > 1
    geometry = chart_geometry(lab)
    assert len(geometry["eventXs"]) == 1
    assert geometry["xs"][5] < geometry["eventXs"][0] < geometry["xs"][6]
    expect(lab.locator("#chart-events-note")).to_be_visible()
    expect(lab.locator("#loss-chart canvas")).to_have_attribute(
        "aria-label", "Loss history, 6 steps, latest " + f"{state(lab)['loss']:.4f}" +
        ", 1 change of settings marked. Arrow keys move between steps.")


def test_the_readout_shows_the_engines_own_next_change_for_adam(lab):
    lab.evaluate("window.backpropLab.setState({optimizer: {name: 'adam', lr: 0.1}})")
    lab.evaluate("window.backpropLab.step(2)")
    lab.locator('#weights [data-edge="1-0-2"]').focus()
    readout = lab.locator("#edge-readout")
    expect(readout).to_contain_text("H3 → O")
    frame = engine_run(SPEC, ("configure", {"optimizer": {"name": "adam", "lr": 0.1}}), ("step", 2))
    preview = frame["preview"]["update_W"][1][0][2]
    shown = number(readout.locator("span").nth(2).inner_text().split("=")[1])
    assert shown == pytest.approx(preview, abs=5e-5)
    sgd_would_be = -0.1 * frame["backward"]["dW"][1][0][2]
    assert abs(preview - sgd_would_be) > 1e-3  # Adam's step is not −η·∂L/∂w
    expect(lab.locator("#updates thead")).to_contain_text("Δw")
    expect(lab.locator("#updates caption")).to_contain_text("m ← β₁·m")


def test_a_long_run_lists_the_newest_rows_and_keeps_every_row_for_scripts(lab):
    lab.evaluate("window.backpropLab.step(3000)")
    expect(lab.locator("#step-count")).to_have_text("3000")
    rows = lab.locator("#history tbody tr.history-row")
    expect(rows).to_have_count(50)
    expect(rows.first.locator("th")).to_have_text("3000")
    expect(lab.locator("#history .history-more")).to_have_text(
        "The newest 50 of 3001 recorded steps are listed; the chart shows them all.")
    assert len(state(lab)["history"]) == 3001
    lab.evaluate("window.backpropLab.step(1)")
    expect(rows.first.locator("th")).to_have_text("3001")
    expect(rows).to_have_count(50)
