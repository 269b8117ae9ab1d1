"""/search at any size (issue 16): prefixes spelled out as the index's words, bm25 over the
candidates only, matches counted as far as the answer needs. The same sentences in the same
order as FTS5's prefix query and ``bm25()`` gave."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from facts.compiler import compile_folder
from facts.store import FactStore, connect, pages, ranking, vocab
from facts.store.schema import MIGRATIONS
from facts.store.vocab import match_expression
from handlers import Handlers, library
from handlers.common import View

QUERIES = ["Maroc", "défense Maroc", "Maroc drone", "drones turcs", "forces armées", "drone", "hélicoptères", "TOW",
           "défense aérienne", "F-16", "armée de l'air", "accord",
           "Turquie drones", "budget 2024", "ministre", "livraison", "zzzz"]


def _fts5_order(db: Path, query: str, limit: int) -> list[tuple[str, str, int, str]]:
    """What the search returned before: FTS5's prefix query ranked by bm25() among the newest 400."""
    with sqlite3.connect(db) as conn:
        return [(r[0], r[1], int(r[2]), r[3]) for r in conn.execute(
            "WITH recent AS (SELECT bm25(sentences) AS score, doc, section, idx, text FROM sentences"
            " WHERE sentences MATCH ? ORDER BY rowid DESC LIMIT 400)"
            " SELECT doc, section, idx, text FROM recent ORDER BY score LIMIT ?", (match_expression(query), limit))]


@pytest.mark.parametrize("query", QUERIES)
def test_the_search_finds_and_orders_what_fts5_did(compiled_seeds: tuple[Path, Path], query: str) -> None:
    store = FactStore(compiled_seeds[1])
    try:
        found = [(s.doc, s.section, s.idx, s.text) for s in store.search_sentences(query, 400)]
        assert found == _fts5_order(compiled_seeds[1], query, 400)
    finally:
        store.close()


def test_a_search_reads_neither_a_prefix_query_nor_bm25(compiled_seeds: tuple[Path, Path]) -> None:
    """FTS5 merges every match of a prefix before the first row, and bm25() counts every sentence
    of each word: both grew with the corpus. The spelled-out words are read newest first."""
    store = FactStore(compiled_seeds[1])
    statements: list[str] = []
    try:
        store.conn.set_trace_callback(statements.append)
        assert store.search_sentences("défense Maroc", 15)
        assert pages.match_count(store, "défense Maroc") > 0
    finally:
        store.close()
    matches = [s for s in statements if "MATCH" in s]
    assert matches and not any('"*' in s or "bm25" in s for s in matches), matches
    assert any('"defense"' in s and '"maroc"' in s for s in matches)


def test_a_new_word_is_found_and_a_removed_article_is_not(fresh_seeds: tuple[Path, Path]) -> None:
    folder, db = fresh_seeds
    (folder / "zz_new.txt").write_text("Titre\n\nLe Zorglubium est un nouveau blindé livré au Maroc en 2024.\n",
                                       encoding="utf-8")
    compile_folder(folder, db)
    store = FactStore(db)
    try:
        assert store.match("zorglub") == '("zorglubium")'
        assert [s.doc for s in store.search_sentences("zorglub")] == ["zz_new.txt"]
        assert pages.match_count(store, "zorglub") == 1
    finally:
        store.close()
    (folder / "zz_new.txt").unlink()
    compile_folder(folder, db)
    store = FactStore(db)
    try:
        assert store.search_sentences("zorglub") == [] and pages.match_count(store, "zorglub") == 0
        assert store.match("qwxz") == ""  # starts no word: nothing can match, nothing is read
    finally:
        store.close()


def test_a_version_8_file_learns_its_words_when_it_upgrades(fresh_seeds: tuple[Path, Path]) -> None:
    folder, db = fresh_seeds
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE search_words")
        conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(vocab.fill_words)}")  # 8: before search_words
    store = FactStore(db)
    try:  # not upgraded yet: the prefix query, which finds the same sentences
        assert store.match("drone") == '"drone"*' and store.search_sentences("drone")
    finally:
        store.close()
    compile_folder(folder, db)  # the writer upgrades it
    conn = connect(db)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, sentences, 'row')")
        terms = {r[0] for r in conn.execute("SELECT term FROM temp.v")}
        assert terms and terms == {r[0] for r in conn.execute("SELECT word FROM search_words")}
    finally:
        conn.close()


