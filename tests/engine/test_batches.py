"""Runs on data sets: the documented seeded batch order, replayed exactly by seek, and the
frame's batch loss, data loss and shown sample."""
import numpy as np
import pytest

from backprop import Network, api
from backprop.batches import Data

MINI = {"dataset": {"name": "circle", "n": 10, "seed": 4}, "batch_size": 3,
        "optimizer": {"name": "adam", "lr": 0.05}, "bias": True}


def documented_batch(step, n, batch_size, seed):
    """The order as api.py / protocol v2 words it, written out independently."""
    per_epoch = -(-n // batch_size)
    epoch = (step - 1) // per_epoch
    order = np.random.default_rng([seed, epoch]).permutation(n)
    start = ((step - 1) % per_epoch) * batch_size
    return order[start:start + batch_size].tolist()


def test_the_batch_of_each_update_follows_the_documented_order():
    data = Data(np.zeros((10, 2)), np.zeros((10, 1)), batch_size=3, seed=4, is_dataset=True)
    batches = [data.indices(s).tolist() for s in range(1, 13)]
    assert batches == [documented_batch(s, 10, 3, 4) for s in range(1, 13)]
    assert [len(b) for b in batches[:4]] == [3, 3, 3, 1]
    for epoch in range(3):  # every row once per epoch
        assert sorted(sum(batches[4 * epoch:4 * epoch + 4], [])) == list(range(10))


def test_the_batch_order_is_a_pure_function_of_the_step_number():
    ordered = Data(np.zeros((10, 2)), np.zeros((10, 1)), batch_size=4, seed=9, is_dataset=True)
    scrambled = Data(np.zeros((10, 2)), np.zeros((10, 1)), batch_size=4, seed=9, is_dataset=True)
    steps = [7, 1, 30, 2, 7, 15, 3]
    expected = {s: ordered.indices(s).tolist() for s in sorted(steps)}
    assert [scrambled.indices(s).tolist() for s in steps] == [expected[s] for s in steps]


def test_each_update_of_a_run_trains_on_its_documented_batch():
    api.create(MINI)
    X = np.array(api.dataset("r1")["X"])
    for s in range(1, 9):
        api.step("r1")
        assert api.step_rows("r1")["X"].tolist() == X[documented_batch(s, 10, 3, 4)].tolist()


def test_seek_replays_the_same_batches():
    api.create(MINI)
    originals = [api.step("r1")["last_step"] for _ in range(12)]
    api.seek("r1", 5)
    replayed = [api.step("r1")["last_step"] for _ in range(7)]
    assert replayed == originals[5:]
    assert api.seek("r1", 9)["last_step"] == originals[8]


def test_the_frame_shows_the_next_batch_loss_the_data_loss_and_one_sample():
    api.create({**MINI, "sample": 7})
    frame = api.step("r1", 5)
    data = api.dataset("r1")
    X, T = np.array(data["X"]), np.array(data["T"])
    net = Network([2, 3, 1], bias=True)
    net.set_params(frame["weights"], frame["biases"])
    batch = documented_batch(6, 10, 3, 4)
    assert frame["loss"] == pytest.approx(net.loss(X[batch], T[batch]), rel=1e-14)
    assert frame["data_loss"] == pytest.approx(net.loss(X, T), rel=1e-14)
    assert frame["inputs"] == X[7].tolist() and frame["targets"] == T[7].tolist()
    assert frame["prediction"] == pytest.approx(net.forward(X[7]).tolist(), rel=1e-14)
    assert frame["epoch"] == 1  # 4 batches per epoch
    assert api.history("r1")["rows"][-1]["inputs"] == X[7].tolist()


def test_without_a_batch_size_every_update_trains_on_the_whole_set_in_order():
    api.create({"dataset": {"name": "xor"}, "optimizer": {"name": "sgd", "lr": 0.5}})
    frame = api.step("r1", 3)
    assert frame["loss"] == frame["data_loss"] and frame["epoch"] == 3
    assert api.step_rows("r1")["X"].tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert frame["config"]["inputs"] is None and frame["config"]["targets"] is None


def test_custom_rows_are_the_data_set_and_a_sigmoid_cross_entropy_run_learns_them():
    rows = {"X": [[0.0, 0.0, 1.0], [1.0, 1.0, 0.0], [0.5, 0.0, 0.0]], "T": [[0.0], [1.0], [1.0]]}
    frame = api.create({"layers": [3, 4, 1], "output_activation": "sigmoid",
                        "loss": "binary_cross_entropy", "dataset": {"name": "custom", "rows": rows},
                        "optimizer": {"name": "adam", "lr": 0.1}, "batch_size": 2})
    assert api.dataset("r1") == rows
    assert frame["config"]["dataset"] == {"name": "custom", "n": 3, "seed": 0}  # rows: dataset()
    assert api.step("r1", 300)["data_loss"] < frame["data_loss"] / 4
