"""Per-article analysis shared by every extractor: each sentence once, with its actors and frames.

Extractors are plain functions ``extract(ctx) -> list[Fact]`` registered by name in
``facts.extract.EXTRACTORS`` (the way spaCy registers pipeline components); they read
this context and never re-scan the text themselves. Every sentence gets its actors,
systems and dates from the lexicons; only candidate sentences — a trigger word and
someone or something it could be about — are parsed into frames.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .. import lexicon as lx
from ..clean import Article, Sentence
from ..date_resolve import resolve
from ..dates import ArticleYears, DateMention, article_years, find_dates, sentence_year
from ..models import Evidence
from ..numbers import quantity_before
from .actors import Actor, find_actors, home_institutions
from .framelex import frame_lexicon, trigger_stems
from .frames import FrameHit, SentenceFrames, build_frames, share_lists
from .mentions import Mention, SystemMention, country_mentions, equipment_nouns, fold_keep
from .named_exercises import exercise_names
from .people import learn_people
from .systems import find_systems, learn_acronyms


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
    people: list[str] = field(default_factory=list)

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
    def about_defence(self) -> bool:
        """Some sentence of the article (not a teaser) names defence or a weapon system: an agreement or a
        meeting in an article about trade, energy or culture alone is no defence cooperation."""
        strong = frame_lexicon().strong_defence
        return any((strong.search(i.folded) or any(not s.unnamed for s in i.systems))
                   for i in self.infos if i.sentence.section != "teaser")

    @cached_property
    def telling_paragraphs(self) -> list[int]:
        """The body's paragraphs that tell something (a frame), in order, read once the frames are final: the
        lead is the first of them, not a slogan, a photo caption or a stray word of the page ('clear',
        'Creating new perspectives since 2009')."""
        return sorted({i.sentence.para for i in self.infos if i.sentence.section == "body" and i.frames.hits})

    @cached_property
    def about_morocco(self) -> bool:
        """The article is about Morocco: named in its title or in several sentences."""
        named = sum(1 for i in self.infos if i.morocco)
        title = self.infos[0].morocco if self.infos else []
        return bool(title) or named >= 2


def _outside(actors: list[Actor], systems: list[SystemMention]) -> list[Actor]:
    """A maker's name that opens a designation it was read into ('two Beechcraft Super King Air
    350ERs') is the system's maker (``SystemMention.manufacturer``), not a party of the sentence."""
    opened = {(s.start, s.manufacturer) for s in systems if s.manufacturer and s.text == s.name}
    return [a for a in actors if not (a.kind == "company" and any(a.start == st for st, _ in opened))]


def civil_equipment(info: SentenceInfo, items: list[SystemMention]) -> bool:
    """'Royal Air Maroc has welcomed its first Boeing 737 MAX 8': designations of no known military
    kind in a sentence about a civil field (an airline, passengers) and naming no defence word are
    not arms, whoever receives them."""
    if any(s.category != "other" for s in items):
        return False
    lex = frame_lexicon()
    return bool(lex.other_domain.search(info.folded)) and not lex.strong_defence.search(info.folded)


def own_words(info: SentenceInfo, hit: FrameHit) -> str:
    """A frame's own words, folded: its arguments, the words its trigger spans beyond the trigger itself
    ("a port call" is a visit, not port cooperation) and, for a noun, the words right before it (English
    'the normalisation agreement')."""
    trigger = {fold_keep(t) for t in hit.pred.trigger.words}
    named = " ".join(w for w in fold_keep(hit.pred.text).split() if w not in trigger)
    own = fold_keep(" ".join(a.text for a in hit.pred.args) + " " + named)
    if hit.pred.pos == "noun":
        own += " " + _prenominal(info.folded[max(0, hit.pred.start - 60) : hit.pred.start])
    return own


def other_field(info: SentenceInfo, hit: FrameHit) -> bool:
    """The frame names another field on itself and no word that is defence only ('un partenariat sur
    l'hydrogène', 'the normalisation agreement between Morocco and Israel')."""
    lex = frame_lexicon()
    own = own_words(info, hit)
    return bool(lex.other_domain.search(own)) and not lex.strong_defence.search(own)


_OPENS_NOUN_PHRASE = frozenset(("the", "a", "an", "its", "their", "this", "that", "of", "with", "between", "on", "in",
                                "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "ce", "cet", "cette"))


def _prenominal(folded_before: str) -> str:
    """The words between a noun phrase's opening (a determiner, a preposition, a stop) and its head noun."""
    words: list[str] = []
    for word in reversed(re.split(r"[\s'’]+", folded_before.strip())):
        if not word or word in _OPENS_NOUN_PHRASE or not word.replace("-", "").isalnum() or len(words) == 3:
            break
        words.insert(0, word)
    return " ".join(words)


