"""Data sets, as a learner uses them: every option of the Data card loads the engine's rows, a
mini-batch run shows the engine's batch losses and epochs, the sample picker (and a click on the
heatmap) changes what the drawing shows, the learner's own CSV rows are checked where they are
typed, the function-space heatmaps follow training, and a link reproduces the data. Numbers are
checked against the engine run in CPython."""

import json
import re
from pathlib import Path

import pytest
from demo_support import SPEC_WEIGHTS, across_runtimes, cell_texts, engine_run, number
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

import backprop.api as api

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
GENERATED = ["xor", "and", "or", "circle", "xor_quadrants", "gaussians", "spiral"]
XOR_CSV = "x1, x2, t\n0, 0, 0\n0, 1, 1\n1, 0, 1\n1, 1, 0\n"
SPIRAL = {"name": "spiral", "n": 200, "noise": 0.05, "seed": 0}
SPIRAL_RUN = {"layers": [2, 8, 8, 1], "dataset": SPIRAL, "batch_size": 20,
              "optimizer": {"name": "adam", "lr": 0.02}, "seed": 3}


def state_of(page):
    return page.evaluate("() => { const s = window.backpropLab.getState(); "
                         "return {...s, history: undefined}; }")


def wait_for_state(page, condition):
    page.wait_for_function("() => { const s = window.backpropLab.getState(); "
                           f"return Boolean({condition}); }}")


def engine_rows(dataset, layers=(2, 3, 1)):
    frame = api.create({"layers": list(layers), "dataset": dataset})
    try:
        return api.dataset(frame["run"])
    finally:
        api.drop(frame["run"])


def choose(page, name):
    page.select_option("#dataset-select", name)
    wait_for_state(page, f"s.dataset?.name === {json.dumps(name)}")


def test_every_generated_data_set_loads_the_engines_own_rows(lab):
    labels = lab.eval_on_selector_all("#dataset-select option", "os => os.map((o) => o.text)")
    assert labels[0] == "One example (the spec’s)" and labels[-1] == "Your own rows"
    description = api.describe()
    for name in GENERATED:
        choose(lab, name)
        state = state_of(lab)
        defaults = description["datasets"][name]["defaults"]
        expected = engine_rows({"name": name, **defaults})
        # The same rows; the browser's numpy may differ from CPython's in the last bit of a cosine.
        assert state["dataset"]["T"] == across_runtimes(expected["T"])
        assert len(state["dataset"]["X"]) == len(expected["X"])
        for shown, want in zip(state["dataset"]["X"], expected["X"], strict=True):
            assert shown == pytest.approx(want, rel=1e-12, abs=1e-15)
        assert lab.input_value("#dataset-n-input") == str(defaults["n"])
        expect(lab.locator("#epoch-item")).to_be_visible()
    lab.select_option("#dataset-select", "")
    wait_for_state(lab, "s.dataset === null")
    expect(lab.locator("#x1-input")).to_be_enabled()
    expect(lab.locator("#x1-input")).to_have_value("1")
    expect(lab.locator("#epoch-item")).to_be_hidden()
    expect(lab.locator("#loss-term")).to_have_text("Loss")


