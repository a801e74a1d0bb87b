"""The engine run at build time: under Node and the very Pyodide the page ships, the spec preset's
first frame (shown before Pyodide loads) and the bytecode of what the engine imports (so the page
compiles nothing). The programs are engine-run.mjs and pyodide_bytecode.py beside this file.

The run takes most of a build's time, so its result is kept in the cache dir under
engine-run/<key>/, the key being the sha256 of everything the run reads (the programs, the staged
Pyodide files and engine sources, Node's version): a cached result is the bytes the run would
give."""

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .layout import FIRST_FRAME
from .pins import LOCK_NAME, trim_lock
from .verify import sha256_hex

ENGINE_RUN = Path(__file__).with_name("engine-run.mjs")
PYODIDE_BYTECODE = Path(__file__).with_name("pyodide_bytecode.py")  # engine-run.mjs runs it
# The folder the page puts ahead of the stdlib zip: the standard library's sourceless .pyc files.
BYTECODE_STDLIB_DIR = "/lib/python3.12/stdlib-bytecode"
CACHE_SUBDIR = "engine-run"
RESULT_FILES = (FIRST_FRAME, "bytecode.zip")
DIGESTS = "sha256.json"  # the result files' digests: a damaged entry is told from a good one


def engine_run_inputs(pyodide, engine_dir: Path) -> dict[str, bytes]:
    """The folder engine-run.mjs works in, by relative path: Pyodide's files, the trimmed lock,
    the engine's sources."""
    core, lock, wheels = pyodide
    inputs = {**core, **wheels, LOCK_NAME: json.dumps(trim_lock(lock)).encode()}
    for path in sorted((engine_dir / "backprop").glob("*.py")):
        inputs[f"backprop/{path.name}"] = path.read_bytes()
    return inputs


def stage_engine_run(folder: Path, inputs: dict[str, bytes]) -> None:
    for name, data in inputs.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes(data)


def node_version() -> str | None:
    try:
        done = subprocess.run(["node", "--version"], capture_output=True, text=True, timeout=60,
                              check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip()


def cache_key(inputs: dict[str, bytes], node: str) -> str:
    """sha256 of every input of the run; each part length-prefixed so no two sets of inputs
    read the same."""
    key = hashlib.sha256()
    parts = [ENGINE_RUN.read_bytes(), PYODIDE_BYTECODE.read_bytes(), BYTECODE_STDLIB_DIR.encode(),
             node.encode()]
    for name, data in sorted(inputs.items()):
        parts += [name.encode(), hashlib.sha256(data).digest()]
    for part in parts:
        key.update(len(part).to_bytes(8, "little") + part)
    return key.hexdigest()


def result_digests(result: tuple[bytes, bytes]) -> dict[str, str]:
    return {name: sha256_hex(data) for name, data in zip(RESULT_FILES, result, strict=True)}


def read_cached(entry: Path) -> tuple[bytes, bytes] | None:
    """The cached result, or None where the entry is missing, partial or damaged."""
    try:
        digests = json.loads((entry / DIGESTS).read_text())
        result = tuple((entry / name).read_bytes() for name in RESULT_FILES)
    except (OSError, ValueError):
        return None
    if digests != result_digests(result):
        return None
    return result


def write_cached(entry: Path, result: tuple[bytes, bytes]) -> None:
    """Written whole in a temp dir, then renamed into place: a build that reads the entry
    meanwhile sees it complete or not at all. A damaged entry is replaced."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=entry.parent, prefix=f".{entry.name}-"))
    try:
        for name, data in zip(RESULT_FILES, result, strict=True):
            (tmp / name).write_bytes(data)
        (tmp / DIGESTS).write_text(json.dumps(result_digests(result), sort_keys=True))
        try:
            os.replace(tmp, entry)
        except OSError:  # an entry is there: another build's (the same bytes), or a damaged one
            if read_cached(entry) is None:
                shutil.rmtree(entry, ignore_errors=True)
                os.replace(tmp, entry)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_node(inputs: dict[str, bytes]) -> tuple[bytes, bytes] | None:
    """(first frame JSON, bytecode archive) computed under Node + Pyodide; None (with a note)
    where Node is missing or fails: the page then waits for the engine's numbers and its Python
    compiles the modules it imports."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        stage_engine_run(folder, inputs)
        try:
            done = subprocess.run(["node", str(ENGINE_RUN), BYTECODE_STDLIB_DIR], cwd=folder,
                                  capture_output=True, timeout=300, check=True)
        except (OSError, subprocess.SubprocessError) as err:
            print(f"build.py: note: no {FIRST_FRAME} and no precompiled bytecode ({err}); the "
                  "page shows numbers once the engine has loaded", file=sys.stderr)
            return None
        return done.stdout + b"\n", (folder / "bytecode.zip").read_bytes()


def engine_run(pyodide, engine_dir: Path,
               cache_dir: Path | None = None) -> tuple[bytes, bytes] | None:
    """run_node's result, from cache_dir's engine-run/ where a run of the same inputs left it
    (no cache_dir: always a fresh run). A failed run is not cached: the next build tries again."""
    inputs = engine_run_inputs(pyodide, engine_dir)
    node = node_version() if cache_dir is not None else None
    if node is None:
        return run_node(inputs)
    entry = Path(cache_dir) / CACHE_SUBDIR / cache_key(inputs, node)
    result = read_cached(entry)
    if result is not None:
        return result
    entry.parent.mkdir(parents=True, exist_ok=True)
    with open(entry.with_name(f".{entry.name}.lock"), "w") as lock:
        # Concurrent builds of the same inputs (tests in parallel) run Node once; the others wait.
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        result = read_cached(entry)
        if result is None:
            result = run_node(inputs)
            if result is not None:
                write_cached(entry, result)
    return result
