"""The bridge (run protocol 3): the only module JavaScript calls, through dispatch(). It keeps
the runs and returns plain JSON-able values. Full detail: docs/ARCHITECTURE.md.

dispatch(name, args_json) -> JSON text {"ok": true, "value": ...} or {"ok": false, "type",
    "message", "frame"}; args_json is a JSON object of keyword arguments. type: "ValueError"
    (bad input, nothing changed), "DivergenceError" (frame = the run after the updates kept),
    "AttributeError" (unknown function), "InternalError" (a bug; no traceback). Never raises.
dispatch_wire(name, args_json) -> (JSON text, bytes | None): the same answer with numpy arrays
    and long nested lists of numbers as placeholders into one buffer (wire.py): what the page
    calls, so bulk numbers (maps, rows, parameters) never cross as decimal text.

describe() -> {"protocol": 3, "fields": {name: rule}, "activations", "losses", "optimizers"
    ({name: {"label", "rule", "settings": defaults, "state": columns}}), "settings" ({setting:
    [per number it holds: {"rule", "label", "title"}]}), "datasets", "defaults", "presets",
    "history_limit", "max_runs", "steps_max"}
create(config=None, since=None) -> frame of a new run "r1", "r2", ... (at most 8 at once;
    ids are not reused; its frame carries every row, whatever `since` says)
drop(run) -> {"dropped": run};  runs() -> {"runs": [ids]}
reset(run, config=None, since=None) -> frame: the run starts over with that config
configure(run, changes, since=None) -> frame: an event (inputs, targets, optimizer (partial),
    weights, biases, sample) at the current step; no update
step(run, n=1, since=None) -> frame after n updates (1..100000)
seek(run, step, since=None) -> frame just before update step + 1 (exact; later steps dropped)
frame(run, since=None) -> frame;  history(run, start=0, stop=None) -> {"rows": [...]}
snapshot(run, step) -> {"step", "weights", "biases", "optimizer_state", "loss", "prediction"}
explain(run, layer, to, frm) -> {"name", "kind", "factors" [{"name", "label", "value"}] and
    "product" for the drawn sample's own loss, "n", "products" (each row of the next batch),
    "dW" (their mean: what the update uses), "zero_factors", "reasons", "error_is_difference"
    (dLᵢ/dŷ = ŷ − t), "slope_is_one" (a linear layer)} (chain_rule.py)
dataset(run) -> {"X": [[...]], "T": [[...]]}: the run's rows (a frame holds none of them)
rows(run, start=0, stop=None) -> {"start", "stop", "count", "X", "T", "prediction", "loss"
    (each row's own), "z", "a" (per layer)}: data rows start..stop-1 at the current parameters,
    numpy float64 arrays (row_values.py)
step_rows(run, start=0, stop=None) -> {"step", "start", "stop", "count", "X", "T", "z", "a",
    "delta"}: the latest update's values on rows start..stop-1 of its batch
memory() -> {"objects" (Python objects tracked by gc, after a collection), "runs", "rows" (history
    rows held, all runs)}: for the benchmark's leak check (bench/perf.py)
surface(run, resolution=48, node_resolution=32, extent=None) -> {"extent": [x_min, x_max, y_min,
    y_max], "resolution", "node_resolution", "output": (outputs, r, r), "hidden": [per hidden
    layer: (neurons, r, r)]}: float32 grids of a 2-input network's output and hidden activations
    over the input plane (default extent: around the run's rows), row 0 at y_max (surface.py)
gradient_check(run, eps=1e-6) -> {"analytic", "numeric", "relative_error" (each {"weights",
    "biases"}), "max_relative_error", "max_abs_error"}: central differences on the next batch

config: {"layers", "hidden_activation", "output_activation", "bias", "loss", "seed", "inputs",
    "targets", "dataset": null | {"name", "n", "noise", "seed"} | {"name": "custom", "rows":
    {"X", "T"}, "seed"} (in a frame's config: {"name": "custom", "n", "seed"}), "batch_size",
    "sample", "optimizer": {"name", "lr", ...},
    "weights", "biases"}; every key optional (describe()["defaults"]). The batch order is
    seeded and a pure function of the step number (batches.py).
frame: {"run", "protocol", "config" (in force), "step", "epoch", "inputs", "targets" (shown
    sample), "weights", "biases", "forward": {"z", "a"} (shown sample), "backward": {"delta"
    (shown sample), "dW", "db" (next batch)}, "prediction", "loss" (next batch), "data_loss"
    (every row), "dead" (over every row), "activations" (one name per weight layer), "batch"
    (null without a data set, else {"rows", "batch_size", "per_epoch", "position"}: the next
    update's place in its epoch, batches.py), "optimizer_state": {"name", "t", a vector per
    state name and per column of the updates table (Adam's "step": m̂ / (√ŝ + ε))},
    "preview": {"update_W", "update_b", "loss_after", "diverges", "moves"}, "stability": {"lr",
    "lr_max" (2 / ‖∂ŷ/∂θ‖², or null where its maths does not hold), "lr_max_kind", "status",
    "reason"} (stability.py), "notes": {"inactive", "step"} (sentences or null, notes.py),
    "last_step": {"step", "rows", "loss_before", "loss_after", "dW", "db", "update_W",
    "update_b", "weights_before", "weights_after", "biases_before", "biases_after", "dead",
    "nonfinite", "lr"} | null (its rows' values: step_rows), "history": {"revision",
    "keep_through", "rows", "length"}}
since = {"revision", "step"} the caller holds: keep rows with step <= keep_through, drop the
    rest, append rows. Row: {"step", "loss", "loss_before", "delta_loss", "prediction",
    "target", "inputs", "lr", "changes"} (in that order: the CSV's columns). Non-finite numbers
    are null.
"""
import gc
import json

