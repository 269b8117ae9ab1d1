"""Shared fixtures. The session starts from a clean configuration: every variable of
``.env.example`` is set to an empty string (unset, for the settings), so a developer's ``.env``
or shell cannot change what the tests see; a test sets what it needs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from compiledkit import copy_compiled

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


@pytest.fixture(scope="session")
def compiled_seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """``seeds/`` compiled once per session: (folder, fact base). Tests that only read it share it;
    a test that changes either takes its own copy with ``copy_compiled``."""
    from facts.compiler import compile_folder

    base = tmp_path_factory.mktemp("compiled-seeds")
    shutil.copytree(ROOT / "seeds", base / "seeds")
    compile_folder(base / "seeds", base / "facts.sqlite3")
    return base / "seeds", base / "facts.sqlite3"


@pytest.fixture
def fresh_seeds(compiled_seeds: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the compiled seeds, for a test that changes the folder or the fact base."""
    return copy_compiled(compiled_seeds, tmp_path / "copy")
