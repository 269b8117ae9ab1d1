"""French sentence reading, part 1: the module-level helpers of ``parse_fr`` (word lists, the parser's
stand-in words, and the functions that read one spaCy token or a stretch of text: its preposition, its
marker, its negation; the preposition before a position; the nearest frame that takes a marker).

They live apart so that every class of the reader's chain (``fr_triggers``, ``fr_arguments``,
``fr_repairs``, ``parse_fr.FrenchAnalyser``) imports them from one place, below all of them;
``parse_fr`` re-exports what other modules import from it (``preposition_before``, ``nearest_taker``).
"""

from __future__ import annotations

import re
from typing import Any

from .. import lexicon as lx
from ..dates import MONTHS
from .actors import Actor
from .framelex import FrameLexicon, Trigger, frame_lexicon
from .grammar import Predicate
from .mentions import fold_keep
from .nouns import noun_kind

CLAUSE_DEPS = {"acl:relcl", "advcl", "ccomp", "parataxis", "csubj"}
SUBJECT_DEPS = {"nsubj", "csubj"}
_WORDS = lx.grammar()
REFLEXIVE = frozenset(_WORDS["reflexive_pronouns"]["fr"])
DESTINED = frozenset(_WORDS["destined"]["fr"])  # "destinés aux FAR": who the equipment is for
MAKER_VERBS = frozenset(_WORDS["maker_verbs"]["fr"])
OWNER_VERBS = frozenset(_WORDS["owner_verbs"]["fr"])  # "appartenant à la Marine française": whose ship
RELATIVE_OBLIQUE = frozenset(_WORDS["relative_obliques"]["fr"])  # "auquel participent …"
MARKER_NOUNS = frozenset(_WORDS["marker_nouns"]["fr"])  # "au profit de": a noun inside a preposition
HELPER_NOUNS = frozenset(_WORDS["helper_nouns"]["fr"])  # "avec l'aide d'Israël": who helped
HELPER_OPENERS = frozenset(_WORDS["helper_nouns"]["fr_openers"])
HELPER_MARKER: str = _WORDS["helper_nouns"]["fr_marker"]
FUTURE_ADVERBS = tuple(_WORDS["future_adverbs"]["fr"])  # "livrés très bientôt": still to come
COORDINATORS = frozenset(_WORDS["coordinators"]["fr"])
PRONOUN_SUBJECTS = frozenset(_WORDS["pronoun_subjects"]["fr"])
RELATIVE_SUBJECTS = frozenset(_WORDS["pronouns"]["fr_relative_subject"])
CAUSATIVE_RECEIVE = frozenset(_WORDS["causative_receive"]["fr"])
TRANSPARENT = frozenset(_WORDS["transparent_objects"]["fr"])  # "la totalité des 300 véhicules"
TIME_HEADS = frozenset(_WORDS["time_heads"]["fr"])  # "à la fin de l'année dernière"
_AGO = re.compile(
    r"\b[Ii]l y a (?:(?:quelques|plusieurs|deux|trois|quatre|cinq|six|dix|\d+|un|une) )?"
    r"(?:jours?|semaines?|mois|ans?|années?|décennies?)\b"
)
_DETERMINERS = frozenset(_WORDS["determiners"]["fr"])

# one character for one: offsets stay those of the original text
_PARSER_CHARS = {ord("’"): "'", ord("‘"): "'", ord("\u00a0"): " ", ord("\u202f"): " "}
_HYPHENATED = re.compile(r"(?<![\w-])[^\W\d_]{2,}(?:-[^\W\d_]{2,})+(?![\w-])")


