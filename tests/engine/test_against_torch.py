"""The engine against PyTorch itself (float64): from the same starting weights and on the same
batches, 25 updates through the bridge give the parameters, losses and optimizer state that
torch.nn.functional and torch.optim give, within 1e-9, for every optimizer and activation."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from seed_demo import SPEC_INPUTS, SPEC_TARGETS, SPEC_WEIGHTS

from backprop import api
from backprop.activations import ACTIVATIONS as ENGINE_ACTIVATIONS
from backprop.config import build

STEPS = 25
TOLERANCE = {"rtol": 1e-9, "atol": 1e-9}
ACTIVATIONS = {
    "relu": torch.relu, "leaky_relu": lambda z: F.leaky_relu(z, 0.01), "tanh": torch.tanh,
    "sigmoid": torch.sigmoid, "elu": F.elu, "softplus": F.softplus, "linear": lambda z: z,
}
OPTIMIZERS = {  # engine config -> torch.optim with the same settings
    "sgd": lambda p, c: torch.optim.SGD(p, lr=c["lr"]),
    "momentum": lambda p, c: torch.optim.SGD(p, lr=c["lr"], momentum=c["momentum"]),
    "nesterov": lambda p, c: torch.optim.SGD(p, lr=c["lr"], momentum=c["momentum"],
                                             nesterov=True),
    "adagrad": lambda p, c: torch.optim.Adagrad(
        p, lr=c["lr"], lr_decay=c["lr_decay"], eps=c["eps"],
        initial_accumulator_value=c["initial_accumulator_value"]),
    "rmsprop": lambda p, c: torch.optim.RMSprop(p, lr=c["lr"], alpha=c["alpha"], eps=c["eps"]),
    "adam": lambda p, c: torch.optim.Adam(p, lr=c["lr"], betas=tuple(c["betas"]), eps=c["eps"]),
}
TORCH_CLASSES = {"sgd": torch.optim.SGD, "momentum": torch.optim.SGD, "nesterov": torch.optim.SGD,
                 "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop,
                 "adam": torch.optim.Adam}
TORCH_STATE = {"momentum": {"velocity": "momentum_buffer"},
               "nesterov": {"velocity": "momentum_buffer"}, "adagrad": {"sum": "sum"},
               "rmsprop": {"v": "square_avg"}, "adam": {"m": "exp_avg", "v": "exp_avg_sq"}}
SETTINGS = [
    {"name": "sgd", "lr": 0.05}, {"name": "momentum", "lr": 0.02, "momentum": 0.9},
    {"name": "nesterov", "lr": 0.02, "momentum": 0.9}, {"name": "nesterov", "lr": 0.1,
                                                        "momentum": 0.5},
    {"name": "adagrad", "lr": 0.1}, {"name": "adagrad", "lr": 0.3, "lr_decay": 0.2,
                                     "initial_accumulator_value": 0.1, "eps": 1e-6},
    {"name": "rmsprop", "lr": 0.01}, {"name": "adam", "lr": 0.02, "betas": [0.8, 0.99]},
]
NETWORKS = {
    "spec 2-3-1 relu": {"weights": SPEC_WEIGHTS, "inputs": SPEC_INPUTS, "targets": SPEC_TARGETS},
    "2-5-4-1 elu, tanh, biases, spiral in batches of 8": {
        "layers": [2, 5, 4, 1], "hidden_activation": ["elu", "tanh"], "bias": True, "seed": 5,
        "dataset": {"name": "spiral", "n": 40}, "batch_size": 8},
    "2-6-1 softplus, sigmoid, cross-entropy, circle in batches of 7": {
        "layers": [2, 6, 1], "hidden_activation": "softplus", "output_activation": "sigmoid",
        "loss": "binary_cross_entropy", "bias": True, "seed": 2, "dataset": {"name": "circle"},
        "batch_size": 7},
    "3-4-4-2 softplus, elu, elu output, one example": {
        "layers": [3, 4, 4, 2], "hidden_activation": ["softplus", "elu"],
        "output_activation": "elu", "bias": True, "seed": 9, "inputs": [1.5, -2.0, 0.5],
        "targets": [-0.5, 3.0]},
    "2-4-4-1 leaky relu, sigmoid, leaky relu output": {
        "layers": [2, 4, 4, 1], "hidden_activation": ["leaky_relu", "sigmoid"],
        "output_activation": "leaky_relu", "bias": True, "seed": 3, "inputs": [0.3, -1.2],
        "targets": [2.0]},
}


def engine_run(config):
    """(frame at step 0, frame after STEPS updates, the history rows) through the bridge."""
    start = api.create(config)
    end = api.step(start["run"], STEPS)
    return start, end, [row for row in end["history"]["rows"] if row["step"] > 0]


def torch_parameters(frame, bias):
    """float64 leaf tensors [W1, (b1,) W2, ...] holding the frame's weights and biases."""
    params = []
    for W, b in zip(frame["weights"], frame["biases"], strict=True):
        params.append(torch.tensor(W, dtype=torch.float64, requires_grad=True))
        if bias:
            params.append(torch.tensor(b, dtype=torch.float64, requires_grad=True))
    return params


