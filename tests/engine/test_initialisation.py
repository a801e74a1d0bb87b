"""Seeded initialisation: reproducible, and the documented He / Glorot scheme."""
import numpy as np

from backprop import Network


def test_the_same_seed_gives_the_same_weights():
    a = Network([2, 8, 8, 1], seed=42)
    b = Network([2, 8, 8, 1], seed=42)
    assert all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights, strict=True))
    assert not np.array_equal(a.weights[0], Network([2, 8, 8, 1], seed=43).weights[0])


def test_reset_with_a_seed_redraws_the_same_weights_and_zeroes_the_step_count():
    net = Network([2, 3, 1], seed=7)
    first = [w.copy() for w in net.weights]
    net.step([1.0, 0.5], [2.0], 0.1)
    net.reset(7)
    assert net.steps == 0
    assert all(np.array_equal(x, y) for x, y in zip(first, net.weights, strict=True))


def test_weights_follow_he_for_relu_and_glorot_uniform_otherwise():
    net = Network([2, 3, 1], "relu", "linear", seed=11)
    rng = np.random.default_rng(11)
    he = rng.normal(0.0, np.sqrt(2.0 / 2), size=(3, 2))
    limit = np.sqrt(6.0 / (3 + 1))
    glorot = rng.uniform(-limit, limit, size=(1, 3))
    assert np.array_equal(net.weights[0], he)
    assert np.array_equal(net.weights[1], glorot)


def test_he_initialisation_has_the_documented_spread():
    net = Network([16] * 10, "relu", seed=0)
    hidden = np.concatenate([w.ravel() for w in net.weights[:-1]])
    assert abs(hidden.std() - np.sqrt(2 / 16)) < 0.03


def test_biases_start_at_zero():
    net = Network([2, 4, 3], "tanh", bias=True, seed=1)
    assert all((b == 0).all() for b in net.biases)


def test_a_config_that_gives_every_weight_draws_no_random_numbers(monkeypatch):
    # In the browser, numpy.random costs ~40 ms to import: the spec's run must not need it.
    from backprop import api

    spec = api.describe()["presets"]["spec"]["config"]

    def refuse(*args, **kwargs):
        raise AssertionError("drew random numbers")

    monkeypatch.setattr(np.random, "default_rng", refuse)
    frame = api.create(spec)
    assert frame["weights"] == spec["weights"]
    monkeypatch.undo()
    seeded = api.create({**spec, "weights": None, "seed": 3})
    assert seeded["weights"] == [w.tolist() for w in Network([2, 3, 1], seed=3).weights]
