"""explain(): chain-rule factors that multiply to the gradient, and why a factor is zero."""
import math

import numpy as np
import pytest
from seed_demo import SPEC_INPUTS, SPEC_TARGETS

from backprop import Network, explain


def every_weight(net):
    for layer, W in enumerate(net.weights):
        for to, frm in np.ndindex(W.shape):
            yield layer, to, frm


def test_factors_multiply_to_the_backprop_gradient_for_every_weight(seed_net):
    g = seed_net.gradients(SPEC_INPUTS, SPEC_TARGETS)
    for layer, to, frm in every_weight(seed_net):
        result = explain(seed_net, SPEC_INPUTS, SPEC_TARGETS, layer, to, frm)
        product = math.prod(f["value"] for f in result["factors"])
        assert product == pytest.approx(g["dW"][layer][to, frm], rel=1e-12, abs=1e-300)
        assert result["product"] == pytest.approx(product, rel=1e-12, abs=1e-300)
        assert result["dW"] == pytest.approx(g["dW"][layer][to, frm], rel=1e-12, abs=1e-300)


def test_factors_sum_over_a_batch_to_the_gradient_in_a_deep_network():
    net = Network([3, 4, 4, 2], ["tanh", "leaky_relu"], "sigmoid", bias=True, seed=9)
    X = np.random.default_rng(2).normal(size=(5, 3))
    T = np.random.default_rng(3).normal(size=(5, 2))
    g = net.gradients(X, T)
    for layer, to, frm in every_weight(net):
        result = explain(net, X, T, layer, to, frm)
        assert result["dW"] == pytest.approx(g["dW"][layer][to, frm], rel=1e-10, abs=1e-15)


def test_inactive_relu_is_reported_as_the_zero_factor(seed_net):
    result = explain(seed_net, SPEC_INPUTS, SPEC_TARGETS, 0, 0, 0)  # I1 -> H1, H1 has z < 0
    assert result["kind"] == "hidden"
    assert result["zero_factors"] == ["slope"]
    assert "inactive ReLU" in result["reasons"][0]


def test_weight_leaving_an_inactive_relu_has_a_zero_sending_activation(seed_net):
    result = explain(seed_net, SPEC_INPUTS, SPEC_TARGETS, 1, 0, 0)  # H1 -> O
    assert result["kind"] == "output"
    assert result["zero_factors"] == ["a_from"]
    assert "inactive ReLU" in result["reasons"][0]


def test_a_perfect_prediction_leaves_no_error_to_pass_back(seed_net):
    y = float(seed_net.forward(SPEC_INPUTS)[0])
    result = explain(seed_net, SPEC_INPUTS, [y], 1, 0, 2)
    assert result["zero_factors"] == ["dL_dy"]
    assert "prediction equals the target" in result["reasons"][0]


def test_output_factors_are_error_slope_and_sending_activation(seed_net):
    result = explain(seed_net, SPEC_INPUTS, SPEC_TARGETS, 1, 0, 2)  # H3 -> O
    y = float(seed_net.forward(SPEC_INPUTS)[0])
    dL_dy, slope, a_from = (f["value"] for f in result["factors"])
    assert dL_dy == pytest.approx(y - 2.0)
    assert slope == 1.0
    assert a_from == pytest.approx(0.835 * 1.0 - 0.857 * 0.5)


def test_an_inactive_first_layer_relu_with_one_fixed_example_and_no_biases_is_said_to_stay_dead():
    from seed_demo import SPEC_WEIGHTS

    from backprop import api

    run = api.create({"weights": SPEC_WEIGHTS})["run"]
    reasons = api.explain(run, 0, 0, 1)["reasons"]  # I2 -> H1; H1 has z = -0.982
    assert any("inactive ReLU" in r for r in reasons)
    assert any("stays inactive" in r for r in reasons)
    biased = api.create({"weights": SPEC_WEIGHTS, "bias": True})["run"]
    assert not any("stays inactive" in r for r in api.explain(biased, 0, 0, 1)["reasons"])
    # and it really does stay dead: 200 steps later H1's incoming weights have not moved
    after = api.step(run, 200)
    assert after["weights"][0][0] == SPEC_WEIGHTS[0][0] and after["dead"][0][0]
