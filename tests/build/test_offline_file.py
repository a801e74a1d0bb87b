"""The single offline file: ES modules bundled into one classic script that runs them in order (and
into one ES module for the served page), the page assembled with everything inline under a
hash-based CSP, and what build.py writes."""

import base64
import hashlib
import re
import shutil
import subprocess
import urllib.request
from html.parser import HTMLParser

import pytest

import build
import build_offline

MODULES = {
    "js/main.js": 'import { twice, NAME as label } from "./lib/util.js";\n'
                  'import {\n  greet,\n} from "./greet.js";\n'
                  "console.log(greet(label), twice(21));\n",
    "js/lib/util.js": 'export const NAME = "lab";\nexport function twice(x) { return 2 * x; }\n',
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


def test_modules_are_bundled_dependencies_first_each_in_its_own_scope():
    bundle = build_offline.bundle_modules(MODULES, "js/main.js")
    order = [line[3:] for line in bundle.splitlines() if line.startswith("// js/")]
    assert order == ["js/lib/util.js", "js/greet.js", "js/main.js"]
    assert "const { twice, NAME: label } = __module_js_lib_util_js;" in bundle
    assert "return { NAME, twice };" in bundle
    assert "return { ignored, greet };" in bundle
    assert not re.search(r"^\s*(import|export)\b", bundle, re.MULTILINE)


@pytest.mark.skipif(not shutil.which("node"), reason="needs node")
def test_the_bundle_runs_as_a_classic_script_and_prints_what_the_modules_would():
    bundle = build_offline.bundle_modules(MODULES, "js/main.js")
    result = subprocess.run(["node", "-e", bundle], capture_output=True, text=True, check=True)
    assert result.stdout == "hello lab from lab 42\n"


@pytest.mark.skipif(not shutil.which("node"), reason="needs node")
def test_the_served_pages_bundle_is_one_es_module_that_hands_out_its_module_instances(tmp_path):
    (tmp_path / "bundle.mjs").write_text(build_offline.bundle_es_module(MODULES, "js/main.js"))
    (tmp_path / "probe.mjs").write_text(
        'const { modules } = await import("./bundle.mjs");\n'
        "console.log(Object.keys(modules).join(' '), modules['js/lib/util.js'].twice(4));\n")
    result = subprocess.run(["node", "probe.mjs"], cwd=tmp_path, capture_output=True, text=True,
                            check=True)
    assert result.stdout == "hello lab from lab 42\njs/lib/util.js js/greet.js js/main.js 8\n"


@pytest.mark.skipif(not shutil.which("node"), reason="needs node")
def test_a_second_bundle_takes_the_modules_the_first_runs_instead_of_running_them_again(tmp_path):
    (tmp_path / "first.mjs").write_text(build_offline.bundle_es_module(MODULES, "js/greet.js"))
    shared = ("./first.mjs", build_offline.module_order(MODULES, "js/greet.js"))
    second = build_offline.bundle_es_module(MODULES, "js/main.js", shared)
    assert re.findall(r"^// (js/\S+)$", second, re.MULTILINE) == ["js/main.js"]
    (tmp_path / "second.mjs").write_text(second)
    (tmp_path / "probe.mjs").write_text(
        'const first = (await import("./first.mjs")).modules;\n'
        'const second = (await import("./second.mjs")).modules;\n'
        "console.log(Object.keys(second).join(' '),\n"
        "  ['js/lib/util.js', 'js/greet.js'].every((path) => first[path] === second[path]));\n")
    result = subprocess.run(["node", "probe.mjs"], cwd=tmp_path, capture_output=True, text=True,
                            check=True)
    assert result.stdout == "hello lab from lab 42\njs/lib/util.js js/greet.js js/main.js true\n"


@pytest.mark.parametrize("modules, message", [
    ({"js/main.js": 'import { a } from "./a.js";\n',
      "js/a.js": 'import { b } from "./main.js";\nexport const a = 1;\n'}, "circular import"),
    ({"js/main.js": 'import { a } from "./gone.js";\n'}, "imports missing js/gone.js"),
    ({"js/main.js": "export default 1;\n"}, "cannot bundle 'export default 1;'"),
    ({"js/main.js": 'import * as all from "./a.js";\n', "js/a.js": ""}, "cannot bundle"),
    ({"js/main.js": 'import { x } from "https://cdn.example/x.js";\n'}, "only ./ paths"),
])
def test_module_syntax_the_bundler_cannot_keep_is_refused_by_name(modules, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        build_offline.bundle_modules(modules, "js/main.js")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.csp, self.scripts, self.styles, self.data, self.links = None, [], [], {}, []
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
        elif tag == "script":
            self.scripts.append(data)
        elif tag == "style":
            self.styles.append(data)

    def handle_endtag(self, tag):
        self._in = None


def csp_source(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_page_has_everything_inline_and_its_csp_allows_exactly_its_own_scripts_and_styles():
    page = build_offline.offline_page(
        SHELL, styles={"css/a.css": "p { color: red; }"}, icon=b"<svg/>",
        scripts=[("one", "var a = 1;"), ("two", "var b = 2;")],
        files={"pyodide/x.wasm": (b"\0asm", "application/wasm")})
    parsed = _Page()
    parsed.feed(page)
    assert parsed.scripts == ["var a = 1;", "var b = 2;"]
    assert parsed.styles == ["p { color: red; }"]
    assert parsed.data == {"pyodide/x.wasm": (b"\0asm", "application/wasm")}
    assert parsed.links == ["data:image/svg+xml;base64," + base64.b64encode(b"<svg/>").decode()]
    directives = dict(d.strip().split(None, 1) for d in parsed.csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == (f"{csp_source('var a = 1;')} {csp_source('var b = 2;')} "
                                        "'wasm-unsafe-eval'")
    assert directives["style-src"] == csp_source("p { color: red; }")
    assert "unsafe-inline" not in parsed.csp


def test_a_script_that_would_end_its_element_early_is_refused():
    with pytest.raises(ValueError, match="cannot be inlined"):
        build_offline.offline_page(SHELL, styles={"css/a.css": ""}, icon=b"",
                                   scripts=[("bad", "s = '</script>';")], files={})


def test_the_build_writes_the_offline_file_and_leaves_the_site_as_it_was(pyodide_cache, tmp_path):
    manifest = build.build(tmp_path / "dist")
    dist = tmp_path / "dist"
    assert manifest["offline_file"] == build.OFFLINE_FILE
    assert not (dist / "pyodide" / "pyodide.js").exists()  # only inside the offline file
    assert not (dist / "offline").exists()
    parsed = _Page()
    parsed.feed((dist / build.OFFLINE_FILE).read_text())
    embedded = {path: data for path, (data, _) in parsed.data.items() if path != "manifest.json"}
    assert sorted(embedded) == sorted(build.embedded_paths(manifest))
    assert {"pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip", "pyodide/pyodide-lock.json",
            manifest["engine_wheel"]} <= set(embedded)
    assert all(data == (dist / path).read_bytes() for path, data in embedded.items())
    assert len(parsed.scripts) == 4 and parsed.links[0].startswith("data:image/svg+xml")
    assert all(csp_source(script) in parsed.csp for script in parsed.scripts)
    ours = parsed.scripts[2:] + parsed.styles  # after Pyodide's pyodide.js and pyodide.asm.js
    hosts = {url for text in ours for url in re.findall(r"https?://[\w.-]+", text)}
    assert hosts <= {"http://www.w3.org"}  # XML namespace names, never fetched


def test_the_server_sends_the_headers_github_pages_sends(tmp_path):
    (tmp_path / "x.wasm").write_bytes(b"\0asm")
    server, url = build.start_server(tmp_path, quiet=True)
    try:
        with urllib.request.urlopen(url + "x.wasm") as response:
            assert response.headers["Content-Type"] == "application/wasm"
            assert response.headers["Cache-Control"] == "max-age=600"
            assert response.headers["Access-Control-Allow-Origin"] == "*"
            assert response.headers["Last-Modified"]
    finally:
        server.shutdown()
        server.server_close()