def test_a_mini_batch_run_shows_the_engines_batch_losses_epochs_and_loss_on_all_rows(lab):
    choose(lab, "spiral")
    lab.fill("#dataset-n-input", "40")
    lab.press("#dataset-n-input", "Enter")
    wait_for_state(lab, "s.dataset.n === 40")
    lab.fill("#batch-input", "8")
    lab.press("#batch-input", "Enter")
    wait_for_state(lab, "s.batch_size === 8")
    lab.get_by_role("button", name="10 steps").click()
    wait_for_state(lab, "s.step === 10")
    spiral = {**SPIRAL, "n": 40}
    expected = engine_run({"weights": SPEC_WEIGHTS, "batch_size": 8, "dataset": spiral},
                          ("step", 10))
    history = lab.evaluate("() => window.backpropLab.getState().history")
    losses = [row["loss"] for row in expected["history"]]
    assert [row["loss"] for row in history] == pytest.approx(losses)
    assert cell_texts(lab, "#history thead tr")[0][1] == "Batch loss"
    top = cell_texts(lab, "#history tr.history-row")[0]
    assert top[0] == "10" and number(top[1]) == pytest.approx(losses[-1], abs=5e-5)
    expect(lab.locator("#epoch-value")).to_have_text("2")  # 40 rows, batches of 8: 5 steps an epoch
    data_loss = number(lab.text_content("#data-loss-value"))
    assert data_loss == pytest.approx(expected["data_loss"], abs=5e-5)
    assert number(lab.text_content("#loss-value")) == pytest.approx(expected["loss"], abs=5e-5)
    expect(lab.locator("#loss-term")).to_have_text("Next batch loss")
    expect(lab.locator("#batch-note")).to_contain_text("5 steps make one epoch")
    expect(lab.locator("#batch-note")).to_contain_text("2 epochs done")
    full = lab.evaluate("() => window.backpropLab.setState({batch_size: null})"
                        ".then((s) => s.config)")
    assert full["batch_size"] is None
    expect(lab.locator("#batch-note")).to_contain_text("every step is one epoch")


def test_a_bad_mini_batch_size_is_refused_where_it_was_typed(lab):
    choose(lab, "xor")
    run = state_of(lab)["run"]
    lab.fill("#batch-input", "9")
    lab.press("#batch-input", "Enter")
    expect(lab.locator("#batch-input-msg")).to_have_text("Must be between 1 and 4.")
    expect(lab.locator("#batch-input")).to_have_attribute("aria-invalid", "true")
    assert state_of(lab)["run"] == run and state_of(lab)["batch_size"] is None


def test_the_sample_picker_shows_that_samples_forward_values_in_the_drawing(lab):
    choose(lab, "xor")
    lab.get_by_role("button", name="Next sample").click()
    wait_for_state(lab, "s.sample === 1")
    lab.get_by_role("button", name="Next sample").click()
    wait_for_state(lab, "s.sample === 2")
    xor = {"name": "xor", "n": 4, "noise": 0, "seed": 0}
    frame = engine_run({"weights": SPEC_WEIGHTS, "dataset": xor}, ("configure", {"sample": 2}))
    assert frame["inputs"] == [1.0, 0.0]
    expect(lab.locator('#network [data-node="0-0"] .node-value')).to_have_text("1.00")
    expect(lab.locator('#network [data-node="0-1"] .node-value')).to_have_text("0.00")
    for i in range(3):
        shown = lab.text_content(f'#network [data-node="1-{i}"] .node-value')
        assert number(shown) == pytest.approx(frame["forward"]["a"][1][0][i], abs=5.1e-3)
    out = lab.text_content('#network [data-node="2-0"] .node-value')
    assert number(out) == pytest.approx(frame["prediction"][0], abs=5.1e-3)
    lab.fill("#sample-input", "4")
    lab.press("#sample-input", "Enter")
    wait_for_state(lab, "s.sample === 3")
    lab.get_by_role("button", name="Previous sample").click()
    wait_for_state(lab, "s.sample === 2")
    lab.fill("#sample-input", "5")
    lab.press("#sample-input", "Enter")
    expect(lab.locator("#sample-input-msg")).to_have_text("Must be between 1 and 4.")


def test_clicking_a_point_on_the_heatmap_picks_that_sample(lab):
    choose(lab, "xor")
    canvas = lab.locator("#function-map canvas")
    # The map of this data set (it follows the run at the next frame), not the one before it.
    lab.wait_for_function("() => document.querySelector('#function-map canvas')"
                          "?.getAttribute('aria-label')?.includes('4 data points')")
    canvas.scroll_into_view_if_needed()
    x0, x1, y0, y1 = map(float, canvas.get_attribute("data-extent").split(","))
    box = canvas.bounding_box()
    point = (0.0, 1.0)  # row 1 of the XOR table
    canvas.click(position={"x": (point[0] - x0) / (x1 - x0) * box["width"],
                           "y": (y1 - point[1]) / (y1 - y0) * box["height"]})
    wait_for_state(lab, "s.sample === 1")
    expect(lab.locator("#sample-input")).to_have_value("2")
    expect(canvas).to_have_attribute("aria-label", re.compile(r"4 data points; sample 2 is ringed"))


