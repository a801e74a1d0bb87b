"""The single-file offline page (dist/backprop-lab-offline.html): bundles the site's ES modules into
one classic script (for the served page, into one ES module) and puts the runtime, the wheels, the
styles and the app into one HTML file with a hash-based Content-Security-Policy. Pure helpers, text
and bytes in and out; build.py calls them."""

import base64
import hashlib
import json
import posixpath
import re

IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"([^"]+)";[ \t]*$', re.MULTILINE)
EXPORT = re.compile(r"^export\s+(?:async\s+function\*?|function\*?|const|let|class)\s+"
                    r"([A-Za-z_$][\w$]*)", re.MULTILINE)
ANY_MODULE_SYNTAX = re.compile(r"^(?:import|export)\b", re.MULTILINE)
SCRIPT_TAG = re.compile(r"[ \t]*<script\b[^>]*\bsrc=[^>]*>\s*</script>\n?")
STYLESHEET = re.compile(r'[ \t]*<link rel="stylesheet" href="([^"]+)">\n?')
ICON = re.compile(r'<link rel="icon" href="([^"]+)"')
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"\s+content="[^"]*">')
OFFLINE_CSP = ("default-src 'none'; script-src {scripts} 'wasm-unsafe-eval'; style-src {styles}; "
               "img-src data:; object-src 'none'; base-uri 'none'; form-action 'none'")


def module_var(path: str) -> str:
    return "__module_" + re.sub(r"\W", "_", path)


def parse_imports(source: str, path: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(resolved path, [(exported name, local name)])] of a module's `import {a, b as c} from`."""
    found = []
    for names, spec in IMPORT.findall(source):
        if not spec.startswith(("./", "../")):
            raise ValueError(f"{path}: cannot bundle the import of {spec!r} (only ./ paths)")
        pairs = []
        for item in filter(None, (part.strip() for part in names.split(","))):
            exported, _, local = (w.strip() for w in item.partition(" as "))
            pairs.append((exported, local or exported))
        found.append((posixpath.normpath(posixpath.join(posixpath.dirname(path), spec)), pairs))
    return found


def module_order(sources: dict[str, str], entry: str) -> list[str]:
    """Modules reachable from entry, every module after the ones it imports; refuses cycles."""
    order, visiting = [], []

    def visit(path):
        if path in order:
            return
        if path in visiting:
            raise ValueError(f"{path}: circular import ({' -> '.join([*visiting, path])})")
        if path not in sources:
            raise ValueError(f"{visiting[-1] if visiting else entry}: imports missing {path}")
        visiting.append(path)
        for dependency, _ in parse_imports(sources[path], path):
            visit(dependency)
        visiting.pop()
        order.append(path)

    visit(entry)
    return order


def wrap_module(source: str, path: str) -> str:
    """The module as a function scope that returns its exports; imports read earlier modules."""
    def as_const(match):
        [(dependency, pairs)] = parse_imports(match.group(0).strip(), path)
        names = ", ".join(e if e == local else f"{e}: {local}" for e, local in pairs)
        return f"const {{ {names} }} = {module_var(dependency)};"

    body = IMPORT.sub(as_const, source)
    exports = EXPORT.findall(body)
    body = EXPORT.sub(lambda m: m.group(0)[len("export"):].lstrip(), body)
    leftover = ANY_MODULE_SYNTAX.search(body)
    if leftover:
        line = body[leftover.start():].splitlines()[0]
        raise ValueError(f"{path}: cannot bundle {line!r} (only `import {{…}} from` and "
                         "`export function/const`)")
    return (f"const {module_var(path)} = (() => {{\n{body.rstrip()}\n"
            f"return {{ {', '.join(exports)} }};\n}})();\n")


def bundle_modules(sources: dict[str, str], entry: str) -> str:
    """One classic script running entry and every module it imports, in dependency order."""
    modules = "".join(f"// {path}\n{wrap_module(sources[path], path)}"
                      for path in module_order(sources, entry))
    return f'"use strict";\n(() => {{\n{modules}}})();\n'


def bundle_es_module(sources: dict[str, str], entry: str, shared: tuple[str, list[str]] = ("", [])
                     ) -> str:
    """One ES module running entry and every module it imports, in dependency order (one request
    instead of one per module). It exports `modules`, path -> that module's exports, so that code
    loaded later (the end-to-end tests) reaches the very instances the page runs. shared: (url of
    another such bundle, its modules): those are taken from it, not run a second time (the
    browser runs a module URL once, so both bundles hold the same instances)."""
    url, shared_paths = shared
    order = module_order(sources, entry)
    taken = [path for path in order if path in shared_paths]
    head = f'import {{ modules as __shared }} from "{url}";\n' if taken else ""
    head += "".join(f"const {module_var(path)} = __shared[{json.dumps(path)}];\n" for path in taken)
    body = "".join(f"// {path}\n{wrap_module(sources[path], path)}"
                   for path in order if path not in taken)
    table = ",\n".join(f"  {json.dumps(path)}: {module_var(path)}" for path in order)
    return f"{head}{body}export const modules = {{\n{table},\n}};\n"


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


def offline_page(shell: str, styles: dict[str, str], icon: bytes, scripts: list[tuple[str, str]],
                 files: dict[str, tuple[bytes, str]]) -> str:
    """The page shell with its stylesheets, icon and scripts inline, and files as data blocks.

    styles: href in the shell -> CSS text; scripts: (label, JS) run in order after the data
    blocks; files: path the page fetches -> (bytes, MIME type)."""
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
    body += "".join(f"<script>{js}</script>\n" for js in scripts)
    if page.count("</body>") != 1 or csp not in page:
        raise ValueError("index.html: expected one </body> and one Content-Security-Policy meta")
    return page.replace("</body>", body + "</body>")
