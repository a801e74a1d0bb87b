"""The largest stable learning rate 2 / ‖∂ŷ/∂θ‖² in every frame, and gradient_check in the api:
checked against finite differences and against what a step actually does."""
import numpy as np
import pytest
from seed_demo import SPEC_WEIGHTS

from backprop import api
from backprop.network import Network
from backprop.stability import output_gradient_norm

LINEAR = {"layers": [2, 3, 1], "hidden_activation": "linear", "weights": SPEC_WEIGHTS}


def numeric_output_gradient_norm(net, x, eps=1e-6):
    """Σ_o ‖∂ŷ_o/∂θ‖² by central differences on every parameter (independent of backprop)."""
    jac = []
    for i in range(net.params.size):
        old = net.params[i]
        net.params[i] = old + eps
        plus = net.forward(x)
        net.params[i] = old - eps
        minus = net.forward(x)
        net.params[i] = old
        jac.append((plus - minus) / (2 * eps))
    return float(np.sum(np.square(jac)))


def test_the_output_gradient_norm_matches_finite_differences():
    net = Network([2, 3, 1], seed=0)
    net.set_params(SPEC_WEIGHTS)
    norm = output_gradient_norm(net, [1.0, 0.5])
    assert norm == pytest.approx(numeric_output_gradient_norm(net, [1.0, 0.5]), rel=1e-6)


def test_two_outputs_add_their_squared_gradient_norms():
    net = Network([2, 4, 2], hidden_activation="tanh", seed=3, bias=True)
    x = [0.3, -0.8]
    assert output_gradient_norm(net, x) == pytest.approx(numeric_output_gradient_norm(net, x),
                                                         rel=1e-6)


def test_the_spec_frame_says_the_default_learning_rate_is_stable_and_names_the_estimate():
    frame = api.create({"weights": SPEC_WEIGHTS})
    stability = frame["stability"]
    assert stability["lr"] == 0.01 and stability["status"] == "stable"
    assert stability["lr_max"] > 0.02 and stability["lr_max_kind"] == "estimate"
    assert "The loss falls" in stability["reason"] and "below half of" in stability["reason"]
    assert "first order" in stability["reason"]


def test_on_a_linear_network_just_below_lr_max_a_step_lowers_the_loss_and_just_above_raises_it():
    # A one-layer linear network (2-1): ŷ = w·x is linear in θ, so ½(ŷ − t)² is exactly quadratic
    # and the bound 2 / ‖∂ŷ/∂θ‖² = 2 / ‖x‖² is exact, not a first-order estimate.
    lr_max = api.create({"layers": [2, 1], "output_activation": "linear",
                         "weights": [[[-0.717, -0.204]]]})["stability"]["lr_max"]
    assert lr_max == pytest.approx(2 / (1.0**2 + 0.5**2))  # ∂ŷ/∂w = x, so ‖∂ŷ/∂θ‖² = ‖x‖²
    for factor, falls in ((0.99, True), (1.01, False)):
        frame = api.create({"layers": [2, 1], "weights": [[[-0.717, -0.204]]],
                            "optimizer": {"name": "sgd", "lr": factor * lr_max}})
        after = api.step(frame["run"], 1)["loss"]
        assert (after < frame["loss"]) is falls
        assert frame["stability"]["lr_max_kind"] == "exact"
        assert frame["stability"]["status"] == ("near" if falls else "rises")


def test_above_lr_max_the_frame_warns_and_other_optimizers_get_no_rate():
    frame = api.create({**LINEAR, "optimizer": {"name": "sgd", "lr": 50}})
    assert frame["stability"]["status"] == "rises"
    reason = frame["stability"]["reason"]
    assert frame["stability"]["lr_max_kind"] == "estimate"  # linear hidden layers: not linear in θ
    assert "The loss rises" in reason and "Lower η" in reason
    adam = api.create({"weights": SPEC_WEIGHTS, "optimizer": {"name": "adam", "lr": 0.01}})
    assert adam["stability"]["lr_max"] is None and adam["stability"]["status"] == "falls"
    assert "no stable rate is estimated" in adam["stability"]["reason"]
    for name in ("momentum", "nesterov", "adagrad", "rmsprop"):
        verdict = api.create({"weights": SPEC_WEIGHTS, "optimizer": {"name": name}})["stability"]
        assert verdict["lr_max"] is None and verdict["lr_max_kind"] is None


def test_with_no_gradient_there_is_no_bound_and_the_reason_says_why():
    dead = [[[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0]], [[1.0, 1.0, 1.0]]]
    frame = api.create({"weights": dead})
    assert frame["stability"]["lr_max"] is None and frame["stability"]["status"] == "flat"
    assert "no gradient reaches any weight" in frame["stability"]["reason"]


def test_gradient_check_compares_backprop_with_central_differences_on_the_next_batch():
    frame = api.create({"weights": SPEC_WEIGHTS})
    check = api.gradient_check(frame["run"])
    assert check["analytic"]["weights"] == frame["backward"]["dW"]
    assert check["max_relative_error"] < 1e-6
    assert np.allclose(check["numeric"]["weights"][1], frame["backward"]["dW"][1], atol=1e-8)
