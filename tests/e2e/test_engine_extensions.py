"""The page offers whatever the engine describes, with no JavaScript change: a build whose engine
has an optimizer, a setting, a state column, an activation, a loss and a data set of its own
(tests/toy_entries.py, added to a copy of site/py only) shows them in the settings card, the
updates table, the drawing, the Data card and the URL hash, checks them with the engine's rules,
and trains exactly as the engine does in CPython."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import boot_lab
from demo_support import SPEC_WEIGHTS, number, open_settings, same_numbers
from playwright.sync_api import expect

import build
from tests import toy_entries as toy

ROOT = Path(__file__).resolve().parents[2]
INSTALL = "\n\nfrom .toy_entries import install as _install_toy_entries  # noqa: E402\n" \
          "_install_toy_entries()\n"
SPEC = {"weights": SPEC_WEIGHTS, "inputs": [1.0, 0.5], "targets": [2.0]}
REFERENCE = """
import json, sys
import toy_entries
toy_entries.install()
from demo_support import engine_run
config, actions = json.load(sys.stdin)
print(json.dumps(engine_run(config, *actions)))
"""


@pytest.fixture(scope="module")
def booted_lab(browser, lab_url):
    """This module's own lab page (the session's shared one runs the plain site)."""
    yield from boot_lab(browser, lab_url)


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory):
    """This module's lab: the site with the toy entries in its engine, built and served."""
    site = tmp_path_factory.mktemp("toy-site") / "site"
    shutil.copytree(ROOT / "site", site)
    shutil.copy(ROOT / "tests" / "toy_entries.py", site / "py" / "backprop" / "toy_entries.py")
    with open(site / "py" / "backprop" / "api.py", "a", encoding="utf-8") as api:
        api.write(INSTALL)
    out = tmp_path_factory.mktemp("toy-lab") / "dist"
    build.build(out, site_dir=site)
    server, url = build.start_server(out, port=0, quiet=True)
    yield url
    server.shutdown()
    server.server_close()


def toy_engine_run(config, *actions):
    """engine_run (demo_support) in a CPython process whose engine has the toy entries."""
    paths = [str(ROOT / "site" / "py"), str(ROOT / "tests"), str(ROOT / "tests" / "e2e")]
    result = subprocess.run([sys.executable, "-c", REFERENCE], input=json.dumps([config, actions]),
                            capture_output=True, text=True, check=True,
                            env={"PYTHONPATH": ":".join(paths), "PATH": "/usr/bin:/bin"})
    return json.loads(result.stdout)


def optimizer_of(page):
    return page.evaluate("window.backpropLab.getState().optimizer")


def test_a_new_optimizer_brings_its_setting_rule_and_state_column(lab):
    page = open_settings(lab)
    page.select_option("#optimizer-select", toy.OPTIMIZER)
    expect(page.locator("#optimizer-select option:checked")).to_have_text("Toy trace descent")
    shown = page.eval_on_selector_all("#optimizer-settings [data-setting]:not([hidden])",
                                      "fs => fs.map((f) => f.dataset.setting)")
    assert shown == [toy.SETTING]
    expect(page.locator(f"label[for='{toy.SETTING}-input']")).to_have_text("Pull p")
    expect(page.locator("#optimizer-rule")).to_have_text(toy.TraceDescent.rule)
    expect(page.locator(f"#{toy.SETTING}-input")).to_have_value("0.5")  # the engine's default
    page.fill(f"#{toy.SETTING}-input", "0.3")
    page.locator(f"#{toy.SETTING}-input").dispatch_event("change")
    page.wait_for_function("() => window.backpropLab.getState().optimizer.pull === 0.3")
    page.click("#step10-btn")
    expect(page.locator("#step-count")).to_have_text("10")
    engine = toy_engine_run(SPEC, ("configure", {"optimizer": {"name": toy.OPTIMIZER, "lr": 0.01}}),
                            ("configure", {"optimizer": {"pull": 0.3}}), ("step", 10))
    state = page.evaluate("window.backpropLab.getState()")
    same_numbers(state["weights"], engine["weights"])
    assert state["optimizer"] == {"name": toy.OPTIMIZER, "lr": 0.01, "pull": 0.3}
    head = page.locator("#updates thead th").nth(2)
    expect(head).to_have_text("τ")
    assert toy.TraceDescent.state_columns[0]["formula"] in head.get_attribute("title")
    cell = page.locator('#updates tr[data-edge="1-0-2"] td.opt')
    assert number(cell.inner_text()) == pytest.approx(
        engine["optimizer_state"]["trace"]["weights"][1][0][2], rel=2e-2, abs=5e-4)
    assert f"opt={toy.OPTIMIZER}" in page.evaluate("location.hash").split("&")
    assert f"{toy.SETTING}=0.3" in page.evaluate("location.hash").split("&")


