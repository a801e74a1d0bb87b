"""Optimizers with the update rules and defaults of PyTorch's torch.optim (no weight decay).

Each works in place on one flat parameter vector and its gradient (see layout.py), keeps its
per-parameter state as flat vectors of the same length, and can snapshot/restore that state
so a diverging step can be undone. t counts the updates applied.
"""
import numpy as np

from .fields import RULES, check_rule
from .validate import check_choice, check_keys, check_number


class Optimizer:
    name = ""
    label = ""
    rule = ""  # the update rule as the page shows it
    state_names = ()
    state_columns = ()  # per column of the updates table: {"key", "label", "formula", "title"}
    keeps_direction = False  # a running mean of past gradients moves the weights (momentum, Adam)
    plain = False  # Δw = −η·∂L/∂w exactly: nothing stored, nothing rescaled (gradient descent)

    def __init__(self, lr):
        self.lr = check_number(lr, "lr", low=0.0, low_open=True)
        self.t = 0
        self.state = {}

    def hyperparameters(self):
        return {"lr": self.lr}

    def config(self):
        """{"name", "lr", ...} — JSON-able; betas as a list."""
        return {"name": self.name, **{k: list(v) if isinstance(v, tuple) else v
                                       for k, v in self.hyperparameters().items()}}

    def with_changes(self, changes):
        """A copy with some hyperparameters changed (validated) and the same state and t."""
        new = type(self)(**{**self.hyperparameters(), **changes})
        new.state = {k: v.copy() for k, v in self.state.items()}
        new.t = self.t
        return new

    def copy(self):
        return self.with_changes({})

    def update(self, params, grad):
        """One in-place update of params (flat float64) from grad (same shape)."""
        if self.state_names and self.state.get(self.state_names[0], params).shape != params.shape:
            raise ValueError("params: size differs from the one this optimizer was used with")
        if self.state_names and not self.state:
            self.state = self.start_state(params.size)
        self.t += 1
        self._apply(params, grad)

    def start_state(self, size):
        """The state vectors before the first update: zeros, as torch.optim starts them."""
        return {k: np.zeros(size) for k in self.state_names}

    def snapshot(self):
        return self.t, {k: v.copy() for k, v in self.state.items()}

    def restore(self, snapshot):
        self.t, state = snapshot
        self.state = {k: v.copy() for k, v in state.items()}

    def derived_state(self, size):
        """The updates table's columns computed from the state rather than kept in it, as flat
        vectors of `size` (none here; Adam's step per unit η)."""
        return {}

    def _apply(self, params, grad):
        raise NotImplementedError


class SGD(Optimizer):
    """Plain gradient descent, torch.optim.SGD(lr) with momentum 0:  θ ← θ − lr·g."""

    name = "sgd"
    label = "Gradient descent"
    rule = "Δw = −η·∂L/∂w"
    plain = True

    def __init__(self, lr=1e-3):
        super().__init__(lr)

    def _apply(self, params, grad):
        params -= self.lr * grad


class Momentum(Optimizer):
    """torch.optim.SGD(lr, momentum) without dampening or Nesterov:

    velocity ← momentum·velocity + g   (velocity starts at 0, so the first step gives g)
    θ ← θ − lr·velocity
    """

    name = "momentum"
    label = "Momentum"
    rule = "v ← μ·v + ∂L/∂w;  Δw = −η·v"
    state_names = ("velocity",)
    state_columns = ({"key": "velocity", "label": "v", "formula": "v ← μ·v + ∂L/∂w", "title": (
        "Velocity v: the gradients of the steps so far, each earlier one shrunk by μ per step. The "
        "step is Δw = −η·v, so a gradient that keeps its sign speeds the weight up.")},)
    keeps_direction = True

    def __init__(self, lr=1e-3, momentum=0.9):
        super().__init__(lr)
        self.momentum = check_rule(momentum, "momentum", RULES["momentum"])

    def hyperparameters(self):
        return {"lr": self.lr, "momentum": self.momentum}

    def _apply(self, params, grad):
        velocity = self.state["velocity"]
        velocity *= self.momentum
        velocity += grad
        params -= self.lr * velocity


class Nesterov(Momentum):
    """torch.optim.SGD(lr, momentum, nesterov=True), no dampening: the step looks ahead along v.

    velocity ← momentum·velocity + g   (as for Momentum)
    θ ← θ − lr·(g + momentum·velocity)
    """

    name = "nesterov"
    label = "Nesterov momentum"
    rule = "v ← μ·v + ∂L/∂w;  Δw = −η·(∂L/∂w + μ·v)"
    state_columns = ({"key": "velocity", "label": "v", "formula": "v ← μ·v + ∂L/∂w", "title": (
        "Velocity v: the gradients of the steps so far, each earlier one shrunk by μ per step. The "
        "step Δw = −η·(∂L/∂w + μ·v) looks ahead along v, so a weight moves on v even when its "
        "gradient is 0.")},)

    def _apply(self, params, grad):
        velocity = self.state["velocity"]
        velocity *= self.momentum
        velocity += grad
        params -= self.lr * (grad + self.momentum * velocity)  # torch's grad.add(buf, alpha=μ)


