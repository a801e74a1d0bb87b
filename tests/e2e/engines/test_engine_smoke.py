"""The cross-engine smoke suite: the built lab, served on 127.0.0.1, in Chromium (Playwright),
Firefox (Debian's firefox-esr, puppeteer-core over WebDriver BiDi) and WebKit (WebKitGTK through
Selenium and WebKitWebDriver, on Xvfb), each booted once and checked as a learner sees it: the
spec's numbers, steps equal to the engine's in CPython, the Backward phase, a receipt in MathML,
Play and Pause, a bad input's message, time travel, the 2-8-8-1 spiral with its maps (and the pixel
check that they lie inside their nodes: raster_check.py), screenshots, the iframe's height messages.
Every test fails on anything the engine reports: console errors, uncaught errors, Content-Security-
Policy violations (also sent by the browser to the test server's report-uri) and requests off the
lab's origin (engine_drivers.py says what each driver can see).

Run alone: pytest -m engines. An engine that is not installed is skipped with the reason, unless
BACKPROP_LAB_REQUIRE_ENGINES=1 (tests/run.sh sets it on Debian, where it installs all three): then
it fails. Screenshots go to screenshots/engines/.
"""

import json
import re
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import engine_drivers
import pytest
import raster_check
from conftest import READY_TIMEOUT_MS, RESTORE, SETTING_DEFAULTS, SPEC_WEIGHTS
from demo_support import engine_after, engine_run, number

import backprop.api as api
import build

pytestmark = pytest.mark.engines

ENGINES = ["chromium", "firefox", "webkit"]
ROOT = Path(__file__).resolve().parents[3]
SHOTS = ROOT / "screenshots" / "engines"
HOST_DIR = ROOT / "tests" / "e2e" / "embed_host"
REQUIRE = "BACKPROP_LAB_REQUIRE_ENGINES"
SPIRAL_RUN = {"layers": [2, 8, 8, 1], "dataset": {"name": "spiral", "n": 200, "noise": 0.05,
                                                   "seed": 0},
              "batch_size": 20, "optimizer": {"name": "adam", "lr": 0.02}, "seed": 3}
REL = 1e-12


def close(a, b):
    return a == pytest.approx(b, rel=REL, abs=1e-15)


def flat(weights):
    return [w for layer in weights for row in layer for w in row]


class ReportingHandler(build.SiteHandler):
    """The build as build.py serves it, its pages with a Report-Only copy of their own CSP whose
    violations the browser POSTs back here: the engine's own word on what the page tried."""

    policy = ""
    reports: list = []

    def end_headers(self):
        if self.command == "GET" and (self.path.split("?")[0].endswith(("/", ".html"))):
            self.send_header("Content-Security-Policy-Report-Only",
                             f"{self.policy}; report-uri /csp-report")
        super().end_headers()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path != "/csp-report":
            self.send_error(404)
            return
        self.reports.append(body.decode("utf-8", "replace"))
        self.send_response(204)
        self.end_headers()


def serve(directory, handler):
    server = build.SiteServer(("127.0.0.1", 0), lambda *a: handler(*a, directory=str(directory)))
    import threading
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site(lab_dist):
    """The build served with CSP reports: SimpleNamespace(url, reports, host_url)."""
    meta = re.search(r'http-equiv="Content-Security-Policy"\s+content="([^"]+)"',
                     (lab_dist / "index.html").read_text()).group(1)
    handler = type("Handler", (ReportingHandler,), {"quiet": True, "policy": meta, "reports": []})
    server, url = serve(lab_dist, handler)
    host, host_url = build.start_server(HOST_DIR, port=0, quiet=True)
    yield SimpleNamespace(url=url, reports=handler.reports, host_url=host_url)
    for s in (server, host):
        s.shutdown()
        s.server_close()


