"""Sending a digest exactly once: record, send with a nonce, confirm — per message, per target.

Why this order: a message recorded only after it was sent is posted twice whenever the
process dies, is cancelled or cannot write between the two. Here each message is written
down first (``sending``, with its entries and a deterministic nonce), then sent with that
nonce and ``enforce_nonce`` — Discord answers a resent nonce with the message it already
created instead of posting it again — and only then marked ``sent``. Whatever stops the
run in between, the next run resends the recorded message unchanged.

No Discord here: a ``Deliverer`` splits entries into messages and sends one message; the
Discord one is in ``bot/digest_embeds.py``, the terminal one is any ``async def deliver(entries)``.
Database work runs in a thread (``off_loop``): the event loop never waits on SQLite.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import hashlib
import logging
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from facts.store.deliveries import Deliveries, OutgoingRecord, Version
from handlers.digest.entries import DigestEntry, Signature, entry_from_json, entry_to_json

log = logging.getLogger("digest")

DB_TIMEOUT = 5.0  # seconds a digest write waits for the write lock (off the event loop)
LEASE_TTL = 120.0  # seconds; renewed before every message
LASTING_FAILURE = 3  # attempts after which a failing delivery is logged as an error
NONCE_PREFIX = "dg"

T = TypeVar("T")
Deliver = Callable[[list[DigestEntry]], Awaitable[None]]


async def off_loop(fn: Callable[..., T], *args: Any, cancel: threading.Event | None = None) -> T:
    """``fn(*args)`` in a daemon thread: the event loop goes on, and a process that is leaving
    does not wait for it (a compile loading its language model, a write waiting for the lock).
    A cancelled caller sets ``cancel``, which a compile checks between files."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: Any, error: BaseException | None) -> None:
        if not future.done():
            future.set_exception(error) if error is not None else future.set_result(result)

    def work() -> None:
        try:
            result, error = fn(*args), None
        except BaseException as exc:  # noqa: BLE001 — handed to the awaiting coroutine
            result, error = None, exc
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits for the answer any more
            loop.call_soon_threadsafe(settle, result, error)

    context = contextvars.copy_context()  # the caller's answer language (handlers.i18n.using) goes along
    threading.Thread(target=context.run, args=(work,), name=f"digest-{getattr(fn, '__name__', 'work')}",
                     daemon=True).start()
    try:
        return await future
    except asyncio.CancelledError:
        if cancel is not None:
            cancel.set()
        raise


@dataclass
class Outgoing:
    """One message of a digest to one target, as sent (and resent)."""

    nonce: str
    target: str
    entries: list[DigestEntry]
    part: int = 1
    parts: int = 1
    total: int = 0  # articles in the target's whole digest (the first message says how many)
    signatures: dict[Version, Signature] = field(default_factory=dict)
    recorded: bool = False  # already written down by an earlier run: a resend
    lang: str | None = None  # the language it is written in, kept so a resend is the same text (None: the target's)

    def record(self) -> OutgoingRecord:
        payload: dict[str, Any] = {"entries": [entry_to_json(e) for e in self.entries]}
        if self.lang:
            payload["lang"] = self.lang
        versions = [Version(e.doc, e.sha256) for e in self.entries]
        return OutgoingRecord(self.nonce, self.target, self.part, self.parts, self.total, payload, versions)

    @classmethod
    def from_record(cls, record: OutgoingRecord) -> Outgoing:
        entries = [entry_from_json(e) for e in record.payload.get("entries") or []]
        lang = record.payload.get("lang")
        return cls(record.nonce, record.target, entries, record.part, record.parts, record.total, recorded=True,
                   lang=lang if isinstance(lang, str) else None)


class Deliverer(Protocol):
    def split(self, entries: list[DigestEntry]) -> list[list[DigestEntry]]: ...

    async def send(self, message: Outgoing) -> None: ...


class CallDeliverer:
    """An ``async def deliver(entries)`` (the terminal, tests) as a one-message deliverer."""

    def __init__(self, deliver: Deliver):
        self.deliver = deliver

    def split(self, entries: list[DigestEntry]) -> list[list[DigestEntry]]:
        return [entries] if entries else []

    async def send(self, message: Outgoing) -> None:
        await self.deliver(message.entries)


def as_deliverer(deliver: Deliverer | Deliver) -> Deliverer:
    if hasattr(deliver, "split") and hasattr(deliver, "send"):
        return deliver  # type: ignore[return-value]
    return CallDeliverer(deliver)  # type: ignore[arg-type]


