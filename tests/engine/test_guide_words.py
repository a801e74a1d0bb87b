"""The guide's worked numbers (site/index.html) are the engine's: each sentence that quotes a
number about the spec's scenario is checked against a fresh run, so the words cannot drift."""
import html
import re
from pathlib import Path

import numpy as np
import pytest
from seed_demo import SPEC_INPUTS, SPEC_TARGETS, SPEC_WEIGHTS

from backprop import api
from backprop.fields import RULES
from backprop.optim import OPTIMIZERS

PAGE = Path(__file__).resolve().parents[2] / "site" / "index.html"
SPEC = {"weights": SPEC_WEIGHTS, "inputs": SPEC_INPUTS, "targets": SPEC_TARGETS}


def guide_item(words):
    """The text of the one guide <li> that contains `words`, tags removed."""
    items = [html.unescape(re.sub(r"<[^>]+>", "", li))
             for li in re.findall(r"<li>(.*?)</li>", PAGE.read_text(), flags=re.S)]
    found = [item for item in items if words in item]
    assert len(found) == 1, f"{words!r} is in {len(found)} guide items"
    return " ".join(found[0].split())


def numbers(text):
    return [float(n.replace("−", "-").replace(",", "")) for n in
            re.findall(r"−?\d[\d,]*\.?\d*", text)]


def test_the_eta_5_sentence_matches_what_one_step_at_eta_5_does():
    text = guide_item("with η = 5 here")
    start = api.create({**SPEC, "optimizer": {"name": "sgd", "lr": 5.0}})
    after = api.step(start["run"], 1)
    assert f"prediction from {start['prediction'][0]:.2f} to {after['prediction'][0]:.1f}" in text
    assert f"loss from {start['loss']:.1f} to about {after['loss']:.0f}" in text
    assert after["dead"] == [[True, True, False]] and "leaves H1 and H2 inactive" in text


def test_the_stable_rate_sentence_quotes_the_estimate_and_a_rate_below_it_that_raises_the_loss():
    text = guide_item("largest stable rate 2/‖∂ŷ/∂θ‖²")
    verdict = api.create(SPEC)["stability"]
    assert f"Here it is {verdict['lr_max']:.3g}" in text
    rising = api.create({**SPEC, "optimizer": {"name": "sgd", "lr": 1.8}})
    assert "η = 1.8 already raises the loss" in text
    assert rising["preview"]["loss_after"] > rising["loss"] and 1.8 < verdict["lr_max"]


def test_the_flat_line_sentence_names_half_the_target_squared():
    text = guide_item("A line flat at exactly")
    assert f"({0.5 * SPEC_TARGETS[0] ** 2:g} here)" in text


def test_the_gradient_size_explanation_is_worked_on_the_opening_numbers():
    frame = api.create(SPEC)
    y, t = frame["prediction"][0], SPEC_TARGETS[0]
    delta_o = frame["backward"]["delta"][1][0][0]
    a_h3 = frame["forward"]["a"][1][0][2]
    dW = frame["backward"]["dW"]
    text = guide_item("On the opening screen the output’s error")
    assert f"{y:.4f} − {t:g} = {delta_o:.4f}".replace("-", "−") in text
    assert f"{delta_o:.4f} · {a_h3:.4f} = {dW[1][0][2]:.4f}".replace("-", "−") in text
    back = guide_item("One layer back")
    delta_h3 = frame["backward"]["delta"][0][0][2]
    assert f"= {delta_h3:.4f}".replace("-", "−") in back and f"{dW[0][2][0]:.4f}".replace(
        "-", "−") in back
    flat = np.abs(np.concatenate([np.ravel(layer) for layer in dW]))
    assert abs(dW[0][2][0]) == flat.max() and "largest of all nine" in back and flat.size == 9
    bars = guide_item("the Backward bars show")
    means = [np.mean(np.abs(layer)) for layer in dW]
    assert f"{means[0]:.3f} for input → hidden against {means[1]:.3f}" in bars
    assert means[0] > means[1]


@pytest.mark.parametrize("bias", [False, True])
def test_the_biases_sentence_quotes_the_circle_runs_it_describes(bias):
    text = guide_item("the Circle data set on a 2-8-1 network")
    lr = numbers(text.split("η = ")[1])[0]
    frame = api.create({"layers": [2, 8, 1], "bias": bias, "dataset": {"name": "circle"},
                        "optimizer": {"name": "sgd", "lr": lr}})
    loss = api.step(frame["run"], 3000)["data_loss"]
    quoted = "without biases" if not bias else "with them"
    assert f"{loss:.3f} {quoted}" in text


def test_the_values_note_quotes_the_engines_limits():
    note = re.search(r'<p id="values-note"[^>]*>(.*?)</p>', PAGE.read_text(), flags=re.S).group(1)
    value, lr = RULES["inputs"], RULES["lr"]
    assert f"from −{value['max']:g} to {value['max']:g}" in note and value["min"] == -value["max"]
    assert lr["min"] == 0 and lr.get("min_exclusive") and f"at most {lr['max']:g}" in note


def test_the_beyond_sentence_counts_and_names_the_engines_optimizers():
    text = guide_item("This lab has what the lesson needs")
    count = ["two", "three", "four", "five", "six", "seven", "eight"][len(OPTIMIZERS) - 2]
    assert f"and {count} optimizers" in text
    for cls in OPTIMIZERS.values():
        assert cls is OPTIMIZERS["sgd"] or cls.label in text, cls.label


def test_the_sentence_on_inactive_weights_names_who_moves_them_as_the_engine_does():
    text = guide_item("Under plain gradient descent an inactive ReLU")
    moving, resting = text.split("keep moving such weights")
    for cls in OPTIMIZERS.values():
        if cls.name != "sgd":
            assert cls.label in (moving if cls.keeps_direction else resting), cls.label
