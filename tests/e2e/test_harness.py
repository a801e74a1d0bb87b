"""The harness's own promise, checked: a guarded page that asks another origin for anything, logs a
console error or throws an uncaught error makes its test fail (see conftest.py's LabGuard), on a
page of its own and on the module's shared, booted-once page alike."""

import pytest


def wait_for_problems(page, guard, count: int) -> None:
    """Let Playwright deliver the page's events (the sync API only does so inside its calls)."""
    for _ in range(100):
        if len(guard.problems) >= count:
            return
        page.wait_for_timeout(50)


def expect_failure(guard, *fragments: str) -> None:
    """guard.check() fails the test naming every fragment; later problems are then tolerated."""
    with pytest.raises(pytest.fail.Exception) as failure:
        guard.check()
    for fragment in fragments:
        assert fragment in str(failure.value)
    guard.allow(".")


def test_an_off_origin_request_is_aborted_and_fails_the_test(page, lab_url, lab_guard):
    # manifest.json is of the lab's origin but has no CSP, so the request reaches the guard.
    page.goto(lab_url + "manifest.json")
    outcome = page.evaluate(
        "fetch('http://127.0.0.2:9/elsewhere.js').then(() => 'loaded', () => 'refused')")
    assert outcome == "refused"
    wait_for_problems(page, lab_guard, 1)
    expect_failure(lab_guard, "off-origin request aborted: GET http://127.0.0.2:9/elsewhere.js")


def test_a_console_error_or_an_uncaught_page_error_fails_the_test(page, lab_url, lab_guard):
    page.goto(lab_url + "manifest.json")
    page.evaluate("console.error('harness self-test: logged')")
    page.evaluate("setTimeout(() => { throw new Error('harness self-test: thrown'); })")
    wait_for_problems(page, lab_guard, 2)
    expect_failure(lab_guard, "console error: harness self-test: logged",
                   "page error: harness self-test: thrown")


def test_a_clean_page_passes(page, lab_url, lab_guard):
    page.goto(lab_url + "manifest.json")
    page.evaluate("console.log('not an error')")
    lab_guard.check()
    assert lab_guard.problems == []


def test_on_the_shared_page_a_console_error_fails_the_test_it_happens_in(lab, lab_guard):
    lab.evaluate("console.error('harness self-test: shared page')")
    lab.evaluate("fetch('http://127.0.0.2:9/elsewhere.js').catch(() => {})")
    wait_for_problems(lab, lab_guard, 2)
    # The lab's CSP refuses the request itself (a console error naming it): either way it fails.
    expect_failure(lab_guard, "console error: harness self-test: shared page",
                   "http://127.0.0.2:9/elsewhere.js")


def test_the_next_test_on_the_shared_page_starts_clean(lab, lab_guard):
    lab.evaluate("window.backpropLab.step(1)")
    lab_guard.check()
    assert lab_guard.problems == []
