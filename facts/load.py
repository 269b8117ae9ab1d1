"""Read an article file: bytes → text, or a reason to skip it.

Articles arrive as UTF-8 (with or without BOM) or Windows-1252/Latin-1. Empty,
binary or non-text files are skipped with a reason and never stop a compile.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 64 * 1024 * 1024  # far above any article; protects memory from a stray dump


@dataclass(frozen=True)
class Loaded:
    path: Path
    sha256: str
    size: int
    mtime: float
    text: str | None
    encoding: str | None
    skip_reason: str | None = None


def decode(data: bytes) -> tuple[str | None, str | None, str | None]:
    """Return (text, encoding, skip_reason)."""
    if not data.strip():
        return None, None, "empty file"
    if b"\x00" in data[:65536]:
        return None, None, "binary file (NUL bytes)"
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not looks_like_text(text):
            return None, None, "not text (too many control or replacement characters)"
        return text.replace("\r\n", "\n").replace("\r", "\n"), encoding, None
    return None, None, "undecodable"


def looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or c in "\ufffd\x7f")
    bad += sum(1 for c in sample if 0x80 <= ord(c) < 0xA0)  # C1 controls: mis-decoded binary
    letters = sum(1 for c in sample if c.isalpha())
    return bad / len(sample) < 0.01 and letters / len(sample) > 0.4


def load(path: Path) -> Loaded:
    stat = path.stat()
    if stat.st_size > MAX_BYTES:
        return Loaded(path, "", stat.st_size, stat.st_mtime, None, None, f"too large ({stat.st_size} bytes)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Loaded(path, "", stat.st_size, stat.st_mtime, None, None, f"unreadable: {exc.strerror or exc}")
    digest = hashlib.sha256(data).hexdigest()
    text, encoding, reason = decode(data)
    return Loaded(path, digest, len(data), stat.st_mtime, text, encoding, reason)
