"""Backprop's gradients against central finite differences of an independent forward pass,
over random architectures, activations, biases, losses and batch sizes."""
import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from backprop import Network

NAMES = ["relu", "leaky_relu", "tanh", "sigmoid", "linear"]
FUNCTIONS = {
    "relu": lambda z: np.maximum(z, 0.0),
    "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z),
    "tanh": np.tanh,
    "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)),
    "linear": lambda z: z,
}
EPS = 1e-5


def reference_loss(weights, biases, names, loss, X, T):
    """Forward pass and loss written from the formulas, independent of the engine's code."""
    a = X
    for W, b, name in zip(weights, biases, names, strict=True):
        z = a @ W.T + b
        a = FUNCTIONS[name](z)
    if loss == "half_squared_error":
        return 0.5 * np.sum((a - T) ** 2) / len(X)
    return -np.sum(T * np.log(a) + (1 - T) * np.log(1 - a)) / len(X)


def near_a_kink(net, X, names):
    """True when some relu-family pre-activation is so close to 0 that differences straddle it."""
    zs = net.gradients(X, np.zeros((len(X), net.layers[-1])))["z"]
    return any(name in ("relu", "leaky_relu") and np.abs(z).min() < 1e-3
               for z, name in zip(zs, names, strict=True))


@st.composite
def problems(draw):
    hidden = draw(st.lists(st.integers(1, 5), min_size=0, max_size=3))
    layers = [draw(st.integers(1, 4))] + hidden + [draw(st.integers(1, 3))]
    loss = draw(st.sampled_from(["half_squared_error", "binary_cross_entropy"]))
    output = "sigmoid" if loss == "binary_cross_entropy" else draw(st.sampled_from(NAMES))
    hidden_names = [draw(st.sampled_from(NAMES)) for _ in hidden]
    n = draw(st.integers(1, 5))
    seed = draw(st.integers(0, 2**16))
    return layers, hidden_names, output, draw(st.booleans()), loss, n, seed


@settings(max_examples=150, deadline=None, derandomize=True)
@given(problems())
def test_backprop_gradients_match_finite_differences(problem):
    layers, hidden_names, output, bias, loss, n, seed = problem
    rng = np.random.default_rng(seed)
    net = Network(layers, hidden_names, output, bias=bias, seed=seed, loss=loss)
    if bias:
        net.set_params(net.weights, [rng.normal(0, 0.5, b.shape) for b in net.biases])
    X = rng.normal(0, 1, (n, layers[0]))
    shape = (n, layers[-1])
    T = rng.uniform(0, 1, shape) if loss == "binary_cross_entropy" else rng.normal(0, 1, shape)
    names = hidden_names + [output]
    assume(not near_a_kink(net, X, names))
    weights = [w.copy() for w in net.weights]
    biases = [b.copy() for b in net.biases]
    g = net.gradients(X, T)
    L = reference_loss(weights, biases, names, loss, X, T)
    assert np.isclose(g["loss"], L, rtol=1e-12, atol=1e-12)
    params = [(weights, g["dW"])] + ([(biases, g["db"])] if bias else [])
    for arrays, grads in params:
        for array, grad in zip(arrays, grads, strict=True):
            for index in np.ndindex(array.shape):
                old = array[index]
                array[index] = old + EPS
                plus = reference_loss(weights, biases, names, loss, X, T)
                array[index] = old - EPS
                minus = reference_loss(weights, biases, names, loss, X, T)
                array[index] = old
                numeric = (plus - minus) / (2 * EPS)
                assert abs(grad[index] - numeric) <= 1e-6 * max(1.0, abs(L)) + 1e-5 * abs(numeric)


def test_gradients_without_bias_report_zero_bias_gradients_and_never_move_biases():
    net = Network([2, 4, 1], "tanh", seed=3)
    g = net.gradients([0.3, -0.7], [1.0])
    assert all((db == 0).all() for db in g["db"])
    net.step([0.3, -0.7], [1.0], 0.5)
    assert all((b == 0).all() for b in net.biases)


def test_a_batch_gradient_is_the_mean_of_the_single_sample_gradients():
    net = Network([3, 4, 2], "tanh", "sigmoid", bias=True, seed=7)
    rng = np.random.default_rng(1)
    X, T = rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
    batch = net.gradients(X, T)
    singles = [net.gradients(x, t) for x, t in zip(X, T, strict=True)]
    for layer in range(2):
        mean_dW = np.mean([s["dW"][layer] for s in singles], axis=0)
        assert np.allclose(batch["dW"][layer], mean_dW, rtol=1e-12, atol=1e-15)
    assert np.isclose(batch["loss"], np.mean([s["loss"] for s in singles]), rtol=1e-12)


def test_delta_is_the_derivative_of_the_loss_with_respect_to_z():
    net = Network([2, 3, 1], "tanh", seed=2)
    x, t = np.array([0.4, -0.2]), np.array([0.5])
    g = net.gradients(x, t)
    W1 = net.weights[1]
    z0 = g["z"][0][0]
    def loss_of(j, zj):
        z = z0.copy()
        z[j] = zj
        y = W1 @ np.tanh(z)
        return 0.5 * float(np.sum((y - t) ** 2))

    for j in range(3):
        numeric = (loss_of(j, z0[j] + EPS) - loss_of(j, z0[j] - EPS)) / (2 * EPS)
        assert np.isclose(g["delta"][0][0, j], numeric, rtol=1e-6, atol=1e-9)