def _two_word_item(token: Any) -> bool:
    """'camions tactiques', 'camion militaire': equipment named by a noun and the adjective after it
    (the noun alone may be civil); 'des drones espions', where the parser made 'drones' a modifier of
    the noun after it: equipment too."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if after is not None and after.dep_ == "amod" and after.head.i == token.i and noun_kind(
            f"{token.text} {after.text}") == "item":
        return True
    before = token.doc[token.i - 1] if token.i > 0 else None
    return (before is not None and before.head.i == token.i and before.dep_ in ("amod", "compound")
            and noun_kind(before.lemma_) == "item")


def _with_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """'drone « Harop »': the quotes go with the name, or the parser takes them for a new phrase."""
    before = re.search(r"[«“\"]\s*$", text[max(0, start - 3) : start])
    after = re.match(r"\s*[»”\"]", text[end : end + 3])
    if before and after:
        return start - len(before.group(0)), end + len(after.group(0))
    return start, end


SYSTEM_STANDIN = "Caesar"
PAIR_STANDIN = "bilatérale"
ACTOR_STANDINS = {"morocco": "Maroc", "state": "France", "company": "Thales", "org": "OTAN", "place": "Paris"}
LIGHT = Trigger("light", "light", "verb", ("*",), None)


def _norm_case(words: list[str]) -> str:
    text = fold_keep(" ".join(words)).replace("' ", "'").strip()
    text = re.sub(r"\b(?:au|aux)$", "a", text)
    text = re.sub(r"\b(?:du|des|d')$", "de", text)
    text = re.sub(r"^(?:au|aux)\b", "a", text) if text in ("au", "aux") else text
    return {"a la": "a", "a l'": "a", "de la": "de", "de l'": "de"}.get(text, text)


def _case_marker(token: Any) -> str | None:
    """The preposition introducing a token: its case dependents ('auprès de', 'au', 'avec')."""
    words = [c.text for c in token.children if c.dep_ in ("case", "fixed") and c.i < token.i]
    for c in token.children:
        if c.dep_ == "case":
            words += [f.text for f in c.children if f.dep_ == "fixed"]
    if not words:
        return None
    return _norm_case(words)


def _marker_of(token: Any) -> str:
    dep = token.dep_
    if (
        dep in ("obl:mod", "obl", "nmod")
        and token.head.pos_ in ("VERB", "AUX")
        and _case_marker(token) is None
        and any(c.dep_ == "cc" and fold_keep(c.text.lower()) in COORDINATORS for c in token.children)
    ):
        return "obj"  # "a acquis le drone Harop, ainsi que le système Barak MX": a second object
    if dep in ("obl:mod", "obl", "punct") and _counted_object(token):
        return "obj"  # "ont déjà commandé, en 2019, 36 hélicoptères": a count the parser hung as a modifier
    if dep == "conj" and token.pos_ in ("NOUN", "PROPN") and token.head.pos_ in ("VERB", "AUX"):
        return "obj"  # "a acquis le drone Harop, ainsi que le système Barak MX"
    if dep in SUBJECT_DEPS:
        return "subj"
    if dep == "nsubj:pass":
        return "obj"
    if dep == "obl:agent":
        return "agent"
    case = _case_marker(token)
    if case == "par" and _is_passive(token.head):
        return "agent"
    if case:
        return case
    if dep == "amod":
        return "amod"
    if dep == "det" and "Poss=Yes" in str(token.morph):
        return "poss"
    if dep == "iobj":
        return "iobj"
    if dep in ("obj", "xcomp", "dep", "appos", "flat:name", "nmod", "obl:arg", "obl:mod", "obl"):
        return "obj" if dep in ("obj", "xcomp") else dep
    return dep


def _counted_object(token: Any) -> bool:
    """A counted noun right under a verb, with no preposition, while the verb has no object."""
    head = token.head
    return (
        token.pos_ == "NOUN"
        and head.pos_ in ("VERB", "AUX")
        and _case_marker(token) is None
        and any(c.dep_ == "nummod" for c in token.children)
        and fold_keep(token.lemma_.lower()) not in frame_lexicon().measure_nouns["fr"]
        and not any(c.dep_ in ("obj", "nsubj:pass") for c in head.children)
    )


_NEW_ADJECTIVES = frozenset(lx.grammar()["new_equipment_adjectives"]["fr"])
_POINTING_DETERMINERS = frozenset(["le", "la", "les", "l'", "ce", "cet", "cette", "ces"])


def _new_equipment(token: Any) -> bool:
    """'d'au moins quatre nouveaux bâtiments': equipment brought in as new, not the equipment told before
    ('ses nouveaux drones', 'les autres appareils' point back)."""
    children = list(token.children)
    if any(c.dep_ == "det" and (c.lower_ in _POINTING_DETERMINERS or "Poss=Yes" in str(c.morph)) for c in children):
        return False
    return any(c.dep_ == "amod" and fold_keep(c.lower_) in _NEW_ADJECTIVES for c in children)


def _date_word(token: Any) -> Any | None:
    """The token itself when it is a month's name or a number (a day, a year), else None."""
    return token if token.like_num or token.lower_ in MONTHS else None


