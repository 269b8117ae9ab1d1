"""A private copy of a compiled corpus, for tests that change the folder or the fact base.

Kept out of ``conftest.py``: test modules cannot import from it reliably (``tests/e2e`` has its
own ``conftest``, and whichever is imported first owns the name)."""

from __future__ import annotations

import shutil
from pathlib import Path


def copy_compiled(compiled: tuple[Path, Path], where: Path) -> tuple[Path, Path]:
    """Copy (seeds folder, fact base) into ``where``, file times kept, so the copy is not stale."""
    seeds, db = compiled
    where.mkdir(parents=True, exist_ok=True)
    shutil.copytree(seeds, where / "seeds")
    for part in (db, db.with_name(db.name + ".lock")):  # the lock records how the last compile left the file
        if part.exists():
            shutil.copy2(part, where / part.name)
    return where / "seeds", where / db.name
