"""Every sentence the engine writes about the maths agrees with the engine's own numbers: the
learning-rate verdict with the previewed next loss, the inactive-neuron note with the previewed
update, the receipt with the drawn sample and the batch mean it names."""
import numpy as np
import pytest
from seed_demo import SPEC_INPUTS, SPEC_TARGETS, SPEC_WEIGHTS

from backprop import api

SPEC = {"weights": SPEC_WEIGHTS, "inputs": SPEC_INPUTS, "targets": SPEC_TARGETS}
FALLING = {"stable", "near", "falls"}
XOR = {"dataset": {"name": "xor"}, "layers": [2, 3, 1], "sample": 3, "seed": 1,
       "optimizer": {"name": "sgd", "lr": 0.5}}
RATES = [0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 1.5, 1.8, 2.0, 2.5, 3.0, 3.7, 4.0, 5.0]
SETTINGS = [
    *({**SPEC, "optimizer": {"name": "sgd", "lr": lr}} for lr in RATES),
    {**SPEC, "optimizer": {"name": "momentum", "lr": 0.01, "momentum": 0.9}},
    {**SPEC, "optimizer": {"name": "momentum", "lr": 0.3, "momentum": 0.99}},
    {**SPEC, "optimizer": {"name": "nesterov", "lr": 0.01, "momentum": 0.9}},
    {**SPEC, "optimizer": {"name": "nesterov", "lr": 0.3, "momentum": 0.99}},
    {**SPEC, "optimizer": {"name": "adagrad", "lr": 0.5}},
    {**SPEC, "optimizer": {"name": "adagrad", "lr": 3.0, "lr_decay": 0.5}},
    {**SPEC, "optimizer": {"name": "rmsprop", "lr": 0.1}},
    {**SPEC, "optimizer": {"name": "adam", "lr": 0.1}},
    {**SPEC, "weights": [[[-1.0, -1.0], [0.5, 0.2], [0.3, -0.9]], [[0.4, 0.6, -0.2]]]},
    XOR,
    {"dataset": {"name": "spiral", "n": 60}, "layers": [2, 6, 6, 1], "batch_size": 10,
     "hidden_activation": "tanh", "optimizer": {"name": "adam", "lr": 0.05}},
    {"dataset": {"name": "circle", "n": 40}, "layers": [2, 5, 1], "batch_size": 8, "bias": True,
     "hidden_activation": "elu", "optimizer": {"name": "adagrad", "lr": 0.2}},
    {**SPEC, "hidden_activation": "softplus", "optimizer": {"name": "nesterov", "lr": 0.1}},
    {**SPEC, "hidden_activation": "elu", "optimizer": {"name": "sgd", "lr": 1.5}},
]


def frames_of(config, steps=12):
    """The frames after 0, 1, ..., steps updates (fewer if the run diverges)."""
    frame = api.create(config)
    yield frame
    for _ in range(steps):
        try:
            frame = api.step(frame["run"], 1)
        except Exception:
            return
        yield frame


def agrees_with_preview(frame):
    verdict, after, now = frame["stability"], frame["preview"]["loss_after"], frame["loss"]
    if frame["preview"]["diverges"]:
        return verdict["status"] == "diverges"
    if after is None or after > now:
        return verdict["status"] == "rises" and "The loss rises" in verdict["reason"] or (
            "grows" in verdict["reason"])
    if after == now:
        return verdict["status"] == "flat"
    return verdict["status"] in FALLING and "rises" not in verdict["reason"] and (
        "The loss falls" in verdict["reason"])


@pytest.mark.parametrize("config", SETTINGS,
                         ids=lambda c: str(c.get("optimizer", c.get("dataset"))))
def test_the_learning_rate_verdict_agrees_with_the_previewed_next_loss_at_every_step(config):
    for frame in frames_of(config):
        assert agrees_with_preview(frame), (frame["step"], frame["loss"],
                                            frame["preview"]["loss_after"], frame["stability"])


