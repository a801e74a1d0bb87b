"""The multilayer perceptron: its parameters, seeded initialisation, forward, gradients and
training steps. The maths lives in propagate.py; updates in optim.py; records in records.py.
"""
import numpy as np

from .activations import ACTIVATIONS
from .layout import ParamLayout
from .losses import LOSSES
from .optim import as_optimizer
from .propagate import backward_pass, forward_pass
from .records import step_record
from .training import MAX_STEPS, run_steps
from .validate import (
    SEED_MAX,
    check_activation_names,
    check_array,
    check_batch,
    check_bool,
    check_choice,
    check_int,
    check_layers,
)

RELU_FAMILY = ("relu", "leaky_relu")


class Network:
    """An MLP. weights[l] is (layers[l+1], layers[l]): row = receiving neuron, column = sending.

    All trainable numbers live in one flat vector `params`; `weights` and `biases` are views of it.
    Initialisation (reset): He normal, N(0, 2/fan_in), for layers feeding relu/leaky_relu;
    Glorot uniform, U(±√(6/(fan_in + fan_out))), for the others (tanh, sigmoid, ELU, softplus,
    linear); biases start at 0.
    """

    def __init__(self, layers, hidden_activation="relu", output_activation="linear",
                 bias=False, seed=None, loss="half_squared_error", draw=True):
        """draw=False: weights start at zero, for a caller that sets them all next (no random
        numbers drawn: numpy.random, ~40 ms to import in the browser, is not needed then)."""
        self.layers = check_layers(layers)
        names = list(ACTIVATIONS)
        hidden = check_activation_names(
            hidden_activation, "hidden_activation", len(self.layers) - 2, names
        )
        output = check_choice(output_activation, "output_activation", names)
        self.activation_names = hidden + [output]
        self.activations = [ACTIVATIONS[n] for n in self.activation_names]
        self.loss_fn = LOSSES[check_choice(loss, "loss", tuple(LOSSES))]
        needs = self.loss_fn.needs_output
        if needs is not None and output != needs:
            raise ValueError(f"loss: {loss!r} needs output_activation {needs!r}")
        self.bias = check_bool(bias, "bias")
        self.layout = ParamLayout(self.layers, self.bias)
        self.params = np.zeros(self.layout.size)  # every trainable number
        self.grad = np.zeros(self.layout.size)  # dL/dparams, same layout
        self._W, self._b = self.layout.views(self.params)
        self._dW, self._db = self.layout.views(self.grad)
        self._fixed_biases = [np.zeros(s) for s in self.layout.bias_shapes]
        for b in self._fixed_biases:
            b.flags.writeable = False
        self.steps = 0
        if draw:
            self.reset(seed)

    @property
    def weights(self):
        return list(self._W)

    @property
    def biases(self):
        return list(self._b) if self.bias else list(self._fixed_biases)

    def reset(self, seed=None):
        """Draw fresh weights from np.random.default_rng(seed); zero biases and the step count.

        seed: None (fresh entropy) or an int in [0, 2³² − 1].
        """
        rng = np.random.default_rng(None if seed is None else check_int(seed, "seed", 0, SEED_MAX))
        for W, name in zip(self._W, self.activation_names, strict=True):
            n_out, n_in = W.shape
            if name in RELU_FAMILY:
                W[...] = rng.normal(0.0, np.sqrt(2.0 / n_in), size=W.shape)
            else:
                limit = np.sqrt(6.0 / (n_in + n_out))
                W[...] = rng.uniform(-limit, limit, size=W.shape)
        if self.bias:
            for b in self._b:
                b[...] = 0.0
        self.steps = 0

    def set_params(self, weights, biases=None):
        """Copy in new weights (and biases unless None); all checked before anything changes."""
        self.assign_params(*self.check_params(weights, biases))

    def check_params(self, weights, biases=None):
        """Checked (weights, biases) arrays; weights or biases may be None for "keep"."""
        new_W = None
        if weights is not None:
            shapes = self.layout.weight_shapes
            new_W = [check_array(w, f"weights[{i}]", s)
                     for i, (w, s) in enumerate(_layer_list(weights, "weights", shapes))]
        new_b = None
        if biases is not None:
            shapes = self.layout.bias_shapes
            new_b = [check_array(b, f"biases[{i}]", s)
                     for i, (b, s) in enumerate(_layer_list(biases, "biases", shapes))]
            if not self.bias and any(b.any() for b in new_b):
                raise ValueError(
                    "biases: this network has no biases (bias=false); only zeros are allowed"
                )
        return new_W, new_b

    def assign_params(self, new_W, new_b):
        if new_W is not None:
            for W, w in zip(self._W, new_W, strict=True):
                W[...] = w
        if new_b is not None and self.bias:
            for b, value in zip(self._b, new_b, strict=True):
                b[...] = value

    def batch(self, x, t=None):
        """Inputs (and targets) as checked 2-D arrays, samples × neurons."""
        X = check_batch(x, "inputs", self.layers[0])
        if t is None:
            return X, None
        T = check_batch(t, "targets", self.layers[-1])
        if T.shape[0] != X.shape[0]:
            raise ValueError(
                f"targets: need one row per input sample ({X.shape[0]}), got {T.shape[0]}"
            )
        if self.loss_fn.name == "binary_cross_entropy" and ((T < 0) | (T > 1)).any():
            raise ValueError("targets: binary_cross_entropy needs targets in [0, 1]")
        return X, T

    def forward(self, x):
        """The output for one sample (1-D result) or a batch (2-D result)."""
        X, _ = self.batch(x)
        with np.errstate(all="ignore"):  # overflow shows up as inf, reported as null/nonfinite
            out = forward_pass(self._W, self._b, self.activations, X)[1][-1]
        return out[0].copy() if np.ndim(x) == 1 else out.copy()

    def loss(self, x, t):
        return self.loss_of_batch(*self.batch(x, t))

    def loss_of_batch(self, X, T):
        with np.errstate(all="ignore"):
            zs, acts = forward_pass(self._W, self._b, self.activations, X)
            return self.loss_fn.value_and_delta(zs[-1], acts[-1], T, self.activations[-1])[0]

    def gradients(self, x, t):
        """{"loss", "dW", "db", "z", "a", "delta"} at the current parameters (fresh arrays).

        db is all zeros when the network has no biases (they are not parameters then).
        """
        X, T = self.batch(x, t)
        return self.gradients_of_batch(X, T)

    def gradients_of_batch(self, X, T):
        dWs = [np.zeros(s) for s in self.layout.weight_shapes]
        dbs = [np.zeros(s) for s in self.layout.bias_shapes]
        with np.errstate(all="ignore"):
            zs, acts = forward_pass(self._W, self._b, self.activations, X)
            loss, delta_out = self.loss_fn.value_and_delta(zs[-1], acts[-1], T,
                                                           self.activations[-1])
            deltas = backward_pass(self._W, self.activations, zs, acts, delta_out, dWs,
                                   dbs if self.bias else None)
        return {"loss": loss, "dW": dWs, "db": dbs, "z": zs, "a": acts, "delta": deltas}

    def dead(self, zs):
        """Per hidden layer, per neuron: a neuron that can die (relu) whose z ≤ 0 for every
        sample."""
        return [np.logical_and.reduce(z <= 0, axis=0) if act.can_die
                else np.zeros(z.shape[1], dtype=bool)
                for z, act in zip(zs[:-1], self.activations[:-1], strict=True)]

    def step(self, x, t, optimizer):
        """One forward, backward and update; returns the JSON-able step record (records.py).

        optimizer: an optim.Optimizer, or a float learning rate for plain gradient descent.
        Raises DivergenceError (changing nothing) when the step would diverge (training.py).
        """
        X, T = self.batch(x, t)
        opt = as_optimizer(optimizer)
        params_before = self.params.copy()
        run = run_steps(self, X, T, opt, 1, keep_first=True)
        if run.error is not None:
            raise run.error
        return step_record(self, X, T, run, params_before, opt.lr)

    def train(self, x, t, optimizer, n):
        """n updates without records; returns the loss after each (list of n floats)."""
        X, T = self.batch(x, t)
        n = check_int(n, "n", 1, MAX_STEPS)
        run = run_steps(self, X, T, as_optimizer(optimizer), n)
        if run.error is not None:
            raise run.error
        return run.losses


def _layer_list(values, field, shapes):
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
        raise ValueError(f"{field}: must be a list of {len(shapes)} layers shaped {shapes}")
    if len(values) != len(shapes):
        raise ValueError(f"{field}: must be a list of {len(shapes)} layers shaped {shapes}")
    return zip(values, shapes, strict=True)
