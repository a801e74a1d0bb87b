"""The seed page's demo values, shared by the engine tests (a uniquely named helper module).

Typed in from the spec, independently of the engine's own copy (config.SPEC_WEIGHTS).
"""

SPEC_WEIGHTS = [
    [[-0.758, -0.448], [-0.270, 0.579], [0.835, -0.857]],  # H1, H2, H3 <- (I1, I2)
    [[-0.717, -0.204, 0.505]],  # O <- (H1, H2, H3)
]
SPEC_INPUTS = [1.0, 0.5]
SPEC_TARGETS = [2.0]


def rows(frame):
    """The history rows a frame carries (all of them when asked without `since`)."""
    return frame["history"]["rows"]


def losses(frame):
    return [row["loss"] for row in rows(frame)]
