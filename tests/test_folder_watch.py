"""The look over the articles folder between full sweeps (``facts.seeds.quick_look``,
``facts.watch.FolderWatch``): a new, removed or renamed file is found from the names alone, with
a ``stat`` for the new names only; a file edited in place is found by the next full sweep.

The folders are real; the ``stat`` the look calls is counted through the parameter it takes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from facts.compiler import compile_folder
from facts.seeds import RACY_NS, quick_look
from facts.watch import FolderWatch
from handlers.digest import DigestEntry, DigestRunner

ARTICLE = """Le Maroc et l'Inde renforcent leurs liens {n}
Publié le 12/03/2025
Le ministre indien de la Défense a rencontré mardi à Rabat le ministre marocain {n}.
"""
OLD = 1_700_000_000  # an mtime: files older than the digest's "still being written" check


class Counted:
    """``os.stat`` that remembers which names it was asked about."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def __call__(self, path: str, *, dir_fd: int | None = None, follow_symlinks: bool = True) -> os.stat_result:
        self.names.append(os.path.basename(path))
        return os.stat(path, dir_fd=dir_fd, follow_symlinks=follow_symlinks)


class Clock:
    def __init__(self) -> None:
        self.now = 2_000_000_000.0

    def __call__(self) -> float:
        return self.now


def _put(folder: Path, name: str, text: str = "x", mtime: int = OLD) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))
    return path


def _known(folder: Path) -> dict[str, tuple[int, float]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime) for p in folder.iterdir() if not p.name.startswith(".")}


def _hold_folder_mtime(folder: Path, mtime_ns: int) -> None:
    """The folder's mtime as a coarse clock would leave it after a change in the same tick."""
    os.utime(folder, ns=(mtime_ns, mtime_ns))


