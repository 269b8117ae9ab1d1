"""Per-article analysis shared by every extractor: each sentence once, with its actors and frames.

Extractors are plain functions ``extract(ctx) -> list[Fact]`` registered by name in
``facts.extract.EXTRACTORS`` (the way spaCy registers pipeline components); they read
this context and never re-scan the text themselves. Every sentence gets its actors,
systems and dates from the lexicons; only candidate sentences — a trigger word and
someone or something it could be about — are parsed into frames.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from ..clean import Article, Sentence
from ..dates import DateMention, article_years, find_dates, resolve
from ..models import Evidence
from .actors import Actor, find_actors
from .framelex import frame_lexicon, trigger_stems
from .frames import SentenceFrames, build_frames
from .mentions import Mention, SystemMention, country_mentions, fold_keep
from .systems import find_systems


@dataclass
class SentenceInfo:
    sentence: Sentence
    text: str
    folded: str
    actors: list[Actor]
    systems: list[SystemMention]
    dates: list[DateMention]
    frames: SentenceFrames = field(default_factory=SentenceFrames)
    parsed: bool = False

    @property
    def section(self) -> str:
        return self.sentence.section

    @cached_property
    def morocco(self) -> list[tuple[int, int]]:
        return [(a.start, a.end) for a in self.actors if a.is_morocco]

    @cached_property
    def countries(self) -> list[Mention]:
        """Foreign country mentions as the budget extractor reads them (places flagged)."""
        kept = {(a.start, a.end) for a in self.actors if a.kind in ("state", "company")}
        return [m for m in country_mentions(self.text, self.folded) if (m.start, m.end) in kept]

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
        ctx.infos.append(SentenceInfo(sentence, text, folded, find_actors(text, folded), find_systems(text, folded),
                                      dates))
    resolve(all_dates, ctx.published, article_years(article.sentences))
    _parse_candidates(ctx)
    return ctx


def sentence_language(info: SentenceInfo, article_lang: str) -> str:
    """Articles mix languages (an English quote in a French page): judge each sentence."""
    from ..clean import detect_language

    words = info.folded.split()
    return detect_language(info.text) if len(words) >= 6 else article_lang


def _parse_candidates(ctx: Context) -> None:
    """Frames for the sentences that may hold one: a trigger word, and an actor or a system."""
    from .parse_en import EnglishAnalyser
    from .parse_fr import FrenchAnalyser

    lex = frame_lexicon()
    analysers: dict[str, FrenchAnalyser | EnglishAnalyser] = {}
    for info in ctx.infos:
        lang = sentence_language(info, ctx.lang)
        if not (info.actors or info.systems) or not trigger_stems(lang).search(info.folded):
            continue
        if lang not in analysers:
            analysers[lang] = FrenchAnalyser(lex) if lang == "fr" else EnglishAnalyser(lex)
        analysis = analysers[lang].analyse(info.text, info.actors, info.systems)
        info.frames = build_frames(analysis, lang, lex)
        info.parsed = True
