"""What a long-lived process (the digest) keeps of the articles folder between two compiles.

Why: a ``stat`` of every file (``seeds.look_over``) costs ~0.65 s at 100 000 files, once per
digest tick and once per new article. A ``FolderWatch`` makes most looks quick
(``seeds.quick_look``: names only, a ``stat`` for new names; no listing at all while the
folder's own mtime has not moved) and runs the full sweep only at the first look and then
every ``sweep_interval`` seconds (``DIGEST_SWEEP_INTERVAL``, 300 by default in the bot).

The trade-off: an article edited in place keeps its name and the folder's mtime, so the quick
look does not see it; the next sweep does, and from then on that file is looked at at every
look until it is compiled (``settled``). A new file, a removed file and a renamed file are
seen at the next look. ``sweep_interval`` 0 makes every look a sweep (the behaviour without a
watch). With ``notify`` (the digest), the names are kept between looks from the kernel's notes
(``facts.notify``: Linux, local file systems) instead of listed again whenever the folder's mtime
moved: a new article costs the few names that changed, not a listing of 100 000 (~0.1 s).
Kept free of heavy imports; not thread-safe: one compile at a time uses a watch (the digest
runner's lock).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .notify import FolderNotes
from .seeds import FolderLook, Listing, Stat, listing_of, look_over, quick_look

Seen = Callable[[str, int, int], object]


@dataclass
class FolderWatch:
    """One folder compiled into one fact base, as this process last looked at it.

    ``clock`` (seconds, any origin) paces the sweeps; ``stat`` is what the quick look calls on
    each name it looks at (tests count the calls)."""

    sweep_interval: float = 0.0
    clock: Callable[[], float] = time.monotonic
    stat: Stat = os.stat
    listing: Listing | None = None
    last_sweep: float | None = None
    recheck: set[str] = field(default_factory=set)  # changed when last looked at, not compiled since
    key: tuple[object, ...] | None = None  # (folder, link policy, fact base file): another one starts over
    sweeps: int = 0
    quick_looks: int = 0
    notify: bool = False  # keep the names from the kernel's notes where it can (``facts.notify``)
    notes: FolderNotes | None = field(default=None, repr=False)
    unwatched: bool = False  # no watch could be set on this folder: listed when its mtime moves
    listings: int = 0  # quick looks that listed the folder

    def due(self) -> bool:
        """Whether the next look must be a full sweep."""
        return (self.last_sweep is None or self.sweep_interval <= 0
                or self.clock() - self.last_sweep >= self.sweep_interval)

    def look(self, seeds_dir: Path, policy: str, known: Mapping[str, tuple[int, float]], seen: Seen | None,
             key: tuple[object, ...]) -> FolderLook:
        """The folder against ``known``: a sweep when one is due, else a quick look."""
        if key != self.key:
            self.forget()
            self.key = key
        if self.due():
            started = self.clock()
            st = self._watch_for_sweep(seeds_dir) if self.notify else None
            folder = look_over(seeds_dir, policy, known, seen)
            self.last_sweep, self.listing = started, None
            if st is not None and self.notes is not None:  # the sweep's names, kept by the notes from now on
                self.listing = listing_of(folder.listed, (st.st_dev, st.st_ino, st.st_mtime_ns), time.time_ns())
            self.sweeps += 1
        else:
            if self.notify:
                self._follow(seeds_dir)
            before = self.listing
            folder, self.listing = quick_look(seeds_dir, policy, known, seen, recheck=self.recheck,
                                              listing=self.listing, stat=self.stat)
            if self.listing is not before:
                self.listings += 1
                if self.notes is not None:  # listed after the watch started: its notes keep it
                    self.listing = replace(self.listing, watched=True)
            self.quick_looks += 1
        # Until the compile says what it wrote, every changed file stays one to look at again:
        # a compile that fails or is cancelled finds them at the next look, quick or not.
        self.recheck |= {seed.name for seed in folder.changed}
        return folder

    def _watch_for_sweep(self, seeds_dir: Path) -> os.stat_result | None:
        """Before a sweep: a watch started (or the notes so far dropped: the sweep lists every name
        after them), and the folder as it is (None: no watch, or no folder)."""
        if self.notes is not None and self.notes.changes() is None:
            self.notes.close()
            self.notes = None
        if self.notes is None and not self.unwatched:
            self.notes = FolderNotes.start(seeds_dir)
            self.unwatched = self.notes is None
        try:
            return os.stat(seeds_dir) if self.notes is not None else None
        except OSError:
            return None

    def _follow(self, seeds_dir: Path) -> None:
        """Bring the kept names up to date from the kernel's notes, or leave none to list anew: at
        the first quick look (the watch starts before the listing, so no change falls between),
        after a sweep, and when some notes may be lost. Without a watch, the folder's mtime rules."""
        if self.notes is None and self.unwatched:
            return
        changes = self.notes.changes() if self.notes is not None else None
        if changes is None:
            if self.notes is not None:
                self.notes.close()
            self.notes, self.listing = FolderNotes.start(seeds_dir), None
            self.unwatched = self.notes is None
        elif self.listing is not None and self.listing.watched:
            self.listing = self.listing.with_changes(changes)
        else:
            self.listing = None  # none listed since the sweep

    def settled(self, held_back: list[str]) -> None:
        """The compile wrote what it looked at, except ``held_back`` (still being written):
        those are looked at again at every look until they are compiled."""
        self.recheck = set(held_back)

    def forget(self) -> None:
        """Start over (the next look is a sweep): the fact base or the folder changed under us."""
        self.key, self.listing, self.last_sweep, self.recheck = None, None, None, set()
        self.unwatched = False
        if self.notes is not None:
            self.notes.close()
            self.notes = None
