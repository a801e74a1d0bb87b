"""A run's history rows (one per update, step 0 first) and what a caller holding some of them
must keep: revisions, the cut each revision made, and the rows after a given step.

Row k = after k updates: {"step", "loss", "loss_before", "delta_loss", "prediction", "target",
"inputs", "lr", "changes"}, in that order (the page's CSV columns). Past HISTORY_LIMIT rows
every other row is dropped (step 0 and the latest kept). The cost of part() grows with the rows it
returns, not with the history.
"""
from bisect import bisect_right

from .validate import check_int, check_keys

HISTORY_LIMIT = 10_000
MAX_CUTS = 256  # revisions remembered; a caller further behind gets every row again


def _step(row):
    return row["step"]


class History:
    def __init__(self, first_row, revision=0):
        self.rows = [first_row]
        self.revision = revision
        self.base = revision  # cuts[i] = highest step still valid after revision base + i
        self.cuts = []

    def extend(self, rows):
        self.rows.extend(rows)
        while len(self.rows) > HISTORY_LIMIT:
            latest = self.rows[-1]
            self.rows = self.rows[::2]
            if self.rows[-1] is not latest:
                self.rows.append(latest)
            self._bump(-1)  # thinned rows are gone from everywhere: resend all

    def cut_after(self, step):
        """Drop the rows after `step`; returns the step of the last row kept."""
        i = bisect_right(self.rows, step, key=_step)
        if i < len(self.rows):
            del self.rows[i:]
            self._bump(self.rows[-1]["step"])
        return self.rows[-1]["step"]

    def _bump(self, valid_through):
        self.cuts.append(valid_through)
        self.revision += 1
        if len(self.cuts) > MAX_CUTS:
            del self.cuts[0]
            self.base += 1

    def keep_through(self, since):
        """The highest step of the caller's rows that are still right (-1: none)."""
        if since is None:
            return -1
        check_keys(since, "since", ("revision", "step"))
        revision = check_int(since.get("revision"), "since.revision", 0, 2**53)
        step = check_int(since.get("step"), "since.step", -1, 2**53)
        if not self.base <= revision <= self.revision:
            return -1
        return max(-1, min([step, self.rows[-1]["step"], *self.cuts[revision - self.base:]]))

    def between(self, start, stop=None):
        """Rows with start <= step < stop (stop None: to the end)."""
        i = bisect_right(self.rows, start - 1, key=_step)
        j = len(self.rows) if stop is None else bisect_right(self.rows, stop - 1, key=_step)
        return self.rows[i:j]

    def part(self, since):
        """The frame's history part: keep rows <= keep_through, drop the rest, append rows."""
        keep = self.keep_through(since)
        return {"revision": self.revision, "keep_through": keep,
                "rows": self.between(keep + 1), "length": len(self.rows)}