def test_at_eta_1_8_a_previewed_rise_is_not_called_stable_though_below_the_estimate():
    verdict = api.create({**SPEC, "optimizer": {"name": "sgd", "lr": 1.8}})["stability"]
    assert verdict["status"] == "rises" and 1.8 < verdict["lr_max"]
    assert "should fall" not in verdict["reason"] and "first order" in verdict["reason"]


def test_momentum_is_never_promised_a_steady_fall_and_gets_no_stable_rate():
    frame = api.create({**SPEC, "optimizer": {"name": "momentum", "lr": 0.01, "momentum": 0.9}})
    rises = 0
    for _ in range(150):
        verdict = frame["stability"]
        assert verdict["lr_max"] is None and verdict["status"] in {"falls", "rises", "flat"}
        assert "steadily" not in verdict["reason"] and "every step" not in verdict["reason"]
        before = frame["loss"]
        frame = api.step(frame["run"], 1)
        rises += frame["loss"] > before
    assert rises > 0  # the reason the promise would be false: the loss does rise on some steps


def test_the_rate_is_called_exact_only_where_the_prediction_is_linear_in_the_weights():
    def kind(config):
        return api.create(config)["stability"]["lr_max_kind"]

    assert kind({"layers": [2, 1], "weights": [[[-0.717, -0.204]]]}) == "exact"
    assert kind(SPEC) == "estimate"
    assert kind({"layers": [2, 1], "output_activation": "tanh"}) == "estimate"
    assert kind({"layers": [2, 1], "bias": True, "dataset": {"name": "and"}}) is None


@pytest.mark.parametrize(("fraction", "status"), [(0.3, "stable"), (0.75, "near"), (1.05, "rises")])
def test_on_a_linear_network_the_exact_verdict_holds_for_every_later_step(fraction, status):
    config = {"layers": [2, 1], "weights": [[[-0.717, -0.204]]], **{"inputs": [1.0, 0.5]}}
    lr = fraction * api.create(config)["stability"]["lr_max"]
    frame = api.create({**config, "optimizer": {"name": "sgd", "lr": lr}})
    assert frame["stability"]["status"] == status
    errors, losses = [], []
    for _ in range(20):
        errors.append(frame["prediction"][0] - 2.0)
        losses.append(frame["loss"])
        frame = api.step(frame["run"], 1)
    falls = all(b < a for a, b in zip(losses, losses[1:], strict=False))
    flips = all(a * b < 0 for a, b in zip(errors, errors[1:], strict=False))
    keeps = all(a * b > 0 for a, b in zip(errors, errors[1:], strict=False))
    assert {"stable": falls and keeps, "near": falls and flips, "rises": not falls}[status]


def weights_of(frame, layer, neuron):
    """A hidden neuron's incoming and outgoing weights (layer: its hidden layer index)."""
    W = frame["weights"]
    return [*W[layer][neuron], *(row[neuron] for row in W[layer + 1])]


def test_after_eta_5_the_note_says_the_inactive_weights_stay_and_the_next_step_keeps_them():
    frame = api.step(api.create({**SPEC, "optimizer": {"name": "sgd", "lr": 5.0}})["run"], 1)
    note = frame["notes"]["inactive"]
    assert frame["dead"] == [[True, True, False]]
    assert note.startswith("H1 and H2 are inactive") and "leaves these weights as they are" in note
    after = api.configure(frame["run"], {"optimizer": {"lr": 0.001}})
    stepped = api.step(after["run"], 1)
    for neuron in (0, 1):
        assert weights_of(stepped, 0, neuron) == weights_of(frame, 0, neuron)


