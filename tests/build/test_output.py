"""What build.py writes: the same bytes twice without network, a proper engine wheel, a site
without caches or raw engine sources, the page's bundles, and a server with the MIME types Pyodide
needs."""

import _imp
import base64
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import threading
import urllib.request
import zipfile

import pytest

from buildsite import cli, fetch, files, npm, wheel
from buildsite.errors import BuildError
from buildsite.layout import ROOT, STYLE_BUNDLE
from buildsite.server import start_server
from buildsite.site import build

PYTHON_312_MAGIC = 3531  # importlib's MAGIC_NUMBER for CPython 3.12, the Python in Pyodide 0.27


def tree_bytes(directory):
    return {p.relative_to(directory).as_posix(): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(pyodide_cache, tmp_path_factory):
    """(manifest, dist dir) of one build, shared by the tests that only read it."""
    dist = tmp_path_factory.mktemp("built") / "dist"
    return build(dist), dist


def make_package(py_dir, body="VALUE = 1\n"):
    (py_dir / "pkg" / "__pycache__").mkdir(parents=True)
    (py_dir / "pkg" / "__init__.py").write_text(body)
    (py_dir / "pkg" / "core.py").write_text("def f():\n    return 2\n")
    (py_dir / "pkg" / "__pycache__" / "core.cpython-311.pyc").write_bytes(b"\0")
    (py_dir / "pkg" / ".notes").write_text("scratch")
    return py_dir


def test_a_second_build_elsewhere_is_byte_identical_and_needs_no_network(pyodide_cache, tmp_path,
                                                                        monkeypatch):
    """The second build is of a copy of site/ in another folder: no path leaks into the output
    (the bundles' source maps name their sources relative to js/). It runs the engine under Node
    afresh (the first may take the cached run): a real second run gives the same bytes."""
    first = build(tmp_path / "one")
    site_copy = shutil.copytree(ROOT / "site", tmp_path / "elsewhere" / "site")

    def no_network(command, what):
        raise AssertionError(f"tried to fetch {what}")

    def no_install(root):
        raise AssertionError("tried to run npm ci")

    monkeypatch.setattr(fetch, "run_fetch", no_network)
    monkeypatch.setattr(npm, "run_npm_ci", no_install)
    second = build(tmp_path / "two", site_dir=site_copy, engine_cache=False)
    assert first == second
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")


def test_the_build_ships_site_files_and_pyodide_but_not_raw_engine_sources(built):
    manifest, dist = built
    files = set(manifest["files"])
    assert {"index.html", "js/engine/bridge.js", "pyodide/pyodide.mjs", "pyodide/pyodide.asm.wasm",
            "pyodide/python_stdlib.zip", "pyodide/pyodide-lock.json",
            "pyodide/numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"} <= files
    assert sorted(re.sub(r"-[^/]*$", "", f) for f in files if f.startswith("py/")) == [
        "py/backprop", "py/bytecode"]  # the engine's wheel and the compiled bytecode, no sources
    assert manifest["bytecode"].startswith("py/bytecode-") and manifest["bytecode"] in files
    assert not [f for f in files if "__pycache__" in f or f.endswith(".pyc")]
    lock = json.loads((dist / "pyodide" / "pyodide-lock.json").read_text())
    assert sorted(lock["packages"]) == ["numpy"]


def bundled_modules(js, name):
    """The site's modules an output file of the bundler holds, as its source map names them."""
    sources = json.loads((js / f"{name}.map").read_text())["sources"]
    assert all((js / source).is_file() for source in sources if ":" not in source)  # served
    return [f"js/{source}" for source in sources if ":" not in source]


def imported_chunks(js, name):
    return re.findall(r'from\s*"\./(chunk-[\w-]+\.js)"', (js / name).read_text())


def test_the_served_page_loads_two_bundles_that_hold_every_module_once(built):
    _, dist = built
    shell = (dist / "index.html").read_text()
    assert re.findall(r'<script type="module"( async)? src="([^"]+)"', shell) == [
        (" async", "js/engine-start.bundle.js"), ("", "js/main.bundle.js")]
    js = dist / "js"
    early, app = (imported_chunks(js, name) for name in ("engine-start.bundle.js",
                                                          "main.bundle.js"))
    # The app imports the very chunks the engine's bundle runs: one instance of each module.
    assert early and set(early) <= set(app)
    early_modules = [m for chunk in early for m in bundled_modules(js, chunk)]
    assert {"js/engine/start.js", "js/engine/bridge.js"} <= set(early_modules)
    outputs = ["main.bundle.js", *app]
    bundled = [m for name in outputs for m in bundled_modules(js, name)]
    # Every module of site/js/ is in them (boot-check.js is a classic script, loaded by itself),
    # except the engine worker's, which are in its bundle and nowhere else.
    site_js = ROOT / "site" / "js"
    modules = {f"js/{path.relative_to(site_js).as_posix()}" for path in site_js.rglob("*.js")}
    worker = set(bundled_modules(js, "engine-worker.bundle.js"))
    assert worker == {"js/engine/worker.js", "js/engine/worker-fetch.js",
                      "js/engine/worker-pyodide.js"}
    assert len(modules) > 60 and modules - {"js/engine/boot-check.js"} - worker <= set(bundled)
    assert len(bundled) == len(set(bundled)) and not worker & set(bundled)
    # Fetched with the bundle that imports them, not after it has arrived.
    preloads = re.findall(r'<link rel="modulepreload" href="js/([^"]+)">', shell)
    assert sorted(preloads) == sorted(set(early + app))
    assert shell.index("engine-start.bundle.js") < shell.index("modulepreload") < \
        shell.index("main.bundle.js")


def test_the_served_bundles_are_minified_with_source_maps_listed_in_the_manifest(built):
    manifest, dist = built
    for name in ("js/engine-start.bundle.js", "js/main.bundle.js", "js/engine-worker.bundle.js"):
        text = (dist / name).read_text()
        assert text.endswith(f"//# sourceMappingURL={name[3:]}.map\n")
        assert {name, f"{name}.map"} <= set(manifest["files"])
    app = (dist / "js" / "main.bundle.js").read_text()
    source = sum((dist / m).stat().st_size for m in bundled_modules(dist / "js", "main.bundle.js"))
    assert len(app.splitlines()) < 10 and len(app.encode()) < source * 0.6


def test_the_served_page_links_its_stylesheets_as_one_file_in_their_order(built):
    manifest, dist = built
    source = (ROOT / "site" / "index.html").read_text()
    linked = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
    links = linked.findall(source)
    assert len(links) > 1
    assert linked.findall((dist / "index.html").read_text()) == [STYLE_BUNDLE]
    bundle = (dist / STYLE_BUNDLE).read_text()
    parts = re.split(r"^/\* (css/\S+\.css) \*/\n", bundle, flags=re.MULTILINE)
    assert parts[0] == "" and parts[1::2] == links
    assert parts[2::2] == [(dist / href).read_text() for href in links]
    assert STYLE_BUNDLE in manifest["files"]  # the offline copy keeps it too


def test_the_page_holds_the_runtimes_manifest_and_the_first_frame_as_data(built):
    manifest, dist = built
    shell = (dist / "index.html").read_text()
    blocks = dict(re.findall(r'<script type="application/json" id="([\w-]+)">([^<]*)</script>',
                             shell))
    runtime = json.loads(blocks["runtime-manifest"])
    assert runtime["files"] == {path: entry for path, entry in manifest["files"].items()
                                if path.split("/")[0] in ("pyodide", "py")}
    assert {runtime[key] for key in ("pyodide_dir", "engine_wheel", "bytecode")} == {
        manifest[key] for key in ("pyodide_dir", "engine_wheel", "bytecode")}
    first_frame = (dist / "first-frame.json").read_text()
    assert json.loads(blocks["first-frame"]) == json.loads(first_frame)
    # Before the scripts that read them: the engine's data first of all, the frame before the app.
    assert shell.index('id="runtime-manifest"') < shell.index("engine-start.bundle.js") < \
        shell.index('<link rel="stylesheet"') < shell.index('id="first-frame"') < \
        shell.index("main.bundle.js")


def test_the_bytecode_is_the_shipped_sources_compiled_for_pyodides_python(built):
    manifest, dist = built
    site_packages = "lib/python3.12/site-packages/"
    stdlib = manifest["bytecode_stdlib_dir"].lstrip("/") + "/"
    sources = {}
    for archive_path, prefix in ((manifest["engine_wheel"], site_packages),
                                 (next((dist / "pyodide").glob("numpy-*.whl")), site_packages),
                                 (dist / "pyodide" / "python_stdlib.zip", stdlib)):
        with zipfile.ZipFile(dist / archive_path) as archive:
            sources.update({prefix + n: archive.read(n) for n in archive.namelist()
                            if n.endswith(".py")})
    with zipfile.ZipFile(dist / manifest["bytecode"]) as archive:
        compiled = {name: archive.read(name) for name in archive.namelist()}
    modules = set()
    for name, pyc in compiled.items():
        if name.startswith(site_packages):  # beside its source, in __pycache__
            folder, _, file = name.rpartition("/__pycache__/")
            assert file.endswith(".cpython-312.pyc"), name
            source = f"{folder}/{file.removesuffix('.cpython-312.pyc')}.py"
        else:  # sourceless, in the folder the page puts ahead of the stdlib zip
            assert name.startswith(stdlib) and name.endswith(".pyc"), name
            source = name.removesuffix("c")
        modules.add(source.split("/", 3)[3].removesuffix(".py").replace("/", "."))
        magic, flags, source_hash = pyc[:4], int.from_bytes(pyc[4:8], "little"), pyc[8:16]
        assert int.from_bytes(magic[:2], "little") == PYTHON_312_MAGIC and magic[2:] == b"\r\n"
        assert flags == 0b01, name  # hash-based, unchecked: no timestamps to match in the browser
        key = int.from_bytes(magic, "little")
        assert source_hash == _imp.source_hash(key, sources[source]), name
    engine = {n.split("/", 3)[3].removesuffix(".py").replace("/", ".") for n in sources
              if n.startswith(site_packages + "backprop/")}
    assert engine <= modules  # every engine module (the API imports them all)
    assert {"numpy.__init__", "numpy._core.multiarray", "json.__init__", "pickle"} <= modules


def test_the_engine_wheel_is_sorted_timestamped_and_recorded(tmp_path):
    name, data = wheel.build_wheel(make_package(tmp_path), "backprop", "0.1.0")
    assert name.startswith("backprop-0.1.0+") and name.endswith("-py3-none-any.whl")
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    dist_info = name.split("-py3")[0] + ".dist-info"
    assert names[:2] == ["pkg/__init__.py", "pkg/core.py"]
    assert names[2:] == [f"{dist_info}/{f}" for f in ("METADATA", "WHEEL", "RECORD")]
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    record = archive.read(f"{dist_info}/RECORD").decode().splitlines()
    for line in record[:-1]:
        path, digest, size = line.split(",")
        raw = hashlib.sha256(archive.read(path)).digest()
        assert digest == "sha256=" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
        assert int(size) == len(archive.read(path))
    assert "Requires-Dist: numpy" in archive.read(f"{dist_info}/METADATA").decode()


def test_the_engine_wheel_version_follows_its_content(tmp_path):
    one = wheel.build_wheel(make_package(tmp_path / "a"), "backprop", "0.1.0")
    same = wheel.build_wheel(make_package(tmp_path / "b"), "backprop", "0.1.0")
    changed = wheel.build_wheel(make_package(tmp_path / "c", "VALUE = 2\n"), "backprop", "0.1.0")
    assert one == same
    assert changed[0] != one[0]


def test_pip_installs_the_engine_wheel(tmp_path):
    name, data = wheel.build_wheel(make_package(tmp_path / "src"), "backprop", "0.1.0")
    (tmp_path / name).write_bytes(data)
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    "--disable-pip-version-check", "--target", str(tmp_path / "site"),
                    str(tmp_path / name)], check=True)
    assert (tmp_path / "site" / "pkg" / "core.py").exists()


