// The optimizers' settings as the UI state holds them: one field per number a setting holds
// (describe().settings: Adam's betas are the fields beta1 and beta2), named by its field rule,
// with the engine's labels and defaults. Pure; knows no optimizer by name.

const cache = new WeakMap();

/**
 * Every optimizer field, in describe().fields order: [{name, setting, index, label, title,
 * takers}] (index: the number's place in a list setting, else null; takers: the optimizers that
 * take it, in describe() order).
 */
export function settingFields(description) {
  if (!cache.has(description)) cache.set(description, collectFields(description));
  return cache.get(description);
}

function collectFields(description) {
  const found = new Map();
  for (const [optimizer, { settings }] of Object.entries(description.optimizers)) {
    for (const [setting, value] of Object.entries(settings)) {
      partsOf(description, setting, value).forEach((part, i) => {
        const index = Array.isArray(value) ? i : null;
        const field = found.get(part.rule) ?? { name: part.rule, setting, index, takers: [] };
        found.set(part.rule, { ...field, label: part.label, title: part.title ?? "" });
        found.get(part.rule).takers.push(optimizer);
      });
    }
  }
  const order = Object.keys(description.fields);
  return [...found.values()].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

// The numbers a setting holds, as describe().settings names them (one it does not name: itself).
function partsOf(description, setting, value) {
  const parts = description.settings?.[setting];
  if (parts) return parts;
  if (Array.isArray(value)) throw new Error(`describe() names no fields for "${setting}".`);
  return [{ rule: setting, label: setting, title: "" }];
}

/** The fields optimizer `name` takes. */
export function fieldsOf(description, name) {
  return settingFields(description).filter((field) => field.takers.includes(name));
}

/** Optimizer `name`'s default for field `field` (undefined when it does not take it). */
export function fieldDefault(description, name, field) {
  const entry = settingFields(description).find((f) => f.name === field);
  const value = description.optimizers[name]?.settings[entry?.setting];
  return entry?.index === null ? value : value?.[entry?.index];
}

/** Does every optimizer take this field (the learning rate)? */
export function isShared(description, field) {
  const entry = settingFields(description).find((f) => f.name === field);
  return entry?.takers.length === Object.keys(description.optimizers).length;
}

/** The engine's optimizer config for a UI state: its name and exactly the settings it takes. */
export function optimizerConfig(state, description) {
  const config = { name: state.optimizer };
  for (const field of fieldsOf(description, state.optimizer)) {
    if (field.index === null) config[field.setting] = state[field.name];
    else (config[field.setting] ??= [])[field.index] = state[field.name];
  }
  return config;
}

/** The UI state's fields for an engine optimizer config ({name, lr, betas, …}). */
export function fieldsFromConfig(config, description) {
  const values = {};
  for (const field of fieldsOf(description, config.name)) {
    const value = config[field.setting];
    if (value === undefined) continue;
    values[field.name] = field.index === null ? value : value[field.index];
  }
  return values;
}

/**
 * A change to optimizer `name`: each field it takes that `given` lacks keeps its value, unless
 * that value is some optimizer's default for it (nobody chose it): then `name`'s default. Settings
 * every optimizer takes (the learning rate) are kept. Changes `state` in place.
 */
export function switchOptimizer(state, name, given, description) {
  for (const field of fieldsOf(description, name)) {
    if (given(field.name) || isShared(description, field.name)) continue;
    const defaults = field.takers.map((taker) => fieldDefault(description, taker, field.name));
    if (state[field.name] === undefined || defaults.includes(state[field.name])) {
      state[field.name] = fieldDefault(description, name, field.name);
    }
  }
  return state;
}

/** setState's `optimizer` object {name, lr, betas, …} -> {value: flat fields} or {error}. */
export function flattenOptimizer(value, description) {
  const fields = settingFields(description);
  const allowed = ["name", ...new Set(fields.map((field) => field.setting))];
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length) {
    return { error: `optimizer: unknown setting "${unknown[0]}"; allowed: ${allowed.join(", ")}.` };
  }
  const flat = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "name") { flat.optimizer = v; continue; }
    const parts = fields.filter((field) => field.setting === key);
    if (parts[0].index === null) { flat[parts[0].name] = v; continue; }
    if (!Array.isArray(v) || v.length !== parts.length) {
      return { error: `optimizer.${key}: Must be ${countWord(parts.length)} numbers.` };
    }
    parts.forEach((field) => { flat[field.name] = v[field.index]; });
  }
  return { value: flat };
}

function countWord(n) {
  return ["no", "one", "two", "three", "four"][n] ?? String(n);
}

/** The setState partial for a field typed in the settings card (a list setting whole). */
export function settingChange(state, field, value, description) {
  const entry = settingFields(description).find((f) => f.name === field);
  if (entry.index === null) return { optimizer: { [entry.setting]: value } };
  const parts = settingFields(description).filter((f) => f.setting === entry.setting);
  const numbers = parts.map((f) => (f.name === field ? value : state[f.name]));
  return { optimizer: { [entry.setting]: numbers } };
}
