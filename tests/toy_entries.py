"""Made-up engine entries for tests, not part of the engine: an optimizer with a setting and a
state column no real optimizer has, an activation, a loss and a data set. install() registers them
in the engine's own tables, where a new real entry goes, so a test can show that the page offers
whatever describe() lists with no change to its JavaScript (tests/js/engine-extensions.test.mjs,
tests/e2e/test_engine_extensions.py). Uses the engine's imports only (numpy and backprop)."""
import numpy as np

from backprop import activations, config, data, fields, losses, optim, optim_settings

OPTIMIZER, ACTIVATION, LOSS, DATASET, SETTING = (
    "toy_trace", "toy_softsign", "toy_log_cosh", "toy_stripes", "pull")


class TraceDescent(optim.Optimizer):
    """trace ← pull·trace + (1 − pull)·g (trace starts at 0);  θ ← θ − lr·trace."""

    name = OPTIMIZER
    label = "Toy trace descent"
    rule = "τ ← p·τ + (1 − p)·∂L/∂w;  Δw = −η·τ"
    state_names = ("trace",)
    state_columns = ({"key": "trace", "label": "τ", "formula": "τ ← p·τ + (1 − p)·∂L/∂w",
                      "title": "Trace τ: a running mean of the gradients."},)
    keeps_direction = True

    def __init__(self, lr=0.05, pull=0.5):
        super().__init__(lr)
        self.pull = fields.check_rule(pull, SETTING, fields.RULES[SETTING])

    def hyperparameters(self):
        return {"lr": self.lr, SETTING: self.pull}

    def _apply(self, params, grad):
        trace = self.state["trace"]
        trace *= self.pull
        trace += (1.0 - self.pull) * grad
        params -= self.lr * trace


def softsign(z):
    return z / (1.0 + np.abs(z))


def softsign_grad(z, a):
    return 1.0 / (1.0 + np.abs(z)) ** 2


def log_cosh(z, a, T, activation):
    """L = (1/n) Σ log cosh(ŷ − t); dL/dz = tanh(ŷ − t)/n · f′(z)."""
    diff = a - T
    n = T.shape[0]
    value = float(np.sum(np.logaddexp(diff, -diff) - np.log(2.0))) / n
    return value, np.tanh(diff) / n * activation.grad(z, a)


def log_cosh_dy(a, T):
    return np.tanh(a - T) / T.shape[0]


def stripes(n_samples=40, noise=0.0, seed=0):
    """Points in [-1, 1]², labelled 1 where x₁ > 0."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, size=(n_samples, 2))
    T = (X[:, :1] > 0.0).astype(float)
    return X + noise * rng.standard_normal(X.shape), T


def install():
    """Adds the toy entries to the engine's tables (once; again is harmless)."""
    fields.RULES[SETTING] = fields.FRACTION
    optim_settings.SETTINGS[SETTING] = [{"rule": SETTING, "label": "Pull p",
                                         "title": "p: how much of the trace each step keeps."}]
    optim.OPTIMIZERS[OPTIMIZER] = TraceDescent
    if SETTING not in optim.SPEC_KEYS:
        optim.SPEC_KEYS = (*optim.SPEC_KEYS, SETTING)
    activations.ACTIVATIONS[ACTIVATION] = activations.Activation(
        ACTIVATION, softsign, softsign_grad, False, "Softsign (toy)", "softsign",
        "z / (1 + |z|)", "1 / (1 + |z|)²", False)
    losses.LOSSES[LOSS] = losses.Loss(
        LOSS, log_cosh, log_cosh_dy, "log cosh (toy)", "L = Σ log cosh(ŷ − t), averaged",
        "tanh(ŷ − t)·f′(z)", None, None, False,
        lambda z, a, T: np.sum(np.log(np.cosh(a - T)), axis=1))
    data.GENERATORS[DATASET] = ("Stripes (toy)", stripes)
    assert config.GENERATORS is data.GENERATORS  # the config checks read the same table
