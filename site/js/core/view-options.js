// The URL hash's view options (embed=1, display=projector): `&`-separated key=value parts beside
// the scenario's keys, kept in the links the page writes but never part of the scenario. Pure.

/** The hash's `&`-separated parts, without the leading "#". */
export function hashParts(hash) {
  return String(hash || "").replace(/^#/, "").split("&").filter(Boolean);
}

/** True when the hash holds `key=value`. */
export function hasOption(hash, key, value) {
  return hashParts(hash).includes(`${key}=${value}`);
}

/** The hash without `key`, and with `key=value` (once, at its end) unless value is null. */
export function withOption(hash, key, value) {
  const rest = hashParts(hash).filter((part) => !part.startsWith(`${key}=`));
  return `#${[...rest, ...(value === null ? [] : [`${key}=${value}`])].join("&")}`;
}
