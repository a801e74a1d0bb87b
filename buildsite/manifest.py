"""manifest.json: every file of the build with its size and sha256, and a version that is a hash
of them all (the service worker keeps one copy per version); and the runtime's part of it."""

import json
from pathlib import Path

from .files import source_files
from .layout import ENGINE_DIR, PYODIDE_DIR
from .verify import sha256_hex


def make_manifest(out_dir: Path, extra: dict) -> dict:
    files = {p.relative_to(out_dir).as_posix(): p.read_bytes() for p in source_files(out_dir)}
    files.pop("manifest.json", None)
    entries = {path: {"size": len(data), "sha256": sha256_hex(data)}
               for path, data in sorted(files.items())}
    version = sha256_hex("".join(f"{p}\0{e['sha256']}\n" for p, e in entries.items()).encode())
    return {"version": version[:16], **extra, "files": entries}


def manifest_bytes(manifest: dict) -> bytes:
    return (json.dumps(manifest, indent=1) + "\n").encode()


def runtime_manifest(manifest: dict) -> dict:
    """The part of the manifest that loading the engine needs: its files (Pyodide's, the wheels,
    the bytecode) with their hashes, not the page's own files (index.html holds this part)."""
    files = {path: entry for path, entry in manifest["files"].items()
             if path.startswith((f"{PYODIDE_DIR}/", f"{ENGINE_DIR}/"))}
    return {key: value for key, value in manifest.items() if key != "version"} | {"files": files}
