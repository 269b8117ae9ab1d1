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
from dataclasses import dataclass
from typing import Any

from .facts import FactStore, Record

CITED = 3  # articles cited per claim on a page of a long answer; the rest are counted


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
               span: tuple[int, int] | None = None) -> int:
    """How many facts of ``kind`` (filed under ``country``…): an index count, no row parsed."""
    if country is None and category is None and span is None and store.summarised():
        return store.tallies(f"kind:{kind}").get(f"kind:{kind}", 0)
    where, args = _where(kind, country, category, span)
    return int(store._query(f"SELECT count(*) {where}", args)[0][0])


@dataclass
class Claim:
    """One acquisition claim: its newest statement, the newest ``CITED`` statements (records) and
    how many articles state it in all."""

    first: Record
    cited: list[Record]
    facts: int


# A claim sorts as its newest statement does in ``handlers.common.newest_first``: by its own year
# (none last), then its newest article's date, then the system; the claim key breaks ties.
_CLAIMS = """WITH a AS MATERIALIZED (
    SELECT f.id, coalesce(f.claim, 'id:' || f.id) AS claim, f.year, coalesce(d.published, '') AS published,
           coalesce(json_extract(f.data, '$.system'), '') AS system, f.data
    {where}),
page AS (
    SELECT claim, count(*) AS n, row_number() OVER (ORDER BY max(year) IS NOT NULL DESC, max(year) DESC,
           max(published) DESC, min(system), claim) AS rank
    FROM a GROUP BY claim ORDER BY rank LIMIT ? OFFSET ?),
ranked AS (
    SELECT page.rank, page.n, a.data, row_number() OVER (PARTITION BY a.claim ORDER BY a.published DESC,
           a.system, a.id) AS nth
    FROM page JOIN a ON a.claim = page.claim)
SELECT rank, n, data FROM ranked WHERE nth <= ? ORDER BY rank, nth"""


def claims(store: FactStore, country: str | None, category: str | None, offset: int, limit: int) -> list[Claim]:
    """Acquisition claims ``offset`` to ``offset + limit`` (supplier ``country``, ``category``),
    newest first; each with its ``CITED`` newest statements."""
    where, args = _where("acquisition", country, category, join="JOIN documents d ON d.name = f.doc")
    rows = store._query(_CLAIMS.format(where=where), [*args, limit, offset, CITED])
    out: dict[int, Claim] = {}
    for rank, n, data in rows:
        record = json.loads(data)
        claim = out.get(rank)
        if claim is None:
            out[rank] = Claim(record, [record], int(n))
        else:
            claim.cited.append(record)
    return list(out.values())


def claim_count(store: FactStore, country: str | None, category: str | None = None) -> int:
    """How many distinct claims the acquisitions of ``country`` (and ``category``) make."""
    where, args = _where("acquisition", country, category)
    return int(store._query(f"SELECT count(DISTINCT coalesce(f.claim, 'id:' || f.id)) {where}", args)[0][0])


def top_systems(store: FactStore, country: str | None, limit: int) -> list[tuple[str, int]]:
    """The systems most often stated as acquired from ``country``, with how many statements."""
    where, args = _where("acquisition", country)
    return [(str(r[0]), int(r[1])) for r in store._query(
        f"SELECT json_extract(f.data, '$.system') AS s, count(*) AS n {where} AND s IS NOT NULL"
        " GROUP BY s ORDER BY n DESC, s LIMIT ?", [*args, limit])]


def relations(store: FactStore, country: str) -> list[tuple[str, int, int]]:
    """(relation, facts, articles) of the partner facts naming ``country``, most articles first."""
    where, args = _where("partner", country)
    return [(str(r[0]), int(r[1]), int(r[2])) for r in store._query(
        f"SELECT coalesce(json_extract(f.data, '$.relation'), '') AS r, count(*), count(DISTINCT f.doc)"
        f" {where} GROUP BY r ORDER BY 3 DESC, r", args)]


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


def prospects(store: FactStore, country: str | None, category: str | None, offset: int,
              limit: int) -> list[Record]:
    """Negotiations and dropped options (supplier ``country``, ``category``), by status then id."""
    where, args = _where("prospect", country, category)
    return [json.loads(r[0]) for r in store._query(
        f"SELECT f.data {where} ORDER BY json_extract(f.data, '$.status') = 'cancelled', f.id LIMIT ? OFFSET ?",
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
