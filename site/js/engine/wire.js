// The wire form of an engine answer (site/py/backprop/wire.py): JSON text, and one buffer holding
// the bulk numbers. Two placeholders in the text point into that buffer:
// - {"$array": {dtype, shape, offset}} becomes a typed array viewing the buffer (no copy, no
//   decimal text); its shape is the placeholder's, and the answer's own keys say what it holds.
// - {"$lists": {shape, offset}} (float64) becomes the nested lists of numbers the engine sent,
//   NaN (a non-finite number) as null, exactly as if they had come as JSON.

const VIEWS = { float64: Float64Array, float32: Float32Array, uint8: Uint8Array };

/** The answer: text parsed, placeholders as typed arrays or lists over buffer (or null). */
export function decode(text, buffer = null) {
  return JSON.parse(text, (key, value) => {
    if (value === null || typeof value !== "object") return value;
    if (value.$array !== undefined) return view(value.$array, buffer);
    if (value.$lists !== undefined) return lists(value.$lists, buffer);
    return value;
  });
}

function view({ dtype, shape, offset }, buffer) {
  const View = VIEWS[dtype];
  const length = sizeOf(shape);
  if (View && length === 0) return new View(0);
  if (!View || !buffer || !inside(buffer, offset, length * View.BYTES_PER_ELEMENT)) {
    throw new TypeError(`The engine sent an array the page cannot read (${dtype}, ${shape}).`);
  }
  return new View(buffer, offset, length);
}

function lists({ shape, offset }, buffer) {
  const length = sizeOf(shape);
  if (!buffer || !inside(buffer, offset, length * 8) || shape.length === 0) {
    throw new TypeError(`The engine sent numbers the page cannot read (${shape}).`);
  }
  const numbers = new Float64Array(buffer, offset, length);
  let next = 0;
  const build = (depth) => {
    const list = new Array(shape[depth]);
    for (let i = 0; i < list.length; i += 1) {
      if (depth < shape.length - 1) {
        list[i] = build(depth + 1);
      } else {
        const value = numbers[next++];
        list[i] = Number.isNaN(value) ? null : value;
      }
    }
    return list;
  };
  return build(0);
}

function sizeOf(shape) {
  if (!Array.isArray(shape) || !shape.every((n) => Number.isInteger(n) && n >= 0)) return NaN;
  return shape.reduce((product, size) => product * size, 1);
}

function inside(buffer, offset, bytes) {
  return Number.isInteger(offset) && offset >= 0 && offset % 8 === 0 &&
    Number.isFinite(bytes) && offset + bytes <= buffer.byteLength;
}
