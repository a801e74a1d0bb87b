"""Time travel: seek(k) and snapshot(k) give exactly what a fresh run of k steps gives —
parameters, optimizer state, settings and the record of update k — also across events."""
import pytest
from seed_demo import rows

from backprop import api, checkpoints

OPTIMIZERS = [{"name": "sgd", "lr": 0.05}, {"name": "adam", "lr": 0.05},
              {"name": "momentum", "lr": 0.05}, {"name": "nesterov", "lr": 0.05},
              {"name": "adagrad", "lr": 0.05, "lr_decay": 0.1, "initial_accumulator_value": 0.2}]


def config(optimizer):
    return {"layers": [2, 4, 3, 1], "hidden_activation": "tanh", "bias": True, "seed": 3,
            "optimizer": optimizer}


def fresh(cfg, k, events=(), keep=False):
    """A new run's frame after k steps with `events` ((step, changes), ...) applied on the way;
    the run is dropped unless `keep`."""
    run = api.create(cfg)["run"]
    done = 0
    for at, changes in events:
        if at <= k:
            if at > done:
                api.step(run, at - done)
            done = at
            api.configure(run, changes)
    frame = api.step(run, k - done) if k > done else api.frame(run)
    if not keep:
        api.drop(run)
    return frame


@pytest.fixture(params=[False, True], ids=["default-checkpoints", "dense-thinned-checkpoints"])
def spacing(request, monkeypatch):
    if request.param:  # checkpoints every 7 steps, at most 3: the timeline thins while stepping
        monkeypatch.setattr(checkpoints, "CHECKPOINT_EVERY", 7)
        monkeypatch.setattr(checkpoints, "MAX_CHECKPOINTS", 3)


@pytest.mark.parametrize("optimizer", OPTIMIZERS, ids=lambda o: o["name"])
def test_seek_back_equals_a_fresh_run_of_that_many_steps(optimizer, spacing):
    api.create(config(optimizer))
    api.step("r1", 50)
    for k in (0, 1, 7, 20, 33, 49, 50):
        expected, then = fresh(config(optimizer), k), fresh(config(optimizer), k + 1)
        sought = api.seek("r1", k)
        assert sought["step"] == k
        assert sought["weights"] == expected["weights"]
        assert sought["biases"] == expected["biases"]
        assert sought["optimizer_state"] == expected["optimizer_state"]
        assert sought["last_step"] == expected["last_step"]
        assert sought["preview"] == expected["preview"]
        following = api.step("r1")
        assert following["step"] == k + 1 and following["last_step"]["step"] == k + 1
        assert following["weights"] == then["weights"]
        assert following["optimizer_state"] == then["optimizer_state"]
        api.step("r1", 50 - k - 1) if k < 49 else None


EVENTS = [(10, {"optimizer": {"lr": 0.01}, "targets": [0.5]}),
          (10, {"inputs": [-1.0, 2.0]}),
          (25, {"weights": [[[0.1, 0.2]] * 4, [[0.3] * 4] * 3, [[-0.2, 0.1, 0.4]]]}),
          (31, {"optimizer": {"name": "rmsprop"}})]


@pytest.mark.parametrize("optimizer", OPTIMIZERS, ids=lambda o: o["name"])
def test_seek_replays_events_exactly(optimizer, spacing):
    for k in (5, 10, 11, 24, 25, 26, 31, 32, 40):
        run = fresh(config(optimizer), 40, EVENTS, keep=True)["run"]
        expected = fresh(config(optimizer), k, EVENTS)
        sought = api.seek(run, k)
        assert sought["weights"] == expected["weights"]
        assert sought["optimizer_state"] == expected["optimizer_state"]
        assert sought["config"] == expected["config"]
        assert sought["last_step"] == expected["last_step"]
        after = api.step(run)
        assert rows(after)[-1] == rows(fresh(config(optimizer), k + 1, EVENTS))[-1]
        api.drop(run)


def test_seek_drops_later_rows_and_the_next_step_starts_a_new_branch():
    api.create()
    before = rows(api.step("r1", 30))
    frame = api.seek("r1", 12)
    assert rows(frame) == before[:13] and frame["history"]["length"] == 13
    branch = api.step("r1", 3, since={"revision": frame["history"]["revision"], "step": 12})
    assert [row["step"] for row in rows(branch)] == [13, 14, 15]
    assert rows(branch) == before[13:16]  # same settings: the new branch retraces the old one


def test_seek_to_a_thinned_step_puts_its_replayed_row_back(monkeypatch):
    from backprop import history
    monkeypatch.setattr(history, "HISTORY_LIMIT", 20)
    api.create()
    steps = [row["step"] for row in rows(api.step("r1", 41))]
    gone = next(k for k in range(1, 41) if k not in steps)
    expected = rows(api.step(api.create()["run"], gone))[-1]  # the latest row is always kept
    sought = api.seek("r1", gone)
    assert rows(sought)[-1] == expected and sought["step"] == gone


def test_snapshot_reads_a_past_step_without_changing_the_run():
    api.create({"optimizer": {"name": "adam", "lr": 0.02}})
    api.step("r1", 15)
    api.configure("r1", {"targets": [1.0]})
    before = api.step("r1", 10)
    past = api.snapshot("r1", 8)
    assert api.frame("r1") == before
    expected = api.seek("r1", 8)
    assert past == {key: expected[key] for key in
                    ("step", "weights", "biases", "optimizer_state", "loss", "prediction")}


def test_seek_to_the_current_step_changes_nothing():
    api.create({"optimizer": {"name": "momentum", "lr": 0.01}})
    before = api.step("r1", 9)
    assert api.seek("r1", 9) == before


def test_seek_to_zero_restores_the_start_and_clears_last_step():
    start = api.create({"seed": 4})
    api.step("r1", 5)
    frame = api.seek("r1", 0)
    assert frame["last_step"] is None and frame["weights"] == start["weights"]
    assert rows(frame) == rows(start)
