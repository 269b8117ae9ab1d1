"""Read an article file: bytes → text, or a reason to skip it.

Articles arrive as UTF-8 (with or without BOM), UTF-16/UTF-32 with a BOM (Windows
editors' "Unicode"), or Windows-1252/Latin-1. Empty, binary, non-text, too large or
unreadable files are skipped with a reason and never stop a compile. The file is opened
once and checked through that descriptor (a regular file, under the size limit) before
a byte is read, so a FIFO, a device or a 60 MB dump neither hangs nor floods memory.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat as stat_mod
from dataclasses import dataclass
from pathlib import Path

from .html import declared_charset, is_html

DEFAULT_MAX_MB = 16.0  # the largest seed is 9 KB; a whole site dump is not an article
# Byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class Loaded:
    path: Path
    sha256: str
    size: int
    mtime: float
    text: str | None
    encoding: str | None
    skip_reason: str | None = None
    html: bool = False  # a web page (facts.html): the compiler reduces it to its article


def decode(data: bytes, html: bool = False) -> tuple[str | None, str | None, str | None]:
    """Return (text, encoding, skip_reason). A web page (``html``) is tried first in the encoding
    its <meta> tag declares, and is not judged by its letters: markup is not prose, the article
    taken out of it is judged instead."""
    if not data.strip():
        return None, None, "empty file"
    for bom, codec in BOMS:
        if data.startswith(bom):
            return _decode_unicode(data, codec, html)
    if b"\x00" in data[:65536]:
        return None, None, "binary file (NUL bytes)"
    declared = declared_charset(data) if html else None
    for encoding in (*([declared] if declared else []), "utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not html and not looks_like_text(text):
            return None, None, "not text (too many control or replacement characters)"
        return text.replace("\r\n", "\n").replace("\r", "\n"), encoding, None
    return None, None, "undecodable"


def _decode_unicode(data: bytes, codec: str, html: bool = False) -> tuple[str | None, str | None, str | None]:
    try:
        text = data.decode(codec)  # the codec reads the BOM and drops it
    except UnicodeDecodeError:
        return None, None, f"undecodable ({codec.upper()} byte-order mark, invalid data after it)"
    if not text.strip():
        return None, None, "empty file"
    if not html and not looks_like_text(text):
        return None, None, "not text (too many control or replacement characters)"
    return text.replace("\r\n", "\n").replace("\r", "\n"), codec, None


# control characters other than line and tab breaks, DEL, the replacement character, and C1
# controls (mis-decoded binary); counted with one regular expression, not a loop per character
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\x80-\x9f\ufffd]")
_LETTERS = re.compile(r"[^\W\d_]")  # word characters that are not digits: letters (and a few numerals)


def looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = len(_NOT_TEXT.findall(sample))
    letters = len(_LETTERS.findall(sample))
    return bad / len(sample) < 0.01 and letters / len(sample) > 0.4


def load(path: Path, *, follow_symlinks: bool = True, limit: int = int(DEFAULT_MAX_MB * 1024 * 1024)) -> Loaded:
    """Read one file of at most ``limit`` bytes (``SEEDS_MAX_FILE_MB``), or say why not. Never
    raises for a bad file."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow_symlinks else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return Loaded(path, "", 0, 0.0, None, None, f"unreadable: {exc.strerror or exc}")
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat_mod.S_ISREG(st.st_mode):
            return Loaded(path, "", 0, st.st_mtime, None, None, "not a regular file")
        if st.st_size > limit:
            return Loaded(path, "", st.st_size, st.st_mtime, None, None, _too_large(st.st_size, limit))
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            return Loaded(path, "", st.st_size, st.st_mtime, None, None, f"unreadable: {exc.strerror or exc}")
    if len(data) > limit:  # it grew while we read it
        return Loaded(path, "", len(data), st.st_mtime, None, None, _too_large(len(data), limit))
    digest = hashlib.sha256(data).hexdigest()
    page = is_html(path.name, data)
    text, encoding, reason = decode(data, html=page)
    return Loaded(path, digest, len(data), st.st_mtime, text, encoding, reason, page)


def _too_large(size: int, limit: int) -> str:
    return (f"too large ({size / 1048576:.1f} MB; the limit is {limit / 1048576:g} MB, "
            "SEEDS_MAX_FILE_MB)")
