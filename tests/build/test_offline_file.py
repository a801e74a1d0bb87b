"""The page's scripts bundled by esbuild (for the served page, ES modules that share their
instances; for the offline file, one classic script), the offline page assembled with everything
inline under a hash-based CSP, and what build.py writes."""

import base64
import hashlib
import re
import shutil
import subprocess
import urllib.request
from html.parser import HTMLParser

import pytest

from buildsite import layout, offline
from buildsite.bundles import bundle_site
from buildsite.errors import BuildError
from buildsite.server import start_server
from buildsite.site import build

MODULES = {
    "js/main.js": 'import { twice, NAME as label } from "./lib/util.js";\n'
                  'import {\n  greet,\n} from "./greet.js";\n'
                  "console.log(greet(label), twice(21));\n",
    "js/lib/util.js": "globalThis.utilRuns = (globalThis.utilRuns ?? 0) + 1;\n"
                      'export const NAME = "lab";\nexport function twice(x) { return 2 * x; }\n',
    "js/greet.js": 'import { NAME } from "./lib/util.js";\n'
                   "export async function ignored() {}\n"
                   "export function greet(who) { return `hello ${who} from ${NAME}`; }\n",
}
SHELL = """<!doctype html>
<html lang="en">
<head>
  <meta http-equiv="Content-Security-Policy"
        content="default-src 'self'">
  <link rel="icon" href="favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="css/a.css">
  <script type="module" src="js/main.js"></script>
  <script src="js/engine/boot-check.js" defer></script>
</head>
<body><p id="offline-download">get it</p></body>
</html>
"""
needs_node = pytest.mark.skipif(not shutil.which("node"), reason="needs node")


def site_of(folder, modules):
    """A site folder holding modules (path -> source); ES modules for Node, as in the browser."""
    for path, source in modules.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(source)
    (folder / "package.json").write_text('{"type": "module"}\n')
    return folder


def bundled(folder, modules=MODULES, served=(("js/main.js", "js/main.bundle.js"),),
            table="js/main.js"):
    """The bundles of modules, their files written into folder."""
    bundles = bundle_site(site_of(folder, modules), layout.ROOT, served=served, table=table,
                          classic="js/main.js", worker=None)
    for path, text in bundles.files.items():
        (folder / path).write_text(text)
    return bundles


def run_node(folder, script):
    (folder / "probe.mjs").write_text(script)
    return subprocess.run(["node", "probe.mjs"], cwd=folder, capture_output=True, text=True,
                          check=True).stdout


@needs_node
def test_the_classic_script_runs_the_modules_in_order_with_no_module_syntax(tmp_path):
    script = bundled(tmp_path).classic
    assert script.startswith('"use strict";')  # like the modules it holds
    assert not re.search(r"\b(import|export)\s*[{*]", script)
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    assert result.stdout == "hello lab from lab 42\n"


@needs_node
def test_the_served_pages_bundle_is_one_es_module_that_hands_out_its_module_instances(tmp_path):
    bundles = bundled(tmp_path)
    assert sorted(bundles.files) == ["js/main.bundle.js", "js/main.bundle.js.map"]
    out = run_node(tmp_path, 'const { modules } = await import("./js/main.bundle.js");\n'
                   "console.log(Object.keys(modules).join(' '),\n"
                   "  modules['js/lib/util.js'].twice(4), globalThis.utilRuns);\n")
    assert out == "hello lab from lab 42\njs/main.js js/greet.js js/lib/util.js 8 1\n"


@needs_node
def test_a_second_bundle_runs_the_same_module_instances_as_the_first(tmp_path):
    served = (("js/greet.js", "js/first.bundle.js"), ("js/main.js", "js/second.bundle.js"))
    bundles = bundled(tmp_path, served=served)
    [chunk] = bundles.imports["js/first.bundle.js"]
    assert bundles.imports["js/second.bundle.js"] == [chunk]  # greet.js and util.js, once
    out = run_node(tmp_path, 'const first = await import("./js/first.bundle.js");\n'
                   'const { modules } = await import("./js/second.bundle.js");\n'
                   "console.log(first.greet === modules['js/greet.js'].greet,\n"
                   "  globalThis.utilRuns);\n")
    assert out == "hello lab from lab 42\ntrue 1\n"


@needs_node
def test_module_syntax_the_old_bundler_refused_is_bundled(tmp_path):
    modules = {"js/main.js": 'import twice, * as all from "./a.js";\n'
                             'import { b } from "./b.js";\nconsole.log(twice(all.a), b());\n',
               "js/a.js": 'import { b } from "./b.js";\nexport const a = 1;\n'
                          "export default function (x) { return 2 * x + b() - 7; }\n",
               "js/b.js": 'import { a } from "./a.js";\nexport const b = () => a + 6;\n'}
    bundles = bundled(tmp_path, modules)
    result = subprocess.run(["node", "-e", bundles.classic], capture_output=True, text=True,
                            check=True)
    assert result.stdout == "2 7\n"  # a default export, a namespace import, a circular import