def message_nonce(target: str, entries: list[DigestEntry], part: int, parts: int) -> str:
    """Deterministic (same target and versions → same nonce) and within Discord's 25 characters."""
    key = f"{target}\n" + "\n".join(f"{e.doc}\0{e.sha256}" for e in entries) + f"\n{part}/{parts}"
    return NONCE_PREFIX + hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()[:23]


def plan(target: str, deliverer: Deliverer, entries: list[DigestEntry],
         signatures: dict[Version, Signature]) -> list[Outgoing]:
    chunks = deliverer.split(entries)
    lang = getattr(deliverer, "lang", None)  # a Discord channel's language (the terminal has none)
    return [Outgoing(message_nonce(target, chunk, i, len(chunks)), target, chunk, i, len(chunks), len(entries),
                     {e.version: signatures[e.version] for e in chunk if e.version in signatures},
                     lang=lang if isinstance(lang, str) else None)
            for i, chunk in enumerate(chunks, 1)]


@dataclass
class SendOutcome:
    sent: list[Outgoing] = field(default_factory=list)
    failed: list[Outgoing] = field(default_factory=list)  # left recorded (or pending) for the next run
    error: str | None = None


def describe_error(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


async def send_all(deliverer: Deliverer, messages: list[Outgoing], db_path: Path, owner: str) -> SendOutcome:
    """Record, send, confirm each message in order; stop at the first failure (kept for next run).

    Cancellation (Ctrl-C, SIGTERM) propagates: what was recorded stays ``sending`` and is
    resent with the same nonce by the next run."""
    outcome = SendOutcome()
    for index, message in enumerate(messages):
        try:
            if not message.recorded:
                await off_loop(_record_sending, db_path, owner, message)
                message.recorded = True
            else:
                await off_loop(_renew, db_path, owner)
        except Exception as exc:
            outcome.error = f"could not record the message before sending it ({describe_error(exc)})"
            outcome.failed = messages[index:]
            log.warning("%s; it stays pending for the next run", outcome.error)
            return outcome
        try:
            await deliverer.send(message)
        except Exception as exc:
            outcome.error, outcome.failed = describe_error(exc), messages[index:]
            await _count_failure(db_path, message, outcome.error)
            return outcome
        try:
            await off_loop(_mark_sent, db_path, message)
        except Exception as exc:
            outcome.error = (f"message {message.part}/{message.parts} was sent but could not be recorded"
                             f" ({describe_error(exc)})")
            outcome.failed = messages[index:]
            log.warning("%s; the next run resends it with the same nonce, which Discord does not post twice",
                        outcome.error)
            return outcome
        outcome.sent.append(message)
    return outcome


async def _count_failure(db_path: Path, message: Outgoing, error: str) -> None:
    docs = ", ".join(e.doc for e in message.entries)
    try:
        attempts = await off_loop(_attempt_failed, db_path, message.nonce, error)
    except Exception as exc:
        log.warning("delivery to %s failed for %s (%s), and the failure could not be counted (%s)",
                    message.target, docs, error, describe_error(exc))
        return
    if attempts >= LASTING_FAILURE:
        log.error("delivery to %s keeps failing (%d attempts) for %s: %s. Check the digest channel"
                  " and the bot's permissions there; retrying at the next run.", message.target, attempts, docs,
                  error)
    else:
        log.warning("delivery to %s failed for %s (%s); will retry at the next run", message.target, docs, error)


# ---------------------------------------------------------------- database steps (worker threads)

def _record_sending(db_path: Path, owner: str, message: Outgoing) -> None:
    with Deliveries.open(db_path, timeout=DB_TIMEOUT) as records:
        holder = records.acquire_lease(owner, LEASE_TTL)
        if holder is not None:
            raise RuntimeError(f"the digest lease passed to {holder}")
        records.record_sending(message.record(), message.signatures)


def _renew(db_path: Path, owner: str) -> None:
    with Deliveries.open(db_path, timeout=DB_TIMEOUT) as records:
        holder = records.acquire_lease(owner, LEASE_TTL)
        if holder is not None:
            raise RuntimeError(f"the digest lease passed to {holder}")


def _mark_sent(db_path: Path, message: Outgoing) -> None:
    with Deliveries.open(db_path, timeout=DB_TIMEOUT) as records:
        records.mark_sent(message.nonce)


def _attempt_failed(db_path: Path, nonce: str, error: str) -> int:
    with Deliveries.open(db_path, timeout=DB_TIMEOUT) as records:
        return records.mark_attempt_failed(nonce, error)
