"""A 2-2-2 sigmoid network with biases, worked by hand (Matt Mazur's well-known example)."""
import math

import pytest

from backprop import Network

X = [0.05, 0.10]
T = [0.01, 0.99]
W0 = [[0.15, 0.20], [0.25, 0.30]]  # h1 <- (i1, i2), h2 <- (i1, i2)
W1 = [[0.40, 0.45], [0.50, 0.55]]  # o1 <- (h1, h2), o2 <- (h1, h2)
B0 = [0.35, 0.35]
B1 = [0.60, 0.60]


def sigmoid(v):
    return 1.0 / (1.0 + math.exp(-v))


def worked_example():
    """Forward and backward pass in plain Python arithmetic, one neuron at a time."""
    h = [sigmoid(W0[j][0] * X[0] + W0[j][1] * X[1] + B0[j]) for j in range(2)]
    o = [sigmoid(W1[k][0] * h[0] + W1[k][1] * h[1] + B1[k]) for k in range(2)]
    loss = sum(0.5 * (o[k] - T[k]) ** 2 for k in range(2))
    delta_o = [(o[k] - T[k]) * o[k] * (1 - o[k]) for k in range(2)]
    delta_h = [(delta_o[0] * W1[0][j] + delta_o[1] * W1[1][j]) * h[j] * (1 - h[j])
               for j in range(2)]
    dW1 = [[delta_o[k] * h[j] for j in range(2)] for k in range(2)]
    dW0 = [[delta_h[j] * X[i] for i in range(2)] for j in range(2)]
    return {"h": h, "o": o, "loss": loss, "dW0": dW0, "dW1": dW1, "db0": delta_h, "db1": delta_o}


@pytest.fixture
def net():
    net = Network([2, 2, 2], hidden_activation="sigmoid", output_activation="sigmoid", bias=True)
    net.set_params([W0, W1], [B0, B1])
    return net


def test_forward_pass_matches_the_hand_worked_values(net):
    hand = worked_example()
    g = net.gradients(X, T)
    assert g["a"][1][0].tolist() == pytest.approx(hand["h"], rel=1e-14)
    assert g["a"][2][0].tolist() == pytest.approx(hand["o"], rel=1e-14)
    assert g["loss"] == pytest.approx(hand["loss"], rel=1e-14)


def test_published_numbers_of_the_example_are_reproduced(net):
    g = net.gradients(X, T)
    assert g["a"][2][0].tolist() == pytest.approx([0.75136507, 0.772928465], abs=1e-8)
    assert g["loss"] == pytest.approx(0.298371109, abs=1e-9)
    assert g["dW"][1][0, 0] == pytest.approx(0.082167041, abs=1e-9)


def test_every_gradient_matches_the_hand_worked_chain_rule(net):
    hand = worked_example()
    g = net.gradients(X, T)
    for got, expected in [(g["dW"][0], hand["dW0"]), (g["dW"][1], hand["dW1"])]:
        assert got.tolist() == [pytest.approx(row, rel=1e-12) for row in expected]
    assert g["db"][0].tolist() == pytest.approx(hand["db0"], rel=1e-12)
    assert g["db"][1].tolist() == pytest.approx(hand["db1"], rel=1e-12)


def test_a_step_with_learning_rate_one_half_gives_the_published_weights(net):
    net.step(X, T, 0.5)
    assert net.weights[1].ravel().tolist() == pytest.approx(
        [0.35891648, 0.408666186, 0.511301270, 0.561370121], abs=1e-8)
    assert net.weights[0].ravel().tolist() == pytest.approx(
        [0.149780716, 0.19956143, 0.24975114, 0.29950229], abs=1e-8)


def test_biases_move_by_minus_learning_rate_times_their_gradient(net):
    hand = worked_example()
    net.step(X, T, 0.5)
    for got, start, grad in [(net.biases[0], B0, hand["db0"]), (net.biases[1], B1, hand["db1"])]:
        expected = [b - 0.5 * d for b, d in zip(start, grad, strict=True)]
        assert got.tolist() == pytest.approx(expected, rel=1e-12)
