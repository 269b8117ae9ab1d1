"""Text from articles and users as it may be shown: no bidi overrides, zero-width or control characters.

Why: an article can carry a right-to-left override (U+202E) that makes a Discord embed
read backwards, zero-width characters that hide words from a reader (or split a mention
so it slips past escaping), and escape sequences that rewrite a terminal. The stored
quote keeps the exact sentence (it is evidence); ``display`` is applied on the way out,
by the embeds and by the terminal renderers.
"""

from __future__ import annotations

import re
import unicodedata

# Bidi embeddings, overrides and isolates; LRM/RLM/ALM marks.
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# Zero-width space, non-joiner, joiner, word joiner, invisible operators, BOM / ZWNBSP, soft hyphen.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad"
_UNSAFE = re.compile("[" + re.escape(BIDI + ZERO_WIDTH) + "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def display(text: str) -> str:
    """``text`` without the characters above; line breaks and tabs are kept."""
    if not text:
        return text
    cleaned = _UNSAFE.sub("", text)
    if cleaned.isascii():
        return cleaned
    # anything else Unicode calls a format or control character (Cf/Cc), except emoji glue
    return "".join(c for c in cleaned if c in "\n\t" or c == "\ufe0f" or unicodedata.category(c) not in ("Cc", "Cf"))

