"""The function-space view of a 2-input network: its output and every hidden neuron's activation
over a grid of the input plane, for the current parameters. Reads a network; changes nothing.

Grids are image-ordered: grid[row][col] is the value at x = x_min + (col + 0.5)·(x_max − x_min)/r,
y = y_max − (row + 0.5)·(y_max − y_min)/r (row 0 at the top, as a picture is drawn).
Grids are float32 numpy arrays (the page gets them as Float32Arrays, never as decimal text): a
layer's grids are one (neurons, r, r) array. A non-zero value never becomes 0 in float32 (so
"exactly 0", an inactive ReLU, stays exact) and a finite one never becomes ±Infinity.
"""
import numpy as np

from .propagate import forward_pass
from .validate import check_array, check_int

RESOLUTION_MAX = 128
DEFAULT_HALF_WIDTH = 1.5  # the plane shown around a single example: [-1.5, 1.5]² and the point
PAD = 0.1  # room around the data, as a fraction of its span


def plane_extent(X):
    """[x_min, x_max, y_min, y_max]: a square around the rows of X (n, 2) with some room.

    One row: [-1.5, 1.5]² widened to hold the point. Several: the data's bounding box padded by
    PAD of its larger span on each side, made square about its centre so circles look round.
    """
    low, high = X.min(axis=0), X.max(axis=0)
    if X.shape[0] == 1:
        low = np.minimum(low - 0.25, -DEFAULT_HALF_WIDTH)
        high = np.maximum(high + 0.25, DEFAULT_HALF_WIDTH)
    span = max(float((high - low).max()), 1.0)
    half = span * (0.5 + PAD)
    centre = (low + high) / 2
    return [float(centre[0] - half), float(centre[0] + half),
            float(centre[1] - half), float(centre[1] + half)]


def grid_points(extent, resolution):
    """The (resolution², 2) cell centres of the plane, row by row from the top."""
    x_min, x_max, y_min, y_max = extent
    steps = (np.arange(resolution) + 0.5) / resolution
    xs = x_min + steps * (x_max - x_min)
    ys = y_max - steps * (y_max - y_min)
    gx, gy = np.meshgrid(xs, ys)  # gx[row][col] = xs[col], gy[row][col] = ys[row]
    return np.column_stack([gx.ravel(), gy.ravel()])


def surface(net, X, resolution=48, node_resolution=32, extent=None):
    """{"extent", "resolution", "node_resolution", "output": (outputs, r, r) grids, "hidden":
    [per hidden layer: (neurons, node_r, node_r) grids]} for a network with 2 inputs; X (n, 2)
    is the data whose extent is shown unless `extent` [x_min, x_max, y_min, y_max] is given."""
    if net.layers[0] != 2:
        raise ValueError(f"surface: needs a network with 2 inputs, got {net.layers[0]}")
    resolution = check_int(resolution, "resolution", 2, RESOLUTION_MAX)
    node_resolution = check_int(node_resolution, "node_resolution", 2, RESOLUTION_MAX)
    extent = plane_extent(X) if extent is None else check_extent(extent)
    main = grid_points(extent, resolution)
    nodes = grid_points(extent, node_resolution)
    with np.errstate(all="ignore"):  # one vectorized forward pass over both grids
        _, acts = forward_pass(net._W, net._b, net.activations, np.vstack([main, nodes]))
    split = main.shape[0]
    return {
        "extent": extent, "resolution": resolution, "node_resolution": node_resolution,
        "output": _grids(acts[-1][:split], resolution),
        "hidden": [_grids(a[split:], node_resolution) for a in acts[1:-1]],
    }


def check_extent(extent):
    values = check_array(extent, "extent", (4,))
    if not (values[0] < values[1] and values[2] < values[3]):
        raise ValueError("extent: must be [x_min, x_max, y_min, y_max] with min < max")
    if np.abs(values).max() > 1e6:
        raise ValueError("extent: must lie within [-1e6, 1e6]")
    return values.tolist()


def _grids(values, resolution):
    """(points, neurons) float64 values -> (neurons, resolution, resolution) float32 grids."""
    limit = np.finfo(np.float32).max
    finite = np.isfinite(values)
    grids = np.where(finite, np.clip(values, -limit, limit), values).astype(np.float32)
    tiny = (values != 0) & (grids == 0)
    grids[tiny] = np.sign(values[tiny]) * np.finfo(np.float32).smallest_subnormal
    return grids.T.reshape(values.shape[1], resolution, resolution)
