"""One new article costs the same whatever the size of the base: the incremental compile keeps
entity counts instead of re-reading every event, finds duplicates through the content index,
and the digest asks the base per partner, system and year. Each must give exactly what the
whole-base way gave: the same facts as a cold compile, the same "new to the fact base" lines."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from facts.compiler import compile_folder
from facts.models import fact_from_json
from facts.store import FactStore
from facts.store.lookups import Elsewhere
from handlers.digest.entries import Knowledge

MEETING = """Le Maroc et l'Inde renforcent leurs liens {n}
Publié le {day}/03/2025
Le ministre indien de la Défense, Rajnath Singh, a rencontré mardi à Rabat le ministre marocain {minister}.
"""


def _write(folder: Path, name: str, minister: str, day: int) -> None:
    path = folder / name
    path.write_text(MEETING.format(n=name, day=f"{day:02d}", minister=minister), encoding="utf-8")
    os.utime(path, (1_700_000_000 + day, 1_700_000_000 + day))


def _events(db: Path) -> dict[str, list[tuple[list[str], list[str]]]]:
    store = FactStore(db)
    try:
        out: dict[str, list[tuple[list[str], list[str]]]] = {}
        for record in store.facts("event"):
            out.setdefault(record["doc"], []).append(
                (record.get("people") or [], record.get("people_as_written") or []))
        return out
    finally:
        store.close()


def test_a_spelling_that_becomes_the_most_common_is_given_to_older_events_too(tmp_path: Path) -> None:
    folder, db = tmp_path / "seeds", tmp_path / "facts.sqlite3"
    folder.mkdir()
    _write(folder, "a.txt", "Abdeltif Loudyi", 3)
    compile_folder(folder, db)
    before = _events(db)
    assert any("Abdeltif Loudyi" in people for pairs in before.values() for people, _ in pairs)
    for day, name in ((4, "b.txt"), (5, "c.txt")):  # the other spelling is now the more common one
        _write(folder, name, "Abdellatif Loudiyi", day)
        compile_folder(folder, db)
    cold_folder, cold_db = tmp_path / "cold", tmp_path / "cold.sqlite3"
    shutil.copytree(folder, cold_folder)
    compile_folder(cold_folder, cold_db)
    assert _events(db) == _events(cold_db)
    assert all("Abdeltif Loudyi" not in people for pairs in _events(db).values() for people, _ in pairs)


def test_removing_articles_moves_the_spelling_back_as_a_cold_compile_would(tmp_path: Path) -> None:
    folder, db = tmp_path / "seeds", tmp_path / "facts.sqlite3"
    folder.mkdir()
    _write(folder, "a.txt", "Abdeltif Loudyi", 3)
    _write(folder, "b.txt", "Abdellatif Loudiyi", 4)
    _write(folder, "c.txt", "Abdellatif Loudiyi", 5)
    compile_folder(folder, db)
    (folder / "b.txt").unlink()
    (folder / "c.txt").unlink()
    _write(folder, "d.txt", "Abdeltif Loudyi", 6)
    compile_folder(folder, db)
    cold_folder, cold_db = tmp_path / "cold", tmp_path / "cold.sqlite3"
    shutil.copytree(folder, cold_folder)
    compile_folder(cold_folder, cold_db)
    assert _events(db) == _events(cold_db)


def test_counts_written_by_another_compiler_are_not_trusted(tmp_path: Path) -> None:
    """Saved counts that do not match the events (an older compiler wrote since): full pass."""
    folder, db = tmp_path / "seeds", tmp_path / "facts.sqlite3"
    folder.mkdir()
    _write(folder, "a.txt", "Abdeltif Loudyi", 3)
    compile_folder(folder, db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE compile_state SET value = '{\"version\": 1, \"marker\": [0, 0]}'")
    _write(folder, "b.txt", "Abdellatif Loudiyi", 4)
    _write(folder, "c.txt", "Abdellatif Loudiyi", 5)
    compile_folder(folder, db)
    cold_folder, cold_db = tmp_path / "cold", tmp_path / "cold.sqlite3"
    shutil.copytree(folder, cold_folder)
    compile_folder(cold_folder, cold_db)
    assert _events(db) == _events(cold_db)


def test_a_copy_of_a_stored_article_is_found_through_the_content_index(tmp_path: Path) -> None:
    folder, db = tmp_path / "seeds", tmp_path / "facts.sqlite3"
    folder.mkdir()
    _write(folder, "a.txt", "Abdeltif Loudyi", 3)
    compile_folder(folder, db)
    shutil.copyfile(folder / "a.txt", folder / "z.txt")
    report = compile_folder(folder, db)
    assert report.duplicates == [("z.txt", "a.txt")] and not report.added


def _budget(doc: str, year: int, amount: float) -> object:
    return fact_from_json({"kind": "budget", "year": year, "amount": amount, "currency": "MAD", "scope": "total",
                           "doc": doc, "quote": "x"})


class _Base:
    """A stand-in for the rest of the base, answering like ``Elsewhere`` does."""

    def __init__(self) -> None:
        self.asked: list[object] = []

    def partner(self, code: str) -> bool:
        self.asked.append(code)
        return code == "FR"

    def systems(self) -> list[str]:
        return ["Hélicoptère H135", "F-16"]

    def system(self, name: str) -> bool:
        return name == "Hélicoptère H135"

    def budget_docs(self, year: int):  # type: ignore[no-untyped-def]
        if year == 2024:  # the last article first: its figure is the one the base gives
            yield [_budget("b.txt", 2024, 120e9), _budget("b.txt", 2024, 1e9)]
            yield [_budget("a.txt", 2024, 100e9)]


def test_knowledge_asks_the_base_per_key_and_what_was_added_wins() -> None:
    known = Knowledge(_Base())  # type: ignore[arg-type]
    assert known.knows_partner("FR") and not known.knows_partner("IN")
    assert known.knows_system("helicoptere h135") and not known.knows_system("Rafale")
    assert known.budget((2024, "total", "MAD")) == 120e9 and known.budget((2023, "total", "MAD")) is None
    known.add([_budget("new.txt", 2024, 130e9)])  # type: ignore[list-item]
    assert known.budget((2024, "total", "MAD")) == 130e9


def test_elsewhere_leaves_out_the_articles_being_announced(fresh_seeds: tuple[Path, Path]) -> None:
    _, db = fresh_seeds
    store = FactStore(db)
    try:
        partners = {c for c in store.partner_counts()}
        docs_of = {r["doc"] for r in store.facts("partner")}
        code = sorted(partners)[0]
        assert Elsewhere(store, set()).partner(code)
        assert not Elsewhere(store, docs_of).partner(code)  # every article that names it is the news
        assert not Elsewhere(store, set()).partner("AQ")
        systems = Elsewhere(store, set()).systems()
        assert systems and all(Elsewhere(store, set()).system(s) for s in systems[:3])
    finally:
        store.close()
