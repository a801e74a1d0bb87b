// Keeps the function-space pictures (the output heatmap card and the maps inside the hidden nodes)
// up to date: asks the engine for a surface only when a 2-input network's frame has changed and a
// picture is on screen, one request at a time and at most once a frame (the newest frame wins),
// then hands it to the renderers. Holds only what it last asked for.
import { render as renderMap } from "./function-map.js";
import { render as renderNodeMaps } from "./node-maps.js";
import { outputName, render as renderNote } from "./function-note.js";

const RESOLUTION = 56; // the main map: fine enough for a spiral, small enough for every step
const NODE_RESOLUTION = 32;

/** lab: the lab controller (surface()); onPick(row): a data point was clicked. */
export function createSurfaceFeed({ lab, mapBox, networkBox, note, onPick }) {
  const feed = {
    lab, mapBox, networkBox, note, onPick,
    wanted: null, // the newest view to draw
    drawnFrame: null,
    busy: false,
    visible: new Set(),
    scheduled: false,
    cost: 0, // ms the last picture took (engine + drawing)
    doneAt: -Infinity,
  };
  watchVisibility(feed);
  return {
    /** A new view is on screen: draw its surface when it is worth asking for. */
    update(view) {
      feed.wanted = view;
      schedule(feed);
    },
  };
}

function watchVisibility(feed) {
  const observer = new IntersectionObserver((entries) => {
    for (const { target, isIntersecting } of entries) {
      if (isIntersecting) feed.visible.add(target);
      else feed.visible.delete(target);
    }
    pump(feed);
  });
  observer.observe(feed.mapBox);
  observer.observe(feed.networkBox);
}

// At the next frame, not now: steps taken back to back (10 steps, Play, a script) do not wait
// for a picture of every step in between; the newest frame is drawn.
// And a picture that is costly to make (big networks) takes at most a fifth of the time:
// while Play runs, the maps follow a few times a second and the steps keep their frames. The wait
// is bounded: a picture that took long because the engine was busy (a slow machine, a queue of
// calls) must not leave the maps stale for four times that.
const LONGEST_WAIT = 1500; // ms
function schedule(feed) {
  if (feed.scheduled) return;
  feed.scheduled = true;
  const wait = Math.max(0, Math.min(feed.doneAt + 4 * feed.cost - performance.now(), LONGEST_WAIT));
  setTimeout(() => requestAnimationFrame(() => {
    feed.scheduled = false;
    pump(feed);
  }), wait);
}

async function pump(feed) {
  const view = feed.wanted;
  if (feed.busy || !view || view.frame === feed.drawnFrame || feed.visible.size === 0) return;
  feed.drawnFrame = view.frame; // not asked again for this frame
  if (view.frame.config.layers[0] !== 2) {
    clear(feed, view);
    return;
  }
  feed.busy = true;
  const start = performance.now();
  try {
    const surface = await feed.lab.surface({
      resolution: RESOLUTION, node_resolution: NODE_RESOLUTION,
    });
    draw(feed, view, surface); // a newer frame meanwhile is drawn by the next pump
  } catch (error) {
    renderNote(feed.note, { layers: view.frame.config.layers, error });
  } finally {
    feed.busy = false;
    feed.doneAt = performance.now();
    feed.cost = feed.doneAt - start;
  }
  if (feed.wanted.frame !== feed.drawnFrame) schedule(feed);
}

function draw({ mapBox, networkBox, note, onPick }, view, surface) {
  const { layers, sample } = view.frame.config;
  renderNote(note, { layers });
  mapBox.closest("section").dataset.frameStep = String(view.frame.step);
  const outputs = { outputName: outputName(layers) };
  renderMap(mapBox, { surface, points: view.points, sample, onPick, ...outputs });
  renderNodeMaps(networkBox, { surface });
}

function clear({ mapBox, networkBox, note }, view) {
  renderNote(note, { layers: view.frame.config.layers });
  mapBox.replaceChildren();
  renderNodeMaps(networkBox, { surface: null });
}
