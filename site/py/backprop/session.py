"""One training session: a network, its optimizer, the one training example and the history.

api.py holds the single live Session; everything here returns plain JSON-able dicts.
"""
import numpy as np

from . import optim
from .network import SEED_MAX, Network
from .records import plain, plain_float, plain_groups, plain_list
from .training import MAX_STEPS, run_steps
from .validate import check_array, check_int, check_keys

DEFAULT_CONFIG = {
    "layers": [2, 3, 1], "hidden_activation": "relu", "output_activation": "linear",
    "bias": False, "loss": "half_squared_error", "seed": 0, "inputs": [1.0, 0.5],
    "targets": [2.0], "optimizer": {"name": "sgd", "lr": 0.01}, "weights": None, "biases": None,
}
CONFIGURABLE = ("inputs", "targets", "optimizer", "weights", "biases")
EXAMPLE = ("inputs", "targets")
HISTORY_LIMIT = 10_000  # past this many rows, history keeps every other row (plus the latest)


class Session:
    def __init__(self, config):
        check_keys(config, "config", tuple(DEFAULT_CONFIG))
        config = {**{k: v for k, v in DEFAULT_CONFIG.items() if k not in EXAMPLE}, **config}
        seed = check_int(config["seed"], "seed", 0, SEED_MAX)
        self.net = Network(config["layers"], config["hidden_activation"],
                           config["output_activation"], config["bias"], seed, config["loss"])
        self.opt = optim.from_config(config["optimizer"])
        inputs, targets = default_example(self.net.layers, self.net.loss_fn.name)
        self.x, self.t = self._check_example(config.get("inputs", inputs),
                                             config.get("targets", targets))
        new_W, new_b = self.net.check_params(config["weights"], config["biases"])
        self.net.assign_params(new_W, new_b)
        self.config = {**config, "layers": list(self.net.layers), "seed": seed,
                       "weights": plain_list(new_W) if new_W else None,
                       "biases": plain_list(new_b) if new_b else None}
        prediction = plain(self.net.forward(self.x))
        self.history = [self._row(self.net.loss(self.x, self.t), prediction, None)]
        self.last_step = None

    def _check_example(self, inputs, targets):
        x = check_array(inputs, "inputs", (self.net.layers[0],))
        t = check_array(targets, "targets", (self.net.layers[-1],))
        self.net.batch(x, t)  # loss-specific checks, e.g. targets in [0, 1] for cross-entropy
        return x, t

    def _row(self, loss, prediction, delta_loss):
        return {"step": self.net.steps, "loss": plain_float(loss), "prediction": prediction,
                "target": self.t.tolist(), "lr": self.opt.lr, "delta_loss": delta_loss}

    def configure(self, partial):
        """Change the example, optimizer settings, weights or biases; all checked, then applied."""
        check_keys(partial, "configure", CONFIGURABLE)
        x, t = self._check_example(partial.get("inputs", self.x), partial.get("targets", self.t))
        opt = self.opt
        if "optimizer" in partial:
            opt = optim.reconfigure(self.opt, partial["optimizer"])
        new_W, new_b = self.net.check_params(partial.get("weights"), partial.get("biases"))
        self.x, self.t, self.opt = x, t, opt
        self.net.assign_params(new_W, new_b)
        return self.state()

    def step(self, n=1):
        """n updates; the last one keeps its full record as state["last_step"]."""
        n = check_int(n, "n", 1, MAX_STEPS)
        if n > 1:
            self._run(n - 1)
        X, T = self.x[None, :], self.t[None, :]
        record = self.net.step(X, T, self.opt)
        delta_loss = _difference(record["loss_after"], record["loss_before"])
        prediction = plain(self.net.forward(self.x))
        self._extend([self._row(record["loss_after"], prediction, delta_loss)])
        self.last_step = record
        return self.state()

    def train(self, n):
        """n updates without records: {"losses": loss after each update, "state": state}."""
        n = check_int(n, "n", 1, MAX_STEPS)
        losses = self._run(n)
        self.last_step = None
        return {"losses": losses, "state": self.state()}

    def _run(self, n):
        X, T = self.x[None, :], self.t[None, :]
        run = run_steps(self.net, X, T, self.opt, n, keep_predictions=True)
        first = self.net.steps - len(run.losses) + 1
        previous = [run.start_loss] + run.losses[:-1]
        target, lr = self.t.tolist(), self.opt.lr
        rows = zip(run.losses, run.predictions, previous, strict=True)
        self._extend([{"step": first + k, "loss": loss, "prediction": prediction, "target": target,
                       "lr": lr, "delta_loss": loss - before}
                      for k, (loss, prediction, before) in enumerate(rows)])
        if run.error is not None:
            raise run.error
        return run.losses

    def _extend(self, rows):
        self.history.extend(rows)
        while len(self.history) > HISTORY_LIMIT:
            latest = self.history[-1]
            self.history = self.history[::2]
            if self.history[-1] is not latest:
                self.history.append(latest)

    def state(self):
        g = self.net.gradients(self.x, self.t)
        lists, _ = plain_groups({"weights": self.net.weights, "biases": self.net.biases,
                                 "z": g["z"], "a": g["a"], "delta": g["delta"], "dW": g["dW"],
                                 "db": g["db"]})
        return {
            "config": {**self.config, "inputs": self.x.tolist(), "targets": self.t.tolist(),
                       "optimizer": self.opt.config()},
            "inputs": self.x.tolist(),
            "targets": self.t.tolist(),
            "step": self.net.steps,
            "weights": lists["weights"],
            "biases": lists["biases"],
            "forward": {"z": lists["z"], "a": lists["a"]},
            "backward": {"delta": lists["delta"], "dW": lists["dW"], "db": lists["db"]},
            "prediction": lists["a"][-1][0],
            "loss": plain_float(g["loss"]),
            "dead": plain_list(self.net.dead(g["z"])),
            "history": list(self.history),
            "last_step": self.last_step,
            "optimizer_state": optimizer_state(self.opt, self.net.layout),
        }


def default_example(layers, loss):
    """The demo's inputs (1.0, 0.5, repeated to fit) and target 2.0 per output (1.0 for
    cross-entropy, whose targets lie in [0, 1])."""
    inputs = [(1.0, 0.5)[i % 2] for i in range(layers[0])]
    return inputs, [1.0 if loss == "binary_cross_entropy" else 2.0] * layers[-1]


def optimizer_state(opt, layout):
    """{"name", "t", and per state vector {"weights": [...], "biases": [...]}}, zeros before use."""
    result = {"name": opt.name, "t": opt.t}
    for key in opt.state_names:
        flat = opt.state.get(key, np.zeros(layout.size))
        parts = layout.split(flat)
        result[key] = {name: plain_list(arrays) for name, arrays in parts.items()}
    return result


def _difference(after, before):
    return None if after is None or before is None else after - before
