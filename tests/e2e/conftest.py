"""End-to-end harness: builds the site once, serves it on 127.0.0.1 and drives Chromium, failing
any test whose page logs an error or asks for anything outside the page's own origin.

Fixtures
- ``lab_dist`` (session): ``Path`` of a fresh ``build.py`` build in a temp dir (built once; under
  pytest-xdist the first worker to need it builds it and the others wait for it and share it).
- ``lab_url`` (session): base URL of that build, served in a thread, e.g. "http://127.0.0.1:PORT/".
- ``browser`` (session): Chromium: ``/usr/bin/chromium`` when present, else Playwright's own.
- ``page`` (function): a page in a fresh 1280x800 context, guarded: every request not to the lab's
  origin is aborted and recorded; every console error and uncaught page error is recorded. After
  the test body, anything recorded FAILS the test (checked again at teardown).
- ``make_page`` (function): ``make_page(**context_options)`` -> another page guarded the same way,
  in its own context (e.g. ``make_page(device_scale_factor=2)``); closed after the test. Service
  workers are blocked unless asked for: ``make_page(service_workers="allow")``.
- ``lab_guard`` (function): the recorder behind ``page``; ``lab_guard.problems`` lists what was
  seen, ``lab_guard.allow(regex)`` tolerates matching problems for the rest of this test only,
  ``lab_guard.allow_origin(origin)`` lets requests to that origin through (a host page).
- ``lab`` (function, booted once per module): the lab page of this test module, already ready, in
  its own 1280x800 context; before each test it is restored to the spec's scenario at step 0
  (a new run), the Forward phase, "all at once" steps, a linear loss axis, no receipt open, nothing
  focused or hovered, a light colour scheme and no preference for reduced motion. Guarded like
  ``page``: what the page reports during a test fails that test.
- ``open_lab`` (function): ``open_lab(hash="", *, width=1280, height=800, wait_ready=True)`` opens
  ``lab_url + "#" + hash`` in ``page`` at that viewport and, unless told not to, waits until
  ``window.backpropLab.ready`` resolves (a rejected ``ready`` fails with its reason). Returns page.
  ``in_page=make_page(...)`` opens the lab in that page instead.

Markers
- every test under tests/e2e is marked ``e2e`` (``pytest -m "not e2e"`` skips them all).
- ``@pytest.mark.allow_errors(r"regex", ...)``: a test that provokes errors on purpose lists them.

Environment: ``BACKPROP_LAB_SITE=DIR`` builds from another site tree instead of ``site/``.

Waiting: give ``wait_for_function`` a function, ``"() => cond"``, never a bare expression: an
expression is eval'd in the page on every poll, which the page's CSP refuses (an EvalError as
soon as the condition is not true at once).
"""

import fcntl
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

import backprop.api as api
import build

SYSTEM_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-default-apps"]
READY_TIMEOUT_MS = 90_000
# Pages run without the service worker unless a test asks for it (make_page(service_workers=
# "allow"), as test_offline.py does): a reload then means the network, as each test expects.
# BACKPROP_LAB_SERVICE_WORKERS=allow runs every test with it.
SERVICE_WORKERS = os.environ.get("BACKPROP_LAB_SERVICE_WORKERS", "block")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


class LabGuard:
    """Records console errors, page errors and off-origin requests of one test's page."""

    def __init__(self, origin: str, allowed=()):
        self.origin = origin
        self.other_origins: list[str] = []
        self.problems: list[str] = []
        self.allowed = [re.compile(p) for p in allowed]
        self.reported = 0

    def allow(self, pattern: str) -> None:
        self.allowed.append(re.compile(pattern))

    def allow_origin(self, origin: str) -> None:
        """Let requests to another origin through (a host page that embeds the lab, say)."""
        self.other_origins.append(origin)

    def record(self, problem: str) -> None:
        self.problems.append(problem)

    def route(self, route) -> None:
        url = route.request.url
        allowed = origin_of(url) in (self.origin, *self.other_origins)
        if allowed or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.record(f"off-origin request aborted: {route.request.method} {url}")
            route.abort()

    def unexpected(self) -> list[str]:
        return [p for p in self.problems if not any(a.search(p) for a in self.allowed)]

    def check(self) -> None:
        problems = self.unexpected()[self.reported:]
        self.reported += len(problems)
        if problems:
            pytest.fail("the page reported problems:\n  " + "\n  ".join(problems), pytrace=False)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    guard = item.funcargs.get("lab_guard")
    if guard is not None:
        guard.check()
    return result


