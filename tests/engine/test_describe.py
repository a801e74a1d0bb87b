"""describe(): the engine's own account of what it offers, the limits it enforces, its
defaults and presets — checked against the behaviour and against independent references."""
import json

import pytest
from seed_demo import SPEC_WEIGHTS

from backprop import api
from backprop.activations import ACTIVATIONS
from backprop.fields import check_rule

FIELD_KEYS = {"inputs", "targets", "weights", "biases", "lr", "momentum", "alpha", "eps",
              "beta1", "beta2", "seed", "steps", "layers", "hidden_activation",
              "output_activation", "bias", "loss", "optimizer", "dataset", "dataset_n",
              "dataset_noise", "dataset_seed", "batch_size", "sample", "lr_decay",
              "initial_accumulator_value"}


def test_describe_is_constant_plain_json_and_lists_every_part():
    description = api.describe()
    assert json.loads(json.dumps(description, allow_nan=False)) == description == api.describe()
    assert description["protocol"] == 3 and set(description["fields"]) == FIELD_KEYS
    assert set(description["activations"]) == set(ACTIVATIONS)
    assert list(description["optimizers"]) == ["sgd", "momentum", "nesterov", "adagrad", "rmsprop",
                                                "adam"]
    assert set(description["datasets"]) == {"xor", "and", "or", "circle", "xor_quadrants",
                                            "gaussians", "spiral", "custom"}
    assert (description["history_limit"], description["max_runs"],
            description["steps_max"]) == (10_000, 8, 100_000)


def test_the_value_limits_are_those_of_the_protocol():
    fields = api.describe()["fields"]
    for key in ("inputs", "targets", "weights", "biases"):
        assert fields[key] == {"kind": "number", "min": -100, "max": 100}
    assert fields["lr"] == {"kind": "number", "min": 0, "min_exclusive": True, "max": 100}
    assert fields["seed"] == {"kind": "integer", "min": 0, "max": 4294967295}
    assert fields["layers"] == {"kind": "layers", "min_layers": 2, "max_layers": 10,
                                "min_size": 1, "max_size": 16}
    assert fields["hidden_activation"]["choices"] == list(ACTIVATIONS)


def edge(rule, side):
    """The limit itself and a number just past it."""
    limit = rule[side]
    step = 1e-9 * max(1.0, abs(limit))
    return limit, limit + step if side == "max" else limit - step


@pytest.mark.parametrize(("field", "config"), [
    ("inputs", lambda v: {"inputs": [v, 0.0]}), ("targets", lambda v: {"targets": [v]}),
    ("weights", lambda v: {"weights": [[[v, 0.0]] * 3, [[0.0] * 3]]}),
    ("lr", lambda v: {"optimizer": {"name": "sgd", "lr": v}}),
    ("momentum", lambda v: {"optimizer": {"name": "momentum", "momentum": v}}),
    ("eps", lambda v: {"optimizer": {"name": "adam", "eps": v}}),
    ("momentum", lambda v: {"optimizer": {"name": "nesterov", "momentum": v}}),
    ("eps", lambda v: {"optimizer": {"name": "adagrad", "eps": v}}),
    ("lr_decay", lambda v: {"optimizer": {"name": "adagrad", "lr_decay": v}}),
    ("initial_accumulator_value",
     lambda v: {"optimizer": {"name": "adagrad", "initial_accumulator_value": v}})])
def test_the_engine_enforces_exactly_the_limits_it_describes(field, config):
    rule = api.describe()["fields"][field]
    for side, exclusive in (("min", "min_exclusive"), ("max", "max_exclusive")):
        limit, past = edge(rule, side)
        if rule.get(exclusive):
            limit, past = (limit + 1e-9 if side == "min" else limit - 1e-9), limit
        api.create(config(limit))
        with pytest.raises(ValueError):
            api.create(config(past))
        api._registry.update(runs={}, created=0)


