"""Run inside Pyodide by engine-run.mjs, never imported by the build: the compiled bytecode of every
module the engine imported that is not compiled yet when the page starts, as one zip archive.

numpy's and the engine's go beside their sources in site-packages (__pycache__ files); the
standard library's are sourceless .pyc files in a folder the page puts ahead of the stdlib zip,
where Python cannot keep bytecode. Hash-based and unchecked (PEP 552): no timestamps to match, and
the sources are the build's own. Paths in the archive are from the file system's root."""

import io
import py_compile
import site
import sys
import tempfile
import zipfile
from importlib.util import cache_from_source

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def compiled(source: bytes, display_name: str) -> bytes:
    """source as an unchecked hash-based pyc; display_name is what tracebacks will show."""
    with tempfile.TemporaryDirectory() as tmp:
        with open(f"{tmp}/source.py", "wb") as f:
            f.write(source)
        with open(py_compile.compile(
                f"{tmp}/source.py", cfile=f"{tmp}/code.pyc", dfile=display_name, doraise=True,
                invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH), "rb") as f:
            return f.read()


def archive_path(file: str, site_packages: str, stdlib_zip: str, stdlib_dir: str) -> str | None:
    """Where the bytecode of the module at file goes, or None for a module kept elsewhere."""
    if file.startswith(site_packages):
        return cache_from_source(file)
    if file.startswith(stdlib_zip):
        return f"{stdlib_dir}/{file[len(stdlib_zip):-len('.py')]}.pyc"
    return None


def write_archive(path: str, module_names, stdlib_dir: str) -> None:
    """Writes the zip of the named modules' bytecode to path."""
    site_packages = site.getsitepackages()[0] + "/"
    stdlib_zip = next(p for p in sys.path if p.endswith(".zip")) + "/"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        for name in module_names:
            module = sys.modules[name]
            file = getattr(module, "__file__", None) or ""
            target = file.endswith(".py") and archive_path(file, site_packages, stdlib_zip,
                                                           stdlib_dir)
            if target:
                source = module.__loader__.get_data(file)  # from the folder or the stdlib zip
                z.writestr(zipfile.ZipInfo(target.lstrip("/"), ZIP_DATE),
                           compiled(source, file), zipfile.ZIP_DEFLATED)
    with open(path, "wb") as f:
        f.write(archive.getvalue())
