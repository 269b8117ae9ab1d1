"""Word lists live in facts/data/ and every one of them is read: a key no code reads is a list
someone edits in vain (and a sign the code uses another list of its own)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = sorted((ROOT / "facts" / "data").glob("*.json"))
CODE = "\n".join(p.read_text(encoding="utf-8") for folder in ("facts", "handlers", "bot")
                 for p in sorted((ROOT / folder).rglob("*.py")))


def read_in_code(key: str) -> bool:
    """The key appears as a string literal: ``data["key"]``, ``.get("key")``, ``cue("key")``."""
    quoted = "[\"']" + re.escape(key) + "[\"']"
    return re.search(quoted, CODE) is not None


@pytest.mark.parametrize("path", DATA, ids=lambda p: p.name)
def test_every_key_of_a_word_list_is_read(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    unread = [key for key in data if not key.startswith("about") and not read_in_code(key)]
    assert unread == [], f"{path.name}: keys no code reads: {unread}"


def test_the_check_sees_an_unread_key() -> None:
    assert read_in_code("negative_before") and not read_in_code("no_code_reads_this_key")
