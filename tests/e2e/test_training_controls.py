"""Training controls, as a learner uses them: Play / Pause with a speed, Train N steps, and the
comparison of learning rates from the run's starting weights. Every number is checked against the
engine run in CPython (to the last bits: another numpy build); Play is checked by what the page
shows while it runs and after it stops."""

import re

import pytest
from demo_support import across_runtimes, engine_after, engine_run
from playwright.sync_api import expect

import backprop.api as api

STATE = "window.backpropLab.getState()"
COUNT_READOUTS = """() => { window.__counts = [];
  const readout = document.getElementById('step-count');
  new MutationObserver(() => __counts.push(Number(readout.textContent)))
    .observe(readout, {childList: true, subtree: true, characterData: true}); }"""
HIDE_TAB = """() => {
  Object.defineProperty(document, 'hidden', {value: true, configurable: true});
  document.dispatchEvent(new Event('visibilitychange'));
  delete document.hidden; }"""


def step_of(page) -> int:
    return page.evaluate(f"{STATE}.step")


def wait_until_step_at_least(page, step):
    page.wait_for_function("(n) => window.backpropLab.getState().step >= n", arg=step,
                           timeout=15_000)


def wait_until_paused(page):
    expect(page.locator("#play-btn")).to_have_text("Play", timeout=15_000)


def compare(page, rates, steps):
    return page.evaluate("([rates, steps]) => window.backpropLab.compare({rates, steps})",
                         [rates, steps])


def engine_curve(config, lr, steps):
    """(losses per step, diverged step or None): a CPython run of `config` with only lr changed."""
    run = api.create({**config, "optimizer": {**config["optimizer"], "lr": lr}})["run"]
    diverged = None
    try:
        api.step(run, steps)
    except Exception as error:  # DivergenceError: the updates before it are kept
        assert type(error).__name__ == "DivergenceError"
        diverged = error.frame["step"] + 1
    rows = api.history(run)["rows"]
    api.drop(run)
    return [row["loss"] for row in rows], diverged


def test_play_advances_the_step_and_the_chart_and_pause_holds_them_at_the_engines_numbers(lab):
    lab.select_option("#play-speed", "60")
    lab.get_by_role("button", name="Play").click()
    expect(lab.locator("#play-btn")).to_have_text("Pause")
    wait_until_step_at_least(lab, 5)
    label = lab.get_attribute("#loss-chart canvas", "aria-label")
    assert int(re.match(r"Loss history, (\d+) steps", label).group(1)) >= 5  # the chart follows
    lab.get_by_role("button", name="Pause").click()
    wait_until_paused(lab)
    k = step_of(lab)
    lab.wait_for_timeout(400)
    assert step_of(lab) == k
    expect(lab.locator("#step-count")).to_have_text(str(k))
    state = lab.evaluate(STATE)
    reference = engine_after(k)
    assert state["weights"] == across_runtimes(reference["weights"])
    losses = [r["loss"] for r in reference["history"]]
    assert [r["loss"] for r in state["history"]] == across_runtimes(losses)


def test_while_playing_what_nobody_can_follow_waits_and_is_drawn_when_seen_or_stopped(lab):
    lab.set_viewport_size({"width": 375, "height": 800})  # on a laptop the history is in view
    history = lab.locator("#history")
    newest = history.locator("tbody tr.history-row").first.locator("th")
    assert lab.evaluate("document.getElementById('history').getBoundingClientRect().top"
                        " > innerHeight + 200")  # below the fold: not drawn in every frame
    lab.select_option("#play-speed", "60")
    lab.get_by_role("button", name="Play").click()
    wait_until_step_at_least(lab, 10)
    assert newest.text_content() == "0"
    assert lab.locator("#updates .updates-empty").count() == 1  # still the before-any-step note
    history.scroll_into_view_if_needed()
    lab.wait_for_function("""() => Number(document.querySelector(
        '#history tbody tr.history-row th').textContent) >= 10""")
    seen = int(newest.text_content())
    lab.wait_for_function("(seen) => Number(document.querySelector("
                          "'#history tbody tr.history-row th').textContent) > seen", arg=seen)
    lab.evaluate("window.scrollTo(0, 0)")
    lab.get_by_role("button", name="Pause").click()
    wait_until_paused(lab)
    state = lab.evaluate(STATE)
    expect(newest).to_have_text(str(state["step"]))
    expect(history.locator("tbody tr.history-row").first.locator("td").first).to_have_text(
        f"{state['loss']:.4f}")
    expect(lab.locator("#updates caption")).to_contain_text(f"Step {state['step']}")
    w = state["weights"][1][0][2]
    lab.locator('#network .edge[data-edge="1-0-2"] .edge-hit').hover()
    expect(lab.locator('#network .edge[data-edge="1-0-2"] title')).to_contain_text(
        f"H3 → O: w = {w:.3f}".replace("-", "\u2212"))