@pytest.mark.parametrize("source, message", [
    ('import { a } from "./gone.js";\n', 'js/main.js:1: Could not resolve "./gone.js"'),
    ('import { x } from "https://cdn.example/x.js";\n',
     'js/main.js:1: cannot bundle the import of "https://cdn.example/x.js"'),
    ('import { x } from "//cdn.example/x.js";\n', 'cannot bundle the import of "//cdn.example'),
])
def test_an_import_the_page_cannot_bundle_stops_the_build_naming_the_file(tmp_path, source,
                                                                            message):
    with pytest.raises(BuildError, match=re.escape(message)):
        bundled(tmp_path, {"js/main.js": source})


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.csp, self.scripts, self.styles, self.data, self.links = None, [], [], {}, []
        self.worker = []  # (label, text) of the engine worker's parts
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
            self.csp = attrs["content"]
        self.links += [attrs[k] for k in ("src", "href") if k in attrs]
        self._in = (tag, attrs)

    def handle_data(self, data):
        tag, attrs = self._in or (None, {})
        if tag == "script" and "data-path" in attrs:
            self.data[attrs["data-path"]] = (base64.b64decode(data), attrs["data-type"])
        elif tag == "script" and "data-worker-part" in attrs:
            self.worker.append((attrs["data-worker-part"], data))
        elif tag == "script":
            self.scripts.append(data)
        elif tag == "style":
            self.styles.append(data)

    def handle_endtag(self, tag):
        self._in = None


def csp_source(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_page_has_everything_inline_and_its_csp_allows_exactly_its_own_scripts_and_styles():
    page = offline.offline_page(
        SHELL, styles={"css/a.css": "p { color: red; }"}, icon=b"<svg/>",
        scripts=[("one", "var a = 1;"), ("two", "var b = 2;")],
        files={"pyodide/x.wasm": (b"\0asm", "application/wasm")},
        worker=[("w1", "var w = 1;"), ("w2", "var v = 2;")])
    parsed = _Page()
    parsed.feed(page)
    assert parsed.scripts == ["var a = 1;", "var b = 2;"]
    assert parsed.worker == [("w1", "var w = 1;"), ("w2", "var v = 2;")]  # text, not in script-src
    assert parsed.styles == ["p { color: red; }"]
    assert parsed.data == {"pyodide/x.wasm": (b"\0asm", "application/wasm")}
    assert parsed.links == ["data:image/svg+xml;base64," + base64.b64encode(b"<svg/>").decode()]
    directives = dict(d.strip().split(None, 1) for d in parsed.csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == (f"{csp_source('var a = 1;')} {csp_source('var b = 2;')} "
                                        "'wasm-unsafe-eval'")
    assert directives["style-src"] == csp_source("p { color: red; }")
    assert directives["worker-src"] == "blob:"  # the worker made from those parts, nothing else
    assert "unsafe-inline" not in parsed.csp


def test_a_script_that_would_end_its_element_early_is_refused():
    with pytest.raises(ValueError, match="cannot be inlined"):
        offline.offline_page(SHELL, styles={"css/a.css": ""}, icon=b"",
                                   scripts=[("bad", "s = '</script>';")], files={})


def test_the_build_writes_the_offline_file_and_leaves_the_site_as_it_was(pyodide_cache, tmp_path):
    manifest = build(tmp_path / "dist")
    dist = tmp_path / "dist"
    assert manifest["offline_file"] == layout.OFFLINE_FILE
    assert not (dist / "pyodide" / "pyodide.js").exists()  # only inside the offline file
    assert not (dist / "offline").exists()
    parsed = _Page()
    parsed.feed((dist / layout.OFFLINE_FILE).read_text())
    embedded = {path: data for path, (data, _) in parsed.data.items() if path != "manifest.json"}
    assert sorted(embedded) == sorted(offline.embedded_paths(manifest))
    assert {"pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip", "pyodide/pyodide-lock.json",
            manifest["engine_wheel"]} <= set(embedded)
    assert all(data == (dist / path).read_bytes() for path, data in embedded.items())
    assert len(parsed.scripts) == 2 and parsed.links[0].startswith("data:image/svg+xml")
    assert all(csp_source(script) in parsed.csp for script in parsed.scripts)
    # The engine's worker: Pyodide's pyodide.js and pyodide.asm.js, then the worker's own script;
    # the page never runs Pyodide itself.
    assert [label for label, _ in parsed.worker] == ["pyodide.js", "pyodide.asm.js",
                                                      "js/engine/worker.js bundle"]
    ours = parsed.scripts + [parsed.worker[2][1]] + parsed.styles
    hosts = {url for text in ours for url in re.findall(r"https?://[\w.-]+", text)}
    assert hosts <= {"http://www.w3.org"}  # XML namespace names, never fetched


def test_the_server_sends_the_headers_github_pages_sends(tmp_path):
    (tmp_path / "x.wasm").write_bytes(b"\0asm")
    server, url = start_server(tmp_path, quiet=True)
    try:
        with urllib.request.urlopen(url + "x.wasm") as response:
            assert response.headers["Content-Type"] == "application/wasm"
            assert response.headers["Cache-Control"] == "max-age=600"
            assert response.headers["Access-Control-Allow-Origin"] == "*"
            assert response.headers["Last-Modified"]
    finally:
        server.shutdown()
        server.server_close()
