"""The names created, removed and renamed in the articles folder, as Linux reports them (inotify).

Why: once the folder changed, the digest's quick look (``facts.watch``) listed every name to find
the one that arrived: ``os.listdir`` and the set operations over its names cost ~0.1 s at 100 000
files, for each new article. With a watch on the folder the kernel queues each create, delete and
rename as it happens, so a look reads the few events since the last one and updates the names it
kept. Edits in place are not watched: they are still found by the full sweep.

Only where every change raises an event: Linux, with ``inotify_simple`` installed, on a local file
system (ext4, xfs, btrfs, tmpfs, overlay…). On a network share (NFS, SMB) or through FUSE, another
machine's changes raise none, so there — and when the kernel's queue overflowed, or the folder
itself was moved or removed — the folder is listed again, as without a watch.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from pathlib import Path
from typing import Any

# statfs f_type of the file systems whose changes all go through this kernel
LOCAL_FILESYSTEMS = {
    0xEF53: "ext2/3/4", 0x58465342: "xfs", 0x9123683E: "btrfs", 0x01021994: "tmpfs", 0x794C7630: "overlayfs",
    0xF2F52010: "f2fs", 0x2FC12FC1: "zfs", 0x3153464A: "jfs", 0x52654973: "reiserfs",
}
_NAMES = ("CREATE", "DELETE", "MOVED_FROM", "MOVED_TO")
_LOST = ("Q_OVERFLOW", "IGNORED", "DELETE_SELF", "MOVE_SELF", "UNMOUNT")  # some changes may be missing


def filesystem_type(path: Path | str) -> int | None:
    """The ``f_type`` of ``statfs(2)`` for ``path`` (None: not Linux, or the call failed). The field
    is the first of ``struct statfs``, a C ``long``, on every Linux architecture."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        buffer = ctypes.create_string_buffer(512)  # larger than struct statfs anywhere
        if libc.statfs(os.fsencode(str(path)), buffer) != 0:
            return None
        return int(ctypes.c_long.from_buffer(buffer).value) & 0xFFFFFFFF
    except (OSError, AttributeError):
        return None


class FolderNotes:
    """A watch on one folder; ``changes()`` returns what happened to its names since the last call."""

    def __init__(self, inotify: Any, flags: Any) -> None:
        self._inotify = inotify
        self._flags = flags

    @classmethod
    def start(cls, folder: Path | str) -> FolderNotes | None:
        """A watch on ``folder``, or None where a watch would not see every change (see the module)."""
        if filesystem_type(folder) not in LOCAL_FILESYSTEMS:
            return None
        try:
            import inotify_simple
        except ImportError:
            return None
        flags = inotify_simple.flags
        inotify = None
        try:
            inotify = inotify_simple.INotify(nonblocking=True)
            mask = 0
            for name in (*_NAMES, "DELETE_SELF", "MOVE_SELF", "ONLYDIR"):
                mask |= getattr(flags, name)
            inotify.add_watch(str(folder), mask)
        except OSError:  # no inotify here, or too many watches or instances: list the folder instead
            if inotify is not None:
                inotify.close()
            return None
        return cls(inotify, flags)

    def changes(self) -> list[tuple[str, bool]] | None:
        """(name on disk, there now) for each name created, removed or renamed since the last call,
        in order; None when some may be missing (the folder must be listed again)."""
        try:
            events = self._inotify.read(timeout=0)
        except OSError:
            return None
        flags, out = self._flags, []
        for event in events:
            if any(event.mask & getattr(flags, f) for f in _LOST):
                return None
            if event.mask & (flags.CREATE | flags.MOVED_TO):
                out.append((str(event.name), True))
            elif event.mask & (flags.DELETE | flags.MOVED_FROM):
                out.append((str(event.name), False))
        return out

    def close(self) -> None:
        self._inotify.close()
