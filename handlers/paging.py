"""Long answers: a summary first page, the rest read page by page when it is asked for.

Why: at 100 000 articles a supplier has thousands of acquisitions and a partner thousands of
facts. Building such an answer whole meant parsing every one of them (hundreds of ms, hundreds
of MB kept), and nobody reads 400 embed pages. An answer resting on more than ``LONG`` facts is
built from indexed queries instead (``facts.store.pages``): its first page gives the counts (by
relation, claims, events, their first and last dates), the top systems and the latest claims and
events; every further page lists ``PAGE`` claims or events and quotes their sources, read with
``LIMIT``/``OFFSET`` when the Discord paginator (or the console) turns to it. No page reads more
rows than it shows, beyond SQLite's counting and sorting of index entries. Shorter answers are
built whole, as before (``handlers.cooperation``): the same text for the same facts.

On a page, a claim cites its ``CITED`` newest articles and counts the others; sources are
numbered per page.
"""

from __future__ import annotations

from dataclasses import dataclass

from facts.lexicon import flag
from facts.models import Acquisition, Event, fact_from_json
from facts.store import Record
from facts.store import pages as sql
from handlers import index
from handlers.answers import Answer, More, Section, SourceList
from handlers.common import View
from handlers.formatting import articles, show_date
from handlers.i18n import N_, ntr, tr
from handlers.words import RELATION_WORDS, word

LONG = 200  # facts behind an answer beyond which it is paged
PAGE = 15  # claims or events on a page
PREVIEW = 5  # latest claims and events on a long partner's first page
TOP_SYSTEMS = 5
CITED = 3  # articles cited per claim on a page; the others are counted


def count(view: View, kind: str, code: str | None = None, category: str | None = None,
          span: tuple[int, int] | None = None) -> int:
    """Facts of ``kind`` (filed under ``code``, of ``category``, in ``span``), counted up to
    ``LONG + 1`` only: whether an answer is long costs the same at any size."""
    return view.snapshot.read(lambda s: sql.fact_count(s, kind, code, category, span, upto=LONG + 1))


def _records(view: View, ids: list[int]) -> dict[int, Record]:
    """The records of a page's facts, and their articles' rows read in one go."""
    records = view.snapshot.read(lambda s: sql.records(s, ids))
    view.snapshot.docs.preload({str(r["doc"]) for r in records.values()})
    return records


def _event(record: Record) -> Event:
    fact = fact_from_json(record)
    assert isinstance(fact, Event)
    return fact


def _acquisition(record: Record) -> Acquisition:
    fact = fact_from_json(record)
    assert isinstance(fact, Acquisition)
    return fact


def _claim_lines(view: View, src: SourceList, code: str | None, cat: str | None, offset: int,
                 limit: int) -> list[str]:
    """One line per claim, newest first, citing its newest articles and counting the others."""
    from handlers.cooperation import acquisition_line

    groups = index.claims(view, code, cat)[offset:offset + limit]
    records = _records(view, [r.id for g in groups for r in g[:CITED]])
    lines = []
    for group in groups:
        cited = [_acquisition(records[r.id]) for r in group[:CITED]]
        marks = list(dict.fromkeys(src.cite(f.evidence) for f in cited))
        line = acquisition_line(cited[0], "\0", with_supplier=code is None)
        joined = ("; " if any(" " in m for m in marks) else "").join(marks)  # as ``cooperation.claim_line``
        if len(group) > len(cited):
            joined += " " + ntr("and {n} more article", "and {n} more articles", len(group) - len(cited))
        lines.append(line.replace("\0", joined))
    return lines


def _event_lines(view: View, src: SourceList, code: str | None, span: tuple[int, int] | None, offset: int,
                 limit: int, newest: bool = False) -> list[str]:
    from handlers.cooperation import event_line

    rows = index.events(view, code, span)
    chosen = rows[::-1][offset:offset + limit] if newest else rows[offset:offset + limit]
    records = _records(view, [r.id for r in chosen])
    facts = [_event(records[r.id]) for r in chosen]
    return [event_line(f, src.cite(f.evidence), skip=code) for f in facts]


