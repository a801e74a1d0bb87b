"""Build the self-contained static site: fetch and verify pinned Pyodide, pack the engine wheel
from site/py, bundle the page with esbuild, write dist/ with manifest.json, and optionally serve it
on 127.0.0.1. With .cache/ and node_modules/ filled a rebuild needs no network and gives the same
bytes; .cache/engine-run/ keeps the engine run's result by the sha256 of its inputs, so a rebuild
of the same engine starts no Node. The steps live in buildsite/, one concern per module; this is
the entry (`python3 build.py --help`) and names what the tests and benchmarks use."""

import sys

from buildsite.cli import main
from buildsite.layout import OFFLINE_FILE, ROOT
from buildsite.server import SiteHandler, SiteServer, start_server
from buildsite.site import build

__all__ = ["OFFLINE_FILE", "ROOT", "SiteHandler", "SiteServer", "build", "main", "start_server"]

if __name__ == "__main__":
    sys.exit(main())