def test_a_new_file_is_found_with_one_stat_and_a_removed_one_from_its_name(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for i in range(40):
        _put(folder, f"a{i:02d}.txt")
    latin1 = os.fsdecode(b"caf\xe9.txt")  # not UTF-8: stored as caf\xe9.txt
    _put(folder, latin1)
    known = _known(folder) | {"gone.txt": (1, 0.0)}
    known[r"caf\xe9.txt"] = known.pop(latin1)
    _put(folder, "new.txt", "nouveau")
    _put(folder, os.fsdecode(b"th\xe9.txt"), "nouveau")
    _put(folder, ".hidden")
    _put(folder, "half.txt.part")
    (folder / "sub").mkdir()
    os.mkfifo(folder / "pipe")
    stat = Counted()
    look, _ = quick_look(folder, "inside", known, stat=stat)
    assert [s.name for s in look.changed] == ["new.txt", r"th\xe9.txt"]
    assert look.changed[0].size == len("nouveau") and Path(look.changed[1].location).exists()
    # the new names only: a sub-folder and a FIFO are told apart by their stat, and left out
    assert sorted(stat.names) == sorted(["new.txt", os.fsdecode(b"th\xe9.txt"), "pipe", "sub"])
    assert look.present == {f"a{i:02d}.txt" for i in range(40)} | {"new.txt", r"caf\xe9.txt", r"th\xe9.txt"}
    assert "gone.txt" not in look.present and look.unchanged == 41


def test_a_file_edited_in_place_is_found_only_when_asked_to_look_again(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    _put(folder, "a.txt")
    known = _known(folder)
    _put(folder, "a.txt", "longer text", OLD + 5)
    assert quick_look(folder, "inside", known)[0].changed == []
    seen: list[str] = []
    look, _ = quick_look(folder, "inside", known, lambda *a: seen.append(a[0]), recheck={"a.txt"})
    assert [s.name for s in look.changed] == ["a.txt"] and seen == []


def test_links_keep_their_policy_in_the_quick_look(tmp_path: Path) -> None:
    folder, outside = tmp_path / "seeds", tmp_path / "secret.txt"
    folder.mkdir()
    _put(tmp_path, "secret.txt", "root:x:0:0")
    _put(folder, "a.txt", "article")
    (folder / "out.txt").symlink_to(outside)
    (folder / "in.txt").symlink_to(folder / "a.txt")
    (folder / "broken.txt").symlink_to(folder / "nothing.txt")
    look, _ = quick_look(folder, "inside", {"a.txt": (7, float(OLD))})
    problems = {s.name: s.problem for s in look.changed}
    assert problems == {"broken.txt": "broken symbolic link", "in.txt": None,
                        "out.txt": "symbolic link to a file outside the seeds folder (not followed)"}


def test_the_listing_is_reused_while_the_folder_mtime_holds_unless_it_was_racy(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    _put(folder, "a.txt")
    known = _known(folder)
    mtime = folder.stat().st_mtime_ns
    # listed long after the folder last changed: the listing is trusted while the mtime holds
    _, listing = quick_look(folder, "inside", known, clock_ns=lambda: mtime + 10 * RACY_NS)
    _put(folder, "b.txt")
    _hold_folder_mtime(folder, mtime)
    look, again = quick_look(folder, "inside", known, listing=listing)
    assert look.changed == [] and again is listing, "not listed again: the folder's mtime did not move"
    os.utime(folder)  # the folder's mtime moves, as a create does: listed again
    assert [s.name for s in quick_look(folder, "inside", known, listing=listing)[0].changed] == ["b.txt"]
    # listed within the folder's clock tick: a change in that same tick leaves the mtime equal
    mtime = folder.stat().st_mtime_ns
    _, racy = quick_look(folder, "inside", known, clock_ns=lambda: mtime + RACY_NS // 4)
    _put(folder, "c.txt")
    _hold_folder_mtime(folder, mtime)
    look, _ = quick_look(folder, "inside", known, listing=racy)
    assert [s.name for s in look.changed] == ["b.txt", "c.txt"], "a racy listing is never reused"


def test_a_listing_made_from_the_last_one_holds_the_same_names_as_a_fresh_one(tmp_path: Path) -> None:
    """The next listing sorts out only the names that came or went (``facts.seeds._list``): it must
    hold what a listing from scratch holds, hidden, partial and not-UTF-8 names included."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in ["a.txt", "b.txt", ".hidden", "old.txt.part", os.fsdecode(b"caf\xe9.txt"),
                 os.fsdecode(b"d\xe9j\xe0.txt")]:
        _put(folder, name)
    _, before = quick_look(folder, "inside", {})
    assert before.names == {"a.txt", "b.txt", r"caf\xe9.txt", r"d\xe9j\xe0.txt"}
    for name in ["b.txt", os.fsdecode(b"caf\xe9.txt"), "old.txt.part"]:
        (folder / name).unlink()
    for name in ["c.txt", ".new-hidden", "half.txt.part", os.fsdecode(b"th\xe9.txt"), "été.txt"]:
        _put(folder, name)
    os.utime(folder)
    _, after = quick_look(folder, "inside", {}, listing=before)
    _, fresh = quick_look(folder, "inside", {})
    assert after is not before
    assert after.names == fresh.names == {"a.txt", "c.txt", r"d\xe9j\xe0.txt", r"th\xe9.txt", "été.txt"}
    assert dict(after.raw) == dict(fresh.raw) and set(after.raw) == {r"d\xe9j\xe0.txt", r"th\xe9.txt"}
    look, _ = quick_look(folder, "inside", {"a.txt": (1, float(OLD))}, listing=before)
    assert sorted(s.name for s in look.changed) == ["c.txt", r"d\xe9j\xe0.txt", r"th\xe9.txt", "été.txt"]


def test_a_watched_compile_finds_new_and_removed_files_at_once_and_edits_at_the_next_sweep(tmp_path: Path) -> None:
    folder, db = tmp_path / "seeds", tmp_path / "facts.sqlite3"
    folder.mkdir()
    for i in range(5):
        _put(folder, f"a{i}.txt", ARTICLE.format(n=i))
    clock, stat = Clock(), Counted()
    watch = FolderWatch(300.0, clock, stat)
    assert len(compile_folder(folder, db, watch=watch).added) == 5 and watch.sweeps == 1
    _put(folder, "new.txt", ARTICLE.format(n="new"))
    report = compile_folder(folder, db, watch=watch)
    assert report.added == ["new.txt"] and report.unchanged == 5
    assert stat.names == ["new.txt"] and watch.sweeps == 1, "the five known files were not looked at"
    (folder / "a1.txt").unlink()
    assert compile_folder(folder, db, watch=watch).removed == ["a1.txt"]
    _put(folder, "a2.txt", ARTICLE.format(n="deux, modifié"), OLD + 60)  # edited in place
    assert not compile_folder(folder, db, watch=watch).changed, "between sweeps an edit waits"
    clock.now += 300
    assert compile_folder(folder, db, watch=watch).updated == ["a2.txt"] and watch.sweeps == 2
    assert compile_folder(folder, db, watch=FolderWatch()).unchanged == 5, "a sweep agrees with the quick looks"


async def test_the_digest_posts_an_in_place_edit_after_the_next_sweep_once(tmp_path: Path) -> None:
    folder, db = tmp_path / "seeds", tmp_path / "var" / "facts.sqlite3"
    folder.mkdir()
    clock = Clock()
    _put(folder, "a.txt", ARTICLE.format(n="un"), int(clock.now) - 3600)
    posted: list[list[DigestEntry]] = []

    async def deliver(entries: list[DigestEntry]) -> None:
        posted.append(entries)

    runner = DigestRunner(folder, db, deliver, clock=clock, sweep_interval=300.0)
    assert (await runner.run_once()).first_run
    _put(folder, "b.txt", ARTICLE.format(n="deux"), int(clock.now) - 3600)
    clock.now += 60
    assert (await runner.run_once()).posted == ["b.txt"]
    _put(folder, "a.txt", ARTICLE.format(n="un, et le Sénégal"), int(clock.now) - 30)  # edited in place
    clock.now += 60
    assert (await runner.run_once()).nothing_new, "a quick look does not see an edit in place"
    clock.now += 300  # the sweep sees it, still being written: held back
    _put(folder, "a.txt", ARTICLE.format(n="un, et le Sénégal."), int(clock.now) - 1)
    assert (await runner.run_once()).waiting == ["a.txt"]
    clock.now += 60  # a quick look, which looks at that file again: unchanged now, compiled
    assert [e.kind for e in (await runner.run_once()).entries] == ["updated"]
    assert (await runner.run_once()).nothing_new and [e.doc for call in posted for e in call] == ["b.txt", "a.txt"]


@pytest.mark.parametrize("interval", [0.0])
def test_without_an_interval_every_look_is_a_sweep(tmp_path: Path, interval: float) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    _put(folder, "a.txt")
    watch = FolderWatch(interval)
    for _ in range(3):
        watch.look(folder, "inside", _known(folder), None, ("k",))
    assert (watch.sweeps, watch.quick_looks) == (3, 0)