def torch_loss(params, net, X, T):
    """The loss of the engine's network net on the batch, written with torch: ½·squared error
    or cross-entropy, summed over outputs and averaged over the batch's rows."""
    bias, cross_entropy = net.bias, net.loss_fn.name == "binary_cross_entropy"
    layers = [params[i:i + 2] for i in range(0, len(params), 2)] if bias else [[W] for W in params]
    a = torch.tensor(X, dtype=torch.float64)
    for i, (layer, name) in enumerate(zip(layers, net.activation_names, strict=True)):
        z = a @ layer[0].T + (layer[1] if bias else 0.0)
        a = z if cross_entropy and i == len(layers) - 1 else ACTIVATIONS[name](z)  # logits
    t = torch.tensor(T, dtype=torch.float64)
    if cross_entropy:
        return F.binary_cross_entropy_with_logits(a, t, reduction="sum") / len(X)
    return 0.5 * ((a - t) ** 2).sum() / len(X)


def torch_run(config, start):
    """(parameters, losses before and after each update, optimizer) after STEPS torch updates
    from the engine's starting weights, on the engine's batches."""
    checked = build(config)
    params = torch_parameters(start, checked.net.bias)
    optimizer = OPTIMIZERS[checked.opt.name](params, checked.opt.config())
    before, after = [], []
    for step in range(1, STEPS + 1):
        X, T = checked.data.batch(step)
        optimizer.zero_grad()
        loss = torch_loss(params, checked.net, X, T)
        loss.backward()
        optimizer.step()
        before.append(loss.item())
        with torch.no_grad():
            after.append(torch_loss(params, checked.net, X, T).item())
    return params, before, after, optimizer


def engine_parameters(frame, bias):
    return [np.array(p) for W, b in zip(frame["weights"], frame["biases"], strict=True)
            for p in ((W, b) if bias else (W,))]


def assert_close(engine, reference, what):
    np.testing.assert_allclose(engine, reference, err_msg=what, **TOLERANCE)


@pytest.mark.parametrize("network", NETWORKS)
@pytest.mark.parametrize("optimizer", SETTINGS, ids=lambda o: "-".join(map(str, o.values())))
def test_25_updates_give_torchs_parameters_losses_and_optimizer_state(network, optimizer):
    config = {**NETWORKS[network], "optimizer": optimizer}
    start, end, rows = engine_run(config)
    params, before, after, reference = torch_run(config, start)
    assert end["step"] == STEPS and len(rows) == STEPS
    bias = end["config"]["bias"]
    moved = [np.abs(a - b).max() for a, b in zip(engine_parameters(end, bias),
                                                  engine_parameters(start, bias), strict=True)]
    assert max(moved) > 0.05  # the runs train: a match of unmoved weights would prove nothing
    for mine, theirs in zip(engine_parameters(end, bias), params, strict=True):
        assert_close(mine, theirs.detach().numpy(), "parameters")
    assert_close([row["loss_before"] for row in rows], before, "losses before each update")
    assert_close([row["loss"] for row in rows], after, "losses after each update")
    engine_state = end["optimizer_state"]
    assert engine_state["t"] == STEPS
    for key, torch_key in TORCH_STATE.get(optimizer["name"], {}).items():
        mine = engine_parameters(engine_state[key], bias)
        for vector, p in zip(mine, params, strict=True):
            assert_close(vector, reference.state[p][torch_key].numpy(), key)


def test_at_step_0_the_frame_has_torchs_loss_and_gradients():
    config = NETWORKS["2-5-4-1 elu, tanh, biases, spiral in batches of 8"]
    frame = api.create(config)
    checked = build(config)
    params = torch_parameters(frame, bias=True)
    loss = torch_loss(params, checked.net, *checked.data.batch(1))
    loss.backward()
    assert frame["loss"] == pytest.approx(loss.item(), rel=1e-12)
    grads = [*frame["backward"]["dW"], *frame["backward"]["db"]]
    for mine, p in zip(grads, params[0::2] + params[1::2], strict=True):
        assert_close(np.array(mine), p.grad.numpy(), "gradient")


@pytest.mark.parametrize("name", ["elu", "softplus", "tanh", "sigmoid", "leaky_relu", "relu"])
def test_each_activation_and_its_slope_equal_torchs(name):
    z = np.array([-800.0, -30.0, -2.0, -0.3, 0.0, 1e-8, 0.4, 3.0, 19.999, 20.0, 20.001, 40.0])
    act = ENGINE_ACTIVATIONS[name]
    zt = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    at = ACTIVATIONS[name](zt)
    at.sum().backward()
    np.testing.assert_allclose(act.f(z), at.detach().numpy(), rtol=1e-14, atol=1e-300)
    slope = act.grad(z, act.f(z))  # from a = f(z) where it can be: 1 − a² and a·(1 − a) lose
    np.testing.assert_allclose(slope, zt.grad.numpy(), rtol=1e-13, atol=1e-15)  # digits to 1 − a


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_every_default_setting_is_torchs_except_a_momentum_torch_leaves_to_the_caller(name):
    settings = api.describe()["optimizers"][name]["settings"]
    p = [torch.zeros(1, dtype=torch.float64, requires_grad=True)]
    defaults = TORCH_CLASSES[name](p).defaults
    for key, value in settings.items():
        if key == "momentum":  # torch's 0 means no momentum at all (and nesterov refuses it)
            assert value == 0.9
            continue
        assert value == (list(defaults[key]) if key == "betas" else defaults[key]), key
