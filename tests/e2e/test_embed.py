"""Embedding: a course page on another origin frames the lab with embed=1 and hears it (ready,
its height in H5P's and Canvas's protocols, stepped), drives it by postMessage and gets replies at
its own origin only; the compact layout; the Embed dialog's iframe code and its Copy button.
Two boots for the module: one framed lab (with storage blocked, as in a third-party iframe) and one
full page, each shared by its tests and checked by a strict guard after every test."""

import json
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from conftest import READY_TIMEOUT_MS, LabGuard, origin_of, wait_until_ready
from playwright.sync_api import expect

import build

HOST_DIR = Path(__file__).parent / "embed_host"
SHOTS = Path("/tmp/shots-embed")
TITLE = "Backprop Lab: backpropagation, one step at a time"

# What a browser does in a third-party iframe with storage blocked: touching it throws.
BLOCK_STORAGE = """
if (location.origin === %r) {
  for (const name of ["localStorage", "sessionStorage"]) {
    Object.defineProperty(window, name, { configurable: true, get() {
      throw new DOMException("The operation is insecure.", "SecurityError");
    } });
  }
}
"""


def guarded_page(browser, guard, **context_options):
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 800}, **context_options})
    context.route("**/*", guard.route)
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and guard.record(
        f"console error: {msg.text} ({msg.location.get('url', '')})"))
    page.on("pageerror", lambda err: guard.record(f"page error: {err}"))
    return context, page


@pytest.fixture(scope="module")
def host_url():
    server, url = build.start_server(HOST_DIR, port=0, quiet=True)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def framed_session(browser, lab_url, host_url):
    guard = LabGuard(origin_of(lab_url))
    guard.allow_origin(origin_of(host_url))  # this module's host page, nowhere else
    context, page = guarded_page(browser, guard)
    context.add_init_script(BLOCK_STORAGE % origin_of(lab_url))
    page.goto(f"{host_url}host.html?lab={quote(lab_url + '#embed=1', safe='')}")
    page.wait_for_function(
        "() => window.received.some((m) => m.data?.type === 'backprop-lab:ready')",
        timeout=READY_TIMEOUT_MS)
    frame = next(f for f in page.frames if f.url.startswith(lab_url))
    yield SimpleNamespace(page=page, frame=frame, lab=page.frame_locator("#lab"), guard=guard,
                          lab_url=lab_url, host_origin=origin_of(host_url))
    context.close()


@pytest.fixture
def host(framed_session):
    yield framed_session
    framed_session.guard.check()


@pytest.fixture(scope="module")
def full_session(browser, lab_url):
    guard = LabGuard(origin_of(lab_url))
    context, page = guarded_page(browser, guard)
    page.goto(lab_url + "#x=1,0.5&t=2&lr=0.05&seed=7")
    wait_until_ready(page)
    yield SimpleNamespace(page=page, context=context, guard=guard, lab_url=lab_url)
    context.close()


@pytest.fixture
def full(full_session):
    yield full_session
    full_session.guard.check()


def messages(page, kind=None):
    """Data of every message the host received from the lab (optionally of one type only)."""
    return page.evaluate("""(kind) => window.received.map((m) => m.data)
        .filter((d) => !kind || d?.type === kind)""", kind)


def send_and_wait(page, reply_type, kind, **fields):
    """Host sends {type: "backprop-lab:<kind>", ...fields}; returns the first reply of reply_type
    ("stepped", "state", "error") that arrives after it."""
    before = len(messages(page))
    page.evaluate("(command) => window.send(command)", {"type": f"backprop-lab:{kind}", **fields})
    handle = page.wait_for_function("""([before, type]) => window.received.slice(before)
        .find((m) => m.data?.type === type)?.data""", arg=[before, f"backprop-lab:{reply_type}"])
    return handle.json_value()


def h5p_messages(page, since=0):
    return [d for d in messages(page)[since:] if isinstance(d, dict) and d.get("context") == "h5p"]


def lab_state(host, key):
    return host.frame.evaluate("(key) => window.backpropLab.getState()[key]", key)


