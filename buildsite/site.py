"""The whole build: the site's files, Pyodide's, the engine's wheel and bytecode, the bundles and
the offline file staged in a temp dir beside out_dir, then moved into place with its manifest."""

import json
import shutil
import tempfile
from pathlib import Path

from .bundles import bundle_site
from .bytecode import BYTECODE_STDLIB_DIR, engine_run
from .fetch import load_pyodide
from .files import replace_dir, source_files, write_atomic
from .layout import (
    BYTECODE_NAME,
    ENGINE_DIR,
    FIRST_FRAME,
    OFFLINE_FILE,
    OFFLINE_SOURCES_DIR,
    PYODIDE_DIR,
    ROOT,
    WORKER_BUNDLE,
)
from .manifest import make_manifest, manifest_bytes, runtime_manifest
from .offline import offline_file
from .pages import write_bundles, write_style_bundle
from .pins import LOCK_NAME, OFFLINE_ONLY_FILES, PYODIDE_VERSION, trim_lock
from .verify import sha256_hex
from .wheel import build_wheel, project_version


def write_runtime(stage: Path, pyodide) -> None:
    """Pyodide's files and the trimmed lock into pyodide/ (not the offline file's loader)."""
    core, lock, wheels = pyodide
    for name, data in {**core, **wheels}.items():
        if name not in OFFLINE_ONLY_FILES:
            write_atomic(stage / PYODIDE_DIR / name, data)
    lock_json = json.dumps(trim_lock(lock), indent=1, sort_keys=True) + "\n"
    write_atomic(stage / PYODIDE_DIR / LOCK_NAME, lock_json.encode())


def write_engine(stage: Path, root: Path, site_dir: Path, pyodide,
                 engine_cache: Path | None) -> tuple[dict, dict | None]:
    """The engine's wheel, bytecode and first frame into the stage: (manifest's keys for them,
    the first frame or None where Node could not run the engine). engine_cache: where the engine
    run's result may be kept (None: run it afresh)."""
    wheel_name, wheel = build_wheel(site_dir / ENGINE_DIR, "backprop", project_version(root))
    write_atomic(stage / ENGINE_DIR / wheel_name, wheel)
    extra = {"pyodide_version": PYODIDE_VERSION, "pyodide_dir": f"{PYODIDE_DIR}/",
             "engine_wheel": f"{ENGINE_DIR}/{wheel_name}"}
    run = engine_run(pyodide, site_dir / ENGINE_DIR, engine_cache)
    if run is None:
        return extra, None
    frame, bytecode = run
    write_atomic(stage / FIRST_FRAME, frame)
    extra["bytecode"] = f"{ENGINE_DIR}/{BYTECODE_NAME}-{sha256_hex(bytecode)[:10]}.zip"
    extra["bytecode_stdlib_dir"] = BYTECODE_STDLIB_DIR
    write_atomic(stage / extra["bytecode"], bytecode)
    return extra, json.loads(frame)


def write_site(stage: Path, root: Path, site_dir: Path, pyodide,
               engine_cache: Path | None) -> dict:
    for path in source_files(site_dir, skip_dirs=(ENGINE_DIR, OFFLINE_SOURCES_DIR)):
        write_atomic(stage / path.relative_to(site_dir), path.read_bytes())
    write_runtime(stage, pyodide)
    bundles = bundle_site(site_dir, root)
    extra, first_frame = write_engine(stage, root, site_dir, pyodide, engine_cache)
    extra["engine_worker"] = WORKER_BUNDLE
    write_style_bundle(stage)
    write_bundles(stage, bundles, runtime_manifest(make_manifest(stage, extra)), first_frame)
    offline = offline_file(stage, site_dir, bundles, pyodide[0], make_manifest(stage, extra))
    write_atomic(stage / OFFLINE_FILE, offline.encode())
    manifest = make_manifest(stage, {**extra, "offline_file": OFFLINE_FILE})
    write_atomic(stage / "manifest.json", manifest_bytes(manifest))
    return manifest


def build(out_dir: Path, *, root: Path = ROOT, cache_dir: Path | None = None,
          pyodide_dir: Path | None = None, site_dir: Path | None = None,
          engine_cache: bool = True) -> dict:
    """Write the whole site to out_dir and return its manifest. engine_cache=False runs the
    engine under Node even where cache_dir holds the result of a run of the same inputs."""
    cache_dir = Path(cache_dir or root / ".cache")
    pyodide = load_pyodide(cache_dir, pyodide_dir)
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}-"))
    stage.chmod(0o755)
    try:
        manifest = write_site(stage, root, Path(site_dir or root / "site").resolve(), pyodide,
                              cache_dir if engine_cache else None)
        replace_dir(stage, out_dir)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return manifest
