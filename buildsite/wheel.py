"""The engine's wheel: a pure-Python wheel of site/py, its files sorted and timestamped alike, its
local version a hash of its content, so the same sources give the same bytes."""

import base64
import hashlib
import io
import tomllib
import zipfile
from pathlib import Path

from .errors import BuildError
from .files import source_files
from .verify import sha256_hex

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def project_version(root: Path) -> str:
    return tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"]


def record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def wheel_metadata(name: str, version: str) -> dict[str, bytes]:
    dist_info = f"{name}-{version}.dist-info"
    metadata = (f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
                "Summary: Backprop Lab engine: a small numpy network that shows its gradients\n"
                "Requires-Python: >=3.11\nRequires-Dist: numpy\n")
    wheel = ("Wheel-Version: 1.0\nGenerator: backprop-lab build.py\nRoot-Is-Purelib: true\n"
             "Tag: py3-none-any\n")
    return {f"{dist_info}/METADATA": metadata.encode(), f"{dist_info}/WHEEL": wheel.encode()}


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip of members in the given order with fixed timestamps and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for arcname, data in members.items():
            info = zipfile.ZipInfo(arcname, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def build_wheel(py_dir: Path, name: str, base_version: str) -> tuple[str, bytes]:
    """A pure-Python wheel of the packages in py_dir; the local version is a content hash."""
    sources = {p.relative_to(py_dir).as_posix(): p.read_bytes() for p in source_files(py_dir)}
    if not sources:
        raise BuildError(f"{py_dir}: no engine sources to pack")
    content = hashlib.sha256()
    for arcname, data in sources.items():
        content.update(arcname.encode() + b"\0" + sha256_hex(data).encode() + b"\n")
    version = f"{base_version}+{content.hexdigest()[:10]}"
    members = {**sources, **wheel_metadata(name, version)}
    record_name = f"{name}-{version}.dist-info/RECORD"
    record = "".join(f"{arc},{record_hash(data)},{len(data)}\n" for arc, data in members.items())
    members[record_name] = (record + f"{record_name},,\n").encode()
    return f"{name}-{version}-py3-none-any.whl", zip_bytes(members)
