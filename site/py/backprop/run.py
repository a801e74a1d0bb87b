"""One training run: network, optimizer, data and settings; stepping, mid-run events, and exact
time travel (seek) by replaying updates from checkpoints through the same update loop.
Frames are built in frame.py; api.py keeps the runs.
"""
import numpy as np

from .checkpoints import Checkpoint, Timeline
from .config import build
from .events import check_event
from .fields import RULES, check_rule
from .history import History
from .propagate import forward_pass
from .records import plain_float, row_values, update_record
from .training import run_steps
from .validate import check_int


class Run:
    def __init__(self, config, run_id, revision=0):
        setup = build(config)  # checked in full before anything is kept
        self.id = run_id
        self.net, self.opt, self.data, self.sample = setup.net, setup.opt, setup.data, setup.sample
        self.config = setup.config
        self.pending = set()  # names changed by events since the latest row
        self.last_step = None  # the latest update's record (records.update_record)
        self.last_rows = None  # and its values for every row of its batch (api.step_rows)
        X, T = self.data.batch(1)
        loss = self.net.loss_of_batch(X, T)
        first = self._rows(0, [loss], [None], [self.shown_prediction()], [])
        self.history = History(first[0], revision)
        self.timeline = Timeline(self._checkpoint(pinned=True))

    def config_in_force(self):
        example = not self.data.is_dataset
        return {**self.config, "optimizer": self.opt.config(), "sample": self.sample,
                "inputs": self.data.X[0].tolist() if example else None,
                "targets": self.data.T[0].tolist() if example else None}

    def step(self, n):
        """n updates; the last keeps its full record. A diverging update raises DivergenceError
        after the earlier ones are kept (last_step then is the record of the latest kept one)."""
        n = check_rule(n, "n", RULES["steps"])
        start = self.net.steps
        error = self._advance(n - 1)
        if error is None:
            rows, error = self._updates(1, record=True)
            self._keep(rows)
        if error is not None:
            if self.net.steps > start:
                self._restore(self.net.steps)  # rebuilds the record of the latest update
            raise error

    def configure(self, changes):
        """An event at the current step: checked in full, then applied and checkpointed."""
        event = check_event(self, changes)
        if not event.changes:
            return
        self.data, self.opt, self.sample = event.data, event.opt, event.sample
        self.net.assign_params(event.weights, event.biases)
        self.pending.update(event.changes)
        self.timeline.add(self._checkpoint(pinned=True))

    def seek(self, step):
        """Back to just before update step + 1 of this branch; later rows and checkpoints go."""
        k = check_int(step, "step", 0, self.net.steps)
        row = self._restore(k)
        self.timeline.truncate(k)
        if self.history.cut_after(k) < k:  # row k was thinned away: put the replayed one back
            self.history.extend([row])

    def snapshot(self, step, read):
        """read(self) as the run was before update step + 1; the run is left unchanged."""
        k = check_int(step, "step", 0, self.net.steps)
        saved, last = self._checkpoint(pinned=False), (self.last_step, self.last_rows)
        try:
            self._restore(k)
            return read(self)
        finally:
            self._load(saved)
            self.last_step, self.last_rows = last

    def _advance(self, n, replay=False):
        """n updates, in chunks ending where checkpoints belong; returns the DivergenceError that
        stopped them early, or None. replay: no rows and no checkpoints (they exist already)."""
        target = self.net.steps + n
        while self.net.steps < target:
            count = target - self.net.steps
            if not self.data.fixed:
                count = 1
            elif not replay:
                count = min(count, self.timeline.next_due(self.net.steps) - self.net.steps)
            rows, error = self._updates(count, rows=not replay)
            if not replay:
                self._keep(rows)
            if error is not None:
                return error
        return None

    def _keep(self, rows):
        self.history.extend(rows)
        if rows and self.timeline.due(self.net.steps):
            self.timeline.add(self._checkpoint(pinned=False))

    def _updates(self, count, record=False, rows=True):
        """Up to `count` updates on the next batch (count > 1 only for fixed data); returns
        (their history rows, the DivergenceError that stopped them or None)."""
        first = self.net.steps + 1
        X, T = self.data.batch(first)
        keep = self.sample if self.data.fixed else None
        before = self.net.params.copy() if record else None
        run = run_steps(self.net, X, T, self.opt, count, keep_sample=keep, keep_first=record)
        if not run.losses:
            return [], run.error
        changes, self.pending = sorted(self.pending), set()
        if record:
            self.last_step = update_record(self.net, X, run, before, self.opt.lr)
            self.last_rows = {"X": X, "T": T, **row_values(run)}
        if not rows:
            return [], run.error
        predictions = run.predictions if keep is not None else [self.shown_prediction()]
        befores = [run.start_loss, *run.losses[:-1]]
        return self._rows(first, run.losses, befores, predictions, changes), run.error

    def _rows(self, first, losses, befores, predictions, changes):
        """History rows for updates first, first + 1, ... (changes go on the first row)."""
        x, t = self.data.sample(self.sample)
        inputs, target, lr = x[0].tolist(), t[0].tolist(), self.opt.lr
        rows = []
        for i, (loss, before, prediction) in enumerate(zip(losses, befores, predictions,
                                                           strict=True)):
            loss, before = plain_float(loss), None if before is None else plain_float(before)
            delta = None if loss is None or before is None else loss - before
            rows.append({"step": first + i, "loss": loss, "loss_before": before,
                         "delta_loss": delta, "prediction": prediction, "target": list(target),
                         "inputs": list(inputs), "lr": lr,
                         "changes": list(changes) if i == 0 else []})
        return rows

    def shown_prediction(self):
        """The network's output for the shown sample, as a list."""
        net = self.net
        with np.errstate(all="ignore"):
            out = forward_pass(net._W, net._b, net.activations, self.data.sample(self.sample)[0])
        return out[1][-1][0].tolist()

    def _restore(self, k):
        """The state just before update k + 1 (after update k and the events at step k), with
        last_step = the record of update k; returns update k's history row (None for k = 0)."""
        point = self.timeline.latest(max(k - 1, 0))
        self._load(point)
        if k == 0:
            self.last_step = self.last_rows = None
            return None
        self._advance(k - 1 - point.step, replay=True)
        rows, _ = self._updates(1, record=True)
        exact = self.timeline.at(k)
        if exact is not None:  # events at step k (or a periodic checkpoint: the same state)
            self._load(exact)
        return rows[0]

    def _checkpoint(self, pinned):
        return Checkpoint(self.net.steps, self.net.params.copy(), self.opt.copy(), self.data,
                          self.sample, frozenset(self.pending), pinned)

    def _load(self, point):
        np.copyto(self.net.params, point.params)
        self.net.steps = point.step
        self.opt = point.opt.copy()
        self.data, self.sample, self.pending = point.data, point.sample, set(point.pending)