def test_with_momentum_the_note_says_inactive_weights_still_move_and_by_how_much():
    frame = api.step(api.create({**SPEC, "optimizer": {"name": "momentum", "lr": 0.3,
                                                         "momentum": 0.99}})["run"], 1)
    note = frame["notes"]["inactive"]
    assert frame["dead"][0][1]  # H2 is inactive, yet its velocity is not 0
    assert "Momentum still moves them" in note and "as they are" not in note
    stepped = api.step(frame["run"], 1)
    moved = max(abs(a - b) for n in (0, 1)
                for a, b in zip(weights_of(stepped, 0, n), weights_of(frame, 0, n), strict=True))
    stated = float(note.split("by up to ")[1].split(")")[0])
    assert moved > 0 and moved == pytest.approx(stated, rel=5e-3)


def test_with_nesterov_the_note_says_inactive_weights_still_move_and_by_how_much():
    frame = api.step(api.create({**SPEC, "optimizer": {"name": "nesterov", "lr": 0.3,
                                                         "momentum": 0.99}})["run"], 1)
    note = frame["notes"]["inactive"]
    assert frame["dead"][0][1] and "Nesterov momentum still moves them" in note
    stepped = api.step(frame["run"], 1)
    moved = max(abs(a - b) for n in (0, 1)
                for a, b in zip(weights_of(stepped, 0, n), weights_of(frame, 0, n), strict=True))
    stated = float(note.split("by up to ")[1].split(")")[0])
    assert moved > 0 and moved == pytest.approx(stated, rel=5e-3)


def test_with_adagrad_the_note_says_inactive_weights_stay_and_they_do():
    frame = api.step(api.create({**SPEC, "optimizer": {"name": "adagrad", "lr": 3.0}})["run"], 1)
    note = frame["notes"]["inactive"]
    inactive = [n for n, dead in enumerate(frame["dead"][0]) if dead]
    assert inactive and "leaves these weights as they are" in note and "still moves" not in note
    stepped = api.step(frame["run"], 1)
    for neuron in inactive:
        assert weights_of(stepped, 0, neuron) == weights_of(frame, 0, neuron)


def test_every_neuron_off_says_steps_change_nothing_only_when_nothing_moves():
    dead = [[[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0]], [[1.0, 1.0, 1.0]]]
    frame = api.create({**SPEC, "weights": dead})
    assert "steps change nothing" in frame["notes"]["step"]
    assert api.step(frame["run"], 3)["weights"] == frame["weights"]
    moving = api.create({**SPEC, "optimizer": {"name": "momentum", "lr": 0.05, "momentum": 0.9}})
    api.step(moving["run"], 3)
    coasting = api.configure(moving["run"], {"weights": dead})
    assert "still moves the weights" in coasting["notes"]["step"]
    assert api.step(moving["run"], 1)["weights"] != coasting["weights"]


def test_in_data_mode_the_receipt_gives_the_drawn_samples_product_and_the_batch_mean():
    frame = api.create(XOR)  # sample 3 drawn
    result = api.explain(frame["run"], 1, 0, 1)  # H2 -> O
    delta_out = frame["backward"]["delta"][1][0][0]
    a_from = frame["forward"]["a"][1][0][1]
    assert result["product"] == pytest.approx(delta_out * a_from, rel=1e-12, abs=1e-300)
    assert result["n"] == 4 and result["dW"] == pytest.approx(np.mean(result["products"]))
    assert result["dW"] == pytest.approx(frame["backward"]["dW"][1][0][1], rel=1e-12)
    error, slope, a = (f["value"] for f in result["factors"])
    assert error == pytest.approx(frame["prediction"][0] - frame["targets"][0])  # no 1/n in it


def test_the_receipt_names_neurons_as_the_drawing_does():
    run = api.create(SPEC)["run"]
    texts = " ".join(api.explain(run, 0, 0, 1)["reasons"] + api.explain(run, 1, 0, 0)["reasons"])
    assert "H1" in texts and "neuron 0" not in texts and "layer 1" not in texts
    assert api.explain(run, 0, 2, 0)["name"] == "I1 → H3"
