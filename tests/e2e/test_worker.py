"""The engine runs in a dedicated worker, never on the page's main thread; a worker that stops
(terminated here, as a crash or the browser would) loses nothing: the page says so in one
sentence, every run is rebuilt to the same step, weights and history, and the page keeps working;
a message of the wrong shape from the worker rejects the call as an InternalError."""

import re

from playwright.sync_api import expect

ENGINE = """async () => {
  const { modules } = await import("./js/main.bundle.js");
  window.__engine = await modules["js/engine/start.js"].engineLoading;
}"""
# The engine's own record of the lab's run (whole history), as plain JSON: typed arrays as lists.
ENGINE_RUN = """async () => {
  const run = window.backpropLab.getState().run;
  const frame = await window.__engine.call("frame", { run, since: null });
  return JSON.parse(JSON.stringify(frame, (key, value) =>
    ArrayBuffer.isView(value) ? Array.from(value) : value));
}"""
PAGE_RUN = """() => {
  const { step, weights, loss, history } = window.backpropLab.getState();
  return { step, weights, loss, history };
}"""
TERMINATE = "() => window.__engine.terminateForTest()"
# The notice comes once a new worker has booted Pyodide and rebuilt the run: a whole boot.
RECOVERY_MS = 60_000
NOTICE = re.compile(r"^The engine stopped and was restarted; your run was rebuilt at step \d+\.$")


def answers(worker):
    """Whether a worker is alive: it evaluates an expression in its own scope."""
    try:
        return worker.evaluate("typeof document") == "undefined"
    except Exception:  # Playwright's error for a worker that has gone
        return False


def engine_of(page):
    page.evaluate(ENGINE)
    return page


def edit_weight(page, edge, value):
    page.click(f'#weights [data-edge="{edge}"]')
    page.fill("#weight-input", value)
    page.click("#weight-edit button")
    page.click("#receipt-close")


def test_pyodide_is_not_on_the_main_thread_and_the_engine_answers_from_a_worker(lab):
    engine_of(lab)
    globals_ = lab.evaluate("""() => ["loadPyodide", "pyodide", "_createPyodideModule"]
        .filter((name) => name in globalThis)""")
    assert globals_ == []
    engines = [w for w in lab.workers if w.url.endswith("/js/engine-worker.bundle.js")]
    assert len([w for w in engines if answers(w)]) == 1  # one engine (a page left earlier may
    # still be listed until its worker's close event arrives)
    # The engine's Python: in the worker, whose global scope has no document.
    assert lab.evaluate("""() => window.__engine.inspect(
        `[__import__("sys").platform, hasattr(__import__("js"), "document")]`)""") == [
        "emscripten", False]
    assert lab.evaluate("() => window.backpropLab.step(2).then((state) => state.step)") == 2


def test_a_worker_terminated_mid_run_is_replaced_and_the_run_rebuilt_exactly(open_lab):
    page = engine_of(open_lab())
    page.evaluate("window.backpropLab.step(5)")
    edit_weight(page, "0-2-0", "0.25")
    page.evaluate("window.backpropLab.step(4)")
    page.evaluate("window.backpropLab.seek(7)")
    page.evaluate("window.backpropLab.step(2)")
    before, shown = page.evaluate(ENGINE_RUN), page.evaluate(PAGE_RUN)
    assert before["step"] == shown["step"] == 9
    old_worker = page.workers[0]
    page.evaluate(TERMINATE)
    expect(page.locator("#engine-notice")).to_be_visible()
    expect(page.locator("#engine-notice")).to_have_text(
        "The engine stopped and was restarted; your run was rebuilt at step 9.",
        timeout=RECOVERY_MS)
    assert old_worker not in page.workers and len(page.workers) == 1
    assert page.evaluate(ENGINE_RUN) == before  # step, weights, optimizer state, every row
    page.click("#step-btn")
    expect(page.locator("#step-count")).to_have_text("10")
    after = page.evaluate(PAGE_RUN)
    assert after["history"][:-1] == shown["history"]
    assert [row["step"] for row in after["history"]] == list(range(11))
    assert page.evaluate(ENGINE_RUN)["weights"] == after["weights"]
    expect(page.locator("#load-error")).to_be_hidden()


