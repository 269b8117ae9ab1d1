"""``/search``'s ranking, FTS5's ``bm25()`` computed over the candidates only.

Why: ``bm25()`` weighs each word of the query by how many sentences of the whole index hold it,
and FTS5 finds that number by reading every one of them, at every search: for a common word at
100 000 articles that was most of the time a search took. Here the other numbers of the same
formula come from where FTS5 keeps them (the index's row and token totals, each candidate's words
from a scratch FTS5 index with the same tokenizer), and each word's number of sentences is
counted up to ``EXACT_HITS``; beyond, it is estimated from how densely the newest
``EXACT_HITS`` matches are spread over the index's rowids (a word held by more than
``EXACT_HITS`` sentences weighs next to nothing either way). Below that count the scores are
``bm25()``'s, to the last bit, and so is the order of equal scores (the candidates' order).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from .vocab import match_expression, phrases, scratch_index, search_terms

Query = Callable[[str, tuple[Any, ...]], list[Any]]
EXACT_HITS = 2000
K1, B = 1.2, 0.75  # FTS5's bm25() constants


def _varints(blob: bytes) -> list[int]:
    """SQLite's varints (FTS5's averages record): 7 bits a byte, high bit set on all but the last."""
    out, value = [], 0
    for byte in blob:  # a 9-byte varint (a total of 2**56 tokens) never occurs here
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            out.append(value)
            value = 0
    return out


def index_totals(query: Query) -> tuple[int, int]:
    """(rows, tokens) of the whole index, as ``bm25()`` reads them: the averages record."""
    rows = query("SELECT block FROM sentences_data WHERE id = 1", ())
    numbers = _varints(bytes(rows[0][0])) if rows and rows[0][0] else [0]
    return numbers[0], sum(numbers[1:])


def hits(query: Query, match: str) -> int:
    """How many sentences ``match`` holds: counted up to ``EXACT_HITS``, estimated beyond from the
    rowid span of the newest ``EXACT_HITS + 1`` (sentences fill rowids in order)."""
    rowids = [r[0] for r in query("SELECT rowid FROM sentences WHERE sentences MATCH ? ORDER BY rowid DESC LIMIT ?",
                                  (match, EXACT_HITS + 1))]
    if len(rowids) <= EXACT_HITS:
        return len(rowids)
    low, high = query("SELECT (SELECT min(id) FROM sentences_docsize), (SELECT max(id) FROM sentences_docsize)",
                      ())[0]  # one min() and one max() each: both in one SELECT would read every row
    span = rowids[0] - rowids[-1] + 1
    return max(len(rowids), round(len(rowids) * (high - low + 1) / span))


def frequencies(texts: Sequence[str], prefixes: list[str]) -> list[list[int]]:
    """How many tokens of each text start with each prefix, as the index's tokenizer makes them
    (``bm25()``'s phrase frequencies): the texts in a scratch index, its words read by prefix."""
    conn = scratch_index()
    out = [[0] * len(prefixes) for _ in texts]
    conn.execute("BEGIN")
    try:  # one transaction, rolled back: nothing to write, nothing to delete
        conn.executemany("INSERT INTO scratch (rowid, text) VALUES (?, ?)", enumerate(texts))
        for i, prefix in enumerate(prefixes):
            for doc, n in conn.execute("SELECT doc, count(*) FROM scratch_instances WHERE term >= ? AND term < ?"
                                       " GROUP BY doc", (prefix, prefix + "\U0010ffff")):
                out[doc][i] = n
    finally:
        conn.execute("ROLLBACK")
    return out


def lengths(query: Query, rowids: Sequence[int]) -> list[int]:
    """Each sentence's number of tokens, as the index recorded it (``bm25()``'s document length)."""
    sizes = {r[0]: sum(_varints(bytes(r[1]))) for r in query(
        f"SELECT id, sz FROM sentences_docsize WHERE id IN ({','.join('?' * len(rowids))})", tuple(rowids))}
    return [sizes.get(r, 0) for r in rowids]


def scores(query: Query, rows: Sequence[tuple[int, str]], prefixes: list[str],
           phrase_matches: list[str]) -> list[float]:
    """``bm25(sentences)`` of each candidate (rowid, text) for a query whose phrases are the
    single-word prefixes ``prefixes`` (``phrase_matches[i]`` finds the sentences of phrase i)."""
    total_rows, tokens = index_totals(query)
    avgdl = tokens / total_rows if total_rows else 1.0
    idf = []
    for match in phrase_matches:
        n = hits(query, match)
        value = math.log((total_rows - n + 0.5) / (n + 0.5))
        idf.append(value if value > 0.0 else 1e-6)
    out = []
    for length, freq in zip(lengths(query, [r[0] for r in rows]), frequencies([r[1] for r in rows], prefixes),
                            strict=True):
        norm = K1 * (1 - B + B * length / avgdl)
        score = 0.0
        for i, f in enumerate(freq):
            score += idf[i] * ((f * (K1 + 1.0)) / (f + norm))  # bm25()'s order of operations, bit for bit
        out.append(-1.0 * score)
    return out


def best_recent(query: Query, prefixes: list[str], phrase_matches: list[str], candidates: int,
                limit: int) -> list[Any]:
    """The ``limit`` best (doc, section, idx, text) by ``bm25()`` among the newest ``candidates``
    sentences that match every phrase: read newest first, so the cost does not grow with the
    number of matches. Equal scores keep the candidates' order, as SQLite's sort does."""
    rows = query("SELECT rowid, doc, section, idx, text FROM sentences WHERE sentences MATCH ?"
                 " ORDER BY rowid DESC LIMIT ?", (" AND ".join(phrase_matches), candidates))
    if not rows:
        return []
    score = scores(query, [(r[0], r[4]) for r in rows], prefixes, phrase_matches)
    return [tuple(rows[i])[1:] for i in sorted(range(len(rows)), key=lambda i: score[i])[:limit]]


def search(query: Query, text: str, candidates: int, limit: int) -> list[Any]:
    """/search's (doc, section, idx, text) rows: scored here when every term is spelled out as its
    words (``best_recent``), else by FTS5's ``bm25()`` over the prefix query, as before."""
    found = phrases(query, text)
    if not found or any(not m for m, _ in found):
        return []
    if all(spelled for _, spelled in found):
        return best_recent(query, search_terms(text), [m for m, _ in found], candidates, limit)
    return query("WITH recent AS (SELECT bm25(sentences) AS score, doc, section, idx, text FROM sentences"
                 " WHERE sentences MATCH ? ORDER BY rowid DESC LIMIT ?)"
                 " SELECT doc, section, idx, text FROM recent ORDER BY score LIMIT ?",
                 (match_expression(text), candidates, limit))
