"""The digest: compile what arrived in the seeds folder and deliver it, once per article.

No Discord here. ``run_digest`` compiles (holding back files still being written), takes
the digest lease (one process at a time runs the digest, whichever processes are started),
builds one entry per article version not yet delivered and hands them to a deliverer,
message by message, with the record-before-send protocol of ``handlers/digest_send.py``.
Every database step runs in a worker thread: the event loop never waits on SQLite, and
cancelling the run (Ctrl-C, SIGTERM) also stops a compile in progress. The Discord adapter
is ``bot/digest.py``; the terminal entry points (``digest_once_cli``, ``console_digest_loop``)
are in ``handlers/digest_cli.py``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from facts.deliveries import DEFAULT_MIN_AGE, Deliveries, StableCheck, Version, this_owner
from facts.errors import CompileBusy, FactBaseError, explain
from facts.lexicon import fold
from facts.safe_text import display
from facts.seeds import CompileOptions
from facts.store import FactStore
from handlers.digest_entries import (
    AcquisitionLine,
    BudgetLine,
    DigestEntry,
    Knowledge,
    PartnerLine,
    build_entry,
    format_amount,
    render_text,
    signature,
)
from handlers.digest_send import (
    DB_TIMEOUT,
    LEASE_TTL,
    Deliver,
    Deliverer,
    Outgoing,
    as_deliverer,
    describe_error,
    plan,
    send_all,
)

__all__ = [
    "AcquisitionLine", "BudgetLine", "Deliverer", "DigestEntry", "DigestResult", "DigestRunner", "Outgoing",
    "PartnerLine", "describe_error", "format_amount", "render_text", "run_digest",
]

log = logging.getLogger("digest")

Clock = Callable[[], float]
T = TypeVar("T")


@dataclass
class DigestResult:
    entries: list[DigestEntry] = field(default_factory=list)  # what was handed to the deliverer
    posted: list[str] = field(default_factory=list)  # file names confirmed as posted
    failed: list[str] = field(default_factory=list)  # file names left pending (or recorded, to resend)
    error: str | None = None
    first_run: bool = False
    recorded: int = 0  # articles recorded without posting (first run, unchanged facts)
    waiting: list[str] = field(default_factory=list)  # files held back: still being written
    notices: list[str] = field(default_factory=list)  # skipped or duplicate files, logged once
    resent: int = 0  # messages of an earlier, interrupted run sent again with their nonce
    skipped: str | None = None  # why this run did nothing (another compile or digest runs)
    report: Any = None  # the CompileReport

    @property
    def nothing_new(self) -> bool:
        return not self.entries and not self.recorded


@dataclass
class _Prepared:
    """What the database said before sending: filled in a worker thread."""

    holder: str | None = None  # the live owner of the digest lease, when it is not us
    first_run: bool = False
    recorded: int = 0
    notices: list[str] = field(default_factory=list)
    resend: list[Outgoing] = field(default_factory=list)
    entries: list[DigestEntry] = field(default_factory=list)
    signatures: dict[str, dict[str, Any]] = field(default_factory=dict)


def _compile(seeds_dir: Path, db_path: Path, accept: StableCheck | None, wait: bool,
             cancel: threading.Event, options: CompileOptions) -> Any:
    from facts.compiler import compile_folder  # imported late: it loads the NLP pipeline

    return compile_folder(seeds_dir, db_path, accept=accept, wait=wait, cancel=cancel, options=options,
                          on_wait=lambda holder: log.info("waiting for another compile (%s)", holder))


async def _off_loop(cancel: threading.Event, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in a worker thread; a cancelled caller also tells the thread to stop."""
    try:
        return await asyncio.to_thread(fn, *args)
    except asyncio.CancelledError:
        cancel.set()
        raise


def _is_first_run(db_path: Path) -> bool:
    try:
        store = FactStore(db_path)
    except FactBaseError:
        return True
    try:
        return not Deliveries(store.conn).is_initialized()
    finally:
        store.close()


