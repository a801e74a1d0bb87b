"""The sentences the page shows about inactive neurons and about the last step, written from the
frame's own numbers (which neurons are inactive, the gradients, the previewed update), so that a
sentence never says weights stay where the preview moves them. Pure: reads arrays, returns text.
"""
import numpy as np

from .names import join_names, node_name


def inactive_note(net, opt, dead, shown_z, update_W, update_b, one_example, fixed_example):
    """Why the dashed neurons pass nothing back and whether the next update moves their weights;
    in data-set mode also the neurons inactive on the drawn sample only. None when there are none.
    dead: per hidden layer, per neuron, inactive on every row; shown_z: z of the drawn sample."""
    dead_at = [(k, i) for k, layer in enumerate(dead) for i, d in enumerate(layer) if d]
    here = _inactive_here(net, dead, shown_z) if not one_example else []
    parts = []
    if dead_at:
        parts.append(_dead_sentence(net, opt, dead_at, update_W, update_b, one_example,
                                    fixed_example))
    if here:
        names = [node_name(net.layers, k + 1, i) for k, i in here]
        verb, pronoun = ("is", "it") if len(names) == 1 else ("are", "they")
        parts.append(f"{join_names(names)} {verb} inactive on this sample (z ≤ 0) but active on "
                     f"other rows, so {pronoun} still learn{'s' if len(names) == 1 else ''} "
                     "from those (not dashed).")
    return " ".join(parts) or None


def _inactive_here(net, dead, shown_z):
    """(layer, neuron) inactive on the drawn sample but not on every row."""
    return [(k, i) for k, (act, layer) in enumerate(zip(net.activations[:-1], dead, strict=True))
            if act.can_die for i, d in enumerate(layer) if not d and shown_z[k][0][i] <= 0]


def _dead_sentence(net, opt, dead_at, update_W, update_b, one_example, fixed_example):
    names = [node_name(net.layers, k + 1, i) for k, i in dead_at]
    one = len(names) == 1
    labels = " / ".join(dict.fromkeys(net.activations[k].label for k, _ in dead_at))
    where = "on this example" if one_example else "on every row of the data set"
    state = "inactive" if one_example else "dead"
    first = (f"{join_names(names)} {'is' if one else 'are'} {state} (dashed): z ≤ 0 {where}, so "
             f"{labels} outputs 0 with slope 0 and passes no gradient back: "
             f"{'its' if one else 'their'} incoming and outgoing weights get ∂L/∂w = 0.")
    moved = max(_largest_change(net, k, i, update_W, update_b) for k, i in dead_at)
    if moved > 0:
        return (f"{first} {opt.label} still moves them on the next step (by up to "
                f"{moved:.3g}) with what it stored from earlier steps, though no new gradient "
                "arrives.")
    then = f"{first} So the next update leaves these weights as they are."
    # Nothing moved now means no stored state for them either, so with no new gradient they stay.
    if fixed_example and not net.bias and all(k == 0 for k, _ in dead_at):
        then += (" With one fixed example and no biases nothing can raise a first-layer neuron's "
                 "z again (its inputs never change, its weights get no gradient): change the "
                 "inputs, or press Reset Weights.")
    return then


def _largest_change(net, layer, neuron, update_W, update_b):
    """max |Δ| previewed for a hidden neuron's incoming weights, bias and outgoing weights."""
    changes = [np.abs(update_W[layer][neuron]).max(), np.abs(update_W[layer + 1][:, neuron]).max()]
    if net.bias:
        changes.append(abs(update_b[layer][neuron]))
    return float(max(changes))


def step_note(net, opt, dead, grads_zero, moves, last_row, one_example):
    """A hint when training has gone wrong in a way the numbers alone do not explain, else None.
    last_row: the history row of the latest step (None before any)."""
    hidden = [d for layer in dead for d in layer]
    if hidden and all(hidden) and grads_zero:
        where = "" if one_example else " on every row"
        if moves:
            return (f"Every hidden neuron is inactive (z ≤ 0){where}: no gradient reaches any "
                    f"weight. {opt.label} still moves the weights for a while on what it stored; "
                    "if no neuron wakes, steps will change nothing. Press Reset Weights.")
        fix = "change the inputs" if one_example else "change the data"
        return (f"Every hidden neuron is inactive (z ≤ 0){where}: no gradient reaches any weight "
                f"and nothing else moves them, so steps change nothing. Press Reset Weights, or "
                f"{fix}.")
    if last_row is None or last_row.get("loss_before") is None:
        return None
    before, after = last_row["loss_before"], last_row["loss"]
    if after is not None and before > 0 and after > 10 * before:
        return (f"The loss jumped from {before:.2f} to {after:.2f} on the last step: the step was "
                "far too large (lower η). Undo step takes that step back.")
    if (last_row.get("delta_loss") or 0) > 0:
        carried = (f" or {opt.label}'s running direction carried the weights past the minimum"
                   if opt.keeps_direction else "")
        return f"The loss went up on the last step: η may be too high{carried}."
    return None
