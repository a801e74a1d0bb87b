"""Activation derivatives and the two losses, against their definitions."""
import math

import numpy as np
import pytest

from backprop.activations import ACTIVATIONS, LEAKY_SLOPE
from backprop.losses import LOSSES

Z = np.array([-3.0, -0.5, 0.0, 0.7, 2.5])


def test_relu_derivative_is_zero_at_zero_and_for_negative_inputs():
    relu = ACTIVATIONS["relu"]
    assert relu.grad(Z, relu.f(Z)).tolist() == [0.0, 0.0, 0.0, 1.0, 1.0]


def test_leaky_relu_keeps_a_small_slope_for_negative_inputs():
    leaky = ACTIVATIONS["leaky_relu"]
    assert leaky.f(Z).tolist() == pytest.approx([-0.03, -0.005, 0.0, 0.7, 2.5])
    assert leaky.grad(Z, leaky.f(Z)).tolist() == [LEAKY_SLOPE] * 3 + [1.0, 1.0]


@pytest.mark.parametrize("name", ["tanh", "sigmoid", "linear", "relu", "leaky_relu", "elu",
                                  "softplus"])
def test_smooth_derivatives_match_finite_differences_away_from_zero(name):
    act, eps = ACTIVATIONS[name], 1e-6
    z = Z[Z != 0]
    numeric = (act.f(z + eps) - act.f(z - eps)) / (2 * eps)
    assert np.allclose(act.grad(z, act.f(z)), numeric, rtol=1e-7, atol=1e-9)


def test_sigmoid_matches_its_definition_and_never_overflows():
    sigmoid = ACTIVATIONS["sigmoid"].f
    assert sigmoid(Z).tolist() == pytest.approx([1 / (1 + math.exp(-z)) for z in Z], rel=1e-14)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        assert sigmoid(np.array([-1000.0, 1000.0])).tolist() == [0.0, 1.0]


def test_elu_and_its_slope_are_continuous_at_zero_so_finite_differences_hold_there_too():
    elu, eps = ACTIVATIONS["elu"], 1e-6
    zero = np.array([0.0])
    numeric = (elu.f(zero + eps) - elu.f(zero - eps)) / (2 * eps)
    assert elu.grad(zero, elu.f(zero)).tolist() == [1.0]
    assert numeric == pytest.approx(1.0, abs=1e-6) and not elu.kinked


def test_elu_tends_to_minus_one_and_softplus_to_z_without_overflow():
    elu, softplus = ACTIVATIONS["elu"], ACTIVATIONS["softplus"]
    z = np.array([-1000.0, -1.0, 25.0, 1000.0])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        assert elu.f(z).tolist() == [-1.0, math.expm1(-1.0), 25.0, 1000.0]
        assert softplus.f(z).tolist() == pytest.approx([0.0, math.log1p(math.exp(-1.0)), 25.0,
                                                        1000.0], rel=1e-15, abs=1e-300)
        assert softplus.grad(z, softplus.f(z)).tolist() == pytest.approx(
            [0.0, 1 / (1 + math.e), 1.0, 1.0], rel=1e-15, abs=1e-300)


def test_half_squared_error_is_the_mean_over_samples_of_half_the_summed_squares():
    a = np.array([[0.2, 1.0], [0.5, -1.0]])
    t = np.array([[0.0, 1.0], [1.0, 1.0]])
    value, delta = LOSSES["half_squared_error"].value_and_delta(a, a, t, ACTIVATIONS["linear"])
    assert value == pytest.approx((0.5 * (0.04 + 0) + 0.5 * (0.25 + 4.0)) / 2)
    assert delta.tolist() == [[0.1, 0.0], [-0.25, -1.0]]


def test_binary_cross_entropy_matches_the_textbook_formula():
    sigmoid = ACTIVATIONS["sigmoid"]
    z = np.array([[-2.0, 0.3], [1.5, 0.0]])
    t = np.array([[0.0, 1.0], [1.0, 0.25]])
    a = sigmoid.f(z)
    value, delta = LOSSES["binary_cross_entropy"].value_and_delta(z, a, t, sigmoid)
    textbook = -np.sum(t * np.log(a) + (1 - t) * np.log(1 - a)) / 2
    assert value == pytest.approx(textbook, rel=1e-13)
    assert np.allclose(delta, (a - t) / 2, rtol=1e-15)


def test_binary_cross_entropy_stays_finite_for_saturated_outputs():
    sigmoid = ACTIVATIONS["sigmoid"]
    z = np.array([[800.0], [-800.0]])
    t = np.array([[0.0], [1.0]])
    value, delta = LOSSES["binary_cross_entropy"].value_and_delta(z, sigmoid.f(z), t, sigmoid)
    assert value == pytest.approx(800.0)
    assert np.isfinite(delta).all()
