"""Activation functions a = f(z), their derivatives f'(z) and how the page names them.

Pure numpy on arrays of any shape; no state. The derivative takes both z and a = f(z).
"""
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

LEAKY_SLOPE = 0.01


class Activation(NamedTuple):
    name: str
    f: Callable[[np.ndarray], np.ndarray]
    grad: Callable[[np.ndarray, np.ndarray], np.ndarray]
    kinked: bool  # not differentiable at z = 0, so finite differences there are unreliable
    label: str
    word: str  # the label inside a sentence ("a leaky ReLU output")
    formula: str
    derivative: str
    can_die: bool  # f′(z) = 0 for every z ≤ 0: a neuron stuck there learns nothing ("dead")


def relu(z):
    return np.maximum(z, 0.0)


def relu_grad(z, a):
    return np.heaviside(z, 0.0)  # 1 for z > 0, else 0: relu'(0) = 0, so z = 0 passes nothing back


def leaky_relu(z):
    return np.where(z > 0.0, z, LEAKY_SLOPE * z)


def leaky_relu_grad(z, a):
    return np.where(z > 0.0, 1.0, LEAKY_SLOPE)


def tanh(z):
    return np.tanh(z)


def tanh_grad(z, a):
    return 1.0 - a * a


def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))  # 1 / (1 + e^-z) without overflow for large |z|


def sigmoid_grad(z, a):
    return a * (1.0 - a)


def linear(z):
    return z


def linear_grad(z, a):
    return np.ones_like(z)


ACTIVATIONS = {
    "relu": Activation("relu", relu, relu_grad, True, "ReLU", "ReLU", "max(0, z)",
                       "1 for z > 0, else 0", True),
    "leaky_relu": Activation("leaky_relu", leaky_relu, leaky_relu_grad, True, "Leaky ReLU",
                             "leaky ReLU",
                             f"z for z > 0, else {LEAKY_SLOPE:g}·z",
                             f"1 for z > 0, else {LEAKY_SLOPE:g}", False),
    "tanh": Activation("tanh", tanh, tanh_grad, False, "tanh", "tanh", "tanh(z)",
                       "1 − tanh(z)² = 1 − a²", False),
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_grad, False, "Sigmoid", "sigmoid",
                          "σ(z) = 1 / (1 + e^(−z))", "σ(z)·(1 − σ(z)) = a·(1 − a)", False),
    "linear": Activation("linear", linear, linear_grad, False, "Linear", "linear", "z", "1", False),
}