def frame_content_height(frame):
    return frame.evaluate("() => document.body.scrollHeight")


def speaks(host, *protocols, frame_height=None):
    """The host understands only these resize protocols (and sets the frame's height, if given)."""
    host.page.evaluate("""([protocols, height]) => {
        window.speaks = { h5p: protocols.includes('h5p'), lti: protocols.includes('lti') };
        if (height) document.getElementById('lab').style.height = `${height}px`;
      }""", [list(protocols), frame_height])


def wait_for_frame_height(host, target=None):
    """Until the iframe is target px tall (default: as tall as the lab's content)."""
    target = frame_content_height(host.frame) if target is None else target
    host.page.wait_for_function(
        "(px) => Math.abs(document.getElementById('lab').clientHeight - px) <= 1", arg=target)


# Framed, cross-origin


def test_the_host_page_hears_ready_from_the_lab_origin(host):
    received = host.page.evaluate("() => window.received")
    ready = [m for m in received if isinstance(m["data"], dict)
             and m["data"].get("type") == "backprop-lab:ready"]
    assert ready == [{"origin": origin_of(host.lab_url),
                      "data": {"type": "backprop-lab:ready", "protocol": 1}}]


def test_a_host_speaking_only_h5p_gets_the_frame_fitted_after_the_hello_handshake(host):
    assert h5p_messages(host.page)[0] == {"context": "h5p", "action": "hello"}
    speaks(host, "h5p", frame_height=300)
    before = len(messages(host.page))
    host.page.evaluate("() => window.send({ context: 'h5p', action: 'resize' })")  # window resized
    wait_for_frame_height(host)
    # The host sets the height on prepareResize: the lab's resize that follows may still be on
    # its way when the frame has its height.
    host.page.wait_for_function("""(before) => window.received.slice(before)
        .some((m) => m.data?.context === 'h5p' && m.data.action === 'resize')""", arg=before)
    sent = h5p_messages(host.page, before)
    assert [d["action"] for d in sent] == ["prepareResize", "resize"]
    assert set(sent[0]) == {"context", "action", "scrollHeight", "clientHeight"}
    assert sent[1] == {"context": "h5p", "action": "resize",
                       "scrollHeight": frame_content_height(host.frame)}
    speaks(host, "h5p", "lti")


def test_a_host_speaking_only_lti_gets_the_frame_fitted_from_a_json_string(host):
    speaks(host, "lti", frame_height=300)
    before = len(messages(host.page))
    host.lab.locator(".guide-more summary").first.click()
    wait_for_frame_height(host)
    strings = [d for d in messages(host.page)[before:] if isinstance(d, str)]
    assert json.loads(strings[-1]) == {"subject": "lti.frameResize",
                                       "height": frame_content_height(host.frame)}
    host.lab.locator(".guide-more summary").first.click()
    wait_for_frame_height(host)
    speaks(host, "h5p", "lti")


def test_the_frame_grows_and_shrinks_with_the_content_without_inner_scrolling(host):
    wait_for_frame_height(host)
    short = host.page.locator("#lab").bounding_box()["height"]
    assert host.frame.evaluate("() => document.documentElement.scrollHeight <= innerHeight + 1")
    host.lab.locator(".guide summary").last.click()
    host.page.wait_for_function(
        "(short) => document.getElementById('lab').clientHeight > short + 50", arg=short)
    wait_for_frame_height(host)
    host.lab.locator(".guide summary").last.click()
    wait_for_frame_height(host, short)
    assert {"h5p", "lti"} <= {h["protocol"] for h in host.page.evaluate("() => window.heights")}


def test_a_step_command_is_answered_with_stepped_and_the_frame_shows_it(host):
    start = lab_state(host, "step")
    stepped = send_and_wait(host.page, "stepped", "step", n=3)
    assert set(stepped) == {"type", "step", "loss", "prediction"}
    assert stepped["step"] == start + 3
    assert isinstance(stepped["loss"], float) and isinstance(stepped["prediction"], float)
    expect(host.lab.locator("#step-count")).to_have_text(str(start + 3))
    assert send_and_wait(host.page, "stepped", "step")["step"] == start + 4