async def run_digest(
    seeds_dir: Path | str, db_path: Path | str, deliver: Deliverer | Deliver, *, backfill: bool = False,
    clock: Clock = time.time, stable: StableCheck | None = None,
    logged: set[tuple[str, str]] | None = None, owner: str | None = None,
    cancel: threading.Event | None = None, compile_wait: bool = False, options: CompileOptions | None = None,
) -> DigestResult:
    """One scan: compile, find versions not yet delivered, deliver them, record the outcome.

    ``stable`` keeps the previous looks at the files (one per runner); ``logged`` the
    skip notices already logged by this runner; ``owner`` names this process in the lease.
    """
    seeds_dir, db_path = Path(seeds_dir), Path(db_path)
    stable = stable if stable is not None else StableCheck(DEFAULT_MIN_AGE, clock)
    logged = logged if logged is not None else set()
    owner = owner or this_owner()
    cancel = cancel or threading.Event()
    deliverer = as_deliverer(deliver)
    first = await _off_loop(cancel, _is_first_run, db_path)
    # The first run only records what is there: waiting for stable files would
    # turn the files of a fresh copy into "news" at the second run.
    try:
        report = await _off_loop(cancel, _compile, seeds_dir, db_path, None if first else stable,
                                 compile_wait, cancel, options or CompileOptions())
    except CompileBusy as exc:
        log.info("%s; the digest looks again at the next scan", exc)
        return DigestResult(skipped=str(exc))
    result = DigestResult(report=report, waiting=list(report.waiting))
    try:
        prepared = await _off_loop(cancel, _prepare, db_path, owner, backfill, logged, report, deliverer)
    except sqlite3.Error as exc:  # busy past DB_TIMEOUT, damaged: one line; the next scan retries
        raise explain(exc, db_path) from exc
    result.first_run, result.recorded, result.notices = prepared.first_run, prepared.recorded, prepared.notices
    if prepared.holder is not None:
        result.skipped = f"another process runs the digest ({prepared.holder})"
        log.info("%s; not delivering from this one", result.skipped)
        return result
    try:
        await _deliver(deliverer, prepared, db_path, owner, result)
    except asyncio.CancelledError:
        # Stopping: no more awaiting. The lease names this process, which is about to be
        # gone; the next holder recognises that (or waits for the expiry elsewhere).
        raise
    except BaseException:
        await _release(db_path, owner)
        raise
    await _release(db_path, owner)
    if result.waiting:
        log.info("waiting for %s (still being written)", ", ".join(result.waiting))
    return result


async def _deliver(deliverer: Deliverer, prepared: _Prepared, db_path: Path, owner: str,
                   result: DigestResult) -> None:
    messages = prepared.resend + plan(deliverer, prepared.entries, prepared.signatures)
    if not messages:
        return
    result.entries = [e for m in messages for e in m.entries]
    result.resent = len(prepared.resend)
    if prepared.resend:
        log.info("resending %d message(s) of an interrupted digest with their nonce", len(prepared.resend))
    outcome = await send_all(deliverer, messages, db_path, owner)
    result.posted = [e.doc for m in outcome.sent for e in m.entries]
    result.failed = [e.doc for m in outcome.failed for e in m.entries]
    result.error = outcome.error
    if outcome.sent and not outcome.failed:
        log.info("posted %d article(s)", len(result.posted))


async def _release(db_path: Path, owner: str) -> None:
    """Give the lease back (best effort: it expires by itself, and a dead holder is recognised)."""
    def release() -> None:
        store = FactStore(db_path, write=True, timeout=DB_TIMEOUT)
        try:
            Deliveries(store.conn).release_lease(owner)
        finally:
            store.close()
    try:
        await asyncio.to_thread(release)
    except Exception as exc:
        log.debug("could not release the digest lease: %s", exc)


