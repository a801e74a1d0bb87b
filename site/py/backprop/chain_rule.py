"""explain(): the chain-rule factors of dL/dw for one weight, their live values, and which
factor is zero and why. Reads a Network; changes nothing.

    output layer:  dL/dw = dL/dŷ · f′(z) · a_from
    hidden layer:  dL/dw = (Σ_k delta_k · w_k) · f′(z) · a_from
"""
import numpy as np

from .records import plain, plain_float
from .validate import check_int


def explain(net, x, t, layer, to, frm, fixed_example=False):
    """Factors of dL/dweights[layer][to][frm], per sample, and their sum over samples = dW."""
    X, T = net.batch(x, t)
    n_weight_layers = len(net.layers) - 1
    layer = check_int(layer, "layer", 0, n_weight_layers - 1)
    to = check_int(to, "to", 0, net.layers[layer + 1] - 1)
    frm = check_int(frm, "frm", 0, net.layers[layer] - 1)
    with np.errstate(all="ignore"):
        g = net.gradients_of_batch(X, T)
        output = layer == n_weight_layers - 1
        slope = net.activations[layer].grad(g["z"][layer], g["a"][layer + 1])[:, to]  # f′(z)
        if output:
            error = net.loss_fn.dloss_dy(g["a"][-1], T)[:, to]  # dL/dŷ
        else:
            error = (g["delta"][layer + 1] @ net.weights[layer + 1])[:, to]  # Σ_k delta_k · w_k
        a_from = g["a"][layer][:, frm]
        products = error * slope * a_from
    factors = [
        {"name": "dL_dy" if output else "upstream", "label": "∂L/∂ŷ" if output else "Σₖ δₖ·wₖ",
         "values": plain(error)},
        {"name": "slope", "label": "f′(z)", "values": plain(slope)},
        {"name": "a_from", "label": "a_from", "values": plain(a_from)},
    ]
    values = (error, slope, a_from)
    zero = [f["name"] for f, v in zip(factors, values, strict=True) if (v == 0).all()]
    return {
        "layer": layer, "to": to, "from": frm, "kind": "output" if output else "hidden",
        "activation": net.activation_names[layer], "z": plain(g["z"][layer][:, to]),
        "factors": factors, "products": plain(products), "dW": plain_float(products.sum()),
        "zero_factors": zero,
        "reasons": [_reason(net, layer, to, frm, name, output) for name in zero]
        + _stays_dead(net, layer, to, zero, fixed_example),
    }


def _stays_dead(net, layer, to, zero, fixed_example):
    """With one fixed example and no biases, an inactive ReLU's z depends only on its incoming
    weights (gradient 0) and on the layers below (unchanged inputs can't revive it in layer 1)."""
    revivable = net.bias or not fixed_example or layer != 0
    if "slope" not in zero or net.activation_names[layer] != "relu" or revivable:
        return []
    return [f"With one fixed example and no biases, neuron {to} of layer 1 stays inactive: its "
            "incoming weights get no gradient and its inputs never change, so its z stays ≤ 0."]


def _reason(net, layer, to, frm, factor, output):
    """Why a factor is zero in every sample, in words."""
    if factor == "slope":
        name = net.activation_names[layer]
        if name == "relu":
            return (f"inactive ReLU: neuron {to} of layer {layer + 1} has z ≤ 0, so f′(z) = 0 and "
                    "no gradient passes through it")
        return f"saturated {name}: f′(z) is 0 at this z, so no gradient passes through neuron {to}"
    if factor == "a_from":
        if layer == 0:
            return f"input {frm} is 0, so this weight has no effect on z"
        if net.activation_names[layer - 1] == "relu":
            return f"sending neuron {frm} is an inactive ReLU (z ≤ 0), so its output a_from is 0"
        return f"sending neuron {frm} outputs 0, so this weight has no effect on z"
    if output:
        return "the prediction equals the target: there is no error to pass back"
    return (f"no error reaches neuron {to} of layer {layer + 1}: Σₖ δₖ·wₖ = 0 "
            "(the layer above passes nothing back)")
