"""The learning-rate verdict beside η: what the next step does to the loss (the engine's own
preview) and, where its maths holds, the largest stable rate lr_max = 2 / ‖∂ŷ/∂θ‖². Reads a
Network; changes nothing.

Why 2 / ‖∂ŷ/∂θ‖²: to first order a step of size η moves the prediction by −η·(ŷ − t)·‖∂ŷ/∂θ‖², so
the error is multiplied by (1 − η·‖∂ŷ/∂θ‖²): it shrinks only while η < 2 / ‖∂ŷ/∂θ‖², and keeps its
sign (no overshoot) while η < 1 / ‖∂ŷ/∂θ‖². That is exact only when ŷ is linear in the parameters
(no hidden layer, linear output) on one example's ½ squared error; with hidden layers it is a
first-order estimate, and for any optimizer but gradient descent (its state changes the step),
cross-entropy or a batch it does not apply, so no rate is given there. A verdict never
contradicts the preview: a rise is never called stable.
"""
import numpy as np

from .propagate import backward_pass, forward_pass
from .records import plain_float

NEAR = 0.5  # above half the bound each step overshoots the target (exact for a linear model)
WITHHELD = {  # why no rate is estimated, after the verdict
    "optimizer": "{label} carries state between steps, so no stable rate is estimated: watch the "
                 "chart.",
    "batch": "On a data set (a batch mean) no stable rate is estimated: watch the chart.",
    "loss": "For this loss no stable rate is estimated: watch the chart.",
}


def output_gradient_norm(net, x):
    """Σ over outputs of ‖∂ŷ_o/∂θ‖² for one sample x (1-D): one backward pass per output."""
    X = np.asarray(x, dtype=np.float64).reshape(1, -1)
    with np.errstate(all="ignore"):
        zs, acts = forward_pass(net._W, net._b, net.activations, X)
        slope = net.activations[-1].grad(zs[-1], acts[-1])  # dŷ/dz at the output
        total = 0.0
        for o in range(net.layers[-1]):
            delta_out = np.zeros_like(zs[-1])
            delta_out[0, o] = slope[0, o]  # dŷ_o/dz_o: the "error" is ŷ_o itself
            dWs = [np.zeros(s) for s in net.layout.weight_shapes]
            dbs = [np.zeros(s) for s in net.layout.bias_shapes] if net.bias else None
            backward_pass(net._W, net.activations, zs, acts, delta_out, dWs, dbs)
            total += sum(float(np.vdot(d, d)) for d in dWs + (dbs or []))
    return total


def rate_setting(net, opt, one_example):
    """"exact" | "estimate" where lr_max's maths holds, else why not ("optimizer", "batch",
    "loss")."""
    if opt.name != "sgd":
        return "optimizer"
    if not one_example:
        return "batch"
    if net.loss_fn.name != "half_squared_error":
        return "loss"
    linear = len(net.layers) == 2 and net.activation_names[-1] == "linear"
    return "exact" if linear else "estimate"


def stability(net, x, opt, loss_now, preview, setting):
    """{"lr", "lr_max" (None where withheld), "lr_max_kind": "exact" | "estimate" | None,
    "status": "stable" | "near" | "falls" | "flat" | "rises" | "diverges", "reason"};
    preview: {"loss_after", "diverges", "moves"} of the next step."""
    lr_max = None
    if setting in ("exact", "estimate"):
        norm = output_gradient_norm(net, x)
        lr_max = 2.0 / norm if norm > 0 and np.isfinite(norm) else None
    status = _status(opt.lr, lr_max, loss_now, preview)
    return {"lr": opt.lr, "lr_max": plain_float(lr_max) if lr_max else None,
            "lr_max_kind": setting if lr_max else None, "status": status,
            "reason": _reason(status, opt, lr_max, setting, loss_now, preview)}


def _status(lr, lr_max, loss_now, preview):
    after = preview["loss_after"]
    if preview["diverges"]:
        return "diverges"
    if after is None or after > loss_now:
        return "rises"
    if after == loss_now or not preview["moves"]:
        return "flat"
    if lr_max is None:
        return "falls"
    return "stable" if lr <= NEAR * lr_max else "near"


def _reason(status, opt, lr_max, setting, loss_now, preview):
    if status == "diverges":
        return "That step would be refused: its numbers would overflow. Lower η."
    if status == "flat":
        if loss_now == 0:
            return "The prediction equals the target: the loss is 0."
        if not preview["moves"]:
            return "Nothing changes: no gradient reaches any weight, whatever η is."
        return "The loss stays as it is."
    if lr_max is None:
        verdict = "The loss falls." if status == "falls" else "The loss rises: η may be too large."
        return f"{verdict} {WITHHELD[setting].format(label=opt.label)}"
    return (_exact if setting == "exact" else _estimated)(status, opt.lr, lr_max)


def _exact(status, lr, lr_max):
    """ŷ is linear in θ: the loss is a quadratic whose curvature never changes."""
    rate = f"the largest stable rate {lr_max:.3g}, exact here (ŷ is linear in the weights)"
    return {
        "stable": f"The loss falls on every step without overshooting: η is below half {rate}.",
        "near": "The loss falls on every step, but each step overshoots the target: η is between "
                f"half and all of {rate}.",
        "rises": f"The loss grows on every step: η is above {rate}. Lower η.",
    }[status]


def _estimated(status, lr, lr_max):
    rate = f"{lr_max:.3g}, the largest stable rate estimated from the current slopes"
    if status == "stable":
        return f"The loss falls; η is below half of {rate} (2/‖∂ŷ/∂θ‖², first order)."
    if status == "near":
        if lr <= lr_max:
            return (f"The loss falls, but η is above half of {rate}: steps may overshoot and "
                    "zig-zag.")
        return f"The loss falls, though η is above {rate} (first order): watch for zig-zags."
    if lr <= lr_max:
        return (f"The loss rises: η is too large here, though below {rate} (2/‖∂ŷ/∂θ‖², a first "
                "order estimate that takes them as fixed). Lower η.")
    return f"The loss rises: η is above {rate}. Lower η."