def test_a_worker_terminated_during_play_is_replaced_and_play_goes_on(open_lab):
    page = engine_of(open_lab())
    page.evaluate("() => { window.__played = window.backpropLab.play({ speed: 'max' }); }")
    page.wait_for_function("() => window.backpropLab.getState().step >= 20")
    page.evaluate("() => { window.__engine.terminateForTest(); }")
    expect(page.locator("#engine-notice")).to_have_text(NOTICE, timeout=RECOVERY_MS)
    reached = page.evaluate("window.backpropLab.getState().step")
    page.wait_for_function("(at) => window.backpropLab.getState().step >= at + 20", arg=reached)
    page.evaluate("window.backpropLab.pause()")
    assert page.evaluate("window.__played.then((result) => result.reason)") == "paused"
    shown = page.evaluate(PAGE_RUN)
    engine = page.evaluate(ENGINE_RUN)
    assert engine["step"] == shown["step"] and engine["weights"] == shown["weights"]
    assert [row["step"] for row in shown["history"]] == list(range(shown["step"] + 1))
    assert [row["loss"] for row in engine["history"]["rows"]] == [
        row["loss"] for row in shown["history"]]
    page.click("#step-btn")
    expect(page.locator("#step-count")).to_have_text(str(shown["step"] + 1))


# The engine's answers made unreadable from inside the worker: its wire encoder returns a number
# where the JSON text belongs, so the worker posts {type: "answer", text: 123, …}.
BREAK_ANSWERS = """setattr(__import__("backprop.api").api, "wire", type("Broken", (), {
    "encode": staticmethod(lambda value: (123, None))})) or "broken\""""
MEND_ANSWERS = """setattr(__import__("backprop.api").api, "wire",
    __import__("backprop.wire").wire) or "mended\""""


def test_a_worker_message_of_the_wrong_shape_rejects_the_call_as_an_internal_error(open_lab):
    page = engine_of(open_lab())
    assert page.evaluate("(code) => window.__engine.inspect(code)", BREAK_ANSWERS) == "broken"
    failure = page.evaluate("""() => window.__engine.call("describe").then(() => null,
        (error) => ({ name: error.name, message: error.message }))""")
    assert failure == {"name": "InternalError",
                       "message": 'the engine sent a "answer" message with a bad text.'}
    assert page.evaluate("(code) => window.__engine.inspect(code)", MEND_ANSWERS) == "mended"
    assert page.evaluate("() => window.backpropLab.step(1).then((state) => state.step)") == 1
    expect(page.locator("#engine-notice")).to_be_hidden()


# A Python error the engine's dispatch does not catch (it catches Exception, not SystemExit): to
# the worker, a runtime that broke in the middle of a call.
BREAK_RUNTIME = """setattr(__import__("backprop.api").api, "wire", type("Broken", (), {
    "encode": staticmethod(lambda value: (_ for _ in ()).throw(SystemExit(3)))})) or "broken\""""


def test_a_runtime_that_breaks_during_a_call_is_replaced_and_the_call_answered(open_lab):
    page = engine_of(open_lab())
    page.evaluate("window.backpropLab.step(3)")
    assert page.evaluate("(code) => window.__engine.inspect(code)", BREAK_RUNTIME) == "broken"
    assert page.evaluate("() => window.backpropLab.step(1).then((state) => state.step)") == 4
    expect(page.locator("#engine-notice")).to_have_text(
        "The engine stopped and was restarted; your run was rebuilt at step 3.")
    assert page.evaluate(ENGINE_RUN)["step"] == 4