def test_a_learners_own_step_is_told_to_the_host_too(host):
    start = lab_state(host, "step")
    before = len(messages(host.page))
    host.lab.locator("#step-btn").click()
    host.page.wait_for_function("""(before) => window.received.slice(before)
        .some((m) => m.data?.type === 'backprop-lab:stepped')""", arg=before)
    assert messages(host.page, "backprop-lab:stepped")[-1]["step"] == start + 1


def test_set_state_seek_reset_and_get_state_answer_with_the_state(host):
    state = send_and_wait(host.page, "state", "setState", state={"lr": 0.05})["state"]
    assert state["lr"] == 0.05
    expect(host.lab.locator("#lr-input")).to_have_value("0.05")
    send_and_wait(host.page, "stepped", "step", n=2)
    state = send_and_wait(host.page, "state", "seek", step=1)["state"]
    assert state["step"] == 1 and len(state["history"]) == 2
    state = send_and_wait(host.page, "state", "reset", seed=7)["state"]
    assert (state["step"], state["seed"]) == (0, 7)
    assert send_and_wait(host.page, "state", "getState")["state"]["seed"] == 7
    expect(host.lab.locator("#step-count")).to_have_text("0")


def test_a_command_with_bad_values_is_answered_with_the_labs_error(host):
    lr = lab_state(host, "lr")
    error = send_and_wait(host.page, "error", "setState", state={"lr": -1})
    assert (error["command"], error["name"]) == ("setState", "ValueError")
    assert error["message"].startswith("lr:")
    error = send_and_wait(host.page, "error", "step", n=0)
    assert (error["command"], error["name"]) == ("step", "ValueError")
    assert send_and_wait(host.page, "error", "seek", step=10**6)["command"] == "seek"
    assert lab_state(host, "lr") == lr


def test_messages_of_the_wrong_shape_are_ignored(host):
    step = lab_state(host, "step")
    before = len(messages(host.page))
    for junk in ["backprop-lab:step", {"type": "backprop-lab:step", "n": "3"},
                 {"type": "backprop-lab:stepAll"}, {"type": "backprop-lab:setState", "state": [1]},
                 {"type": "backprop-lab:setState"}, {"type": "backprop-lab:seek", "step": "1"},
                 {"type": "step", "n": 1}, None, [1, 2]]:
        host.page.evaluate("(junk) => window.send(junk)", junk)
    assert send_and_wait(host.page, "state", "getState")["state"]["step"] == step
    after = [d for d in messages(host.page)[before:] if isinstance(d, dict) and "type" in d]
    assert [d["type"] for d in after] == ["backprop-lab:state"]


# The handler itself, fed events from two origins: what it posts and to which origin.
REPLY_TARGETS = """async () => {
    const url = new URL('js/embed/protocol.js', document.baseURI).href;
    const { handleMessage } = await import(url);
    const posted = [];
    const source = { postMessage: (message, target) => posted.push([message.type, target]) };
    const channel = { host: null, lastStep: null };
    const api = window.backpropLab;
    const send = (data, origin) => handleMessage({ data, origin, source }, api, channel);
    await send({ type: 'backprop-lab:getState' }, 'https://lms.example');
    await send({ type: 'backprop-lab:setState', state: { lr: -2 } }, 'https://lms.example');
    await send({ type: 'backprop-lab:getState' }, 'null');
    return { posted, host: channel.host };
}"""


def test_replies_target_the_senders_origin_and_never_star(host):
    targets = host.frame.evaluate(REPLY_TARGETS)
    assert targets["posted"] == [["backprop-lab:state", "https://lms.example"],
                                 ["backprop-lab:error", "https://lms.example"]]
    assert targets["host"] == "https://lms.example"
    origins = {m["origin"] for m in host.page.evaluate("() => window.received")}
    assert origins == {origin_of(host.lab_url)}


