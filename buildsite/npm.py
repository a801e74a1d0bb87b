"""The build's own npm packages (esbuild, from package-lock.json): `npm ci` when node_modules/ is
missing or older than the lock file, once at a time. Installs nothing else."""

import fcntl
import subprocess
from pathlib import Path

from .errors import BuildError
from .fetch import failure_reason

NPM_CI = ["npm", "ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"]


def node_modules_current(root: Path) -> bool:
    """node_modules/ was installed from this package-lock.json: npm writes its own copy of the lock
    (node_modules/.package-lock.json) last, so a newer lock means another install is due."""
    installed = root / "node_modules" / ".package-lock.json"
    lock = root / "package-lock.json"
    return installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime


def ensure_node_modules(root: Path) -> None:
    """node_modules/ as package-lock.json says, installed with `npm ci` where it is not."""
    if node_modules_current(root):
        return
    with open(root / "package-lock.json", "rb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # concurrent builds (tests in parallel) install once
        if not node_modules_current(root):
            run_npm_ci(root)


def run_npm_ci(root: Path) -> None:
    try:
        subprocess.run(NPM_CI, cwd=root, check=True, capture_output=True, text=True)
    except FileNotFoundError as err:
        raise BuildError("cannot install the build's tools (esbuild): `npm` is not installed "
                         "(it comes with Node.js). Install it and run again.") from err
    except subprocess.CalledProcessError as err:
        raise BuildError(f"`{' '.join(NPM_CI[:2])}` failed ({failure_reason(err.stderr)}): the "
                         "build's tools (esbuild) are not installed. Offline? Run it once on a "
                         "connected machine.") from err
