"""Activation functions a = f(z), their derivatives f'(z) and how the page names them.

Pure numpy on arrays of any shape; no state. The derivative takes both z and a = f(z).
"""
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

LEAKY_SLOPE = 0.01
SOFTPLUS_THRESHOLD = 20.0  # torch.nn.functional.softplus's: above it softplus(z) is taken as z


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


def elu(z):
    """torch.nn.functional.elu with its default alpha = 1: tends to −1 for very negative z."""
    return np.where(z > 0.0, z, np.expm1(np.minimum(z, 0.0)))  # the minimum: no overflow for z > 0


def elu_grad(z, a):
    return np.where(z > 0.0, 1.0, np.exp(np.minimum(z, 0.0)))  # e^z = a + 1 for z ≤ 0, 1 at z = 0


def softplus(z):
    """torch.nn.functional.softplus with its defaults beta = 1, threshold = 20."""
    return np.where(z > SOFTPLUS_THRESHOLD, z, np.log1p(np.exp(np.minimum(z, SOFTPLUS_THRESHOLD))))


def softplus_grad(z, a):
    return np.where(z > SOFTPLUS_THRESHOLD, 1.0, sigmoid(z))  # d ln(1 + e^z)/dz = σ(z)


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
    "elu": Activation("elu", elu, elu_grad, False, "ELU", "ELU",
                      "z for z > 0, else e^z − 1", "1 for z > 0, else e^z = a + 1", False),
    "softplus": Activation("softplus", softplus, softplus_grad, False, "Softplus", "softplus",
                           f"ln(1 + e^z), or z for z > {SOFTPLUS_THRESHOLD:g}",
                           f"σ(z) = 1 / (1 + e^(−z)), or 1 for z > {SOFTPLUS_THRESHOLD:g}", False),
    "linear": Activation("linear", linear, linear_grad, False, "Linear", "linear", "z", "1", False),
}