def _negated(token: Any) -> bool:
    """'n'a pas acheté', or a governing verb that is negated: 'n'a pas réussi à convaincre le Maroc
    d'acquérir'."""
    node = token
    for _ in range(4):
        modifiers = [c for c in node.children if c.dep_ in ("advmod", "advmod:neg")]
        # "ne sont pas encore livrés": 'pas' may hang on 'encore'
        adverbs = {m.lower_ for m in modifiers} | {
            c.lower_ for m in modifiers for c in m.children if c.dep_ in ("advmod", "advmod:neg")
        }
        lex = frame_lexicon()
        if adverbs & lex.negation["fr"] or (adverbs & lex.negation_with_ne and adverbs & lex.negation_ne):
            return True  # "n'a pas", "n'est plus à l'ordre du jour"
        if node.dep_ not in ("xcomp", "ccomp", "obj", "conj", "nsubj", "nsubj:pass") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _is_passive(token: Any) -> bool:
    return any(c.dep_ == "aux:pass" for c in token.children) or any(c.dep_ == "nsubj:pass" for c in token.children)


_PREPOSITION_BEFORE = re.compile(
    r"(?<![\w'])(aupres d[eu']?|aupres des|avec|entre|contre|face a|de la part d[eu']?|en provenance d[eu']?"
    r"|au profit d[eu']?|a destination d[eu']?|au grand dam d[eu']?|pour|chez|vers|apres|comme|selon|par"
    r"|a|au|aux|en|de|du|des|d'|et|ou|,)\s*(?:la |le |l'|les )?$"
)


def _appositions(text: str, actors: list[Actor]) -> list[tuple[int, int]]:
    """'le ministre délégué chargé de l'Administration de la défense nationale, Abdeltif Loudyi,':
    a title and a name of the same side, one after the other, read as one name (the parser takes
    'X, Y, a reçu' for a list and loses the verb's subject)."""
    ordered = sorted(actors, key=lambda a: a.start)
    out = []
    for a, b in zip(ordered, ordered[1:], strict=False):
        if (
            a.is_morocco
            and b.is_morocco
            and re.fullmatch(r"\s*,\s*", text[a.end : b.start])
            and (a.how == "person") != (b.how == "person")
        ):
            out.append((a.start, b.end))
    return out


def preposition_before(text: str, pos: int, over_noun: bool = False) -> str | None:
    """The preposition (normalised) right before a position, or a coordination; for a demonym, the
    one before the noun it qualifies ('de l'armée israélienne')."""
    before = fold_keep(text[max(0, pos - 50) : pos])
    if over_noun:
        before = re.sub(r"[\w-]+(?:\s+[\w-]+)?\s*$", "", before)
    m = _PREPOSITION_BEFORE.search(before.rstrip() + " ")
    if not m:
        m = _PREPOSITION_BEFORE.search(before)
    if not m:
        return None
    word = m.group(1).strip()
    return _norm_case(word.split()) if word not in (",",) else ","


def nearest_taker(preds: list[Predicate], lex: FrameLexicon, marker: str, actor: Actor) -> Predicate | None:
    """The closest frame predicate that has a role for this marker."""
    best, distance = None, 10**9
    for p in preds:
        if p.kind != "frame":
            continue
        spec = lex.frames[p.name]
        key = f"{marker}+state" if marker == "de" else marker
        if (
            spec.role(key, p.pos) is None
            and spec.role(marker, p.pos) is None
            and marker not in lex.opposed_markers["fr"]
        ):
            continue
        d = abs(p.start - actor.start)
        if d < distance:
            best, distance = p, d
    return best
