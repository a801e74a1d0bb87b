"""The page boots like a product: progress through the load phases, then a working Step; a load
failure shows the error panel with its reason and a Retry button instead of a spinner."""

import re

import pytest
from playwright.sync_api import expect

PHASE_RECORDER = """
// Watches the whole document from its creation (not from DOMContentLoaded, which a busy machine
// can fire after the first phase has already passed), so no phase change goes unrecorded.
window.__labPhases = [];
{
  const record = (phase) => {
    if (phase && window.__labPhases.at(-1) !== phase) window.__labPhases.push(phase);
  };
  new MutationObserver((changes) => {
    const status = changes.map((c) => c.target).find((target) => target.id === "load-status");
    if (!status) return;
    // Each change's old value, in order, then the value now: two changes can share one callback.
    for (const change of changes) if (change.target === status) record(change.oldValue);
    record(status.dataset.phase);
  }).observe(document, { subtree: true, attributeFilter: ["data-phase"], attributeOldValue: true });
}
"""


def test_the_page_reaches_ready_and_the_progress_indicator_goes_away(lab):
    page = lab
    expect(page.locator("#load-status")).to_be_hidden()
    expect(page.locator("#load-error")).to_be_hidden()
    expect(page.locator("#step-btn")).to_be_enabled()
    expect(page.locator("#loss-value")).to_have_text(re.compile(r"^\d+(\.\d+)?$"))


def test_the_shell_shows_each_load_phase_with_step_disabled_until_ready(page, open_lab):
    page.add_init_script(PHASE_RECORDER)
    open_lab(wait_ready=False)
    expect(page.locator("#load-status")).to_be_visible()
    expect(page.locator("#step-btn")).to_be_disabled()
    page.wait_for_function("() => window.__labPhases.includes('ready')", timeout=90_000)
    phases = page.evaluate("window.__labPhases")
    assert [p for p in phases if p != "start"] == ["runtime", "numpy", "engine", "ready"]
    expect(page.locator("#step-btn")).to_be_enabled()


def test_a_step_changes_the_loss_shown(lab):
    page = lab
    before = page.locator("#loss-value").inner_text()
    page.locator("#step-btn").click()
    expect(page.locator("#loss-value")).not_to_have_text(before)
    shown = page.locator("#loss-value").inner_text()
    state = page.evaluate("window.backpropLab.getState()")
    assert state["step"] == 1
    decimals = len(shown.partition(".")[2])
    assert float(shown) == pytest.approx(state["loss"], abs=0.51 * 10.0**-decimals)
    assert float(shown) < float(before)


def test_the_api_step_matches_the_engine_state(lab):
    page = lab
    state = page.evaluate("window.backpropLab.step(3)")
    assert state["step"] == 3
    assert page.evaluate("window.backpropLab.getState().step") == 3


@pytest.mark.parametrize("path, reason", [
    pytest.param(r"/numpy-[^/]*\.whl$", "numpy", id="numpy wheel",
                 marks=pytest.mark.allow_errors(r"status of 404", r"numpy")),
    pytest.param(r"/js/main\.bundle\.js$", "The page's scripts did not load (js/main.bundle.js",
                 id="the app's script", marks=pytest.mark.allow_errors(r"status of 404")),
])
def test_a_missing_file_shows_the_error_panel_naming_it_and_retry_recovers(page, open_lab, path,
                                                                            reason):
    page.route(re.compile(path), lambda route: route.fulfill(status=404))
    open_lab(wait_ready=False)
    expect(page.locator("#load-error")).to_be_visible(timeout=90_000)
    expect(page.locator("#load-error-reason")).to_contain_text(reason)
    expect(page.locator("#load-status")).to_be_hidden()
    expect(page.locator("#step-btn")).to_be_disabled()
    page.unroute(re.compile(path))
    page.locator("#retry-btn").click()
    expect(page.locator("#step-btn")).to_be_enabled(timeout=90_000)
    expect(page.locator("#load-error")).to_be_hidden()


@pytest.mark.allow_errors(r"integrity", r"numpy")
def test_a_corrupt_numpy_wheel_is_refused_with_the_reason_shown(page, open_lab):
    page.route(re.compile(r"/numpy-[^/]*\.whl$"),
               lambda route: route.fulfill(status=200, body=b"not a wheel"))
    open_lab(wait_ready=False)
    expect(page.locator("#load-error")).to_be_visible(timeout=90_000)
    expect(page.locator("#load-error-reason")).to_contain_text("numpy")
    expect(page.locator("#retry-btn")).to_be_visible()