def _uniform_index(path: Path, rows: int, every: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIRTUAL TABLE sentences USING fts5(doc UNINDEXED, section UNINDEXED, idx UNINDEXED, text,"
                 " tokenize = 'unicode61 remove_diacritics 2')")
    conn.executemany("INSERT INTO sentences (doc, section, idx, text) VALUES ('d', 'body', 0, ?)",
                     [("rare mot" if i % every == 0 else "autre chose ici",) for i in range(rows)])
    conn.commit()
    conn.close()


def test_a_words_sentences_are_counted_then_estimated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "u.sqlite3"
    _uniform_index(path, 6000, 3)
    conn = sqlite3.connect(path)

    def query(sql: str, args: tuple[object, ...]) -> list[object]:
        return conn.execute(sql, args).fetchall()

    assert ranking.hits(query, '("rare")') == 2000  # under EXACT_HITS: counted
    assert ranking.index_totals(query) == (6000, 2000 * 2 + 4000 * 3)
    monkeypatch.setattr(ranking, "EXACT_HITS", 100)
    assert abs(ranking.hits(query, '("rare")') - 2000) <= 20  # beyond: from the newest 100's spread
    assert ranking.hits(query, '("absent")') == 0
    conn.close()


def test_the_scores_are_bm25s(compiled_seeds: tuple[Path, Path]) -> None:
    with sqlite3.connect(compiled_seeds[1]) as conn:
        rows = conn.execute("SELECT bm25(sentences), rowid, text FROM sentences WHERE sentences MATCH ?"
                            " ORDER BY rowid DESC LIMIT 50", (match_expression("Maroc drone"),)).fetchall()

        def query(sql: str, args: tuple[object, ...]) -> list[object]:
            return conn.execute(sql, args).fetchall()

        spelled = [m for m, _ in vocab.phrases(query, "Maroc drone")]
        mine = ranking.scores(query, [(r[1], r[2]) for r in rows], ["maroc", "drone"], spelled)
    assert len(rows) == 10 and mine == [r[0] for r in rows]  # to the last bit


@pytest.fixture
def seeds_handlers(compiled_seeds: tuple[Path, Path]) -> Handlers:
    return Handlers(FactStore(compiled_seeds[1]))


def _view(h: Handlers) -> View:
    return h._view()


def test_past_the_counted_matches_the_answer_says_more_than(seeds_handlers: Handlers,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    store = seeds_handlers.store
    true = pages.match_count(store, "Maroc")
    assert true > 21
    monkeypatch.setattr(pages, "MATCHES_COUNTED", 20)
    monkeypatch.setattr(library, "MATCHES_COUNTED", 20)
    assert pages.match_count(store, "Maroc") == 21  # one more than counted: "more"
    assert pages.match_count(store, "TOW") == 2
    answer = library._search(_view(seeds_handlers), "Maroc", ["maroc"])
    assert answer.title.endswith("(showing 15 of more than 20)")
    assert answer.summary.startswith("more than 20 sentences of the ")
    few = library._search(_view(seeds_handlers), "TOW", ["tow"])
    assert few.title.endswith("(2 matches)")


def test_more_than_in_french(seeds_handlers: Handlers, monkeypatch: pytest.MonkeyPatch) -> None:
    from handlers.i18n import using

    monkeypatch.setattr(pages, "MATCHES_COUNTED", 20)
    monkeypatch.setattr(library, "MATCHES_COUNTED", 20)
    with using("fr"):
        answer = library._search(_view(seeds_handlers), "Maroc", ["maroc"])
    assert "15 affichées sur plus de 20" in answer.title and answer.summary.startswith("plus de 20 phrases")


def test_copying_the_seeds_keeps_the_words(compiled_seeds: tuple[Path, Path], tmp_path: Path) -> None:
    shutil.copyfile(compiled_seeds[1], tmp_path / "copy.sqlite3")
    store = FactStore(tmp_path / "copy.sqlite3")
    try:
        assert store.match("drone").startswith('("drone"')
    finally:
        store.close()


def test_the_compiler_notes_exactly_the_index_words(compiled_seeds: tuple[Path, Path]) -> None:
    """A fresh file gets its words from the compiler (note_words), one article at a time: exactly
    the index's, as FTS5 tokenised them (no word missing, which would lose matches)."""
    conn = sqlite3.connect(compiled_seeds[1])
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, sentences, 'row')")
        terms = {r[0] for r in conn.execute("SELECT term FROM temp.v")}
        assert len(terms) > 500 and terms == {r[0] for r in conn.execute("SELECT word FROM search_words")}
    finally:
        conn.close()
