"""One page of a long answer, read with indexed queries instead of parsing every fact.

Why: at 100 000 articles one supplier has thousands of acquisitions and one partner thousands
of facts; parsing them all for an answer took hundreds of ms and hundreds of MB. A long answer
(``handlers.paging``) shows a summary first — counts by relation, the latest claims and events,
the top systems — and reads each further page when it is asked for: the rows of that page only
(``LIMIT``/``OFFSET`` over the ``fact_countries`` and ``facts_kind`` indexes), grouped and
counted by SQLite, each page's records parsed and nothing else.

Only compiled articles have facts (the compiler writes none for a duplicate or a skipped file),
so nothing here joins ``documents`` except for an article's date.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .base import translated
from .facts import FactStore, Record


def _scope(kind: str, country: str | None, category: str | None = None,
           span: tuple[int, int] | None = None) -> tuple[str, list[Any]]:
    """``FROM … WHERE …`` (with ``{join}`` where a join may go) for the facts of one kind, filed
    under ``country`` (any when None), of one category, in a span of years; the facts table is ``f``."""
    args: list[Any]
    if country is None:
        sql, args = "FROM facts f {join} WHERE f.kind = ?", [kind]
    else:
        sql = "FROM fact_countries c JOIN facts f ON f.id = c.fact_id {join} WHERE c.country = ? AND f.kind = ?"
        args = [country, kind]
    if category is not None:
        sql += " AND json_extract(f.data, '$.category') = ?"
        args.append(category)
    if span is not None:
        sql += " AND f.year BETWEEN ? AND ?"
        args += [span[0], span[1]]
    return sql, args


def _where(kind: str, country: str | None, category: str | None = None, span: tuple[int, int] | None = None,
           join: str = "") -> tuple[str, list[Any]]:
    sql, args = _scope(kind, country, category, span)
    return sql.replace("{join}", join), args


def fact_count(store: FactStore, kind: str, country: str | None = None, category: str | None = None,
               span: tuple[int, int] | None = None, upto: int | None = None) -> int:
    """How many facts of ``kind`` (filed under ``country``…): an index count, no row parsed;
    with ``upto``, counting stops there (whether an answer is long costs the same at any size)."""
    if country is None and category is None and span is None and store.summarised():
        n = store.tallies(f"kind:{kind}").get(f"kind:{kind}", 0)
        return n if upto is None else min(n, upto)
    where, args = _where(kind, country, category, span)
    if upto is not None:
        return int(store._query(f"SELECT count(*) FROM (SELECT 1 {where} LIMIT ?)", [*args, upto])[0][0])
    return int(store._query(f"SELECT count(*) {where}", args)[0][0])


def partner_articles(store: FactStore, country: str) -> int:
    """How many articles name ``country`` as a partner (kept per partner in a file with tallies)."""
    if store.summarised():
        rows = store._query("SELECT articles FROM partner_tallies WHERE country = ?", (country,))
        return int(rows[0][0]) if rows else 0
    where, args = _where("partner", country)
    return int(store._query(f"SELECT count(DISTINCT f.doc) {where}", args)[0][0])


_DATE = "coalesce(json_extract(f.data, '$.date'), '')"


def events(store: FactStore, country: str | None, span: tuple[int, int] | None, offset: int, limit: int,
           newest: bool = False) -> list[Record]:
    """Dated events (with ``country``, in ``span``) in date order — ``newest`` first when asked —
    from ``offset``; the order of ``handlers.cooperation``'s timeline (date, then id)."""
    where, args = _where("event", country, span=span)
    order = f"{_DATE} DESC, f.id DESC" if newest else f"{_DATE}, f.id"
    return [json.loads(r[0]) for r in store._query(f"SELECT f.data {where} ORDER BY {order} LIMIT ? OFFSET ?",
                                                   [*args, limit, offset])]


def documents_page(store: FactStore, offset: int, limit: int) -> list[Any]:
    """Compiled articles, newest first (``/sources``), one page."""
    return store._query("SELECT * FROM documents WHERE status = 'ok' ORDER BY coalesce(published, '') DESC,"
                        " name DESC LIMIT ? OFFSET ?", (limit, offset))


def suppliers(store: FactStore) -> list[str]:
    """Every country some acquisition is bought from."""
    return [str(r[0]) for r in store._query(
        "SELECT DISTINCT c.country FROM facts f JOIN fact_countries c ON c.fact_id = f.id"
        " WHERE f.kind = 'acquisition'")]


# ---------------------------------------------------------------- narrow rows for the in-memory indexes

