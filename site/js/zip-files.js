// The files of a ZIP archive, read in JavaScript: its central directory names each file, and the
// browser's own DecompressionStream inflates them. The engine's bytecode archive is read this way
// while the Python runtime starts, so that only writing the files is left for when it is ready
// (Pyodide's unpackArchive would inflate them in Python, on the critical path). Pure: no DOM.

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/** bytes: a ZIP archive (Uint8Array). Resolves to [{path, data: Uint8Array}], directories left out;
 * rejects on anything it cannot read (ZIP64, encryption, other methods, a damaged archive). */
export async function readZip(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(view);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries = [];
  for (let i = 0; i < count; i += 1) {
    if (view.getUint32(at, true) !== DIRECTORY_ENTRY) throw new Error("zip: damaged central directory");
    const entry = {
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressed: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
      path: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + view.getUint16(at + 28, true))),
    };
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (!entry.path.endsWith("/")) entries.push(entry);
  }
  return Promise.all(entries.map(async (entry) => ({ path: entry.path, data: await contents(bytes, view, entry) })));
}

function findEndOfDirectory(view) {
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at -= 1) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  throw new Error("zip: not a ZIP archive");
}

async function contents(bytes, view, { path, flags, method, size, compressed, offset }) {
  if (flags & 1) throw new Error(`zip: ${path} is encrypted`);
  if (view.getUint32(offset, true) !== LOCAL_HEADER) throw new Error(`zip: damaged entry ${path}`);
  const start = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
  const raw = bytes.subarray(start, start + compressed);
  if (method === STORED) return raw.slice();
  if (method !== DEFLATED) throw new Error(`zip: ${path} uses compression method ${method}`);
  const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  const data = new Uint8Array(await new Response(stream).arrayBuffer());
  if (data.length !== size) throw new Error(`zip: ${path} is damaged`);
  return data;
}
