"""What a digest run has to post, decided under the lease in a worker thread: each target's first
digest, the notices (copies, unreadable files), the messages to resend, and the entries for what
each target has not had yet."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from facts.safe_text import display
from facts.store import DocumentRow, FactStore
from facts.store.deliveries import Deliveries, Version
from facts.store.lookups import Elsewhere
from handlers.digest.entries import DigestEntry, Knowledge, Signature, build_entry, signature
from handlers.digest.send import DB_TIMEOUT, LEASE_TTL, Outgoing

log = logging.getLogger("digest")
FACTS_BY_DOC_MAX = 500  # pending articles read one by one below this; beyond, all facts at once


@dataclass
class TargetPlan:
    """What one target gets from this run."""

    key: str
    server: str | None = None  # the target's server (``Deliveries.pending``); None: every article
    first: bool = False  # the target's first digest: what was known is recorded, not posted
    recorded: int = 0  # versions recorded without a post (first digest, rename, same facts)
    resend: list[Outgoing] = field(default_factory=list)
    entries: list[DigestEntry] = field(default_factory=list)
    signatures: dict[Version, Signature] = field(default_factory=dict)


@dataclass
class Prepared:
    holder: str | None = None  # the live owner of the digest lease, when it is not us
    first_run: bool = False  # the first digest of this fact base
    notices: list[str] = field(default_factory=list)
    plans: list[TargetPlan] = field(default_factory=list)


def prepare(db_path: Path, owner: str, targets: list[tuple[str, bool, str | None]], backfill: bool,
            logged: set[tuple[str, str]], report: Any) -> Prepared:
    """``targets``: (key, claims the single-channel records, server). Runs in a worker thread."""
    with Deliveries.open(db_path, timeout=DB_TIMEOUT) as records:
        holder = records.acquire_lease(owner, LEASE_TTL)
        if holder is not None:
            return Prepared(holder=holder)
        prepared = Prepared(first_run=records.first_digest())
        prepared.notices = _notices(report, records, logged)
        facts = FactStore(db_path)
        try:
            for key, claims, server in targets:
                plan = TargetPlan(key, server, first=not records.is_initialized(key))
                known = records.initialize(key, backfill=backfill, claim_legacy=claims)
                if known and prepared.first_run:
                    records.save_signatures(signatures_of(facts, known))
                if known:
                    log.info("first digest for %s: recorded %d existing article(s) without posting", key, len(known))
                plan.recorded = len(known)
                plan.resend = [Outgoing.from_record(r) for r in records.unsent(key)]
                _entries(facts, records, plan)
                prepared.plans.append(plan)
        finally:
            facts.close()
        return prepared


def signatures_of(facts: FactStore, rows: Iterable[DocumentRow]) -> dict[Version, Signature]:
    rows = list(rows)
    by_doc = facts.facts_by_doc({r.name for r in rows} if len(rows) <= FACTS_BY_DOC_MAX else None)
    return {Version(r.name, r.sha256): signature(r.title or r.name, by_doc.get(r.name, [])) for r in rows}


def _knowledge(facts: FactStore, pending: set[str]) -> Knowledge:
    """What the fact base knew before the pending articles: asked of the other articles per
    partner, system and budget year (indexed lookups), never read whole."""
    return Knowledge(Elsewhere(facts, pending))


def _entries(facts: FactStore, records: Deliveries, plan: TargetPlan) -> None:
    """Entries for the versions this target has not had; an update that changed no fact, or the
    same bytes under a new name, is recorded silently."""
    pending = records.pending(plan.key, plan.server)
    if not pending:
        return
    names = {row.name for row in pending}
    by_doc = facts.facts_by_doc(names if len(names) <= FACTS_BY_DOC_MAX else None)
    knowledge = _knowledge(facts, names)
    for row in pending:
        found = by_doc.get(row.name, [])
        version = Version(row.name, row.sha256)
        renamed = records.delivered_as(plan.key, row.name, row.sha256)
        if renamed is not None:  # the same bytes under a new name: not news
            log.info("%s has the content of %s, already delivered to %s; not posted", row.name, renamed, plan.key)
            records.record_seen(plan.key, [version], f"same content as {renamed}",
                                {version: signature(row.title or row.name, found)})
            knowledge.add(found)
            plan.recorded += 1
            continue
        old = cast(Signature | None, records.previous_signature(plan.key, row.name, row.sha256))
        entry = build_entry(row, found, knowledge, old)
        knowledge.add(found)
        sig = signature(entry.title, found)
        if entry.kind == "updated" and not entry.changes:
            records.record_seen(plan.key, [version], "updated, same facts", {version: sig})
            plan.recorded += 1
            continue
        plan.entries.append(entry)
        plan.signatures[version] = sig


def _notices(report: Any, records: Deliveries, logged: set[tuple[str, str]]) -> list[str]:
    """Log each skipped or duplicate file once.

    Files stored in the fact base get a ``noted`` record, so they are logged once across
    restarts; files the compiler could not even store (unreadable) once per runner.
    """
    found: dict[str, str] = {}
    for row in records.unreported():
        reason = f"copy of {row.duplicate_of}" if row.duplicate_of else str(row.reason or row.status)
        found.setdefault(row.name, reason)
        records.record_noted([Version(row.name, row.sha256)], f"{row.status}: {reason}")
    candidates = [(f, str(reason)) for f, reason in report.skipped]
    candidates += [(f, f"copy of {orig}") for f, orig in report.duplicates]
    for name, reason in candidates:
        if name not in found and not records.has_record(name):
            found.setdefault(name, reason)
    notices: list[str] = []
    for name, reason in found.items():
        if (name, reason) in logged:
            continue
        logged.add((name, reason))
        notices.append(display(f"{name}: {reason}"))
        log.warning("not posted: %s (%s)", display(name), display(reason))
    return notices
