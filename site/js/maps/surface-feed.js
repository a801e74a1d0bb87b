// Keeps the function-space pictures (the output heatmap card and the maps inside the hidden nodes)
// up to date: asks the engine for a surface only when a 2-input network's frame has changed and a
// picture is on screen, one request at a time and at most once a frame (the newest frame wins), then hands it to the
// renderers. Holds only what it last asked for.
import { render as renderMap } from "./function-map.js";
import { render as renderNodeMaps } from "./node-maps.js";
import { nodeName } from "../core/network-geometry.js";

const RESOLUTION = 56; // the main map: fine enough for a spiral, small enough for every step
const NODE_RESOLUTION = 32;

/** lab: the lab controller (surface()); onPick(row): a data point was clicked. */
export function createSurfaceFeed({ lab, mapBox, networkBox, note, onPick }) {
  let wanted = null; // the newest view to draw
  let drawnFrame = null;
  let busy = false;
  const visible = new Set();
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) (entry.isIntersecting ? visible.add(entry.target) : visible.delete(entry.target));
    pump();
  });
  observer.observe(mapBox);
  observer.observe(networkBox);

  // At the next frame, not now: steps taken back to back (10 steps, Play, a script) do not wait
  // for a picture of every step in between; the newest frame is drawn.
  // And a picture that is costly to make (big networks) takes at most a fifth of the time:
  // while Play runs, the maps follow a few times a second and the steps keep their frames.
  let scheduled = false;
  let cost = 0; // ms the last picture took (engine + drawing)
  let doneAt = -Infinity;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    const wait = Math.max(0, doneAt + 4 * cost - performance.now());
    setTimeout(() => requestAnimationFrame(() => {
      scheduled = false;
      pump();
    }), wait);
  }

  async function pump() {
    if (busy || !wanted || wanted.frame === drawnFrame || visible.size === 0) return;
    const view = wanted;
    if (view.frame.config.layers[0] !== 2) {
      clear(view);
      return;
    }
    busy = true;
    const start = performance.now();
    try {
      const surface = await lab.surface({ resolution: RESOLUTION, node_resolution: NODE_RESOLUTION });
      drawnFrame = view.frame;
      draw(view, surface); // a newer frame meanwhile is drawn by the next pump
    } catch (error) {
      drawnFrame = view.frame; // not asked again for this frame; the note says why
      note.textContent = `The function-space view could not be drawn: ${error.message}`;
    } finally {
      busy = false;
      doneAt = performance.now();
      cost = doneAt - start;
    }
    if (wanted.frame !== drawnFrame) schedule();
  }

  function draw(view, surface) {
    const layers = view.frame.config.layers;
    const outputs = layers[layers.length - 1];
    note.textContent = `The color is the network’s output${outputs > 1 ? ` ${nodeName(layers, layers.length - 1, 0)}` : ""} ` +
      "for every point (x₁, x₂) of the input plane; the points are the training rows. Click a point to show that " +
      "sample in the drawing. Each hidden neuron in the drawing holds its own activation over the same plane.";
    mapBox.closest("section").dataset.frameStep = String(view.frame.step);
    renderMap(mapBox, {
      surface, points: view.points, sample: view.frame.config.sample, onPick,
      outputName: outputs > 1 ? nodeName(layers, layers.length - 1, 0) : "ŷ",
    });
    renderNodeMaps(networkBox, { surface });
  }

  function clear(view) {
    drawnFrame = view.frame;
    note.textContent = `The function-space view needs a network with 2 inputs; this one has ${view.frame.config.layers[0]}.`;
    mapBox.replaceChildren();
    renderNodeMaps(networkBox, { surface: null });
  }

  return {
    /** A new view is on screen: draw its surface when it is worth asking for. */
    update(view) {
      wanted = view;
      schedule();
    },
  };
}