def test_the_build_refuses_to_replace_a_directory_that_is_not_a_build(tmp_path):
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    with pytest.raises(BuildError, match="not a previous build"):
        files.replace_dir(tmp_path / "stage", precious)
    assert (precious / "thesis.tex").exists()


@pytest.mark.parametrize("name, mime", [
    ("pyodide.asm.wasm", "application/wasm"),
    ("pyodide.mjs", "text/javascript"),
    ("main.js", "text/javascript"),
    ("pyodide-lock.json", "application/json"),
    ("style.css", "text/css"),
    ("index.html", "text/html"),
])
def test_the_server_sends_the_right_mime_type(tmp_path, name, mime):
    (tmp_path / name).write_bytes(b"x")
    server, url = start_server(tmp_path, quiet=True)
    try:
        with urllib.request.urlopen(url + name) as response:
            assert response.headers.get_content_type() == mime
            assert url.startswith("http://127.0.0.1:")
    finally:
        server.shutdown()
        server.server_close()


def test_serve_builds_then_serves_on_localhost_and_prints_the_url(pyodide_cache, tmp_path):
    command = [sys.executable, str(ROOT / "build.py"), "--serve", "--port", "0",
               "--out", str(tmp_path / "dist"), "--cache", str(pyodide_cache)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    watchdog = threading.Timer(120, server.kill)
    watchdog.start()
    try:
        lines = [server.stdout.readline(), server.stdout.readline()]
        assert lines[0].startswith(f"Built {tmp_path / 'dist'} (")
        url = re.fullmatch(r"Serving .* at (http://127\.0\.0\.1:\d+/) .*\n", lines[1]).group(1)
        with urllib.request.urlopen(url) as response:
            assert b"Backprop Lab" in response.read()
        with urllib.request.urlopen(url + "pyodide/pyodide.asm.wasm") as response:
            assert response.headers.get_content_type() == "application/wasm"
            assert response.read(4) == b"\0asm"
    finally:
        watchdog.cancel()
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()


def test_the_size_table_lists_pyodide_files_and_sums_the_page():
    manifest = {"files": {"pyodide/pyodide.asm.wasm": {"size": 10240},
                          "index.html": {"size": 1024}, "js/main.js": {"size": 1024}}}
    table = cli.size_table(manifest).splitlines()
    assert table[2] == "| `pyodide/pyodide.asm.wasm` | 10 KiB |"
    assert table[3] == "| page: HTML, CSS, JS, icon (2 files) | 2 KiB |"
    assert table[4] == "| **total** | 12 KiB |"