def build_context(doc: str, article: Article, today: dt.date, parse: bool = True) -> Context:
    """Each sentence with its actors, systems and dates; with ``parse``, the candidates' frames too
    (``parse_candidates`` does it for several contexts in one batch)."""
    ctx = Context(doc, article, today)
    all_dates: list[DateMention] = []
    for sentence in article.sentences:
        text = sentence.text
        folded = fold_keep(text)
        dates = find_dates(text)
        sentence_year(text, dates)
        all_dates.extend(dates)
        systems = find_systems(text, folded)
        ctx.infos.append(SentenceInfo(sentence, text, folded, _outside(find_actors(text, folded), systems), systems,
                                      dates))
    home_institutions(ctx.infos)
    learn_acronyms(ctx.infos)
    learn_people(ctx.infos)
    resolve(all_dates, ctx.published, _with_editions(article_years(article.sentences), ctx.infos), article.month)
    _month_from_neighbours(ctx.infos)
    _weekday_from_sentence(ctx.infos)
    if parse:
        parse_candidates([ctx])
    return ctx


def sentence_language(info: SentenceInfo, article_lang: str) -> str:
    """Articles mix languages (an English quote in a French page): judge each sentence."""
    from ..clean import detect_language

    words = info.folded.split()
    return detect_language(info.text, tie=article_lang) if len(words) >= 6 else article_lang


NEIGHBOURS = 2  # sentences either side


def _weekday_from_sentence(infos: list[SentenceInfo]) -> None:
    """'received on Monday … on an official visit from October 17 to 18, 2022': a bare weekday is the
    one full date of its own sentence that falls on that weekday — the article fixes it, not today."""
    for info in infos:
        for x in info.dates:
            if x.resolved or x.weekday is None or x.day or x.month:
                continue
            fits = {
                d.resolved
                for d in info.dates
                if d.resolved and len(d.resolved) == 10 and dt.date.fromisoformat(d.resolved).weekday() == x.weekday
            }
            if len(fits) == 1:
                x.resolved = fits.pop()


def _month_from_neighbours(infos: list[SentenceInfo]) -> None:
    """'inaugurée en septembre dernier' in a page without a date, beside 'signé en septembre 2024':
    the article itself fixes that month's year. Only a month named with its year, close by and
    the only one of that month, does."""
    for n, info in enumerate(infos):
        for x in info.dates:
            if x.resolved or not x.month or x.day or x.kind not in ("month_rel", "month_only"):
                continue
            near = {
                d.resolved[:7]
                for other in infos[max(0, n - NEIGHBOURS) : n + NEIGHBOURS + 1]
                for d in other.dates
                if d.resolved and d.year and d.month == x.month
            }
            if len(near) == 1:
                x.resolved = near.pop()


def parse_candidates(contexts: list[Context]) -> None:
    """Frames for the sentences that may hold one: a trigger word, and someone or something it could
    be about. French sentences of all the contexts go through the parser in one batch."""
    from .parse_en import EnglishAnalyser
    from .parse_fr import FrenchAnalyser

    lex = frame_lexicon()
    batches: dict[str, list[SentenceInfo]] = {"fr": [], "en": []}
    for ctx in contexts:
        foreign_before = False  # a foreign party named earlier, that a bare 'la réunion' could pair with
        for info in ctx.infos:
            lang = sentence_language(info, ctx.lang)
            if is_candidate(info, lang, foreign_before):
                batches["fr" if lang == "fr" else "en"].append(info)
            foreign_before = foreign_before or any(a.kind in ("state", "company") for a in info.actors)
    if batches["fr"]:
        analyses = FrenchAnalyser(lex).analyse_many([(_parsed_text(i), i.actors, i.systems) for i in batches["fr"]])
        for info, analysis in zip(batches["fr"], analyses, strict=True):
            info.frames, info.parsed = build_frames(analysis, "fr", lex, info.folded), True
            share_lists(info.frames.hits, info.text, info.actors)
            info.people = analysis.people
    english = EnglishAnalyser(lex)
    for info in batches["en"]:
        analysis = english.analyse(info.text, info.actors, info.systems)
        info.frames, info.parsed = build_frames(analysis, "en", lex, info.folded), True
        share_lists(info.frames.hits, info.text, info.actors)
        info.people = analysis.people


