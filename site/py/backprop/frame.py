"""The frame: everything the page shows about a run at its current step, as plain JSON-able
values (shape documented in api.py). Reads a run; changes nothing in it.
"""
import numpy as np

from .notes import inactive_note, step_note
from .propagate import forward_pass
from .records import plain, plain_float, plain_groups, plain_list
from .stability import rate_setting, stability
from .training import divergence

PROTOCOL = 3


def build_frame(run, since):
    net, data = run.net, run.data
    X, T = data.batch(net.steps + 1)
    trained = net.gradients_of_batch(X, T)  # what the next update trains on
    shown_X, shown_T = data.sample(run.sample)
    shown = trained if data.size == 1 else net.gradients_of_batch(shown_X, shown_T)
    data_loss, dead = _whole(net, data, trained)
    preview = preview_update(net, run.opt, X, T, trained)
    notes = _notes(run, dead, shown["z"], trained, preview)
    lists, _ = plain_groups({"weights": net.weights, "biases": net.biases, "z": shown["z"],
                             "a": shown["a"], "delta": shown["delta"], "dW": trained["dW"],
                             "db": trained["db"], "update_W": preview.pop("update_W"),
                             "update_b": preview.pop("update_b")})
    verdict = stability(net, shown_X[0], run.opt, trained["loss"], preview,
                        rate_setting(net, run.opt, data.size == 1))
    return {
        "run": run.id, "protocol": PROTOCOL, "config": frame_config(run),
        "step": net.steps, "epoch": data.epochs(net.steps), "batch": data.progress(net.steps),
        "inputs": shown_X[0].tolist(), "targets": shown_T[0].tolist(),
        "weights": lists["weights"], "biases": lists["biases"],
        "forward": {"z": lists["z"], "a": lists["a"]},
        "backward": {"delta": lists["delta"], "dW": lists["dW"], "db": lists["db"]},
        "prediction": lists["a"][-1][0], "loss": plain_float(trained["loss"]),
        "data_loss": plain_float(data_loss), "dead": plain_list(dead),
        "activations": list(net.activation_names),
        "optimizer_state": {**optimizer_state(run.opt, net.layout),
                            **derived_state(run.opt, net.layout)},
        "preview": {"update_W": lists["update_W"], "update_b": lists["update_b"], **preview},
        "stability": verdict, "notes": notes,
        "last_step": run.last_step,
        "history": run.history.part(since),
    }


def frame_config(run):
    """The config in force, a custom data set's rows as their count ({"name": "custom", "n",
    "seed"}): the rows cross once per run (api.dataset), not with every frame."""
    config = run.config_in_force()
    dataset = config.get("dataset")
    if dataset and "rows" in dataset:
        rest = {key: value for key, value in dataset.items() if key != "rows"}
        config["dataset"] = {"name": rest.pop("name"), "n": run.data.size, **rest}
    return config


def _notes(run, dead, shown_z, trained, preview):
    """{"inactive", "step"}: the page's sentences on inactive neurons and on the last step."""
    net, data = run.net, run.data
    grads = trained["dW"] + (trained["db"] if net.bias else [])
    grads_zero = all(not g.any() for g in grads)
    last_row = run.history.rows[-1] if run.net.steps > 0 else None
    return {
        "inactive": inactive_note(net, run.opt, dead, shown_z, preview["update_W"],
                                  preview["update_b"], data.size == 1, data.fixed),
        "step": step_note(net, run.opt, dead, grads_zero, preview["moves"], last_row,
                          data.size == 1),
    }


def read_snapshot(run):
    """The parameters, optimizer state, loss and prediction of a run (for api.snapshot)."""
    X, T = run.data.batch(run.net.steps + 1)
    lists, _ = plain_groups({"weights": run.net.weights, "biases": run.net.biases})
    return {"step": run.net.steps, **lists,
            "optimizer_state": {**optimizer_state(run.opt, run.net.layout),
                                **derived_state(run.opt, run.net.layout)},
            "loss": plain_float(run.net.loss_of_batch(X, T)),
            "prediction": plain(run.shown_prediction())}


def _whole(net, data, trained):
    """(mean loss over every row, dead neurons over every row); reuses `trained` when the next
    batch is the whole data set in order."""
    if data.fixed:
        return trained["loss"], net.dead(trained["z"])
    with np.errstate(all="ignore"):
        zs, acts = forward_pass(net._W, net._b, net.activations, data.X)
        loss = net.loss_fn.value_and_delta(zs[-1], acts[-1], data.T, net.activations[-1])[0]
    return loss, net.dead(zs)


def preview_update(net, opt, X, T, trained):
    """The change the next update would make (on copies of the parameters and optimizer), the
    loss it would reach on the same batch, and whether it would be refused as diverging."""
    grads = trained["dW"] + (trained["db"] if net.bias else [])
    grad = np.concatenate([g.ravel() for g in grads])
    params = net.params.copy()
    with np.errstate(all="ignore"):
        opt.copy().update(params, grad)
        W, b = net.layout.views(params)
        zs, acts = forward_pass(W, b, net.activations, X)
        loss_after = net.loss_fn.value_and_delta(zs[-1], acts[-1], T, net.activations[-1])[0]
        update_W, update_b = net.layout.parts(params - net.params)
    return {"update_W": update_W, "update_b": update_b, "loss_after": plain_float(loss_after),
            "diverges": divergence(params, trained["loss"], loss_after) is not None,
            "moves": bool((params != net.params).any())}


def coasting_update(net, opt):
    """(update_W, update_b) the optimizer would make with every gradient 0: what its stored
    state alone moves (nothing for gradient descent, AdaGrad and RMSprop)."""
    params = net.params.copy()
    with np.errstate(all="ignore"):
        opt.copy().update(params, np.zeros_like(params))
    return net.layout.parts(params - net.params)


def optimizer_state(opt, layout):
    """{"name", "t", and per state vector {"weights": [...], "biases": [...]}}; before the first
    update, the state it starts from (zeros, or AdaGrad's s₀)."""
    result = {"name": opt.name, "t": opt.t}
    state = opt.state or opt.start_state(layout.size)
    for key in opt.state_names:
        parts = layout.split(state[key])
        result[key] = {name: plain_list(arrays) for name, arrays in parts.items()}
    return result


def derived_state(opt, layout):
    """The updates table's columns the optimizer computes from its state (Adam's "step"), split
    as optimizer_state splits its vectors."""
    derived = opt.derived_state(layout.size)
    return {key: {name: plain_list(arrays) for name, arrays in layout.split(flat).items()}
            for key, flat in derived.items()}