class AdaGrad(Optimizer):
    """torch.optim.Adagrad(lr, lr_decay, initial_accumulator_value, eps), no weight decay:

    sum ← sum + g²   (sum starts at initial_accumulator_value; t = 1, 2, ...)
    θ ← θ − clr·g / (√sum + eps)  with clr = lr / (1 + (t − 1)·lr_decay)
    """

    name = "adagrad"
    label = "AdaGrad"
    rule = ("s ← s + (∂L/∂w)²;  Δw = −ηₖ·(∂L/∂w) / (√s + ε), ηₖ = η / (1 + (k − 1)·d) on update "
            "k; s starts at s₀")
    state_names = ("sum",)  # torch's name for the sum of squares, which the page calls s
    state_columns = ({"key": "sum", "label": "s", "formula": "s ← s + (∂L/∂w)²", "title": (
        "Square sum s: s₀ plus (∂L/∂w)² of every step so far. The step divides the gradient by "
        "√s + ε, and s only grows, so each weight's steps shrink as its gradients add up.")},)

    def __init__(self, lr=1e-2, lr_decay=0.0, initial_accumulator_value=0.0, eps=1e-10):
        super().__init__(lr)
        self.lr_decay = check_rule(lr_decay, "lr_decay", RULES["lr_decay"])
        self.initial_accumulator_value = check_rule(
            initial_accumulator_value, "initial_accumulator_value",
            RULES["initial_accumulator_value"])
        self.eps = check_number(eps, "eps", low=0.0, low_open=True)

    def hyperparameters(self):
        return {"lr": self.lr, "lr_decay": self.lr_decay,
                "initial_accumulator_value": self.initial_accumulator_value, "eps": self.eps}

    def start_state(self, size):
        return {"sum": np.full(size, self.initial_accumulator_value)}

    def _apply(self, params, grad):
        total = self.state["sum"]
        total += grad * grad  # torch's addcmul_(grad, grad, value=1)
        clr = self.lr / (1.0 + (self.t - 1) * self.lr_decay)
        params -= clr * (grad / (np.sqrt(total) + self.eps))


class RMSprop(Optimizer):
    """torch.optim.RMSprop(lr, alpha, eps), not centered, no momentum:

    v ← alpha·v + (1 − alpha)·g²   (v starts at 0)
    θ ← θ − lr·g / (√v + eps)
    """

    name = "rmsprop"
    label = "RMSprop"
    rule = "s ← α·s + (1 − α)·(∂L/∂w)²;  Δw = −η·(∂L/∂w) / (√s + ε)"
    state_names = ("v",)  # torch's name for the square average, which the page calls s
    state_columns = ({"key": "v", "label": "s", "formula": "s ← α·s + (1 − α)·(∂L/∂w)²", "title": (
        "Square average s: a running mean of (∂L/∂w)². The step divides the gradient by √s + ε, so "
        "weights with large gradients take smaller steps, and small ones larger.")},)

    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8):
        super().__init__(lr)
        self.alpha = check_rule(alpha, "alpha", RULES["alpha"])
        self.eps = check_number(eps, "eps", low=0.0, low_open=True)

    def hyperparameters(self):
        return {"lr": self.lr, "alpha": self.alpha, "eps": self.eps}

    def _apply(self, params, grad):
        v = self.state["v"]
        v *= self.alpha
        v += (1.0 - self.alpha) * grad * grad  # torch's addcmul order
        params -= self.lr * (grad / (np.sqrt(v) + self.eps))