def test_a_link_sets_the_new_optimizer_and_its_setting(open_lab):
    page = open_lab(f"x=1,0.5&t=2&lr=0.02&seed=3&opt={toy.OPTIMIZER}&{toy.SETTING}=0.7")
    assert optimizer_of(page) == {"name": toy.OPTIMIZER, "lr": 0.02, "pull": 0.7}
    open_settings(page)
    expect(page.locator(f"#{toy.SETTING}-input")).to_have_value("0.7")
    page.evaluate("window.backpropLab.step(25)")
    engine = toy_engine_run({"seed": 3, "inputs": [1.0, 0.5], "targets": [2.0],
                             "optimizer": {"name": toy.OPTIMIZER, "lr": 0.02, "pull": 0.7}},
                            ("step", 25))
    same_numbers(page.evaluate("window.backpropLab.getState().weights"), engine["weights"])


def test_a_bad_value_of_the_new_setting_is_explained_where_it_was_typed(lab):
    page = open_settings(lab)
    page.evaluate(f"window.backpropLab.setState({{optimizer: '{toy.OPTIMIZER}'}})")
    before = optimizer_of(page)
    page.fill(f"#{toy.SETTING}-input", "1.5")
    page.locator(f"#{toy.SETTING}-input").dispatch_event("change")
    expect(page.locator(f"#{toy.SETTING}-msg")).to_have_text("Must be less than 1.")
    message = page.evaluate(f"window.backpropLab.setState({{optimizer: {{{toy.SETTING}: 2}}}})"
                            ".catch((e) => e.message)")
    assert message == "optimizer.pull: Must be less than 1."
    assert optimizer_of(page) == before


def test_a_new_activation_loss_and_data_set_are_offered_and_train_as_the_engine_does(lab):
    page = open_settings(lab)
    page.select_option("#activation-1", toy.ACTIVATION)
    page.wait_for_function("(a) => window.backpropLab.getState().config.hidden_activation === a",
                           arg=toy.ACTIVATION)
    expect(page.locator("#network")).to_contain_text("Softsign (toy)")
    page.select_option("#loss-select", toy.LOSS)
    page.wait_for_function("(l) => window.backpropLab.getState().config.loss === l", arg=toy.LOSS)
    page.select_option("#dataset-select", toy.DATASET)
    page.wait_for_function("(d) => window.backpropLab.getState().config.dataset?.name === d",
                           arg=toy.DATASET)
    expect(page.locator("#dataset-n-input")).to_have_value("40")
    page.evaluate("window.backpropLab.step(5)")
    engine = toy_engine_run({"weights": SPEC_WEIGHTS, "hidden_activation": toy.ACTIVATION,
                             "loss": toy.LOSS, "dataset": {"name": toy.DATASET}}, ("step", 5))
    same_numbers(page.evaluate("window.backpropLab.getState().weights"), engine["weights"])
    expect(page.locator("#guide-network")).to_contain_text("softsign, a(z) = z / (1 + |z|)")
    for key in (f"hidden_activation={toy.ACTIVATION}", f"loss={toy.LOSS}"):
        assert key in page.evaluate("location.hash").split("&")
