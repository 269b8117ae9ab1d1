"""Shared fixtures. The session starts from a clean configuration: every variable of
``.env.example`` is set to an empty string (unset, for the settings), so a developer's ``.env``
or shell cannot change what the tests see; a test sets what it needs."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _documented_variables() -> set[str]:
    names = set()
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        name = line.lstrip("# ").split("=", 1)[0].strip()
        if "=" in line and name.isupper() and name.replace("_", "").isalnum():
            names.add(name)
    return names


for _name in _documented_variables():
    os.environ[_name] = ""
