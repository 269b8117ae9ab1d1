"""What a digest says about one article: its facts and what they add to the fact base.

No Discord here: ``bot/digest_embeds.py`` turns entries into embeds, ``render_text`` into
terminal text. An entry is built from the compiled facts of the article and compared
with the rest of the fact base ("first article on India", "first figure for 2026").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol, TypedDict

from facts.lexicon import country_name, flag, fold
from facts.models import MOROCCO, Acquisition, Budget, Event, Fact, Partner
from facts.safe_text import display
from facts.store import DocumentRow
from facts.store.deliveries import Version
from handlers.formatting import format_amount, show_date
from handlers.i18n import DEFAULT, LANGS, N_, current, tr, using
from handlers.words import CATEGORY_WORDS, EVENT_WORDS
from handlers.words import word as word_for

EntryKind = Literal["new", "updated"]
EntryJson = dict[str, Any]  # an entry as stored with its message (``entry_to_json``)


class Signature(TypedDict):
    """What one version of an article says, compactly: stored when delivered, compared on update."""

    title: str
    partners: list[str]
    acquisitions: list[str]
    budgets: list[str]
    events: list[str]
EVENTS_SHOWN = 5


@dataclass(frozen=True)
class PartnerLine:
    country: str  # ISO2 (EU allowed)
    name: str
    flag: str

    def label(self) -> str:
        name = self.name if current() == DEFAULT else country_name(self.country, current())
        return f"{self.flag} {name}".strip()


@dataclass(frozen=True)
class AcquisitionLine:
    system: str
    quantity: int | None = None
    supplier: str | None = None  # ISO2
    supplier_name: str | None = None
    flag: str = ""
    manufacturer: str | None = None
    category: str | None = None

    def label(self) -> str:
        text = f"{self.quantity} × {self.system}" if self.quantity else self.system
        if self.category and self.category != "other":
            text += f" ({self._word(self.category)})"
        supplier = self.supplier_name
        if supplier and self.supplier and current() != DEFAULT:
            supplier = country_name(self.supplier, current())
        origin = ", ".join(x for x in (
            f"{self.flag} {supplier}".strip() if supplier else "",
            self.manufacturer or "") if x)
        return tr("{what} from {origin}", what=text, origin=origin) if origin else text

    @staticmethod
    def _word(category: str) -> str:
        return word_for(CATEGORY_WORDS, category)


@dataclass(frozen=True)
class BudgetLine:
    year: int
    amount: float
    currency: str
    scope: str = "total"
    approximate: bool = False
    country: str = MOROCCO  # whose budget: another country's is a comparison, labelled as such

    def label(self) -> str:
        if self.country != MOROCCO:
            name = f"{flag(self.country)} {country_name(self.country, current())}".strip()
            scope = " (" + tr("{country}, comparison", country=name) + ")"
        else:
            scope = "" if self.scope == "total" else f" ({self.scope})"
        approx = "≈ " if self.approximate else ""
        return f"{self.year}{scope}: {approx}{format_amount(self.amount, self.currency)}"

    @property
    def moroccos(self) -> bool:
        return self.country == MOROCCO


@dataclass
class DigestEntry:
    """One article in a digest: a new article, or a changed one ("updated")."""

    doc: str
    sha256: str
    title: str
    kind: EntryKind = "new"
    published: str | None = None
    site: str | None = None
    partners: list[PartnerLine] = field(default_factory=list)
    acquisitions: list[AcquisitionLine] = field(default_factory=list)
    budgets: list[BudgetLine] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    novelties: list[str] = field(default_factory=list)  # what is new to the fact base
    changes: list[str] = field(default_factory=list)  # for "updated": what changed
    # The three lists above are English. They are written at scan time (the facts and what the fact
    # base knew then are gone at send time), so each other language gets its own rendering here,
    # stored with the recorded message: a resend shows the same lines. Older records lack it: English.
    localised: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @property
    def version(self) -> Version:
        return Version(self.doc, self.sha256)

    def lines(self, key: Literal["events", "novelties", "changes"]) -> list[str]:
        """The event, novelty or change lines in the current language (English when not rendered)."""
        lines: list[str] = getattr(self, key)
        return self.localised.get(current(), {}).get(key, lines)

    def meta(self) -> str:
        """'2025-03-28 · le360.ma' — when and where the article was published."""
        return " · ".join(x for x in (self.published, self.site) if x)


def entry_to_json(entry: DigestEntry) -> EntryJson:
    """An entry as plain data: kept with a recorded message, so a resend is the same message."""
    return asdict(entry)


def entry_from_json(data: EntryJson) -> DigestEntry:
    fields = dict(data)
    fields["partners"] = [PartnerLine(**p) for p in data.get("partners") or []]
    fields["acquisitions"] = [AcquisitionLine(**a) for a in data.get("acquisitions") or []]
    fields["budgets"] = [BudgetLine(**b) for b in data.get("budgets") or []]
    return DigestEntry(**fields)


# ---------------------------------------------------------------- lines from facts

def partner_lines(facts: Iterable[Fact]) -> list[PartnerLine]:
    seen: dict[str, PartnerLine] = {}
    for f in facts:
        if isinstance(f, Partner) and f.country and f.country != MOROCCO and f.country not in seen:
            seen[f.country] = PartnerLine(f.country, country_name(f.country, "en"), flag(f.country))
    return list(seen.values())


def acquisition_lines(facts: Iterable[Fact]) -> list[AcquisitionLine]:
    seen: dict[tuple[Any, ...], AcquisitionLine] = {}
    for f in facts:
        if not isinstance(f, Acquisition) or f.kind != "acquisition" or not f.system:
            continue
        supplier = f.supplier
        line = AcquisitionLine(
            system=f.system, quantity=f.quantity, supplier=supplier,
            supplier_name=country_name(supplier, "en") if supplier else None,
            flag=flag(supplier) if supplier else "", manufacturer=f.manufacturer, category=f.category,
        )
        seen.setdefault((fold(line.system), line.quantity, supplier), line)
    return list(seen.values())


def budget_lines(facts: Iterable[Fact]) -> list[BudgetLine]:
    seen: dict[tuple[Any, ...], BudgetLine] = {}
    for f in facts:
        if not isinstance(f, Budget) or f.year is None or f.amount is None:
            continue
        line = BudgetLine(int(f.year), float(f.amount), f.currency or "MAD", f.scope or "total", f.approximate,
                          f.country or MOROCCO)
        seen.setdefault((line.year, line.scope, line.amount, line.country), line)
    return sorted(seen.values(), key=lambda b: (not b.moroccos, b.scope != "total", b.year))


def event_lines(facts: Iterable[Fact]) -> list[str]:
    out: list[str] = []
    for f in facts:
        if not isinstance(f, Event):
            continue
        flags = " ".join(flag(c) for c in f.countries if c != MOROCCO)
        what = f.name or word_for(EVENT_WORDS, f.type or "event")
        text = " ".join(x for x in (show_date(f.date, f.precision), what, flags) if x)
        if f.place:
            text += f", {f.place}"
        if text not in out:
            out.append(text)
    return out[:EVENTS_SHOWN]


def signature(title: str, facts: list[Fact]) -> Signature:
    """What a version says, compactly; stored when delivered, compared on update: always in English,
    so a comparison never sees a change of language as a change of facts."""
    with using(DEFAULT):
        return _signature(title, facts)


def _signature(title: str, facts: list[Fact]) -> Signature:
    """``signature`` in the current language: the lines an update shows."""
    return {
        "title": title,
        "partners": [p.country for p in partner_lines(facts)],
        "acquisitions": [a.label() for a in acquisition_lines(facts)],
        "budgets": [b.label() for b in budget_lines(facts)],
        "events": event_lines(facts),
    }


CHANGE_LINES = {  # what an update added or removed, by kind
    "partners": (N_("added partner: {item}"), N_("removed partner: {item}")),
    "acquisitions": (N_("added acquisition: {item}"), N_("removed acquisition: {item}")),
    "budgets": (N_("added budget figure: {item}"), N_("removed budget figure: {item}")),
    "events": (N_("added event: {item}"), N_("removed event: {item}")),
}


def changes_between(old: Signature, new: Signature, shown: Signature | None = None) -> list[str]:
    """Lines, in the current language, for what an update changed; empty when the facts are the same.
    ``old`` and ``new`` are English signatures (compared); ``shown`` is ``new`` in the current
    language, whose lines stand for the added items. A removed item is gone from the facts: it is
    shown as the English signature kept it (a partner by its name in the current language)."""
    shown = shown or new
    out: list[str] = []
    if old.get("title") != new.get("title"):
        out.append(tr("title now: {title}", title=new.get("title")))
    for key, (added, removed) in CHANGE_LINES.items():
        before, after = list(old.get(key) or []), list(new.get(key) or [])  # type: ignore[call-overload]
        local = list(shown.get(key) or [])  # type: ignore[call-overload]
        for i, item in enumerate(after):
            if item not in before:
                out.append(tr(added, item=_show(key, local[i] if i < len(local) else item)))
        for item in before:
            if item not in after:
                out.append(tr(removed, item=_show(key, item)))
    return out


def _show(key: str, item: str) -> str:
    return f"{flag(item)} {country_name(item, current())}".strip() if key == "partners" else item


# ---------------------------------------------------------------- novelty

class Base(Protocol):
    """What the rest of the fact base says, asked per key (``facts.store.lookups.Elsewhere``)."""

    def partner(self, code: str) -> bool: ...
    def systems(self) -> list[str]: ...
    def system(self, name: str) -> bool: ...
    def budget_docs(self, year: int) -> Iterator[list[Fact]]: ...


class Knowledge:
    """What the fact base knew before the articles of this digest (grows as entries are built).

    The sets hold what was added here; ``base``, when given, answers for the rest of the fact
    base with one indexed lookup per question instead of loading it all."""

    def __init__(self, base: Base | None = None) -> None:
        self.partners: set[str] = set()
        self.systems: set[str] = set()
        self.budgets: dict[tuple[int, str, str], float] = {}  # (year, scope, currency) → amount
        self.base = base
        self._base_budgets: dict[tuple[int, str, str], float | None] = {}

    def add(self, facts: Iterable[Fact]) -> None:
        facts = list(facts)
        self.partners.update(p.country for p in partner_lines(facts))
        self.systems.update(fold(a.system) for a in acquisition_lines(facts))
        self.budgets.update(_first_figures(facts))

    def knows_partner(self, code: str) -> bool:
        return code in self.partners or (self.base is not None and self.base.partner(code))

    def knows_system(self, system: str) -> bool:
        key = fold(system)
        if key in self.systems:
            return True
        base = self.base
        return base is not None and any(fold(s) == key and base.system(s) for s in base.systems())

    def budget(self, key: tuple[int, str, str]) -> float | None:
        """The figure known for (year, scope, currency): what was added here, else the last article
        (in name order) of the base that gives one — its first figure for that key."""
        if key in self.budgets or self.base is None:
            return self.budgets.get(key)
        if key not in self._base_budgets:
            self._base_budgets[key] = next((firsts[key] for facts in self.base.budget_docs(key[0])
                                            if key in (firsts := _first_figures(facts))), None)
        return self._base_budgets[key]

    def novelties(self, facts: list[Fact]) -> list[str]:
        """'first article on India', 'first figure for 2026: 157 billion MAD, +18 % on 2025'…"""
        out = [tr("first article on {partner}", partner=p.label()) for p in partner_lines(facts)
               if not self.knows_partner(p.country)]
        for a in acquisition_lines(facts):
            text = tr("first mention of {system}", system=a.system)
            if text not in out and not self.knows_system(a.system):
                out.append(text)
        own: dict[tuple[int, str, str], float] = {}
        for b in budget_lines(facts):  # one line per year and scope: the first figure the article gives
            if not b.moroccos:
                continue  # another country's figure is news about that country, not Morocco's budget
            key = (b.year, b.scope, b.currency)
            if key not in own:
                own[key] = b.amount
                out.extend(self._budget_news(b, own))
        return out

    def _budget_news(self, b: BudgetLine, own: dict[tuple[int, str, str], float]) -> list[str]:
        scope = "" if b.scope == "total" else f" ({b.scope})"
        known = self.budget((b.year, b.scope, b.currency))
        amount = format_amount(b.amount, b.currency)
        if known is not None:
            if known == b.amount:
                return []
            return [tr("new figure for {year}: {amount} (was {before})", year=f"{b.year}{scope}", amount=amount,
                       before=format_amount(known, b.currency))]
        text = tr("first figure for {year}: {amount}", year=f"{b.year}{scope}", amount=amount)
        key = (b.year - 1, b.scope, b.currency)
        previous = own.get(key, self.budget(key))
        if previous:
            text += tr(", {change} % on {year}", change=f"{(b.amount - previous) / previous * 100:+.0f}",
                       year=b.year - 1)
        return [text]


def _first_figures(facts: Iterable[Fact]) -> dict[tuple[int, str, str], float]:
    """An article's first figure for each (year, scope, currency) of Morocco's budget."""
    firsts: dict[tuple[int, str, str], float] = {}
    for b in budget_lines(facts):
        if b.moroccos:
            firsts.setdefault((b.year, b.scope, b.currency), b.amount)
    return firsts


def build_entry(row: DocumentRow, facts: list[Fact], knowledge: Knowledge,
                old_signature: Signature | None) -> DigestEntry:
    """An entry for one document row; ``old_signature`` set means the article changed. Its lines
    are written in English and in every other language (``DigestEntry.localised``)."""
    title = row.title or row.name
    entry = DigestEntry(
        doc=row.name, sha256=row.sha256, title=title,
        kind="updated" if old_signature is not None else "new",
        published=row.published, site=row.source,
        partners=partner_lines(facts), acquisitions=acquisition_lines(facts),
        budgets=budget_lines(facts),
    )
    for lang in LANGS:
        with using(lang):
            lines = _lines(title, facts, knowledge, old_signature)
        if lang == DEFAULT:
            entry.events, entry.novelties, entry.changes = lines["events"], lines["novelties"], lines["changes"]
        else:
            entry.localised[lang] = lines
    return entry


def _lines(title: str, facts: list[Fact], knowledge: Knowledge,
           old_signature: Signature | None) -> dict[str, list[str]]:
    """The event, novelty and change lines of an entry in the current language."""
    if old_signature is None:
        novelties, changes = knowledge.novelties(facts), []
    else:
        novelties = []
        changes = changes_between(old_signature, signature(title, facts), _signature(title, facts))
    return {"events": event_lines(facts), "novelties": novelties, "changes": changes}


# ---------------------------------------------------------------- terminal

def render_text(entries: list[DigestEntry]) -> str:
    """The digest as plain text for the terminal (console mode and `digest --once`)."""
    if not entries:
        return tr("Nothing new.")
    new = sum(1 for e in entries if e.kind == "new")
    head = tr("Digest: {n} new article(s)", n=new)
    if len(entries) > new:
        head += tr(", {n} updated", n=len(entries) - new)
    lines = [head, ""]
    for e in entries:
        meta = e.meta()
        tag = tr("NEW") if e.kind == "new" else tr("UPDATED")
        lines.append(f"[{tag}] {e.title}" + (f" ({meta})" if meta else "") + f"  [{e.doc}]")
        for label, items in sections(e):
            lines.append(f"  {label}: " + "; ".join(items))
        lines.append("")
    return display("\n".join(lines).rstrip())


def sections(e: DigestEntry) -> list[tuple[str, list[str]]]:
    """(heading, lines) pairs shared by the terminal and the embeds."""
    parts = [
        (N_("What changed") if e.kind == "updated" else N_("New to the fact base"),
         e.lines("changes") if e.kind == "updated" else e.lines("novelties")),
        (N_("Partners"), [p.label() for p in e.partners]),
        (N_("Acquisitions"), [a.label() for a in e.acquisitions]),
        (N_("Budget"), [b.label() for b in e.budgets]),
        (N_("Events"), e.lines("events")),
    ]
    return [(tr(label), items) for label, items in parts if items]