# "Armement : Feu vert américain pour la vente …": a headline's rubric, one to three words before a colon
_RUBRIC = re.compile(r"^(?:[^\W\d_][\w'’-]*\s+){0,2}[^\W\d_][\w'’-]*\s*(:)\s")


# "[dont 25 exemplaires neufs …]", "[FD-2000 pour l'exportation]": an editor's note in square brackets
EDITOR_NOTE = re.compile(r"\[[^\[\]]{1,200}\]")


def _with_editions(years: ArticleYears, infos: list[SentenceInfo]) -> ArticleYears:
    """'Chebec 25', 'Atlas Handshake 23-1': an exercise's edition names its year as surely as '2025'."""
    def editions(section: str) -> tuple[int, ...]:
        return tuple(y for i in infos if i.sentence.section == section
                     for _, y in exercise_names(i.text, i.folded) if y is not None)

    return ArticleYears(years.title + editions("title"), years.body + editions("body"))


def _parsed_text(info: SentenceInfo) -> str:
    """What the parser reads: a title's rubric is its own sentence (the colon becomes a full stop, one
    character for one), so the headline after it is parsed as the clause it is; an editor's note in square
    brackets is blanked (one space for one character), so the list it interrupts is parsed whole."""
    m = _RUBRIC.match(info.text) if info.section == "title" else None
    text = info.text if m is None else info.text[: m.start(1)] + "." + info.text[m.end(1) :]
    return EDITOR_NOTE.sub(lambda n: " " * len(n.group(0)), text)


def is_candidate(info: SentenceInfo, lang: str, foreign_before: bool = True) -> bool:
    """Worth parsing: a word that may start a frame, and enough for a fact — two parties or a party and
    equipment (Morocco and a state, Morocco and 'drones'), or one of them and a word that refers back
    ('il', 'les deux pays', 'ces drones'). A title is always read."""
    if not trigger_stems(lang).search(info.folded):
        return False
    parties = {(a.kind == "morocco", a.country) for a in info.actors if a.kind in ("morocco", "state", "company")}
    # "visited the Kenitra air base": a Moroccan town stands for Morocco as host
    parties |= {(True, "MA") for a in info.actors if a.kind == "place" and a.country == "MA"}
    equipment = _names_equipment(info, lang)
    named = [(a.start, a.end) for a in info.actors]
    foreign_here = any(not is_morocco for is_morocco, _ in parties)
    back = bool(
        any(not _overlaps(m.span(), named) for m in _pointing_back(info.folded, lang))
        or _DEFINITE_EQUIPMENT.search(info.folded)
        or (foreign_here and definite_talks().search(info.folded))
        or (parties and info.dates and definite_talks().search(info.folded))  # 'l'exercice … en juin 2025'
        # "Ce rapprochement a débouché sur un mémorandum …": the talks told before, even with no party named here
        or (foreign_before and definite_talks(pointed=True).search(info.folded))
    )
    # "Lors du «Chebec 23», … les frégates": a named exercise the article's own story may have paired before
    exercise = foreign_before and info.section == "body" and bool(exercise_names(info.text, info.folded))
    # "Spanning from November 13-21, the naval exercise …": the talks paired before, dated here
    # "From 5 to 16 June, some 8,000 participants take part in joint exercises … in the kingdom": dated talks
    # in the country the article is about, even undetermined
    dated_talks = (foreign_before and info.section == "body" and bool(info.dates)
                   and bool(definite_talks().search(info.folded)
                            or ((back or bool(parties)) and definite_talks(bare=True).search(info.folded))))
    # "Le général X … a été reçu ce dimanche 5 mars par le ministre délégué": a dated meeting on the Moroccan
    # side, whose other side (a person) the story named before
    dated_moroccan = foreign_before and info.section == "body" and bool(info.dates) and any(m for m, _ in parties)
    if not parties and not info.systems and not (equipment and back) and not exercise and not dated_talks:
        return False  # "Les six appareils ont atterri": equipment named before still counts
    things = len(parties) + (1 if equipment else 0)
    return (things >= 2 or bool(info.systems) or info.section == "title" or back or exercise or dated_talks
            or dated_moroccan)


