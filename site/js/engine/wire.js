// The wire form of an engine answer (site/py/backprop/wire.py): JSON text, and one buffer holding
// the bulk numbers. Each placeholder {"$array": {dtype, shape, offset}} in the text becomes a
// typed array viewing that buffer (no copy, no decimal text); its shape is the placeholder's, and
// the answer's own keys say what the numbers are.

const VIEWS = { float64: Float64Array, float32: Float32Array, uint8: Uint8Array };

/** The answer: text parsed, placeholders as typed arrays over buffer (an ArrayBuffer or null). */
export function decode(text, buffer = null) {
  return JSON.parse(text, (key, value) => {
    const array = value !== null && typeof value === "object" ? value.$array : undefined;
    return array === undefined ? value : view(array, buffer);
  });
}

function view({ dtype, shape, offset }, buffer) {
  const View = VIEWS[dtype];
  const length = shape.reduce((product, size) => product * size, 1);
  if (View && length === 0) return new View(0);
  if (!View || !buffer || offset + length * View.BYTES_PER_ELEMENT > buffer.byteLength) {
    throw new TypeError(`The engine sent an array the page cannot read (${dtype}, ${shape}).`);
  }
  return new View(buffer, offset, length);
}
