"""Fixtures for build.py's tests: the real, verified Pyodide cache (fetched once if empty)."""

import pytest

import build


@pytest.fixture(scope="session")
def pyodide_cache():
    """build.py's own cache dir, filled and verified (network only if it was empty)."""
    cache = build.ROOT / ".cache"
    build.load_pyodide(cache, None)
    return cache