from . import wire
from .chain_rule import explain as explain_weight
from .describe import MAX_RUNS
from .describe import describe as describe_engine
from .errors import DivergenceError
from .frame import build_frame, coasting_update, read_snapshot
from .gradcheck import gradient_check as check_gradients
from .row_values import rows_at, rows_of_last_step
from .run import Run
from .surface import surface as surface_of
from .validate import check_int

_registry = {"runs": {}, "created": 0}  # the only mutable module state in the engine
PROTOCOL_FUNCTIONS = ("describe", "create", "drop", "runs", "reset", "configure", "step", "seek",
                      "frame", "history", "snapshot", "explain", "dataset", "rows", "step_rows",
                      "gradient_check", "memory", "surface")


def _run(run, since=None):
    """The run with that id; `since` is checked too, so a bad one fails before any change."""
    runs = _registry["runs"]
    if not isinstance(run, str) or run not in runs:
        raise ValueError(f"run: no run {run!r}; create one first")
    runs[run].history.keep_through(since)
    return runs[run]


def describe():
    return describe_engine()


def create(config=None, since=None):
    runs = _registry["runs"]
    if len(runs) >= MAX_RUNS:
        raise ValueError(f"run: at most {MAX_RUNS} runs at once; drop one first")
    run = Run({} if config is None else config, f"r{_registry['created'] + 1}")
    _registry["created"] += 1
    runs[run.id] = run
    return build_frame(run, None)  # a new run: the caller holds none of its rows


def drop(run):
    del _registry["runs"][_run(run).id]
    return {"dropped": run}


def runs():
    return {"runs": list(_registry["runs"])}


def reset(run, config=None, since=None):
    old = _run(run, since)
    new = Run({} if config is None else config, old.id, old.history.revision + 1)
    _registry["runs"][old.id] = new
    return build_frame(new, since)


def configure(run, changes, since=None):
    current = _run(run, since)
    current.configure(changes)
    return build_frame(current, since)


def step(run, n=1, since=None):
    current = _run(run, since)
    try:
        current.step(n)
    except DivergenceError as error:
        error.frame = build_frame(current, since)
        raise
    return build_frame(current, since)


def seek(run, step, since=None):
    current = _run(run, since)
    current.seek(step)
    return build_frame(current, since)


def frame(run, since=None):
    return build_frame(_run(run), since)


