"""dist/index.html as served: one stylesheet instead of six, and the two module bundles (with the
shared chunks they import preloaded) in place of the two entry modules, each after the data block
it reads. Rewrites the page and writes the bundles; bundles nothing itself."""

import json
import re
from pathlib import Path

from .bundles import SERVED, Bundles
from .errors import BuildError
from .files import write_atomic
from .layout import APP_ENTRY, ENGINE_START, FIRST_FRAME_ID, RUNTIME_MANIFEST_ID, STYLE_BUNDLE

STYLESHEET = re.compile(r'[ \t]*<link rel="stylesheet" href="([^"]+)">\n?')
# The engine's bundle is loaded async, first of all; the app's as written.
ATTRIBUTES = {ENGINE_START: " async", APP_ENTRY: ""}


def json_block(data) -> str:
    """JSON text safe inside a <script type="application/json"> element."""
    text = json.dumps(data, separators=(",", ":"), sort_keys=True, allow_nan=False)
    return text.replace("<", "\\u003c")


def write_style_bundle(stage: Path) -> None:
    """dist/index.html links its stylesheets as one file, in their order: on HTTP/1.1 six
    stylesheets take every connection the browser opens to a host, so the script that starts the
    engine's downloads waited for them (the files stay beside it, for tests and for reading)."""
    shell = (stage / "index.html").read_text()
    links = STYLESHEET.findall(shell)
    if not links:
        raise BuildError("index.html: no stylesheet")
    css = "".join(f"/* {href} */\n{(stage / href).read_text()}" for href in links)
    write_atomic(stage / STYLE_BUNDLE, css.encode())
    tags = iter([f'  <link rel="stylesheet" href="{STYLE_BUNDLE}">\n'])
    shell = STYLESHEET.sub(lambda _: next(tags, ""), shell)
    write_atomic(stage / "index.html", shell.encode())


def bundle_tags(bundled: str, attributes: str, chunks: list[str], block_id: str, data) -> str:
    """The data block the bundle reads (none without data), its script and its chunks' preloads:
    the browser fetches a chunk with the bundle that imports it, not after it."""
    block = ("" if data is None else
             f'<script type="application/json" id="{block_id}">{json_block(data)}</script>\n  ')
    preloads = "".join(f'\n  <link rel="modulepreload" href="{chunk}">' for chunk in chunks)
    return f'{block}<script type="module"{attributes} src="{bundled}"></script>{preloads}'


def write_bundles(stage: Path, bundles: Bundles, runtime: dict, first_frame: dict | None) -> None:
    """dist/index.html loads the app as two bundled modules instead of its ~60 modules one import
    level at a time (the modules stay beside them, for tests and for reading): a small one that
    starts loading the engine at once, and the app; the modules both run are in shared chunks, run
    once. The runtime's part of the manifest is in the page (a JSON data block, which the CSP does
    not treat as a script), so the downloads start without waiting for manifest.json; so is the
    first frame, drawn as the app starts."""
    for path, text in bundles.files.items():
        write_atomic(stage / path, text.encode())
    shell = (stage / "index.html").read_text()
    blocks = {ENGINE_START: (RUNTIME_MANIFEST_ID, runtime),
              APP_ENTRY: (FIRST_FRAME_ID, first_frame)}
    preloaded = set()
    for entry, bundled in SERVED:
        tag = f'<script type="module"{ATTRIBUTES[entry]} src="{entry}"></script>'
        if shell.count(tag) != 1:
            raise BuildError(f"index.html: expected one {tag}")
        chunks = [chunk for chunk in bundles.imports[bundled] if chunk not in preloaded]
        preloaded.update(chunks)
        shell = shell.replace(tag, bundle_tags(bundled, ATTRIBUTES[entry], chunks,
                                               *blocks[entry]))
    write_atomic(stage / "index.html", shell.encode())
