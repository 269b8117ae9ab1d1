"""Per-article analysis shared by every extractor: each sentence once, with its mentions.

Extractors are plain functions ``extract(ctx) -> list[Fact]`` registered by name
in ``facts.extract.EXTRACTORS`` (the way spaCy registers pipeline components);
they read this context and never re-scan the text themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from ..clean import Article, Sentence
from ..dates import DateMention, find_dates, resolve
from ..models import Evidence
from .mentions import (
    Mention,
    SystemMention,
    country_mentions,
    fold_keep,
    lexicon_systems,
    manufacturer_mentions,
)
from .mentions import morocco_spans as _morocco_spans

# Relative-clause and contrast boundaries: a country after "qui …" belongs to another subject.
SEGMENT_BREAK = re.compile(
    r"\bqui\b|\bdont\b|\bou\b(?=\s)|;|\btandis que\b|\balors que\b|\bwhereas\b|\bwhile\b|, mais\b|\bwhich\b"
)


@dataclass
class SentenceInfo:
    sentence: Sentence
    text: str
    folded: str
    countries: list[Mention]
    morocco: list[tuple[int, int]]
    makers: list[tuple[int, int, str, str]]
    systems: list[SystemMention]
    dates: list[DateMention]
    segments: list[tuple[int, int]] = field(default_factory=list)

    def segment_of(self, pos: int) -> tuple[int, int]:
        for start, end in self.segments:
            if start <= pos < end:
                return start, end
        return 0, len(self.text)

    def morocco_in(self, start: int, end: int) -> bool:
        return any(start <= s < end for s, _ in self.morocco)


@dataclass
class Context:
    doc: str
    article: Article
    today: dt.date
    infos: list[SentenceInfo] = field(default_factory=list)

    @cached_property
    def published(self) -> dt.date | None:
        return dt.date.fromisoformat(self.article.published) if self.article.published else None

    @property
    def lang(self) -> str:
        return self.article.language

    def evidence(self, info: SentenceInfo) -> Evidence:
        return Evidence(self.doc, info.text, info.sentence.section, info.sentence.idx)  # type: ignore[arg-type]

    def previous(self, info: SentenceInfo) -> SentenceInfo | None:
        i = info.sentence.idx
        return self.infos[i - 1] if i > 0 else None

    @cached_property
    def about_morocco(self) -> bool:
        """The article is about Morocco: named in its title or in several sentences."""
        named = sum(1 for i in self.infos if i.morocco)
        title = self.infos[0].morocco if self.infos else []
        return bool(title) or named >= 2


def build_context(doc: str, article: Article, today: dt.date) -> Context:
    ctx = Context(doc, article, today)
    all_dates: list[DateMention] = []
    for sentence in article.sentences:
        text = sentence.text
        folded = fold_keep(text)
        dates = find_dates(text)
        all_dates.extend(dates)
        info = SentenceInfo(
            sentence, text, folded, country_mentions(text, folded), _actor_morocco(text, folded),
            manufacturer_mentions(text), lexicon_systems(text, folded), dates,
        )
        info.segments = _segments(folded)
        ctx.infos.append(info)
    resolve(all_dates, ctx.published, today)
    return ctx


# ", principal rival du Maroc," / ", Morocco's neighbour and rival,": Morocco is named, but not as an actor
RIVAL_APPOSITION = re.compile(r",\s*[^,]{0,50}\b(?:rival|adversaire|ennemi|voisin|neighbou?r)\w*[^,]{0,40}(?:,|$)")


def _actor_morocco(text: str, folded: str) -> list[tuple[int, int]]:
    spans = _morocco_spans(text, folded)
    asides = [m.span() for m in RIVAL_APPOSITION.finditer(folded)]
    return [s for s in spans if not any(a <= s[0] < b for a, b in asides)]


def _segments(folded: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in SEGMENT_BREAK.finditer(folded)] + [len(folded)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
