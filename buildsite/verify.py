"""Hashes and the checks that refuse bytes that are not the pinned ones, naming the file."""

import base64
import hashlib

from .errors import BuildError


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sri_digest(data: bytes, algorithm: str = "sha512") -> str:
    return f"{algorithm}-" + base64.b64encode(hashlib.new(algorithm, data).digest()).decode()


def verify_sha256(data: bytes, expected: str, label: str) -> bytes:
    actual = sha256_hex(data)
    if actual != expected:
        raise BuildError(f"{label}: sha256 mismatch (expected {expected}, got {actual}); "
                         "the file is corrupt or not the pinned release. Delete it and rebuild.")
    return data


def verify_integrity(data: bytes, expected: str, label: str) -> bytes:
    algorithm = expected.split("-", 1)[0]
    if sri_digest(data, algorithm) != expected:
        raise BuildError(f"{label}: integrity mismatch (expected {expected}); the download "
                         "is corrupt or not the pinned release. Delete it and rebuild.")
    return data