def test_embed_mode_hides_the_header_collapses_the_guide_and_links_to_the_full_page(host):
    expect(host.lab.locator(".masthead")).to_be_hidden()
    expect(host.lab.locator("#hash-error")).to_be_hidden()  # embed=1 is no bad scenario key
    expect(host.lab.locator("#embed-btn")).to_be_hidden()
    expect(host.lab.locator(".guide details[open]")).to_have_count(0)
    link = host.lab.get_by_role("link", name="Open full page")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("target", "_blank")
    send_and_wait(host.page, "state", "setState", state={"lr": 0.02})
    frame_hash = host.frame.evaluate("() => location.hash")
    assert frame_hash.endswith("&embed=1") and "lr=0.02" in frame_hash
    assert link.get_attribute("href") == host.lab_url + frame_hash.removesuffix("&embed=1")


def test_blocked_storage_in_the_frame_costs_no_error(host):
    touch = "() => { try { localStorage.length; return 'open'; } catch (e) { return e.name; } }"
    assert host.frame.evaluate(touch) == "SecurityError"
    assert send_and_wait(host.page, "stepped", "step")["step"] >= 1


@pytest.mark.parametrize("width", [1280, 375])
def test_embed_mode_in_a_600px_frame_screenshots(host, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    host.page.evaluate("""() => { window.applyResize = false;
        document.getElementById('lab').style.height = '600px'; }""")
    host.page.set_viewport_size({"width": width, "height": 800})
    host.lab.locator("#step-btn").click()
    host.page.wait_for_timeout(300)
    host.page.screenshot(path=str(SHOTS / f"embed-{width}.png"))
    assert host.frame.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    host.page.evaluate("() => { window.applyResize = true; }")
    host.page.set_viewport_size({"width": 1280, "height": 800})


# Full page


def test_the_full_page_shows_its_header_and_no_full_page_link(full):
    expect(full.page.locator(".masthead")).to_be_visible()
    expect(full.page.locator("#embed-bar")).to_be_hidden()
    assert "embed" not in full.page.evaluate("() => location.hash")


def test_the_embed_dialog_shows_iframe_code_for_the_scenario_on_screen(full):
    page = full.page
    page.evaluate("() => window.backpropLab.setState({ lr: 0.03 })")
    page.get_by_role("button", name="Embed").click()
    dialog = page.get_by_role("dialog", name="Embed this lab")
    expect(dialog).to_be_visible()
    scenario = page.evaluate("() => location.hash")
    assert "lr=0.03" in scenario
    src = (full.lab_url + scenario + "&embed=1").replace("&", "&amp;")
    expect(page.locator("#embed-code")).to_have_value(
        f'<iframe src="{src}" title="{TITLE}" width="100%" height="1500" '
        'style="border: 0; max-width: 100%;" allowfullscreen></iframe>')
    for lms in ["Moodle", "Canvas", "Blackboard"]:
        expect(dialog.locator("dt", has_text=lms)).to_be_visible()
    page.screenshot(path=str(SHOTS / "embed-dialog.png"))
    page.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()


def test_copy_puts_the_code_on_the_clipboard(full):
    page = full.page
    full.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=full.lab_url)
    page.get_by_role("button", name="Embed").click()
    page.get_by_role("button", name="Copy code").click()
    expect(page.locator("#embed-copy-status")).to_have_text("Copied.")
    code = page.locator("#embed-code").input_value()
    assert page.evaluate("() => navigator.clipboard.readText()") == code
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()


def test_with_the_clipboard_blocked_copy_selects_the_code_instead(full):
    page = full.page
    page.evaluate("""() => { navigator.clipboard.writeText = () =>
        Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')); }""")
    page.get_by_role("button", name="Embed").click()
    page.get_by_role("button", name="Copy code").click()
    expect(page.locator("#embed-copy-status")).to_contain_text("Ctrl+C")
    selected = page.evaluate("""() => { const code = document.getElementById('embed-code');
        return document.activeElement === code && code.selectionStart === 0
          && code.selectionEnd === code.value.length; }""")
    assert selected
    page.keyboard.press("Escape")