def test_play_takes_several_steps_per_frame_in_one_engine_call_at_high_speed(lab):
    lab.select_option("#play-speed", "300")
    lab.evaluate(COUNT_READOUTS)
    lab.get_by_role("button", name="Play").click()
    wait_until_step_at_least(lab, 40)
    lab.get_by_role("button", name="Pause").click()
    wait_until_paused(lab)
    counts = lab.evaluate("__counts")
    jumps = [b - a for a, b in zip(counts, counts[1:], strict=False)]
    assert max(jumps) > 1  # several steps shown at once: one repaint per frame, not per step


def test_play_pauses_on_divergence_and_shows_the_engines_message(lab):
    lab.evaluate("window.backpropLab.setState({hidden_activation: 'linear', lr: 1})")
    lab.select_option("#play-speed", "max")
    lab.get_by_role("button", name="Play").click()
    wait_until_paused(lab)
    expect(lab.locator("#step-error")).to_be_visible()
    expect(lab.locator("#step-error")).to_contain_text(
        "Step refused — training diverged at step 4")
    expect(lab.locator("#play-status")).to_have_text(
        "Paused: training diverged; kept step 3, loss 8.526e6.")
    assert step_of(lab) == 3


@pytest.mark.parametrize("change", ["a setting", "time travel", "a reset", "a hidden tab"])
def test_play_pauses_when_the_learner_changes_the_run_or_leaves_the_tab(lab, change):
    lab.select_option("#play-speed", "60")
    lab.get_by_role("button", name="Play").click()
    wait_until_step_at_least(lab, 3)
    if change == "a setting":
        lab.fill("#lr-input", "0.02")
    elif change == "time travel":
        lab.locator("#history").scroll_into_view_if_needed()  # a table in sight follows Play
        lab.locator('#history tr[data-step="1"]').dispatch_event("click")  # rows move as they come
    elif change == "a reset":
        lab.get_by_role("button", name="Reset Weights").click()
    else:
        lab.evaluate(HIDE_TAB)
    wait_until_paused(lab)
    lab.evaluate("() => window.backpropLab.memory()")  # queued behind the change: it has landed
    k = step_of(lab)
    lab.wait_for_timeout(300)
    assert step_of(lab) == k
    if change == "time travel":
        assert k == 1
    if change == "a reset":
        assert k == 0


def test_a_field_being_typed_in_keeps_the_learners_text_while_play_repaints(lab):
    lab.select_option("#play-speed", "60")
    lab.get_by_role("button", name="Play").click()
    wait_until_step_at_least(lab, 2)
    lab.locator("#lr-input").fill("-")  # half of "-0.5": not a rate yet, so nothing is applied
    before = step_of(lab)
    wait_until_step_at_least(lab, before + 5)  # five repaints later
    expect(lab.locator("#lr-input")).to_have_value("-")
    expect(lab.locator("#play-btn")).to_have_text("Pause")
    lab.evaluate("() => window.backpropLab.pause()")
    wait_until_paused(lab)
    lab.locator("#lr-input").fill("0.01")  # the learner finishes with the rate it had
    lab.locator("#lr-input").blur()


def test_the_step_buttons_keep_working_while_play_runs(lab):
    lab.select_option("#play-speed", "1")
    lab.get_by_role("button", name="Play").click()
    wait_until_step_at_least(lab, 1)
    before = step_of(lab)
    lab.get_by_role("button", name="10 steps").click()
    wait_until_step_at_least(lab, before + 10)
    expect(lab.locator("#play-btn")).to_have_text("Pause")  # still playing
    lab.get_by_role("button", name="Pause").click()
    wait_until_paused(lab)
    assert lab.evaluate(STATE)["weights"] == across_runtimes(engine_after(step_of(lab))["weights"])


def test_while_playing_the_live_regions_are_quiet_and_one_sentence_announces_the_pause(lab):
    lab.get_by_role("button", name="Play").click()
    expect(lab.locator("#live-status")).to_have_attribute("aria-live", "off")
    expect(lab.locator("#lr-advice")).to_have_attribute("aria-live", "off")
    expect(lab.locator("#play-status")).to_have_text("Playing.")
    wait_until_step_at_least(lab, 2)
    lab.get_by_role("button", name="Pause").click()
    wait_until_paused(lab)
    expect(lab.locator("#live-status")).to_have_attribute("aria-live", "polite")
    expect(lab.locator("#play-status")).to_have_attribute("aria-live", "polite")
    state = lab.evaluate(STATE)
    expect(lab.locator("#play-status")).to_have_text(
        f"Paused at step {state['step']}, loss {state['loss']:.4f}.")


