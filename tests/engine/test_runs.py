"""The registry of runs: ids, the limit of 8, drop, reset in place, independence."""
import pytest

from backprop import api


def test_runs_get_increasing_ids_that_are_not_reused():
    assert [api.create()["run"] for _ in range(3)] == ["r1", "r2", "r3"]
    assert api.drop("r2") == {"dropped": "r2"}
    assert api.runs() == {"runs": ["r1", "r3"]}
    assert api.create()["run"] == "r4"


def test_at_most_eight_runs_exist_at_once():
    for _ in range(8):
        api.create()
    with pytest.raises(ValueError, match="run: at most 8 runs at once; drop one first"):
        api.create()
    api.drop("r1")
    assert api.create()["run"] == "r9"


def test_a_dropped_run_is_unknown():
    api.create()
    api.drop("r1")
    with pytest.raises(ValueError, match="run: no run 'r1'; create one first"):
        api.step("r1")


def test_reset_starts_the_same_run_over_with_a_new_config():
    api.create()
    api.step("r1", 5)
    frame = api.reset("r1", {"seed": 7})
    assert frame["run"] == "r1" and frame["step"] == 0 and frame["config"]["seed"] == 7
    assert frame["weights"] == api.create({"seed": 7})["weights"]
    assert api.runs() == {"runs": ["r1", "r2"]}


def test_runs_do_not_affect_each_other():
    api.create({"optimizer": {"name": "adam", "lr": 0.05}})
    api.create({"optimizer": {"name": "adam", "lr": 0.05}})
    api.step("r2", 7)
    api.configure("r2", {"targets": [0.0]})
    alone = api.step("r1", 4)
    api.drop("r2")
    assert alone == api.step(api.create({"optimizer": {"name": "adam", "lr": 0.05}})["run"], 4) | {
        "run": "r1"}
