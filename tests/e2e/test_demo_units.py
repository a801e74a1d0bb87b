"""The demo page's pure helpers, run in the browser as the page loads them: number checks and
formats, network geometry, and the renderers on shapes other than 2-3-1 (drawn from synthetic
frames). URL-hash parsing and writing are tested under node (tests/js/state.test.mjs)."""

import pytest

MODULES = """async () => {
  const load = (name) => import(new URL(`js/${name}.js`, document.baseURI).href);
  window.m = {
    state: await load("state/state"), validate: await load("core/validate"),
    format: await load("core/format"),
    geometry: await load("core/network-geometry"), network: await load("network/view"),
    weights: await load("tables/weights"), updates: await load("tables/updates"),
  };
}"""


@pytest.fixture
def js(lab):
    lab.evaluate(MODULES)
    return lab


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("0.5", {}, {"value": 0.5}),
    (" −2 ", {}, {"value": -2}),
    (".5e1", {}, {"value": 5}),
    ("1.", {}, {"value": 1}),
    ("0x10", {}, {"error": "“0x10” is not a number."}),
    ("1 2", {}, {"error": "“1 2” is not a number."}),
    ("0", {"minExclusive": 0, "max": 100}, {"error": "Must be greater than 0."}),
    ("101", {"minExclusive": 0, "max": 100}, {"error": "Must be between 0 and 100."}),
    ("2.5", {"integer": True, "min": 0, "max": 9}, {"error": "Must be a whole number."}),
])
def test_typed_numbers_are_parsed_or_refused_with_a_sentence(js, text, rule, expected):
    assert js.evaluate("([t, r]) => m.validate.parseNumber(t, r)", [text, rule]) == expected


def test_numbers_are_shown_with_a_true_minus_no_negative_zero_and_tiny_values_kept(js):
    shown = js.evaluate("""() => [m.format.fixed(-0.00001, 3), m.format.fixed(-1.5, 2),
      m.format.precise(3.2e-6, 4), m.format.precise(-0.00004, 4), m.format.precise(0, 4),
      m.format.signed(0.01234, 4), m.format.signed(-0.5, 1), m.format.fixed(null, 2),
      m.format.fixed(123456789, 4)]""")
    assert shown == ["0.000", "−1.50", "3.2e−6", "−4.0e−5", "0.0000", "+0.0123", "−0.5", "—",
                     "1.235e8"]


def test_edge_width_is_proportional_to_the_weights_size_and_never_invisible(js):
    widths = js.evaluate("""() => [0.5, 1, -2, 4, 0].map((w) => m.geometry.edgeWidth(w, 4))""")
    assert widths[1] == pytest.approx(2 * widths[0]) and widths[3] == pytest.approx(2 * widths[2])
    assert widths[3] == 9 and widths[4] > 0


def test_node_positions_fit_any_layer_sizes_in_ordered_non_overlapping_columns(js):
    layout = js.evaluate("""() => {
      const layers = [4, 6, 3, 2];
      const size = m.geometry.networkSize(500, layers);
      return { size, pos: m.geometry.nodePositions(layers, size) };
    }""")
    size, pos = layout["size"], layout["pos"]
    xs = [col[0]["x"] for col in pos]
    assert xs == sorted(xs) and len(set(xs)) == 4
    for col in pos:
        ys = [p["y"] for p in col]
        assert all(b - a >= 2 * size["radius"] for a, b in zip(ys, ys[1:], strict=False))
        assert min(ys) - size["radius"] >= 0 and max(ys) + size["radius"] <= size["height"]
    r, width = size["radius"], size["width"]
    assert all(r <= p["x"] <= width - r for col in pos for p in col)


RECORD = """(layers) => {
  const weights = layers.slice(1).map((n, l) => Array.from({ length: n }, (_, to) =>
    Array.from({ length: layers[l] }, (_, from) => ((to + 1) * (from + 2) % 5 - 2) / 4)));
  const acts = layers.map((n, l) =>
    [Array.from({ length: n }, (_, i) => (l === 0 ? i + 1 : (i % 2) * 0.5))]);
  const zs = layers.slice(1).map((n) => [Array.from({ length: n }, (_, i) => (i % 2) - 0.5)]);
  const like = (value) => weights.map((l) => l.map((r) => r.map(() => value)));
  return { config: { layers, hidden_activation: "relu", output_activation: "linear" }, weights,
    activations: [...Array(layers.length - 2).fill("relu"), "linear"], // one per weight layer
    forward: { z: zs, a: acts },
    backward: { dW: like(0.1), delta: zs },
    preview: { update_W: like(-0.001) },
    prediction: acts[acts.length - 1][0], loss: 0.5,
    targets: acts[acts.length - 1][0].map(() => 1),
    dead: zs.slice(0, -1).map((z) => z[0].map((v) => v <= 0)) };
}"""


def test_the_network_drawing_handles_other_shapes_from_a_plain_record(js):
    drawn = js.evaluate(f"""() => {{
      const record = ({RECORD})([3, 4, 4, 2]);
      const box = document.createElement("div");
      document.body.append(box);
      const activations = {{
        relu: {{ label: "ReLU", formula: "max(0, z)", derivative: "1 for z > 0, else 0",
                 can_die: true }},
        linear: {{ label: "Linear", formula: "z", derivative: "1", can_die: false }} }};
      m.network.render(box, {{ frame: record, width: 600, activations }});
      m.network.render(box, {{ frame: record, width: 600, activations, phase: "backward" }});
      const count = (sel) => box.querySelectorAll(sel).length;
      const drawn = {{ nodes: count(".node"), edges: count(".edge"),
        dead: box.querySelectorAll(".node--dead").length, svgs: box.querySelectorAll("svg").length,
        phase: box.querySelector("svg").dataset.phase, deltas: count(".node-value.is-delta"),
        names: [...box.querySelectorAll(".node-name")].map((t) => t.textContent) }};
      box.remove();
      return drawn;
    }}""")
    assert drawn["nodes"] == 13 and drawn["edges"] == 3 * 4 + 4 * 4 + 4 * 2 and drawn["svgs"] == 1
    assert drawn["phase"] == "backward" and drawn["deltas"] == 4 + 4 + 2
    assert drawn["dead"] == 4
    assert drawn["names"][:3] == ["I1", "I2", "I3"] and drawn["names"][-2:] == ["O1", "O2"]
    assert "H2.4" in drawn["names"]


def test_the_tables_handle_other_shapes_from_a_plain_record(js):
    cells = js.evaluate(f"""() => {{
      const record = ({RECORD})([3, 5, 2]);
      const box = document.createElement("div");
      document.body.append(box);
      m.weights.render(box, {{ weights: record.weights, layers: [3, 5, 2] }});
      const head = [...box.querySelectorAll("thead th")].map((t) => t.textContent);
      const cells = {{ head, cells: box.querySelectorAll("td[data-edge]").length }};
      box.remove();
      return cells;
    }}""")
    assert cells["head"] == ["Hidden", "From I1", "From I2", "From I3", "To O1", "To O2"]
    assert cells["cells"] == 3 * 5 + 5 * 2