@pytest.fixture(scope="session")
def lab_dist(tmp_path_factory) -> Path:
    site = os.environ.get("BACKPROP_LAB_SITE")
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        out = tmp_path_factory.mktemp("lab") / "dist"
        build.build(out, site_dir=Path(site) if site else None)
        return out
    shared = tmp_path_factory.getbasetemp().parent / "lab"  # the same folder for every worker
    shared.mkdir(exist_ok=True)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (shared / "built").exists():
            build.build(shared / "dist", site_dir=Path(site) if site else None)
            (shared / "built").touch()
    return shared / "dist"


@pytest.fixture(scope="session")
def lab_url(lab_dist) -> str:
    server, url = build.start_server(lab_dist, port=0, quiet=True)
    yield url
    server.shutdown()
    server.server_close()


# The suite's Chromium runs WebAssembly on V8's baseline compiler only (Liftoff): a wasm module
# runs the same in every tier, and the suite boots Pyodide some eighty times, each of which would
# otherwise spend about 1.5 s of CPU optimising code that the test is over before it needs
# (measured: 3.3–3.8 s of CPU per boot against 4.5–5.3 s). The cross-engine smoke test boots the
# lab in Chromium as shipped (browser_as_shipped), every tier on.
SUITE_ONLY_ARGS = ["--js-flags=--liftoff-only"]


@pytest.fixture(scope="session")
def playwright_driver():
    with sync_playwright() as playwright:
        yield playwright


def launch_chromium(playwright, extra=()):
    args = CHROMIUM_ARGS + list(extra) + (["--no-sandbox"] if os.geteuid() == 0 else [])
    executable = SYSTEM_CHROMIUM if Path(SYSTEM_CHROMIUM).exists() else None
    return playwright.chromium.launch(executable_path=executable, args=args)