class Adam(Optimizer):
    """torch.optim.Adam(lr, betas, eps), bias-corrected, not AMSGrad:

    m ← β1·m + (1 − β1)·g ;  v ← β2·v + (1 − β2)·g²   (both start at 0; t = 1, 2, ...)
    θ ← θ − lr·m̂ / (√v̂ + eps)  with m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ)
    (evaluated in torch's order: θ ← θ − (lr / (1 − β1ᵗ))·m / (√v / √(1 − β2ᵗ) + eps)).
    """

    name = "adam"
    label = "Adam"
    rule = ("m ← β₁·m + (1 − β₁)·∂L/∂w;  s ← β₂·s + (1 − β₂)·(∂L/∂w)²;  "
            "Δw = −η·m̂ / (√ŝ + ε), m̂ = m / (1 − β₁ᵏ), ŝ = s / (1 − β₂ᵏ) after k updates")
    state_names = ("m", "v")  # torch's names; the page calls v the square average s
    state_columns = (
        {"key": "m", "label": "m", "formula": "m ← β₁·m + (1 − β₁)·∂L/∂w",
         "title": "m: a running mean of the gradient ∂L/∂w (the direction)."},
        {"key": "v", "label": "s", "formula": "s ← β₂·s + (1 − β₂)·(∂L/∂w)²", "title": (
            "s: a running mean of (∂L/∂w)² (the gradient's typical size).")},
        {"key": "step", "label": "Δw ÷ −η", "formula": "m̂ / (√ŝ + ε)", "title": (
            "Adam's step per unit learning rate, m̂ / (√ŝ + ε): Δw = −η × this. Plain gradient "
            "descent would use ∂L/∂w here; Adam's is near ±1 whatever the gradient's size.")},
    )
    keeps_direction = True

    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(lr)
        if isinstance(betas, (str, bytes)) or not hasattr(betas, "__len__") or len(betas) != 2:
            raise ValueError(f"betas: must be two numbers in [0, 1), got {betas!r}")
        self.betas = tuple(check_rule(b, f"betas[{i}]", RULES[f"beta{i + 1}"])
                           for i, b in enumerate(betas))
        self.eps = check_number(eps, "eps", low=0.0, low_open=True)

    def hyperparameters(self):
        return {"lr": self.lr, "betas": self.betas, "eps": self.eps}

    def _apply(self, params, grad):
        beta1, beta2 = self.betas
        m, v = self.state["m"], self.state["v"]
        _lerp(m, grad, 1.0 - beta1)  # m ← β1·m + (1 − β1)·g, rounded as torch's lerp_
        v *= beta2
        v += (1.0 - beta2) * grad * grad  # torch's addcmul order
        bias_correction1 = 1.0 - beta1 ** self.t
        bias_correction2 = 1.0 - beta2 ** self.t
        denom = np.sqrt(v) / bias_correction2 ** 0.5 + self.eps
        params -= (self.lr / bias_correction1) * (m / denom)

    def derived_state(self, size):
        """"step": the last update per unit learning rate, m̂ / (√ŝ + ε) = −Δw / η, from the state
        that update left (zeros before the first update)."""
        if not self.state:
            return {"step": np.zeros(size)}
        beta1, beta2 = self.betas
        denom = np.sqrt(self.state["v"]) / (1.0 - beta2 ** self.t) ** 0.5 + self.eps
        return {"step": (self.state["m"] / denom) / (1.0 - beta1 ** self.t)}


def _lerp(start, end, weight):
    """start ← start + weight·(end − start) in place, with torch.lerp's two rounding branches."""
    if weight < 0.5:
        start += weight * (end - start)
    else:
        start[...] = end - (end - start) * (1.0 - weight)


OPTIMIZERS = {cls.name: cls for cls in (SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam)}
SPEC_KEYS = ("name", "lr", "momentum", "alpha", "eps", "betas", "lr_decay",
             "initial_accumulator_value")  # every optimizer's settings


def from_config(spec):
    """An optimizer from {"name", "lr", other settings}; error fields read "optimizer.*"."""
    check_keys(spec, "optimizer", SPEC_KEYS)
    name = check_choice(spec.get("name", "sgd"), "optimizer.name", tuple(OPTIMIZERS))
    hyper = {k: v for k, v in spec.items() if k != "name"}
    return _build(OPTIMIZERS[name], hyper)


def _build(cls, hyper):
    allowed = set(cls(**{}).hyperparameters())
    for key in hyper:
        if key not in allowed:
            allowed_text = ", ".join(sorted(allowed))
            raise ValueError(
                f"optimizer.{key}: not a setting of {cls.name!r}; allowed: {allowed_text}"
            )
    try:
        return cls(**hyper)
    except ValueError as error:
        raise ValueError(f"optimizer.{error}") from None


def as_optimizer(optimizer):
    """An Optimizer as given, or plain gradient descent when given a learning rate."""
    if isinstance(optimizer, Optimizer):
        return optimizer
    return SGD(check_number(optimizer, "lr", low=0.0, low_open=True))


def reconfigure(opt, spec):
    """opt with the settings in spec changed: same name keeps its state, a new name starts fresh
    (keeping lr unless spec gives one)."""
    check_keys(spec, "optimizer", SPEC_KEYS)
    name = check_choice(spec.get("name", opt.name), "optimizer.name", tuple(OPTIMIZERS))
    changes = {k: v for k, v in spec.items() if k != "name"}
    if name != opt.name:
        return _build(OPTIMIZERS[name], {"lr": opt.lr, **changes})
    _build(type(opt), {**opt.hyperparameters(), **changes})  # validates with "optimizer." names
    return opt.with_changes(changes)
