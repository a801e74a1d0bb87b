"""The update loop shared by Network.step and Network.train, with the divergence rule.

Divergence: after an update, the step is undone and DivergenceError returned when the loss is
non-finite, or exceeds LOSS_LIMIT while being higher than before, or a parameter is non-finite.
"""
import math
from typing import NamedTuple

import numpy as np

from .errors import DivergenceError
from .propagate import backward_pass, forward_pass
from .validate import all_finite

LOSS_LIMIT = 1e12
MAX_STEPS = 100_000  # per call of train / step(n)


class Run(NamedTuple):
    start_loss: float  # loss before the first update
    losses: list  # loss after each completed update (always finite)
    predictions: list  # output row of sample keep_sample after each update, when asked for
    error: DivergenceError | None  # set when the next update was refused; earlier ones are kept
    first: tuple | None  # (z, a, delta) lists the first update used, when asked for


def run_steps(net, X, T, opt, n, keep_sample=None, keep_first=False):
    """Apply up to n updates of opt to net on the batch (X, T), stopping before a diverging one."""
    W, b, acts_fns, loss_fn = net._W, net._b, net.activations, net.loss_fn
    dWs, dbs, params, grad = net._dW, net._db, net.params, net.grad
    previous = np.empty_like(params)
    losses, predictions, first = [], [], None
    with np.errstate(all="ignore"):  # overflow is detected below, not warned about
        zs, acts = forward_pass(W, b, acts_fns, X)
        loss, delta_out = loss_fn.value_and_delta(zs[-1], acts[-1], T, acts_fns[-1])
        start_loss = loss
        for _ in range(n):
            deltas = backward_pass(W, acts_fns, zs, acts, delta_out, dWs, dbs)
            if keep_first and first is None:
                first = (zs, acts, deltas)
            np.copyto(previous, params)
            snapshot = opt.snapshot()
            opt.update(params, grad)
            zs, acts = forward_pass(W, b, acts_fns, X)
            new_loss, delta_out = loss_fn.value_and_delta(zs[-1], acts[-1], T, acts_fns[-1])
            problem = divergence(params, loss, new_loss)
            if problem:
                np.copyto(params, previous)
                opt.restore(snapshot)
                error = diverged(net.steps + 1, problem, opt.lr)
                return Run(start_loss, losses, _rows(predictions), error, first)
            net.steps += 1
            losses.append(new_loss)
            if keep_sample is not None:
                predictions.append(acts[-1][keep_sample])
            loss = new_loss
    return Run(start_loss, losses, _rows(predictions), None, first)


def _rows(arrays):
    return np.array(arrays).tolist() if arrays else []


def divergence(params, loss_before, loss_after):
    """What went wrong with an update, or None when it is acceptable."""
    if not math.isfinite(loss_after):
        return f"the loss became {loss_after}"
    if loss_after > LOSS_LIMIT and loss_after > loss_before:
        return (f"the loss rose from {loss_before:.4g} to {loss_after:.4g}, "
                f"past the limit {LOSS_LIMIT:g}")
    if not all_finite(params):
        return "a weight or bias became non-finite"
    return None


def diverged(step, problem, lr):
    return DivergenceError(
        f"training diverged at step {step}: {problem}. That step was undone and nothing changed; "
        f"try a smaller learning rate than {lr:g} (e.g. {lr / 10:g})."
    )
