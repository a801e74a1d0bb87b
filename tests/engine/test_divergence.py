"""A diverging step raises DivergenceError and leaves parameters and optimizer state untouched."""
import numpy as np
import pytest

from backprop import DivergenceError, Network, optim
from backprop.training import LOSS_LIMIT, divergence


def snapshot(net, opt):
    return ([w.copy() for w in net.weights], [b.copy() for b in net.biases], net.steps,
            opt.t, {k: v.copy() for k, v in opt.state.items()})


def assert_same(a, b):
    for x, y in zip(a, b, strict=True):
        if isinstance(x, list):
            assert all(np.array_equal(p, q) for p, q in zip(x, y, strict=True))
        elif isinstance(x, dict):
            assert x.keys() == y.keys() and all(np.array_equal(x[k], y[k]) for k in x)
        else:
            assert x == y


@pytest.mark.parametrize("cls", [optim.SGD, optim.Momentum, optim.RMSprop, optim.Adam])
def test_a_diverging_step_changes_nothing(cls):
    net = Network([2, 4, 1], "tanh", bias=True, seed=1)
    opt = cls(0.01)
    net.step([1.0, 0.5], [2.0], opt)  # some optimizer state to protect
    net.step([1.0, 0.5], [2.0], opt)
    opt = opt.with_changes({"lr": 1e12})
    before = snapshot(net, opt)
    with pytest.raises(DivergenceError):
        net.step([1.0, 0.5], [2.0], opt)
    assert_same(snapshot(net, opt), before)


def test_divergence_message_says_what_diverged_and_suggests_a_smaller_learning_rate():
    net = Network([2, 3, 1], seed=0)
    with pytest.raises(DivergenceError) as caught:
        net.train([10.0, 5.0], [2000.0], 1e6, 100)
    message = str(caught.value)
    assert "diverged" in message and "loss" in message and "smaller learning rate" in message


def test_train_keeps_the_steps_before_the_diverging_one():
    net = Network([1, 1], seed=0)  # w ← w − 2.5·(w − 2): the error grows 1.5× per step
    with pytest.raises(DivergenceError):
        net.train([1.0], [2.0], 2.5, 1000)
    assert 20 < net.steps < 100
    assert net.loss([1.0], [2.0]) <= LOSS_LIMIT


def test_loss_past_the_limit_counts_as_divergence_only_when_it_rose():
    params = np.zeros(3)
    assert divergence(params, 1.0, LOSS_LIMIT * 10) is not None
    assert divergence(params, LOSS_LIMIT * 100, LOSS_LIMIT * 10) is None
    assert divergence(params, 1.0, 0.5) is None


def test_non_finite_loss_or_parameters_count_as_divergence():
    assert "loss" in divergence(np.zeros(3), 1.0, float("nan"))
    assert "non-finite" in divergence(np.array([0.0, -np.inf]), 1.0, 0.5)
