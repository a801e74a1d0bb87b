// Training controls in the page: the Play/Pause button, its speed, and "Train N steps". Wires the
// DOM to a player (player.js); pauses when the learner changes the run, when the tab is hidden and
// on divergence (the engine's message shown where Step shows it). While playing, the page's live
// regions are hushed so a screen reader hears one sentence when Play stops, not one per frame.
import { createPlayer } from "./player.js";
import { parseSpeed } from "../core/play-pacing.js";
import { numberRule, parseNumber } from "../core/validate.js";
import { showFieldError } from "../core/values-form.js";
import { fixed } from "../core/format.js";
import { hideStepError, showStepError, stepFailureText } from "./step-error.js";

const byId = (id) => document.getElementById(id);

/**
 * lab: the lab controller; description: describe(); onPlaying(playing) is told as Play starts and
 * stops, before play() or pause() resolve. Returns {play(options), pause()} for the JS API.
 */
export function startPlayControls(lab, description, { onPlaying = () => {} } = {}) {
  const steps = description.fields.steps;
  const onChange = (change) => {
    onPlaying(change.playing);
    showChange(lab, change);
  };
  const player = createPlayer({ lab, maxSteps: steps.max, onChange });
  const button = byId("play-btn");
  const speedSelect = byId("play-speed");
  player.setSpeed(parseSpeed(speedSelect.value));
  button.addEventListener("click", () => (player.playing ? player.pause() : player.play()));
  speedSelect.addEventListener("change", () => player.setSpeed(parseSpeed(speedSelect.value)));
  byId("train-form").addEventListener("submit", (event) => {
    event.preventDefault();
    trainFromField(player, steps);
  });
  lab.watch(() => player.pause("changed"));
  document.addEventListener("visibilitychange", () => document.hidden && player.pause("hidden"));
  for (const id of ["play-btn", "play-speed", "train-input", "train-btn"]) {
    byId(id).disabled = false;
  }
  return {
    play: (options = {}) => playFromScript(player, options, steps),
    pause: () => player.pause().then(() => lab.getState()),
  };
}

function trainFromField(player, steps) {
  const input = byId("train-input");
  const result = parseNumber(input.value, numberRule(steps));
  showFieldError(input, result.error ?? null);
  if (result.error) return;
  player.pause("restart");
  player.play({ steps: result.value, pace: "max" }); // train now: as fast as the page repaints
}

const SPEED_RULE = 'speed: Must be a number of steps per second greater than 0, or "max".';

// window.backpropLab.play({speed, steps}): checked like the controls; resolves when Play stops.
async function playFromScript(player, { speed, steps = null } = {}, rule) {
  if (speed !== undefined) {
    const value = parseSpeed(speed);
    if (value === null) throw valueError(SPEED_RULE);
    player.setSpeed(value);
    const option = [...byId("play-speed").options].find((o) => o.value === String(speed));
    if (option) option.selected = true; // the control shows the speed when it is one of its own
  }
  if (steps !== null) {
    const result = parseNumber(String(steps), numberRule(rule));
    if (result.error) throw valueError(`steps: ${result.error}`);
  }
  return player.play({ steps });
}

function showChange(lab, { playing, reason, error }) {
  const button = byId("play-btn");
  button.querySelector(".play-label").textContent = playing ? "Pause" : "Play";
  button.classList.toggle("is-playing", playing);
  hushLiveRegions(playing);
  const status = byId("play-status");
  if (playing) {
    status.textContent = "Playing.";
    hideStepError();
    return;
  }
  if (error) showStepError(stepFailureText(error));
  status.textContent = stopText(reason, lab.getState());
}

function stopText(reason, publicState) {
  const { step, loss } = publicState ?? {};
  const where = publicState ? `step ${step}, loss ${fixed(loss, 4)}` : "";
  const why = {
    done: `Trained: now at ${where}.`,
    diverged: `Paused: training diverged; kept ${where}.`,
    changed: "Paused: the run changed.",
    hidden: `Paused while the page was hidden, at ${where}.`,
    restart: "",
  }[reason];
  return why ?? `Paused at ${where}.`;
}

// aria-live="off" while playing on every live region of the lab but Play's own status.
function hushLiveRegions(hush) {
  for (const region of byId("lab").querySelectorAll("[aria-live]")) {
    if (region.id === "play-status") continue;
    if (hush && region.getAttribute("aria-live") !== "off") {
      region.dataset.live = region.getAttribute("aria-live");
      region.setAttribute("aria-live", "off");
    } else if (!hush && region.dataset.live) {
      region.setAttribute("aria-live", region.dataset.live);
      delete region.dataset.live;
    }
  }
}

function valueError(message) {
  const error = new Error(message);
  error.name = "ValueError";
  return error;
}
