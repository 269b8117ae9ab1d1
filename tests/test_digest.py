"""The digest end to end through the real compiler: exactly once, whatever happens.

No Discord and no wall-clock sleeping: the clock is injected, file ages are set with
os.utime, and the deliver function is a recorder that can be told to fail.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from facts.lexicon import country_name
from facts.settings import load_settings
from facts.store import connect
from facts.store.deliveries import Deliveries
from handlers.digest import (
    TERMINAL,
    DigestEntry,
    DigestRunner,
    Outgoing,
    Target,
    render_text,
    run_digest,
)
from handlers.digest.cli import console_digest_loop, digest_once_cli
from handlers.digest.send import CallDeliverer

INDIA = """Une délégation indienne reçue à Rabat pour renforcer la coopération militaire
Une délégation du ministère indien de la Défense a été reçue le 12 mars 2026 à Rabat par \
l'inspecteur général des Forces armées royales. L'Inde et le Maroc ont examiné le renforcement \
de leur coopération dans l'industrie de défense et la formation des officiers.
Source de l'article : exemple.ma
"""

DRONES_PART = """Par ailleurs, les Forces armées royales ont commandé trois drones Bayraktar Akinci \
au constructeur turc Baykar, selon une source proche du dossier. La livraison est attendue en 2027.
"""

DRONES = """Le Maroc commande trois drones Bayraktar Akinci à la Turquie
Les Forces armées royales ont commandé trois drones Bayraktar Akinci au constructeur turc Baykar, \
selon une source proche du dossier. La livraison de ces appareils est attendue en 2027.
Source de l'article : exemple.ma
"""

OLD = 3600.0  # seconds: an age that makes a file stable


class Clock:
    def __init__(self) -> None:
        self.now = 2_000_000_000.0

    def __call__(self) -> float:
        return self.now


class Outbox:
    """A deliver function that records what it was given and can be told to fail."""

    def __init__(self) -> None:
        self.calls: list[list[DigestEntry]] = []
        self.failures: list[BaseException] = []

    async def __call__(self, entries: list[DigestEntry]) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.calls.append(list(entries))

    def docs(self) -> list[str]:
        return [e.doc for call in self.calls for e in call]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    path = tmp_path / "seeds"
    path.mkdir()
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "var" / "facts.sqlite3"


def put(seeds: Path, clock: Clock, name: str, data: str | bytes, age: float = OLD) -> Path:
    path = seeds / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    os.utime(path, (clock.now - age, clock.now - age))
    return path


def runner(seeds: Path, db: Path, outbox: Outbox, clock: Clock, **kw) -> DigestRunner:
    return DigestRunner(seeds, db, outbox, clock=clock, **kw)


async def initialized(seeds: Path, db: Path, clock: Clock) -> None:
    """A first run on the folder as it is (records, posts nothing)."""
    result = await runner(seeds, db, Outbox(), clock).run_once()
    assert result.first_run


# ---------------------------------------------------------------- first run

async def test_first_run_records_existing_articles_without_posting(seeds, db, clock) -> None:
    put(seeds, clock, "inde.txt", INDIA)
    out = Outbox()
    r = runner(seeds, db, out, clock)
    first = await r.run_once()
    assert first.first_run and first.recorded == 1 and out.calls == []
    again = await r.run_once()
    assert not again.first_run and again.nothing_new and out.calls == []


async def test_first_run_with_backfill_posts_existing_articles(seeds, db, clock) -> None:
    put(seeds, clock, "inde.txt", INDIA)
    out = Outbox()
    result = await runner(seeds, db, out, clock, backfill=True).run_once()
    assert out.docs() == ["inde.txt"] and result.posted == ["inde.txt"]
    await runner(seeds, db, out, clock, backfill=True).run_once()
    assert out.docs() == ["inde.txt"]


async def test_first_run_takes_files_copied_just_now(seeds, db, clock) -> None:
    """A fresh copy of the folder is recorded at once, not posted as news at the second run."""
    put(seeds, clock, "inde.txt", INDIA, age=0)
    out = Outbox()
    assert (await runner(seeds, db, out, clock).run_once()).recorded == 1
    clock.now += 60
    await runner(seeds, db, out, clock).run_once()
    assert out.calls == []


# ---------------------------------------------------------------- exactly once

async def test_new_file_gives_one_digest_with_its_facts(seeds, db, clock) -> None:
    await initialized(seeds, db, clock)
    put(seeds, clock, "drones.txt", DRONES)
    out = Outbox()
    r = runner(seeds, db, out, clock)
    result = await r.run_once()
    assert len(out.calls) == 1 and out.docs() == ["drones.txt"]
    entry = out.calls[0][0]
    assert entry.kind == "new" and "Akinci" in entry.title
    assert "TR" in [p.country for p in entry.partners]
    [acq] = [a for a in entry.acquisitions if "Akinci" in a.system]
    assert (acq.quantity, acq.supplier) == (3, "TR")
    assert f"first article on 🇹🇷 {country_name('TR', 'en')}" in entry.novelties
    assert result.posted == ["drones.txt"]
    assert (await r.run_once()).nothing_new
    assert len(out.calls) == 1


async def test_restart_repeats_nothing_and_posts_what_arrived_while_down(seeds, db, clock) -> None:
    await initialized(seeds, db, clock)
    put(seeds, clock, "inde.txt", INDIA)
    out = Outbox()
    await runner(seeds, db, out, clock).run_once()
    assert out.docs() == ["inde.txt"]
    # the bot is down; an article arrives; a fresh process starts
    clock.now += 3600
    put(seeds, clock, "drones.txt", DRONES)
    await runner(seeds, db, out, clock).run_once()
    await runner(seeds, db, out, clock).run_once()
    assert out.docs() == ["inde.txt", "drones.txt"]
    with Deliveries.open(db) as records:
        rows = records.rows("posted")
    assert sorted(r.name for r in rows) == ["drones.txt", "inde.txt"]


async def test_failing_send_is_retried_and_posted_once(seeds, db, clock, caplog) -> None:
    await initialized(seeds, db, clock)
    put(seeds, clock, "inde.txt", INDIA)
    out = Outbox()
    out.failures = [TimeoutError("send timed out"), ConnectionError("503 Service Unavailable"),
                    ConnectionError("503 Service Unavailable")]
    r = runner(seeds, db, out, clock)
    with caplog.at_level(logging.WARNING, logger="digest"):
        first = await r.run_once()
    assert first.failed == ["inde.txt"] and first.posted == [] and "TimeoutError" in (first.error or "")
    assert "will retry" in caplog.text
    await r.run_once()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="digest"):
        await runner(seeds, db, out, clock).run_once()  # third failure, in a restarted process
    assert any(rec.levelno == logging.ERROR and "keeps failing" in rec.getMessage() for rec in caplog.records)
    assert out.calls == []
    with Deliveries.open(db) as records:
        row = records.rows("sending")[0]  # recorded before the send, resent each run
        [message] = records.messages("sending")
    assert (row.name, row.attempts) == ("inde.txt", 3)
    assert message.attempts == 3 and "503" in (message.last_error or "")
    result = await r.run_once()
    assert result.posted == ["inde.txt"] and out.docs() == ["inde.txt"]
    await r.run_once()
    assert out.docs() == ["inde.txt"]


class OneEntryPerMessage:
    """A deliverer that sends each entry as its own message and can fail the n-th send."""

    def __init__(self, fail_at: set[int] | None = None):
        self.fail_at = fail_at or set()
        self.sends = 0
        self.sent: list[Outgoing] = []

    def split(self, entries: list[DigestEntry]) -> list[list[DigestEntry]]:
        return [[e] for e in entries]

    async def send(self, message: Outgoing) -> None:
        self.sends += 1
        if self.sends in self.fail_at:
            raise ConnectionError("502 Bad Gateway")
        self.sent.append(message)


async def test_failure_after_the_first_message_posts_the_rest_only(seeds, db, clock) -> None:
    await initialized(seeds, db, clock)
    put(seeds, clock, "a_inde.txt", INDIA)
    put(seeds, clock, "b_drones.txt", DRONES)
    deliverer = OneEntryPerMessage(fail_at={2})  # message 1 goes through, message 2 fails
    r = DigestRunner(seeds, db, deliverer, clock=clock)
    first = await r.run_once()
    assert first.posted == ["a_inde.txt"] and first.failed == ["b_drones.txt"]
    second = await r.run_once()
    assert second.resent == 1 and second.posted == ["b_drones.txt"]
    await r.run_once()
    assert [e.doc for m in deliverer.sent for e in m.entries] == ["a_inde.txt", "b_drones.txt"]
    # the resend carried the nonce recorded before the first try
    nonces = [m.nonce for m in deliverer.sent]
    assert len(set(nonces)) == 2 and all(n.startswith("dg") and len(n) <= 25 for n in nonces)


async def test_concurrent_scans_post_once(seeds, db, clock) -> None:
    import asyncio

    await initialized(seeds, db, clock)
    put(seeds, clock, "inde.txt", INDIA)
    out = Outbox()
    r = runner(seeds, db, out, clock)
    await asyncio.gather(r.run_once(), r.run_once())
    assert out.docs() == ["inde.txt"]


# ---------------------------------------------------------------- files being written

async def test_file_written_in_two_steps_gives_one_digest_with_everything(seeds, db, clock) -> None:
    await initialized(seeds, db, clock)
    out = Outbox()
    r = runner(seeds, db, out, clock)
    path = put(seeds, clock, "inde.txt", INDIA, age=0)  # first half, just written
    assert (await r.run_once()).waiting == ["inde.txt"]
    clock.now += 60
    with path.open("a", encoding="utf-8") as fh:
        fh.write(DRONES_PART)
    os.utime(path, (clock.now - 30, clock.now - 30))  # old enough, but changed since the last look
    assert (await r.run_once()).waiting == ["inde.txt"]
    clock.now += 60
    await r.run_once()
    await r.run_once()
    assert len(out.calls) == 1
    [entry] = out.calls[0]
    assert {"IN", "TR"} <= {p.country for p in entry.partners}
    assert any("Akinci" in a.system for a in entry.acquisitions)


# ---------------------------------------------------------------- not news

async def test_copy_of_a_known_article_is_not_news(seeds, db, clock, caplog) -> None:
    put(seeds, clock, "inde.txt", INDIA)
    await initialized(seeds, db, clock)
    put(seeds, clock, "inde-copie.txt", INDIA)
    out = Outbox()
    with caplog.at_level(logging.WARNING, logger="digest"):
        result = await runner(seeds, db, out, clock).run_once()
        await runner(seeds, db, out, clock).run_once()
    assert out.calls == []
    assert result.notices == ["inde-copie.txt: copy of inde.txt"]
    assert caplog.text.count("inde-copie.txt") == 1


async def test_renamed_article_is_not_news(seeds, db, clock) -> None:
    put(seeds, clock, "inde.txt", INDIA)
    await initialized(seeds, db, clock)
    (seeds / "inde.txt").rename(seeds / "2026-03-12-inde.txt")
    out = Outbox()
    result = await runner(seeds, db, out, clock).run_once()
    assert out.calls == [] and result.recorded == 1
    assert (await runner(seeds, db, out, clock).run_once()).nothing_new


async def test_empty_and_binary_files_are_logged_once_never_posted(seeds, db, clock, caplog) -> None:
    await initialized(seeds, db, clock)
    put(seeds, clock, "vide.txt", "")
    put(seeds, clock, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20)
    out = Outbox()
    r = runner(seeds, db, out, clock)
    with caplog.at_level(logging.WARNING, logger="digest"):
        result = await r.run_once()
        await r.run_once()
        await runner(seeds, db, out, clock).run_once()
    assert out.calls == []
    assert sorted(n.split(":")[0] for n in result.notices) == ["image.txt", "vide.txt"]
    assert caplog.text.count("vide.txt") == 1 and caplog.text.count("image.txt") == 1


async def test_changed_article_gets_an_updated_entry(seeds, db, clock) -> None:
    put(seeds, clock, "inde.txt", INDIA)
    await initialized(seeds, db, clock)
    put(seeds, clock, "inde.txt", INDIA + DRONES_PART)
    out = Outbox()
    await runner(seeds, db, out, clock).run_once()
    [[entry]] = out.calls
    assert entry.kind == "updated"
    assert any(c.startswith("added acquisition") and "Akinci" in c for c in entry.changes)
    assert entry.novelties == []


# ---------------------------------------------------------------- terminal

def test_render_text_names_the_facts() -> None:
    from handlers.digest import AcquisitionLine, PartnerLine

    entry = DigestEntry(doc="x.txt", sha256="s", title="Trois drones", published="2026-03-12",
                        site="exemple.ma", partners=[PartnerLine("TR", "Turkey", "🇹🇷")],
                        acquisitions=[AcquisitionLine("Akinci", 3, "TR", "Turkey", "🇹🇷", "Baykar", "drone")],
                        novelties=["first article on 🇹🇷 Turkey"])
    text = render_text([entry])
    assert "Trois drones (2026-03-12 · exemple.ma)" in text
    assert "3 × Akinci (drone) from 🇹🇷 Turkey, Baykar" in text
    assert "New to the fact base: first article on 🇹🇷 Turkey" in text
    assert render_text([]) == "Nothing new."


def test_digest_once_cli(seeds, db, clock, capsys) -> None:
    put(seeds, clock, "inde.txt", INDIA)
    args = ["digest", "--once", "--seeds", str(seeds), "--db", str(db)]
    lines: list[str] = []
    assert digest_once_cli(args, load_settings(), write=lines.append, clock=clock) == 0
    assert lines[-1].startswith("First run: recorded 1 existing article(s)")
    put(seeds, clock, "drones.txt", DRONES)
    lines.clear()
    assert digest_once_cli(args, load_settings(), write=lines.append, clock=clock) == 0
    text = "\n".join(lines)
    assert "Akinci" in text and country_name("TR", "en") in text and "NEW" in text
    lines.clear()
    assert digest_once_cli(args, load_settings(), write=lines.append, clock=clock) == 0
    assert lines == ["Nothing new."]


def test_digest_once_cli_waits_once_for_a_file_being_written(seeds, db, clock) -> None:
    put(seeds, clock, "inde.txt", INDIA)
    args = ["--once", "--seeds", str(seeds), "--db", str(db)]
    digest_once_cli(args, load_settings(), write=lambda s: None, clock=clock)
    put(seeds, clock, "drones.txt", DRONES, age=0)
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.now += seconds + 1

    lines: list[str] = []
    assert digest_once_cli(args, load_settings(), write=lines.append, sleep=sleep, clock=clock) == 0
    assert slept and "Akinci" in "\n".join(lines)


def test_digest_once_cli_bad_folder(tmp_path) -> None:
    lines: list[str] = []
    assert digest_once_cli(["--once", "--seeds", str(tmp_path / "nope")], load_settings(), write=lines.append) == 2
    assert "not found" in lines[0]


async def test_console_loop_prints_each_article_once(seeds, db, clock) -> None:
    put(seeds, clock, "inde.txt", INDIA)
    await initialized(seeds, db, clock)
    put(seeds, clock, "drones.txt", DRONES)
    printed: list[str] = []
    naps: list[float] = []

    async def sleep(seconds: float) -> None:
        naps.append(seconds)

    settings = load_settings(seeds_dir=seeds, facts_db=db, digest_interval=30)
    await console_digest_loop(settings, printed.append, clock=clock, sleep=sleep, runs=3)
    assert naps == [30, 30] and len(printed) == 1 and "Akinci" in printed[0]


async def test_run_digest_function_with_a_fresh_runner_each_time(seeds, db, clock) -> None:
    await initialized(seeds, db, clock)
    put(seeds, clock, "inde.txt", INDIA)
    out = Outbox()
    await run_digest(seeds, db, [Target(TERMINAL, CallDeliverer(out))], clock=clock)
    await run_digest(seeds, db, [Target(TERMINAL, CallDeliverer(out))], clock=clock)
    assert out.docs() == ["inde.txt"]


# ---------------------------------------------------------------- what is new (no compiler)

def _f(kind: str, **kw):
    """A typed fact, read from its stored form as the store does."""
    from facts.models import fact_from_json

    if kind == "acquisition":
        kw.setdefault("category", "other")
    return fact_from_json({"kind": kind, "doc": "x.txt", "quote": "q", "section": "body", "sentence": 0, **kw})


def _budget(year: int, amount: float, scope: str = "total"):
    return _f("budget", year=year, amount=amount, currency="MAD", scope=scope, approximate=False)


def test_novelties_name_first_partner_system_and_budget_figure() -> None:
    from handlers.digest.entries import Knowledge

    known = Knowledge()
    known.add([_f("partner", country="US"), _budget(2025, 133e9),
               _f("acquisition", system="F-16 Viper", supplier="US", quantity=None)])
    facts = [_f("partner", country="IN"), _f("partner", country="US"),
             _f("acquisition", system="WhAP", supplier="IN", quantity=92, category="vehicle"),
             _f("acquisition", system="f-16 viper", supplier="US", quantity=None),
             _budget(2026, 157e9), _budget(2026, 140e9)]
    news = known.novelties(facts)
    assert news == ["first article on 🇮🇳 India", "first mention of WhAP",
                    "first figure for 2026: 157 billion MAD, +18 % on 2025"]
    known.add(facts)
    assert known.novelties([_f("partner", country="IN"), _budget(2026, 160e9)]) == [
        "new figure for 2026: 160 billion MAD (was 157 billion MAD)"]


def test_changes_between_versions() -> None:
    from handlers.digest.entries import changes_between, signature

    old = signature("Titre", [_f("partner", country="IN")])
    new = signature("Titre", [_f("partner", country="IN"), _f("partner", country="FR"), _budget(2026, 1.5e9)])
    assert changes_between(old, new) == ["added partner: 🇫🇷 France",
                                         "added budget figure: 2026: 1.5 billion MAD"]
    assert changes_between(new, old)[0] == "removed partner: 🇫🇷 France"
    assert changes_between(old, old) == []


def test_one_format_amount_for_answers_and_digest() -> None:
    """The same figure reads the same in /budget and in the digest (58.55, not 58.5 here and 58.55 there)."""
    from handlers.digest.entries import BudgetLine
    from handlers.formatting import format_amount

    assert format_amount(157e9, "MAD") == "157 billion MAD"
    assert format_amount(12.5e6, "USD") == "12.5 million USD"
    assert format_amount(950_000, "EUR") == "950,000 EUR"
    assert format_amount(58.55e9, "MAD") == "58.55 billion MAD"
    assert BudgetLine(2026, 58.55e9, "MAD").label() == "2026: 58.55 billion MAD"


# ---------------------------------------------------------------- exactly once (record before send)

async def test_an_article_dropped_with_its_byte_identical_copy_is_posted_once(seeds, db, clock) -> None:
    """The first of the two (in name order) is posted; the other is noted as its copy, and a
    noted copy never stands for its original as 'delivered'."""
    await initialized(seeds, db, clock)
    put(seeds, clock, "a_inde.txt", INDIA)
    put(seeds, clock, "b_inde-copie.txt", INDIA)
    out = Outbox()
    r = runner(seeds, db, out, clock)
    result = await r.run_once()
    await r.run_once()
    await runner(seeds, db, out, clock).run_once()
    assert out.docs() == ["a_inde.txt"]
    assert result.notices == ["b_inde-copie.txt: copy of a_inde.txt"]
    with Deliveries.open(db) as records:
        states = {row.name: row.state for row in records.rows()}
    assert states == {"a_inde.txt": "posted", "b_inde-copie.txt": "noted"}


def recorded_owner(db: Path) -> str:
    row = connect(db).execute("SELECT owner FROM leases").fetchone()
    return str(row[0]) if row else ""


async def test_a_send_cancelled_mid_way_is_resent_with_the_same_nonce(seeds, db, clock) -> None:
    """Ctrl-C/SIGTERM during the send: the message stays recorded as sending and the next run
    resends the very same message (same nonce, same entries) — Discord keeps only one."""
    import asyncio

    await initialized(seeds, db, clock)
    put(seeds, clock, "inde.txt", INDIA)
    put(seeds, clock, "drones.txt", DRONES)
    deliverer = OneEntryPerMessage()
    started = asyncio.Event()

    class Hanging(OneEntryPerMessage):
        async def send(self, message: Outgoing) -> None:
            started.set()
            await asyncio.Event().wait()

    hanging = Hanging()
    task = asyncio.create_task(DigestRunner(seeds, db, hanging, clock=clock).run_once())
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    with Deliveries.open(db) as records:
        [recorded] = records.messages("sending")
        # the stopped process is gone, so its lease is dead; in this one process, say so explicitly
        # (its owner string changes with the second the runner started in)
        records.release_lease(recorded_owner(db))
    result = await DigestRunner(seeds, db, deliverer, clock=clock).run_once()  # "after restart"
    assert result.resent == 1, result
    assert deliverer.sent[0].nonce == recorded.nonce
    assert sorted(e.doc for m in deliverer.sent for e in m.entries) == ["drones.txt", "inde.txt"]
    assert (await DigestRunner(seeds, db, deliverer, clock=clock).run_once()).nothing_new
    with Deliveries.open(db) as records:
        assert records.messages("sending") == []


async def test_only_the_lease_holder_delivers(seeds, db, clock) -> None:
    from facts.store.deliveries import this_owner

    await initialized(seeds, db, clock)
    put(seeds, clock, "inde.txt", INDIA)
    other = Deliveries(connect(db), db)
    assert other.acquire_lease("otherhost:1:1", 120) is None  # a live process elsewhere holds it
    out = Outbox()
    blocked = await runner(seeds, db, out, clock).run_once()
    assert blocked.skipped and "otherhost:1:1" in blocked.skipped and out.calls == []
    other.release_lease("otherhost:1:1")
    assert (await runner(seeds, db, out, clock).run_once()).posted == ["inde.txt"]
    # a holder on this machine whose process is gone (kill -9) is taken over at once
    dead = f"{this_owner().split(':')[0]}:999999999:1"
    assert Deliveries(connect(db), db).acquire_lease(dead, 120) is None
    put(seeds, clock, "drones.txt", DRONES)
    assert (await runner(seeds, db, out, clock).run_once()).posted == ["drones.txt"]


async def test_digest_database_work_never_blocks_the_event_loop(seeds, db, clock) -> None:
    """With another process holding the write lock, a scan waits in a worker thread: the event
    loop keeps ticking (a blocked loop is a frozen bot: no heartbeat, lost interactions)."""
    import asyncio
    import sqlite3

    await initialized(seeds, db, clock)
    put(seeds, clock, "inde.txt", INDIA)
    locker = sqlite3.connect(str(db), isolation_level=None, timeout=5)
    locker.execute("BEGIN IMMEDIATE")
    gaps: list[float] = []

    async def ticker() -> None:
        loop = asyncio.get_running_loop()
        last = loop.time()
        while True:
            await asyncio.sleep(0.05)
            now = loop.time()
            gaps.append(now - last)
            last = now

    tick = asyncio.create_task(ticker())
    out = Outbox()
    scan = asyncio.create_task(runner(seeds, db, out, clock).run_once())
    await asyncio.sleep(1.5)
    locker.execute("ROLLBACK")
    locker.close()
    await scan
    tick.cancel()
    assert max(gaps) < 0.5, f"the event loop stalled for {max(gaps):.2f} s"
    assert out.docs() == ["inde.txt"] or (await runner(seeds, db, out, clock).run_once()).posted == ["inde.txt"]


# ---------------------------------------------------------------- one digest per target (server channel)

def targets_of(*pairs: tuple[str, object]):
    """A targets function over fixed (key, deliver) pairs, as the bot builds from its channels."""
    fixed = [Target(key, CallDeliverer(deliver)) for key, deliver in pairs]  # type: ignore[arg-type]

    async def targets() -> list[Target]:
        return list(fixed)
    return targets


async def test_each_target_gets_each_new_article_once(seeds, db, clock) -> None:
    a, b = Outbox(), Outbox()
    r = DigestRunner(seeds, db, targets=targets_of(("111", a), ("222", b)), clock=clock)
    put(seeds, clock, "inde.txt", INDIA)
    first = await r.run_once()  # the first digest of both: what is there is recorded, not posted
    assert first.first_run and a.calls == [] and b.calls == []
    put(seeds, clock, "drones.txt", DRONES)
    result = await r.run_once()
    assert a.docs() == ["drones.txt"] and b.docs() == ["drones.txt"]
    assert set(result.targets) == {"111", "222"} and result.targets["222"].posted == ["drones.txt"]
    await r.run_once()
    await DigestRunner(seeds, db, targets=targets_of(("111", a), ("222", b)), clock=clock).run_once()  # restart
    assert a.docs() == ["drones.txt"] and b.docs() == ["drones.txt"]


async def test_a_failing_target_keeps_its_articles_and_holds_up_no_other(seeds, db, clock) -> None:
    a, b = Outbox(), Outbox()
    r = DigestRunner(seeds, db, targets=targets_of(("111", a), ("222", b)), clock=clock)
    await r.run_once()
    put(seeds, clock, "inde.txt", INDIA)
    b.failures = [ConnectionError("503 Service Unavailable")]
    result = await r.run_once()
    assert a.docs() == ["inde.txt"] and b.docs() == []
    assert result.targets["222"].failed == ["inde.txt"] and result.targets["111"].posted == ["inde.txt"]
    again = await r.run_once()  # the next run resends 222's recorded message, and only that
    assert again.targets["222"].resent == 1 and a.docs() == ["inde.txt"] and b.docs() == ["inde.txt"]


async def test_a_target_added_later_gets_what_arrives_after_not_the_back_catalogue(seeds, db, clock) -> None:
    a, b = Outbox(), Outbox()
    put(seeds, clock, "inde.txt", INDIA)
    await DigestRunner(seeds, db, targets=targets_of(("111", a)), clock=clock).run_once()
    put(seeds, clock, "drones.txt", DRONES)
    await DigestRunner(seeds, db, targets=targets_of(("111", a)), clock=clock).run_once()
    assert a.docs() == ["drones.txt"]
    both = DigestRunner(seeds, db, targets=targets_of(("111", a), ("222", b)), clock=clock)
    joined = await both.run_once()  # 222 is new: both articles were already delivered elsewhere
    assert b.calls == [] and joined.targets["222"].first and joined.targets["222"].recorded == 2
    (seeds / "inde.txt").write_text(INDIA + DRONES_PART, encoding="utf-8")
    os.utime(seeds / "inde.txt", (clock.now - OLD, clock.now - OLD))
    assert (await both.run_once()).waiting == ["inde.txt"]  # changed since the runner's last look
    await both.run_once()
    assert [e.kind for call in b.calls for e in call] == ["updated"] and a.docs() == ["drones.txt", "inde.txt"]


def test_the_terminal_and_a_channel_are_separate_targets(seeds, db, clock) -> None:
    import asyncio

    put(seeds, clock, "inde.txt", INDIA)
    once = ["--once", "--seeds", str(seeds), "--db", str(db)]
    lines: list[str] = []
    assert digest_once_cli(once, load_settings(), write=lines.append, clock=clock) == 0
    channel = Outbox()
    asyncio.run(DigestRunner(seeds, db, channel, target="111", clock=clock).run_once())
    put(seeds, clock, "drones.txt", DRONES)
    asyncio.run(DigestRunner(seeds, db, channel, target="111", clock=clock).run_once())
    lines.clear()
    assert digest_once_cli(once, load_settings(), write=lines.append, clock=clock) == 0
    assert channel.docs() == ["drones.txt"] and "Akinci" in "\n".join(lines)
    with Deliveries.open(db) as records:
        assert {r.target for r in records.rows("posted")} == {"111", TERMINAL}
