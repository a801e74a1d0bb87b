// The host page's postMessage channel: commands from the parent window run through the same
// window.backpropLab functions as the buttons; replies go to the sender's origin only, never "*".
import { PROTOCOL, errorMessage, labMessage, parseCommand, steppedMessage } from "./messages.js";

// What each command does; its result (what getState() returns) is answered with `state`, except
// step's, whose `stepped` event is sent for every step, the learner's too. `state` is the
// protocol's field: a partial or whole public state.
const RUN = {
  step: (api, { n }) => api.step(n),
  reset: (api, { seed }) => api.reset(seed),
  setState: (api, { state: partial }) => api.setState(partial),
  seek: (api, { step }) => api.seek(step),
  getState: async (api) => { await api.ready; return api.getState(); },
};

/**
 * Listens to the parent window (only when framed). api: window.backpropLab. Returns
 * {shown(publicState)}, to be called whenever the lab shows a new frame (publicState: what
 * getState() returns): a step since the last one is told to the host.
 */
export function openHostChannel(api) {
  const channel = { host: firstHostOrigin(), lastStep: null };
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent) return;
    handleMessage(event, api, channel);
  });
  api.ready.then(
    () => window.parent.postMessage(labMessage("ready", { protocol: PROTOCOL }), "*"),
    (error) => window.parent.postMessage(errorMessage("load", error), "*"),
  );
  return { shown: (publicState) => announceStep(publicState, channel) };
}

/** One message from the parent: a well-shaped command from a real origin runs; the rest is
 * ignored. */
export async function handleMessage(event, api, channel) {
  const command = parseCommand(event.data);
  if (!command || !isTargetable(event.origin)) return;
  channel.host = event.origin;
  const reply = (message) => event.source.postMessage(message, event.origin);
  try {
    const result = await RUN[command.name](api, command.args);
    if (command.name !== "step") reply(labMessage("state", { state: result }));
  } catch (error) {
    reply(errorMessage(command.name, error));
  }
}

function announceStep(publicState, channel) {
  const advanced = channel.lastStep !== null && publicState.step > channel.lastStep;
  channel.lastStep = publicState.step;
  if (advanced && channel.host) {
    window.parent.postMessage(steppedMessage(publicState), channel.host);
  }
}

// A sandboxed or file:// host has the origin "null", which postMessage cannot target.
function isTargetable(origin) {
  return typeof origin === "string" && origin !== "null" && origin !== "";
}

// Where the browser names the embedding page's origin, events can go there before any command.
function firstHostOrigin() {
  const origin = window.location.ancestorOrigins?.[0];
  return isTargetable(origin) ? origin : null;
}
