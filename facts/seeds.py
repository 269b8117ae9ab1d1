"""The articles folder as the compiler sees it: which entries are articles, which are refused.

Everything in the folder is treated as hostile input. Names that are not UTF-8 are kept in
an escaped form (``store.stored_name``); a symbolic link is followed only when its target is
inside the folder (``SEEDS_SYMLINKS=inside``, the default) or never (``off``), so a link to
``/etc/passwd`` is refused, not published; FIFOs, sockets and folders are ignored. Kept free
of heavy imports: ``bot.py ask`` uses it to decide whether a compile is needed.
"""

from __future__ import annotations

import datetime as dt
import os
import stat as stat_module
import time
from collections.abc import Callable, Collection, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import compress, repeat
from pathlib import Path

from .store import stored_name

# the last four: a fact base kept in the folder (its lock, its SQLite journals) is no article
IGNORED_SUFFIXES = (".part", ".tmp", ".swp", "~", ".crdownload", ".lock", "-journal", "-wal", "-shm")
SYMLINK_POLICIES = ("inside", "off")
RACY_NS = 2_000_000_000  # a folder mtime this close to a listing may hide a later change (coarse clocks)
Stat = Callable[..., os.stat_result]  # as ``os.stat(name, dir_fd=…, follow_symlinks=False)``


@dataclass(frozen=True)
class SeedFile:
    """One candidate article: its path, the name stored for it, and a reason to refuse it, if any.

    The path is kept as text and made a ``Path`` on demand: a scan of 100 000 files would
    otherwise spend most of its time building ``Path`` objects for files that are unchanged."""

    location: str
    name: str
    size: int
    mtime: float
    problem: str | None = None
    mtime_ns: int = 0  # as ``os.stat_result.st_mtime_ns`` (what the digest's look at a file compares)

    @property
    def path(self) -> Path:
        return Path(self.location)


@dataclass(frozen=True)
class CompileOptions:
    """How a compile treats the folder (from the settings, ``Settings.compile_options``): which
    symbolic links it follows (``SEEDS_SYMLINKS``), the largest file it reads
    (``SEEDS_MAX_FILE_MB``), and the compile date handed to the extractors (``FACTS_TODAY`` pins it;
    None: the real date). Dates never resolve against it: a weekday or relative date the article
    cannot place gets no date (``facts.dates``). Picklable: the extraction workers get it."""

    symlinks: str = "inside"
    max_file_mb: float = 16.0
    today: dt.date | None = None

    @property
    def follow_symlinks(self) -> bool:
        return self.symlinks != "off"

    @property
    def max_file_bytes(self) -> int:
        return int(max(self.max_file_mb, 0.001) * 1024 * 1024)

    def reference_day(self) -> dt.date:
        return self.today or dt.date.today()


def is_candidate(name: str) -> bool:
    """Hidden files and partial downloads are never articles."""
    return not name.startswith(".") and not name.endswith(IGNORED_SUFFIXES)


def _checked_folder(seeds_dir: Path, policy: str) -> Path:
    """The folder's resolved path, once it exists and the link policy is known (scan and look_over)."""
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"seeds folder not found: {seeds_dir} (the fact base was left as it was)")
    if policy not in SYMLINK_POLICIES:
        raise ValueError(f"symbolic link policy {policy!r} is not one of {SYMLINK_POLICIES}")
    return seeds_dir.resolve()


def scan(seeds_dir: Path, policy: str = "inside") -> list[SeedFile]:
    """Candidate articles in name order. Raises FileNotFoundError when the folder is missing."""
    seeds_dir = Path(seeds_dir)
    root = _checked_folder(seeds_dir, policy)
    found = []
    with os.scandir(seeds_dir) as entries:
        for entry in entries:
            if not is_candidate(entry.name):
                continue
            seed = _classify(entry, root, policy)
            if seed is not None:
                found.append(seed)
    return sorted(found, key=lambda s: s.name)


@dataclass
class FolderLook:
    """The folder against what the fact base knows of it (``look_over``)."""

    changed: list[SeedFile] = field(default_factory=list)  # new, or another size or mtime: in name order
    listed: list[str] = field(default_factory=list)  # a sweep's candidate names as on disk, any type
    present: AbstractSet[str] = field(default_factory=set)  # the stored name of every candidate article
    unchanged: int = 0