@pytest.mark.parametrize("width", [1280, 375])
def test_the_rows_editor_with_its_upload_button_does_not_make_the_page_scroll_sideways(lab, width):
    lab.set_viewport_size({"width": width, "height": 800})
    lab.select_option("#dataset-select", "custom")
    expect(lab.get_by_text("Upload a .csv file…")).to_be_visible()
    assert lab.evaluate("document.documentElement.scrollWidth") <= width


def test_your_own_rows_are_used_as_pasted(lab):
    lab.select_option("#dataset-select", "custom")
    expect(lab.locator("#csv-input")).to_be_focused()
    lab.fill("#csv-input", XOR_CSV)
    lab.get_by_role("button", name="Use these rows").click()
    wait_for_state(lab, "s.dataset?.name === 'custom'")
    state = state_of(lab)
    assert state["dataset"]["X"] == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert state["dataset"]["T"] == [[0], [1], [1], [0]]
    expect(lab.locator("#csv-input-msg")).to_be_hidden()


BAD_TABLES = [
    ("", "The table is empty"),
    ("0,0,0\n1,1,1,1", "Row 2 has 4 values; this network (2 inputs, 1 output) needs 3 per row"),
    ("0,0,0\n0,abc,1", "Row 2, column 2: “abc” is not a number."),
    ("0,0,0\n0,1,NaN", "Row 2, column 3: NaN is not a number"),
    ("0,0,0\n0,,1", "Row 2, column 2 is empty."),
    ("0,0,0\n" * 1001, "The table has 1001 rows; at most 1000 are allowed."),
]


def test_each_kind_of_bad_table_gets_its_message_and_changes_nothing(lab):
    lab.select_option("#dataset-select", "custom")
    before = state_of(lab)
    for text, message in BAD_TABLES:
        lab.fill("#csv-input", text)
        lab.get_by_role("button", name="Use these rows").click()
        expect(lab.locator("#csv-input-msg")).to_contain_text(message)
        expect(lab.locator("#csv-input")).to_have_attribute("aria-invalid", "true")
        assert state_of(lab)["run"] == before["run"] and state_of(lab)["dataset"] is None
    lab.fill("#csv-input", "0,0,150")
    lab.get_by_role("button", name="Use these rows").click()
    expect(lab.locator("#csv-input-msg")).to_contain_text(
        "Row 1, column 3: Must be between -100 and 100.")


def test_an_uploaded_csv_file_is_checked_and_used(lab, tmp_path):
    lab.select_option("#dataset-select", "custom")
    path = tmp_path / "and.csv"
    path.write_text("0,0,0\n0,1,0\n1,0,0\n1,1,1\n")
    lab.set_input_files("#csv-file", str(path))
    wait_for_state(lab, "s.dataset?.name === 'custom'")
    assert state_of(lab)["dataset"]["T"] == [[0], [0], [0], [1]]
    expect(lab.locator("#csv-input")).to_have_value(path.read_text())  # the file, to edit further


def test_a_data_set_fits_the_network_to_its_inputs_and_outputs_and_says_so(lab):
    lab.evaluate("window.backpropLab.setState({layers: [3, 4, 2]})")
    with pytest.raises(Exception, match="needs layers starting with 2 and ending with 1, got"):
        lab.evaluate("window.backpropLab.setState({dataset: {name: 'circle'}})")
    choose(lab, "circle")
    assert state_of(lab)["layers"] == [2, 4, 1]
    expect(lab.locator("#dataset-note")).to_have_text(
        "Circle has 2 inputs and 1 output per row, so the network changed from 3-4-2 to 2-4-1.")


# The function map's RGBA is compared in the page: copied into Python it is millions of numbers.
MAP_PIXELS = """() => { const c = document.querySelector('#function-map canvas');
    return c.getContext('2d').getImageData(0, 0, c.width, c.height).data; }"""


