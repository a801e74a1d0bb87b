"""The engine run at build time: under Node and the very Pyodide the page ships, the spec preset's
first frame (shown before Pyodide loads) and the bytecode of what the engine imports (so the page
compiles nothing). The programs are engine-run.mjs and pyodide_bytecode.py beside this file."""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .layout import FIRST_FRAME
from .pins import LOCK_NAME, trim_lock

ENGINE_RUN = Path(__file__).with_name("engine-run.mjs")
# The folder the page puts ahead of the stdlib zip: the standard library's sourceless .pyc files.
BYTECODE_STDLIB_DIR = "/lib/python3.12/stdlib-bytecode"


def stage_engine_run(folder: Path, pyodide, engine_dir: Path) -> None:
    """The folder engine-run.mjs works in: Pyodide's files, the trimmed lock, the engine."""
    core, lock, wheels = pyodide
    for name, data in {**core, **wheels}.items():
        (folder / name).write_bytes(data)
    (folder / LOCK_NAME).write_text(json.dumps(trim_lock(lock)))
    (folder / "backprop").mkdir()
    for path in sorted((engine_dir / "backprop").glob("*.py")):
        shutil.copyfile(path, folder / "backprop" / path.name)


def engine_run(pyodide, engine_dir: Path) -> tuple[bytes, bytes] | None:
    """(first frame JSON, bytecode archive) computed under Node + Pyodide; None (with a note)
    where Node is missing or fails: the page then waits for the engine's numbers and its Python
    compiles the modules it imports."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        stage_engine_run(folder, pyodide, engine_dir)
        try:
            done = subprocess.run(["node", str(ENGINE_RUN), BYTECODE_STDLIB_DIR], cwd=folder,
                                  capture_output=True, timeout=300, check=True)
        except (OSError, subprocess.SubprocessError) as err:
            print(f"build.py: note: no {FIRST_FRAME} and no precompiled bytecode ({err}); the "
                  "page shows numbers once the engine has loaded", file=sys.stderr)
            return None
        return done.stdout + b"\n", (folder / "bytecode.zip").read_bytes()