def test_play_and_pause_work_from_the_keyboard(lab):
    for _ in range(40):
        lab.keyboard.press("Tab")
        if lab.evaluate("document.activeElement.id") == "play-btn":
            break
    assert lab.evaluate("document.activeElement.id") == "play-btn"
    lab.keyboard.press("Enter")
    expect(lab.locator("#play-btn")).to_have_text("Pause")
    wait_until_step_at_least(lab, 2)
    lab.keyboard.press("Space")
    wait_until_paused(lab)


def test_train_n_steps_ends_at_exactly_step_n_with_the_engines_numbers(lab):
    lab.select_option("#play-speed", "1")  # Train does not wait for Play's speed
    lab.fill("#train-input", "37")
    lab.get_by_role("button", name="Train", exact=True).click()
    expect(lab.locator("#play-status")).to_contain_text("Trained: now at step 37", timeout=15_000)
    expect(lab.locator("#step-count")).to_have_text("37")
    state = lab.evaluate(STATE)
    reference = engine_after(37)
    assert state["weights"] == across_runtimes(reference["weights"])
    assert state["loss"] == across_runtimes(reference["loss"])
    assert len(state["history"]) == 38


@pytest.mark.parametrize("typed, message", [("0", "Must be between 1 and 100000."),
                                            ("2.5", "Must be a whole number."),
                                            ("ten", "“ten” is not a number.")])
def test_train_refuses_a_bad_step_count_at_its_field_and_changes_nothing(lab, typed, message):
    lab.fill("#train-input", typed)
    lab.get_by_role("button", name="Train", exact=True).click()
    expect(lab.locator("#train-msg")).to_have_text(message)
    expect(lab.locator("#train-input")).to_have_attribute("aria-invalid", "true")
    lab.wait_for_timeout(200)
    assert step_of(lab) == 0
    expect(lab.locator("#play-btn")).to_have_text("Play")


def test_the_js_api_plays_a_number_of_steps_and_refuses_a_bad_speed(lab):
    stopped = lab.evaluate("window.backpropLab.play({speed: 'max', steps: 25})")
    assert stopped == {"reason": "done", "error": None}
    assert step_of(lab) == 25
    error = lab.evaluate(
        "window.backpropLab.play({speed: -1}).catch((e) => [e.name, e.message])")
    assert error == ["ValueError",
                     'speed: Must be a number of steps per second greater than 0, or "max".']
    assert lab.evaluate("window.backpropLab.pause().then((s) => s.step)") == 25


def test_play_trains_a_deeper_adam_network_with_the_engines_numbers(lab):
    adam = {"name": "adam", "lr": 0.01}
    lab.evaluate("(adam) => window.backpropLab.setState({layers: [2, 8, 8, 1], optimizer: adam})",
                 adam)
    lab.evaluate("window.backpropLab.play({speed: 'max', steps: 40})")
    state = lab.evaluate(STATE)
    assert state["step"] == 40
    reference = engine_run(state["config"] | {"optimizer": adam}, ("step", 40))
    assert state["weights"] == across_runtimes(reference["weights"])


def test_three_rates_give_three_curves_equal_to_separate_engine_runs_from_the_same_start(lab):
    lab.evaluate("window.backpropLab.step(3)")  # the comparison still starts from step 0
    config = lab.evaluate(f"{STATE}.config")
    main_run = [row["loss"] for row in lab.evaluate(f"{STATE}.history")]
    result = compare(lab, [0.001, 0.01, 0.1], 30)
    assert [curve["lr"] for curve in result["curves"]] == [0.001, 0.01, 0.1]
    for curve in result["curves"]:
        losses, diverged = engine_curve(config, curve["lr"], 30)
        assert curve["losses"] == across_runtimes(losses)
        assert curve["steps"] == list(range(31))
        assert curve["diverged"] is None and diverged is None
    assert result["curves"][1]["losses"][:4] == main_run  # the run's own rate: the run, exactly
    assert engine_curve(config, 0.01, 30)[0] == [r["loss"] for r in engine_after(30)["history"]]
    rows = lab.locator("#compare-table tbody tr")
    expect(rows).to_have_count(3)
    for i, curve in enumerate(result["curves"]):
        expect(rows.nth(i).locator("th .compare-rate")).to_have_text(str(curve["lr"]))
        shown = rows.nth(i).locator("td[data-loss]").get_attribute("data-loss")
        assert float(shown) == curve["final"]
    expect(rows.nth(0).locator("th")).to_have_text("0.001 (solid line, circles)")
    expect(rows.nth(1).locator("th")).to_have_text("0.01 (dashed line, squares)")
    expect(rows.nth(2).locator(".compare-outcome")).to_contain_text("lowest")
    legend = lab.locator("#compare-chart .compare-legend li")
    expect(legend).to_have_count(3)
    expect(legend.nth(1)).to_contain_text("η = 0.01")
    expect(lab.locator("#compare-status")).to_contain_text(
        "Compared η = 0.001, 0.01, 0.1 over 30 steps")


