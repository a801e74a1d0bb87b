"""The harness's own promise, checked: a guarded page that asks another origin for anything, logs a
console error or throws an uncaught error makes its test fail (see conftest.py's LabGuard), on a
page of its own and on the module's shared, booted-once page alike. And the tolerance between the
page's numbers and CPython's (demo_support.across_runtimes): the last bits, and nothing more."""

import pytest
from conftest import restore_lab
from demo_support import across_runtimes

import backprop.api as api


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


def chosen(value):
    """A setting's value other than its default, within every setting's limits."""
    return [0.5 if v != 0.5 else 0.25 for v in value] if isinstance(value, list) else (
        0.5 if value != 0.5 else 0.25)


def test_restoring_the_shared_page_gives_every_optimizer_its_defaults_again(lab):
    """Settings chosen for each optimizer, then SGD, which takes none of them: the page keeps them
    unseen, and restoring must reset them, or a later test switching optimizer would get them."""
    optimizers = api.describe()["optimizers"]
    for name, entry in optimizers.items():
        settings = {key: chosen(value) for key, value in entry["settings"].items() if key != "lr"}
        state = lab.evaluate("(optimizer) => window.backpropLab.setState({ optimizer })",
                             {"name": name, **settings})
        assert state["optimizer"] == {"name": name, "lr": state["lr"], **settings}
    lab.evaluate("window.backpropLab.setState({ optimizer: 'sgd' })")
    restore_lab(lab)
    for name, entry in optimizers.items():
        state = lab.evaluate("(name) => window.backpropLab.setState({ optimizer: name })", name)
        assert state["optimizer"] == {"name": name, **entry["settings"], "lr": 0.01}


def test_numbers_from_two_numpy_builds_agree_to_the_last_bits_and_no_further():
    assert 1.5875835832187446 == across_runtimes(1.587583583218745)  # one ulp, seen on AMD EPYC
    assert 1.58758358321 != across_runtimes(1.587583583218745)
    assert 0.0 == across_runtimes(0.0) and 1e-300 != across_runtimes(0.0)
    # A loss fallen to 5e-13 keeps its prediction's absolute error: measured on its curve's scale.
    assert [1.6, 5.0000001e-13] == across_runtimes([1.6, 5e-13])
    assert [1.6, 5.1e-12] != across_runtimes([1.6, 5e-13])


def test_across_runtimes_everything_but_a_number_must_be_equal():
    assert [[-0.758, 0.5]] != across_runtimes([[-0.758]])
    assert {"step": 3, "loss": 1.0} != across_runtimes({"step": 4, "loss": 1.0})
    assert {"step": 3} != across_runtimes({"step": 3, "loss": 1.0})
    assert [None, True, "sgd"] == across_runtimes([None, True, "sgd"])
    assert [None, True] != across_runtimes([0, 1])
    assert (1.0, 2.0) != across_runtimes([1.0, 2.0])
    assert float("nan") != across_runtimes(float("nan"))
