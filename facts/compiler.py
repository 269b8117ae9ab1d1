"""Compile a folder of article files into the fact base — incremental, atomic, one at a time.

Unchanged files (same size and mtime, or same content hash) are skipped, changed files
re-extracted, deleted files' facts removed. The order of work keeps the write lock short:

1. take the compile lock (``facts.locks``): a second compile waits, or says another runs;
2. read the known documents and the folder, decide what to do (no write lock);
3. extract — in worker processes when there are many files — still without the write lock,
   so readers, the bot and the digest's records go on; a cancel request stops here;
4. ``BEGIN IMMEDIATE``, read the known documents again inside the transaction, write, commit.

A crash, Ctrl-C or cancel at any point leaves the previous fact base intact. A folder that
is suddenly empty is refused rather than obeyed (``allow_empty`` overrides).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import entities, store
from .clean import Article, clean
from .errors import FactBaseDamaged, SeedsRefused
from .extract import extract_many
from .html import extract_page
from .load import load
from .locks import CompileLock
from .pool import Cancelled, ordered_results, start_pool
from .seeds import CompileOptions, FolderLook, SeedFile, folder_stamp, inside, look_over, scan, stamp_is_racy
from .store import plan
from .watch import FolderWatch

__all__ = ["Cancelled", "CompileOptions", "CompileReport", "FolderWatch", "compile_folder", "extract_file"]

PARALLEL_FROM = 40  # below this, starting worker processes costs more than it saves
BATCH = 16  # files per task sent to a worker: fewer round trips, still fine-grained for cancel


@dataclass
class CompileReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, file it copies)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    unchanged: int = 0
    waiting: list[str] = field(default_factory=list)  # files the accept() filter held back
    repeated_blocks: list[tuple[str, int]] = field(default_factory=list)  # (file, repeated lines dropped)
    facts: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.duplicates or self.skipped)

    def summary(self) -> str:
        return (f"added {len(self.added)}, updated {len(self.updated)}, removed {len(self.removed)}, "
                f"duplicate {len(self.duplicates)}, skipped {len(self.skipped)}, unchanged {self.unchanged}"
                f" — {self.facts} facts written in {self.seconds:.2f} s")


Accept = Callable[[Path, os.stat_result], bool]


@dataclass
class Extracted:
    name: str
    row: store.DocumentRow
    facts: list[dict[str, Any]]
    sentences: list[tuple[str, int, str]]
    repeated: int = 0


def current_options() -> CompileOptions:
    """The options of the settings (environment and ``.env``), for callers that pass none."""
    from .settings import load_settings

    return load_settings().compile_options()


@dataclass
class _Cleaned:
    """A file read and cleaned, waiting for the parser with the other files of its batch."""

    name: str
    row: store.DocumentRow
    article: Article
    sha256: str

    def extracted(self, facts: list[dict[str, Any]]) -> Extracted:
        sentences = [(s.section, s.idx, s.text) for s in self.article.sentences]
        return Extracted(self.name, self.row, facts, sentences, self.article.repeated_lines)


def extract_file(path_str: str, options: CompileOptions) -> Extracted:
    """Load, clean and extract one file."""
    return _extract_batch([path_str], options)[0]


def _extract_batch(paths: list[str], options: CompileOptions) -> list[Extracted]:
    """Load and clean each file, then extract them together (runs in a worker process): the parser
    takes the candidate sentences of the whole batch at once, which is faster per sentence."""
    staged = [_load_and_clean(p, options) for p in paths]
    cleaned = [s for s in staged if isinstance(s, _Cleaned)]
    found = iter(extract_many([(c.name, c.article, c.sha256) for c in cleaned], options.reference_day()))
    return [s.extracted(next(found)) if isinstance(s, _Cleaned) else s for s in staged]


def _load_and_clean(path_str: str, options: CompileOptions) -> Extracted | _Cleaned:
    """Read and clean one file: a refused or empty file is already its result."""
    path = Path(path_str)
    name = store.stored_name(path.name)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    if path.is_symlink() and (not options.follow_symlinks or not inside(path, path.parent)):
        return _refused(path, name, "symbolic link to a file outside the seeds folder (not followed)", now)
    loaded = load(path, follow_symlinks=options.follow_symlinks, limit=options.max_file_bytes)
    row = store.DocumentRow(name, loaded.sha256, loaded.size, loaded.mtime, "ok", now)
    if loaded.text is None:
        row.status, row.reason = "skipped", loaded.skip_reason
        return Extracted(name, row, [], [])
    text, page = loaded.text, None
    if loaded.html:
        page = extract_page(text)
        if page is None:
            row.status, row.reason = "skipped", "web page with no article text"
            return Extracted(name, row, [], [])
        text = page.text
    article = clean(text)
    if page is not None:  # the page's own metadata beats what the text shows
        article.published = page.published or article.published
        article.source = page.site or article.source
    if not article.sentences:
        row.status, row.reason = "skipped", "no text after removing site furniture"
        return Extracted(name, row, [], [])
    row.content_hash = article.content_hash
    row.title, row.published, row.source, row.language = (article.title, article.published, article.source,
                                                         article.language)
    row.updated = article.updated
    return _Cleaned(name, row, article, loaded.sha256)


def _refused(path: Path, name: str, reason: str, now: str, size: int = 0, mtime: float = 0.0) -> Extracted:
    """A file refused before reading (a link out of the folder): stored as skipped, with its reason."""
    if not size:
        try:
            st = path.lstat()
            size, mtime = st.st_size, st.st_mtime
        except OSError:
            pass
    row = store.DocumentRow(name, "", size, mtime, "skipped", now, reason=reason)
    return Extracted(name, row, [], [])


def compile_folder(seeds_dir: Path, db_path: Path, *, progress: bool = False,
                   accept: Accept | None = None, allow_empty: bool = False, wait: bool = True,
                   on_wait: Callable[[str], object] | None = None,
                   cancel: threading.Event | None = None, options: CompileOptions | None = None,
                   watch: FolderWatch | None = None) -> CompileReport:
    """Compile ``seeds_dir`` into ``db_path``. Raises ``FactBaseError`` subclasses with one clear
    line (busy, damaged, refused folder, full disk), ``FileNotFoundError`` for a missing folder,
    ``Cancelled`` when ``cancel`` was set; the fact base is unchanged in every such case.
    ``options`` come from the settings; without them, the settings of the environment apply.
    ``watch``: what a long-lived caller (the digest) keeps of the folder between compiles, so most
    compiles look at new names only and a full sweep (a ``stat`` per file, which finds files edited
    in place) runs at its own pace (``facts.watch``); without one, every compile sweeps."""
    started = time.perf_counter()
    options = options or current_options()
    report = CompileReport()
    with CompileLock(db_path, wait=wait, on_wait=on_wait, cancel=cancel) as lock:
        conn = store.connect(db_path)
        try:
            with store.translated(db_path):
                if lock.unclean or lock.changed_outside:
                    _check_before_building_on(conn, db_path, "after an unclean stop" if lock.unclean
                                              else "(it changed since the last compile)")
                _compile(conn, Path(seeds_dir), report, progress, accept, allow_empty, cancel, options,
                         plan.file_identity(db_path), watch)
        finally:
            conn.close()
    report.seconds = time.perf_counter() - started
    return report


def _check_before_building_on(conn: store.Connection, db_path: Path, why: str) -> None:
    """The last compile was killed mid-way, or the file changed behind our back: make sure it
    is sound before building on it (``PRAGMA quick_check``)."""
    problems = store.quick_check(conn)
    if problems:
        raise FactBaseDamaged(f"the fact base {db_path} is damaged {why}: {problems[0]};"
                              " it can be rebuilt from the articles with `python -m facts rebuild`"
                              " (the digest's delivery records are backed up and kept)")


def _compile(conn: store.Connection, seeds_dir: Path, report: CompileReport, progress: bool, accept: Accept | None,
             allow_empty: bool, cancel: threading.Event | None, options: CompileOptions,
             identity: tuple[int, int] | None = None, watch: FolderWatch | None = None) -> None:
    mark = plan.looks_mark(conn)
    stamp, looked_ns = folder_stamp(seeds_dir, options.symlinks), time.time_ns()  # before the look
    known = plan.file_looks(conn, identity)  # a first look, outside the write lock
    seen: Callable[[str, int, int], object] | None = getattr(accept, "seen", None)
    if watch is None:
        folder = look_over(seeds_dir, options.symlinks, known, seen)
    else:
        folder = watch.look(seeds_dir, options.symlinks, known, seen, (str(seeds_dir), options.symlinks, identity))
    _refuse_empty_folder(conn, folder, known, seeds_dir, allow_empty)
    report.unchanged += folder.unchanged
    todo = _plan(folder.changed, accept, report)
    # the names no longer there, in the base's order (a set test first: a loop over 100 000 names is 50 ms;
    # ``known.keys() <=`` tests each name in the set, where ``issuperset(known)`` built a set of them all)
    gone = [] if known.keys() <= folder.present else [name for name in known if name not in folder.present]
    if gone:  # a file whose original is going away must be compiled again on its own
        orphans = set(plan.copies_of(conn, gone)) & folder.present
        if orphans:
            todo += [f for f in scan(seeds_dir, options.symlinks) if f.name in orphans and f not in todo]
    stamp = None if stamp is None or report.waiting or stamp_is_racy(stamp, looked_ns) else stamp
    if not todo and not gone:
        if stamp is not None and plan.folder_stamp(conn) != stamp:
            with store.write_transaction(conn):  # once, when the folder's names moved: a short write
                if plan.looks_mark(conn) == mark:
                    plan.keep_folder_stamp(conn, stamp)
        if watch is not None:
            watch.settled(report.waiting)
        return  # nothing to write: no write lock at all
    extracted = _extract_all(todo, progress, cancel, options)
    if cancel is not None and cancel.is_set():
        raise Cancelled("compile cancelled")
    try:
        with store.write_transaction(conn):
            # again, inside the lock: the truth to write against (only the files this compile touches)
            still = mark is not None and plan.looks_mark(conn) == mark  # no one wrote since the first look
            touched = [item.name for item in extracted] + gone
            rows = plan.documents_named(conn, touched)
            counts = entities.before_writes(conn, rows)
            for name in gone:
                if name in rows:
                    store.delete_document(conn, name)
                    report.removed.append(name)
            _write_all(conn, extracted, rows, report)
            if report.changed:
                entities.resolve(conn, counts, report.added + report.updated)
            if identity is not None:
                _keep_looks(conn, identity, known if still else None, extracted, gone)
            if still and stamp is not None:  # the base now holds every name the look found
                plan.keep_folder_stamp(conn, stamp)
    except BaseException:
        if identity is not None:
            plan.forget_looks(identity)
        raise
    if watch is not None:
        watch.settled(report.waiting)


def _keep_looks(conn: store.Connection, identity: tuple[int, int], known: dict[str, tuple[int, float]] | None,
                extracted: list[Extracted], gone: list[str]) -> None:
    """The files as the base will hold them after this write: the first look, less the removed
    files, with the size and mtime every written or touched file now has; kept for the next compile
    of this process (``plan.file_looks``). ``known`` None: another writer changed the files since."""
    if known is None:
        plan.forget_looks(identity)
        return
    for name in gone:
        known.pop(name, None)
    for item in extracted:
        known[item.name] = (item.row.size, item.row.mtime)
    plan.keep_looks(conn, identity, known)


def _refuse_empty_folder(conn: store.Connection, folder: FolderLook, known: dict[str, tuple[int, float]],
                         seeds_dir: Path, allow_empty: bool) -> None:
    """An unmounted share or an emptied folder must not wipe the fact base."""
    if folder.present or not known or allow_empty:
        return
    articles = plan.article_count(conn)
    if not articles:
        return
    raise SeedsRefused(f"{seeds_dir} has no article files: compiling would remove all {articles} articles"
                       " from the fact base; the fact base was left as it was (pass --allow-empty if that"
                       " is what you want)")


def _plan(changed: list[SeedFile], accept: Accept | None, report: CompileReport) -> list[SeedFile]:
    """What to compile of the new or changed files. ``accept`` is asked only about those: an
    unchanged one is not compiled anyway, and asking about all of them costs a stat each (a filter
    that remembers what it saw, the digest's ``StableCheck.seen``, was told about the unchanged
    ones by ``look_over``)."""
    todo = []
    for seed in changed:
        if accept is not None and seed.problem is None:
            try:
                st = seed.path.stat()
            except OSError:
                continue
            if not accept(seed.path, st):
                report.waiting.append(seed.name)
                continue
        todo.append(seed)
    return todo


def _extract_all(todo: list[SeedFile], progress: bool, cancel: threading.Event | None,
                 options: CompileOptions) -> list[Extracted]:
    """Extract every file to do, before any write; ``Cancelled`` as soon as ``cancel`` is set."""
    options = CompileOptions(options.symlinks, options.max_file_mb, options.reference_day())  # one day for all
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    refused = {s.name: _refused(s.path, s.name, s.problem, now, s.size, s.mtime) for s in todo if s.problem}
    readable = [s for s in todo if not s.problem]
    out = list(_with_progress(_extracted(readable, options, cancel), len(readable), progress))
    out += refused.values()
    order = {s.name: i for i, s in enumerate(todo)}
    return sorted(out, key=lambda item: order.get(item.name, 0))


def _extracted(todo: list[SeedFile], options: CompileOptions, cancel: threading.Event | None) -> Iterator[Extracted]:
    if len(todo) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        for seed in todo:
            if cancel is not None and cancel.is_set():
                raise Cancelled("compile cancelled")
            yield extract_file(seed.location, options)
        return
    batches = [[s.location for s in todo[i:i + BATCH]] for i in range(0, len(todo), BATCH)]
    pool = start_pool(os.cpu_count() or 2)
    with pool:
        results = ordered_results(pool, _BatchTask(options), batches, cancel)
        try:
            yield from results
        finally:
            results.close()


@dataclass(frozen=True)
class _BatchTask:
    """Picklable ``paths → extracted`` for the pool (a lambda is not)."""

    options: CompileOptions

    def __call__(self, paths: list[str]) -> list[Extracted]:
        return _extract_batch(paths, self.options)


def _with_progress(items: Iterator[Extracted], total: int, show: bool) -> Iterator[Extracted]:
    if not show or total < 20:
        yield from items
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("compiling articles", total=total)
        for item in items:
            yield item
            bar.advance(task)


def _write_all(conn: store.Connection, extracted: list[Extracted], known: dict[str, store.DocumentRow],
               report: CompileReport) -> None:
    """``known``: the rows of the files being written or removed, as they were before this write."""
    originals = _Originals(conn, known, set(report.removed))
    for item in extracted:
        previous = known.get(item.name)
        if previous is not None and previous.sha256 == item.row.sha256 and previous.status == item.row.status:
            store.touch_document(conn, item.name, item.row.size, item.row.mtime)
            report.unchanged += 1
            continue
        original = originals.get(item.row.content_hash or "")
        if item.row.status == "ok" and original and original != item.name:
            item.row.status, item.row.duplicate_of = "duplicate", original
            item.row.reason = f"same content as {original}"
            store.write_document(conn, item.row, new=previous is None)
            report.duplicates.append((item.name, original))
            continue
        if item.row.status == "skipped":
            store.write_document(conn, item.row, new=previous is None)
            report.skipped.append((item.name, item.row.reason or "unreadable"))
            continue
        if item.row.content_hash:
            originals.wrote(item.row.content_hash, item.name)
        report.facts += store.write_document(conn, item.row, item.facts, item.sentences, new=previous is None)
        (report.updated if previous is not None else report.added).append(item.name)
        if item.repeated:
            report.repeated_blocks.append((item.name, item.repeated))


class _Originals:
    """Which compiled file has a given content (duplicate detection), through the content index.

    Answers as of the start of the write — the files this compile touches as they were then,
    the others from the base — and then the files this compile wrote, which win."""

    def __init__(self, conn: store.Connection, before: dict[str, store.DocumentRow], removed: set[str]):
        self.conn, self.removed = conn, removed
        self.touched = set(before)
        self.before = {row.content_hash: name for name, row in before.items()
                       if row.status == "ok" and row.content_hash and name not in removed}
        self.written: dict[str, str] = {}

    def get(self, content_hash: str) -> str | None:
        if not content_hash:
            return None
        if content_hash in self.written:
            return self.written[content_hash]
        others = [n for n in plan.content_owners(self.conn, content_hash) if n not in self.touched]
        return others[-1] if others else self.before.get(content_hash)

    def wrote(self, content_hash: str, name: str) -> None:
        self.written[content_hash] = name