def test_a_diverging_rate_is_marked_with_its_step_and_never_shown_as_nan(lab):
    lab.evaluate("window.backpropLab.setState({hidden_activation: 'linear'})")
    config = lab.evaluate(f"{STATE}.config")
    result = compare(lab, [0.01, 1], 20)
    diverging = result["curves"][1]
    losses, diverged = engine_curve(config, 1, 20)
    assert diverging["diverged"]["step"] == diverged == 4
    assert diverging["losses"] == across_runtimes(losses) and len(losses) == 4
    outcome = lab.locator('#compare-table tr[data-lr="1"] .compare-outcome')
    expect(outcome).to_have_text("diverged at step 4")
    legend = lab.locator('#compare-chart .compare-legend li[data-lr="1"]')
    expect(legend).to_contain_text("diverged at step 4")
    log = lab.locator("#compare-scale [data-scale='log']")
    expect(log).to_have_attribute("aria-pressed", "true")  # the losses span decades
    assert "NaN" not in lab.locator(".card--compare").inner_text()


def test_a_bad_rate_gets_a_message_at_its_field_and_changes_nothing(lab):
    compare(lab, [0.01, 0.1], 10)
    before = lab.inner_html("#compare-table")
    lab.fill("#cmp-lr2-input", "-3")
    lab.get_by_role("button", name="Compare", exact=True).click()
    expect(lab.locator("#cmp-lr2-msg")).to_have_text("Must be greater than 0.")
    expect(lab.locator("#cmp-lr2-input")).to_have_attribute("aria-invalid", "true")
    assert lab.inner_html("#compare-table") == before
    error = lab.evaluate(
        "window.backpropLab.compare({rates: [0.1, 'x'], steps: 10}).catch((e) => e.message)")
    assert error == "rate 2: “x” is not a number."
    lab.fill("#cmp-lr1-input", "0.5")
    lab.fill("#cmp-lr2-input", "0.5")
    lab.fill("#cmp-lr3-input", "")
    lab.get_by_role("button", name="Compare", exact=True).click()
    expect(lab.locator("#compare-msg")).to_have_text(
        "Each learning rate must differ from the others.")
    assert lab.inner_html("#compare-table") == before


def test_a_comparison_leaves_the_main_run_as_it_was(lab):
    lab.evaluate("window.backpropLab.step(5)")
    before = lab.evaluate(f"JSON.stringify({STATE})")
    compare(lab, [0.001, 0.05, 0.5], 40)
    assert lab.evaluate(f"JSON.stringify({STATE})") == before
    expect(lab.locator("#step-count")).to_have_text("5")
    lab.evaluate("window.backpropLab.step(1)")
    assert lab.evaluate(STATE)["weights"] == across_runtimes(engine_after(6)["weights"])


def test_comparisons_drop_their_runs_so_the_engine_never_fills_up(lab):
    for _ in range(4):  # 4 × 2 side runs would pass the engine's 8 if any were kept
        compare(lab, [0.01, 0.02], 2)
    expect(lab.locator("#compare-msg")).to_be_hidden()


def test_rates_compare_for_a_deeper_adam_network_with_biases_and_tanh(lab):
    lab.evaluate("""window.backpropLab.setState({layers: [2, 8, 8, 1],
      optimizer: {name: 'adam', lr: 0.01}, bias: true, hidden_activation: 'tanh', seed: 7})""")
    config = lab.evaluate(f"{STATE}.config")
    result = compare(lab, [0.001, 0.01, 0.1], 15)
    for curve in result["curves"]:
        reference = engine_curve(config, curve["lr"], 15)[0]
        assert curve["losses"] == across_runtimes(reference)


def test_use_this_rate_sets_the_runs_learning_rate_as_a_change(lab):
    compare(lab, [0.001, 0.1], 5)
    lab.get_by_role("button", name="Use this rate, η = 0.1, for this run").click()
    expect(lab.locator("#lr-input")).to_have_value("0.1")
    assert lab.evaluate(STATE)["lr"] == 0.1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_a_comparison_on_screen_and_play_running(lab, scheme):
    from test_accessibility import violations

    lab.emulate_media(color_scheme=scheme)
    lab.evaluate("window.backpropLab.setState({hidden_activation: 'linear'})")
    compare(lab, [0.01, 0.1, 1], 20)
    lab.fill("#cmp-lr1-input", "-1")
    lab.get_by_role("button", name="Compare", exact=True).click()  # a field message on screen too
    lab.select_option("#play-speed", "5")
    lab.get_by_role("button", name="Play").click()
    assert violations(lab) == []
    lab.get_by_role("button", name="Pause").click()
    wait_until_paused(lab)
    lab.emulate_media(color_scheme="light")