class Session:
    """One engine's browser with the lab booted, and what it reported so far."""

    def __init__(self, name, driver, site):
        self.name, self.d, self.site = name, driver, site
        self.reports_from = len(site.reports)
        self.counts = {}  # per source, how many of its records were already handed out
        self.boot_s = None

    def new_problems(self):
        """What the driver, the page's probe and the CSP reports recorded since the last call."""
        self.d.harvest()
        sources = {"driver": self.d.native_problems(), "page": self.d.harvested,
                   "reports": [f"CSP report: {r}" for r in self.site.reports[self.reports_from:]]}
        new = []
        for source, items in sources.items():
            new += items[self.counts.get(source, 0):]
            self.counts[source] = len(items)
        return new

    def boot(self):
        start = time.monotonic()
        self.d.harvest()  # the page being left, judged by the origins it was allowed
        self.d.allow_origins(self.site.url)
        self.d.viewport(1280, 800)
        self.d.goto(self.site.url)
        status = self.d.wait("""() => window.backpropLab && (window.__labReady ??=
            window.backpropLab.ready.then(() => "ready", (e) => `failed: ${e?.name}: ${e?.message}`)
            )""", timeout=READY_TIMEOUT_MS / 1000)
        assert status == "ready", f"{self.name}: the lab did not become ready: {status}"
        self.boot_s = time.monotonic() - start

    def booted(self):
        return self.d.run("(url) => location.href.startsWith(url) && Boolean(window.__labReady)",
                          self.site.url)

    def text(self, selector):
        return self.d.run("(s) => document.querySelector(s)?.textContent.trim() ?? null", selector)

    def texts(self, selector):
        return self.d.run("(s) => [...document.querySelectorAll(s)].map((e) => e.textContent)",
                          selector)

    def wait_text(self, selector, want, timeout=20):
        try:
            self.d.wait("([s, want]) => document.querySelector(s)?.textContent.trim() === want",
                        [selector, want], timeout)
        except engine_drivers.DriverError:
            pass
        assert self.text(selector) == want

    def state(self):
        return self.d.run("() => { const s = window.backpropLab.getState(); "
                          "return {...s, history: s.history.map((r) => r.loss)}; }")


@pytest.fixture(scope="module", params=ENGINES)
def session(request, site):
    name = request.param
    reason = engine_drivers.unavailable(name)
    if reason:
        if os_flag(REQUIRE):
            pytest.fail(f"{name} is required here ({REQUIRE}=1) but {reason}", pytrace=False)
        pytest.skip(f"{name}: {reason}")
    start = time.monotonic()
    chromium = request.getfixturevalue("browser_as_shipped") if name == "chromium" else None
    driver = engine_drivers.launch(name, chromium)
    session = Session(name, driver, site)
    try:
        session.boot()
        yield session
    finally:
        driver.close()
        boot = f"{session.boot_s:.1f} s" if session.boot_s else "-"
        say(request.config, f"engines: {name} {driver.version}: boot {boot}, "
                            f"whole smoke suite {time.monotonic() - start:.1f} s")


