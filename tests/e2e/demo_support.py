"""Helpers shared by the demo page's end-to-end tests: the spec's scenario, reading numbers as the
page prints them, the engine run in CPython as the reference for every number checked, and the
tolerance between the page's numbers (Pyodide's numpy, wasm) and CPython's numpy, and opening
the Network settings card."""

import pytest
from playwright.sync_api import expect

import backprop.api as api

SPEC_WEIGHTS = [[[-0.758, -0.448], [-0.270, 0.579], [0.835, -0.857]], [[-0.717, -0.204, 0.505]]]
SPEC_HASH = "x=1,0.5&t=2&lr=0.01&w=" + ",".join(
    str(w) for layer in SPEC_WEIGHTS for row in layer for w in row)


def number(text: str) -> float:
    """A number as the page shows it ("−0.758", "+0.0092", "3.2e−6") -> float."""
    return float(text.strip().replace("\u2212", "-").replace("+", ""))


# Two numpy builds may sum, or round an exp or a cosine, in another order: the same run agrees to
# the last bit or two, so a comparison across runtimes allows this much; within one runtime
# (a seek and a fresh run in the page, say) the numbers are compared exactly.
ACROSS_RUNTIMES_REL = 1e-12


def across_runtimes(expected):
    """`expected` (CPython's numbers: a float or nested lists and dicts of them) as a value that
    equals the page's when every number agrees to ACROSS_RUNTIMES_REL relative to the largest
    number in `expected` (itself, for one number), and the rest (keys, lengths, strings, None,
    booleans) exactly: `assert page == across_runtimes(cpython)`.

    Relative to the largest, not to each: a loss that has fallen to 1e-13 is the square of a
    prediction's small distance to its target, so it carries that prediction's last-bit error
    (a relative 1e-9 on the loss itself), while a weight or a loss of the same run, compared with
    the run's own scale, never differs by more than a few 1e-16."""
    return AcrossRuntimes(expected)


class AcrossRuntimes:
    def __init__(self, expected):
        self.expected = expected
        self.tolerance = ACROSS_RUNTIMES_REL * max(map(abs, numbers_in(expected)), default=0)
        self.difference = None

    def __eq__(self, actual):
        self.difference = first_difference(actual, self.expected, self.tolerance, "")
        return self.difference is None

    __hash__ = None

    def __repr__(self):
        where = f"; first difference {self.difference}" if self.difference else ""
        return f"{self.expected!r} (each to within {self.tolerance:.3g}{where})"


def numbers_in(value):
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return [n for item in value for n in numbers_in(item)]
    return [value] if is_number(value) else []


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def first_difference(actual, expected, tolerance: float, path: str) -> str | None:
    """Where `actual` differs from `expected` beyond the tolerance ("at [1][0]: a != b") or None."""
    here = path or "the top"
    if isinstance(expected, dict | list | tuple):
        if type(actual) is not type(expected) or len(actual) != len(expected):
            return f"at {here}: {actual!r} != {expected!r}"
        if isinstance(expected, dict):
            if actual.keys() != expected.keys():
                return f"at {here}: keys {sorted(actual)} != {sorted(expected)}"
            pairs = [(f"[{key!r}]", actual[key], expected[key]) for key in expected]
        else:
            pairs = [(f"[{i}]", a, e)
                     for i, (a, e) in enumerate(zip(actual, expected, strict=True))]
        for step, a, e in pairs:
            found = first_difference(a, e, tolerance, path + step)
            if found:
                return found
        return None
    if is_number(expected) and is_number(actual):
        close = abs(actual - expected) <= tolerance
    else:
        close = type(actual) is type(expected) and actual == expected
    return None if close else f"at {here}: {actual!r} != {expected!r}"


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


def same_numbers(shown, expected):
    """Page and CPython agree number by number to a relative 1e-12 (the same float64 maths in two
    runtimes), with the same nesting."""
    flat = lambda v: [x for i in v for x in flat(i)] if isinstance(v, list) else [v]  # noqa: E731
    a, b = flat(shown), flat(expected)
    assert len(a) == len(b)
    assert all(x == pytest.approx(y, rel=1e-12, abs=0) for x, y in zip(a, b, strict=True))


def open_settings(page):
    """Opens the Network settings card (if closed) so the optimizer's fields can be used."""
    details = page.locator("#net-settings")
    if details.get_attribute("open") is None:
        page.locator("#net-settings summary").click()
    expect(page.locator("#optimizer-select")).to_be_visible()
    return page