NO_DATA = "did not load: no data arrived for 120 s"
RUNTIME_FILES = ["python_stdlib.zip", "pyodide-lock.json", "pyodide.asm.wasm", "numpy-",
                 "backprop-", "bytecode-"]
RUNTIME_FILES_JS = (r"/(python_stdlib\.zip|pyodide-lock\.json|pyodide\.asm\.wasm|[^/]*\.whl"
                    r"|bytecode-[^/]*\.zip)$/")
# How many runtime files the page has received whole. Read through a PerformanceObserver: the fake
# clock's `performance` (page.clock.install) answers every getEntriesByType() with [].
ARRIVED = f"""() => new Promise((resolve) => {{
  const observer = new PerformanceObserver((entries) => {{
    observer.disconnect();
    resolve(entries.getEntries().filter((e) => {RUNTIME_FILES_JS}.test(e.name)).length);
  }});
  observer.observe({{ type: "resource", buffered: true }});
}})"""


def fetch_the_manifest(page, lab_url):
    """Serve the page without the runtime's manifest that the build puts in it, so that it fetches
    manifest.json as the offline file and site/ served as is do."""
    def strip(route):
        response = route.fetch()
        route.fulfill(response=response, body=re.sub(
            r'<script type="application/json" id="runtime-manifest">[^<]*</script>', "",
            response.text()))

    page.route(lab_url, strip)


@pytest.mark.parametrize(("path", "answered", "reason"), [
    (r"/manifest\.json$", 0, "manifest.json did not load within 120 s"),
    (r"/python_stdlib\.zip$", 0, f"pyodide/python_stdlib.zip {NO_DATA}"),
    (r"/pyodide\.asm\.wasm$", 0, f"pyodide/pyodide.asm.wasm {NO_DATA}"),
    (r"/numpy-[^/]*\.whl$", 0, re.compile(rf"pyodide/numpy-[^ ]*\.whl {NO_DATA}")),
    (r"/py/backprop-[^/]*\.whl$", 0, re.compile(rf"py/backprop-[^ ]*\.whl {NO_DATA}")),
    (r"/py/bytecode-[^/]*\.zip$", 0, re.compile(rf"py/bytecode-[^ ]*\.zip {NO_DATA}")),
], ids=["manifest", "stdlib", "wasm", "numpy", "engine", "bytecode"])
def test_a_stalled_download_ends_in_the_error_panel_not_an_endless_spinner(page, open_lab, lab_url,
                                                                           path, answered, reason):
    """The request to path is answered `answered` times, then never: a stalled connection. Each
    file is requested once, so the one that stalls is named."""
    if "manifest" in path:
        fetch_the_manifest(page, lab_url)
    requests = []

    def stall(route):
        requests.append(route)
        if len(requests) <= answered:
            route.continue_()

    page.route(re.compile(path), stall)
    page.clock.install()
    open_lab(wait_ready=False)
    for _ in range(600):
        if len(requests) > answered:
            break
        page.wait_for_timeout(100)
    assert len(requests) > answered, "the stalled request was never made"
    # Every other runtime file has arrived (the clock is frozen: only the stalled one should wait).
    others = 0 if "manifest" in path else len(RUNTIME_FILES) - 1
    for _ in range(300):  # polled from here: the page's own timers are frozen
        if page.evaluate(ARRIVED) >= others:
            break
        page.wait_for_timeout(100)
    assert page.evaluate(ARRIVED) == others
    expect(page.locator("#load-error")).to_be_hidden()
    page.clock.run_for(121_000)
    expect(page.locator("#load-error")).to_be_visible()
    expect(page.locator("#load-error-reason")).to_contain_text(reason)
    expect(page.locator("#retry-btn")).to_be_visible()
    expect(page.locator("#step-btn")).to_be_disabled()


def test_a_browser_without_webassembly_is_told_so(page, open_lab):
    page.add_init_script("delete globalThis.WebAssembly;")
    open_lab(wait_ready=False)
    expect(page.locator("#load-error")).to_be_visible()
    expect(page.locator("#load-error-reason")).to_contain_text("WebAssembly")
    expect(page.locator("#retry-btn")).to_be_visible()


