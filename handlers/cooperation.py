"""/partner, /acquisitions and /timeline: who Morocco works with, what it bought, when things happened.

Only facts filed under the asked country are shown: an acquisition must name that
country as supplier, an event must list it. A country with nothing on record gets a
plain "no recorded cooperation", never a neighbour's facts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from facts.lexicon import flag, fold, manufacturers, never_partner
from facts.models import CATEGORIES, Acquisition, Event, Partner
from handlers.answers import Answer, Section, SourceList
from handlers.common import View, category_of, check_text, country_label, error, newest_first
from handlers.formatting import articles, echo, format_value, show_date
from handlers.i18n import N_, ntr, tr
from handlers.names import maker_named, organisation_named
from handlers.paging import (
    acquisitions_are_long,
    acquisitions_of,
    events_of,
    long_acquisitions,
    long_partner,
    long_timeline,
    partner_is_long,
    prospects_of,
    timeline_is_long,
)
from handlers.resolve import Resolution, display_name, resolve_country
from handlers.words import CATEGORY_WORDS, EVENT_WORDS, RELATION_WORDS, STATUS_WORDS, word


def not_a_country(res: Resolution, view: View, what: str) -> Answer | tuple[str, str] | None:
    """A name that is no country, read before any typo guess ('Lockheed Martin' is no
    Saint-Martin, 'Polisario' no Poland): a manufacturer gives (its name, its country), an
    organisation or movement an answer saying so plainly; None when neither."""
    if res.how in ("exact", "code", "flag"):
        return None
    maker = maker_named(res.query)
    if maker is not None:
        return maker.name, maker.country
    org = organisation_named(res.query)
    if org is not None:
        return Answer(title=tr("{name}: not a state", name=echo(org)), kind="not_found",
                      summary=tr("{name} is an organisation or movement, not a state, so it is never a {what}"
                                 " here. Its mentions: `/search {query}`.", name=echo(org), what=tr(what),
                                 query=echo(org, 60)),
                      suggestions=[f"/search {org}"])
    return None


def unresolved(res: Resolution, view: View, what: str = "country") -> Answer:
    """Suggestions for a word that names no country (or several)."""
    shown = echo(res.query)
    if res.suggestions:
        names = [f"{country_label(c)} ({c})" for c in res.suggestions]
        return Answer(title=tr("Which {what}?", what=tr(what)), kind="suggestion", suggestions=names,
                      summary=tr("I don't know a {what} called \"{query}\". Closest: {names}.", what=tr(what),
                                 query=shown, names="; ".join(names)))
    partners = sorted(view.partner_counts())
    names = [f"{country_label(c)} ({c})" for c in partners]
    return Answer(title=tr("Unknown {what}", what=tr(what)), kind="suggestion", suggestions=names,
                  summary=tr("I don't know a {what} called \"{query}\". Partners on record: {names}.",
                             what=tr(what), query=shown, names="; ".join(names) if names else tr("none yet")))


def acquisition_line(f: Acquisition, cite: str, with_supplier: bool = False, with_status: bool = True) -> str:
    """'Heron (drone) — delivered, quantity 3, maker Israel Aerospace Industries, value 50 million USD [2]'."""
    parts = []
    if with_status and f.status in STATUS_WORDS:
        parts.append(tr(STATUS_WORDS[f.status]))
    if with_supplier:
        parts.append(tr("from {country}", country=country_label(f.supplier)))
    if f.quantity:
        parts.append(tr("quantity {n}", n=f.quantity))
    if f.year:
        parts.append(tr("year {year}", year=f.year))
    if f.manufacturer:
        parts.append(tr("maker {name}", name=f.manufacturer))
    value = format_value(f.value)
    if value:
        parts.append(tr("value {amount}", amount=value))
    head = f"{f.system or '?'} ({word(CATEGORY_WORDS, f.category or 'other')})"
    return f"{head} — {', '.join(parts)} {cite}" if parts else f"{head} {cite}"


def one_per_claim(facts: list[Acquisition]) -> list[list[Acquisition]]:
    """The same acquisition stated in several places (two pages, a title and its body) is one
    claim with several sources: facts grouped by system, supplier, status, quantity and year,
    in the order of their first statement. Counts are the number of groups, as listed."""
    groups: dict[tuple[object, ...], list[Acquisition]] = {}
    for f in facts:
        key = (fold(f.system or ""), f.supplier, f.status, f.quantity, f.year)
        groups.setdefault(key, []).append(f)
    return list(groups.values())


def claim_line(group: list[Acquisition], src: SourceList, with_supplier: bool = False,
               with_status: bool = True) -> str:
    """One line per claim, citing every article that states it: 'H135 (helicopter) — … [1][2]'."""
    marks = sorted({src.cite(f.evidence) for f in group}, key=lambda m: int(m[1:m.index("]")]))
    joined = ("; " if any(" " in m for m in marks) else "").join(marks)
    return acquisition_line(group[0], joined, with_supplier=with_supplier, with_status=with_status)


def event_line(f: Event, cite: str, skip: str | None = None) -> str:
    """'2025-03-28 · meeting in New Delhi — Sanjeev Kumar, Mohamed Maliki · with 🇮🇳 India [3]'."""
    what = word(EVENT_WORDS, f.type or "event")
    if f.name:
        what += f" \"{f.name}\""
    if f.place:
        what += " " + tr("in {place}", place=f.place)
    line = f"{show_date(f.date, f.precision)} · {what}"
    people = [p for p in f.people if p]
    if people:
        line += " — " + ", ".join(people)
    others = [c for c in f.countries if c != skip]
    if others:
        line += " · " + tr("with {countries}", countries=", ".join(country_label(c) for c in others))
    return f"{line} {cite}"


def _companies(code: str, quotes: list[str]) -> list[str]:
    """Manufacturers of this country named in the quoted sentences (who took part)."""
    found = []
    for maker in manufacturers():
        if maker.get("country") != code:
            continue
        if any(name in q for name in [maker["name"], *maker.get("aliases", [])] for q in quotes):
            found.append(maker["name"])
    return found


def partner(view: View, query: str) -> Answer:
    bad = check_text(query, N_("country"), tr("/partner Turkey"))
    if bad:
        return bad
    res = resolve_country(query)
    other = not_a_country(res, view, "partner")
    if isinstance(other, Answer):
        return other
    if other is not None:  # a manufacturer: its country
        maker_name, code = other
        answer = partner_for(view, code)
        return replace(answer, summary=tr("{maker} is a company of {country}; showing {country} (its acquisitions:"
                                          " `/acquisitions maker:{maker}`). ", maker=maker_name,
                                          country=display_name(code)) + answer.summary)
    if res.code is None:
        return unresolved(res, view)
    code, name = res.code, display_name(res.code)
    if code in never_partner():
        return Answer(title=f"{flag(code)} {name}", kind="not_found",
                      summary=tr("{name} is the subject of every article, not a partner. Ask about a partner, "
                                 "for example `/partner Turkey`.", name=name))
    return partner_for(view, code)


def partner_for(view: View, code: str) -> Answer:
    """The answer for a resolved partner: depends only on the code and the fact-base version."""
    return view.memo(("partner", code), lambda: _partner(view, code))


def _partner(view: View, code: str) -> Answer:
    if partner_is_long(view, code):
        return long_partner(view, code)  # a summary first, the rest page by page (``handlers.paging``)
    name = display_name(code)
    mentions = view.partners(code)
    acqs = [f for f in view.acquisitions(code) if f.supplier == code]
    prospects = prospects_of(view, code, None)
    events = [f for f in view.events(code) if code in f.countries]
    view.snapshot.docs.preload({p.evidence.doc for p in mentions} | {f.evidence.doc for f in acqs + prospects}
                               | {e.evidence.doc for e in events})
    if not (mentions or acqs or events or prospects):
        return Answer(title=f"{flag(code)} {name}".strip(), kind="not_found",
                      summary=tr("No recorded defence cooperation with {name} in the {articles}.", name=name,
                                 articles=articles(view.n_articles)))
    src = view.sources()
    for p in mentions:
        src.cite(p.evidence)  # the sentences naming the partner come first among the quotes
    acqs = newest_first(acqs, view)
    events.sort(key=lambda f: f.date or "")
    sections = []
    claims = one_per_claim(acqs)
    if claims:
        lines = [claim_line(g, src) for g in claims]
        sections.append(Section(tr("Acquisitions from {name}", name=name), lines))
    if events:
        sections.append(Section(tr("Dated events"), [event_line(f, src.cite(f.evidence), skip=code) for f in events]))
    sections += prospect_sections(prospects, src)
    # articles whose own title or body says it: a related-article teaser is another article's claim
    evidence = [p.evidence for p in mentions] + [f.evidence for f in acqs] + [e.evidence for e in events]
    docs = {e.doc for e in evidence if e.section != "teaser"}
    quotes = [q for s in src.sources() for q in s.quotes]
    companies = _companies(code, quotes + [f.manufacturer or "" for f in acqs])
    if companies:
        sections.insert(0, Section(tr("Companies named"), [", ".join(companies)]))
    relations = [tr(RELATION_WORDS[r]) for r in RELATION_WORDS if any(p.relation == r for p in mentions)]
    said = (tr("in {n} of the {articles}", n=len(docs), articles=articles(view.n_articles)) if docs
            else tr("only in related-article teasers of the {articles}", articles=articles(view.n_articles)))
    summary = (tr("{name}: defence partner of Morocco {said}", name=name, said=said)
               + (f" ({', '.join(relations)})" if relations else "")
               + f"; {acquisitions_said(len(claims), mentions)}, "
               + ntr("{n} dated event", "{n} dated events", len(events)))
    if events:
        summary += (" (" + tr("{start} to {end}", start=show_date(events[0].date, events[0].precision),
                              end=show_date(events[-1].date, events[-1].precision)) + ")") if len(events) > 1 else ""
    return Answer(title=tr("{flag} Morocco – {name}", flag=flag(code), name=name).strip(), summary=summary + ".",
                  sections=sections, sources=src.sources())


def acquisitions_said(n: int, mentions: list[Partner]) -> str:
    """'2 acquisitions', or, when no system is itemised but an article speaks of arms supplies,
    'no itemised acquisition (arms supplies quoted below)' — never '0 acquisitions' above a quote
    that describes one."""
    if n or not any(p.relation == "acquisition" for p in mentions):
        return ntr("{n} acquisition", "{n} acquisitions", n)
    return tr("no itemised acquisition (arms supplies quoted below)")


def prospect_sections(prospects: list[Acquisition], src: SourceList) -> list[Section]:
    """Negotiations and dropped options, each in its own section: never listed as bought."""
    out = []
    for status, title in (("negotiating", N_("Under negotiation")), ("cancelled", N_("Dropped"))):
        rows = [f for f in prospects if f.status == status]
        if rows:
            out.append(Section(tr(title), [acquisition_line(f, src.cite(f.evidence), with_status=False) for f in rows]))
    return out


def optional_country(view: View, text: str | None, field: str, example: str) -> tuple[str | None, Answer | None]:
    """An optional country argument: (ISO code or None for "any", or the answer explaining the problem)."""
    if text is None or not text.strip():
        return None, None
    bad = check_text(text, field, example)
    if bad:
        return None, bad
    res = resolve_country(text)
    other = not_a_country(res, view, field)
    if isinstance(other, Answer):
        return None, other
    if other is not None:
        return other[1], None
    if res.code is None:
        return None, unresolved(res, view, field)
    return res.code, None


def acquisitions(view: View, supplier: str | None = None, category: str | None = None,
                 maker: str | None = None) -> Answer:
    if maker is not None and maker.strip():
        return _by_maker(view, maker, category)
    code, problem = optional_country(view, supplier, N_("supplier"), tr("/acquisitions Israel"))
    if problem is not None:
        return problem
    cat = None
    if category is not None and category.strip():
        cat = category_of(category[:60])
        if cat is None:
            return error(tr("Unknown category"), tr("\"{text}\" is not a category. Categories: {names}.",
                                                    text=echo(category), names=", ".join(CATEGORIES)),
                         list(CATEGORIES))
    return acquisitions_for(view, code, cat)


def _by_maker(view: View, maker: str, category: str | None) -> Answer:
    """/acquisitions maker:Lockheed Martin — what Morocco bought that a manufacturer made."""
    bad = check_text(maker, N_("maker"), tr("/acquisitions maker:Lockheed Martin"))
    if bad:
        return bad
    found = maker_named(maker)
    if found is None:
        return error(tr("Unknown maker"), tr("I don't know a manufacturer called \"{name}\". Makers are named in"
                                             " the acquisitions, e.g. `/acquisitions maker:Baykar`.", name=echo(maker)))
    cat = category_of(category[:60]) if category and category.strip() else None

    def build() -> Answer:
        rows = [f for f in sorted_acquisitions(view)
                if f.manufacturer and maker_named(f.manufacturer) == found and (cat is None or f.category == cat)]
        label = tr("made by {name} ({country})", name=found.name, country=display_name(found.country))
        if not rows:
            return Answer(title=tr("Acquisitions"), kind="not_found",
                          summary=tr("No acquisition {label} on record in the {articles}.", label=label,
                                     articles=articles(view.n_articles)))
        src = view.sources()
        claims = one_per_claim(rows)
        lines = [claim_line(g, src, with_supplier=True) for g in claims]
        return Answer(title=tr("Acquisitions"), sources=src.sources(), sections=[Section(tr("Systems"), lines)],
                      summary=tr("{acquisitions} {label}, newest first.", label=label,
                                 acquisitions=ntr("{n} acquisition", "{n} acquisitions", len(claims))))
    return view.memo(("acquisitions-maker", found.name, cat), build)


def acquisitions_for(view: View, code: str | None, cat: str | None) -> Answer:
    """Acquisitions for a resolved supplier and category (None: any), memoised per version."""
    return view.memo(("acquisitions", code, cat), lambda: _acquisitions(view, code, cat))


def sorted_acquisitions(view: View) -> list[Acquisition]:
    """Every acquisition newest first, sorted once per version: a stable sort, so any filtered
    subsequence is in the order sorting that subset would give."""
    return view.derived("acquisitions-sorted", lambda: newest_first(view.acquisitions(), view))


def _acquisitions(view: View, code: str | None, cat: str | None) -> Answer:
    filters = [tr("from {country}", country=display_name(code))] if code else []
    if cat:
        filters.append(tr("category {name}", name=word(CATEGORY_WORDS, cat)))
    label = " ".join(filters)
    if acquisitions_are_long(view, code, cat):
        return long_acquisitions(view, code, cat, label)
    rows = acquisitions_of(view, code, cat)
    prospects = prospects_of(view, code, cat)
    if not rows and not prospects:
        return Answer(title=tr("Acquisitions"), kind="not_found",
                      summary=tr("No acquisition {label}on record in the {articles}.",
                                 label=label + " " if label else "", articles=articles(view.n_articles)))
    src = view.sources()
    claims = one_per_claim(rows)
    lines = [claim_line(g, src, with_supplier=code is None) for g in claims]
    summary = tr("{acquisitions}{label}, newest first (by the acquisition's own year, then its article's date)",
                 acquisitions=ntr("{n} acquisition", "{n} acquisitions", len(claims)),
                 label=" " + label if label else "")
    if prospects:
        summary += "; " + ntr("{n} system under negotiation or dropped, listed apart",
                              "{n} systems under negotiation or dropped, listed apart", len(prospects))
    sections = ([Section(tr("Systems"), lines)] if lines else []) + prospect_sections(prospects, src)
    return Answer(title=tr("Acquisitions"), summary=summary + ".", sections=sections, sources=src.sources())


def timeline(view: View, partner_query: str | None = None) -> Answer:
    """Dated events with a partner, or in a year or a range of years ('2021', '2019-2021')."""
    span = year_span(partner_query or "")
    if span is not None:
        return view.memo(("timeline-years", span), lambda: _timeline(view, None, span))
    code, problem = optional_country(view, partner_query, N_("partner"), tr("/timeline India"))
    if problem is not None:
        return problem
    return timeline_for(view, code)


def year_span(text: str) -> tuple[int, int] | None:
    """'2021' → (2021, 2021); '2019-2021', '2019 to 2021', 'de 2019 à 2021' → (2019, 2021); else None."""
    from handlers.ask import years_in

    folded = fold(text).strip()
    if not re.fullmatch(r"(?:de |from |in |en )?(?:19|20)\d\d(?:\s*(?:[-–/]|\s\S+\s)\s*(?:19|20)\d\d)?", folded):
        return None
    return years_in(folded, dt.date.today())


def timeline_for(view: View, code: str | None) -> Answer:
    """Dated events with a resolved partner (None: all), memoised per version."""
    return view.memo(("timeline", code), lambda: _timeline(view, code))


def timeline_who(code: str | None, span: tuple[int, int] | None) -> str:
    """' with 🇮🇳 India', ' in 2021', ' from 2019 to 2021' or '': what a timeline is of."""
    if span is not None:
        return " " + (tr("in {year}", year=span[0]) if span[0] == span[1]
                      else tr("from {first} to {last}", first=span[0], last=span[1]))
    return " " + tr("with {country}", country=display_name(code)) if code else ""


def _timeline(view: View, code: str | None, span: tuple[int, int] | None = None) -> Answer:
    who = timeline_who(code, span)
    if timeline_is_long(view, code, span):
        return long_timeline(view, code, span, who)
    events = events_of(view, code, span)  # in date order
    if not events:
        return Answer(title=tr("Timeline{who}", who=who), kind="not_found",
                      summary=tr("No dated event{who} on record in the {articles}.", who=who,
                                 articles=articles(view.n_articles)))
    src: SourceList = view.sources()
    lines = [event_line(f, src.cite(f.evidence), skip=code) for f in events]
    first, last = show_date(events[0].date, events[0].precision), show_date(events[-1].date, events[-1].precision)
    span_text = tr("on {date}", date=first) if first == last else tr("from {start} to {end}", start=first, end=last)
    summary = ntr("{n} dated event", "{n} dated events", len(events)) + f"{who}, {span_text}."
    return Answer(title=tr("Timeline{who}", who=who), summary=summary, sections=[Section(tr("Events"), lines)],
                  sources=src.sources())