def keep_map_pixels(page):
    page.evaluate(f"() => {{ window.__mapPixelsBefore = ({MAP_PIXELS})(); }}")


def map_pixels_changed(page):
    """(entries that differ from the kept pixels, entries now, entries kept); forgets them."""
    return page.evaluate(f"""() => {{
        const before = window.__mapPixelsBefore, after = ({MAP_PIXELS})();
        delete window.__mapPixelsBefore;
        let changed = 0;
        for (let k = 0; k < Math.min(before.length, after.length); k++) {{
          if (before[k] !== after[k]) changed++;
        }}
        return [changed, after.length, before.length]; }}""")


def start_spiral(page):
    page.locator("#network").scroll_into_view_if_needed()  # pictures are computed only when seen
    page.evaluate(f"window.backpropLab.setState({json.dumps(SPIRAL_RUN)})")
    page.wait_for_function("() => document.getElementById('function-map').closest('section')"
                           ".dataset.frameStep === '0' && "
                           "document.querySelectorAll('.node-map').length === 16")


def wait_for_map_of_step(page, step):
    """Until the function map shows `step`; if it never does, fail with what the card says.
    The map is brought into view first, as a person looks at it: the pictures are made only when
    seen, and 30 steps lengthen the tables above it (the map scrolled out of sight under load)."""
    page.locator("#function-map").scroll_into_view_if_needed()
    shown = """(step) => document.getElementById('function-map').closest('section')
        .dataset.frameStep === String(step)"""
    try:
        page.wait_for_function(shown, arg=step)
    except PlaywrightTimeout:
        card = page.evaluate("""async () => {
          const within = (promise) => Promise.race([promise,
            new Promise((done) => setTimeout(() => done("no answer in 1 s"), 1000))]);
          const frame = await within(new Promise((done) => requestAnimationFrame(
            () => done("ok"))));
          const seen = await within(new Promise((done) => {
            const o = new IntersectionObserver((es) => { o.disconnect();
              done(es.map((e) => `${e.target.id}:${e.isIntersecting}`).join(" ")); });
            o.observe(document.getElementById('function-map'));
            o.observe(document.getElementById('network'));
          }));
          return { frameStep: document.getElementById('function-map')
            .closest('section').dataset.frameStep, step: window.backpropLab.getState().step,
            note: document.getElementById('function-note').textContent,
            visibility: document.visibilityState, frame, seen, scrollY: window.scrollY };
        }""")
        pytest.fail(f"the function map never showed step {step}: {card}")


def test_the_heatmaps_follow_training_with_a_map_in_every_hidden_node(lab):
    start_spiral(lab)
    lab.locator("#function-map").scroll_into_view_if_needed()
    keep_map_pixels(lab)
    lab.evaluate("window.backpropLab.step(30)")
    wait_for_map_of_step(lab, 30)
    changed, total, total_before = map_pixels_changed(lab)
    assert total == total_before
    assert changed > total_before // 10
    hidden = lab.eval_on_selector_all(
        ".node--hidden", "ns => ns.map((n) => n.querySelectorAll('.node-map').length)")
    assert hidden == [1] * 16
    assert lab.locator(".node--input .node-map, .node--output .node-map").count() == 0


def test_an_inactive_relu_region_is_drawn_in_the_flat_grey(lab):
    start_spiral(lab)
    lab.evaluate("window.backpropLab.step(30)")
    wait_for_map_of_step(lab, 30)
    run = api.create(SPIRAL_RUN)["run"]
    api.step(run, 30)
    grids = api.surface(run, resolution=56, node_resolution=32)["hidden"]
    api.drop(run)
    # Each node's picture, pixel for pixel: its PNG read back at its own size.
    colours = lab.eval_on_selector_all(".node--hidden", """ns => Promise.all(ns.map(async (n) => {
        const picture = new Image();
        picture.src = n.querySelector('image.node-map').href.baseVal;
        await picture.decode();
        const c = document.createElement('canvas');
        [c.width, c.height] = [picture.naturalWidth, picture.naturalHeight];
        const ctx = c.getContext('2d');
        ctx.drawImage(picture, 0, 0);
        return Array.from(ctx.getImageData(0, 0, c.width, c.height).data); }))""")
    assert {len(data) for data in colours} == {32 * 32 * 4}
    flat = [grid for layer in grids for grid in layer]
    for grid, data in zip(flat, colours, strict=True):
        for k, value in enumerate(v for row in grid for v in row):
            grey = data[4 * k:4 * k + 3] == [150, 156, 166]
            assert grey == (value == 0)
    assert any(v == 0 for grid in flat for row in grid for v in row)