@pytest.fixture(scope="session")
def browser(playwright_driver):
    chromium = launch_chromium(playwright_driver, SUITE_ONLY_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def browser_as_shipped(playwright_driver):
    """Chromium with its default flags, as a learner's browser runs the lab."""
    chromium = launch_chromium(playwright_driver)
    yield chromium
    chromium.close()


class Relay:
    """Hands a module's shared page's problems to the guard of the test running now."""

    def __init__(self, guard: LabGuard):
        self.guard = guard

    def record(self, problem: str) -> None:
        self.guard.record(problem)

    def route(self, route) -> None:
        self.guard.route(route)


SPEC_WEIGHTS = [[[-0.758, -0.448], [-0.270, 0.579], [0.835, -0.857]], [[-0.717, -0.204, 0.505]]]
RESTORE = """async ([weights, settings]) => {
  const click = (selector) => document.querySelector(selector)?.click();
  document.activeElement?.blur?.();
  if (!document.getElementById("receipt").hidden) click("#receipt-close");
  const mode = document.getElementById("step-mode");
  if (mode.value !== "all") { mode.value = "all"; mode.dispatchEvent(new Event("change")); }
  click('#phase-group [data-phase="forward"]');
  if (document.documentElement.classList.contains("is-projector")) click("#projector-btn");
  click('#loss-chart [data-scale="linear"]');
  document.getElementById("import-msg").hidden = true;
  if (document.getElementById("gradcheck-btn").getAttribute("aria-pressed") === "true") {
    click("#gradcheck-btn");
  }
  // Every optimizer's settings back to a default, in the same call: a setting a test chose (Adam's
  // betas, say) would otherwise come back when a later test switches to that optimizer.
  await window.backpropLab.setState({
    layers: [2, 3, 1], hidden_activation: "relu", output_activation: "linear", bias: false,
    loss: "half_squared_error", dataset: null, optimizer: { ...settings, name: "sgd", lr: 0.01 },
    inputs: [1, 0.5], target: 2, seed: 0, weights });
  // Nothing focused, and the next Tab starts from the top of the page, as on a fresh load.
  const start = document.createElement("span");
  start.tabIndex = -1;
  document.body.prepend(start);
  start.focus();
  start.remove();
  window.scrollTo(0, 0);
  return window.backpropLab.getState().step;
}"""


@pytest.fixture(scope="session")
def booted_lab(browser, lab_url):
    """(page, relay): one lab page booted once per test process; each test starts from RESTORE's
    state and leaves no element of its own in the page. A module with a lab of its own (another
    lab_url) overrides this fixture with boot_lab at module scope."""
    yield from boot_lab(browser, lab_url)


def boot_lab(browser, lab_url):
    relay = Relay(LabGuard(origin_of(lab_url)))
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/*", relay.route)
    shared = context.new_page()
    shared.on("console", lambda msg: msg.type == "error" and relay.record(
        f"console error: {msg.text} ({msg.location.get('url', '')})"))
    shared.on("pageerror", lambda err: relay.record(f"page error: {err}"))
    shared.goto(lab_url)
    wait_until_ready(shared)
    yield shared, relay
    context.close()


def setting_defaults(description) -> dict:
    """Every optimizer setting but the rate at a default (RESTORE): the page keeps them all, the
    named optimizer takes its own, and one at any optimizer's default becomes, on a switch, the new
    optimizer's (switchOptimizer). Where optimizers share a setting, the last one's default, as
    setting each optimizer's defaults in turn left it."""
    settings = {}
    for entry in description["optimizers"].values():
        settings.update({key: value for key, value in entry["settings"].items() if key != "lr"})
    return settings


SETTING_DEFAULTS = setting_defaults(api.describe())

ENGINE_NOTICE = """() => {
  const notice = document.getElementById("engine-notice");
  return notice && !notice.hidden ? notice.textContent : null;
}"""


@pytest.fixture
def lab(booted_lab, lab_guard):
    shared, relay = booted_lab
    relay.guard = lab_guard
    shared.set_viewport_size({"width": 1280, "height": 800})
    shared.emulate_media(color_scheme="light", reduced_motion="no-preference")
    shared.mouse.move(0, 0)
    restore_lab(shared)
    yield shared
    lab_guard.check()
    # A test leaves the shared page with its one engine worker, which never had to be restarted.
    notice = shared.evaluate(ENGINE_NOTICE)
    assert notice is None, f"the engine was restarted during the test: {notice}"
    assert len(shared.workers) == 1, f"{len(shared.workers)} workers left in the shared page"


def restore_lab(page) -> None:
    """The shared page back to the spec's scenario at step 0 (RESTORE; the ``lab`` fixture)."""
    assert page.evaluate(RESTORE, [SPEC_WEIGHTS, SETTING_DEFAULTS]) == 0


@pytest.fixture
def lab_guard(request, lab_url) -> LabGuard:
    patterns = [p for mark in request.node.iter_markers("allow_errors") for p in mark.args]
    return LabGuard(origin_of(lab_url), patterns)


@pytest.fixture
def make_page(browser, lab_guard):
    contexts = []

    def make_page(**context_options):
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 800},
                                         "service_workers": SERVICE_WORKERS, **context_options})
        contexts.append(context)
        context.route("**/*", lab_guard.route)
        guarded = context.new_page()
        guarded.on("console", lambda msg: msg.type == "error" and lab_guard.record(
            f"console error: {msg.text} ({msg.location.get('url', '')})"))
        guarded.on("pageerror", lambda err: lab_guard.record(f"page error: {err}"))
        return guarded

    yield make_page
    for context in contexts:
        context.close()
    lab_guard.check()


@pytest.fixture
def page(make_page):
    return make_page()


@pytest.fixture
def open_lab(page, lab_url):
    def open_lab(hash: str = "", *, width: int = 1280, height: int = 800, wait_ready: bool = True,
                 in_page=None):
        target = in_page or page
        target.set_viewport_size({"width": width, "height": height})
        if target.url.startswith(lab_url):
            target.goto("about:blank")  # a new hash on the same page would only be a hash change
        target.goto(lab_url + (f"#{hash}" if hash else ""))
        if wait_ready:
            wait_until_ready(target)
        return target

    return open_lab


def wait_until_ready(page) -> None:
    """Wait for window.backpropLab.ready; a rejection fails with the page's reason."""
    page.wait_for_function("() => Boolean(window.backpropLab)")
    page.evaluate("""() => { window.backpropLab.ready.then(
        () => { window.__labReady = "ready"; },
        (err) => { window.__labReady = `failed: ${err?.name}: ${err?.message}`; }); }""")
    outcome = page.wait_for_function("() => window.__labReady", timeout=READY_TIMEOUT_MS)
    status = outcome.json_value()
    if status != "ready":
        pytest.fail(f"the lab did not become ready: {status}", pytrace=False)