def say(config, line):
    """A line on the terminal, past pytest's capture (the time each engine took)."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter and capture:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\n{line}")


def os_flag(name):
    import os
    return os.environ.get(name, "") not in ("", "0")


@pytest.fixture
def lab(session):
    """The engine's lab at the spec's scenario, step 0; fails the test on anything reported."""
    if not session.booted():
        session.boot()
    session.d.viewport(1280, 800)
    assert session.d.run(RESTORE, [SPEC_WEIGHTS, SETTING_DEFAULTS]) == 0
    yield session
    new = session.new_problems()
    if new:
        pytest.fail(f"{session.name} reported:\n  " + "\n  ".join(new), pytrace=False)


def test_the_specs_numbers_are_on_screen_and_are_the_engines(lab):
    assert lab.text("#step-count") == "0"
    assert lab.text("#loss-value") == "1.6177"
    assert lab.texts("#network .node-value") == ["1.00", "0.50", "0.00", "0.02", "0.41", "0.20"]
    assert lab.text('#weights [data-edge="1-0-2"]') == "0.505"
    state, frame = lab.state(), engine_run({"weights": SPEC_WEIGHTS})
    assert close(state["loss"], frame["loss"])
    assert close(state["prediction"], frame["prediction"][0])


# The page's text and the drawing's, as wide as in the engine's system-ui face (the system's
# sans-serif) and not as in its serif: sample words set in each family beside the real ones.
FACES = """() => {
  const words = 'Backpropagation H1.1 ReLU 0.55 Wgm';
  const html = document.querySelector('.intro');
  const node = document.querySelector('#network .node-name');
  const width = (family, where) => {
    const probe = where === 'svg' ? node.cloneNode() : document.createElement('span');
    probe.textContent = words;
    if (family) probe.style.fontFamily = family;
    (where === 'svg' ? node.parentNode : html).append(probe);
    const w = where === 'svg' ? probe.getComputedTextLength() : probe.getBoundingClientRect().width;
    probe.remove();
    return Math.round(w * 10) / 10;
  };
  return Object.fromEntries(['html', 'svg'].map((where) => [where, {
    page: width(null, where), system: width('system-ui', where), serif: width('serif', where) }]));
}"""


def test_the_text_is_set_in_the_systems_sans_serif_face(lab):
    for where, widths in lab.d.run(FACES).items():
        assert widths["page"] == widths["system"] != widths["serif"], (where, widths)


def test_step_and_10_steps_give_the_engines_numbers(lab):
    lab.d.click("#step-btn")
    lab.wait_text("#step-count", "1")
    for steps, button in [(1, None), (11, "#step10-btn")]:
        if button:
            lab.d.click(button)
            lab.wait_text("#step-count", str(steps))
        state, reference = lab.state(), engine_after(steps)
        assert all(map(close, flat(state["weights"]), flat(reference["weights"])))
        assert all(map(close, state["history"], [r["loss"] for r in reference["history"]]))
        assert lab.text("#loss-value") == f"{reference['loss']:.4f}"


def test_the_backward_phase_shows_each_neurons_delta_on_the_drawing(lab):
    lab.d.click('#phase-group [data-phase="backward"]')
    lab.d.wait("() => document.querySelector('#network svg').dataset.phase === 'backward'")
    delta = engine_run({"weights": SPEC_WEIGHTS})["backward"]["delta"]
    assert lab.text('#network [data-node="2-0"] .node-value') == "−1.80"
    for i in range(3):
        shown = number(lab.text(f'#network [data-node="1-{i}"] .node-value'))
        assert shown == pytest.approx(delta[0][0][i], abs=5e-3)
    assert lab.texts("#network .node-z") == ["δ = ∂L/∂z"] * 3
    assert lab.d.run("() => document.querySelectorAll('#network .node-value.is-delta').length") == 4


def test_the_receipt_writes_the_chain_rule_in_mathml_a_person_can_read(lab):
    lab.d.click('#weights [data-edge="1-0-2"]')
    lab.d.wait("() => !document.getElementById('receipt').hidden")
    assert lab.text("#receipt-title") == "Chain rule for H3 → O"
    body = re.sub(r"\s+", "", lab.text("#receipt .receipt-body"))
    assert "(0.2013−2.0000)·0.4065" in body and "=−0.7312" in body
    maths = lab.d.run("""() => [...document.querySelectorAll('#receipt math')].map((m) => {
        const box = m.getBoundingClientRect(); return [box.width, box.height]; })""")
    assert len(maths) >= 3 and all(w > 10 and h > 5 for w, h in maths)
    # A fraction is drawn as one: its numerator above its denominator.
    stacked = lab.d.run("""() => [...document.querySelectorAll('#receipt mfrac')].map((f) => {
        const [top, bottom] = [...f.children].map((c) => c.getBoundingClientRect());
        return top.bottom <= bottom.top + 1; })""")
    assert stacked and all(stacked)
    lab.d.click("#receipt-close")
    lab.d.wait("() => document.getElementById('receipt').hidden")


def test_a_bad_input_is_named_at_its_field_and_changes_nothing(lab):
    before = lab.state()
    lab.d.type("#x1-input", "abc")
    lab.d.press("Enter")
    lab.wait_text("#x1-msg", "“abc” is not a number.")
    assert lab.d.run("() => document.getElementById('x1-input').getAttribute('aria-invalid')") \
        == "true"
    after = lab.state()
    assert (after["step"], after["inputs"], after["weights"]) == \
        (before["step"], before["inputs"], before["weights"])
    lab.d.type("#x1-input", "1")
    lab.d.press("Enter")
    lab.d.wait("() => document.getElementById('x1-input').getAttribute('aria-invalid') !== 'true'")
    assert lab.d.run("() => document.getElementById('x1-msg').hidden")
    lab.d.click("#step-btn")
    lab.wait_text("#step-count", "1")


def test_time_travel_from_the_history_goes_back_and_branches(lab):
    lab.d.run("async () => { await window.backpropLab.step(8); }")
    lab.d.click('#history tr.history-row[data-step="3"] > :first-child')
    lab.wait_text("#step-count", "3")
    reference = engine_run({"weights": SPEC_WEIGHTS}, ("step", 3))
    assert all(map(close, flat(lab.state()["weights"]), flat(reference["weights"])))
    assert "You went back to step 3" in lab.text("#branch-note")
    lab.d.click("#step-btn")
    lab.wait_text("#step-count", "4")
    rows = lab.d.run("""() => [...document.querySelectorAll('#history tbody tr.history-row')]
        .map((r) => r.cells[0].textContent.trim())""")
    assert rows == ["4", "3", "2", "1", "0"]


def test_play_runs_and_pause_holds_the_engines_numbers(lab):
    lab.d.run("""() => { const speed = document.getElementById('play-speed');
        speed.value = '60'; speed.dispatchEvent(new Event('change', {bubbles: true})); }""")
    lab.d.click("#play-btn")
    lab.wait_text("#play-btn", "Pause")
    lab.d.wait("() => window.backpropLab.getState().step >= 5")
    lab.d.click("#play-btn")
    lab.wait_text("#play-btn", "Play")
    k = lab.state()["step"]
    time.sleep(0.4)
    assert lab.state()["step"] == k and lab.text("#step-count") == str(k)
    reference = engine_after(k)
    assert all(map(close, lab.state()["history"], [r["loss"] for r in reference["history"]]))


def start_spiral(lab, steps):
    """The 2-8-8-1 spiral run after `steps` steps, its pictures drawn (they are drawn when seen:
    the drawing is kept in view, as a person looking at it does)."""
    lab.d.run("() => document.getElementById('network').scrollIntoView({block: 'center'})")
    lab.d.run("async (run) => { await window.backpropLab.setState(run); }", SPIRAL_RUN)
    lab.d.run("async (n) => { await window.backpropLab.step(n); }", steps)
    lab.d.wait("""(n) => {
        const network = document.getElementById('network');
        const box = network.getBoundingClientRect();
        if (box.bottom < 0 || box.top > innerHeight) network.scrollIntoView({block: 'center'});
        return document.getElementById('function-map').closest('section').dataset.frameStep
          === String(n) && document.querySelectorAll('.node-map').length === 16; }""",
               steps, timeout=60)


def test_the_spiral_trains_a_2_8_8_1_network_with_a_map_in_every_hidden_node(lab):
    start_spiral(lab, 30)
    run = api.create(SPIRAL_RUN)["run"]
    try:
        reference = api.step(run, 30)
    finally:
        api.drop(run)
    assert close(lab.state()["loss"], reference["loss"])
    per_node = lab.d.run("""() => [...document.querySelectorAll('#network .node')].map((n) =>
        [n.dataset.node, n.querySelectorAll('.node-map').length])""")
    assert [k for k, count in per_node if count] == [f"{k}-{i}" for k in (1, 2) for i in range(8)]
    assert all(count == 1 for k, count in per_node if k[0] in "12")


@pytest.mark.parametrize("width", [1280, 375])
def test_the_maps_inside_the_nodes_lie_inside_their_circles(lab, width):
    lab.d.viewport(width, 900)
    start_spiral(lab, 30)
    SHOTS.mkdir(parents=True, exist_ok=True)
    result = raster_check.check(lab.d, "#network", SHOTS / f"{lab.name}-rasters-{width}.png")
    assert sum(c["map"] for c in result["circles"]) == 16
    assert result["stray"] == [], (
        f"{lab.name}: {len(result['stray'])} raster pixels outside every node, e.g. "
        f"{result['stray'][:5]} (CSS px)")
    assert result["uncovered"] == {}, f"{lab.name}: nodes whose map is missing: {result}"


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_of_the_lab_and_the_spiral(lab, width):
    """Looked at beside Chromium's: the top of the page and the drawing after 10 steps in the
    Backward phase, and the 2-8-8-1 spiral's drawing with its maps after 200 steps."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    lab.d.viewport(width, 900)
    lab.d.run("async () => { await window.backpropLab.step(10); }")
    lab.d.click('#phase-group [data-phase="backward"]')
    lab.d.run("() => window.scrollTo(0, 0)")
    assert lab.d.run("() => document.documentElement.scrollWidth") <= width
    lab.d.screenshot(SHOTS / f"{lab.name}-top-{width}.png")
    lab.d.run("() => document.querySelector('#network svg').scrollIntoView({block: 'center'})")
    lab.d.screenshot(SHOTS / f"{lab.name}-backward-{width}.png")
    lab.d.click('#phase-group [data-phase="forward"]')
    start_spiral(lab, 200)
    assert lab.d.run("() => document.documentElement.scrollWidth") <= width
    lab.d.run("() => document.querySelector('#network svg').scrollIntoView({block: 'center'})")
    lab.d.screenshot(SHOTS / f"{lab.name}-spiral-{width}.png")


