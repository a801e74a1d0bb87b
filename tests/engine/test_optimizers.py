"""Optimizer updates against values computed by hand from the torch.optim formulas (against
torch itself: test_against_torch.py)."""
import math

import numpy as np
import pytest

from backprop import Network, optim

START = [1.0, -2.0]
GRADS = [[0.5, -1.0], [0.1, 0.3], [-0.2, 0.4]]


def run(optimizer):
    """The parameters after each of three updates with the fixed gradients above."""
    params = np.array(START)
    history = []
    for g in GRADS:
        optimizer.update(params, np.array(g))
        history.append(params.tolist())
    return history


def expect(history, hand):
    for got, want in zip(history, hand, strict=True):
        assert got == pytest.approx(want, rel=1e-12, abs=1e-15)


def test_sgd_subtracts_learning_rate_times_gradient():
    p, hand = list(START), []
    for g in GRADS:
        p = [pi - 0.1 * gi for pi, gi in zip(p, g, strict=True)]
        hand.append(p)
    expect(run(optim.SGD(0.1)), hand)


def test_momentum_accumulates_a_velocity_like_torch_sgd():
    p, velocity, hand = list(START), [0.0, 0.0], []
    for g in GRADS:
        velocity = [0.9 * v + gi for v, gi in zip(velocity, g, strict=True)]
        p = [pi - 0.1 * v for pi, v in zip(p, velocity, strict=True)]
        hand.append(p)
    expect(run(optim.Momentum(0.1)), hand)


def test_momentum_first_step_equals_plain_gradient_descent():
    assert run(optim.Momentum(0.1))[0] == run(optim.SGD(0.1))[0]


def test_nesterov_steps_by_the_gradient_plus_mu_times_the_new_velocity():
    p, velocity, hand = list(START), [0.0, 0.0], []
    for g in GRADS:
        velocity = [0.9 * v + gi for v, gi in zip(velocity, g, strict=True)]
        p = [pi - 0.1 * (gi + 0.9 * v) for pi, gi, v in zip(p, g, velocity, strict=True)]
        hand.append(p)
    expect(run(optim.Nesterov(0.1)), hand)


def test_nesterov_with_no_gradient_still_moves_on_its_velocity():
    nesterov = optim.Nesterov(0.1, momentum=0.5)
    params = np.array(START)
    nesterov.update(params, np.array([1.0, -1.0]))
    before = params.copy()
    nesterov.update(params, np.zeros(2))
    assert (params - before).tolist() == pytest.approx([-0.1 * 0.5 * 0.5, 0.1 * 0.5 * 0.5])


@pytest.mark.parametrize(("decay", "s0"), [(0.0, 0.0), (0.3, 0.5)])
def test_adagrad_divides_by_the_root_of_the_sum_of_every_squared_gradient(decay, s0):
    p, total, hand = list(START), [s0, s0], []
    for k, g in enumerate(GRADS, start=1):
        total = [si + gi * gi for si, gi in zip(total, g, strict=True)]
        lr = 0.1 / (1 + (k - 1) * decay)
        p = [pi - lr * gi / (math.sqrt(si) + 1e-10)
             for pi, gi, si in zip(p, g, total, strict=True)]
        hand.append(p)
    expect(run(optim.AdaGrad(0.1, lr_decay=decay, initial_accumulator_value=s0)), hand)


def test_adagrad_leaves_a_parameter_with_no_gradient_where_it_is():
    adagrad = optim.AdaGrad(0.1)
    params = np.array(START)
    adagrad.update(params, np.array([1.0, -1.0]))
    before = params.copy()
    adagrad.update(params, np.zeros(2))
    assert params.tolist() == before.tolist()


def test_rmsprop_divides_by_the_root_of_a_running_square_average():
    p, v, hand = list(START), [0.0, 0.0], []
    for g in GRADS:
        v = [0.99 * vi + 0.01 * gi * gi for vi, gi in zip(v, g, strict=True)]
        p = [pi - 0.01 * gi / (math.sqrt(vi) + 1e-8) for pi, gi, vi in zip(p, g, v, strict=True)]
        hand.append(p)
    expect(run(optim.RMSprop(0.01)), hand)


@pytest.mark.parametrize(("lr", "b1", "b2"), [(0.001, 0.9, 0.999), (0.05, 0.3, 0.8)])
def test_adam_applies_bias_corrected_moments(lr, b1, b2):
    p, m, v, hand = list(START), [0.0, 0.0], [0.0, 0.0], []
    for t, g in enumerate(GRADS, start=1):
        m = [b1 * mi + (1 - b1) * gi for mi, gi in zip(m, g, strict=True)]
        v = [b2 * vi + (1 - b2) * gi * gi for vi, gi in zip(v, g, strict=True)]
        m_hat = [mi / (1 - b1**t) for mi in m]
        v_hat = [vi / (1 - b2**t) for vi in v]
        p = [pi - lr * mh / (math.sqrt(vh) + 1e-8)
             for pi, mh, vh in zip(p, m_hat, v_hat, strict=True)]
        hand.append(p)
    expect(run(optim.Adam(lr, betas=(b1, b2))), hand)


def test_adam_first_step_moves_every_parameter_by_about_the_learning_rate():
    first = run(optim.Adam(0.001))[0]
    moved = [a - b for a, b in zip(first, START, strict=True)]
    assert moved == pytest.approx([-0.001, 0.001], rel=1e-6)


def test_defaults_are_those_of_torch_optim():
    assert optim.Momentum().momentum == 0.9
    assert optim.RMSprop().hyperparameters() == {"lr": 0.01, "alpha": 0.99, "eps": 1e-8}
    assert optim.Adam().hyperparameters() == {"lr": 0.001, "betas": (0.9, 0.999), "eps": 1e-8}
    assert optim.AdaGrad().hyperparameters() == {"lr": 0.01, "lr_decay": 0.0,
                                                 "initial_accumulator_value": 0.0, "eps": 1e-10}


def test_optimizer_state_is_exposed_and_counts_updates():
    adam = optim.Adam(0.001)
    run(adam)
    assert adam.t == 3
    assert set(adam.state) == {"m", "v"}
    assert adam.config() == {"name": "adam", "lr": 0.001, "betas": [0.9, 0.999], "eps": 1e-8}


def test_network_step_with_momentum_uses_the_velocity_of_earlier_steps():
    net = Network([2, 3, 1], "tanh", seed=4)
    x, t = [0.5, -1.0], [0.3]
    momentum = optim.Momentum(0.05, momentum=0.9)
    w0 = net.weights[0].copy()
    g1 = net.gradients(x, t)["dW"][0]
    net.step(x, t, momentum)
    g2 = net.gradients(x, t)["dW"][0]
    net.step(x, t, momentum)
    expected = w0 - 0.05 * g1 - 0.05 * (0.9 * g1 + g2)
    assert np.allclose(net.weights[0], expected, rtol=1e-13, atol=1e-16)


def test_changing_the_learning_rate_keeps_the_optimizer_state():
    adam = optim.Adam(0.001)
    run(adam)
    faster = adam.with_changes({"lr": 0.01})
    assert faster.lr == 0.01 and faster.t == 3
    assert np.array_equal(faster.state["m"], adam.state["m"])