@pytest.mark.allow_errors(r"status of 404", r"Failed to load resource")
@pytest.mark.parametrize("path, status, body, reason", [
    ("pyodide/pyodide.asm.wasm", 404, b"", "pyodide/pyodide.asm.wasm: HTTP 404"),
    ("pyodide/pyodide.asm.wasm", 200, b"<!doctype html>", "pyodide.asm.wasm is not WebAssembly"),
    ("pyodide/python_stdlib.zip", 200, b"PK\3\4", "pyodide/python_stdlib.zip is damaged"),
    ("pyodide/python_stdlib.zip", 404, b"", "pyodide/python_stdlib.zip: HTTP 404"),
    ("pyodide/pyodide-lock.json", 404, b"", "pyodide/pyodide-lock.json: HTTP 404"),
    ("manifest.json", 404, b"", "manifest.json: HTTP 404"),
])
def test_a_missing_or_damaged_runtime_file_is_named_at_once(page, open_lab, lab_url, path, status,
                                                            body, reason):
    if path == "manifest.json":
        fetch_the_manifest(page, lab_url)
    page.route(re.compile(re.escape(path) + "$"),
               lambda route: route.fulfill(status=status, body=body))
    open_lab(wait_ready=False)
    expect(page.locator("#load-error")).to_be_visible(timeout=20_000)
    expect(page.locator("#load-error-reason")).to_contain_text(reason)
    expect(page.locator("#load-status")).to_be_hidden()


@pytest.mark.allow_errors(r"status of 404")
def test_a_missing_engine_wheel_is_named(page, open_lab):
    page.route(re.compile(r"/py/backprop-[^/]*\.whl$"), lambda route: route.fulfill(status=404))
    open_lab(wait_ready=False)
    expect(page.locator("#load-error-reason")).to_contain_text(
        re.compile(r"py/backprop-.*\.whl: HTTP 404"), timeout=20_000)


# The page's own engine (loaded by bridge.js at boot): a second loadEngine() here would leave a
# second worker running in the shared page.
BRIDGE_PROBE = """async () => {
  const { modules } = await import("./js/main.bundle.js");
  const engine = await modules["js/engine/start.js"].engineLoading;
  const state = await engine.call("create", { config: { layers: [2, 3, 1] } });
  await engine.call("drop", { run: state.run });
  const failure = async (name, args) => {
    try { await engine.call(name, args); return null; }
    catch (err) { return { isError: err instanceof Error, name: err.name, message: err.message }; }
  };
  return {
    plain: Object.getPrototypeOf(state) === Object.prototype && Array.isArray(state.weights)
      && Object.getPrototypeOf(state.forward) === Object.prototype,
    loss: typeof state.loss,
    nulls: [state.last_step === null, state.history.rows[0].delta_loss === null],
    invalid: await failure("create", { config: { layers: [0] } }),
    unknown: await failure("__import__", {}),
  };
}"""


def test_the_bridge_returns_plain_objects_and_python_errors_as_named_js_errors(lab):
    page = lab
    probe = page.evaluate(BRIDGE_PROBE)
    assert probe["plain"] is True
    assert probe["nulls"] == [True, True]  # Python's None is JSON null, not undefined
    assert probe["loss"] == "number"
    assert probe["invalid"]["isError"] is True
    assert probe["invalid"]["name"] == "ValueError"
    assert probe["invalid"]["message"].startswith("layers:")
    assert "Traceback" not in probe["invalid"]["message"]
    assert probe["unknown"]["name"] == "AttributeError"


def test_a_server_sending_the_wrong_wasm_mime_type_is_told_what_to_send(page, open_lab):
    def as_octet_stream(route):
        response = route.fetch()
        route.fulfill(response=response, headers={
            **response.headers, "content-type": "application/octet-stream"})

    page.route(re.compile(r"/pyodide\.asm\.wasm$"), as_octet_stream)
    open_lab(wait_ready=False)
    expect(page.locator("#load-error-reason")).to_contain_text(
        "the server must send application/wasm", timeout=20_000)


