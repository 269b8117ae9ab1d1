"""Every word of the full-text index, kept in ``search_words``, so a search's prefix can be spelled
out as the words it stands for.

Why: FTS5 answers a prefix query (``"drone"*``) by merging the whole list of matches of every word
that starts with it before it returns the first row, so ``/search`` for a common word cost as much
as the word had matches (145 000 sentences for "défense aérienne" at 100 000 articles). The same
query written as the words themselves (``("drone" OR "drones")``) is read lazily, newest first, and
stops at the page it needs. The table may hold words no sentence has any more (a removed article's):
an extra word matches nothing; a missing one would lose matches, so every writer of ``sentences``
notes its words here (``note_words``), tokenised by FTS5 itself, not by a copy of its rules.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterable
from typing import Any

from ..lexicon import fold, load_json

Query = Callable[[str, tuple[Any, ...]], list[Any]]

_SEARCH: dict[str, Any] = load_json("search.json")


def search_terms(query: str) -> list[str]:
    """The words a search looks for: folded (case, accents), a plural ending off when what is
    left is long enough, and words shorter than ``min_word`` dropped (they would match as
    prefixes of nearly everything). 'Hélicoptères TOW' → ['helicoptere', 'tow']."""
    terms: list[str] = []
    for word in re.findall(r"\w+", fold(query)):
        if len(word) < _SEARCH["min_word"]:
            continue
        for ending in _SEARCH["plural_endings"]:
            if word.endswith(ending) and len(word) - len(ending) >= _SEARCH["min_stem"]:
                word = word[: -len(ending)]
                break
        if word not in terms:
            terms.append(word)
    return terms


def match_expression(query: str) -> str:
    """The FTS5 MATCH text: every term as a quoted prefix query ('"drone"* "tow"*'), or ''."""
    return " ".join(f'"{t}"*' for t in search_terms(query))


WORDS_TABLE = "CREATE TABLE IF NOT EXISTS search_words (word TEXT PRIMARY KEY) WITHOUT ROWID"
TOKENIZER = "unicode61 remove_diacritics 2"  # the tokenizer of ``sentences`` (schema.py) and of the scratch index
MAX_SPELLED = 64  # a prefix of more words than this stays a prefix query (two letters: 'ma', 'de')
_local = threading.local()


def fill_words(conn: sqlite3.Connection) -> None:
    """Migration 9: the words the index holds now (one read of the whole index, once per file)."""
    conn.execute(WORDS_TABLE)
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.sentence_words USING fts5vocab(main, sentences, 'row')")
    conn.execute("INSERT OR IGNORE INTO search_words (word) SELECT term FROM temp.sentence_words")
    conn.execute("DROP TABLE temp.sentence_words")


def scratch_index() -> sqlite3.Connection:
    """This thread's in-memory FTS5 index with the tokenizer of ``sentences``, on a connection of its
    own (the writer's transaction and file never see it; the readers' are ``query_only``): a text put
    in it is tokenised exactly as the index would. ``scratch_words`` lists its words,
    ``scratch_instances`` every token with its row (for ``bm25()``'s phrase frequencies)."""
    conn: sqlite3.Connection | None = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.execute(f"CREATE VIRTUAL TABLE scratch USING fts5(text, tokenize = '{TOKENIZER}', columnsize = 0)")
        conn.execute("CREATE VIRTUAL TABLE scratch_words USING fts5vocab(scratch, 'row')")
        conn.execute("CREATE VIRTUAL TABLE scratch_instances USING fts5vocab(scratch, 'instance')")
        _local.conn = conn
    return conn


def note_words(conn: sqlite3.Connection, texts: Iterable[str]) -> None:
    """Add the words of sentences just written to ``search_words``: FTS5 tokenises them in a
    scratch index with the same tokenizer as ``sentences``, so the words are exactly the index's."""
    rows = [(t,) for t in texts]
    if not rows or not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_words'").fetchone():
        return  # a file not migrated yet: migration 9 reads the whole index
    scratch = scratch_index()
    scratch.execute("BEGIN")
    try:  # rolled back: nothing to delete, no deleted entries left behind
        scratch.executemany("INSERT INTO scratch (text) VALUES (?)", rows)
        words = scratch.execute("SELECT term FROM scratch_words").fetchall()
    finally:
        scratch.execute("ROLLBACK")
    conn.executemany("INSERT OR IGNORE INTO search_words (word) VALUES (?)", words)


def has_words(query: Query) -> bool:
    """Whether the file lists its words (migration 9): an older file is searched by prefix."""
    return bool(query("SELECT 1 FROM sqlite_master WHERE name = 'search_words'", ()))


def spell(query: Query, term: str) -> tuple[str, bool]:
    """(MATCH text, spelled) of one search term: its words ('("drone" OR "drones")', True), the
    same sentences as the prefix; '' when it starts no word (nothing can match). A term FTS5
    would split in several tokens, or one that starts more than ``MAX_SPELLED`` words, stays the
    prefix query ('"drone"*', False)."""
    if not term.isalnum():
        return f'"{term}"*', False
    words = [r[0] for r in query("SELECT word FROM search_words WHERE word >= ? AND word < ? LIMIT ?",
                                 (term, term + "\U0010ffff", MAX_SPELLED + 1)) if r[0].startswith(term)]
    if len(words) > MAX_SPELLED:
        return f'"{term}"*', False
    return ("(" + " OR ".join(f'"{w}"' for w in words) + ")" if words else ""), True


def phrases(query: Query, text: str) -> list[tuple[str, bool]]:
    """(MATCH text, spelled out) of each search term of ``text``: its words when the file lists
    them (``spell``: read lazily, newest first, so a page costs the same whatever the number of
    matches), else FTS5's prefix query (which merges every match before returning the first)."""
    terms = search_terms(text)
    if terms and has_words(query):
        return [spell(query, t) for t in terms]
    return [(f'"{t}"*', False) for t in terms]
