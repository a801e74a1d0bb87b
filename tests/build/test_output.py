"""What build.py writes: the same bytes twice without network, a proper engine wheel, a site
without caches or raw engine sources, and a server with the MIME types Pyodide needs."""

import base64
import hashlib
import io
import json
import re
import subprocess
import sys
import threading
import urllib.request
import zipfile

import pytest

import build


def tree_bytes(directory):
    return {p.relative_to(directory).as_posix(): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def make_package(py_dir, body="VALUE = 1\n"):
    (py_dir / "pkg" / "__pycache__").mkdir(parents=True)
    (py_dir / "pkg" / "__init__.py").write_text(body)
    (py_dir / "pkg" / "core.py").write_text("def f():\n    return 2\n")
    (py_dir / "pkg" / "__pycache__" / "core.cpython-311.pyc").write_bytes(b"\0")
    (py_dir / "pkg" / ".notes").write_text("scratch")
    return py_dir


def test_a_second_build_is_byte_identical_and_needs_no_network(pyodide_cache, tmp_path,
                                                               monkeypatch):
    first = build.build(tmp_path / "one")

    def no_network(command, what):
        raise AssertionError(f"tried to fetch {what}")

    monkeypatch.setattr(build, "run_fetch", no_network)
    second = build.build(tmp_path / "two")
    assert first == second
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")


def test_the_build_ships_site_files_and_pyodide_but_not_raw_engine_sources(pyodide_cache,
                                                                          tmp_path):
    manifest = build.build(tmp_path / "dist")
    files = set(manifest["files"])
    assert {"index.html", "js/bridge.js", "pyodide/pyodide.mjs", "pyodide/pyodide.asm.wasm",
            "pyodide/python_stdlib.zip", "pyodide/pyodide-lock.json",
            "pyodide/numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"} <= files
    assert not [f for f in files if f.startswith("py/") and not f.endswith(".whl")]
    assert not [f for f in files if "__pycache__" in f or f.endswith(".pyc")]
    lock = json.loads((tmp_path / "dist" / "pyodide" / "pyodide-lock.json").read_text())
    assert sorted(lock["packages"]) == ["numpy"]


def test_the_served_page_loads_the_app_as_one_bundle_of_every_module_main_js_imports(
        pyodide_cache, tmp_path):
    build.build(tmp_path / "dist")
    shell = (tmp_path / "dist" / "index.html").read_text()
    assert re.findall(r'<script type="module" src="([^"]+)"', shell) == ["js/main.bundle.js"]
    bundle = (tmp_path / "dist" / "js" / "main.bundle.js").read_text()
    bundled = re.findall(r"^// (js/\S+\.js)$", bundle, re.MULTILINE)
    imported = {"js/main.js"} | {f"js/{name}" for name in re.findall(
        r'from "\./([\w-]+\.js)"', (build.ROOT / "site" / "js" / "main.js").read_text())}
    assert bundled[-1] == "js/main.js" and imported <= set(bundled)
    assert len(bundled) == len(set(bundled))


def test_the_engine_wheel_is_sorted_timestamped_and_recorded(tmp_path):
    name, data = build.build_wheel(make_package(tmp_path), "backprop", "0.1.0")
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
    one = build.build_wheel(make_package(tmp_path / "a"), "backprop", "0.1.0")
    same = build.build_wheel(make_package(tmp_path / "b"), "backprop", "0.1.0")
    changed = build.build_wheel(make_package(tmp_path / "c", "VALUE = 2\n"), "backprop", "0.1.0")
    assert one == same
    assert changed[0] != one[0]


def test_pip_installs_the_engine_wheel(tmp_path):
    name, data = build.build_wheel(make_package(tmp_path / "src"), "backprop", "0.1.0")
    (tmp_path / name).write_bytes(data)
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    "--disable-pip-version-check", "--target", str(tmp_path / "site"),
                    str(tmp_path / name)], check=True)
    assert (tmp_path / "site" / "pkg" / "core.py").exists()


def test_the_build_refuses_to_replace_a_directory_that_is_not_a_build(tmp_path):
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    with pytest.raises(build.BuildError, match="not a previous build"):
        build.replace_dir(tmp_path / "stage", precious)
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
    server, url = build.start_server(tmp_path, quiet=True)
    try:
        with urllib.request.urlopen(url + name) as response:
            assert response.headers.get_content_type() == mime
            assert url.startswith("http://127.0.0.1:")
    finally:
        server.shutdown()
        server.server_close()


def test_serve_builds_then_serves_on_localhost_and_prints_the_url(pyodide_cache, tmp_path):
    command = [sys.executable, str(build.ROOT / "build.py"), "--serve", "--port", "0",
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
    table = build.size_table(manifest).splitlines()
    assert table[2] == "| `pyodide/pyodide.asm.wasm` | 10 KiB |"
    assert table[3] == "| page: HTML, CSS, JS, icon (2 files) | 2 KiB |"
    assert table[4] == "| **total** | 12 KiB |"