@pytest.mark.allow_errors(r"wasm", r"WebAssembly")
def test_a_wasm_damaged_in_the_middle_is_named_at_once_not_after_a_timeout(page, open_lab,
                                                                           lab_dist):
    """Right magic bytes and length, a few wrong bytes half-way: its sha256 gives it away."""
    data = bytearray((lab_dist / "pyodide" / "pyodide.asm.wasm").read_bytes())
    middle = len(data) // 2
    data[middle:middle + 16] = bytes(16)
    page.route(re.compile(r"/pyodide\.asm\.wasm$"), lambda route: route.fulfill(
        status=200, body=bytes(data), headers={"Content-Type": "application/wasm"}))
    open_lab(wait_ready=False)
    expect(page.locator("#load-error-reason")).to_contain_text(
        "pyodide/pyodide.asm.wasm is damaged: its sha256 does not match", timeout=30_000)
    expect(page.locator("#retry-btn")).to_be_visible()
    page.unroute(re.compile(r"/pyodide\.asm\.wasm$"))
    page.locator("#retry-btn").click()
    expect(page.locator("#step-btn")).to_be_enabled(timeout=90_000)


def test_a_corrupted_engine_wheel_is_named(page, open_lab):
    page.route(re.compile(r"/py/backprop-[^/]*\.whl$"),
               lambda route: route.fulfill(status=200, body=b"PK\3\4 not the engine"))
    open_lab(wait_ready=False)
    expect(page.locator("#load-error-reason")).to_contain_text(
        re.compile(r"py/backprop-.*\.whl is damaged: its sha256 does not match"), timeout=30_000)
    expect(page.locator("#load-status")).to_be_hidden()


def test_on_a_slow_network_the_bar_moves_with_the_bytes_received(page, open_lab):
    """At 4 MB/s the runtime's 15 MB take seconds: the label counts megabytes, the bar grows."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 20, "downloadThroughput": 4e6, "uploadThroughput": 4e6})
    open_lab(wait_ready=False)
    seen = []
    for _ in range(600):
        label = page.locator("#load-label").text_content()
        value = page.locator("#load-progress").evaluate("(bar) => bar.value")
        if not seen or seen[-1] != (label, value):
            seen.append((label, value))
        if page.locator("#step-btn").is_enabled():
            break
        page.wait_for_timeout(50)
    expect(page.locator("#step-btn")).to_be_enabled(timeout=90_000)
    counted = [label for label, _ in seen if re.search(r"\d+\.\d of \d+\.\d MB", label)]
    received = [float(re.search(r"(\d+\.\d) of", label).group(1)) for label in counted]
    assert received == sorted(received) and len(set(received)) >= 3, seen
    values = [value for _, value in seen]
    assert values == sorted(values) and len(set(values)) >= 4  # it moves, and only forward


PYTHON_MODULE_FILES = """async () => {
  const { modules } = await import("./js/main.bundle.js");
  const engine = await modules["js/engine/start.js"].engineLoading;
  return engine.inspect(`(lambda sys: {
    name: [sys.modules[name].__file__, sys.modules[name].__spec__.cached,
           open(sys.modules[name].__spec__.cached, "rb").read(16).hex()]
    for name in ("numpy", "numpy._core.multiarray", "backprop.api", "json", "pickle")})(
    __import__("sys"))`);
}"""


def test_the_pages_python_runs_the_builds_bytecode_instead_of_compiling_the_sources(lab):
    files = lab.evaluate(PYTHON_MODULE_FILES)
    for name in ("numpy", "numpy._core.multiarray", "backprop.api"):
        source, cached, header = files[name]
        assert source.startswith("/lib/python3.12/site-packages/") and source.endswith(".py")
        assert "/__pycache__/" in cached and cached.endswith(".cpython-312.pyc")
        assert int.from_bytes(bytes.fromhex(header)[4:8], "little") == 0b01, name  # the build's
    for name, path in (("json", "json/__init__.pyc"), ("pickle", "pickle.pyc")):
        assert files[name][0] == f"/lib/python3.12/stdlib-bytecode/{path}"


IMPORT_MACHINERY = """async () => {
  const { modules } = await import("./js/main.bundle.js");
  const engine = await modules["js/engine/start.js"].engineLoading;
  return engine.inspect(`(lambda sys, importlib: [
    importlib.invalidate_caches.__module__ + "." + importlib.invalidate_caches.__qualname__,
    "importlib.metadata" in sys.modules])(__import__("sys"), __import__("importlib"))`);
}"""


def test_loading_numpy_leaves_the_stdlib_zip_alone_and_importlib_as_python_has_it(lab):
    invalidate, metadata_imported = lab.evaluate(IMPORT_MACHINERY)
    assert invalidate == "importlib.invalidate_caches"  # put back after numpy loaded
    # Pyodide's own invalidate_caches would have imported importlib.metadata (~130 ms) on the way
    assert metadata_imported is False
