"""Hostile input: whatever arrives through the URL, a state file, a CSV table or a message from
another window is shown as text, never interpreted as HTML or followed as a javascript: link, and
only the documented message shapes are acted on."""
import json
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

PAYLOAD = '<img src=x onerror="window.__pwned=1">'
SCRIPT_URL = "javascript:window.__pwned=1"


def nothing_ran(page) -> None:
    """No injected element exists and no payload ran."""
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[src='x']").count() == 0


def state_of(page):
    return page.evaluate("window.backpropLab.getState()")


def set_hash(page, hash_text: str) -> None:
    page.evaluate("(hash) => { location.hash = hash; }", hash_text)


@pytest.mark.parametrize("key", ["x", "t", "lr", "seed", "w", "layers", "opt", "dataset", "loss"])
def test_an_html_payload_in_any_link_value_is_named_as_text_and_runs_nothing(lab, key):
    before = state_of(lab)
    set_hash(lab, f"#{key}={quote(PAYLOAD)}")
    box = lab.locator("#hash-error")
    expect(box).to_be_visible()
    expect(box).to_contain_text(f"{key}:")
    nothing_ran(lab)
    # The rest of the link was empty: the defaults run, the page still steps.
    after = lab.evaluate("window.backpropLab.step(1)")
    assert after["step"] == 1
    assert after["layers"] == before["layers"]
    set_hash(lab, "#x=1,0.5&t=2&lr=0.01&seed=0")  # a normal link hides the message again
    expect(box).to_be_hidden()


def test_a_javascript_url_in_the_link_never_becomes_a_link_on_the_page(lab):
    set_hash(lab, f"#embed=1&x={quote(SCRIPT_URL)}")
    expect(lab.locator("#hash-error")).to_be_visible()
    hrefs = lab.eval_on_selector_all("a[href]", "(links) => links.map((a) => a.href)")
    assert hrefs and not [href for href in hrefs if href.lower().startswith("javascript:")]
    nothing_ran(lab)
    set_hash(lab, "#x=1,0.5&t=2&lr=0.01&seed=0")


def test_a_state_file_full_of_html_is_refused_as_text(lab, tmp_path):
    before = state_of(lab)
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps({"app": PAYLOAD, "weights": [[[PAYLOAD]]], "inputs": [PAYLOAD]}))
    lab.set_input_files("#import-input", str(path))
    message = lab.locator("#import-msg")
    expect(message).to_be_visible()
    assert "<img" not in message.inner_html()
    nothing_ran(lab)
    assert state_of(lab)["run"] == before["run"]


def test_a_csv_table_with_html_cells_is_refused_as_text(lab):
    lab.select_option("#dataset-select", "custom")
    lab.fill("#csv-input", f"x1,x2,t\n0,{PAYLOAD},1")
    lab.get_by_role("button", name="Use these rows").click()
    message = lab.locator("#csv-input-msg")
    expect(message).to_contain_text("Row 2, column 2")
    assert "<img" not in message.inner_html()
    nothing_ran(lab)
    assert state_of(lab)["dataset"] is None


def test_messages_of_other_shapes_are_ignored(lab):
    """Only {type: "backprop-lab:<command>", ...} with a valid body is acted on."""
    before = state_of(lab)
    hostile = [PAYLOAD, {"type": "step"}, {"type": "backprop-lab:eval", "code": "1"},
               {"type": "backprop-lab:step", "n": "<b>3</b>"},
               {"type": "backprop-lab:setState", "state": {"lr": PAYLOAD}},
               ["backprop-lab:step"], None]
    for message in hostile:
        lab.evaluate("(m) => window.postMessage(m, '*')", message)
    lab.wait_for_timeout(300)
    after = state_of(lab)
    unchanged = ("step", "lr", "run")
    assert [after[k] for k in unchanged] == [before[k] for k in unchanged]
    nothing_ran(lab)


@pytest.mark.allow_errors(r"Content Security Policy")
def test_the_content_security_policy_allows_no_inline_script(lab):
    csp = lab.locator("meta[http-equiv='Content-Security-Policy']").get_attribute("content")
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    ran = lab.evaluate("""() => {
      const s = document.createElement("script");
      s.textContent = "window.__pwned = 1";
      document.body.append(s);
      return window.__pwned ?? null;
    }""")
    assert ran is None
