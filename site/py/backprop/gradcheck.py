"""gradient_check(): backprop's gradient against central finite differences, every parameter.

Reads a Network; each parameter is perturbed and restored bit for bit.
"""
import numpy as np

from .records import plain_float, plain_list
from .validate import check_number

RELATIVE_FLOOR = 1e-7  # keeps near-zero gradients from turning round-off into large relative errors


def gradient_check(net, x, t, eps=1e-6):
    """{"analytic", "numeric", "relative_error"} (each {"weights", "biases"} shaped like params),
    "max_relative_error", "max_abs_error".

    numeric = (L(θ + eps) − L(θ − eps)) / (2·eps); relative error = |a − n| / max(|a|, |n|, 1e-7).
    """
    X, T = net.batch(x, t)
    eps = check_number(eps, "eps", low=0.0, high=1.0, low_open=True)
    g = net.gradients_of_batch(X, T)
    analytic = np.concatenate([d.ravel() for d in g["dW"] + (g["db"] if net.bias else [])])
    numeric = np.empty_like(analytic)
    for i in range(net.params.size):
        numeric[i] = _central_difference(net, X, T, i, eps)
    error = np.abs(analytic - numeric)
    relative = error / np.maximum(np.maximum(np.abs(analytic), np.abs(numeric)), RELATIVE_FLOOR)
    return {
        "analytic": _shaped(net, analytic),
        "numeric": _shaped(net, numeric),
        "relative_error": _shaped(net, relative),
        "max_relative_error": plain_float(relative.max(initial=0.0)),
        "max_abs_error": plain_float(error.max(initial=0.0)),
    }


def _central_difference(net, X, T, i, eps):
    old = net.params[i]
    net.params[i] = old + eps
    plus = net.loss_of_batch(X, T)
    net.params[i] = old - eps
    minus = net.loss_of_batch(X, T)
    net.params[i] = old
    return (plus - minus) / (2.0 * eps)


def _shaped(net, flat):
    parts = net.layout.split(flat)
    return {"weights": plain_list(parts["weights"]), "biases": plain_list(parts["biases"])}