def prospects_of(view: View, code: str | None, cat: str | None) -> list[Acquisition]:
    """Negotiations and dropped options (from ``code``, of ``cat``), negotiations first, in id order:
    a few in any base, so read all at once (filed by supplier, they would be found among all the
    country's facts)."""
    rows = [f for f in view.prospects() if (code is None or f.supplier == code) and (cat is None or f.category == cat)]
    return sorted(rows, key=lambda f: f.status == "cancelled")


def _indexed(view: View) -> bool:
    """Whether the acquisitions' index is built (by the warm-up): then it answers counts at once."""
    return view.snapshot.has_derived("index-acquisitions")


def _prospect_sections(view: View, src: SourceList, code: str | None, cat: str | None, offset: int,
                       limit: int) -> list[Section]:
    from handlers.cooperation import acquisition_line

    rows = prospects_of(view, code, cat)[offset:offset + limit]
    out = []
    for status, title in (("negotiating", N_("Under negotiation")), ("cancelled", N_("Dropped"))):
        lines = [acquisition_line(f, src.cite(f.evidence), with_status=False) for f in rows if f.status == status]
        if lines:
            out.append(Section(tr(title), lines))
    return out


def acquisitions_of(view: View, code: str | None, cat: str | None) -> list[Acquisition]:
    """Every acquisition from ``code`` of ``cat`` (None: any), newest first, for an answer that is not
    long: the supplier's own facts, or those the index lists when the base holds more than ``LONG``."""
    from handlers.common import newest_first

    if _indexed(view) or count(view, "acquisition", code) > LONG:  # the index, not every fact of the supplier
        ids = [r.id for r in index.of_supplier(view, code) if cat is None or r.category == cat]
        records = _records(view, ids)
        return [_acquisition(records[i]) for i in ids]
    rows = [f for f in view.acquisitions(code) if (code is None or f.supplier == code)
            and (cat is None or f.category == cat)]
    return newest_first(rows, view)


def _first_and_last(view: View, code: str | None, span: tuple[int, int] | None) -> tuple[Event, Event] | None:
    rows = index.events(view, code, span)
    if not rows:
        return None
    records = _records(view, [rows[0].id, rows[-1].id])
    return _event(records[rows[0].id]), _event(records[rows[-1].id])


@dataclass(frozen=True)
class Part:
    """What one page after the first lists: claims, events or prospects, from ``offset``."""

    what: str  # claims | events | prospects
    offset: int


def _parts(what: str, total: int, start: int = 0) -> list[Part]:
    return [Part(what, o) for o in range(start, total, PAGE)]


Key = tuple[str | int | None, ...]


def _page_of(view: View, key: Key, parts: list[Part], n: int, code: str | None, cat: str | None,
             span: tuple[int, int] | None, title: str, heading: str, totals: dict[str, int]) -> Answer:
    """Page ``n`` (2…) of a long answer whose later pages are ``parts``."""
    if not 2 <= n <= len(parts) + 1:
        return Answer(title=title, kind="not_found", summary=tr("No page {n}: this answer has {pages}.", n=n,
                                                                pages=ntr("{n} page", "{n} pages", len(parts) + 1)))
    part = parts[n - 2]
    src = view.sources()
    if part.what == "claims":
        sections = [Section(heading, _claim_lines(view, src, code, cat, part.offset, PAGE))]
        label = tr("Acquisitions")
    elif part.what == "events":
        sections = [Section(tr("Dated events"), _event_lines(view, src, code, span, part.offset, PAGE))]
        label = tr("Dated events")
    else:
        sections = _prospect_sections(view, src, code, cat, part.offset, PAGE)
        label = tr("Under negotiation") + " / " + tr("Dropped")
    last = min(part.offset + PAGE, totals[part.what])
    summary = tr("{what}, {first} to {last} of {total}.", what=label, first=part.offset + 1, last=last,
                 total=totals[part.what])
    return Answer(title=title, summary=summary, sections=sections, sources=src.sources(),
                  more=More(key, len(parts) + 1, n))


def _more_note(pages: int) -> str:
    return " " + ntr("The full lists follow on {n} more page.", "The full lists follow on {n} more pages.", pages - 1)


# ---------------------------------------------------------------- /partner


def partner_is_long(view: View, code: str) -> bool:
    seen = 0
    for kind in ("partner", "event", "acquisition"):  # each count stops at LONG + 1; so does the sum
        seen += index.count(view, code, None) if kind == "acquisition" and _indexed(view) else count(view, kind, code)
        if seen > LONG:
            return True
    return seen + len(prospects_of(view, code, None)) > LONG


