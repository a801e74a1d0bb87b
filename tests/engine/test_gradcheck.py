"""gradient_check() reports agreement between backprop and finite differences."""
import numpy as np
from seed_demo import SPEC_INPUTS, SPEC_TARGETS

from backprop import Network, gradient_check


def test_gradient_check_of_the_seed_network_reports_a_tiny_relative_error(seed_net):
    report = gradient_check(seed_net, SPEC_INPUTS, SPEC_TARGETS)
    assert report["max_relative_error"] < 1e-6
    assert np.array(report["numeric"]["weights"][1]).shape == (1, 3)


def test_gradient_check_covers_biases_and_batches():
    net = Network([3, 5, 2], "tanh", "sigmoid", bias=True, seed=4, loss="binary_cross_entropy")
    X = np.random.default_rng(0).normal(size=(4, 3))
    T = np.random.default_rng(1).uniform(size=(4, 2))
    report = gradient_check(net, X, T)
    assert report["max_relative_error"] < 1e-6
    assert report["max_abs_error"] < 1e-8
    assert np.array(report["analytic"]["biases"][0]).shape == (5,)


def test_gradient_check_leaves_every_parameter_exactly_as_it_was():
    net = Network([2, 4, 1], "sigmoid", bias=True, seed=8)
    before = net.params.copy()
    gradient_check(net, [0.1, 0.2], [0.3])
    assert np.array_equal(net.params, before)