def test_optimizer_settings_are_the_torch_defaults():
    optimizers = api.describe()["optimizers"]
    assert optimizers["sgd"]["settings"] == {"lr": 0.001}
    assert optimizers["momentum"]["settings"] == {"lr": 0.001, "momentum": 0.9}
    assert optimizers["rmsprop"]["settings"] == {"lr": 0.01, "alpha": 0.99, "eps": 1e-8}
    assert optimizers["adam"]["settings"] == {"lr": 0.001, "betas": [0.9, 0.999], "eps": 1e-8}
    assert optimizers["nesterov"]["settings"] == {"lr": 0.001, "momentum": 0.9}
    assert optimizers["adagrad"]["settings"] == {"lr": 0.01, "lr_decay": 0.0,
                                                 "initial_accumulator_value": 0.0, "eps": 1e-10}
    assert optimizers["sgd"]["rule"] == "Δw = −η·∂L/∂w"


def test_every_optimizer_setting_is_named_with_one_field_rule_per_number_it_holds():
    description = api.describe()
    named = description["settings"]
    for name, optimizer in description["optimizers"].items():
        for key, default in optimizer["settings"].items():
            numbers = default if isinstance(default, list) else [default]
            assert len(named[key]) == len(numbers), (name, key)
            for part, value in zip(named[key], numbers, strict=True):
                rule = description["fields"][part["rule"]]
                assert part["label"] and part["title"] and rule["kind"] == "number"
                assert check_rule(value, key, rule) == value  # the default lies within its rule


def test_the_new_optimizers_keep_their_state_where_the_updates_table_finds_it():
    optimizers = api.describe()["optimizers"]
    assert [c["key"] for c in optimizers["nesterov"]["state"]] == ["velocity"]
    assert [(c["key"], c["label"]) for c in optimizers["adagrad"]["state"]] == [("sum", "s")]
    frame = api.step(api.create({"optimizer": {"name": "adagrad", "lr": 0.1}})["run"], 1)
    assert set(frame["optimizer_state"]) == {"name", "t", "sum"}


def test_adagrads_state_before_the_first_step_is_its_starting_sum():
    frame = api.create({"optimizer": {"name": "adagrad", "initial_accumulator_value": 0.5}})
    assert frame["optimizer_state"]["t"] == 0
    assert frame["optimizer_state"]["sum"]["weights"] == [[[0.5] * 2] * 3, [[0.5] * 3]]


def test_activation_entries_say_which_can_die():
    activations = api.describe()["activations"]
    assert activations["relu"] == {"label": "ReLU", "word": "ReLU", "formula": "max(0, z)",
                                   "derivative": "1 for z > 0, else 0", "can_die": True}
    assert [name for name, a in activations.items() if a["can_die"]] == ["relu"]
    assert activations["elu"] == {"label": "ELU", "word": "ELU",
                                  "formula": "z for z > 0, else e^z − 1",
                                  "derivative": "1 for z > 0, else e^z = a + 1", "can_die": False}
    assert activations["softplus"]["formula"] == "ln(1 + e^z), or z for z > 20"


def test_the_defaults_are_the_seed_demo_and_create_uses_them():
    defaults = api.describe()["defaults"]
    assert defaults["layers"] == [2, 3, 1] and defaults["weights"] is None
    assert defaults["optimizer"] == {"name": "sgd", "lr": 0.01}
    assert api.create(defaults)["config"] == api.create()["config"] == defaults


def test_the_spec_preset_reproduces_the_spec_numbers():
    preset = api.describe()["presets"]["spec"]
    assert preset["config"]["weights"] == SPEC_WEIGHTS
    frame = api.create(preset["config"])
    assert frame["loss"] == pytest.approx(1.6177, abs=1e-4)
    assert frame["prediction"][0] == pytest.approx(0.2013, abs=1e-4)
    assert frame["backward"]["delta"][-1][0][0] == pytest.approx(-1.7987, abs=1e-4)


def test_data_set_defaults_are_the_generators_own():
    datasets = api.describe()["datasets"]
    assert datasets["xor"]["defaults"] == {"n": 4, "noise": 0.0, "seed": 0}
    frame = api.create({"dataset": {"name": "spiral"}})
    assert frame["config"]["dataset"] == {"name": "spiral", **datasets["spiral"]["defaults"]}
    assert len(api.dataset("r1")["X"]) == datasets["spiral"]["defaults"]["n"]


def test_changing_the_description_cannot_change_the_engine():
    api.describe()["fields"]["lr"]["max"] = 1e9
    api.describe()["defaults"]["layers"].append(5)
    assert api.describe()["fields"]["lr"]["max"] == 100
    assert api.create()["config"]["layers"] == [2, 3, 1]
