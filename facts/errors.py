"""Problems with the fact base or the articles folder that a person can act on.

Each exception's text is the one line to show (terminal, log, Discord): what happened and
what to do. They are raised ``from`` the original error, so the real cause (a full disk,
a malformed page) stays attached and is never replaced by a follow-up error.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

REBUILD_HINT = ("it can be rebuilt from the articles with `python -m facts rebuild`"
                " (the digest's delivery records are backed up and kept)")


class FactBaseError(Exception):
    """Base of the errors below; ``str(exc)`` is the message for people."""


class FactBaseBusy(FactBaseError):
    """Another process holds the write lock longer than we are willing to wait."""


class FactBaseDamaged(FactBaseError):
    """The file is a fact base, but SQLite found damage in it."""


class NotAFactBase(FactBaseError):
    """The file is not a fact base at all (another program's file, a truncated header)."""


class WriteFailed(FactBaseError):
    """The disk refused a write (full, read-only, I/O error); the previous fact base is kept."""


class FactBaseMissing(FactBaseError):
    """No fact base file yet and this caller may not create one."""


class CompileBusy(FactBaseError):
    """Another compile of the same fact base is running."""


class SeedsRefused(FactBaseError):
    """The articles folder looks unmounted or emptied by mistake: the compile refuses to obey it."""


def explain(exc: sqlite3.Error, path: Path | str) -> FactBaseError:
    """Map a SQLite error to the one line a person needs. Use as ``raise explain(e, p) from e``."""
    text = str(exc) or type(exc).__name__
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return FactBaseBusy(f"the fact base {path} is busy ({text}): another process is writing; try again")
    if "not a database" in lowered or "file is encrypted" in lowered:
        return NotAFactBase(f"{path} is not a fact base ({text}); point FACTS_DB at the right file,"
                            f" or move this one away: {REBUILD_HINT}")
    if "malformed" in lowered or "corrupt" in lowered or "no such table" in lowered:
        return FactBaseDamaged(f"the fact base {path} is damaged ({text}); {REBUILD_HINT}")
    if "full" in lowered or "i/o error" in lowered or "readonly" in lowered or "read-only" in lowered:
        return WriteFailed(f"could not write the fact base {path} ({text}); the previous fact base was"
                           " kept — free some space or fix the permissions, then compile again")
    if "unable to open" in lowered:
        return FactBaseMissing(f"cannot open the fact base {path} ({text}); run `python -m facts compile`"
                               " first, or check that the folder is readable")
    return FactBaseError(f"the fact base {path} failed: {text}")
