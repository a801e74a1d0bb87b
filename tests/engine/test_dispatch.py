"""dispatch(): the JSON-text door JavaScript uses; it answers every call with data, never raises."""
import json

import pytest
from seed_demo import SPEC_WEIGHTS

from backprop import api


def call(name, **args):
    return json.loads(api.dispatch(name, json.dumps(args)))


def test_a_call_returns_ok_and_the_value_as_json_text():
    text = api.dispatch("create", json.dumps({"config": {"seed": 3}}))
    assert isinstance(text, str)
    result = json.loads(text)
    assert result["ok"] is True and result["value"]["config"]["seed"] == 3
    assert call("step", run="r1", n=2)["value"]["step"] == 2  # JSON args arrive as Python values


def test_bad_input_is_a_value_error_without_a_frame():
    call("create")
    result = call("step", run="r1", n=0)
    assert result == {"ok": False, "type": "ValueError", "frame": None,
                      "message": result["message"]}
    assert result["message"].startswith("n: must be an integer in [1, 100000]")
    assert call("frame", run="r7")["message"] == "run: no run 'r7'; create one first"


@pytest.mark.parametrize("name", ["_call", "_registry", "json", "Run", "nope", "dispatch", ""])
def test_unknown_or_private_names_are_attribute_errors(name):
    result = call(name)
    assert result["ok"] is False and result["type"] == "AttributeError"


def test_arguments_that_do_not_fit_the_function_are_value_errors():
    call("create")
    for args in ('{"run": "r1", "steps": 3}', "[1, 2]", "not json", '{"since": null}'):
        result = json.loads(api.dispatch("step", args))
        assert result["type"] == "ValueError" and result["message"].startswith("args:"), args


def test_a_divergence_carries_the_frame_after_the_updates_it_kept():
    call("create", config={"layers": [1, 1], "inputs": [1.0], "targets": [2.0],
                           "optimizer": {"name": "sgd", "lr": 2.5}})
    result = call("step", run="r1", n=1000)
    assert result["ok"] is False and result["type"] == "DivergenceError"
    assert "diverged" in result["message"] and "Traceback" not in result["message"]
    frame = result["frame"]
    assert 20 < frame["step"] < 100 and frame == call("frame", run="r1")["value"]


def test_a_divergence_on_the_first_update_carries_the_unchanged_frame():
    call("create", config={"weights": SPEC_WEIGHTS, "inputs": [100, 50],
                           "optimizer": {"name": "sgd", "lr": 10}})
    before = call("frame", run="r1")["value"]
    result = call("step", run="r1", n=5)
    assert result["type"] == "DivergenceError" and result["frame"] == before


def test_an_unexpected_exception_is_an_internal_error_without_a_traceback(monkeypatch):
    def broken(run, since=None):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(api, "frame", broken)
    result = call("frame", run="r1")
    assert result == {"ok": False, "type": "InternalError", "frame": None,
                      "message": "ZeroDivisionError: division by zero"}


def test_dispatch_never_raises_even_for_odd_arguments():
    for name, args in ((None, "{}"), ("step", None), ("step", b"\xff"), (["x"], "{}")):
        result = json.loads(api.dispatch(name, args))
        assert result["ok"] is False
