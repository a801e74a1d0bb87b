"""Bad input raises ValueError whose message starts with the field's name and what is allowed."""
import math

import pytest

import backprop
from backprop import Network, api, data
from backprop.optim import Adam


def net():
    return Network([2, 3, 1], seed=0)


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
    ("n", lambda: api.step(0)),
    ("n", lambda: api.step(100_001)),
    ("n", lambda: api.train(1.5)),
    ("n", lambda: api.train("3")),
    ("seed", lambda: api.reset({"seed": -1})),
    ("seed", lambda: api.reset({"seed": 2**40})),
    ("config", lambda: api.reset({"layer": [2, 3, 1]})),
    ("optimizer.name", lambda: api.reset({"optimizer": {"name": "lbfgs"}})),
    ("optimizer.lr", lambda: api.reset({"optimizer": {"name": "sgd", "lr": 0}})),
    ("optimizer.momentum", lambda: api.reset({"optimizer": {"name": "momentum", "momentum": 1}})),
    ("optimizer.momentum", lambda: api.reset({"optimizer": {"name": "adam", "momentum": 0.9}})),
    ("optimizer", lambda: api.reset({"optimizer": {"learning_rate": 0.1}})),
    ("configure", lambda: api.configure({"layers": [2, 2, 1]})),
    ("optimizer.lr", lambda: api.configure({"optimizer": {"lr": -1}})),
    ("layer", lambda: api.explain(2, 0, 0)),
    ("to", lambda: api.explain(0, 3, 0)),
    ("frm", lambda: api.explain(0, 0, 2)),
    ("n_samples", lambda: data.circle(0)),
    ("noise", lambda: data.spiral(10, noise=-1)),
    ("name", lambda: data.logic("nand")),
]


@pytest.mark.parametrize(("field", "call"), BAD, ids=[f"{f}-{i}" for i, (f, _) in enumerate(BAD)])
def test_invalid_input_raises_value_error_naming_the_field(field, call, fresh_api):
    with pytest.raises(ValueError) as caught:
        call()
    message = str(caught.value)
    assert message.startswith(f"{field}:"), message
    assert len(message) > len(field) + 10


def test_unknown_names_list_the_allowed_ones():
    with pytest.raises(ValueError, match="relu.*leaky_relu.*tanh.*sigmoid.*linear"):
        Network([2, 3, 1], "gelu")


def test_a_rejected_configure_changes_nothing(fresh_api):
    before = api.reset({})
    with pytest.raises(ValueError):
        api.configure({"inputs": [0.3, 0.2], "optimizer": {"lr": 0.5}, "targets": ["x"]})
    assert api.state() == before


def test_a_rejected_reset_keeps_the_current_session(fresh_api):
    api.reset({"seed": 3})
    api.step(2)
    before = api.state()
    with pytest.raises(ValueError):
        api.reset({"layers": [2, 99, 1]})
    assert api.state() == before


def test_divergence_error_is_not_a_value_error():
    assert not issubclass(backprop.DivergenceError, ValueError)
