"""The seed page's 2-3-1 ReLU example: its printed numbers and a hand-worked backward pass."""
import pytest
from seed_demo import SPEC_INPUTS, SPEC_TARGETS, SPEC_WEIGHTS


def relu(v):
    return v if v > 0 else 0.0


def hand_forward():
    """The seed's forward pass in plain Python, straight from the weights table."""
    (w_h1, w_h2, w_h3), (w_out,) = SPEC_WEIGHTS
    x1, x2 = SPEC_INPUTS
    z_hidden = [w[0] * x1 + w[1] * x2 for w in (w_h1, w_h2, w_h3)]
    a_hidden = [relu(z) for z in z_hidden]
    y = sum(w * a for w, a in zip(w_out, a_hidden, strict=True))
    return z_hidden, a_hidden, y


def test_hidden_activations_match_the_seed_page(seed_net):
    a_hidden = seed_net.gradients(SPEC_INPUTS, SPEC_TARGETS)["a"][1][0]
    assert [round(float(a), 2) for a in a_hidden] == [0.00, 0.02, 0.41]


def test_output_and_loss_match_the_seed_page(seed_net):
    assert round(float(seed_net.forward(SPEC_INPUTS)[0]), 2) == 0.20
    assert seed_net.loss(SPEC_INPUTS, SPEC_TARGETS) == pytest.approx(1.617, abs=1e-3)


def test_forward_pass_matches_plain_python_arithmetic(seed_net):
    z_hidden, a_hidden, y = hand_forward()
    g = seed_net.gradients(SPEC_INPUTS, SPEC_TARGETS)
    assert g["z"][0][0].tolist() == pytest.approx(z_hidden, abs=1e-15)
    assert g["a"][1][0].tolist() == pytest.approx(a_hidden, abs=1e-15)
    assert g["a"][2][0, 0] == pytest.approx(y, abs=1e-15)
    assert g["loss"] == pytest.approx(0.5 * (y - 2.0) ** 2, rel=1e-14)


def test_backward_pass_matches_plain_python_chain_rule(seed_net):
    z_hidden, a_hidden, y = hand_forward()
    w_out = SPEC_WEIGHTS[1][0]
    delta_out = y - 2.0  # dL/dŷ for ½(ŷ - t)², linear output
    delta_hidden = [delta_out * w * (1.0 if z > 0 else 0.0)  # relu'(z) is 1 or 0
                    for w, z in zip(w_out, z_hidden, strict=True)]
    g = seed_net.gradients(SPEC_INPUTS, SPEC_TARGETS)
    assert g["dW"][1][0].tolist() == pytest.approx([delta_out * a for a in a_hidden], rel=1e-14)
    expected_dW0 = [[d * x for x in SPEC_INPUTS] for d in delta_hidden]
    assert g["dW"][0].tolist() == [pytest.approx(row, rel=1e-14) for row in expected_dW0]
    assert g["delta"][0][0].tolist() == pytest.approx(delta_hidden, rel=1e-14)


def test_first_neuron_of_the_seed_network_is_dead_and_gets_no_gradient(seed_net):
    g = seed_net.gradients(SPEC_INPUTS, SPEC_TARGETS)
    assert seed_net.dead(g["z"])[0].tolist() == [True, False, False]
    assert g["dW"][0][0].tolist() == [0.0, 0.0]
    assert g["dW"][1][0, 0] == 0.0


def test_one_gradient_step_lowers_the_seed_loss(seed_net):
    record = seed_net.step(SPEC_INPUTS, SPEC_TARGETS, 0.01)
    assert record["loss_after"] < record["loss_before"]
    assert record["loss_before"] == pytest.approx(1.6177, abs=1e-4)


def test_a_relu_neuron_active_for_any_sample_of_a_batch_is_not_dead(seed_net):
    X = [[1.0, 0.5], [-1.0, -0.5]]  # H1 is negative for the first sample, positive for the second
    g = seed_net.gradients(X, [[2.0], [2.0]])
    assert seed_net.dead(g["z"])[0].tolist() == [False, False, False]
