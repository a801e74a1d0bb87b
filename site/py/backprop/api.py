"""The bridge: the only module JavaScript calls. It holds the one live Session and returns
plain JSON-able dicts (lists, Python floats/ints/strings/bools, None for null).

Functions (config and partial may be dicts or Pyodide JsProxy objects with .to_py()):

    reset(config)      -> state      start over; every config key optional (defaults = seed demo)
    configure(partial) -> state      change inputs / targets / optimizer / weights / biases, no step
    step(n=1)          -> state      n updates (1..100000); the last keeps a full record
    train(n)           -> {"losses": [loss after each of the n updates], "state": state}
    state()            -> state      (calls reset({}) first if nothing was reset yet)
    explain(layer, to, frm) -> chain-rule factors of dL/dW[layer][to][frm] (see explain.py)

config (all optional):
    {"layers": [2, 3, 1], "hidden_activation": "relu" (or one name per hidden layer),
     "output_activation": "linear", "bias": false, "loss": "half_squared_error", "seed": 0,
     "inputs": [1.0, 0.5], "targets": [2.0], "optimizer": {"name": "sgd", "lr": 0.01},
     "weights": null, "biases": null}
    activations: relu, leaky_relu, tanh, sigmoid, linear; losses: half_squared_error,
    binary_cross_entropy (sigmoid output only); optimizers: sgd {lr}, momentum {lr, momentum},
    rmsprop {lr, alpha, eps}, adam {lr, betas, eps}. weights given: used instead of the seeded draw.
    configure's "optimizer": a partial dict; changing lr or other settings keeps the optimizer's
    state, changing "name" starts a fresh one (keeping lr unless given).

state:
    {"config": the config in force (optimizer with all its settings; weights/biases = those given
               at reset or null),
     "inputs": [x, ...], "targets": [t, ...], "step": updates since reset,
     "weights": [(n_out, n_in) per layer], "biases": [(n_out,) per layer; zeros when bias=false],
     "forward": {"z": [per weight layer, [[..]] sample × neuron], "a": [per layer incl. input]},
     "backward": {"delta": like z, "dW": like weights, "db": like biases}  # what the next step uses
     "prediction": [y, ...], "loss": float,
     "dead": [[bool per neuron] per hidden layer]  # relu neuron with z <= 0 for every sample
     "history": [{"step", "loss", "prediction", "target", "lr", "delta_loss"}, ...]
               # step 0 first; delta_loss = loss after - loss before that step (null for step 0);
               # beyond 10000 rows every other row is dropped (step 0 and the latest stay)
     "last_step": the step record of the latest step() (see records.py) | null after reset/train,
     "optimizer_state": {"name", "t", per state vector ("velocity"; "v"; "m", "v"):
                         {"weights": [...], "biases": [...]}}}

Non-finite numbers are sent as null. Errors: ValueError("<field>: <what is allowed>") for bad
input, with nothing changed; backprop.DivergenceError when an update would diverge (the loss or
a parameter non-finite, or the loss rising past 1e12): that update is undone and not counted,
earlier updates of the same call are kept (state() shows them).
"""
from .chain_rule import explain as explain_weight
from .session import Session

_current = {"session": None}  # the one live Session: the only mutable module state in the engine


def _plain(value):
    return value.to_py() if hasattr(value, "to_py") else value


def _session():
    if _current["session"] is None:
        _current["session"] = Session({})
    return _current["session"]


def reset(config=None):
    session = Session(_plain(config) or {})  # built in full before it replaces the old one
    _current["session"] = session
    return session.state()


def configure(partial):
    return _session().configure(_plain(partial))


def step(n=1):
    return _session().step(_plain(n))


def train(n):
    return _session().train(_plain(n))


def state():
    return _session().state()


def explain(layer, to, frm):
    session = _session()
    return explain_weight(session.net, session.x, session.t, _plain(layer), _plain(to), _plain(frm))
