"""The pixel check for what the DOM cannot see: pictures drawn inside an SVG (the function maps in
the hidden nodes) land where every engine paints them, not where getBoundingClientRect says.

In the page: everything is hidden but the raster content inside SVGs (<image>, <foreignObject>
and what it holds), on a magenta canvas; the node circles are measured. Then a
screenshot; raster pixels are those not magenta, and each must lie inside a node's circle (give or
take the edge's antialiasing), and each node with a map must show it over most of its circle.
Pure numpy on the screenshot apart from the two page scripts: `raster_pixels`, `stray` and
`coverage` take arrays.
"""

import io

import numpy as np
from PIL import Image

BACKGROUND = (255, 0, 255)  # no map colour is magenta: blue-white-orange, grey, black
COLOUR_TOLERANCE = 24  # per channel: screenshots may be colour-managed or dithered
EDGE_PX = 1.5  # antialiasing of a clipped circle's edge, in CSS px
COVERED = 0.6  # the share of its circle a node's map must show

# Hides all but SVG rasters; returns the circles {x, y, r, map} in CSS px of the viewport, or
# {redrawn: true} when the page redrew them meanwhile (then RESTORE and try again). Opacity and
# compositing are left as they are: they decide where WebKit paints a canvas. What it overrides
# is kept on window.__rasterCheck and put back by RESTORE.
ISOLATE = """async (selector) => {
  const frames = (n) => new Promise((r) => {
    const next = (k) => (k ? requestAnimationFrame(() => next(k - 1)) : r());
    next(n);
  });
  // Through the CSSOM (the page's CSP refuses style attributes), keeping what each replaced.
  const kept = [];
  window.__rasterCheck = kept;
  const set = (el, props) => {
    for (const [k, v] of Object.entries(props)) {
      kept.push([el, k, el.style.getPropertyValue(k), el.style.getPropertyPriority(k)]);
      el.style.setProperty(k, v, "important");
    }
  };
  // No scrollbar over the pictures: the page's width may change, so let it redraw first.
  document.querySelector(selector).scrollIntoView({ block: "center" });
  set(document.documentElement, { overflow: "hidden", "background-color": "rgb(255, 0, 255)" });
  await frames(4);
  const rasters = new Set(document.querySelectorAll(
    "svg image, svg foreignObject, svg foreignObject *"));
  // An <svg> paints nothing of its own, but Chromium skips the pictures in a hidden one.
  const roots = new Set([...rasters].map((el) => el.ownerSVGElement).filter(Boolean));
  const hidden = { visibility: "hidden", "background-color": "transparent",
                   "caret-color": "transparent", transition: "none", animation: "none" };
  for (const el of document.querySelectorAll("body, body *")) {
    set(el, rasters.has(el) ? { visibility: "visible" }
      : roots.has(el) ? { ...hidden, visibility: "visible" } : hidden);
  }
  // Until every picture is decoded and painted.
  await Promise.all([...document.querySelectorAll("svg image")].map((image) => {
    const probe = new Image();
    probe.src = image.href.baseVal;
    return probe.decode().catch(() => {});
  }));
  await frames(2);
  const now = document.querySelectorAll("svg image, svg foreignObject, svg foreignObject *");
  if ([...now].some((el) => !rasters.has(el))) return { redrawn: true };
  const circles = [...document.querySelectorAll(`${selector} .node-circle`)].map((circle) => {
    const box = circle.getBoundingClientRect();
    const node = circle.closest(".node");
    return { x: box.left + box.width / 2, y: box.top + box.height / 2, r: box.width / 2,
             map: node.classList.contains("has-map"), name: node.dataset.node };
  });
  const root = document.documentElement;
  return { circles, width: root.clientWidth, height: root.clientHeight, inner: innerWidth };
}"""

RESTORE = """() => {
  for (const [el, name, value, priority] of (window.__rasterCheck ?? []).reverse()) {
    if (value) el.style.setProperty(name, value, priority); else el.style.removeProperty(name);
  }
  delete window.__rasterCheck;
}"""


def raster_mask(png: bytes, width: int, height: int, inner: int) -> tuple[np.ndarray, float]:
    """(mask of raster pixels within the width x height CSS-px viewport, device px per CSS px);
    the screenshot is `inner` CSS px wide (the window's inner width, scrollbar included)."""
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    return raster_pixels(image, width, height, inner)


def raster_pixels(image: np.ndarray, width: int, height: int,
                  inner: int | None = None) -> tuple[np.ndarray, float]:
    """As raster_mask, for an (h, w, 3) RGB array of the screenshot."""
    scale = image.shape[1] / (inner or width)
    crop = image[: round(height * scale), : round(width * scale)]
    distance = np.abs(crop - np.array(BACKGROUND, dtype=np.int16)).max(axis=2)
    return distance > COLOUR_TOLERANCE, scale


def stray(mask: np.ndarray, scale: float, circles: list[dict]) -> np.ndarray:
    """(n, 2) CSS-px (x, y) of raster pixels outside every circle."""
    ys, xs = np.nonzero(mask)
    centres_x = (xs + 0.5) / scale
    centres_y = (ys + 0.5) / scale
    inside = np.zeros(len(xs), dtype=bool)
    for c in circles:
        inside |= np.hypot(centres_x - c["x"], centres_y - c["y"]) <= c["r"] + EDGE_PX
    return np.column_stack([centres_x[~inside], centres_y[~inside]])


def coverage(mask: np.ndarray, scale: float, circle: dict) -> float:
    """The share of pixels well inside `circle` that show raster content."""
    height, width = mask.shape
    ys, xs = np.mgrid[0:height, 0:width]
    inner = np.hypot((xs + 0.5) / scale - circle["x"],
                     (ys + 0.5) / scale - circle["y"]) <= circle["r"] - 3
    return float(mask[inner].mean()) if inner.any() else 0.0


def check(driver, selector: str, shot_path) -> dict:
    """Runs the check in driver's page for the SVG drawing at `selector`: returns
    {circles, stray: [(x, y), ...] CSS px, uncovered: {node: share shown}, rasters: count}."""
    for _ in range(3):
        measured = driver.run(ISOLATE, selector)
        try:
            if not measured.get("redrawn"):
                driver.screenshot(shot_path)
                break
        finally:
            driver.run(RESTORE)
    else:
        raise AssertionError("the drawing was redrawn during each of 3 tries of the pixel check")
    mask, scale = raster_mask(shot_path.read_bytes(), measured["width"], measured["height"],
                              measured["inner"])
    circles = measured["circles"]
    shown = {c["name"]: coverage(mask, scale, c) for c in circles if c["map"]}
    return {"circles": circles, "rasters": int(mask.sum()),
            "stray": [tuple(p) for p in stray(mask, scale, circles).round(1).tolist()],
            "uncovered": {name: share for name, share in shown.items() if share < COVERED}}
