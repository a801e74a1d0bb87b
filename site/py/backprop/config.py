"""A run's config: the defaults (the seed demo), the spec preset, and build(), which checks a
whole config and makes the network, optimizer and data from it. Nothing changes on an error.
"""
from typing import NamedTuple

from . import optim
from .batches import Data
from .data import GENERATORS, generator_defaults
from .fields import DATASET_N_MAX, RULES, check_rule, check_values
from .network import Network
from .records import plain_list
from .validate import check_array, check_choice, check_int, check_keys

DEFAULT_CONFIG = {
    "layers": [2, 3, 1], "hidden_activation": "relu", "output_activation": "linear",
    "bias": False, "loss": "half_squared_error", "seed": 0, "inputs": [1.0, 0.5],
    "targets": [2.0], "dataset": None, "batch_size": None, "sample": 0,
    "optimizer": {"name": "sgd", "lr": 0.01}, "weights": None, "biases": None,
}
SPEC_WEIGHTS = [
    [[-0.758, -0.448], [-0.270, 0.579], [0.835, -0.857]],  # H1, H2, H3 <- (I1, I2)
    [[-0.717, -0.204, 0.505]],  # O <- (H1, H2, H3)
]
PRESETS = {"spec": {"label": "The spec's example",
                    "config": {**DEFAULT_CONFIG, "weights": SPEC_WEIGHTS}}}
EXAMPLE = ("inputs", "targets")


class Setup(NamedTuple):
    net: Network
    opt: optim.Optimizer
    data: Data
    sample: int
    config: dict  # the checked config, as the frame shows it


def build(config):
    """The checked Setup of a config (every key optional; defaults = DEFAULT_CONFIG)."""
    check_keys(config, "config", tuple(DEFAULT_CONFIG))
    merged = {**{k: v for k, v in DEFAULT_CONFIG.items() if k not in EXAMPLE}, **config}
    seed = check_rule(merged["seed"], "seed", RULES["seed"])
    net = Network(merged["layers"], merged["hidden_activation"], merged["output_activation"],
                  merged["bias"], seed, merged["loss"], draw=merged["weights"] is None)
    opt = optim.from_config(check_optimizer(merged["optimizer"]))
    data, dataset = build_data(net, merged)
    sample = check_int(merged["sample"], "sample", 0, data.size - 1)
    new_W, new_b = check_params(net, merged["weights"], merged["biases"])
    net.assign_params(new_W, new_b)
    example = None if dataset else data.sample(0)
    checked = {**merged, "layers": list(net.layers), "seed": seed, "dataset": dataset,
               "inputs": example[0][0].tolist() if example else None,
               "targets": example[1][0].tolist() if example else None,
               "optimizer": opt.config(), "sample": sample,
               "weights": plain_list(new_W) if new_W else None,
               "biases": plain_list(new_b) if new_b else None}
    return Setup(net, opt, data, sample, checked)


def check_optimizer(spec):
    """spec with its settings checked against the field limits (optim checks the rest)."""
    check_keys(spec, "optimizer", optim.SPEC_KEYS)
    for key in optim.SPEC_KEYS:
        if key in spec and key in RULES:  # the plain numbers; betas are two
            check_rule(spec[key], f"optimizer.{key}", RULES[key])
    betas = spec.get("betas")
    if isinstance(betas, (list, tuple)) and len(betas) == 2:
        for i, beta in enumerate(betas):
            check_rule(beta, f"optimizer.betas[{i}]", RULES[f"beta{i + 1}"])
    return spec


def check_params(net, weights, biases):
    """Given weights/biases (None = keep) checked for shape and the value limits."""
    new_W, new_b = net.check_params(weights, biases)
    for name, arrays in (("weights", new_W), ("biases", new_b)):
        for i, array in enumerate(arrays or []):
            check_values(array, f"{name}[{i}]")
    return new_W, new_b


def check_example(net, inputs, targets):
    """The one training example as (1, n) arrays, checked for shape, limits and the loss."""
    x = check_values(check_array(inputs, "inputs", (net.layers[0],)), "inputs")
    t = check_values(check_array(targets, "targets", (net.layers[-1],)), "targets")
    return net.batch(x, t)  # loss-specific checks, e.g. targets in [0, 1] for cross-entropy


def default_example(layers, loss):
    """The demo's inputs (1.0, 0.5, repeated to fit) and target 2.0 per output (1.0 for
    cross-entropy, whose targets lie in [0, 1])."""
    inputs = [(1.0, 0.5)[i % 2] for i in range(layers[0])]
    return inputs, [1.0 if loss == "binary_cross_entropy" else 2.0] * layers[-1]


def build_data(net, config):
    """(Data, the checked dataset config or None) for the config's dataset or example."""
    if config["dataset"] is None:
        inputs, targets = default_example(net.layers, net.loss_fn.name)
        X, T = check_example(net, config.get("inputs", inputs), config.get("targets", targets))
        dataset, seed = None, 0
    else:
        X, T, dataset = check_dataset(config["dataset"], net)
        seed = dataset["seed"]
    batch_size = config["batch_size"]
    if batch_size is not None:
        batch_size = check_int(batch_size, "batch_size", 1, X.shape[0])
    return Data(X, T, batch_size, seed, dataset is not None), dataset


def check_dataset(spec, net):
    """(X, T, checked spec) of a generated or custom data set."""
    check_keys(spec, "dataset", ("name", "n", "noise", "seed", "rows"))
    name = check_choice(spec.get("name"), "dataset.name", (*GENERATORS, "custom"))
    seed = check_rule(spec.get("seed", 0), "dataset.seed", RULES["dataset_seed"])
    if name == "custom":
        X, T = check_rows(spec.get("rows"), net)
        return X, T, {"name": name, "rows": {"X": X.tolist(), "T": T.tolist()}, "seed": seed}
    if "rows" in spec:
        raise ValueError("dataset.rows: only a 'custom' data set takes rows")
    if net.layers[0] != 2 or net.layers[-1] != 1:
        raise ValueError(f"dataset: {name!r} needs layers starting with 2 and ending with 1, "
                         f"got {net.layers}")
    defaults = generator_defaults(name)
    n = check_rule(spec.get("n", defaults["n"]), "dataset.n", RULES["dataset_n"])
    noise = check_rule(spec.get("noise", defaults["noise"]), "dataset.noise",
                       RULES["dataset_noise"])
    if "seed" not in spec:
        seed = defaults["seed"]
    X, T = GENERATORS[name][1](n, noise, seed)
    net.batch(X, T)  # loss-specific checks
    return X, T, {"name": name, "n": n, "noise": noise, "seed": seed}


def check_rows(rows, net):
    """A custom data set's rows {"X": [[...]], "T": [[...]]} as checked arrays."""
    check_keys(rows, "dataset.rows", ("X", "T"))
    X, T = rows.get("X"), rows.get("T")
    if not isinstance(X, list) or not 1 <= len(X) <= DATASET_N_MAX:
        raise ValueError(f"dataset.rows.X: must be a list of 1 to {DATASET_N_MAX} rows")
    X = check_values(check_array(X, "dataset.rows.X", (len(X), net.layers[0])), "dataset.rows.X")
    T = check_values(check_array(T, "dataset.rows.T", (len(X), net.layers[-1])),
                     "dataset.rows.T")
    return net.batch(X, T)
