"""The page's scripts bundled by esbuild (bundle.mjs beside this file, run under Node): the served
page's two module bundles with their shared chunks and source maps, the engine worker's module
bundle, and the offline file's classic scripts (the app, and the worker's). Knows which entries
become which bundles; writes no file."""

import json
import posixpath
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError
from .layout import (
    APP_BUNDLE,
    APP_ENTRY,
    ENGINE_START,
    ENGINE_START_BUNDLE,
    WORKER_BUNDLE,
    WORKER_ENTRY,
)
from .npm import ensure_node_modules

BUNDLER = Path(__file__).with_name("bundle.mjs")
# (entry, bundle) in the order index.html loads them; the app's bundle exports `modules`.
SERVED = ((ENGINE_START, ENGINE_START_BUNDLE), (APP_ENTRY, APP_BUNDLE))
TABLE_ENTRY = APP_ENTRY
WORKER = (WORKER_ENTRY, WORKER_BUNDLE)


@dataclass(frozen=True)
class Bundles:
    files: dict[str, str]  # path in the site (js/…) -> text: bundles, shared chunks, source maps
    imports: dict[str, list[str]]  # bundle path -> the chunks' paths it imports
    classic: str  # the offline file's app: APP_ENTRY and all it imports, one classic script
    worker_classic: str | None  # the offline file's engine worker: WORKER_ENTRY, one classic script


def out_name(bundled: str) -> str:
    """A bundle's name as esbuild's outdir (js/) takes it: "js/x.bundle.js" -> "x.bundle"."""
    return posixpath.relpath(bundled, "js")[:-len(".js")]


def bundle_request(site_dir: Path, node_modules: Path, served=SERVED, table=TABLE_ENTRY,
                   classic=APP_ENTRY, worker=WORKER) -> dict:
    """What bundle.mjs is asked for: paths relative to site_dir, bundles' names to its js/.
    worker: (entry, bundle) of the engine's worker, or None for none."""
    return {"site_dir": str(site_dir), "node_modules": str(node_modules), "classic": classic,
            "served": [{"entry": entry, "out": out_name(bundled), "table": entry == table}
                       for entry, bundled in served],
            "worker": worker and {"entry": worker[0], "out": out_name(worker[1])}}


def run_bundler(request: dict) -> dict:
    try:
        done = subprocess.run(["node", str(BUNDLER)], input=json.dumps(request),
                              capture_output=True, text=True, timeout=300)
    except FileNotFoundError as err:
        raise BuildError("cannot bundle the page: `node` is not installed (it comes with "
                         "Node.js). Install it and run again.") from err
    if done.returncode != 0:
        raise BuildError(f"esbuild could not bundle the page:\n{done.stderr.strip()}")
    return json.loads(done.stdout)


def bundle_site(site_dir: Path, root: Path, **entries) -> Bundles:
    """The bundles of site_dir's modules, with esbuild from root's node_modules/ (installed first
    if need be). entries: bundle_request's served, table and classic, for other entries."""
    ensure_node_modules(root)
    answer = run_bundler(bundle_request(site_dir, root / "node_modules", **entries))
    served = answer["served"]
    worker = answer["worker"] or {"files": {}, "classic": None}
    return Bundles(files={f"js/{name}": text
                          for name, text in {**served["files"], **worker["files"]}.items()},
                   imports={f"js/{name}": [f"js/{chunk}" for chunk in chunks]
                            for name, chunks in served["imports"].items()},
                   classic=answer["classic"], worker_classic=worker["classic"])