def _stream(store: FactStore, sql: str, args: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql`` as plain tuples, one at a time: a narrow scan of 100 000s of rows
    builds no list of ``sqlite3.Row`` (what the reader's peak memory would grow with)."""
    with translated(store.path):
        cursor = store.conn.cursor()
        cursor.row_factory = None
        yield from cursor.execute(sql, args)


def acquisition_rows(store: FactStore) -> Iterator[tuple[int, str, str | None, str | None, str, int | None, str]]:
    """(id, claim, supplier, category, system, year, article date) of every acquisition, in id
    order: what ordering, grouping and counting claims needs (``handlers.index``), no quote, no JSON
    object built."""
    return _stream(store, "SELECT f.id, coalesce(f.claim, 'id:' || f.id), json_extract(f.data, '$.supplier'),"
                   " json_extract(f.data, '$.category'), coalesce(json_extract(f.data, '$.system'), ''), f.year,"
                   " coalesce(d.published, '') FROM facts f JOIN documents d ON d.name = f.doc"
                   " WHERE f.kind = 'acquisition' ORDER BY f.id")


def event_rows(store: FactStore) -> Iterator[tuple[int, str, int | None, str | None]]:
    """(id, date or '', year, country) of every event, once per country it is filed under (once
    with None when it has none), in id order."""
    return _stream(store, "SELECT f.id, coalesce(json_extract(f.data, '$.date'), ''), f.year, c.country FROM facts f"
                   " LEFT JOIN fact_countries c ON c.fact_id = f.id WHERE f.kind = 'event' ORDER BY f.id")


def relation_rows(store: FactStore) -> list[tuple[str, str, int, int]]:
    """(country, relation, facts, articles) of the partner facts."""
    return [(str(r[0]), str(r[1]), int(r[2]), int(r[3])) for r in store._query(
        "SELECT c.country, coalesce(json_extract(f.data, '$.relation'), '') AS r, count(*), count(DISTINCT f.doc)"
        " FROM facts f JOIN fact_countries c ON c.fact_id = f.id WHERE f.kind = 'partner' GROUP BY c.country, r")]


def records(store: FactStore, ids: list[int]) -> dict[int, Record]:
    """The records of the facts ``ids`` (a page's), by id."""
    out: dict[int, Record] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = store._query(f"SELECT id, data FROM facts WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        out.update((int(r[0]), json.loads(r[1])) for r in rows)
    return out


def documents_named(store: FactStore, names: list[str]) -> list[Any]:
    """The ``documents`` rows of the given names (the articles an answer cites), in one query per 500."""
    out: list[Any] = []
    for start in range(0, len(names), 500):
        chunk = names[start:start + 500]
        out += store._query(f"SELECT * FROM documents WHERE name IN ({','.join('?' * len(chunk))})", chunk)
    return out


def budget_rows(store: FactStore) -> Iterator[tuple[int, int | None, float | None, str, int, str, str | None]]:
    """(id, year, amount, currency, approximate, scope, country) of every budget figure, in id order:
    what grouping the totals and counting the other figures needs, without quotes."""
    return _stream(store, "SELECT id, json_extract(data, '$.year'), json_extract(data, '$.amount'),"
                   " coalesce(json_extract(data, '$.currency'), ''), coalesce(json_extract(data, '$.approximate'), 0),"
                   " coalesce(json_extract(data, '$.scope'), 'total'), json_extract(data, '$.country')"
                   " FROM facts WHERE kind = 'budget' ORDER BY id")


MATCHES_COUNTED = 1_000  # /search counts its matches up to this many, then says "more than" (cost grows up to it)


def match_count(store: FactStore, query: str) -> int:
    """How many sentences of compiled articles match ``query``, up to ``MATCHES_COUNTED``; one more
    than that stands for "more". Counted by the full-text index alone, newest first, and only as
    far as needed (counting 145 000 matches of a common word at 100 000 articles took 80 ms),
    less the matches inside the rowid ranges of the few files that are not compiled articles."""
    match = store.match(query)
    if not match:
        return 0
    outside = sum(int(store._query("SELECT count(*) FROM sentences WHERE sentences MATCH ? AND rowid BETWEEN ? AND ?",
                                   (match, first, last))[0][0])
                  for first, last in store._query("SELECT first_sentence, last_sentence FROM documents"
                                                  " WHERE status != 'ok' AND first_sentence IS NOT NULL"))
    enough = MATCHES_COUNTED + outside + 1  # reaching it, the articles' own are more than MATCHES_COUNTED
    seen = int(store._query("SELECT count(*) FROM (SELECT 1 FROM sentences WHERE sentences MATCH ? LIMIT ?)",
                            (match, enough))[0][0])
    return MATCHES_COUNTED + 1 if seen >= enough else seen - outside
