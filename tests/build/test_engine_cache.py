"""The engine run's cache (engine-run/ in the cache dir): a hit gives the bytes of a cold run and
starts no Node; the key follows every input; a damaged entry is run again, never used."""

import json
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from buildsite import bytecode
from buildsite.fetch import load_pyodide
from buildsite.layout import ROOT
from buildsite.pins import PYODIDE_VERSION, WHEEL_SHA256

ENGINE_DIR = ROOT / "site" / "py"
# A stand-in for Pyodide where no Node runs: only the key and the cache's files are looked at.
FAKE_PYODIDE = ({"pyodide.mjs": b"// loader"},
                {"info": {"version": PYODIDE_VERSION},
                 "packages": {"numpy": {"sha256": WHEEL_SHA256["numpy"], "file_name": "np.whl"}}},
                {"np.whl": b"wheel"})
FAKE_RESULT = (b'{"frame": 1}\n', b"PK archive")


@pytest.fixture
def node_runs(monkeypatch):
    """The engine-run.mjs commands started through bytecode's subprocess.run (they still run)."""
    runs, real_run = [], subprocess.run

    def spy(command, *args, **kwargs):
        if str(bytecode.ENGINE_RUN) in command:
            runs.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(bytecode.subprocess, "run", spy)
    return runs


@pytest.fixture
def fake_node(monkeypatch):
    """run_node replaced by one that returns FAKE_RESULT and counts its calls."""
    calls = []

    def run_node(inputs):
        calls.append(inputs)
        return FAKE_RESULT

    monkeypatch.setattr(bytecode, "run_node", run_node)
    return calls


def test_a_cache_hit_gives_the_bytes_of_the_cold_run_without_starting_node(
        pyodide_cache, tmp_path, node_runs):
    pyodide = load_pyodide(pyodide_cache, None)
    cold = bytecode.engine_run(pyodide, ENGINE_DIR, tmp_path)
    assert len(node_runs) == 1 and cold is not None
    hit = bytecode.engine_run(pyodide, ENGINE_DIR, tmp_path)
    assert len(node_runs) == 1
    assert hit == cold


def test_without_a_cache_dir_node_runs_every_time(tmp_path, fake_node):
    bytecode.engine_run(FAKE_PYODIDE, ENGINE_DIR, None)
    bytecode.engine_run(FAKE_PYODIDE, ENGINE_DIR, None)
    assert len(fake_node) == 2


def test_a_change_of_an_engine_source_or_of_node_changes_the_key(tmp_path):
    engine = shutil.copytree(ENGINE_DIR, tmp_path / "py")
    key = bytecode.cache_key(bytecode.engine_run_inputs(FAKE_PYODIDE, engine), "v22.0.0")
    again = bytecode.cache_key(bytecode.engine_run_inputs(FAKE_PYODIDE, engine), "v22.0.0")
    assert again == key
    assert bytecode.cache_key(bytecode.engine_run_inputs(FAKE_PYODIDE, engine), "v22.0.1") != key
    (engine / "backprop" / "api.py").rename(engine / "backprop" / "api_moved.py")
    assert bytecode.cache_key(bytecode.engine_run_inputs(FAKE_PYODIDE, engine), "v22.0.0") != key
    with open(engine / "backprop" / "api_moved.py", "a") as api:
        api.write("\n")
    edited = bytecode.cache_key(bytecode.engine_run_inputs(FAKE_PYODIDE, engine), "v22.0.0")
    assert edited != key


def test_a_change_of_a_pyodide_file_changes_the_key():
    core, lock, wheels = FAKE_PYODIDE
    key = bytecode.cache_key(bytecode.engine_run_inputs(FAKE_PYODIDE, ENGINE_DIR), "v22")
    for changed in (({**core, "pyodide.mjs": b"// other"}, lock, wheels),
                    (core, lock, {"np.whl": b"other wheel"}),
                    (core, {**lock, "info": {**lock["info"], "arch": "x"}}, wheels)):
        assert bytecode.cache_key(bytecode.engine_run_inputs(changed, ENGINE_DIR), "v22") != key


def entries(cache_dir):
    """The cache's entries (beside them: their lock files)."""
    return [p for p in (cache_dir / bytecode.CACHE_SUBDIR).iterdir() if p.is_dir()]


def damage(entry, how):
    if how == "truncated":
        (entry / "bytecode.zip").write_bytes(b"PK")
    elif how == "missing file":
        (entry / "first-frame.json").unlink()
    elif how == "no digests":
        (entry / bytecode.DIGESTS).unlink()
    elif how == "bad digests":
        (entry / bytecode.DIGESTS).write_text("{")


@pytest.mark.parametrize("how", ["truncated", "missing file", "no digests", "bad digests"])
def test_a_damaged_cache_entry_is_run_again_and_replaced(tmp_path, fake_node, how):
    assert bytecode.engine_run(FAKE_PYODIDE, ENGINE_DIR, tmp_path) == FAKE_RESULT
    [entry] = entries(tmp_path)
    damage(entry, how)
    assert bytecode.engine_run(FAKE_PYODIDE, ENGINE_DIR, tmp_path) == FAKE_RESULT
    assert len(fake_node) == 2
    assert bytecode.read_cached(entry) == FAKE_RESULT  # whole again: the next build uses it
    assert bytecode.engine_run(FAKE_PYODIDE, ENGINE_DIR, tmp_path) == FAKE_RESULT
    assert len(fake_node) == 2
    left = sorted(p.name for p in entry.parent.iterdir())
    assert left == [f".{entry.name}.lock", entry.name]  # no temp dir left behind


def test_a_failed_engine_run_is_not_cached(tmp_path, monkeypatch):
    monkeypatch.setattr(bytecode, "run_node", lambda inputs: None)
    assert bytecode.engine_run(FAKE_PYODIDE, ENGINE_DIR, tmp_path) is None
    assert entries(tmp_path) == []


def test_concurrent_builds_of_the_same_engine_run_node_once(tmp_path, monkeypatch):
    calls = []

    def slow_run_node(inputs):
        calls.append(inputs)
        time.sleep(0.5)  # long enough for every other build to be waiting on the lock
        return FAKE_RESULT

    monkeypatch.setattr(bytecode, "run_node", slow_run_node)
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda _: bytecode.engine_run(FAKE_PYODIDE, ENGINE_DIR, tmp_path),
                                range(3)))
    assert results == [FAKE_RESULT] * 3
    assert len(calls) == 1


def test_the_cache_entry_records_the_digests_of_its_files(tmp_path, fake_node):
    bytecode.engine_run(FAKE_PYODIDE, ENGINE_DIR, tmp_path)
    [entry] = entries(tmp_path)
    digests = json.loads((entry / bytecode.DIGESTS).read_text())
    assert sorted(digests) == sorted(bytecode.RESULT_FILES)
    assert [(entry / name).read_bytes() for name in bytecode.RESULT_FILES] == list(FAKE_RESULT)
