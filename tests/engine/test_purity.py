"""The engine stays pure: numpy and the standard library only, nothing from the browser."""
import ast
import sys
from pathlib import Path

import backprop

ENGINE = Path(backprop.__file__).parent


def imported_top_level_names(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def test_engine_imports_only_numpy_and_the_standard_library():
    allowed = set(sys.stdlib_module_names) | {"numpy"}
    for path in ENGINE.glob("*.py"):
        for name in imported_top_level_names(path):
            assert name in allowed, f"{path.name} imports {name}"


def test_every_engine_file_opens_with_a_docstring_saying_what_it_owns():
    for path in ENGINE.glob("*.py"):
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert docstring and len(docstring) > 20, path.name


IO_MODULES = {"os", "io", "sys", "pathlib", "shutil", "subprocess", "socket", "urllib", "http",
              "tempfile", "random", "time", "js", "pyodide", "pyodide_js"}
IO_CALLS = {"open", "print", "input", "exec", "eval"}


def test_engine_does_no_io_and_keeps_no_global_statements_or_hidden_randomness():
    for path in ENGINE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not set(imported_top_level_names(path)) & IO_MODULES, path.name
        for node in ast.walk(tree):
            assert not isinstance(node, ast.Global | ast.Nonlocal), f"{path.name}: global"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in IO_CALLS, f"{path.name} calls {node.func.id}"
            is_np_random = isinstance(node, ast.Attribute) and isinstance(
                node.value, ast.Attribute) and node.value.attr == "random"
            if is_np_random:  # randomness only through np.random.default_rng(seed)
                assert node.attr in ("default_rng", "Generator"), f"{path.name}: {node.attr}"