def look_over(seeds_dir: Path, policy: str, known: Mapping[str, tuple[int, float]],
              seen: Callable[[str, int, int], object] | None = None, *, slack: float = 0.0) -> FolderLook:
    """One pass over the folder, comparing each candidate with ``known`` (stored name → size, mtime).

    Why: a ``SeedFile`` for each of 10 000 unchanged files cost more than their ``stat`` and kept
    the garbage collector busy; here an unchanged file costs a ``stat`` and a lookup, and only new
    or changed files become ``SeedFile`` objects, so the work beyond the ``stat`` calls grows with
    what changed. ``seen(location, size, mtime_ns)`` is told about each unchanged readable file;
    ``slack``: mtimes that differ by no more than this are the same (0: exactly equal).
    Raises FileNotFoundError when the folder is missing."""
    seeds_dir = Path(seeds_dir)
    root = _checked_folder(seeds_dir, policy)
    out = FolderLook()
    present: set[str] = set()
    out.present = present
    changed, get = out.changed, known.get
    folder = os.path.join(str(seeds_dir), "")
    # Listed through a descriptor of the folder: each stat then looks the name up in the folder
    # alone (fstatat), not the whole path again — a quarter faster on a folder of 10 000 files.
    fd = os.open(seeds_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        with os.scandir(fd) as entries:
            for entry in entries:
                raw = entry.name
                if raw[0] == "." or raw.endswith(IGNORED_SUFFIXES):
                    continue
                out.listed.append(raw)
                try:
                    if entry.is_symlink():
                        seed = _symlink(Path(folder + raw), stored_name(raw), root, policy)
                        if seed is None:
                            continue
                        size, mtime, mtime_ns, name = seed.size, seed.mtime, seed.mtime_ns, seed.name
                    elif entry.is_file(follow_symlinks=False):
                        st = entry.stat(follow_symlinks=False)
                        size, mtime, mtime_ns, name, seed = (st.st_size, st.st_mtime, st.st_mtime_ns, stored_name(raw),
                                                             None)
                    else:
                        continue  # folders, FIFOs, sockets, devices
                except OSError:
                    continue  # vanished while we looked
                present.add(name)
                before = get(name)
                if before is not None and before[0] == size and abs(before[1] - mtime) <= slack:
                    out.unchanged += 1
                    if seen is not None and (seed is None or seed.problem is None):
                        seen(folder + raw if seed is None else seed.location, size, mtime_ns)
                    continue
                changed.append(seed or SeedFile(folder + raw, name, size, mtime, None, mtime_ns))
    finally:
        os.close(fd)
    changed.sort(key=lambda s: s.name)
    return out


@dataclass(frozen=True)
class Listing:
    """The candidate names of the folder as one listing found them, and the folder as it was
    then (``quick_look``): reused while the folder's own mtime stays the same."""

    folder: tuple[int, int, int]  # (st_dev, st_ino, st_mtime_ns) of the folder, taken before listing
    listed_ns: int  # wall clock (time.time_ns) before listing
    names: frozenset[str]  # stored names of the candidates (hidden and partial files left out)
    raw: Mapping[str, str]  # stored name → name on disk, for the names that differ (not UTF-8)
    listed: frozenset[str] = frozenset()  # every name on disk, as listed (the next listing is compared with it)
    watched: bool = False  # kept up to date by the kernel's notes (``facts.notify``), not by the mtime

    def trusted(self, now: tuple[int, int, int]) -> bool:
        """Still the folder's names: same folder, same mtime, and that mtime not racy — a create,
        delete or rename sets the folder's mtime, but one within the same clock tick as the listing
        (some file systems keep 1–2 s) would leave it equal, as git's racy-index rule knows. A
        watched listing: the same folder (its changes were applied, ``with_changes``)."""
        if self.watched:
            return now[:2] == self.folder[:2]
        return now == self.folder and self.folder[2] < self.listed_ns - RACY_NS

    def with_changes(self, changes: list[tuple[str, bool]]) -> Listing:
        """The names after ``changes`` ((name on disk, there now), in the order they happened):
        the last change of a name decides, so changes already seen by the listing do no harm."""
        if not changes:
            return self
        names, raw = set(self.names), dict(self.raw)
        for disk, there in changes:
            if not is_candidate(disk):
                continue
            name = stored_name(disk)
            if there:
                names.add(name)
                if name != disk:
                    raw[name] = disk
            else:
                names.discard(name)
                raw.pop(name, None)
        return Listing(self.folder, self.listed_ns, frozenset(names), raw, frozenset(), self.watched)


def quick_look(seeds_dir: Path, policy: str, known: Mapping[str, tuple[int, float]],
               seen: Callable[[str, int, int], object] | None = None, *, recheck: Collection[str] = (),
               listing: Listing | None = None, stat: Stat = os.stat,
               clock_ns: Callable[[], int] = time.time_ns) -> tuple[FolderLook, Listing]:
    """A look that costs nothing per unchanged file: the names alone are compared with ``known``,
    and only new names (and those in ``recheck``: changed but held back) get a ``stat``.

    Why: at 100 000 files a ``stat`` each (``look_over``) is ~0.65 s, at every digest tick and for
    every new article. The trade-off: a file edited in place keeps its name, so this look does not
    see the edit; ``look_over`` (the full sweep, run at start and then every
    ``DIGEST_SWEEP_INTERVAL``) does. The listing itself is skipped when ``listing`` is still
    ``trusted`` (the folder's mtime unchanged and not racy). Returns the look and the listing to
    pass next time. Raises FileNotFoundError when the folder is missing."""
    seeds_dir = Path(seeds_dir)
    root = _checked_folder(seeds_dir, policy)
    fd = os.open(seeds_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        st = os.fstat(fd)
        now = (st.st_dev, st.st_ino, st.st_mtime_ns)
        if listing is None or not listing.trusted(now):
            listing = _list(fd, now, clock_ns(), listing)
        out = FolderLook(present=listing.names)  # copied only when a name turns out to be gone
        folder = os.path.join(str(seeds_dir), "")
        # set.difference with a dict tests each name against it: no copy of either (~30 ns a name)
        wanted = listing.names.difference(known) | listing.names.intersection(recheck)
        for name in sorted(wanted):
            raw = listing.raw.get(name, name)
            seed = _named(folder, raw, name, fd, root, policy, stat)
            if seed is None:  # gone, or not a file: not a candidate
                out.present = out.present - {name}
                continue
            before = known.get(name)
            if before is not None and before[0] == seed.size and before[1] == seed.mtime:
                if seen is not None and seed.problem is None:
                    seen(seed.location, seed.size, seed.mtime_ns)
                continue
            out.changed.append(seed)
        out.unchanged = len(out.present) - len(out.changed)
    finally:
        os.close(fd)
    return out, listing


def folder_stamp(seeds_dir: Path, policy: str) -> list[object] | None:
    """What names the folder: its link policy, device, inode and mtime (which a create, delete or
    rename moves). A base that recorded this stamp after a compile (``store.plan.keep_folder_stamp``)
    still holds the folder's names while the stamp is the same: ``bot.py`` starts without listing
    100 000 names. None: the folder cannot be looked at."""
    try:
        st = os.stat(seeds_dir)
    except OSError:
        return None
    return [policy, st.st_dev, st.st_ino, st.st_mtime_ns]


def stamp_is_racy(stamp: list[object], looked_ns: int) -> bool:
    """A folder mtime within a coarse clock tick of the look may hide a change in that same tick."""
    mtime_ns = stamp[3]
    return not isinstance(mtime_ns, int) or mtime_ns >= looked_ns - RACY_NS


def _list(fd: int, folder: tuple[int, int, int], listed_ns: int, before: Listing | None = None) -> Listing:
    """The candidate names, from the names alone: no ``stat`` and no entry type (a sub-folder or
    FIFO is told apart when its name is looked at, as a new name, by ``_named``).

    With the listing ``before`` of the same folder, only the names that came or went since are
    sorted out: the rest is set arithmetic in C. Why: at 100 000 files, testing every name again
    (``_candidates``) cost ~0.1 s at each new article, more than the ``os.listdir`` itself."""
    listed = frozenset(os.listdir(fd))
    if before is None or before.folder[:2] != folder[:2] or not before.listed:
        names, raw = _candidates(listed)
        return Listing(folder, listed_ns, frozenset(names), raw, listed)
    came, went = _candidates(listed - before.listed), _candidates(before.listed - listed)
    kept: Mapping[str, str] = before.raw
    if went[1] or came[1]:
        kept = {k: v for k, v in before.raw.items() if k not in went[0]} | came[1]
    return Listing(folder, listed_ns, (before.names - went[0]) | came[0], kept, listed)


def listing_of(listed: Collection[str], folder: tuple[int, int, int], listed_ns: int) -> Listing:
    """The watched ``Listing`` of these names on disk (a sweep's ``FolderLook.listed``), which the
    kernel's notes then keep up to date (``Listing.with_changes``)."""
    names, raw = _candidates(listed)
    return Listing(folder, listed_ns, frozenset(names), raw, frozenset(), watched=True)


def _candidates(listed: Collection[str]) -> tuple[set[str], dict[str, str]]:
    """The stored names of the article candidates among names on disk, and stored → disk name
    for those that differ (not UTF-8). Hidden files and partial downloads are no candidates."""
    names = set(listed)  # then the few hidden and partial files out, tested in C (map), not a loop
    names.difference_update(compress(listed, map(str.startswith, listed, repeat("."))))
    names.difference_update(compress(listed, map(str.endswith, listed, repeat(IGNORED_SUFFIXES))))
    raw: dict[str, str] = {}
    if not "\0".join(names).isascii():  # some names may not be UTF-8: their stored form differs
        for name in [n for n in names if not n.isascii()]:
            stored = stored_name(name)
            if stored != name:
                names.discard(name)
                names.add(stored)
                raw[stored] = name
    return names, raw


def _named(folder: str, raw: str, name: str, fd: int, root: Path, policy: str, stat: Stat) -> SeedFile | None:
    """One entry of the folder by name, as ``look_over`` would see it (None: gone, or not a file)."""
    try:
        st = stat(raw, dir_fd=fd, follow_symlinks=False)
        if stat_module.S_ISLNK(st.st_mode):
            return _symlink(Path(folder + raw), name, root, policy)
        if not stat_module.S_ISREG(st.st_mode):
            return None  # folders, FIFOs, sockets, devices
    except OSError:
        return None  # vanished while we looked
    return SeedFile(folder + raw, name, st.st_size, st.st_mtime, None, st.st_mtime_ns)


def _classify(entry: os.DirEntry[str], root: Path, policy: str) -> SeedFile | None:
    name = stored_name(entry.name)
    try:
        if entry.is_symlink():
            return _symlink(Path(entry.path), name, root, policy)
        if not entry.is_file(follow_symlinks=False):
            return None  # folders, FIFOs, sockets, devices
        st = entry.stat(follow_symlinks=False)
    except OSError:
        return None  # vanished while we looked
    return SeedFile(entry.path, name, st.st_size, st.st_mtime, None, st.st_mtime_ns)


def _symlink(path: Path, name: str, root: Path, policy: str) -> SeedFile | None:
    link = path.lstat()
    if policy == "off":
        return SeedFile(str(path), name, link.st_size, link.st_mtime,
                        "symbolic link (not followed: SEEDS_SYMLINKS=off)")
    target = path.resolve()
    if not target.is_relative_to(root):
        return SeedFile(str(path), name, link.st_size, link.st_mtime,
                        "symbolic link to a file outside the seeds folder (not followed)")
    if not target.exists():
        return SeedFile(str(path), name, link.st_size, link.st_mtime, "broken symbolic link")
    if not target.is_file():
        return None
    st = target.stat()
    return SeedFile(str(path), name, st.st_size, st.st_mtime, None, st.st_mtime_ns)


def inside(path: Path, folder: Path) -> bool:
    """True when ``path`` (followed) stays within ``folder``: checked again at read time."""
    return path.resolve().is_relative_to(folder.resolve())

