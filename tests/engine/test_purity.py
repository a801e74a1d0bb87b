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
