// Pure parsing and checking of numbers typed by a person or found in a URL.
// Every function returns {value} or {error: "<sentence for a learner>"}; none touches the DOM.

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Parse one typed number and check it against `rule` ({min, max, minExclusive, maxExclusive,
 * integer}). */
export function parseNumber(text, rule = {}) {
  const raw = String(text ?? "").trim().replace(/\u2212/g, "-");
  if (raw === "") return { error: "Enter a number." };
  if (/^[+-]?(infinity|inf|∞)$/i.test(raw)) {
    return { error: "Infinity is not allowed; enter a finite number." };
  }
  if (/^[+-]?nan$/i.test(raw)) return { error: "NaN is not a number; enter a finite number." };
  if (/^[+-]?\d+,\d+$/.test(raw)) {
    return { error: `Use a dot for decimals: ${raw.replace(",", ".")}` };
  }
  if (!NUMBER_PATTERN.test(raw)) return { error: `“${shorten(raw)}” is not a number.` };
  const value = Number(raw);
  if (!Number.isFinite(value)) return { error: "That number is too large; enter a finite number." };
  return checkNumber(value, rule);
}

/** Check a number that is already a JS number (from the JS API or a parsed field). */
export function checkNumber(value, rule = {}) {
  if (typeof value !== "number" || Number.isNaN(value)) return { error: "Must be a number." };
  if (!Number.isFinite(value)) return { error: "Must be a finite number." };
  if (rule.integer && !Number.isInteger(value)) return { error: "Must be a whole number." };
  if (rule.minExclusive !== undefined && value <= rule.minExclusive) {
    return { error: `Must be greater than ${rule.minExclusive}.` };
  }
  if (rule.maxExclusive !== undefined && value >= rule.maxExclusive) {
    return { error: `Must be less than ${rule.maxExclusive}.` };
  }
  const { min, max } = rule;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    const low = min !== undefined ? min : rule.minExclusive;
    if (max === undefined) return { error: `Must be at least ${min}.` };
    if (low === undefined) return { error: `Must be at most ${max}.` };
    return { error: `Must be between ${low} and ${max}.` };
  }
  return { value };
}

/** Parse a comma-separated list of exactly `count` numbers (a URL value such as "1,0.5"). */
export function parseNumberList(text, count, rule = {}) {
  const parts = String(text ?? "").split(",");
  if (String(text ?? "").trim() === "") {
    return { error: `Expected ${count} number${count === 1 ? "" : "s"}.` };
  }
  if (parts.length !== count) {
    return { error: `Expected ${count} comma-separated numbers, got ${parts.length}.` };
  }
  return collect(parts.map((part) => parseNumber(part, rule)));
}

/** Check an array of exactly `count` JS numbers. */
export function checkNumberList(values, count, rule = {}) {
  if (!Array.isArray(values)) return { error: `Must be an array of ${count} numbers.` };
  if (values.length !== count) {
    return { error: `Must have ${count} numbers, got ${values.length}.` };
  }
  return collect(values.map((v) => checkNumber(v, rule)));
}

function collect(results) {
  const bad = results.findIndex((r) => r.error);
  if (bad >= 0) return { error: `Entry ${bad + 1}: ${results[bad].error}` };
  return { value: results.map((r) => r.value) };
}

function shorten(text) {
  return text.length > 24 ? `${text.slice(0, 21)}…` : text;
}

/** The engine's field rule (describe().fields[name]) in this module's terms. */
export function numberRule(field) {
  const rule = { integer: field.kind === "integer" };
  if (field.min !== undefined) rule[field.min_exclusive ? "minExclusive" : "min"] = field.min;
  if (field.max !== undefined) rule[field.max_exclusive ? "maxExclusive" : "max"] = field.max;
  return rule;
}