def _partner_totals(view: View, code: str) -> dict[str, int]:
    return {"claims": len(index.claims(view, code, None)), "events": len(index.events(view, code, None)),
            "prospects": len(prospects_of(view, code, None))}


def _partner_parts(view: View, code: str) -> list[Part]:
    totals = _partner_totals(view, code)
    return (_parts("claims", totals["claims"]) + _parts("events", totals["events"])
            + _parts("prospects", totals["prospects"]))


def long_partner(view: View, code: str) -> Answer:
    """The first page of a long /partner answer: counts, top systems, the latest claims and events."""
    from handlers.resolve import display_name

    name = display_name(code)
    totals = _partner_totals(view, code)
    relations = index.relations(view, code)
    n_docs = view.snapshot.read(lambda s: sql.partner_articles(s, code))
    src = view.sources()
    sections = []
    if relations:
        sections.append(Section(tr("Articles by relation"),
                                [f"{word(RELATION_WORDS, r)}: {articles(n)}" for r, _, n in relations]))
    top = index.top_systems(view, code, TOP_SYSTEMS)
    if top:
        sections.append(Section(tr("Systems most often named"),
                                [f"{system}: " + ntr("{n} statement", "{n} statements", n) for system, n in top]))
    if totals["claims"]:
        sections.append(Section(tr("Latest acquisitions"), _claim_lines(view, src, code, None, 0, PREVIEW)))
    if totals["events"]:
        sections.append(Section(tr("Latest dated events"), _event_lines(view, src, code, None, 0, PREVIEW, True)))
    said = tr("in {n} of the {articles}", n=n_docs, articles=articles(view.n_articles))
    shown = [tr(RELATION_WORDS[r]) for r in RELATION_WORDS if any(r == x for x, _, _ in relations)]
    summary = (tr("{name}: defence partner of Morocco {said}", name=name, said=said)
               + (f" ({', '.join(shown)})" if shown else "")
               + "; " + ntr("{n} acquisition", "{n} acquisitions", totals["claims"]) + ", "
               + ntr("{n} dated event", "{n} dated events", totals["events"]))
    ends = _first_and_last(view, code, None)
    if ends is not None and totals["events"] > 1:
        summary += " (" + tr("{start} to {end}", start=show_date(ends[0].date, ends[0].precision),
                             end=show_date(ends[1].date, ends[1].precision)) + ")"
    if totals["prospects"]:
        summary += "; " + ntr("{n} system under negotiation or dropped, listed apart",
                              "{n} systems under negotiation or dropped, listed apart", totals["prospects"])
    pages = len(_partner_parts(view, code)) + 1
    return Answer(title=tr("{flag} Morocco – {name}", flag=flag(code), name=name).strip(),
                  summary=summary + "." + _more_note(pages), sections=sections, sources=src.sources(),
                  more=More(("partner", code), pages))


def partner_page(view: View, code: str, n: int) -> Answer:
    from handlers.resolve import display_name

    name = display_name(code)
    title = tr("{flag} Morocco – {name}", flag=flag(code), name=name).strip()
    return _page_of(view, ("partner", code), _partner_parts(view, code), n, code, None, None, title,
                    tr("Acquisitions from {name}", name=name), _partner_totals(view, code))


# ---------------------------------------------------------------- /acquisitions


def acquisitions_are_long(view: View, code: str | None, cat: str | None) -> bool:
    if _indexed(view):
        return index.count(view, code, cat) > LONG
    if count(view, "acquisition", code) <= LONG:
        return False  # a category is a part of it
    return cat is None or index.count(view, code, cat) > LONG


def _acq_totals(view: View, code: str | None, cat: str | None) -> dict[str, int]:
    return {"claims": len(index.claims(view, code, cat)),
            "prospects": len(prospects_of(view, code, cat))}


def _acq_parts(view: View, code: str | None, cat: str | None) -> list[Part]:
    totals = _acq_totals(view, code, cat)
    return _parts("claims", totals["claims"], PAGE) + _parts("prospects", totals["prospects"])


