"""Problems with the fact base or the articles folder that a person can act on.

Each exception's text is the one line to show (terminal, log, Discord): what happened and
what to do. They are raised ``from`` the original error, so the real cause (a full disk,
a malformed page) stays attached and is never replaced by a follow-up error.
"""

from __future__ import annotations


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