def _prepare(db_path: Path, owner: str, backfill: bool, logged: set[tuple[str, str]], report: Any,
             deliverer: Deliverer) -> _Prepared:
    """Under the lease: first run, notices, messages to resend, entries for what is new."""
    store = FactStore(db_path, write=True, timeout=DB_TIMEOUT)
    try:
        deliveries = Deliveries(store.conn)
        holder = deliveries.acquire_lease(owner, LEASE_TTL)
        if holder is not None:
            return _Prepared(holder=holder)
        prepared = _Prepared(first_run=not deliveries.is_initialized())
        prepared.notices = _notices(report, deliveries, logged)
        pending = deliveries.pending()
        if prepared.first_run and not backfill:
            by_doc = facts_by_doc(store)
            sigs = {row["name"]: signature(row["title"] or row["name"], by_doc.get(row["name"], []))
                    for row in pending}
            deliveries.record_seen([Version(r["name"], r["sha256"]) for r in pending], "first run", sigs)
            deliveries.mark_initialized()
            prepared.recorded = len(pending)
            log.info("first run, recorded %d existing article(s) without posting", len(pending))
            return prepared
        prepared.resend = [Outgoing.from_record(r) for r in deliveries.unsent()]
        prepared.entries, prepared.signatures = _entries(store, deliveries, pending, prepared)
        if prepared.first_run:
            deliveries.mark_initialized()
        return prepared
    finally:
        store.close()


