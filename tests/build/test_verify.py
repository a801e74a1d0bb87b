"""The build refuses anything that is not the pinned Pyodide release, naming the file, and says
what it could not fetch when offline."""

import hashlib
import json
import re
import shutil

import pytest

from buildsite import cli, fetch, pins, verify
from buildsite.errors import BuildError


def test_verify_sha256_accepts_the_right_bytes():
    data = b"numpy wheel"
    assert verify.verify_sha256(data, hashlib.sha256(data).hexdigest(), "x.whl") == data


def test_verify_sha256_refuses_corrupted_bytes_naming_the_file():
    expected = hashlib.sha256(b"good").hexdigest()
    with pytest.raises(BuildError, match=r"numpy-2\.0\.2.*sha256 mismatch"):
        verify.verify_sha256(b"bad", expected, "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl")


def test_verify_integrity_refuses_a_corrupted_tarball_naming_it():
    with pytest.raises(BuildError, match=r"pyodide-0\.27\.7\.tgz: integrity mismatch"):
        verify.verify_integrity(b"not the tarball", pins.NPM_INTEGRITY, "pyodide-0.27.7.tgz")


def test_a_corrupted_cached_wheel_stops_the_build_naming_it(pyodide_cache, tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(pyodide_cache, cache)
    wheel = next((cache / "wheels").glob("numpy-*.whl"))
    data = bytearray(wheel.read_bytes())
    data[1000] ^= 0xFF
    wheel.write_bytes(bytes(data))
    with pytest.raises(BuildError, match=re.escape(wheel.name) + ": sha256 mismatch"):
        fetch.load_pyodide(cache, None)


def test_a_corrupted_cached_tarball_stops_the_build_naming_it(pyodide_cache, tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(pyodide_cache, cache)
    (cache / "pyodide-0.27.7.tgz").write_bytes(b"truncated")
    with pytest.raises(BuildError, match=r"pyodide-0\.27\.7\.tgz: integrity mismatch"):
        fetch.load_pyodide(cache, None)


def unpack_distribution(cache, target):
    """An unpacked Pyodide distribution (core files, lock, wheels) made from the cache."""
    tarball = (cache / "pyodide-0.27.7.tgz").read_bytes()
    files = fetch.read_tarball_files(tarball, [*pins.CORE_FILES, pins.LOCK_NAME])
    for name, data in files.items():
        (target / name).write_bytes(data)
    for wheel in (cache / "wheels").iterdir():
        shutil.copy(wheel, target / wheel.name)
    return target


def test_a_local_pyodide_dir_is_verified_like_a_download(pyodide_cache, tmp_path):
    local = unpack_distribution(pyodide_cache, tmp_path)
    core, lock, wheels = fetch.load_pyodide(pyodide_cache, local)
    assert set(core) == set(pins.CORE_FILES)
    assert sorted(wheels) == sorted(e["file_name"] for e in pins.lock_entries(lock).values())
    (local / "pyodide.asm.wasm").write_bytes(b"\0asm")
    with pytest.raises(BuildError, match=r"pyodide\.asm\.wasm: sha256 mismatch"):
        fetch.load_pyodide(pyodide_cache, local)


def test_offline_with_an_empty_cache_says_what_could_not_be_fetched(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no npm to run: as good as offline
    with pytest.raises(BuildError) as caught:
        fetch.load_pyodide(tmp_path / "cache", None)
    message = str(caught.value)
    assert "could not fetch pyodide@0.27.7 from the npm registry" in message
    assert "--pyodide-dir" in message


def test_a_missing_npm_is_named_as_not_installed_rather_than_blamed_on_the_network(
        tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BuildError) as caught:
        fetch.load_pyodide(tmp_path / "cache", None)
    message = str(caught.value)
    assert "`npm` is not installed (it comes with Node.js)" in message
    assert "Offline?" not in message and "--pyodide-dir" in message


def test_offline_wheels_say_which_package_could_not_be_fetched(pyodide_cache, tmp_path,
                                                               monkeypatch):
    lock = json.loads(fetch.read_tarball_files(
        (pyodide_cache / "pyodide-0.27.7.tgz").read_bytes(), [pins.LOCK_NAME])[pins.LOCK_NAME])
    monkeypatch.setattr(fetch.sys, "executable", str(tmp_path / "no-python"))
    with pytest.raises(BuildError, match=r"could not fetch the Pyodide wheels"):
        fetch.fetch_wheels(tmp_path / "cache", lock)


def test_main_reports_a_fetch_failure_on_stderr_with_exit_status_1(tmp_path, monkeypatch,
                                                                   capsys):
    monkeypatch.setenv("PATH", str(tmp_path))
    status = cli.main(["--out", str(tmp_path / "dist"), "--cache", str(tmp_path / "cache")])
    assert status == 1
    assert "build.py: error: could not fetch pyodide@0.27.7" in capsys.readouterr().err
    assert not (tmp_path / "dist").exists()


def test_the_pinned_wheels_are_in_the_lock_with_their_hashes(pyodide_cache):
    lock = json.loads(fetch.read_tarball_files(
        (pyodide_cache / "pyodide-0.27.7.tgz").read_bytes(), [pins.LOCK_NAME])[pins.LOCK_NAME])
    entries = pins.lock_entries(lock)
    assert entries["numpy"]["file_name"] == "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"
    assert entries["numpy"]["sha256"] == pins.WHEEL_SHA256["numpy"]


def test_a_lock_of_another_pyodide_version_is_refused():
    with pytest.raises(BuildError, match="not Pyodide 0.27.7"):
        pins.lock_entries({"info": {"version": "0.26.0"}, "packages": {}})


def fake_lock(**sha256):
    names = ("numpy", "micropip", "packaging", "scipy")
    packages = {name: {"file_name": f"{name}.whl",
                       "sha256": sha256.get(name, pins.WHEEL_SHA256.get(name, "0" * 64))}
                for name in names}
    return {"info": {"version": "0.27.7"}, "packages": packages}


def test_the_trimmed_lock_keeps_only_the_shipped_packages():
    assert sorted(pins.trim_lock(fake_lock())["packages"]) == ["numpy"]


def test_a_lock_that_names_another_numpy_build_is_refused():
    with pytest.raises(BuildError, match="numpy not the pinned Pyodide build"):
        pins.lock_entries(fake_lock(numpy="f" * 64))


def test_a_fetch_failure_is_summed_up_by_the_clients_telling_line():
    npm = "npm error code ECONNREFUSED\nnpm error FetchError: request to x failed\nnpm error }\n"
    pip = "Looking in indexes: x\nERROR: No matching distribution found for provisa\n"
    assert fetch.failure_reason(npm) == "npm error FetchError: request to x failed"
    assert fetch.failure_reason(pip) == "ERROR: No matching distribution found for provisa"
    assert fetch.failure_reason("") == "no output"
