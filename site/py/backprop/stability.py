"""The largest stable learning rate at the current point, for plain gradient descent on one
sample's ½ squared error: lr_max = 2 / ‖∂ŷ/∂θ‖². Reads a Network; changes nothing.

Why: to first order a step of size η moves the prediction by −η·(ŷ − t)·‖∂ŷ/∂θ‖², so the error
is multiplied by (1 − η·‖∂ŷ/∂θ‖²): it shrinks only while η < 2 / ‖∂ŷ/∂θ‖². With several outputs
‖∂ŷ/∂θ‖² is the sum of each output's squared gradient norm, which can only make the bound safer.
"""
import numpy as np

from .propagate import backward_pass, forward_pass
from .records import plain_float

NEAR = 0.5  # above half the bound the loss still falls, but it zig-zags


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


def stability(net, x, lr, exact):
    """{"lr_max", "status": "stable" | "near" | "unstable" | None, "reason", "lr"}; exact: the
    setting is plain gradient descent on one sample's ½ squared error (else an estimate)."""
    norm = output_gradient_norm(net, x)
    if not norm > 0 or not np.isfinite(norm):
        reason = "No gradient reaches any weight here, so no learning rate changes anything."
        return {"lr": lr, "lr_max": None, "status": None, "reason": reason}
    lr_max = 2.0 / norm
    status = "stable" if lr <= NEAR * lr_max else "near" if lr <= lr_max else "unstable"
    reason = {
        "stable": f"η = {lr:g} is below half the largest stable rate {lr_max:.3g} estimated from "
                  "the current slopes: the loss should fall steadily.",
        "near": f"η = {lr:g} is close to the largest stable rate {lr_max:.3g} estimated from "
                "the current slopes: steps may overshoot and zig-zag.",
        "unstable": f"η = {lr:g} is above the largest stable rate {lr_max:.3g} estimated from "
                    "the current slopes: steps overshoot and the loss can grow.",
    }[status]
    if not exact:
        reason += " (An estimate for plain gradient descent on the shown sample.)"
    return {"lr": lr, "lr_max": plain_float(lr_max), "status": status, "reason": reason}
