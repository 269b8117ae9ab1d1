"""The frame lexicon (``facts/data/frames.json``) as lookup tables.

French triggers are looked up by spaCy lemma (folded), English ones by surface form,
with the regular inflections generated here and the irregular ones listed. A trigger
is a frame ("acquire", "sign", "tension"…), a modifier that changes the status of the
acquisition it governs ("approve", "negotiate", "cancel") or a light verb that lends
its subject and complements to the frame noun it governs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import lexicon as lx
from .mentions import fold_keep

ROLES = ("recipient", "supplier", "counterpart", "visitor", "host", "item", "opposed")


@dataclass(frozen=True)
class FrameSpec:
    name: str
    polarity: str  # cooperation | opposition
    relation: str
    status: str | None
    verb_roles: dict[str, str]
    noun_roles: dict[str, str]
    requires_item: bool = False
    requires_recipient: bool = False
    requires_person: bool = False
    requires_domain: bool = False
    requires_item_subject: bool = False
    requires_markers: tuple[str, ...] = ()  # one argument must carry one of these ('depuis', 'since')
    requires_words: tuple[str, ...] = ()  # its equipment must be named with one of these ('launched its satellite')
    sentence_parties: bool = False  # parties its arguments do not name come from the sentence (a field hospital)

    def role(self, marker: str, pos: str) -> str | None:
        table = self.verb_roles if pos == "verb" else self.noun_roles
        return table.get(marker) or table.get("*")


@dataclass(frozen=True)
class ModifierSpec:
    name: str
    status: str
    subject_role: str
    infinitive_only: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Trigger:
    kind: str  # frame | modifier | light
    name: str
    pos: str  # verb | noun
    words: tuple[str, ...]  # folded words; for French verbs the first is a lemma
    reflexive: bool | None  # True: only with "se"; False: only without; None: either


@dataclass
class FrameLexicon:
    frames: dict[str, FrameSpec]
    modifiers: dict[str, ModifierSpec]
    triggers: dict[str, list[Trigger]] = field(default_factory=dict)  # lang → all triggers
    opposed_markers: dict[str, frozenset[str]] = field(default_factory=dict)
    negation: dict[str, frozenset[str]] = field(default_factory=dict)
    defence_domain: re.Pattern[str] = re.compile("$^")
    other_domain: re.Pattern[str] = re.compile("$^")
    strong_defence: re.Pattern[str] = re.compile("$^")  # the defence words that name nothing else
    relation_nouns: frozenset[str] = frozenset()  # "relations", "ties": defence only when their own phrase says so
    anaphora: dict[str, tuple[str, ...]] = field(default_factory=dict)
    abandoned: dict[str, re.Pattern[str]] = field(default_factory=dict)
    sour: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = field(default_factory=dict)  # before, after
    not_triggers: dict[str, re.Pattern[str]] = field(default_factory=dict)  # 'l'exercice 2025', 'dates back'
    prenominal: frozenset[str] = frozenset()  # English adjectives before a noun ('main partners')
    examples: dict[str, frozenset[str]] = field(default_factory=dict)  # 'such as', 'notamment'
    example_heads: dict[str, frozenset[str]] = field(default_factory=dict)  # 'countries', 'pays'
    examples_after_group: re.Pattern[str] = re.compile("$^")  # '… plusieurs pays tels que (les) ', folded
    copulas: frozenset[str] = frozenset()  # one-word verbs that say what a subject is ('restent', 'remain'), folded
    non_item_markers: frozenset[str] = frozenset()  # 'à bord de', 'over': equipment after them is not bought
    setting_markers: frozenset[str] = frozenset()  # 'amid': what follows is the setting's own (English)
    locative: frozenset[str] = frozenset()  # 'à', 'in': a place ('signé à Rabat')
    host_markers: tuple[str, ...] = ()  # 'co-organisé par', 'hosted by': the exercise's host follows
    beneficiary_markers: frozenset[str] = frozenset()  # 'pour', 'on behalf of': whom it is for
    measure_nouns: dict[str, frozenset[str]] = field(default_factory=dict)  # 'a total of', 'deux ans'
    negation_with_ne: frozenset[str] = frozenset()  # French 'plus', 'rien': negate only beside 'ne'
    negation_ne: frozenset[str] = frozenset()  # 'ne', "n'"
    copula_lemmas: frozenset[str] = frozenset()  # 'be', 'être': the parser's lemma of the copula
    owned: re.Pattern[str] = re.compile("$^")  # 'ses', 'its “', 'les anciens' just before a system (folded)
    already_held: re.Pattern[str] = re.compile("$^")  # 'déjà dotées de', 'already equipped with' (folded)
    newly: re.Pattern[str] = re.compile("$^")  # 'premiers', 'new': what is owned is new all the same
    old_after: re.Pattern[str] = re.compile("$^")  # 'les VAB obsolètes': an old adjective after the system
    closing_relations: frozenset[str] = frozenset()  # what 'ended' lends to: meetings, not cooperation

    def lookup(self, lang: str, pos: str, first: str) -> list[Trigger]:
        """Triggers of a part of speech whose first word (a French lemma, folded) is ``first``."""
        return _index(self, lang).get((pos, first), [])


@lru_cache(maxsize=1)
def frame_lexicon() -> FrameLexicon:
    data: dict[str, Any] = lx.load_json("frames.json")
    frames = {name: _frame(name, spec) for name, spec in data["frames"].items()}
    modifiers = {
        name: ModifierSpec(
            name, spec["status"], spec["subject_role"], frozenset(fold_keep(w) for w in spec.get("infinitive_only", []))
        )
        for name, spec in data["modifiers"].items()
        if name != "about"
    }
    lex = FrameLexicon(frames, modifiers)
    for lang in ("fr", "en"):
        triggers: list[Trigger] = []
        for name, spec in data["frames"].items():
            triggers += _triggers("frame", name, spec[lang])
        for name, spec in data["modifiers"].items():
            if name != "about":
                triggers += _triggers("modifier", name, spec[lang])
        triggers += _triggers("light", "light", {"verbs": data["light_verbs"][lang], "nouns": []})
        closing, stops = data["closing_verbs"][lang], data["closing_verbs"]["stops"][lang]
        triggers += _triggers("light", "closing", {"verbs": [w for w in closing if w not in stops], "nouns": []})
        triggers += _triggers("light", "stopping", {"verbs": stops, "nouns": []})
        lex.triggers[lang] = _with_reflexive_rule(triggers)
        lex.examples[lang] = frozenset(fold_keep(m) for m in data["example_markers"][lang])
        lex.example_heads[lang] = frozenset(fold_keep(m) for m in data["example_markers"]["heads"][lang])
        lex.opposed_markers[lang] = frozenset(fold_keep(m) for m in data["opposed_markers"][lang])
        lex.negation[lang] = frozenset(data["negation"][lang])
        lex.anaphora[f"item_{lang}"] = tuple(fold_keep(a) for a in data["anaphora"][f"item_{lang}"])
        for key in ("actor", "pronouns", "idle"):
            lex.anaphora[f"{key}_{lang}"] = tuple(fold_keep(a) for a in data["anaphora"][f"{key}_{lang}"])
        idioms = sorted((fold_keep(p) for p in data["abandoned"][lang]), key=len, reverse=True)
        lex.abandoned[lang] = re.compile("|".join(re.escape(p) for p in idioms))
        lex.sour[lang] = _sour_patterns(data["sour_qualifiers"], lang)
        lex.copulas |= {fold_keep(w) for w in data["sour_qualifiers"]["copulas"][lang] if " " not in w}
        lex.not_triggers[lang] = re.compile("|".join(f"(?:{p})" for p in data["not_triggers"][lang]))
    lex.prenominal = frozenset(data["prenominal_adjectives"]["en"])
    lex.closing_relations = frozenset(data["closing_verbs"]["relations"])
    lex.non_item_markers = frozenset(data["non_item_markers"]["words"])
    lex.setting_markers = frozenset(data["setting_markers"]["en"])
    lex.locative = frozenset(data["locative_markers"]["words"])
    lex.host_markers = tuple(data["host_markers"]["words"])
    lex.beneficiary_markers = frozenset(data["beneficiary_markers"]["words"])
    lex.measure_nouns = {lang: frozenset(data["measure_nouns"][lang]) for lang in ("fr", "en")}
    lex.negation_with_ne = frozenset(data["negation"]["fr_with_ne"])
    lex.negation_ne = frozenset(data["negation"]["fr_ne"])
    lex.copula_lemmas = frozenset(data["copula_lemmas"]["fr"] + data["copula_lemmas"]["en"])
    lex.owned, lex.already_held, lex.newly = _possession_patterns(data["possession"])
    lex.old_after = re.compile(rf"^\s+(?:{_alternation(data['possession']['old_adjectives'])})\b")
    heads = "|".join(re.escape(h) for h in sorted(lex.example_heads["fr"], key=len, reverse=True))
    markers = "|".join(re.escape(m) for m in sorted(lex.examples["fr"], key=len, reverse=True))
    lex.examples_after_group = re.compile(
        rf"\b(?:{heads})(?:\s+[\w'-]+){{0,2}}?\s*,?\s*(?P<marker>{markers})\s+(?:les |la |le |l'|des |du |d')?$")
    domain = data["domain"]
    lex.defence_domain = re.compile(r"(?<![\w])(?:" + "|".join(domain["defence"]) + ")")
    lex.other_domain = re.compile(r"(?<![\w])(?:" + "|".join(domain["other"]) + ")")
    strong = [w for w in domain["defence"] if w not in domain["weak_defence"]]
    lex.strong_defence = re.compile(r"(?<![\w])(?:" + "|".join(strong) + ")")
    lex.relation_nouns = frozenset(domain["relation_nouns"])
    return lex


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _possession_patterns(data: dict[str, Any]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What ends the text just before a system when Morocco already has it: a possessive or an old
    adjective, then up to three words and maybe an opening quote ('its “F-16'); 'déjà dotées de'."""
    possessive, determiner = _alternation(data["possessives"]), _alternation(data["determiners"])
    old = _alternation(data["old_adjectives"])
    owned = re.compile(rf"\b(?:{possessive}|(?:{determiner})\s*(?:{old}))\s+(?:[\w-]+\s+){{0,3}}(?:[«\"“]\s*)?$")
    already, held = _alternation(data["already"]), _alternation(data["held_participles"])
    held_prep = _alternation(data["held_prepositions"])
    determined = _alternation(data["determiners"] + data["possessives"])
    # "remplacer les satellites Mohammed VI-A et Mohammed VI-B": every system of the list it replaces
    replacing = rf"\b(?:{_alternation(data['replacing'])})\s+(?:{determined})\s+(?:[\w-]+\s+){{0,6}}$"
    held_before = rf"\b(?:{already})\s+(?:{held})(?:e?s)?\s+(?:{held_prep})\s*(?:[\w-]+\s+){{0,3}}$"
    already_held = re.compile(rf"{held_before}|{replacing}")
    newly = re.compile(rf"\b(?:{_alternation(data['newly'])})\b")
    return owned, already_held, newly


