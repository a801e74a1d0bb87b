"""Bad input raises ValueError whose message starts with the field's name and what is allowed."""
import math

import pytest

import backprop
from backprop import Network, api, data
from backprop.optim import Adam


def net():
    return Network([2, 3, 1], seed=0)


def new_run():
    return api.create()["run"]


BAD = [
    ("layers", lambda: Network([2])),
    ("layers", lambda: Network([2] + [3] * 9 + [1])),
    ("layers[1]", lambda: Network([2, 17, 1])),
    ("layers[1]", lambda: Network([2, 0, 1])),
    ("layers[0]", lambda: Network(["2", 3, 1])),
    ("layers[1]", lambda: Network([2, 3.0, 1])),
    ("hidden_activation", lambda: Network([2, 3, 1], "softmax")),
    ("hidden_activation", lambda: Network([2, 3, 3, 1], ["relu"])),
    ("output_activation", lambda: Network([2, 3, 1], output_activation="step")),
    ("loss", lambda: Network([2, 3, 1], loss="mse")),
    ("loss", lambda: Network([2, 3, 1], loss="binary_cross_entropy")),
    ("bias", lambda: Network([2, 3, 1], bias="yes")),
    ("inputs", lambda: net().forward([1.0, 2.0, 3.0])),
    ("inputs[0]", lambda: net().forward([math.nan, 1.0])),
    ("inputs[1]", lambda: net().forward([1.0, math.inf])),
    ("inputs[1]", lambda: net().forward([1.0, -math.inf])),
    ("inputs[0]", lambda: net().forward(["1.0", 1.0])),
    ("inputs[0]", lambda: net().forward([None, 1.0])),
    ("inputs[0]", lambda: net().forward([True, 1.0])),
    ("inputs", lambda: net().forward("1,2")),
    ("targets", lambda: net().loss([1.0, 2.0], [1.0, 2.0])),
    ("targets[0]", lambda: net().loss([1.0, 2.0], [math.nan])),
    ("targets", lambda: Network([2, 1], output_activation="sigmoid",
                                loss="binary_cross_entropy").loss([1, 2], [2.0])),
    ("lr", lambda: net().step([1, 2], [3], 0.0)),
    ("lr", lambda: net().step([1, 2], [3], -0.1)),
    ("lr", lambda: net().step([1, 2], [3], math.nan)),
    ("lr", lambda: net().step([1, 2], [3], math.inf)),
    ("lr", lambda: net().step([1, 2], [3], "0.1")),
    ("betas", lambda: Adam(0.1, betas=(0.9,))),
    ("betas[1]", lambda: Adam(0.1, betas=(0.9, 1.0))),
    ("weights", lambda: net().set_params([[[1.0, 2.0]] * 3])),
    ("weights[0]", lambda: net().set_params([[[1.0, 2.0]] * 2, [[1.0, 2.0, 3.0]]])),
    ("weights[1][0][2]", lambda: net().set_params([[[1.0, 2.0]] * 3, [[1.0, 2.0, math.nan]]])),
    ("biases", lambda: net().set_params(net().weights, [[1.0, 0.0, 0.0], [0.0]])),
    ("seed", lambda: Network([2, 3, 1], seed="0")),
    ("seed", lambda: Network([2, 3, 1], seed=-5)),
    ("eps", lambda: backprop.gradient_check(net(), [1, 2], [3], eps=0)),
    ("n", lambda: api.step(new_run(), 0)),
    ("n", lambda: api.step(new_run(), 100_001)),
    ("n", lambda: api.step(new_run(), 1.5)),
    ("n", lambda: api.step(new_run(), "3")),
    ("seed", lambda: api.create({"seed": -1})),
    ("seed", lambda: api.create({"seed": 2**40})),
    ("config", lambda: api.create({"layer": [2, 3, 1]})),
    ("optimizer.name", lambda: api.create({"optimizer": {"name": "lbfgs"}})),
    ("optimizer.lr", lambda: api.create({"optimizer": {"name": "sgd", "lr": 0}})),
    ("optimizer.lr", lambda: api.create({"optimizer": {"name": "sgd", "lr": 100.5}})),
    ("optimizer.momentum", lambda: api.create({"optimizer": {"name": "momentum", "momentum": 1}})),
    ("optimizer.momentum", lambda: api.create({"optimizer": {"name": "adam", "momentum": 0.9}})),
    ("optimizer.betas[1]", lambda: api.create({"optimizer": {"name": "adam", "betas": [0.9, 1]}})),
    ("optimizer", lambda: api.create({"optimizer": {"learning_rate": 0.1}})),
    ("optimizer.momentum", lambda: api.create({"optimizer": {"name": "nesterov", "momentum": 1}})),
    ("optimizer.alpha", lambda: api.create({"optimizer": {"name": "nesterov", "alpha": 0.9}})),
    ("optimizer.lr_decay", lambda: api.create({"optimizer": {"name": "adagrad", "lr_decay": -1}})),
    ("optimizer.lr_decay", lambda: api.create({"optimizer": {"name": "adam", "lr_decay": 0.1}})),
    ("optimizer.initial_accumulator_value",
     lambda: api.create({"optimizer": {"name": "adagrad", "initial_accumulator_value": -0.1}})),
    ("optimizer.eps", lambda: api.create({"optimizer": {"name": "adagrad", "eps": 0}})),
    ("inputs[1]", lambda: api.create({"inputs": [1.0, 100.5]})),
    ("targets[0]", lambda: api.create({"targets": [-101]})),
    ("weights[1][0][2]", lambda: api.create({"weights": [[[1, 2]] * 3, [[1, 2, 1e3]]]})),
    ("biases[0][1]", lambda: api.create({"bias": True, "biases": [[0, -200, 0], [0]]})),
    ("sample", lambda: api.create({"sample": 1})),
    ("batch_size", lambda: api.create({"batch_size": 2})),
    ("dataset.name", lambda: api.create({"dataset": {"name": "moons"}})),
    ("dataset.n", lambda: api.create({"dataset": {"name": "circle", "n": 5000}})),
    ("dataset.noise", lambda: api.create({"dataset": {"name": "spiral", "noise": -0.1}})),
    ("dataset", lambda: api.create({"layers": [3, 1], "dataset": {"name": "xor"}})),
    ("dataset.rows", lambda: api.create({"dataset": {"name": "xor", "rows": {}}})),
    ("dataset.rows.T", lambda: api.create({"dataset": {"name": "custom", "rows": {
        "X": [[0, 1], [1, 0]], "T": [[1]]}}})),
    ("configure", lambda: api.configure(new_run(), {"layers": [2, 2, 1]})),
    ("configure", lambda: api.configure(new_run(), {"colour": "red"})),
    ("optimizer.lr", lambda: api.configure(new_run(), {"optimizer": {"lr": -1}})),
    ("inputs[0]", lambda: api.configure(new_run(), {"inputs": [-100.01, 0]})),
    ("configure", lambda: api.configure(api.create({"dataset": {"name": "xor"}})["run"],
                                        {"targets": [1.0]})),
    ("sample", lambda: api.configure(api.create({"dataset": {"name": "xor"}})["run"],
                                     {"sample": 4})),
    ("step", lambda: api.seek(new_run(), 1)),
    ("step", lambda: api.snapshot(new_run(), -1)),
    ("since", lambda: api.frame(new_run(), since={"rev": 0})),
    ("since.step", lambda: api.step(new_run(), since={"revision": 0, "step": "3"})),
    ("run", lambda: api.frame("r9")),
    ("run", lambda: api.drop(7)),
    ("start", lambda: api.history(new_run(), start=-1)),
    ("layer", lambda: api.explain(new_run(), 2, 0, 0)),
    ("to", lambda: api.explain(new_run(), 0, 3, 0)),
    ("frm", lambda: api.explain(new_run(), 0, 0, 2)),
    ("n_samples", lambda: data.circle(0)),
    ("noise", lambda: data.spiral(10, noise=-1)),
    ("name", lambda: data.logic("nand")),
]


