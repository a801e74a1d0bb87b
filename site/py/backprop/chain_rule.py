"""explain(): the chain-rule factors of dL/dw for one weight on the drawn sample, their live
values, which factor is zero and why, and the batch mean the update uses. Reads a Network;
changes nothing.

    output layer:  dLᵢ/dw = dLᵢ/dŷ · f′(z) · a_from       (Lᵢ: one sample's own loss)
    hidden layer:  dLᵢ/dw = (Σ_k delta_k · w_k) · f′(z) · a_from
    the update:    dL/dw = (1/n) Σᵢ dLᵢ/dw over the n rows of the next batch
"""
import numpy as np

from .names import edge_name, node_name
from .records import plain, plain_float
from .validate import check_int


def explain(net, x, t, layer, to, frm, fixed_example=False, sample=None, incoming_moves=True):
    """x, t: the next batch; sample: the drawn sample (x, t), default the batch's first row;
    incoming_moves: whether the next update moves this neuron's incoming weights at all."""
    X, T = net.batch(x, t)
    Xs, Ts = net.batch(*sample) if sample is not None else (X[:1], T[:1])
    n_weight_layers = len(net.layers) - 1
    layer = check_int(layer, "layer", 0, n_weight_layers - 1)
    to = check_int(to, "to", 0, net.layers[layer + 1] - 1)
    frm = check_int(frm, "frm", 0, net.layers[layer] - 1)
    output = layer == n_weight_layers - 1
    with np.errstate(all="ignore"):
        error, slope, a_from, z = _factors(net, Xs, Ts, layer, to, frm, output)
        batch = _factors(net, X, T, layer, to, frm, output)
        per_row = batch[0] * batch[1] * batch[2]  # each row's own dLᵢ/dw
    values = (float(error[0]), float(slope[0]), float(a_from[0]))
    factors = [
        {"name": "dL_dy" if output else "upstream", "label": "∂L/∂ŷ" if output else "Σₖ δₖ·wₖ",
         "value": plain_float(values[0])},
        {"name": "slope", "label": "f′(z)", "value": plain_float(values[1])},
        {"name": "a_from", "label": "a_from", "value": plain_float(values[2])},
    ]
    zero = [f["name"] for f, v in zip(factors, values, strict=True) if v == 0]
    names = {"to": node_name(net.layers, layer + 1, to), "from": node_name(net.layers, layer, frm)}
    return {
        "layer": layer, "to": to, "from": frm, "name": edge_name(net.layers, layer, to, frm),
        "kind": "output" if output else "hidden", "activation": net.activation_names[layer],
        # how the receipt may write the factors: dLᵢ/dŷ as ŷ − t; f′(z) = 1 left out (linear)
        "error_is_difference": output and net.loss_fn.error_is_difference,
        "slope_is_one": net.activation_names[layer] == "linear",
        "z": plain_float(z[0]), "factors": factors,
        "product": plain_float(values[0] * values[1] * values[2]),
        "n": int(X.shape[0]), "products": plain(per_row), "dW": plain_float(per_row.mean()),
        "zero_factors": zero,
        "reasons": [_reason(net, layer, names, name, output, fixed_example) for name in zero]
        + _stays_inactive(net, layer, names["to"], zero, fixed_example, incoming_moves),
    }


def _factors(net, X, T, layer, to, frm, output):
    """Per row of X: (dLᵢ/dŷ or Σₖ δₖ·wₖ, f′(z), a_from, z), each row's own loss (no 1/n)."""
    g = net.gradients_of_batch(X, T)
    n = X.shape[0]
    z = g["z"][layer][:, to]
    slope = net.activations[layer].grad(g["z"][layer], g["a"][layer + 1])[:, to]  # f′(z)
    if output:
        error = net.loss_fn.dloss_dy(g["a"][-1], T)[:, to] * n  # dLᵢ/dŷ: undo the batch mean
    else:
        error = (g["delta"][layer + 1] @ net.weights[layer + 1])[:, to] * n  # Σ_k delta_k · w_k
    return error, slope, g["a"][layer][:, frm], z


def _stays_inactive(net, layer, name, zero, fixed_example, incoming_moves):
    """With one fixed example and no biases, an inactive first-layer ReLU's z depends only on its
    incoming weights and the unchanged inputs; if the update does not move those weights (no
    gradient, and no stored momentum for them), nothing can raise its z."""
    revivable = net.bias or not fixed_example or layer != 0 or incoming_moves
    if "slope" not in zero or net.activation_names[layer] != "relu" or revivable:
        return []
    return [f"With one fixed example and no biases, {name} stays inactive: its incoming weights "
            "get no gradient and its inputs never change, so its z stays ≤ 0."]


def _reason(net, layer, names, factor, output, fixed_example):
    """Why a factor is zero on the drawn sample, in words."""
    where = "this example" if fixed_example else "this sample"
    if factor == "slope":
        label = net.activations[layer].label
        if net.activation_names[layer] == "relu":
            return (f"inactive ReLU: {names['to']} has z ≤ 0 on {where}, so f′(z) = 0 and no "
                    "gradient passes through it")
        return f"saturated {label}: f′(z) is 0 at this z, so no gradient passes through " \
               f"{names['to']}"
    if factor == "a_from":
        if layer == 0:
            return f"input {names['from']} is 0 on {where}, so this weight has no effect on z"
        if net.activation_names[layer - 1] == "relu":
            return (f"the sending neuron {names['from']} is an inactive ReLU (z ≤ 0) on {where}, "
                    "so its output a_from is 0")
        return (f"the sending neuron {names['from']} outputs 0 on {where}, so this weight has no "
                "effect on z")
    if output:
        return f"the prediction equals the target on {where}: there is no error to pass back"
    return (f"no error reaches {names['to']}: Σₖ δₖ·wₖ = 0 "
            "(the layer above passes nothing back)")
