"""One compile at a time per fact base, and a trace of compiles that never finished.

Why a file lock and not only SQLite's: extraction runs outside the write transaction (so
readers and the digest are never held up), and two compiles started together would both
extract everything and then fight over the store step. ``flock`` on ``<db>.lock`` makes the
second one wait (or say so) before doing any work; the kernel releases it when the holder
dies, even under ``kill -9``. The file's text says what the holder was doing: a
``compiling`` left behind means the last compile was killed mid-way (an unclean stop), and
the next one checks the database before trusting it. ``idle`` records the file's size and
mtime when the last compile left it; a file that changed since (another writer, a restored
backup, a stray ``dd``) is checked too. Checking costs ~0.1 s per 30 MB and only happens then.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from .errors import CompileBusy, WriteFailed

POLL = 0.1  # seconds between tries while waiting for another compile


def lock_path(db_path: Path | str) -> Path:
    db = Path(db_path)
    return db.with_name(db.name + ".lock")


def compile_running(db_path: Path | str) -> str | None:
    """Who holds the compile lock right now (its text), or None. Cheap: no compiler import,
    so ``bot.py ask`` can answer at once from the current fact base during a compile."""
    path = lock_path(db_path)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 200).decode("utf-8", "replace").strip() or "another process"
    finally:
        os.close(fd)  # closing releases a shared lock we may have taken
    return None


def _stamp(db_path: Path) -> str:
    """Size and modification time of the database file: what it looked like when a compile left it."""
    try:
        st = db_path.stat()
    except OSError:
        return "none"
    return f"{st.st_size}:{st.st_mtime_ns}"


def idle_stamp(db_path: Path | str) -> str | None:
    """The file's stamp when the last compile left it idle and nothing has changed it since, else
    None (a compile runs, was killed, or the file changed): what ``restamp`` builds on."""
    try:
        with open(lock_path(db_path), "rb") as fh:
            text = fh.read(200).decode("utf-8", "replace")
    except OSError:
        return None
    stamp = _stamp(Path(db_path))
    return stamp if text == f"idle db={stamp}\n" else None


def restamp(db_path: Path | str, before: str) -> None:
    """After a write of the store's own (the digest's records, the feeds: ``Tables``), which a
    checkpoint may have carried into the file: record the file as it is now, so the next compile
    does not take our own write for a change from outside and check the whole file (``PRAGMA
    quick_check`` reads every page: 0.1 s at 10 000 articles, in every digest). Only when the lock
    still says what it said before the write (``before``, from ``idle_stamp``) and no compile holds it."""
    try:
        fd = os.open(lock_path(db_path), os.O_RDWR)
    except OSError:
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # a compile runs: it stamps the file when it ends
        if CompileLock._read(fd) == f"idle db={before}\n":
            CompileLock._write(fd, f"idle db={_stamp(Path(db_path))}\n")
    except OSError:
        pass  # best effort: at worst the next compile checks the file
    finally:
        os.close(fd)


class CompileLock:
    """``with CompileLock(db):`` — exclusive across processes; ``unclean`` after a killed compile.

    ``wait=False`` raises ``CompileBusy`` at once when another compile holds the lock;
    otherwise ``on_wait(holder)`` is called once and the lock is polled until free or until
    ``cancel`` is set (then ``CompileBusy`` too)."""

    def __init__(self, db_path: Path | str, *, wait: bool = True,
                 on_wait: Callable[[str], object] | None = None, cancel: threading.Event | None = None):
        self.path = lock_path(db_path)
        self.db_path = Path(db_path)
        self.wait, self.on_wait, self.cancel = wait, on_wait, cancel
        self.unclean = False
        self.changed_outside = False  # the file changed since the last compile ended (or is new to us)
        self._fd: int | None = None

    def __enter__(self) -> CompileLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise WriteFailed(f"cannot create the compile lock {self.path} ({exc.strerror or exc});"
                              " the fact base cannot be written here") from exc
        try:
            self._acquire(fd)
            previous = self._read(fd)
            self.unclean = previous.startswith("compiling")
            self.changed_outside = previous.startswith("idle") and f"db={_stamp(self.db_path)}" not in previous
            self._write(fd, f"compiling pid={os.getpid()} since={time.strftime('%Y-%m-%dT%H:%M:%S')}\n")
        except OSError as exc:
            os.close(fd)
            raise WriteFailed(f"could not write beside the fact base ({self.path}: {exc.strerror or exc});"
                              " the fact base was left as it was — free some space, then compile again") from exc
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return self

    def _acquire(self, fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            holder = self._read(fd).strip() or "another process"
        busy = f"another compile of {self.db_path} is running ({holder})"
        if not self.wait:
            raise CompileBusy(busy)
        if self.on_wait is not None:
            self.on_wait(holder)
        while True:
            if self.cancel is not None and self.cancel.wait(POLL):
                raise CompileBusy(busy + "; stopped waiting")
            if self.cancel is None:
                time.sleep(POLL)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                continue

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            self._write(fd, f"idle db={_stamp(self.db_path)}\n")
        except OSError:
            pass  # a full disk must not hide the error that ended the compile
        finally:
            os.close(fd)  # releases the flock

    @staticmethod
    def _read(fd: int) -> str:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 200).decode("utf-8", "replace")

    @staticmethod
    def _write(fd: int, text: str) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, text.encode("utf-8"))
