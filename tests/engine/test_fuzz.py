"""Random experiments driven through the bridge as the page drives it (dispatch, JSON text): random
architectures, activations, biases, losses, optimizers, data sets and batch sizes, then random
sequences of step, seek, configure, reset and frame, with wild values mixed in. Every reply is
either a valid frame or a documented ValueError / DivergenceError; never another exception, never
a non-finite number in the JSON. Where the numbers are finite and the functions smooth, backprop's
gradient matches central differences."""
import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backprop import api

ACTIVATIONS = ["relu", "leaky_relu", "tanh", "sigmoid", "elu", "softplus", "linear"]
SMOOTH = {"tanh", "sigmoid", "elu", "softplus", "linear"}
DATASETS = ["xor", "and", "or", "circle", "xor_quadrants", "gaussians", "spiral"]
WILD = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.just(1e309),
                 st.text(max_size=3), st.none(), st.integers(-10**12, 10**12))


@st.composite
def configs(draw):
    dataset = draw(st.one_of(st.none(), st.sampled_from(DATASETS)))
    inputs = 2 if dataset else draw(st.integers(1, 4))
    outputs = 1 if dataset else draw(st.integers(1, 2))
    hidden = draw(st.lists(st.integers(1, 6), max_size=3))
    loss = draw(st.sampled_from(["half_squared_error", "binary_cross_entropy"]))
    output = "sigmoid" if loss == "binary_cross_entropy" else draw(st.sampled_from(ACTIVATIONS))
    name = draw(st.sampled_from(["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]))
    optimizer = {"name": name, "lr": draw(st.sampled_from([1e-4, 0.01, 0.1, 1.0, 10.0, 100.0]))}
    config = {
        "layers": [inputs, *hidden, outputs],
        "hidden_activation": [draw(st.sampled_from(ACTIVATIONS)) for _ in hidden],
        "output_activation": output, "bias": draw(st.booleans()), "loss": loss,
        "seed": draw(st.integers(0, 2**32 - 1)), "optimizer": optimizer,
    }
    if dataset:
        config["dataset"] = {"name": dataset, "n": draw(st.integers(1, 40)),
                             "noise": draw(st.floats(0, 1)), "seed": draw(st.integers(0, 99))}
        config["batch_size"] = draw(st.one_of(st.none(), st.integers(1, 50)))
    else:
        low, high = (0, 1) if loss == "binary_cross_entropy" else (-5, 5)
        config["inputs"] = draw(st.lists(st.floats(-5, 5), min_size=inputs, max_size=inputs))
        config["targets"] = draw(st.lists(st.floats(low, high), min_size=outputs, max_size=outputs))
    return config


def mostly(good):
    """Usually a value the page would send, sometimes a wild one."""
    return st.one_of(good, good, good, WILD)


def operations():
    step = st.builds(lambda n: ("step", {"n": n}), mostly(st.integers(1, 30)))
    seek = st.builds(lambda k: ("seek", {"step": k}), mostly(st.integers(0, 60)))
    lr = st.builds(lambda v: ("configure", {"changes": {"optimizer": {"lr": v}}}),
                   mostly(st.sampled_from([1e-3, 0.5, 50.0, 100.0])))
    inputs = st.builds(lambda v: ("configure", {"changes": {"inputs": v}}),
                       mostly(st.lists(st.floats(-3, 3), min_size=1, max_size=4)))
    sample = st.builds(lambda v: ("configure", {"changes": {"sample": v}}),
                       mostly(st.integers(0, 50)))
    other = st.sampled_from([("frame", {}), ("gradient_check", {}), ("explain", {
        "layer": 0, "to": 0, "frm": 0})])
    return st.lists(st.one_of(step, step, seek, lr, inputs, sample, other), min_size=1,
                    max_size=15)


def call(name, **args):
    reply = json.loads(api.dispatch(name, json.dumps(args, allow_nan=True)))
    assert reply["ok"] or reply["type"] in ("ValueError", "DivergenceError"), reply
    if not reply["ok"]:
        assert "Traceback" not in reply["message"] and reply["message"]
    return reply


def finite_json(value):
    """Every number in the reply is finite (the bridge writes null for the others)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(finite_json(v) for v in value.values())
    if isinstance(value, list):
        return all(finite_json(v) for v in value)
    return True


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(configs(), operations())
def test_any_sequence_of_calls_gives_a_frame_or_a_documented_error(config, ops):
    created = call("create", config=config)
    if not created["ok"]:  # e.g. a data set that does not fit: said in words, nothing created
        assert created["type"] == "ValueError"
        return
    run = created["value"]["run"]
    for name, args in ops:
        reply = call(name, run=run, **args)
        assert finite_json(reply)
        if reply["ok"] and name in ("step", "seek", "configure", "frame"):
            frame = reply["value"]
            assert frame["run"] == run and frame["step"] >= 0
            assert len(frame["weights"]) == len(config["layers"]) - 1
    call("drop", run=run)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(configs(), st.integers(0, 20))
def test_where_the_numbers_are_finite_and_smooth_gradients_match_central_differences(config,
                                                                                     steps):
    names = [*config["hidden_activation"], config["output_activation"]]
    config["optimizer"]["lr"] = 0.01
    created = call("create", config=config)
    if not created["ok"] or not set(names) <= SMOOTH:
        return
    run = created["value"]["run"]
    if steps:
        call("step", run=run, n=steps)
    check = call("gradient_check", run=run)
    if check["ok"] and math.isfinite(check["value"]["max_abs_error"]):
        analytic = check["value"]["analytic"]["weights"]
        scale = max([1.0] + [abs(g) for layer in analytic for row in layer for g in row])
        assert check["value"]["max_abs_error"] <= 1e-5 * scale
    call("drop", run=run)
