"""Where things are: the repository's root and the paths of the built site (dist/) that more than
one step of the build names. Names only; no step's logic."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_DIR = "pyodide"
ENGINE_DIR = "py"
OFFLINE_SOURCES_DIR = "offline"  # site/offline/: scripts only the offline file inlines
OFFLINE_FILE = "backprop-lab-offline.html"
FIRST_FRAME = "first-frame.json"
BYTECODE_NAME = "bytecode"  # py/bytecode-<sha256 prefix>.zip: a new name whenever its bytes change
APP_ENTRY = "js/main.js"
APP_BUNDLE = "js/main.bundle.js"  # dist's index.html loads the app as this module, and first
ENGINE_START_BUNDLE = "js/engine-start.bundle.js"  # this one, which starts loading the engine
ENGINE_START = "js/engine/start.js"
WORKER_ENTRY = "js/engine/worker.js"  # the engine's dedicated worker
WORKER_BUNDLE = "js/engine-worker.bundle.js"  # as the served page starts it (a module worker)
STYLE_BUNDLE = "css/lab.bundle.css"  # the page's stylesheets in one file: one request, not six
RUNTIME_MANIFEST_ID = "runtime-manifest"  # data blocks in dist/index.html: runtime_manifest()
FIRST_FRAME_ID = "first-frame"  # and the first frame
