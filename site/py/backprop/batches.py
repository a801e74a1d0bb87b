"""What each update trains on: the run's rows (one example, or a data set) and the data set's
seeded batch order. The batch of update s is a pure function of s, so replay stores nothing.

Batch order: with batch_size b over n rows there are ceil(n / b) batches per epoch; update s
(1-based) is in epoch e = (s - 1) // batches_per_epoch, whose order is
np.random.default_rng([seed, e]).permutation(n), and takes its ((s - 1) % batches_per_epoch)-th
slice of b rows (the last one of an epoch may be smaller). batch_size None: every row, in order.
"""
import numpy as np


class Data:
    """X (n, n_in) and T (n, n_out); immutable once built (only the order cache changes)."""

    def __init__(self, X, T, batch_size=None, seed=0, is_dataset=False):
        self.X, self.T = X, T
        self.size = X.shape[0]
        self.batch_size = batch_size
        self.seed = seed
        self.is_dataset = is_dataset
        self.per_epoch = 1 if batch_size is None else -(-self.size // batch_size)
        self._order = (None, None)  # (epoch, permutation) of the latest epoch asked for

    @property
    def fixed(self):
        """True when every update trains on the same rows (so updates can run in one loop)."""
        return self.batch_size is None

    def indices(self, step):
        """The row numbers update `step` (1-based) trains on."""
        if self.fixed:
            return np.arange(self.size)
        epoch, position = divmod(step - 1, self.per_epoch)
        if self._order[0] != epoch:
            order = np.random.default_rng([self.seed, epoch]).permutation(self.size)
            self._order = (epoch, order)
        start = position * self.batch_size
        return self._order[1][start:start + self.batch_size]

    def batch(self, step):
        """(X, T) of update `step`."""
        if self.fixed:
            return self.X, self.T
        rows = self.indices(step)
        return self.X[rows], self.T[rows]

    def sample(self, index):
        """(X, T) of one row, each 2-D with one sample."""
        return self.X[index:index + 1], self.T[index:index + 1]

    def epochs(self, steps):
        """Completed epochs after `steps` updates (None without a data set)."""
        return steps // self.per_epoch if self.is_dataset else None

    def progress(self, steps):
        """Where update steps + 1 stands in its epoch, for the page's words on batches: {"rows",
        "batch_size" (rows per batch; the last of an epoch may hold fewer), "per_epoch",
        "position" (updates done in the current epoch)}; None without a data set."""
        if not self.is_dataset:
            return None
        size = self.size if self.batch_size is None else min(self.batch_size, self.size)
        return {"rows": self.size, "batch_size": size, "per_epoch": self.per_epoch,
                "position": steps % self.per_epoch}
