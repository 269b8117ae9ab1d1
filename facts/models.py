"""The facts the compiler produces, as plain dataclasses.

Every fact carries its evidence: the file it came from and the exact sentence.
The JSON form (``to_json``) is the schema ``python -m facts dump`` prints and the
store keeps; facts leave the store typed again through ``fact_from_json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from typing import Any, Literal

Section = Literal["title", "body", "teaser"]
CATEGORIES = ("drone", "helicopter", "aircraft", "missile", "air-defence", "ship", "artillery", "vehicle", "other")
RELATIONS = ("acquisition", "agreement", "meeting", "visit", "exercise", "training", "industry", "cooperation")
# approved: a sale cleared by the seller's government; prospects (negotiating, cancelled) are kept apart
STATUSES = ("approved", "ordered", "delivered", "donated", "negotiating", "cancelled")
PROSPECT_STATUSES = ("negotiating", "cancelled")


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: file, sentence as written, and which part of the article."""

    doc: str
    quote: str
    section: Section = "body"
    sentence: int = 0


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str


@dataclass
class Document:
    doc: str
    title: str
    published: str | None
    source: str | None
    language: str
    sha256: str = ""
    quote: str = ""
    updated: str | None = None  # "Mis à jour le …" / "Updated …", when the page shows it

    kind = "document"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "document",
            "doc": self.doc,
            "quote": self.title,
            "title": self.title,
            "published": self.published,
            "updated": self.updated,
            "source": self.source,
            "language": self.language,
            "sha256": self.sha256,
        }


@dataclass
class Partner:
    """A country Morocco cooperates with militarily, and why (``relation``, one of RELATIONS)."""

    country: str
    evidence: Evidence
    relation: str = "cooperation"
    kind = "partner"


@dataclass
class Acquisition:
    system: str
    category: str
    evidence: Evidence
    supplier: str | None = None
    manufacturer: str | None = None
    quantity: int | None = None
    value: Money | None = None
    year: int | None = None
    status: str = "ordered"

    @property
    def kind(self) -> str:
        """Negotiations and dropped options are prospects, listed apart from what was bought."""
        return "prospect" if self.status in PROSPECT_STATUSES else "acquisition"


MOROCCO = "MA"
# Budget scopes: "total" is the year's total defence budget as the finance bill states it (the
# commitment the Administration de la Défense nationale may make for FAR equipment, the figure
# the press calls "the defence budget"); "envelope" the ADN's yearly spending envelope (budget
# général + dotation accounts, "budget sectoriel"); any other scope names a sub-line
# ("personnel", "investissement", …). Another country's figure is kept only as a comparison.


@dataclass
class Budget:
    year: int
    amount: float
    currency: str
    evidence: Evidence
    scope: str = "total"
    approximate: bool = False
    country: str = MOROCCO  # whose budget (ISO2): Morocco unless the sentence says otherwise
    kind = "budget"


@dataclass
class Event:
    date: str  # YYYY-MM-DD, YYYY-MM or YYYY: as precise as the article is, never more
    type: str
    countries: list[str]
    evidence: Evidence
    place: str | None = None
    people: list[str] = field(default_factory=list)
    name: str | None = None
    precision: str = ""  # day | month | year (from the date when not given)
    kind = "event"

    def __post_init__(self) -> None:
        if not self.precision:
            self.precision = DATE_PRECISION.get(len(self.date), "day")


DATE_PRECISION = {10: "day", 7: "month", 4: "year"}


Fact = Partner | Acquisition | Budget | Event


def to_json(fact: Fact | Document) -> dict[str, Any]:
    """Flatten a fact into the dump schema: kind, doc, quote, section, then its own fields."""
    if isinstance(fact, Document):
        return fact.to_json()
    data = asdict(fact)
    ev = data.pop("evidence")
    out: dict[str, Any] = {"kind": fact.kind, "doc": ev["doc"], "quote": ev["quote"], "section": ev["section"]}
    out.update(data)
    out["sentence"] = ev["sentence"]
    return out


def fact_from_json(data: Mapping[str, Any]) -> Fact:
    """A stored record (the dump schema) as its dataclass. Keys the dataclass does not have (a
    newer field, ``people_as_written``…) are left out; missing ones take their defaults."""
    cls = _KINDS[str(data["kind"])]
    known = _field_names(cls)
    values = {k: data[k] for k in known if k in data}
    if isinstance(values.get("value"), Mapping):
        values["value"] = Money(float(values["value"]["amount"]), str(values["value"]["currency"]))
    evidence = Evidence(str(data["doc"]), str(data.get("quote") or ""), data.get("section") or "body",
                        int(data.get("sentence") or 0))
    return cls(evidence=evidence, **values)  # type: ignore[no-any-return]


_KINDS: dict[str, type] = {"partner": Partner, "acquisition": Acquisition, "prospect": Acquisition,
                           "budget": Budget, "event": Event}


@cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls) if f.name != "evidence")
