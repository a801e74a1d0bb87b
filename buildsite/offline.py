"""The single-file offline page (dist/backprop-lab-offline.html), opened from disk: the runtime,
the wheels, the styles and the app (one classic script) inline in one HTML file with a hash-based
Content-Security-Policy; the files the page fetches as base64 data blocks; the engine's worker
(pyodide.js, pyodide.asm.js and the worker's classic script) as text blocks the page runs as one
blob: worker. Text and bytes in and out, plus offline_file(), which gathers them from the staged
build."""

import base64
import hashlib
import re
from pathlib import Path

from .bundles import Bundles
from .errors import BuildError
from .layout import (
    APP_ENTRY,
    ENGINE_DIR,
    FIRST_FRAME,
    OFFLINE_FILE,
    OFFLINE_SOURCES_DIR,
    PYODIDE_DIR,
    WORKER_ENTRY,
)
from .manifest import manifest_bytes
from .pages import STYLESHEET
from .server import MIME_TYPES

SCRIPT_TAG = re.compile(r"[ \t]*<script\b[^>]*\bsrc=[^>]*>\s*</script>\n?")
ICON = re.compile(r'<link rel="icon" href="([^"]+)"')
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"\s+content="[^"]*">')
# worker-src blob:: the engine's worker, made from the page's text blocks (a file:// page may start
# no other); it inherits this policy, and its fetches are answered from memory, never the network.
OFFLINE_CSP = ("default-src 'none'; script-src {scripts} 'wasm-unsafe-eval'; worker-src blob:; "
               "style-src {styles}; img-src data:; object-src 'none'; base-uri 'none'; "
               "form-action 'none'")


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def inline_safe(text: str, tag: str, label: str) -> str:
    """Refuse content that would end its inline element early or switch the parser's state."""
    if re.search(rf"</{tag}|<!--", text, re.IGNORECASE):
        raise ValueError(f"{label}: contains </{tag} or <!--, cannot be inlined")
    return text


def data_block(path: str, data: bytes, mime: str) -> str:
    """A file as a non-executable base64 data block, found by the page's fetch wrapper."""
    encoded = base64.b64encode(data).decode()
    return (f'<script type="application/octet-stream" data-path="{path}" data-type="{mime}">'
            f"{encoded}</script>\n")


def worker_part(label: str, js: str) -> str:
    """Part of the engine worker's script: text the page reads, never runs itself."""
    return (f'<script type="text/plain" data-worker-part="{label}">'
            f'{inline_safe(js, "script", label)}</script>\n')


def offline_page(shell: str, styles: dict[str, str], icon: bytes, scripts: list[tuple[str, str]],
                 files: dict[str, tuple[bytes, str]],
                 worker: list[tuple[str, str]] = ()) -> str:
    """The page shell with its stylesheets, icon and scripts inline, and files as data blocks.

    styles: href in the shell -> CSS text; scripts: (label, JS) run in order after the data
    blocks; files: path the page fetches -> (bytes, MIME type); worker: (label, JS), the parts of
    the engine worker's one script, in order."""
    scripts = [inline_safe(js, "script", label) for label, js in scripts]
    csp = OFFLINE_CSP.format(
        scripts=" ".join(csp_hash(js) for js in scripts),
        styles=" ".join(csp_hash(inline_safe(css, "style", href)) for href, css in styles.items()))
    linked = STYLESHEET.findall(shell)
    if sorted(linked) != sorted(styles):
        raise ValueError(f"index.html links {linked}, expected {sorted(styles)}")
    page = CSP_META.sub(lambda _: f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
                        shell, count=1)
    page = STYLESHEET.sub(lambda m: f"  <style>{styles[m.group(1)]}</style>\n", page)
    icon_url = "data:image/svg+xml;base64," + base64.b64encode(icon).decode()
    page = ICON.sub(lambda _: f'<link rel="icon" href="{icon_url}"', page, count=1)
    page = SCRIPT_TAG.sub("", page)
    body = "".join(data_block(path, data, mime) for path, (data, mime) in files.items())
    body += "".join(worker_part(label, js) for label, js in worker)
    body += "".join(f"<script>{js}</script>\n" for js in scripts)
    if page.count("</body>") != 1 or csp not in page:
        raise ValueError("index.html: expected one </body> and one Content-Security-Policy meta")
    return page.replace("</body>", body + "</body>")


def embedded_paths(manifest: dict) -> list[str]:
    """What the offline file's page fetches: wasm, stdlib, lock, wheels (not Pyodide's scripts) and
    the build's first frame (asked for at once; from disk it would fail)."""
    return [path for path in manifest["files"]
            if path == FIRST_FRAME or (path.startswith((f"{PYODIDE_DIR}/", f"{ENGINE_DIR}/"))
                                       and not path.endswith((".js", ".mjs", ".map")))]


def offline_file(stage: Path, site_dir: Path, bundles: Bundles, core: dict, manifest: dict) -> str:
    """The built site as one HTML file that opens from disk. bundles: the page's modules and the
    engine worker's, each as one classic script (bundles.py)."""
    shell = (site_dir / "index.html").read_text()
    files = {"manifest.json": (manifest_bytes(manifest), MIME_TYPES[".json"])}
    files.update({path: ((stage / path).read_bytes(), MIME_TYPES[Path(path).suffix])
                  for path in embedded_paths(manifest)})
    try:
        return offline_page(
            shell,
            styles={href: (site_dir / href).read_text() for href in STYLESHEET.findall(shell)},
            icon=(site_dir / "favicon.svg").read_bytes(),
            scripts=[("embedded-files.js",
                      (site_dir / OFFLINE_SOURCES_DIR / "embedded-files.js").read_text()),
                     (f"{APP_ENTRY} bundle", bundles.classic)],
            files=files,
            worker=[("pyodide.js", core["pyodide.js"].decode()),
                    ("pyodide.asm.js", core["pyodide.asm.js"].decode()),
                    (f"{WORKER_ENTRY} bundle", bundles.worker_classic)])
    except ValueError as err:
        raise BuildError(f"{OFFLINE_FILE}: {err}") from err
