"""Fixtures for the build's tests: the real, verified Pyodide cache (fetched once if empty)."""

import pytest

from buildsite.fetch import load_pyodide
from buildsite.layout import ROOT


@pytest.fixture(scope="session")
def pyodide_cache():
    """build.py's own cache dir, filled and verified (network only if it was empty)."""
    cache = ROOT / ".cache"
    load_pyodide(cache, None)
    return cache