def history(run, start=0, stop=None):
    rows = _run(run).history
    start = check_int(start, "start", 0, 2**53)
    stop = None if stop is None else check_int(stop, "stop", 0, 2**53)
    return {"rows": rows.between(start, stop)}


def snapshot(run, step):
    return _run(run).snapshot(step, read_snapshot)


def explain(run, layer, to, frm):
    current = _run(run)
    X, T = current.data.batch(current.net.steps + 1)
    net = current.net
    layer = check_int(layer, "layer", 0, len(net.layers) - 2)
    to = check_int(to, "to", 0, net.layers[layer + 1] - 1)
    coasting = coasting_update(net, current.opt)[0][layer][to]  # its incoming weights, g = 0
    return explain_weight(net, X, T, layer, to, frm, fixed_example=current.data.size == 1,
                          sample=current.data.sample(current.sample),
                          incoming_moves=bool(coasting.any()))


def gradient_check(run, eps=1e-6):
    """Backprop's gradient of the next batch beside central differences, every parameter."""
    current = _run(run)
    X, T = current.data.batch(current.net.steps + 1)
    return check_gradients(current.net, X, T, eps)


def dataset(run):
    data = _run(run).data
    return {"X": data.X.tolist(), "T": data.T.tolist()}


def rows(run, start=0, stop=None):
    """Every row's values at the current parameters, for rows start..stop - 1 of the data set
    (numpy arrays: typed arrays in the page, lists through dispatch)."""
    return rows_at(_run(run), start, stop)


def step_rows(run, start=0, stop=None):
    """The last update's values for rows start..stop - 1 of its batch (what it trained on)."""
    return rows_of_last_step(_run(run), start, stop)


def memory():
    gc.collect()
    runs = _registry["runs"].values()
    return {"objects": len(gc.get_objects()), "runs": len(runs),
            "rows": sum(len(run.history.rows) for run in runs)}


def surface(run, resolution=48, node_resolution=32, extent=None):
    """The network's output and hidden activations over the input plane (2-input networks)."""
    current = _run(run)
    return surface_of(current.net, current.data.X, resolution, node_resolution, extent)


def dispatch(name, args_json):
    """JSON text of {"ok": true, "value"} or {"ok": false, "type", "message", "frame"}; numpy
    arrays in a result as nested lists."""
    try:
        return wire.dumps(_call(name, args_json))
    except Exception as error:  # e.g. a result json refuses: a bug, reported as data
        return json.dumps(_failure("InternalError", f"{type(error).__name__}: {error}"))


def dispatch_wire(name, args_json):
    """(JSON text, bytes or None): dispatch's answer with its numpy arrays as placeholders into
    one buffer (wire.py) — what the page calls, so bulk numbers never become decimal text."""
    try:
        return wire.encode(_call(name, args_json))
    except Exception as error:
        return json.dumps(_failure("InternalError", f"{type(error).__name__}: {error}")), None


def _call(name, args_json):
    if name not in PROTOCOL_FUNCTIONS:
        return _failure("AttributeError", f"backprop.api has no {str(name)[:40]!r}")
    try:
        args = json.loads(args_json)
    except (TypeError, ValueError) as error:
        return _failure("ValueError", f"args: must be JSON text of an object ({error})")
    if not isinstance(args, dict):
        return _failure("ValueError", "args: must be a JSON object of keyword arguments")
    function = globals()[name]
    try:
        return {"ok": True, "value": function(**args)}
    except TypeError as error:
        if _binds(function, args):
            return _failure("InternalError", f"TypeError: {error}")
        return _failure("ValueError", f"args: {error}")
    except (ValueError, DivergenceError) as error:
        return _failure(type(error).__name__, str(error), getattr(error, "frame", None))
    except Exception as error:
        return _failure("InternalError", f"{type(error).__name__}: {error}")


def _binds(function, args):
    """True when args are valid keyword arguments of function (so a TypeError is a bug)."""
    code = function.__code__
    names = code.co_varnames[:code.co_argcount]
    required = names[:len(names) - len(function.__defaults__ or ())]
    return set(args) <= set(names) and set(required) <= set(args)


def _failure(kind, message, frame=None):
    return {"ok": False, "type": kind, "message": message[:500], "frame": frame}
