"""The digest's look at the folder kept by the kernel's notes (``facts.notify``, ``FolderWatch(notify=True)``):
new, removed and renamed names are found without listing the folder again, even when the folder's
mtime would not tell; lost notes and folders the kernel cannot watch are listed as before."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from facts import notify
from facts.seeds import Listing
from facts.watch import FolderWatch

pytest.importorskip("inotify_simple")
OLD = 1_700_000_000


class Clock:
    def __init__(self) -> None:
        self.now = 2_000_000_000.0

    def __call__(self) -> float:
        return self.now


def _put(folder: Path, name: str) -> None:
    (folder / name).write_text("x", encoding="utf-8")
    os.utime(folder / name, (OLD, OLD))


def _look(watch: FolderWatch, folder: Path, known: dict[str, tuple[int, float]]):
    return watch.look(folder, "inside", known, None, (str(folder),))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    if notify.filesystem_type(tmp_path) not in notify.LOCAL_FILESYSTEMS:
        pytest.skip("the temporary folder is not on a local file system")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i in range(5):
        _put(seeds, f"a{i}.txt")
    return seeds


def _known(folder: Path) -> dict[str, tuple[int, float]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime) for p in folder.iterdir()}


def test_new_removed_and_renamed_names_come_from_the_notes_not_a_listing(folder: Path) -> None:
    watch = FolderWatch(300.0, Clock(), notify=True)
    known = _known(folder)
    assert _look(watch, folder, known).unchanged == 5 and watch.sweeps == 1  # the watch starts, then the sweep
    assert _look(watch, folder, known).changed == [] and watch.listings == 0  # the sweep's names
    mtime = os.stat(folder).st_mtime_ns
    _put(folder, "new.txt")
    _put(folder, ".hidden")
    _put(folder, "partial.part")
    os.rename(folder / "a0.txt", folder / "b0.txt")
    (folder / "a1.txt").unlink()
    os.utime(folder, ns=(mtime, mtime))  # the folder's mtime as if nothing happened: the notes still tell
    look = _look(watch, folder, known)
    assert [s.name for s in look.changed] == ["b0.txt", "new.txt"]
    assert set(look.present) == {"a2.txt", "a3.txt", "a4.txt", "b0.txt", "new.txt"}
    assert watch.listings == 0, "no listing: the names came from the notes"
    known = _known(folder)
    assert _look(watch, folder, known).changed == [] and watch.listings == 0


def test_lost_notes_make_the_next_look_list_the_folder_or_sweep_it(folder: Path) -> None:
    clock = Clock()
    watch = FolderWatch(300.0, clock, notify=True)
    known = _known(folder)
    _look(watch, folder, known)
    _look(watch, folder, known)
    assert watch.notes is not None
    watch.notes.changes = lambda: None  # type: ignore[method-assign]  # e.g. the kernel's queue overflowed
    _put(folder, "new.txt")
    assert [s.name for s in _look(watch, folder, known).changed] == ["new.txt"] and watch.listings == 1
    assert watch.notes is not None, "a new watch replaces the lost one"
    watch.notes.changes = lambda: None  # type: ignore[method-assign]
    clock.now += 300
    _put(folder, "other.txt")
    assert [s.name for s in _look(watch, folder, known).changed] == ["new.txt", "other.txt"]  # a sweep
    _put(folder, "third.txt")
    assert [s.name for s in _look(watch, folder, known).changed] == ["new.txt", "other.txt", "third.txt"]
    assert watch.listings == 1, "after the sweep, its names and a new watch's notes"


def test_a_folder_the_kernel_cannot_watch_is_listed_when_its_mtime_moves(folder: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notify, "filesystem_type", lambda path: 0x6969)  # NFS: others' changes raise no note
    watch = FolderWatch(300.0, Clock(), notify=True)
    known = _known(folder)
    _look(watch, folder, known)
    _look(watch, folder, known)
    assert watch.notes is None and watch.unwatched and watch.listings == 1
    _put(folder, "new.txt")
    assert [s.name for s in _look(watch, folder, known).changed] == ["new.txt"] and watch.listings == 2


def test_the_last_change_of_a_name_decides() -> None:
    listing = Listing((1, 2, 3), 0, frozenset({"a.txt", "b.txt"}), {}, watched=True)
    changed = listing.with_changes([("a.txt", False), ("c.txt", True), ("c.txt", False), ("b.txt", True),
                                    ("caf\udce9.txt", True), ("x.tmp", True), (".x", True), ("d.txt", True)])
    assert changed.names == {"b.txt", "d.txt", r"caf\xe9.txt"} and changed.raw == {r"caf\xe9.txt": "caf\udce9.txt"}
    assert changed.trusted((1, 2, 99)) and not changed.trusted((1, 5, 3))


def test_a_folder_swapped_for_another_is_listed_anew(folder: Path) -> None:
    watch = FolderWatch(300.0, Clock(), notify=True)
    known = _known(folder)
    _look(watch, folder, known)
    _look(watch, folder, known)
    os.rename(folder, folder.with_name("old"))  # the watched folder moves away; another takes its name
    folder.mkdir()
    _put(folder, "a2.txt")
    _put(folder, "fresh.txt")
    look = _look(watch, folder, known)
    assert set(look.present) == {"a2.txt", "fresh.txt"} and [s.name for s in look.changed] == ["fresh.txt"]
    assert watch.listings == 1, "the old folder's notes no longer hold: listed once"
    _put(folder, "later.txt")
    assert [s.name for s in _look(watch, folder, known).changed] == ["fresh.txt", "later.txt"]
    assert watch.listings == 1, "the new folder is watched from then on"
