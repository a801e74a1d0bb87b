"""Helpers shared by the demo page's end-to-end tests: the spec's scenario, reading numbers as the
page prints them, and the engine run in CPython as the reference for every number checked."""

import backprop.api as api

SPEC_WEIGHTS = [[[-0.758, -0.448], [-0.270, 0.579], [0.835, -0.857]], [[-0.717, -0.204, 0.505]]]
SPEC_HASH = "x=1,0.5&t=2&lr=0.01&w=" + ",".join(
    str(w) for layer in SPEC_WEIGHTS for row in layer for w in row)


def number(text: str) -> float:
    """A number as the page shows it ("−0.758", "+0.0092", "3.2e−6") -> float."""
    return float(text.strip().replace("\u2212", "-").replace("+", ""))


def engine_run(config: dict, *actions) -> dict:
    """The engine's frame (CPython) after a run from `config` and a sequence of actions, each
    ("step", n), ("configure", changes) or ("seek", step); "history" holds every row."""
    frame = api.create(config)
    run = frame["run"]
    try:
        for name, arg in actions:
            if name == "step":
                frame = api.step(run, arg)
            elif name == "configure":
                frame = api.configure(run, arg)
            else:
                frame = api.seek(run, arg)
        return {**frame, "history": api.history(run)["rows"]}
    finally:
        api.drop(run)


def engine_after(steps: int, **config) -> dict:
    """The engine's frame (CPython) after `steps` steps from the spec scenario changed by config."""
    return engine_run({"weights": SPEC_WEIGHTS, **config}, *([("step", steps)] if steps else []))


def cell_texts(page, selector: str) -> list[list[str]]:
    """Texts of every row's cells (th and td) of the table rows matched by selector."""
    return page.eval_on_selector_all(
        selector, "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))")


def chart_geometry(page) -> dict:
    """The loss chart as the page's own loss-chart.js laid it out (the instance in the bundle):
    {count, ghostCount, eventXs, xs}."""
    return page.evaluate("""async () => {
      const { modules } = await import("./js/main.bundle.js");
      const box = document.getElementById("loss-chart");
      const g = modules["js/charts/loss-chart.js"].lossChartGeometry(box);
      return { count: g.count, ghostCount: g.ghostCount, eventXs: g.eventXs,
               xs: Array.from({ length: g.count }, (_, i) => g.point(i).x) };
    }""")
