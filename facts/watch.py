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
watch). Kept free of heavy imports; not thread-safe: one compile at a time uses a watch (the
digest runner's lock).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .seeds import FolderLook, Listing, Stat, look_over, quick_look

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

    def due(self) -> bool:
        """Whether the next look must be a full sweep."""
        return (self.last_sweep is None or self.sweep_interval <= 0
                or self.clock() - self.last_sweep >= self.sweep_interval)

    def look(self, seeds_dir: Path, policy: str, known: Mapping[str, tuple[int, float]], seen: Seen | None,
             key: tuple[object, ...]) -> FolderLook:
        """The folder against ``known``: a sweep when one is due, else a quick look."""
        if key != self.key:
            self.key, self.listing, self.last_sweep, self.recheck = key, None, None, set()
        if self.due():
            started = self.clock()
            folder = look_over(seeds_dir, policy, known, seen)
            self.last_sweep, self.listing = started, None
            self.sweeps += 1
        else:
            folder, self.listing = quick_look(seeds_dir, policy, known, seen, recheck=self.recheck,
                                              listing=self.listing, stat=self.stat)
            self.quick_looks += 1
        # Until the compile says what it wrote, every changed file stays one to look at again:
        # a compile that fails or is cancelled finds them at the next look, quick or not.
        self.recheck |= {seed.name for seed in folder.changed}
        return folder

    def settled(self, held_back: list[str]) -> None:
        """The compile wrote what it looked at, except ``held_back`` (still being written):
        those are looked at again at every look until they are compiled."""
        self.recheck = set(held_back)

    def forget(self) -> None:
        """Start over (the next look is a sweep): the fact base or the folder changed under us."""
        self.key, self.listing, self.last_sweep, self.recheck = None, None, None, set()
