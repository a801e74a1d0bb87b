// The host protocol's message shapes: which commands exist, what their fields must be, and the
// events and replies the lab sends. Pure (no DOM, no window): protocol.js does the talking.
export const PROTOCOL = 1;
const PREFIX = "backprop-lab:";

// A command's fields: name -> [required?, check]. Values are the lab's to judge (an error reply).
const isNumber = (value) => typeof value === "number";
const isPlainObject = (value) =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const COMMANDS = {
  step: { n: [false, isNumber] },
  reset: { seed: [false, isNumber] },
  setState: { state: [true, isPlainObject] },
  getState: {},
  seek: { step: [true, isNumber] },
};

/** A host's message -> {name, args}, or null for anything that is not a well-shaped command. */
export function parseCommand(data) {
  const typed = isPlainObject(data) && typeof data.type === "string";
  if (!typed || !data.type.startsWith(PREFIX)) return null;
  const name = data.type.slice(PREFIX.length);
  const fields = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : null;
  if (!fields) return null;
  const args = {};
  for (const [field, [required, check]] of Object.entries(fields)) {
    if (data[field] === undefined) {
      if (required) return null;
    } else if (check(data[field])) {
      args[field] = data[field];
    } else {
      return null;
    }
  }
  return { name, args };
}

/** An event or reply: {type: "backprop-lab:<name>", ...fields}. */
export function labMessage(name, fields = {}) {
  return { type: `${PREFIX}${name}`, ...fields };
}

/** The reply to a command the lab refused: the error's name and message, nothing else. */
export function errorMessage(command, error) {
  return labMessage("error", {
    command,
    name: String(error?.name ?? "Error"),
    message: String(error?.message ?? error),
  });
}

/** The `stepped` event: where the run stands after a step (publicState: getState()'s). */
export function steppedMessage({ step, loss, prediction }) {
  return labMessage("stepped", { step, loss, prediction });
}
