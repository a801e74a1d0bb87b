"""A run's timeline of checkpoints: copies of everything an update depends on, from which any
earlier step is rebuilt exactly by replaying updates. Storage only; the run does the replay.

Kept: step 0 and every event (pinned), and one checkpoint every `spacing` updates; past
MAX_CHECKPOINTS unpinned ones, the spacing doubles and the checkpoints off it are dropped.
"""
from bisect import bisect_right
from typing import NamedTuple

import numpy as np

from .batches import Data
from .optim import Optimizer

CHECKPOINT_EVERY = 100
MAX_CHECKPOINTS = 64


class Checkpoint(NamedTuple):
    step: int
    params: np.ndarray  # a private copy
    opt: Optimizer  # a private copy, with its state and t
    data: Data  # immutable, so shared
    sample: int
    pending: frozenset  # setting names changed by events since the last history row
    pinned: bool  # step 0 and events: never thinned


class Timeline:
    def __init__(self, first):
        self.points = [first]
        self.spacing = CHECKPOINT_EVERY

    def due(self, step):
        """True when a checkpoint belongs at `step` (reached by an update)."""
        return step % self.spacing == 0

    def next_due(self, step):
        """The first step after `step` where a checkpoint belongs."""
        return (step // self.spacing + 1) * self.spacing

    def add(self, point):
        """Append `point` (its step is the latest); one at the same step is replaced."""
        if self.points[-1].step == point.step:
            point = point._replace(pinned=point.pinned or self.points[-1].pinned)
            self.points[-1] = point
        else:
            self.points.append(point)
        while sum(not p.pinned for p in self.points) > MAX_CHECKPOINTS:
            self.spacing *= 2
            self.points = [p for p in self.points if p.pinned or p.step % self.spacing == 0]

    def latest(self, step):
        """The checkpoint with the largest step <= `step`."""
        return self.points[bisect_right(self.points, step, key=lambda p: p.step) - 1]

    def at(self, step):
        point = self.latest(step)
        return point if point.step == step else None

    def truncate(self, step):
        """Forget checkpoints after `step` (a seek starts a new branch there)."""
        del self.points[bisect_right(self.points, step, key=lambda p: p.step):]