def _names_equipment(info: SentenceInfo, lang: str) -> bool:
    """A system, a noun of a kind of equipment ('drones'), or a generic one that is counted ('24 unités'):
    a bare 'l'interopérabilité des unités' is troops, not equipment."""
    if info.systems:
        return True
    generic = _generic_nouns()
    return any(
        m.group(0) not in generic or quantity_before(info.text[: m.start()], lang) is not None
        for m in equipment_nouns().finditer(info.folded)
    )


@lru_cache(maxsize=1)
def _generic_nouns() -> frozenset[str]:
    return frozenset(fold_keep(n) for n in lx.categories()["generic"])


def _overlaps(span: tuple[int, int], named: list[tuple[int, int]]) -> bool:
    """A phrase that is itself a named actor ('le Royaume' is Morocco) refers back to no one."""
    return any(start < span[1] and span[0] < end for start, end in named)


# "les six appareils", "ces nouveaux drones", "the first batch": equipment named before
_EQUIPMENT = lx.grammar()["definite_equipment"]
_DEFINITE_EQUIPMENT = re.compile(
    rf"(?<![\w'])(?:{lx.alternation(_EQUIPMENT['determiners'])})\s*"
    rf"(?:(?!(?:{lx.alternation(_EQUIPMENT['prepositions'])})\b)[\w-]+\s+){{0,2}}"
    rf"(?:{lx.alternation(_EQUIPMENT['nouns'])})\b"
)


@lru_cache(maxsize=3)
def definite_talks(pointed: bool = False, bare: bool = False) -> re.Pattern[str]:
    """'la coopération', 'la première réunion', 'cet accord', 'this agreement': a cooperation named
    before. ``pointed`` keeps only the forms that point back (a demonstrative or an ordinal); ``bare``
    takes the nouns with any determiner or none ('joint exercises')."""
    data = lx.load_json("frames.json")["frames"]
    nouns = {
        fold_keep(n)
        for spec in data.values()
        if spec["polarity"] == "cooperation" and spec.get("status") is None
        for lang in ("fr", "en")
        for n in spec[lang]["nouns"]
    }
    determiner = r"(?:[\w-]+\s+)?" if bare else (
        r"(?:(?:cet|cette|ce|ledit|ladite|this|that)\s*(?:[\w-]+\s+)?"
        r"|(?:la|le|l'|the)\s*(?:premiere|premier|derniere|dernier|prochaine|prochain|first|last|next|latest)\s+)"
        if pointed
        else r"(?:la|le|l'|cet|cette|ce|ledit|ladite|this|that|the)\s*(?:[\w-]+(?:'s)?\s+)?"  # "this year's exercise"
    )
    return re.compile(
        r"(?<![\w'])" + determiner + "(?:"
        + "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
        + r")(?![\w])"
    )


@lru_cache(maxsize=2)
def refers_back(lang: str) -> re.Pattern[str]:
    """Pronouns and anaphoric phrases of the frame lexicon, as one pattern over folded text."""
    lex = frame_lexicon()
    words = {w for key in (f"actor_{lang}", f"item_{lang}", f"pronouns_{lang}") for w in lex.anaphora[key]}
    return re.compile(r"(?<![\w'])(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")(?![\w])")


@lru_cache(maxsize=2)
def idle_turns(lang: str) -> re.Pattern[str]:
    """Turns whose pronoun stands for no one ('il convient de', 'de leur côté'), over folded text."""
    turns = frame_lexicon().anaphora[f"idle_{lang}"]
    return re.compile(r"(?<![\w'])(?:" + "|".join(sorted(map(re.escape, turns), key=len, reverse=True)) + r")(?![\w])")


def _pointing_back(folded: str, lang: str) -> list[re.Match[str]]:
    """The phrases of a sentence that refer back, but for a pronoun inside an idle turn."""
    idle = [m.span() for m in idle_turns(lang).finditer(folded)]
    return [m for m in refers_back(lang).finditer(folded) if not _overlaps(m.span(), idle)]
