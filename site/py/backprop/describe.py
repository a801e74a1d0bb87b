"""describe(): what the engine offers, from the tables that define it (activations, losses,
optimizers and the names of their settings, data sets, field limits, defaults, presets), so the
page never keeps a copy.
"""
from .activations import ACTIVATIONS
from .config import DEFAULT_CONFIG, PRESETS
from .data import GENERATORS, generator_defaults
from .fields import RULES
from .frame import PROTOCOL
from .history import HISTORY_LIMIT
from .losses import LOSSES
from .optim import OPTIMIZERS
from .optim_settings import SETTINGS
from .training import MAX_STEPS

MAX_RUNS = 8


def choice(names):
    return {"kind": "choice", "choices": list(names)}


def describe():
    description = {
        "protocol": PROTOCOL,
        "fields": {**RULES, "hidden_activation": choice(ACTIVATIONS),
                   "output_activation": choice(ACTIVATIONS), "loss": choice(LOSSES),
                   "optimizer": choice(OPTIMIZERS),
                   "dataset": {**choice([*GENERATORS, "custom"]), "nullable": True}},
        "activations": {name: {"label": a.label, "word": a.word, "formula": a.formula,
                               "derivative": a.derivative, "can_die": a.can_die}
                        for name, a in ACTIVATIONS.items()},
        "losses": {name: {"label": loss.label, "formula": loss.formula,
                          "output_delta": loss.output_delta, "delta_note": loss.delta_note,
                          "needs_output": loss.needs_output,
                          "error_is_difference": loss.error_is_difference}
                   for name, loss in LOSSES.items()},
        "optimizers": {name: {"label": cls.label, "rule": cls.rule,
                              "settings": _settings(cls), "state": list(cls.state_columns)}
                       for name, cls in OPTIMIZERS.items()},
        "settings": SETTINGS,  # per setting, the numbers it holds: {"rule", "label", "title"}
        "datasets": _datasets(),
        "defaults": DEFAULT_CONFIG,
        "presets": PRESETS,
        "history_limit": HISTORY_LIMIT, "max_runs": MAX_RUNS, "steps_max": MAX_STEPS,
    }
    for name, cls in OPTIMIZERS.items():  # plain: Δw = −η·∂L/∂w exactly (the receipt works it out)
        description["optimizers"][name]["plain"] = cls.plain
    return _copy(description)


def _settings(cls):
    """The optimizer class's own default settings, as a config holds them."""
    settings = cls().config()
    del settings["name"]
    return settings


def _datasets():
    generated = {name: {"label": label, "inputs": 2, "outputs": 1, "takes_rows": False,
                        "defaults": generator_defaults(name)}
                 for name, (label, _) in GENERATORS.items()}
    custom = {"label": "Your own rows", "inputs": None, "outputs": None, "takes_rows": True,
              "defaults": {"seed": 0}}  # rows fit the layers; seed orders the batches
    return {**generated, "custom": custom}


def _copy(value):
    """A deep copy of nested dicts and lists, so callers cannot change the engine's tables."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