@pytest.mark.parametrize(("field", "call"), BAD, ids=[f"{f}-{i}" for i, (f, _) in enumerate(BAD)])
def test_invalid_input_raises_value_error_naming_the_field(field, call):
    with pytest.raises(ValueError) as caught:
        call()
    message = str(caught.value)
    assert message.startswith(f"{field}:"), message
    assert len(message) > len(field) + 10


def test_unknown_names_list_the_allowed_ones():
    with pytest.raises(ValueError, match="relu.*leaky_relu.*tanh.*sigmoid.*linear"):
        Network([2, 3, 1], "gelu")


def test_a_rejected_configure_changes_nothing():
    before = api.create()
    with pytest.raises(ValueError):
        api.configure("r1", {"inputs": [0.3, 0.2], "optimizer": {"lr": 0.5}, "targets": ["x"]})
    assert api.frame("r1") == before


def test_a_rejected_reset_keeps_the_current_run():
    api.create({"seed": 3})
    before = api.step("r1", 2)
    with pytest.raises(ValueError):
        api.reset("r1", {"layers": [2, 99, 1]})
    assert api.frame("r1") == before


def test_a_rejected_step_seek_configure_or_reset_changes_nothing():
    api.create()
    before = api.step("r1", 2)
    bad = {"revision": "x", "step": 0}
    for call in (lambda: api.step("r1", 0), lambda: api.seek("r1", 3),
                 lambda: api.step("r1", 5, since=bad), lambda: api.seek("r1", 0, since=bad),
                 lambda: api.configure("r1", {"targets": [1.0]}, since=bad),
                 lambda: api.reset("r1", {"seed": 1}, since=bad)):
        with pytest.raises(ValueError):
            call()
    assert api.frame("r1") == before


def test_values_at_the_limits_are_accepted():
    frame = api.create({"inputs": [-100, 100], "targets": [100], "bias": True,
                        "optimizer": {"name": "sgd", "lr": 100},
                        "weights": [[[100, -100]] * 3, [[-100, 100, 100]]],
                        "biases": [[100, 0, -100], [100]]})
    assert frame["inputs"] == [-100.0, 100.0] and frame["config"]["optimizer"]["lr"] == 100


def test_divergence_error_is_not_a_value_error():
    assert not issubclass(backprop.DivergenceError, ValueError)