def test_a_link_reproduces_the_data_set_and_the_batch_size(lab, open_lab):
    choose(lab, "gaussians")
    lab.fill("#batch-input", "16")
    lab.press("#batch-input", "Enter")
    wait_for_state(lab, "s.batch_size === 16")
    hash_ = lab.evaluate("location.hash").lstrip("#")
    state = state_of(lab)
    page = open_lab(hash_)
    opened = state_of(page)
    assert opened["dataset"] == state["dataset"] and opened["batch_size"] == 16
    expect(page.locator("#dataset-select")).to_have_value("gaussians")
    expect(page.locator("#batch-input")).to_have_value("16")


def test_a_link_reproduces_your_own_rows(lab, open_lab):
    lab.select_option("#dataset-select", "custom")
    lab.fill("#csv-input", XOR_CSV)
    lab.get_by_role("button", name="Use these rows").click()
    wait_for_state(lab, "s.dataset?.name === 'custom'")
    page = open_lab(lab.evaluate("location.hash").lstrip("#"))
    assert state_of(page)["dataset"]["T"] == [[0], [1], [1], [0]]
    expect(page.locator("#csv-input")).to_have_value(
        "x1, x2, t1\n0, 0, 0\n0, 1, 1\n1, 0, 1\n1, 1, 0")


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_of_a_2_8_8_1_spiral_run(lab, width):
    lab.set_viewport_size({"width": width, "height": 900})
    start_spiral(lab)
    lab.evaluate("window.backpropLab.step(200)")
    lab.wait_for_function("() => document.getElementById('function-map').closest('section')"
                          ".dataset.frameStep === '200'")
    assert lab.evaluate("document.documentElement.scrollWidth") <= width
    SCREENSHOTS.mkdir(exist_ok=True)
    for card in ("network", "function", "data"):
        path = SCREENSHOTS / f"spiral-{card}-{width}.png"
        lab.locator(f".card--{card}").screenshot(path=str(path))
    lab.screenshot(path=str(SCREENSHOTS / f"spiral-page-{width}.png"), full_page=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_a_data_set_its_messages_and_the_heatmaps_on_screen(lab, scheme):
    from test_accessibility import violations
    lab.emulate_media(color_scheme=scheme)
    start_spiral(lab)
    lab.fill("#sample-input", "999")
    lab.press("#sample-input", "Enter")
    expect(lab.locator("#sample-input-msg")).to_be_visible()
    lab.select_option("#dataset-select", "custom")
    lab.fill("#csv-input", "0,0")
    lab.get_by_role("button", name="Use these rows").click()
    expect(lab.locator("#csv-input-msg")).to_be_visible()
    assert violations(lab) == []
    lab.emulate_media(color_scheme="light")


def test_the_rows_editor_stays_open_while_the_run_goes_on_until_rows_are_used(lab):
    choose(lab, "xor")
    lab.select_option("#dataset-select", "custom")
    lab.get_by_role("button", name="10 steps").click()
    wait_for_state(lab, "s.step === 10")
    expect(lab.locator("#dataset-select")).to_have_value("custom")
    expect(lab.locator("#csv-input")).to_be_visible()
    assert state_of(lab)["dataset"]["name"] == "xor"
    lab.select_option("#dataset-select", "xor")
    wait_for_state(lab, "s.step === 0")
    expect(lab.locator("#custom-fields")).to_be_hidden()


def test_a_network_without_two_inputs_has_no_heatmaps_and_says_why(lab):
    start_spiral(lab)
    lab.evaluate("window.backpropLab.setState({layers: [3, 4, 1], dataset: null})")
    expect(lab.locator("#function-note")).to_have_text(
        "The function-space view needs a network with 2 inputs; this one has 3.")
    expect(lab.locator("#function-map canvas")).to_have_count(0)
    expect(lab.locator("#network .node-map")).to_have_count(0)


def test_a_downloaded_state_with_a_data_set_opens_again_with_it(lab, tmp_path):
    choose(lab, "circle")
    lab.fill("#batch-input", "50")
    lab.press("#batch-input", "Enter")
    wait_for_state(lab, "s.batch_size === 50")
    lab.evaluate("window.backpropLab.step(3)")
    with lab.expect_download() as info:
        lab.click("#json-btn")
    path = tmp_path / "state.json"
    info.value.save_as(path)
    rows = state_of(lab)["dataset"]
    lab.select_option("#dataset-select", "")
    wait_for_state(lab, "s.dataset === null")
    lab.set_input_files("#import-input", str(path))
    wait_for_state(lab, "s.dataset?.name === 'circle' && s.batch_size === 50")
    assert state_of(lab)["dataset"] == rows
    expect(lab.locator("#dataset-select")).to_have_value("circle")


def test_a_data_set_set_by_a_script_shows_the_engines_settings_in_the_card(lab):
    lab.evaluate("window.backpropLab.setState({dataset: {name: 'gaussians'}})")
    defaults = api.describe()["datasets"]["gaussians"]["defaults"]
    expect(lab.locator("#dataset-select")).to_have_value("gaussians")
    expect(lab.locator("#dataset-n-input")).to_have_value(str(defaults["n"]))
    expect(lab.locator("#dataset-noise-input")).to_have_value(str(defaults["noise"]))
    expect(lab.locator("#dataset-seed-input")).to_have_value(str(defaults["seed"]))
    expect(lab.locator("#batch-input")).to_have_value("")


def test_another_data_set_by_script_starts_from_every_row_and_the_first_sample(lab):
    lab.evaluate("window.backpropLab.setState({dataset: {name: 'spiral'}, batch_size: 10, "
                 "sample: 150})")
    state = lab.evaluate("window.backpropLab.setState({dataset: {name: 'xor'}})"
                         ".then((s) => [s.batch_size, s.sample, s.dataset.X.length])")
    assert state == [None, 0, 4]


MAPS_IN_THE_PAGE = """async () => {
  const { modules } = await import("./js/main.bundle.js");
  const engine = await modules["js/engine/start.js"].engineLoading;
  const { run } = await engine.call("create", { config: %s });
  await engine.call("step", { run, n: 30 });
  const surface = await engine.call("surface", { run });
  await engine.call("drop", { run });
  return { output: surface.output.constructor.name, hidden: surface.hidden.map(
             (grids) => grids.constructor.name),
           sameBuffer: surface.hidden.every((grids) => grids.buffer === surface.output.buffer),
           values: Array.from(surface.output), first: Array.from(surface.hidden[0]) };
}"""


def test_the_maps_arrive_in_the_page_as_float32_arrays_of_the_engine_s_numbers(lab):
    seen = lab.evaluate(MAPS_IN_THE_PAGE % json.dumps(SPIRAL_RUN))
    assert seen["output"] == "Float32Array" and seen["hidden"] == ["Float32Array"] * 2
    assert seen["sameBuffer"]  # one transferred buffer, viewed, not a copy per grid
    run = api.create(SPIRAL_RUN)["run"]
    api.step(run, 30)
    expected = api.surface(run)
    api.drop(run)
    assert seen["values"] == pytest.approx(expected["output"].ravel().tolist(), rel=1e-6, abs=1e-30)
    assert seen["first"] == pytest.approx(expected["hidden"][0].ravel().tolist(), rel=1e-6,
                                          abs=1e-30)
