"""api.memory(): what the benchmark reads to show that a long run does not leak Python objects."""
from backprop import api


def test_memory_counts_the_runs_and_the_history_rows_they_hold():
    before = api.memory()
    run = api.create({})["run"]
    api.step(run, n=9)
    during = api.memory()
    assert during["runs"] == before["runs"] + 1
    assert during["rows"] == before["rows"] + 10  # step 0 and nine updates
    api.drop(run)
    assert api.memory()["rows"] == before["rows"]


def test_python_objects_stop_growing_once_the_history_is_thinned():
    run = api.create({})["run"]
    limit = api.describe()["history_limit"]
    api.step(run, n=limit)
    at_limit = api.memory()["objects"]
    for _ in range(4):
        api.step(run, n=limit // 4)
    later = api.memory()["objects"]
    api.drop(run)
    # The thinned history holds at most `limit` rows whatever the run's length: no leak per step.
    assert later <= at_limit * 1.02
