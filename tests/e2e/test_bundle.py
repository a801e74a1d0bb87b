"""The built bundle is self-contained: our own files name no other host, the CSP allows nothing
external, at runtime no request leaves the origin, and manifest.json describes every file."""

import hashlib
import json
import re
import urllib.request
from html.parser import HTMLParser

import pytest

OWN_SUFFIXES = {".html", ".js", ".mjs", ".css", ".svg", ".json"}
URL = re.compile(r"""(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s"'`)<>]*""", re.IGNORECASE)
# XML namespace names are identifiers, never fetched.
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink",
              "http://www.w3.org/1998/Math/MathML",
              "http://www.w3.org/1999/xhtml", "http://www.w3.org/XML/1998/namespace"}


def own_files(lab_dist):
    """Our HTML/JS/CSS/SVG in the bundle; Pyodide's own files under pyodide/ are not ours, nor is
    the offline file, which inlines them (tests/build/test_offline_file.py checks its own parts)."""
    return [p for p in sorted(lab_dist.rglob("*"))
            if p.suffix in OWN_SUFFIXES and p.relative_to(lab_dist).parts[0] != "pyodide"
            and p.name not in ("manifest.json", "backprop-lab-offline.html")]


def external_urls(text):
    """http(s) and protocol-relative URLs in text, minus namespace names and `//` comments."""
    found = []
    for match in URL.finditer(text):
        url = match.group(0).rstrip(".,;")
        is_comment = url.startswith("//") and not re.search(r"""[("'=]\s*$""",
                                                              text[:match.start()])
        if url not in NAMESPACES and not is_comment:
            found.append(url)
    return found


def test_the_bundles_own_files_reference_no_other_host(lab_dist):
    files = own_files(lab_dist)
    assert any(p.name == "index.html" for p in files)
    offenders = {p.relative_to(lab_dist).as_posix(): external_urls(p.read_text())
                 for p in files}
    assert {path: urls for path, urls in offenders.items() if urls} == {}


class _ShellParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.csp, self.inline_scripts, self.styled, self.style_tags = None, 0, [], 0
        self.external = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy":
            self.csp = attrs["content"]
        # A JSON data block (the runtime's manifest, the first frame) is never run: not a script.
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/json":
            self.inline_scripts += 1
        self.style_tags += tag == "style"
        if "style" in attrs or any(name.startswith("on") for name in attrs):
            self.styled.append(tag)
        self.external += [v for k, v in attrs.items() if k in ("src", "href") and v
                          and re.match(r"(?:[a-z]+:)?//", v)]


def test_the_page_has_a_strict_csp_and_no_inline_script_or_style(lab_dist):
    shell = _ShellParser()
    shell.feed((lab_dist / "index.html").read_text())
    directives = dict(d.strip().split(None, 1) for d in shell.csp.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert directives["img-src"] == "'self' data:"  # the maps in the nodes: PNGs drawn in the page
    # The engine's worker: its bundle, or (in a frame with no origin) a blob: module importing it.
    assert directives["worker-src"] == "'self' blob:"
    assert not re.search(r"unsafe-inline|unsafe-eval'|https?:|\*", shell.csp.replace(
        "'wasm-unsafe-eval'", ""))
    assert (shell.inline_scripts, shell.style_tags, shell.styled, shell.external) == (0, 0, [], [])


def test_no_request_leaves_the_origin_while_the_lab_boots_and_steps(page, open_lab, lab_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    open_lab()
    page.locator("#step-btn").click()
    page.evaluate("window.backpropLab.step(2)")
    assert requests and all(url.startswith(lab_url) for url in requests)
    for name in ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json", "numpy-2.0.2",
                 "py/backprop-"):
        # Each runtime file is downloaded once: checked and handed to Pyodide from memory.
        assert sum(name in url for url in requests) == 1, name
    assert not [url for url in requests if "micropip" in url or "packaging" in url]


def test_the_manifest_hashes_and_sizes_match_the_files(lab_dist):
    manifest = json.loads((lab_dist / "manifest.json").read_text())
    on_disk = {p.relative_to(lab_dist).as_posix() for p in lab_dist.rglob("*") if p.is_file()}
    assert set(manifest["files"]) == on_disk - {"manifest.json"}
    for path, entry in manifest["files"].items():
        data = (lab_dist / path).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["size"], entry["sha256"])
    assert manifest["engine_wheel"] in manifest["files"]
    assert re.fullmatch(r"[0-9a-f]{16}", manifest["version"])


def test_the_shipped_lock_lists_exactly_the_shipped_packages(lab_dist):
    lock = json.loads((lab_dist / "pyodide" / "pyodide-lock.json").read_text())
    assert lock["info"]["version"] == "0.27.7"
    assert sorted(lock["packages"]) == ["numpy"]
    for entry in lock["packages"].values():
        data = (lab_dist / "pyodide" / entry["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]


@pytest.mark.parametrize("path, mime", [
    ("pyodide/pyodide.asm.wasm", "application/wasm"),
    ("pyodide/pyodide.mjs", "text/javascript"),
    ("js/main.js", "text/javascript"),
    ("index.html", "text/html"),
])
def test_the_server_sends_the_mime_types_pyodide_needs(lab_url, path, mime):
    with urllib.request.urlopen(lab_url + path) as response:
        assert response.headers.get_content_type() == mime
