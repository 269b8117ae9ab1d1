"""Compile a folder of article files into the fact base — incremental and atomic.

Unchanged files (same size and mtime, or same content hash) are skipped, changed
files re-extracted, deleted files' facts removed. Extraction runs in worker
processes when there are many files; all writes go into one SQLite transaction,
so a crash or Ctrl-C leaves the previous fact base as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import store
from .clean import clean
from .extract import extract
from .load import load
from .resolve import canonical_exercises, canonical_names

PARALLEL_FROM = 40  # below this, starting worker processes costs more than it saves
IGNORED_SUFFIXES = (".part", ".tmp", ".swp", "~", ".crdownload")


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


def today() -> dt.date:
    """The compile date handed to the extractors (FACTS_TODAY pins it). Dates never resolve against
    it: a weekday or relative date the article cannot place gets no date (see facts.dates)."""
    pinned = os.environ.get("FACTS_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def extract_file(path_str: str, ref: str) -> Extracted:
    """Load, clean and extract one file (runs in a worker process)."""
    path = Path(path_str)
    loaded = load(path)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    row = store.DocumentRow(path.name, loaded.sha256, loaded.size, loaded.mtime, "ok", now)
    if loaded.text is None:
        row.status, row.reason = "skipped", loaded.skip_reason
        return Extracted(path.name, row, [], [])
    article = clean(loaded.text)
    if not article.sentences:
        row.status, row.reason = "skipped", "no text after removing site furniture"
        return Extracted(path.name, row, [], [])
    row.content_hash = article.content_hash
    row.title, row.published, row.source, row.language = (article.title, article.published, article.source,
                                                         article.language)
    row.updated = article.updated
    facts = extract(path.name, article, dt.date.fromisoformat(ref), loaded.sha256)
    sentences = [(s.section, s.idx, s.text) for s in article.sentences]
    return Extracted(path.name, row, facts, sentences, article.repeated_lines)


def list_articles(seeds_dir: Path) -> list[Path]:
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"seeds folder not found: {seeds_dir}")
    return sorted(p for p in seeds_dir.iterdir()
                  if p.is_file() and not p.name.startswith(".") and not p.name.endswith(IGNORED_SUFFIXES))


def compile_folder(seeds_dir: Path, db_path: Path, *, progress: bool = False,
                   accept: Accept | None = None) -> CompileReport:
    started = time.perf_counter()
    report = CompileReport()
    conn = store.connect(db_path)
    try:
        known = store.known_documents(conn)
        todo, present = _plan(list_articles(Path(seeds_dir)), known, accept, report)
        gone = [name for name in known if name not in present]
        # a file whose original is going away must be compiled again on its own
        orphans = [name for name, row in known.items() if row["duplicate_of"] in gone and name in present]
        todo += [Path(seeds_dir) / n for n in orphans if Path(seeds_dir) / n not in todo]
        conn.execute("BEGIN IMMEDIATE")
        try:
            for name in gone:
                store.delete_document(conn, name)
                report.removed.append(name)
            _write_all(conn, todo, known, report, progress)
            if report.changed:
                _resolve_entities(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
    report.seconds = time.perf_counter() - started
    return report


def _plan(paths: list[Path], known: dict[str, Any], accept: Accept | None,
          report: CompileReport) -> tuple[list[Path], set[str]]:
    todo, present = [], set()
    for path in paths:
        present.add(path.name)
        try:
            stat = path.stat()
        except OSError:
            continue
        if accept is not None and not accept(path, stat):
            report.waiting.append(path.name)
            continue
        row = known.get(path.name)
        if row is not None and row["size"] == stat.st_size and row["mtime"] == stat.st_mtime:
            report.unchanged += 1
            continue
        todo.append(path)
    return todo, present


def _extracted(todo: list[Path], progress: bool) -> Iterator[Extracted]:
    ref = today().isoformat()
    if len(todo) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        results: Iterator[Extracted] = (extract_file(str(p), ref) for p in todo)
        yield from _with_progress(results, len(todo), progress)
        return
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        results = pool.map(extract_file, [str(p) for p in todo], [ref] * len(todo), chunksize=16)
        yield from _with_progress(results, len(todo), progress)


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


def _write_all(conn: Any, todo: list[Path], known: dict[str, Any], report: CompileReport, progress: bool) -> None:
    by_content = {row["content_hash"]: name for name, row in known.items()
                  if row["status"] == "ok" and row["content_hash"] and name not in report.removed}
    for item in _extracted(todo, progress):
        previous = known.get(item.name)
        if previous is not None and previous["sha256"] == item.row.sha256 and previous["status"] == item.row.status:
            conn.execute("UPDATE documents SET mtime = ? WHERE name = ?", (item.row.mtime, item.name))
            report.unchanged += 1
            continue
        original = by_content.get(item.row.content_hash or "")
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
            by_content[item.row.content_hash] = item.name
        report.facts += store.write_document(conn, item.row, item.facts, item.sentences, new=previous is None)
        (report.updated if previous is not None else report.added).append(item.name)
        if item.repeated:
            report.repeated_blocks.append((item.name, item.repeated))


def _resolve_entities(conn: Any) -> None:
    """Give every person and exercise one spelling across the whole fact base.
    Only events that name someone or an exercise are read, and only rows that change are written."""
    named = "data LIKE '%\"people\": [\"%' OR data LIKE '%\"name\": \"%'"
    query = f"SELECT id, data FROM facts WHERE kind = 'event' AND ({named})"
    rows = [(r[0], json.loads(r[1])) for r in conn.execute(query)]
    people = canonical_names(p for _, f in rows for p in f.get("people_as_written", f.get("people") or []))
    exercises = canonical_exercises((f.get("name_as_written") or f.get("name") or "") for _, f in rows)
    for fact_id, fact in rows:
        before = (fact.get("people"), fact.get("name"), "people_as_written" in fact)
        written = fact.setdefault("people_as_written", list(fact.get("people") or []))
        fact["people"] = list(dict.fromkeys(people.get(p, p) for p in written))
        name = fact.setdefault("name_as_written", fact.get("name"))
        fact["name"] = exercises.get(name, name) if name else None
        if (fact["people"], fact["name"], True) != before:
            conn.execute("UPDATE facts SET data = ? WHERE id = ?", (json.dumps(fact, ensure_ascii=False), fact_id))