def _sour_patterns(data: dict[str, Any], lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What may stand before a relation noun (English "strained [one word]") and what may follow
    it (French "[one word] tendues"; both "… sont/are [adverb] tendues")."""
    sour = "|".join(re.escape(fold_keep(w)) for w in data[lang])
    copulas = "|".join(re.escape(fold_keep(w)) for w in data["copulas"][lang])
    said = rf"^[^.;:,]{{0,80}}?\b(?:{copulas})\s+(?:[a-z]+\s+)?(?:{sour})\b"
    if lang == "fr":
        return re.compile("$^"), re.compile(rf"^,?\s+(?:[a-z-]+,?\s+)?(?:{sour})\b|{said}")
    return re.compile(rf"\b(?:{sour})\s+(?:[a-z-]+\s+)?$"), re.compile(said)


def _frame(name: str, spec: dict[str, Any]) -> FrameSpec:
    return FrameSpec(
        name,
        spec["polarity"],
        spec["relation"],
        spec.get("status"),
        {fold_keep(k): v for k, v in spec["verb_roles"].items()},
        {fold_keep(k): v for k, v in spec["noun_roles"].items()},
        spec.get("requires_item", False),
        spec.get("requires_recipient", False),
        spec.get("requires_person", False),
        spec.get("requires_domain", False),
        spec.get("requires_item_subject", False),
        tuple(fold_keep(m) for m in spec.get("requires_markers", [])),
        tuple(fold_keep(w) for w in spec.get("requires_words", [])),
        spec.get("sentence_parties", False),
    )


def _triggers(kind: str, name: str, words: dict[str, list[str]]) -> list[Trigger]:
    out = []
    for pos, key in (("verb", "verbs"), ("noun", "nouns")):
        for phrase in words.get(key, []):
            folded = fold_keep(phrase)
            reflexive = None
            if pos == "verb" and re.match(r"(?:se |s')", folded):
                reflexive = True
                folded = re.sub(r"^(?:se |s')", "", folded)
            out.append(Trigger(kind, name, pos, tuple(folded.replace("'", "' ").split()), reflexive))
    return out


def _with_reflexive_rule(triggers: list[Trigger]) -> list[Trigger]:
    """A verb listed reflexive somewhere ('s'offrir': to buy) matches its plain form ('offrir':
    to donate) only without 'se', so the two readings never mix."""
    reflexive_verbs = {t.words for t in triggers if t.reflexive}
    out = []
    for t in triggers:
        if t.pos == "verb" and t.reflexive is None and t.words in reflexive_verbs:
            t = Trigger(t.kind, t.name, t.pos, t.words, False)
        out.append(t)
    return out


_INDEXES: dict[tuple[int, str], dict[tuple[str, str], list[Trigger]]] = {}


def _index(lex: FrameLexicon, lang: str) -> dict[tuple[str, str], list[Trigger]]:
    key = (id(lex), lang)
    if key not in _INDEXES:
        table: dict[tuple[str, str], list[Trigger]] = {}
        for t in lex.triggers[lang]:
            table.setdefault((t.pos, t.words[0]), []).append(t)
        for items in table.values():  # longest phrase first
            items.sort(key=lambda t: -len(t.words))
        _INDEXES[key] = table
    return _INDEXES[key]


def trigger_stems(lang: str) -> re.Pattern[str]:
    """A quick filter over folded sentence text: does anything here look like a trigger?"""
    return _stems(lang)


@lru_cache(maxsize=2)
def _stems(lang: str) -> re.Pattern[str]:
    """Stems of the triggers, and for French verbs every inflected form the French model's own
    lemmatizer tables list ('reçoit', 'reçu' for 'recevoir': no stem would catch them)."""
    lex = frame_lexicon()
    stems = set()
    verbs = set()
    for t in lex.triggers[lang]:
        if t.kind == "light":
            continue
        word = t.words[0]
        stems.add(word[: max(4, len(word) - 3)] if len(word) > 5 else word)
        if t.pos == "verb":
            verbs.add(word)
    if lang == "fr":
        stems |= _inflected_forms(frozenset(verbs))
    else:  # "bought", "sold", "met", "held": no stem of the lemma catches them
        from .en_words import IRREGULAR

        stems |= {form for verb in verbs for form in IRREGULAR.get(verb, [])}
    return re.compile(r"(?<![\w])(?:" + lx.trie_pattern(sorted(stems)) + ")")


def _inflected_forms(lemmas: frozenset[str]) -> set[str]:
    from .parse_fr import nlp

    table = nlp().get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    forms: set[str] = set()
    for form, candidates in table.get("verb", {}).items():
        if any(fold_keep(c) in lemmas for c in candidates):
            forms.add(fold_keep(form))
    return forms
