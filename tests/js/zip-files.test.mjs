// readZip against archives Python's zipfile wrote (stored and deflated, with a directory entry),
// and its refusals.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readZip } from "../../site/js/zip-files.js";

const WRITE_ZIP = `
import io, sys, zipfile
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("lib/", "")
    z.writestr(zipfile.ZipInfo("lib/a.pyc"), bytes(range(256)) * 40, compress_type=zipfile.ZIP_DEFLATED)
    z.writestr(zipfile.ZipInfo("lib/pkg/__init__.pyc"), b"stored bytes", compress_type=zipfile.ZIP_STORED)
    z.writestr(zipfile.ZipInfo("empty.txt"), b"", compress_type=zipfile.ZIP_DEFLATED)
sys.stdout.buffer.write(buf.getvalue())
`;
const archive = () => new Uint8Array(execFileSync("python3", ["-c", WRITE_ZIP]));

test("every file comes out with its path and exact bytes, directories left out", async () => {
  const files = await readZip(archive());
  assert.deepEqual(files.map((f) => f.path), ["lib/a.pyc", "lib/pkg/__init__.pyc", "empty.txt"]);
  const expected = new Uint8Array(256 * 40).map((_, i) => i % 256);
  assert.deepEqual(files[0].data, expected);
  assert.equal(new TextDecoder().decode(files[1].data), "stored bytes");
  assert.equal(files[2].data.length, 0);
});

test("an archive inside a larger buffer is read from its own bytes", async () => {
  const bytes = archive();
  const padded = new Uint8Array(bytes.length + 16);
  padded.set(bytes, 8);
  const files = await readZip(padded.subarray(8, 8 + bytes.length));
  assert.equal(new TextDecoder().decode(files[1].data), "stored bytes");
});

test("bytes that are not an archive, or a damaged one, are refused", async () => {
  await assert.rejects(readZip(new TextEncoder().encode("not a zip archive at all, just text")), /not a ZIP archive/);
  const bytes = archive();
  const damaged = bytes.slice();
  damaged.fill(0, 30, 60); // inside the first file's deflated data
  await assert.rejects(readZip(damaged));
});