def facts_by_doc(store: FactStore, docs: set[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Facts grouped by article, in one query (one query per article is slow at 10 000);
    only the given articles when ``docs`` is set (the usual digest: a few new files)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    sql, args = "SELECT doc, data FROM facts WHERE kind != 'document'", list(docs or [])
    if docs is not None:
        sql += f" AND doc IN ({','.join('?' * len(args))})"
    for doc, data in store.conn.execute(sql + " ORDER BY id", args):
        grouped.setdefault(doc, []).append(json.loads(data))
    return grouped


def prior_knowledge(store: FactStore, pending: set[str]) -> Knowledge:
    """What the base knew before the pending articles, read with SQL instead of parsing every fact:
    the partner countries and system names in one pass each, and the budget facts (few)."""
    knowledge = Knowledge()
    others = "doc NOT IN (SELECT value FROM json_each(?))"
    names = json.dumps(sorted(pending))
    knowledge.partners.update(r[0] for r in store.conn.execute(
        f"SELECT DISTINCT json_extract(data, '$.country') FROM facts WHERE kind = 'partner' AND {others}", (names,))
        if r[0] and r[0] != "MA")
    knowledge.systems.update(fold(r[0]) for r in store.conn.execute(
        f"SELECT DISTINCT json_extract(data, '$.system') FROM facts WHERE kind = 'acquisition' AND {others}",
        (names,)) if r[0])
    budgets: dict[str, list[dict[str, Any]]] = {}
    for doc, data in store.conn.execute(f"SELECT doc, data FROM facts WHERE kind = 'budget' AND {others}"
                                        " ORDER BY id", (names,)):
        budgets.setdefault(doc, []).append(json.loads(data))
    for doc in sorted(budgets):  # articles in name order, as the base lists them: later ones win
        knowledge.add(budgets[doc])
    return knowledge


def _notices(report: Any, deliveries: Deliveries, logged: set[tuple[str, str]]) -> list[str]:
    """Log each skipped or duplicate file once.

    Files stored in the fact base get a ``seen`` delivery row, so they are logged once
    across restarts; files the compiler could not even store (unreadable) once per runner.
    """
    found: dict[str, str] = {}
    for row in deliveries.unreported():
        reason = str(row["reason"] or row["status"])
        if row["duplicate_of"]:
            reason = f"copy of {row['duplicate_of']}"
        found.setdefault(row["name"], reason)
        deliveries.record_noted([Version(row["name"], row["sha256"])], f"{row['status']}: {reason}")
    candidates = [(f, str(reason)) for f, reason in report.skipped]
    candidates += [(f, f"copy of {orig}") for f, orig in report.duplicates]
    for name, reason in candidates:
        if name not in found and not _recorded(deliveries, name):
            found.setdefault(name, reason)
    notices: list[str] = []
    for name, reason in found.items():
        if (name, reason) in logged:
            continue
        logged.add((name, reason))
        notices.append(display(f"{name}: {reason}"))
        log.warning("not posted: %s (%s)", display(name), display(reason))
    return notices


def _recorded(deliveries: Deliveries, name: str) -> bool:
    """True when the stored version of ``name`` already has a delivery row (already reported)."""
    row = deliveries.conn.execute("SELECT sha256 FROM documents WHERE name = ?", (name,)).fetchone()
    return row is not None and deliveries.state(name, row[0]) is not None


def _entries(store: FactStore, deliveries: Deliveries, pending: list[Any],
             result: _Prepared) -> tuple[list[DigestEntry], dict[str, dict[str, Any]]]:
    """Entries for the pending versions; an update that changed no fact is recorded silently."""
    pending_names = {row["name"] for row in pending}
    by_doc = facts_by_doc(store, pending_names if len(pending_names) <= 500 else None)
    knowledge = prior_knowledge(store, pending_names)
    entries: list[DigestEntry] = []
    sigs: dict[str, dict[str, Any]] = {}
    for row in pending:
        facts = by_doc.get(row["name"], [])
        renamed = deliveries.delivered_as(row["name"], row["sha256"])
        if renamed is not None:  # the same bytes under a new name: not news
            log.info("%s has the content of %s, already delivered; not posted", row["name"], renamed)
            deliveries.record_seen([Version(row["name"], row["sha256"])], f"same content as {renamed}",
                                   {row["name"]: signature(row["title"] or row["name"], facts)})
            knowledge.add(facts)
            result.recorded += 1
            continue
        old = deliveries.signature(row["name"])
        entry = build_entry(row, facts, knowledge, old)
        knowledge.add(facts)
        sig = signature(entry.title, facts)
        if entry.kind == "updated" and not entry.changes:
            deliveries.record_seen([entry.version], "updated, same facts", {row["name"]: sig})
            result.recorded += 1
            continue
        entries.append(entry)
        sigs[row["name"]] = sig
    return entries, sigs


class DigestRunner:
    """Holds what must survive between runs in memory: the file looks and logged notices.

    One runner per process (bot, console); ``run_once`` never runs twice at a time, so
    ``/digest now`` and the scheduled job cannot post the same article twice; across
    processes the lease in the fact base does the same. ``stop()`` abandons a compile in
    progress (the bot shutting down).
    """

    def __init__(self, seeds_dir: Path | str, db_path: Path | str, deliver: Deliverer | Deliver, *,
                 backfill: bool = False, clock: Clock = time.time, min_age: float = DEFAULT_MIN_AGE,
                 compile_wait: bool = False, options: CompileOptions | None = None):
        self.seeds_dir, self.db_path = Path(seeds_dir), Path(db_path)
        self.deliver = as_deliverer(deliver)
        self.backfill = backfill
        self.compile_wait = compile_wait
        self.options = options or CompileOptions()
        self.stable = StableCheck(min_age, clock)
        self.logged: set[tuple[str, str]] = set()
        self.owner = this_owner()
        self._lock = asyncio.Lock()
        self._cancel = threading.Event()
        self._stopped = False

    async def run_once(self) -> DigestResult:
        async with self._lock:
            self._cancel = threading.Event()
            if self._stopped:
                self._cancel.set()
            return await run_digest(self.seeds_dir, self.db_path, self.deliver, backfill=self.backfill,
                                    stable=self.stable, logged=self.logged, owner=self.owner,
                                    cancel=self._cancel, compile_wait=self.compile_wait, options=self.options)

    def stop(self) -> None:
        """Abandon the compile of a run in progress (from any thread); later runs stop at once."""
        self._stopped = True
        self._cancel.set()
