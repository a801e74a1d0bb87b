"""The sentences on screen agree with the numbers on screen, read as a learner reads them: the
learning-rate verdict with the previewed loss beside it, the inactive-neuron note with the weights
the next step leaves or moves, the receipt's product with its factors, in data-set mode too."""

import re

import pytest
from demo_support import SPEC_WEIGHTS, engine_run, number
from playwright.sync_api import expect

NUMBER = r"[−-]?\d+(?:\.\d+)?"


def advice(page):
    """(loss now, loss after the next step, verdict text, status) as the page shows them."""
    text = page.locator("#lr-advice").inner_text()
    now, after = (number(n) for n in re.search(
        rf"Next step: loss ({NUMBER}) → ({NUMBER})\.", text).groups())
    return now, after, text, page.locator("#lr-advice").get_attribute("data-status")


def weight_cells(page, keys):
    return [number(page.locator(f'#weights [data-edge="{key}"]').inner_text()) for key in keys]


def set_state(page, partial):
    page.evaluate("(p) => window.backpropLab.setState(p)", partial)


@pytest.mark.parametrize("lr", [0.01, 0.5, 1.0, 1.8, 2.5, 3.7, 5.0])
def test_the_verdict_beside_eta_never_says_fall_beside_a_rising_preview(lab, lr):
    set_state(lab, {"lr": lr})
    config = {"weights": SPEC_WEIGHTS, "optimizer": {"name": "sgd", "lr": lr}}
    preview = engine_run(config)["preview"]
    expect(lab.locator("#lr-advice")).to_contain_text(f"→ {preview['loss_after']:.4f}.")
    now, after, text, status = advice(lab)
    if after > now:
        assert status == "rises" and "The loss rises" in text and "falls" not in text
        assert "should fall" not in text and "steadily" not in text
    else:
        assert status in {"stable", "near"} and "The loss falls" in text and "rises" not in text


def test_under_momentum_the_verdict_reports_the_preview_and_gives_no_stable_rate(lab):
    set_state(lab, {"optimizer": {"name": "momentum", "lr": 0.01, "momentum": 0.9}})
    expect(lab.locator("#lr-advice")).to_contain_text("Momentum carries state")
    for _ in range(3):
        now, after, text, status = advice(lab)
        assert ("The loss falls" in text) == (after < now) and "largest stable rate 0" not in text
        assert "steadily" not in text and status in {"falls", "rises"}
        lab.click("#step-btn")


def inactive_weights(page):
    """Keys of H1's and H2's incoming and outgoing weights in the spec's 2-3-1 network."""
    return [f"0-{n}-{i}" for n in (0, 1) for i in (0, 1)] + ["1-0-0", "1-0-1"]


def test_a_note_saying_inactive_weights_stay_is_true_on_the_next_step(lab):
    set_state(lab, {"lr": 5})
    lab.click("#step-btn")
    note = lab.locator("#dead-note")
    expect(note).to_contain_text("H1 and H2 are inactive")
    expect(note).to_contain_text("the next update leaves these weights as they are")
    keys = inactive_weights(lab)
    before = weight_cells(lab, keys)
    set_state(lab, {"lr": 0.001})
    lab.click("#step-btn")
    expect(lab.locator("#step-count")).to_have_text("2")
    assert weight_cells(lab, keys) == before


def test_a_note_saying_momentum_still_moves_inactive_weights_is_true_on_the_next_step(lab):
    set_state(lab, {"optimizer": {"name": "momentum", "lr": 0.3, "momentum": 0.99}})
    lab.click("#step-btn")
    note = lab.locator("#dead-note")
    expect(note).to_contain_text("Momentum still moves them")
    assert "as they are" not in note.inner_text()
    keys = [f"0-1-{i}" for i in (0, 1)]  # H2's incoming weights: H2 is inactive, its v is not 0
    before = weight_cells(lab, keys)
    lab.click("#step-btn")
    expect(lab.locator("#step-count")).to_have_text("2")
    assert weight_cells(lab, keys) != before


def receipt_numbers(page):
    """The receipt's substituted line as numbers, and its result."""
    maths = page.locator("#receipt .receipt-body > math")
    substituted = [number(n) for n in maths.nth(1).locator("mn").all_text_contents()]
    return substituted, number(maths.nth(2).locator("mn").text_content())


def test_the_receipts_product_equals_its_factors_to_display_precision(lab):
    lab.click('#network .edge[data-edge="1-0-2"] .edge-hit', force=True)  # H3 -> O
    expect(lab.locator("#receipt-title")).to_have_text("Chain rule for H3 → O")
    (y, t, a_from), product = receipt_numbers(lab)
    assert product == pytest.approx((y - t) * a_from, abs=5e-4)
    expect(lab.locator("#receipt")).to_contain_text("rounded to 4 decimals")


def test_in_data_mode_the_receipt_shows_the_drawn_sample_and_the_batch_mean_with_n(lab):
    set_state(lab, {"dataset": {"name": "xor"}, "seed": 1})
    set_state(lab, {"sample": 3})
    expect(lab.locator("#phase-note")).to_be_visible()
    lab.get_by_role("button", name="Backward").click()
    expect(lab.locator("#phase-note")).to_contain_text("the mean of δ(to)·a(from) over the rows")
    lab.click('#weights [data-edge="1-0-1"]')  # H2 -> O
    expect(lab.locator("#receipt-title")).to_have_text("Chain rule for H2 → O")
    frame = lab.evaluate("window.backpropLab.getState()")
    (y, t, a_from), product = receipt_numbers(lab)
    assert y == pytest.approx(frame["prediction"], abs=5e-5) and t == frame["target"]
    assert product == pytest.approx((y - t) * a_from, abs=5e-4)
    batch = lab.locator("#receipt .receipt-batch")
    expect(batch).to_contain_text("mean over the 4 rows of the next batch")
    mean = number(batch.locator("math mn").last.text_content())
    edge = engine_run(frame["config"])["backward"]["dW"][1][0][1]  # what the edge shows
    assert mean == pytest.approx(edge, abs=5e-5) and abs(mean - product) > 1e-3
    lab.get_by_role("button", name="Forward").click()