def test_the_recorders_see_what_the_page_tries_outside_its_origin(lab):
    # Each engine's probe asks for an address of its own: another engine's report, posted late
    # to the same server, is not taken for this one's.
    probe = f"http://192.0.2.1/probe-{lab.name}.json"
    lab.d.run("(url) => fetch(url).catch(() => null)", probe)
    lab.d.wait("(url) => (window.__engineProbe ?? []).some((p) => p.includes(url))", probe)
    # Browsers post a CSP report in their own time: Chromium's, from a page with nothing more to
    # do, has been seen to arrive only once the test spoke to the page again. So the wait runs in
    # the page, one timer at a time, until the report arrives (capped only against a browser that
    # never sends it).
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and not any(
            probe in r for r in lab.site.reports[lab.reports_from:]):
        lab.d.run("() => new Promise((done) => setTimeout(done, 100))")
    provoked = lab.new_problems()
    assert any("CSP violation" in p and probe in p for p in provoked), provoked
    assert any(p.startswith("CSP report") and probe in p for p in provoked), provoked


def test_an_embedded_lab_tells_its_host_its_height(lab):
    host = lab.site.host_url
    lab.d.allow_origins(lab.site.url, host)
    lab.d.goto(f"{host}host.html?lab={quote(lab.site.url + '#embed=1', safe='')}")
    # Read at one moment, once the frame has its last announced height and the string form of
    # that announcement has arrived too (the lab keeps announcing while its page settles).
    heights, strings = lab.d.wait("""() => {
        const lti = window.heights.filter((h) => h.protocol === 'lti');
        const frame = document.getElementById('lab');
        const strings = window.received.map((m) => m.data).filter((d) => typeof d === 'string');
        const last = strings.length ? JSON.parse(strings.at(-1)).height : null;
        return lti.length && window.received.some((m) => m.data?.context === 'h5p')
          && Math.abs(frame.clientHeight - lti.at(-1).px) <= 1 && last === lti.at(-1).px
          && [window.heights, strings]; }""", timeout=60)
    hello = lab.d.run("() => window.received.map((m) => m.data).find((d) => d?.context === 'h5p')")
    assert hello == {"context": "h5p", "action": "hello"}
    lti = [h["px"] for h in heights if h["protocol"] == "lti"]
    assert lti[-1] > 600  # the whole lab, not a scrolling box in the course page
    assert json.loads(strings[-1]) == {"subject": "lti.frameResize", "height": lti[-1]}
