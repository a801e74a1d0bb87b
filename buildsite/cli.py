"""build.py's command line: build, print the size table, serve. Parses arguments and reports;
the build itself is site.py's."""

import argparse
import sys
import threading
from pathlib import Path

from .errors import BuildError
from .layout import ENGINE_DIR, OFFLINE_FILE, PYODIDE_DIR, ROOT
from .pins import PYODIDE_VERSION
from .server import start_server
from .site import build

DESCRIPTION = ("Build the self-contained static site: fetch and verify pinned Pyodide, pack the "
               "engine wheel from site/py, bundle the page, write dist/ with manifest.json, and "
               "optionally serve it on 127.0.0.1.")


def size_table(manifest: dict) -> str:
    """Markdown table of the build size: Pyodide and engine files one by one, the rest summed."""
    rows, site_size, site_count = [], 0, 0
    for path, entry in sorted(manifest["files"].items(), key=lambda kv: -kv[1]["size"]):
        if path.startswith((f"{PYODIDE_DIR}/", f"{ENGINE_DIR}/")) or path == OFFLINE_FILE:
            rows.append((f"`{path}`", entry["size"]))
        else:
            site_size, site_count = site_size + entry["size"], site_count + 1
    rows.append((f"page: HTML, CSS, JS, icon ({site_count} files)", site_size))
    rows.append(("**total**", sum(size for _, size in rows)))
    return "| file | size |\n| --- | ---: |\n" + "".join(
        f"| {name} | {size / 1024:,.0f} KiB |\n" for name, size in rows)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="build.py", description=DESCRIPTION)
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output dir (dist/)")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache",
                        help="download cache, and the engine run's results")
    parser.add_argument("--no-engine-cache", action="store_true", help="run the engine under "
                        "Node even where the cache holds the result of a run of the same inputs")
    parser.add_argument("--pyodide-dir", type=Path, help="use a local unpacked Pyodide "
                        f"{PYODIDE_VERSION} distribution (with its wheels) instead of fetching")
    parser.add_argument("--serve", action="store_true", help="serve the build on 127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="port for --serve (8000)")
    parser.add_argument("--sizes", action="store_true", help="print a Markdown size table")
    return parser.parse_args(argv)


def serve(out: Path, port: int) -> int:
    try:
        server, url = start_server(out, port)
    except OSError as err:
        print(f"build.py: error: cannot serve on 127.0.0.1:{port} ({err.strerror}); "
              "try --port N", file=sys.stderr)
        return 1
    print(f"Serving {out} at {url}  (Ctrl+C to stop)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
    return 0


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        manifest = build(args.out, cache_dir=args.cache, pyodide_dir=args.pyodide_dir,
                         engine_cache=not args.no_engine_cache)
    except BuildError as err:
        print(f"build.py: error: {err}", file=sys.stderr)
        return 1
    size = sum(entry["size"] for entry in manifest["files"].values())
    print(f"Built {args.out} ({len(manifest['files'])} files, {size / 1e6:.1f} MB, "
          f"version {manifest['version']})")
    if args.sizes:
        print(size_table(manifest), end="")
    return serve(args.out, args.port) if args.serve else 0
