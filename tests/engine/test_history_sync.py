"""A caller keeps its copy of the history in step with `since`: keep rows <= keep_through, drop
the rest, append `rows`. Following that recipe always rebuilds exactly the engine's history."""
from seed_demo import rows

from backprop import api, history


def since(frame, held):
    return {"revision": frame["history"]["revision"], "step": held[-1]["step"]}


def follow(held, frame):
    """The caller's side of the protocol."""
    part = frame["history"]
    return [row for row in held if row["step"] <= part["keep_through"]] + part["rows"]


def test_a_frame_after_twenty_thousand_steps_carries_only_the_new_rows():
    held = rows(api.create())
    frame = api.step("r1", 20_000, since=since(api.frame("r1"), held))
    held = follow(held, frame)
    assert frame["history"]["length"] <= history.HISTORY_LIMIT
    small = api.step("r1", 1, since=since(frame, held))
    assert small["history"]["rows"] == [api.history("r1", 20_001)["rows"][0]]
    assert small["history"]["keep_through"] == 20_000
    idle = api.frame("r1", since=since(small, follow(held, small)))
    assert idle["history"]["rows"] == [] and idle["history"]["keep_through"] == 20_001


def test_following_the_recipe_rebuilds_the_history_through_steps_seeks_thinning_and_resets(
        monkeypatch):
    monkeypatch.setattr(history, "HISTORY_LIMIT", 40)
    frame = api.create()
    held = rows(frame)
    calls = [lambda s: api.step("r1", 25, since=s), lambda s: api.seek("r1", 10, since=s),
             lambda s: api.step("r1", 3, since=s), lambda s: api.configure(
                 "r1", {"targets": [1.0]}, since=s), lambda s: api.step("r1", 60, since=s),
             lambda s: api.seek("r1", 70, since=s), lambda s: api.seek("r1", 31, since=s),
             lambda s: api.frame("r1", since=s), lambda s: api.reset("r1", {"seed": 2}, since=s),
             lambda s: api.step("r1", 5, since=s)]
    for call in calls:
        frame = call(since(frame, held))
        held = follow(held, frame)
        assert held == api.history("r1")["rows"]
        assert frame["history"]["length"] == len(held)


def test_a_caller_with_an_old_revision_gets_every_row_again_after_a_cut():
    api.create()
    first = api.step("r1", 20)
    api.seek("r1", 5)
    frame = api.step("r1", 2, since={"revision": first["history"]["revision"], "step": 20})
    assert frame["history"]["keep_through"] == 5
    assert [row["step"] for row in frame["history"]["rows"]] == [6, 7]


def test_thinning_and_reset_make_the_caller_take_every_row_again(monkeypatch):
    monkeypatch.setattr(history, "HISTORY_LIMIT", 30)
    api.create()
    frame = api.step("r1", 10)
    held = since(frame, rows(frame))
    thinned = api.step("r1", 25, since=held)
    assert thinned["history"]["keep_through"] == -1
    assert thinned["history"]["rows"] == api.history("r1")["rows"]
    reset = api.reset("r1", since=since(thinned, rows(thinned)))
    assert reset["history"]["keep_through"] == -1 and reset["step"] == 0
    assert reset["history"]["revision"] > thinned["history"]["revision"]


def test_an_unknown_or_future_revision_means_resend_everything():
    api.create()
    api.step("r1", 4)
    for bad in ({"revision": 99, "step": 4}, None):
        frame = api.frame("r1", since=bad)
        assert frame["history"]["keep_through"] == -1 and len(frame["history"]["rows"]) == 5


def test_history_returns_the_rows_in_a_step_range():
    api.create()
    api.step("r1", 12)
    assert [row["step"] for row in api.history("r1", 3, 7)["rows"]] == [3, 4, 5, 6]
    assert [row["step"] for row in api.history("r1", 10)["rows"]] == [10, 11, 12]
    assert api.history("r1", 13)["rows"] == []
