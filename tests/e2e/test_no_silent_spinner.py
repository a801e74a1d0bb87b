"""Where the lab cannot start, it says why instead of spinning: the normal page opened from disk
points to the one-file version and to build.py --serve; inside a sandboxed frame without
allow-same-origin it names the missing flag. (Cold loads: loading is the subject.)"""

import shutil

import pytest
from playwright.sync_api import expect


def test_the_page_opened_from_disk_says_how_to_open_it(browser, lab_dist, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(lab_dist, copy)
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto((copy / "index.html").as_uri())
    reason = page.locator("#load-error-reason")
    expect(reason).to_be_visible()
    expect(reason).to_contain_text("opened from disk")
    expect(reason).to_contain_text("backprop-lab-offline.html")
    expect(reason).to_contain_text("python3 build.py --serve")
    expect(page.locator("#load-status")).to_be_hidden()
    # The browser's own refusal to load modules from disk is the only error there is.
    refused = ("Access to script at 'file:", "Failed to load resource: net::ERR_FAILED")
    assert errors and all(e.startswith(refused) for e in errors), errors
    context.close()


@pytest.mark.allow_errors(r"CORS|Access-Control|Failed to load module script|net::ERR_FAILED")
def test_in_a_sandbox_without_allow_same_origin_the_missing_flag_is_named(page, lab_url):
    page.set_content(f'<iframe sandbox="allow-scripts" title="Backprop Lab" src="{lab_url}" '
                     'width="900" height="600"></iframe>')
    frame = page.frame_locator("iframe")
    reason = frame.locator("#load-error-reason")
    expect(reason).to_be_visible(timeout=20_000)
    expect(reason).to_contain_text("allow-same-origin")
    expect(frame.locator("#load-status")).to_be_hidden()
