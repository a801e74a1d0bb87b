"""The pixel check's arithmetic on made-up screenshots, without a browser: a map inside its node
passes, the same map painted at the drawing's origin (WebKit's foreignObject bug) is caught, and
a node whose map is missing is named."""

import numpy as np
import pytest
import raster_check

pytestmark = pytest.mark.engines

NODES = [{"x": 60.0, "y": 40.0, "r": 20.0, "map": True, "name": "1-0"},
         {"x": 140.0, "y": 40.0, "r": 20.0, "map": False, "name": "0-0"}]


def screenshot(maps, scale=1):
    """A magenta (h, w, 3) image at scale device px per CSS px, with a disc of map colour at each
    (x, y, r) in CSS px, as a clipped map paints."""
    h, w = 80 * scale, 200 * scale
    image = np.zeros((h, w, 3), dtype=np.int16)
    image[:] = raster_check.BACKGROUND
    ys, xs = np.mgrid[0:h, 0:w]
    for x, y, r in maps:
        disc = np.hypot((xs + 0.5) / scale - x, (ys + 0.5) / scale - y) <= r - 2
        image[disc] = (232, 120, 60)
    return image


@pytest.mark.parametrize("scale", [1, 2])
def test_a_map_inside_its_node_has_no_stray_pixel_and_covers_it(scale):
    mask, found = raster_check.raster_pixels(screenshot([(60, 40, 20)], scale), 200, 80)
    assert found == scale
    assert raster_check.stray(mask, found, NODES).size == 0
    assert raster_check.coverage(mask, found, NODES[0]) == 1.0


def test_a_map_painted_at_the_drawings_origin_is_caught_and_its_node_shows_none():
    mask, scale = raster_check.raster_pixels(screenshot([(18, 18, 20)]), 200, 80)
    outside = raster_check.stray(mask, scale, NODES)
    assert len(outside) > 500
    assert outside[:, 0].max() < 40  # all of them near the origin, left of every node
    assert raster_check.coverage(mask, scale, NODES[0]) == 0.0


def test_pixels_past_the_viewport_a_scrollbar_say_are_not_looked_at():
    image = screenshot([(60, 40, 20)])
    image[:, 190:] = (128, 128, 128)  # a scrollbar beside a 190-px viewport
    mask, scale = raster_check.raster_pixels(image, 190, 80, inner=200)
    assert mask.shape == (80, 190) and raster_check.stray(mask, scale, NODES).size == 0


def test_the_edge_of_a_clipped_circle_may_blur_by_a_pixel_and_a_half():
    image = screenshot([(60, 40, 23.4)])  # the disc reaches r + 1.4
    mask, scale = raster_check.raster_pixels(image, 200, 80)
    assert raster_check.stray(mask, scale, NODES).size == 0
    mask, scale = raster_check.raster_pixels(screenshot([(60, 40, 25)]), 200, 80)
    assert raster_check.stray(mask, scale, NODES).size > 0