def long_acquisitions(view: View, code: str | None, cat: str | None, label: str) -> Answer:
    """The first page of a long /acquisitions answer: the count and the newest ``PAGE`` claims."""
    totals = _acq_totals(view, code, cat)
    src = view.sources()
    lines = _claim_lines(view, src, code, cat, 0, PAGE)
    summary = tr("{acquisitions}{label}, newest first (by the acquisition's own year, then its article's date)",
                 acquisitions=ntr("{n} acquisition", "{n} acquisitions", totals["claims"]),
                 label=" " + label if label else "")
    if totals["prospects"]:
        summary += "; " + ntr("{n} system under negotiation or dropped, listed apart",
                              "{n} systems under negotiation or dropped, listed apart", totals["prospects"])
    pages = len(_acq_parts(view, code, cat)) + 1
    return Answer(title=tr("Acquisitions"), summary=summary + "." + _more_note(pages),
                  sections=[Section(tr("Systems"), lines)], sources=src.sources(),
                  more=More(("acquisitions", code, cat), pages))


def acquisitions_page(view: View, code: str | None, cat: str | None, n: int) -> Answer:
    return _page_of(view, ("acquisitions", code, cat), _acq_parts(view, code, cat), n, code, cat, None,
                    tr("Acquisitions"), tr("Systems"), _acq_totals(view, code, cat))


# ---------------------------------------------------------------- /timeline


def timeline_is_long(view: View, code: str | None, span: tuple[int, int] | None) -> bool:
    return count(view, "event", code, span=span) > LONG


def events_of(view: View, code: str | None, span: tuple[int, int] | None) -> list[Event]:
    """Every dated event with ``code`` (any: None) in ``span``, in date order (then id): for an answer
    that is not long, so it reads at most ``LONG`` rows."""
    rows = view.snapshot.read(lambda s: sql.events(s, code, span, 0, LONG + 1))
    view.snapshot.docs.preload({str(r["doc"]) for r in rows})
    return [_event(r) for r in rows]


def long_timeline(view: View, code: str | None, span: tuple[int, int] | None, who: str) -> Answer:
    """The first page of a long /timeline answer: the count, first and last dates, the first events."""
    total = len(index.events(view, code, span))
    ends = _first_and_last(view, code, span)
    assert ends is not None
    first, last = (show_date(f.date, f.precision) for f in ends)
    src = view.sources()
    lines = _event_lines(view, src, code, span, 0, PAGE)
    span_text = tr("on {date}", date=first) if first == last else tr("from {start} to {end}", start=first, end=last)
    pages = len(_parts("events", total, PAGE)) + 1
    summary = ntr("{n} dated event", "{n} dated events", total) + f"{who}, {span_text}." + _more_note(pages)
    return Answer(title=tr("Timeline{who}", who=who), summary=summary, sections=[Section(tr("Events"), lines)],
                  sources=src.sources(),
                  more=More(("timeline", code, *(span or (None, None))), pages))


def timeline_page(view: View, code: str | None, span: tuple[int, int] | None, who: str, n: int) -> Answer:
    total = len(index.events(view, code, span))
    key = ("timeline", code, *(span or (None, None)))
    return _page_of(view, key, _parts("events", total, PAGE), n, code, None, span, tr("Timeline{who}", who=who),
                    tr("Events"), {"events": total})


def page(view: View, key: tuple[str | int | None, ...], n: int) -> Answer:
    """Page ``n`` of the long answer ``key`` (``More.key``), memoised like the answers."""
    return view.memo(("page", key, n), lambda: _page(view, key, n))


def _page(view: View, key: tuple[str | int | None, ...], n: int) -> Answer:
    from handlers.cooperation import timeline_who
    from handlers.library import sources_page

    what, *args = key
    if what == "partner" and isinstance(args[0], str):
        return partner_page(view, args[0], n)
    if what == "acquisitions":
        code, cat = (a if isinstance(a, str) else None for a in args)
        return acquisitions_page(view, code, cat, n)
    if what == "timeline":
        code = args[0] if isinstance(args[0], str) else None
        span = (args[1], args[2]) if isinstance(args[1], int) and isinstance(args[2], int) else None
        return timeline_page(view, code, span, timeline_who(code, span), n)
    if what == "sources":
        return sources_page(view, n)
    raise ValueError(f"no such long answer: {key!r}")
