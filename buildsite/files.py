"""File-system helpers of the build: atomic writes, the sorted list of a tree's source files, and
moving a staged build into place without deleting anything that is not a build."""

import os
import shutil
import tempfile
from pathlib import Path

from .errors import BuildError


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temp file + rename so concurrent builds never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def source_files(directory: Path, skip_dirs=()) -> list[Path]:
    """Files under directory, sorted, without caches, dotfiles or the skipped top-level dirs."""
    found = []
    for path in sorted(directory.rglob("*")):
        parts = path.relative_to(directory).parts
        if (path.is_file() and parts[0] not in skip_dirs and "__pycache__" not in parts
                and not any(p.startswith(".") for p in parts) and path.suffix != ".pyc"):
            found.append(path)
    return found


def replace_dir(stage: Path, out_dir: Path) -> None:
    """Move the staged build into place; refuse to delete a directory that is not a build."""
    if out_dir.exists():
        if any(out_dir.iterdir()) and not (out_dir / "manifest.json").exists():
            raise BuildError(f"{out_dir}: exists and is not a previous build; refusing to replace")
        shutil.rmtree(out_dir)
    os.replace(stage, out_dir)
