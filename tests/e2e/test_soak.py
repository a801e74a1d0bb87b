"""A long, messy session in the browser: 10,000 steps with setting changes and time travel in
between, as a class might leave a tab running. No console error (the fixture's guard), the page's
history is the engine's (the same calls replayed in CPython give the same rows and weights, to the
last bits of another numpy build), and the heap settles instead of growing with every step."""
import random

from demo_support import across_runtimes

import backprop.api as api

STEPS_TOTAL = 10_000


def session(seed: int):
    """A reproducible list of (call, args): mostly steps, some seeks back, some changes of lr and
    inputs, one change of optimizer, until STEPS_TOTAL steps have been taken."""
    rng = random.Random(seed)
    calls, taken, step = [], 0, 0
    while taken < STEPS_TOTAL:
        kind = rng.random()
        if kind < 0.6:
            n = min(rng.randint(1, 400), STEPS_TOTAL - taken)
            calls.append(("step", {"n": n}))
            taken, step = taken + n, step + n
        elif kind < 0.75 and step > 0:
            step = rng.randint(0, step)
            calls.append(("seek", {"step": step}))
        elif kind < 0.9:
            calls.append(("lr", {"lr": rng.choice([0.001, 0.005, 0.01, 0.03])}))
        elif kind < 0.97:
            calls.append(("inputs", {"inputs": [round(rng.uniform(-1, 1), 3), 0.5]}))
        else:
            calls.append(("optimizer", {"name": rng.choice(["momentum", "adam", "sgd"])}))
    return calls


PAGE_CALL = """async ([name, args]) => {
  const lab = window.backpropLab;
  if (name === "step") return (await lab.step(args.n)).step;
  if (name === "seek") return (await lab.seek(args.step)).step;
  if (name === "lr") return (await lab.setState({ lr: args.lr })).step;
  if (name === "inputs") return (await lab.setState({ inputs: args.inputs })).step;
  return (await lab.setState({ optimizer: { name: args.name, lr: lab.getState().lr } })).step;
}"""


def replay_in_cpython(calls, config):
    run = api.create(config)["run"]
    lr = config["optimizer"]["lr"]
    for name, args in calls:
        if name == "step":
            api.step(run, n=args["n"])
        elif name == "seek":
            api.seek(run, step=args["step"])
        elif name == "lr":
            lr = args["lr"]
            api.configure(run, {"optimizer": {"lr": lr}})
        elif name == "inputs":
            api.configure(run, {"inputs": args["inputs"]})
        else:
            api.configure(run, {"optimizer": {"name": args["name"], "lr": lr}})
    frame = api.frame(run)
    rows = api.history(run)["rows"]
    api.drop(run)
    return frame, rows


def js_heap(page, cdp) -> float:
    cdp.send("HeapProfiler.collectGarbage")
    return cdp.send("Runtime.getHeapUsage")["usedSize"]


def test_ten_thousand_steps_with_changes_and_time_travel_stay_the_engines_and_do_not_leak(lab):
    page = lab
    calls = session(seed=7)
    config = page.evaluate("window.backpropLab.getState().config")
    cdp = page.context.new_cdp_session(page)
    half = len(calls) // 2
    for call in calls[:half]:
        page.evaluate(PAGE_CALL, list(call))
    heap_half = js_heap(page, cdp)
    for call in calls[half:]:
        page.evaluate(PAGE_CALL, list(call))
    heap_end = js_heap(page, cdp)

    state = page.evaluate("window.backpropLab.getState()")
    frame, rows = replay_in_cpython(calls, config)
    assert state["step"] == frame["step"]
    assert state["weights"] == across_runtimes(frame["weights"])
    shown = page.evaluate("window.backpropLab.getState().history")
    assert [r["step"] for r in shown] == [r["step"] for r in rows]
    assert [r["loss"] for r in shown] == across_runtimes([r["loss"] for r in rows])
    assert page.locator("#step-count").inner_text() == str(frame["step"])
    # The page holds at most the engine's history limit of rows: the heap of the second half
    # stays within a few MB of the first half's (noise, not a per-step leak).
    assert heap_end < heap_half + 8e6, (heap_half, heap_end)
    memory = page.evaluate("window.backpropLab.memory()")
    assert memory["runs"] == 1
