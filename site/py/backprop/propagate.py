"""The forward and backward pass for a batch: the one implementation of the network's maths.

Pure functions over arrays; the Network owns the parameters and calls these.
Shapes: X (n, n_in); z[l], a[l+1], delta[l] (n, layers[l+1]); W[l] (n_out, n_in).
np.dot rather than @: for these tiny matrices its call overhead is about half of matmul's.
"""
import numpy as np


def forward_pass(weights, biases, activations, X):
    """Lists z (one per weight layer) and a (a[0] = X, then one per weight layer)."""
    zs, acts = [], [X]
    a = X
    for i, (W, act) in enumerate(zip(weights, activations, strict=True)):
        z = np.dot(a, W.T)  # (n, n_out)
        if biases is not None:
            z += biases[i]
        a = act.f(z)
        zs.append(z)
        acts.append(a)
    return zs, acts


def backward_pass(weights, activations, zs, acts, delta_out, dWs, dbs):
    """Fill dWs (and dbs unless None) in place with dL/dW, dL/db; return every delta = dL/dz.

    delta_out is dL/dz at the output layer, from the loss.
    """
    deltas = [None] * len(weights)
    delta = delta_out
    for i in range(len(weights) - 1, -1, -1):
        deltas[i] = delta
        np.dot(delta.T, acts[i], out=dWs[i])  # dL/dW = deltaᵀ · a_prev, summed over samples
        if dbs is not None:
            np.sum(delta, axis=0, out=dbs[i])  # dL/db = delta summed over samples
        if i:
            # dL/dz for the hidden layer below: (Σ_k delta_k · w_k) · f'(z)
            delta = np.dot(delta, weights[i]) * activations[i - 1].grad(zs[i - 1], acts[i])
    return deltas
