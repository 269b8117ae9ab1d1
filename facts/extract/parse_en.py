"""English sentences → predicates with marked arguments, by clause analysis over our own tokens.

No English spaCy pipeline is published on PyPI by a trustworthy source, so English is
read with rules that English word order makes reliable: a clause's subject is the noun
phrase before its verb (after any fronted "In 2020," and without the asides between
commas), its object the phrase right after, and each later phrase is marked by its
preposition ("from the United States", "to Morocco", "by Elbit"). Passive verbs turn
the subject into the object and "by" into the agent; "plans to acquire" and "approved
Morocco to buy" lend the governing verb's subject. Actors and systems are single
tokens, as in the French analysis, and the output is the same predicate structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lexicon as lx
from ..dates import MONTHS as DATE_MONTHS
from ..dates import WEEKDAYS as DATE_WEEKDAYS
from .actors import Actor
from .framelex import FrameLexicon, Trigger, frame_lexicon
from .grammar import Analysis, Arg, Predicate
from .mentions import SystemMention, fold_keep
from .nouns import noun_kind

_WORDS = lx.grammar()
IRREGULAR: dict[str, list[str]] = _WORDS["irregular_verbs"]["en"]
MODALS = frozenset(_WORDS["modals"]["en"])  # "Rabat would buy": a report, not a purchase
AUXILIARIES = frozenset(_WORDS["auxiliaries"]["en"])
FINITE_AUXILIARIES = frozenset(_WORDS["auxiliaries"]["en_finite"])
BE = frozenset(["be", *IRREGULAR["be"]])
PREPOSITIONS = tuple(_WORDS["prepositions"]["en"])
CLAUSE_OPENERS = frozenset(_WORDS["clause_openers"]["en"])
REPORTING_VERBS = frozenset(_WORDS["reporting_verbs"]["en"])
TRANSPARENT = frozenset(_WORDS["transparent_objects"]["en"])
COMPARISON_STOPS = frozenset(_WORDS["comparison_stops"]["en"])
BARE_OPENERS = frozenset(_WORDS["clause_openers"]["en_without_comma"])
OPENERS_BEFORE_A_VERB = frozenset(_WORDS["clause_openers"]["en_without_comma_before_a_verb"])
NOT_OPENING_AFTER = frozenset(_WORDS["clause_openers"]["en_not_after"])
_NOT_NAMES = frozenset(_WORDS["not_names"]["en"])
DETERMINERS = frozenset(_WORDS["determiners"]["en"])
PRONOUNS = frozenset(_WORDS["pronouns"]["en"])
DEFINITE_OPENERS = frozenset(_WORDS["definite_equipment"]["determiners"]) | {"this", "that", "such"}
POSSESSIVE_DET = frozenset(_WORDS["pronouns"]["en_possessive"])
DOMAINS = frozenset(_WORDS["military_domains"]["en"])
VERB_ADVERBS = frozenset(_WORDS["verb_adverbs"]["en"])
CONTROL_VERBS = frozenset(_WORDS["control_verbs"]["en"])
HAVE_AUXILIARY = frozenset(_WORDS["have_auxiliary"]["en"])
COUNT_WORDS = frozenset(lx.categories()["unnamed"]["counts"]) - {"a", "an"}

_WORD = re.compile(r"['’]s\b|[A-Za-z0-9][\w'’.&-]*[\w]|[A-Za-z0-9]|[^\w\s]")


@dataclass
class Tok:
    text: str
    start: int
    end: int
    low: str
    actor: Actor | None = None
    system: SystemMention | None = None
    trigger: Trigger | None = None
    prep: str | None = None  # this token starts a preposition (possibly several words long)
    alternatives: list[Trigger] = field(default_factory=list)  # other readings of the same word
    prep_len: int = 0


@dataclass
class Clause:
    start: int  # token indexes [start, end)
    end: int
    subject_from: int | None = None  # an antecedent outside the clause (relative clauses)
    subject_tokens: list[int] = field(default_factory=list)


EQUIPPED = frozenset(("equipped", "fitted", "armed"))
WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))


@lru_cache(maxsize=1)
def _inflections() -> dict[str, list[tuple[Trigger, int]]]:
    """Surface word → triggers whose (inflected) first word it is, with the number of words."""
    lex = frame_lexicon()
    table: dict[str, list[tuple[Trigger, int]]] = {}
    for trig in lex.triggers["en"]:
        for form in _forms(trig):
            words = form.split()
            table.setdefault(words[0], []).append(
                (Trigger(trig.kind, trig.name, trig.pos, tuple(words), None), len(words))
            )
    for items in table.values():
        items.sort(key=lambda t: -t[1])
    return table


def _forms(trig: Trigger) -> set[str]:
    base = " ".join(trig.words)
    if trig.pos == "noun":
        return {base, base + "s"} if not base.endswith("s") else {base}
    first, rest = trig.words[0], " ".join(trig.words[1:])
    heads = {first, *_regular(first), *IRREGULAR.get(first, [])}
    out = {(h + " " + rest).strip() for h in heads}
    out |= set(IRREGULAR.get(base, []))
    return out


def _regular(verb: str) -> list[str]:
    if verb.endswith("e"):
        return [verb + "s", verb + "d", verb[:-1] + "ing"]
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return [verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if verb.endswith(("s", "sh", "ch", "x")):
        return [verb + "es", verb + "ed", verb + "ing"]
    return [verb + "s", verb + "ed", verb + "ing"]


class EnglishAnalyser:
    def __init__(self, lex: FrameLexicon | None = None) -> None:
        self.lex = lex or frame_lexicon()

    def analyse(self, text: str, actors: list[Actor], systems: list[SystemMention]) -> Analysis:
        self.text = text
        self.toks = _tokens(text, actors, systems)
        self._title_cased: bool | None = None
        self._mark_prepositions()
        self._mark_triggers()
        preds: list[Predicate] = []
        self.pred_at: dict[int, int] = {}
        for clause in self._clauses():
            self._clause_predicates(clause, preds)
        return Analysis(preds, parsed=True, people=self._people(actors))

    def _people(self, actors: list[Actor]) -> list[str]:
        """Persons: two to four capitalised words in a row that are no actor, system or function word."""
        names = [a.text for a in actors if a.how == "person" and " " in a.text]
        run: list[Tok] = []
        for tok in self.toks + [Tok("", 0, 0, "")]:
            if (
                tok.actor is None
                and tok.system is None
                and tok.trigger is None
                and tok.text[:1].isupper()
                and tok.text.isalpha()
                and tok.low not in _NOT_NAMES
                and noun_kind(tok.low) is None  # "Commander", "Chairman": an office, not a name
            ):
                run.append(tok)
                continue
            if 2 <= len(run) <= 4 and not self._named_company(run[0]) and not self._in_a_list_of_places(run):
                names.append(self.text[run[0].start : run[-1].end])
            run = []
        return list(dict.fromkeys(names))

    def _in_a_list_of_places(self, run: list[Tok]) -> bool:
        """'Agadir, Tan-Tan, Al Mahbès, Tiznit': a name listed beside places is a place."""
        k, j = self.toks.index(run[0]), self.toks.index(run[-1])
        before = self.toks[k - 2] if k >= 2 and self.toks[k - 1].low in (",", "and") else None
        after = self.toks[j + 2] if j + 2 < len(self.toks) and self.toks[j + 1].low in (",", "and") else None
        return any(t is not None and t.actor is not None and t.actor.kind == "place" for t in (before, after))

    def _named_company(self, first: Tok) -> bool:
        """'the Indian engineering group Bharat Forge': a name right after a company noun is the company's."""
        k = self.toks.index(first)
        return k > 0 and noun_kind(self.toks[k - 1].low) == "company"

    # ------------------------------------------------------------------ tokens

    def _mark_prepositions(self) -> None:
        lows = [t.low for t in self.toks]
        for i in range(len(self.toks)):
            for prep in PREPOSITIONS:
                words = prep.split()
                if lows[i : i + len(words)] == words:
                    self.toks[i].prep, self.toks[i].prep_len = prep, len(words)
                    break

    def _mark_triggers(self) -> None:
        table = _inflections()
        lows = [t.low for t in self.toks]
        i = 0
        while i < len(self.toks):
            tok = self.toks[i]
            if tok.actor is None and tok.system is None:
                matches = [
                    t for t, n in table.get(tok.low, []) if tuple(lows[i : i + n]) == t.words and self._plausible(i, t)
                ]
                nominal = bool(matches) and self._after_determiner(i)
                if (nominal or self._after_common_noun(i)) and all(t.pos == "verb" for t in matches) \
                        and noun_kind(tok.low) == "item":
                    matches = []  # "Pakistan's Navy Zulfiqar ship", "floats out patrol ship": the noun "ship"
                if matches:
                    matches.sort(key=lambda t: (t.pos != ("noun" if nominal else "verb"), -len(t.words)))
                    tok.trigger = matches[0]
                    tok.alternatives = [
                        t
                        for t in matches[1:]
                        if t.kind != "light" and t.pos == matches[0].pos and t.name != matches[0].name
                    ]
                    i += len(matches[0].words)  # "a working visit": 'visit' is inside the phrase, no verb of its own
                    continue
            i += 1

    def _takes_item(self, trigger: Trigger) -> bool:
        """A frame whose verb can have equipment for object (order, deliver), unlike a visit or a meeting."""
        spec = self.lex.frames.get(trigger.name) if trigger.kind == "frame" else None
        return spec is None or "item" in spec.verb_roles.values()

    def _after_common_noun(self, i: int) -> bool:
        """'patrol ship': a lower-case word that cannot come before a verb (no pronoun, auxiliary, modal,
        adverb, 'to' or conjunction) makes the word after it a noun."""
        if i == 0:
            return False
        prev = self.toks[i - 1]
        return prev.text.isalpha() and prev.text.islower() and prev.prep is None and not (
            prev.low in PRONOUNS or prev.low in AUXILIARIES or prev.low in MODALS or prev.low in VERB_ADVERBS
            or prev.low in BE or prev.low in ("to", "and", "or", "but", "not", "also", "then", "will", "would")
            or prev.low.endswith("ly") or prev.trigger is not None)

    def _after_determiner(self, i: int) -> bool:
        """'the order', 'a 2024 request', 'in talks', 'Rabat's main partners', 'the annual “African Lion”
        military exercise': a noun, not a verb (a quoted name counts as a modifier)."""
        adjectives = frame_lexicon().prenominal
        if i > 0 and self.toks[i - 1].low in adjectives:
            return True  # "military exercise", "joint drills", "annual exercise"
        if i >= 2 and self.toks[i - 2].low in ("a", "an", "the") and self.toks[i - 1].text.isalpha() and (
                self.toks[i - 1].text.islower() and self.toks[i - 1].trigger is None):
            return True  # "a landmark contract", "the long-awaited delivery": an adjective we do not list
        for k in range(i - 1, max(-1, i - 7), -1):
            tok = self.toks[k]
            if tok.prep is not None or tok.low in DETERMINERS or tok.low in ("'s", "’s"):
                return True
            quoted = tok.text in QUOTES or (k > 0 and tok.text[:1].isupper() and any(
                t.text in QUOTES for t in self.toks[max(0, k - 3) : k]))
            named = k > 0 and tok.text[:1].isupper() and not self._title_case()  # "the African Lion exercise"
            if not (re.fullmatch(r"[\d,.]+", tok.text) or tok.actor is not None or tok.system is not None
                    or tok.low in adjectives or quoted or named):
                return False
        return False

    def _reported(self, i: int) -> bool:
        """The word at ``i`` opens the content of a report made in the past ('… revealed via Facebook that they
        would …', '… said that Rabat would …'): a verb of saying, then 'that' and a short subject before it."""
        that = next((k for k in range(i - 1, max(-1, i - 6), -1) if self.toks[k].low == "that"), None)
        if that is None or any(t.low in ("if", "unless") for t in self.toks[i:]):
            return False  # "… would buy them if the price fell": a condition, still a wish
        return any(self.toks[k].low in REPORTING_VERBS and self.toks[k].low.endswith(("ed", "said", "told", "wrote"))
                   for k in range(max(0, that - 5), that))

    def _plausible(self, i: int, trig: Trigger) -> bool:
        """A verb form right after a determiner is a noun ('the order'), a noun form right after 'to'
        or a subject pronoun is a verb ('to order'); 'intended for' states a purpose, not an intention."""
        nxt = self.toks[i + len(trig.words)].low if i + len(trig.words) < len(self.toks) else ""
        if trig.kind == "modifier" and self.toks[i].low.endswith("ed") and nxt in ("for", "as"):
            return False
        if trig.kind == "modifier" and self.toks[i].low == "would" and self._reported(i):
            return False  # "revealed that they would acquire Akinci drones during 2025": a future told, no wish
        prev = self.toks[i - 1].low if i > 0 else ""
        determiners = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "new", "first", "latest"}
        designation = i > 0 and self.toks[i - 1].system is not None and re.fullmatch(r"\d+s?", nxt or "")
        if trig.pos == "verb" and (self._example_marker(i, trig) or self._domain_listed(i) or designation):
            return False  # "countries including Tunisia", "air, sea, and land operations", "F-16C/D block 72s"
        if trig.kind == "light" and self._auxiliary_have(i):
            return False  # "has decided to sell": an auxiliary, the verb is what follows
        start = self.toks[i].start
        if trig.pos == "verb" and start > 0 and self.text[start - 1] in "-‑":
            return False  # "the U.S.-led exercise", "Israeli-built drones": a compound adjective
        if trig.pos == "verb" and self.toks[i].low.endswith("ing") and prev not in ("is", "are", "was", "were", "be") \
                and any(t.pos == "noun" and len(t.words) == 1 for t, _ in _inflections().get(nxt, [])):
            return False  # "a defence manufacturing facility": a modifier of the frame noun after it
        before = self.toks[i - 2].low if i > 1 else ""
        if prev == "first" and before not in determiners and not before.endswith(("'s", "’s")):
            determiners = determiners - {"first"}  # "Morocco and Jordan first signed", not "its first order"
        if trig.pos == "verb":  # a verb is not followed by an auxiliary: "the … exercise will be conducted"
            return (
                prev not in determiners
                and not prev.endswith("'s")
                and nxt not in FINITE_AUXILIARIES
                and not self._capitalised_name(i)
            )
        return (
            prev not in ("to", "will", "would", "can", "could", "may", "might", "must", "should")
            or trig.kind == "light"
        )

    def _auxiliary_have(self, i: int) -> bool:
        """'has decided', 'have already approved': 'have' before a past participle (maybe after adverbs)."""
        if self.toks[i].low not in HAVE_AUXILIARY:
            return False
        k = i + 1
        while k < len(self.toks) and self._verb_group_word(k) and self.toks[k].low not in HAVE_AUXILIARY:
            k += 1
        if k >= len(self.toks) or self.toks[k].actor is not None or self.toks[k].system is not None:
            return False
        word = self.toks[k]
        return word.text.islower() and (word.low.endswith("ed") or word.low in _participles())

    def _controller(self, clause: Clause, v: int) -> list[int]:
        """The subject of 'decided' in 'X has decided to sell': the infinitive's own subject."""
        k = v - 2  # the word before 'to'
        if k < clause.start:
            return []
        j = k - 1
        while j > clause.start and not any(c.isalnum() for c in self.toks[j].text):
            j -= 1  # "for 🇲🇦 #Morocco to purchase": a flag, a hash sign
        if self.toks[k].actor is not None and j >= clause.start and self.toks[j].low == "for":
            return [k]  # "a sales case for Morocco to purchase Stinger missiles": 'for X to' names the subject
        if self.toks[k].low not in CONTROL_VERBS:
            return []
        return self._subject(clause, k)

    def _example_marker(self, i: int, trig: Trigger) -> bool:
        """'including' right after a comma or a group of states ('countries including', ', including'): the
        examples of the phrase before it."""
        if " ".join(trig.words) not in self.lex.examples["en"]:
            return False
        if i > 0 and self.toks[i - 1].low == ",":
            return True
        k = i - 1
        while k >= 0 and self.toks[k].low == ",":
            k -= 1
        return k >= 0 and self.toks[k].low in self.lex.example_heads["en"]

    def _domain_listed(self, i: int) -> bool:
        """'air, sea, and land operations', 'land and air forces': a domain coordinated with another."""
        if self.toks[i].low not in DOMAINS:
            return False
        near = [t.low for t in self.toks[max(0, i - 3) : i + 4] if t.low not in (",", "and", "or")]
        return sum(w in DOMAINS for w in near) >= 2

    def _capitalised_name(self, i: int) -> bool:
        """'… and US Chairman Mark Milley discussed': mid-sentence, a capitalised verb form is a name —
        except in a headline written in title case, where every word is capitalised."""
        tok = self.toks[i]
        if i == 0 or not tok.text[:1].isupper() or self.toks[i - 1].text in (".", ":", "“", '"', "«", "(", "-", "–"):
            return False
        return not self._title_case()

    def _title_case(self) -> bool:
        """A headline written in title case, where every word is capitalised (computed once)."""
        if self._title_cased is None:
            words = [t.text for t in self.toks if t.text[:1].isalpha()]
            self._title_cased = sum(w[:1].isupper() for w in words) > 0.75 * len(words)
            # "US Approves $985 Million in Missile Sales to Morocco": a headline's title case leaves the small
            # words low (a long sentence full of names is no headline)
            big = [w for t, w in ((t, t.text) for t in self.toks) if w[:1].isalpha() and t.prep is None
                   and t.low not in DETERMINERS and t.low not in ("and", "or", "but", "as")]
            self._title_cased |= len(words) <= 15 and all(w[:1].isupper() for w in big)
        return self._title_cased

    # ------------------------------------------------------------------ clauses

    def _clauses(self) -> list[Clause]:
        """Main clause and subordinate ones: split at ';', ':' and at relative or adverbial openers
        after a comma; an aside between commas (', which …,' ', Morocco's rival,') is its own clause
        whose subject is the phrase before it."""
        clauses: list[Clause] = []
        start = 0
        n = len(self.toks)
        i = 0
        while i < n:
            tok = self.toks[i]
            nxt = self.toks[i + 1].low if i + 1 < n else ""
            if (
                tok.low in (";", ":", "—", "–")
                or (tok.low == "," and (nxt in CLAUSE_OPENERS or self._subject_then_auxiliary(i + 1)
                                        or self._reporting_tail(i + 1)))
                or (tok.low in ("and", "but") and i + 1 < n and self._has_verb(start, i) and self._starts_clause(i + 1))
                or self._bare_opener(i, start)
            ):
                if i > start:
                    clauses.append(Clause(start, i))
                start = i + 1
            i += 1
        if start < n:
            clauses.append(Clause(start, n))
        for k, clause in enumerate(clauses):
            first = self.toks[clause.start].low
            if first in ("which", "who", "that") and k > 0:
                clause.subject_from = k - 1
        return clauses

    def _subject_then_auxiliary(self, i: int) -> bool:
        """'Upon hearing that Morocco acquired missiles, Algerian newspaper X was quick to attack it': after a
        comma, a short noun phrase and a finite auxiliary open the main clause — what it says is not the
        object of the verb before the comma. A list ('Morocco, France and Spain are') goes on with 'and'."""
        for j in range(i, min(i + 6, len(self.toks))):
            t = self.toks[j]
            if t.low in FINITE_AUXILIARIES:
                return j > i and self.toks[j - 1].low not in DETERMINERS
            if t.low in (",", "and", "or", "which", "who", "that") or t.prep is not None or t.trigger is not None:
                return False
        return False

    def _reporting_tail(self, i: int) -> bool:
        """'…, the Moroccan Armed Forces reported in a Tweet.': after the last comma, a short subject and a
        verb of saying, then nothing that tells anything else — the source, not a party of the phrase."""
        rest = self.toks[i:]
        if any(t.low in (",", ";") or t.trigger is not None for t in rest):
            return False
        verb = next((k for k, t in enumerate(rest[:8]) if t.low in REPORTING_VERBS), None)
        return verb is not None and verb > 0 and not any(t.actor is not None for t in rest[verb + 1 :])

    def _bare_opener(self, i: int, start: int) -> bool:
        """'… signed a contract as the arms race with its neighbour intensifies': a conjunction with no comma
        before it opens a clause when a determiner follows and the clause so far has its verb; 'after',
        'before' when a frame's verb follows before the next stop."""
        low = self.toks[i].low
        if low not in BARE_OPENERS | OPENERS_BEFORE_A_VERB or i == 0 or i + 1 >= len(self.toks):
            return False
        nxt, prev = self.toks[i + 1].low, self.toks[i - 1].low
        stops = (k for k in range(i + 2, len(self.toks)) if self.toks[k].low in (",", ";", ".", ":"))
        end = next(stops, len(self.toks))
        if low in OPENERS_BEFORE_A_VERB and prev not in NOT_OPENING_AFTER:
            # "the talks come after the chief of the French Navy toured the base": a subject and a frame's
            # verb follow, so a clause, not a rival ("the third customer after Poland"); "before being
            # delivered" shares the subject of the clause before it
            return not nxt.endswith("ing") and not self._is_verb(i + 1) and self._has_verb(i + 2, end)
        if nxt not in ("the", "a", "an") or prev in NOT_OPENING_AFTER or not self._has_verb(start, i):
            return False
        last = self.toks[end - 1]  # "… intensifies": the clause ends on its verb, not on a noun ("as the supplier")
        return end - i > 3 and last.text.islower() and last.low.endswith(("s", "ed"))

    def _has_verb(self, start: int, end: int) -> bool:
        """The clause so far has its verb: what follows 'and' may be a new clause, not a second subject."""
        return any(self._is_verb(k) for k in range(start, end))

    def _starts_clause(self, i: int) -> bool:
        """'… and Morocco signed …': a new subject followed by its own verb."""
        for j in range(i, min(i + 6, len(self.toks))):
            t = self.toks[j]
            if t.trigger is not None and t.trigger.pos == "verb" and j > i:
                return any(self.toks[k].actor is not None for k in range(i, j))
            if t.low in (",", "and") or t.prep:
                return False
        return False

    def _clause_predicates(self, clause: Clause, preds: list[Predicate]) -> None:
        verbs = [i for i in range(clause.start, clause.end) if self._is_verb(i) and not self._auxiliary(i, clause)]
        nouns = [i for i in range(clause.start, clause.end) if self._is_noun_trigger(i)]
        main_subject = self._subject(clause, verbs[0]) if verbs else []
        for k, v in enumerate(verbs):
            end = verbs[k + 1] if k + 1 < len(verbs) and not self._is_infinitive(verbs[k + 1]) else clause.end
            pred = self._verb_predicate(clause, v, end, main_subject, preds)
            self.pred_at[v] = len(preds)
            preds.append(pred)
            if k > 0 and (self._is_infinitive(v) or self._passive_infinitive(v)):  # "plans to acquire": governed
                pred.governor, pred.governor_marker = self.pred_at[verbs[k - 1]], "obj"
        for noun in nouns:
            pred = self._noun_predicate(clause, noun, verbs)
            self.pred_at[noun] = len(preds)
            preds.append(pred)
        self._link_nouns(clause, verbs, nouns, preds)
        for v in verbs:  # "in talks to buy", "on the verge of securing": the noun before governs the verb
            gerund = self.toks[v - 1].low == "of" and self.toks[v].low.endswith("ing") if v >= 1 else False
            governed = v >= 2 and (v - 2) in self.pred_at and self._is_noun_trigger(v - 2)
            if (self._is_infinitive(v) or gerund) and governed:
                verb_pred = preds[self.pred_at[v]]
                verb_pred.governor, verb_pred.governor_marker = self.pred_at[v - 2], "obj"

    def _is_noun_trigger(self, i: int) -> bool:
        trig = self.toks[i].trigger
        return trig is not None and trig.pos == "noun"

    def _is_verb(self, i: int) -> bool:
        trig = self.toks[i].trigger
        return trig is not None and trig.pos == "verb"

    def _auxiliary(self, i: int, clause: Clause) -> bool:
        """'was signed', 'has been delivered', 'had originally purchased': be/have before another verb."""
        if self.toks[i].low not in AUXILIARIES and self.toks[i].low not in BE:
            return False
        for k in range(i + 1, min(i + 4, clause.end)):
            if self._is_verb(k):
                return True
            if not self._verb_group_word(k):
                return False
        return False

    def _verb_group_word(self, k: int) -> bool:
        """An auxiliary, or an adverb in '-ly' between it and the verb ('had originally purchased')."""
        tok = self.toks[k]
        return tok.low in AUXILIARIES or self._adverb(k)

    def _parenthesis_head(self, k: int) -> int | None:
        """The equipment a parenthesis opened at ``k`` comments on: the nearest system or equipment noun
        before it, a few words back, with no stop between."""
        for j in range(k - 1, max(-1, k - 9), -1):
            tok = self.toks[j]
            if tok.low in (";", ")", "("):
                return None
            if tok.system is not None or noun_kind(tok.low) == "item":
                return j
        return None

    def _closing(self, start: int, end: int) -> int:
        """Where the parenthesis open before ``start`` closes (or ``end``)."""
        return next((j for j in range(start, end) if self.toks[j].low == ")"), end)

    def _adverb(self, k: int) -> bool:
        """'initially', 'likely', 'already': an adverb that may stand between a noun and its participle."""
        tok = self.toks[k]
        return tok.low in VERB_ADVERBS or tok.text.islower() and len(tok.low) > 4 and tok.low.endswith("ly")

    def _is_infinitive(self, i: int) -> bool:
        return i > 0 and self.toks[i - 1].low == "to"

    def _passive_infinitive(self, i: int) -> bool:
        """'expected to be delivered', 'set to have been built': governed by the verb before 'to'."""
        words = [t.low for t in self.toks[max(0, i - 3) : i]]
        return words[-2:] == ["to", "be"] or words == ["to", "have", "been"]

    def _subject(self, clause: Clause, verb: int) -> list[int]:
        """Token indexes of the noun phrase right before a verb: walk back over auxiliaries, then over
        the phrase itself ('The USA and France', "Morocco's Royal Armed Forces", 'the military') until a
        determiner opens it or a preposition, a verb, a comma or a relative word closes it."""
        j = verb - 1
        while j >= clause.start and self._verb_group_word(j):
            j -= 1
        j = self._before_time(j, clause)
        span: list[int] = []
        aside: list[int] = []
        k = j
        while k >= clause.start:
            tok = self.toks[k]
            title = self._title_joint(k)
            if span and title:  # "US Chairman of the Joint Chiefs of Staff Mark Milley": one title
                span[:0] = list(range(title, k + 1))
                k = title - 1
                continue
            if not span and tok.low in (",", ")"):  # ", intended for training," / "(formerly …)": an aside
                opener = self._aside_start(k, clause)
                if opener is not None:
                    aside = list(range(opener + 1, k))
                    k = opener - 1
                    continue
            if tok.low == "of" and span and self._of_complement(k, clause):
                span.insert(0, k)  # "the flag carrier of Morocco has welcomed": the head is before "of"
                k -= 1
                continue
            if tok.low == ")" and span and self._share_in_brackets(k):
                k = self._share_in_brackets(k) - 1  # "the USA (60 per cent) and France (30 per cent) supplied"
                continue
            if tok.low == "by" and span and self._reduced_participle(k - 1, clause):
                return self._subject(clause, k - 1)  # "A delegation led by X ended …": the delegation ended it
            if tok.prep or self._is_verb(k) or tok.low in (";", ":", "that", "which", "who", "(", ")"):
                break
            if tok.low == "," and not (
                span
                and self.toks[span[0]].actor is not None
                and k > clause.start
                and self.toks[k - 1].actor is not None
            ):
                break
            span.insert(0, k)
            if tok.low in DETERMINERS and not self._joined_party(k, clause, span):
                break
            k -= 1
        if aside and not any(self.toks[m].actor for m in span) and (
                self._office_of(aside) or any(self.toks[m].actor for m in aside)):
            # "General Langley, head of the US Africa Command, arrived": for that state; "The Minister of
            # Foreign Affairs, Mr. Nasser Bourita, received": the person the aside names
            return span + aside
        return span

    def _names_equipment(self, span: list[int]) -> bool:
        """The phrase ends on equipment ('The Atmos', "Morocco's F-16", 'the new frigates')."""
        head = self.toks[span[-1]]
        return head.system is not None or noun_kind(head.low) == "item"

    def _reduced_participle(self, k: int, clause: Clause) -> bool:
        """A participle with a noun phrase before it: 'a delegation led (by …)', 'drones built (by …)'."""
        if k <= clause.start:
            return False
        word, before = self.toks[k], self.toks[k - 1]
        participle = word.text.islower() and (word.low.endswith("ed") or word.low in _participles())
        return participle and before.low not in (",", "(") and before.prep is None

    def _share_in_brackets(self, close: int) -> int:
        """Where a bracket that closes at ``close`` and holds only a share ('(60 per cent)', '(14%)') opens; 0
        when it holds anything else."""
        k = close - 1
        while k > 0 and self.toks[k].low != "(" and close - k <= 5:
            if not (self.toks[k].low.rstrip("%").replace(".", "").replace(",", "").isdigit()
                    or self.toks[k].low in ("per", "cent", "percent", "%")):
                return 0
            k -= 1
        return k if k > 0 and self.toks[k].low == "(" else 0

    def _of_complement(self, of: int, clause: Clause) -> bool:
        """'of' closing a subject joins it to a common noun before it ('the flag carrier of Morocco'),
        whose phrase is the subject: ``_inside_of`` then keeps the country only for a person or a body."""
        if of - 1 < clause.start:
            return False
        head = self.toks[of - 1]
        return (head.text.isalpha() and head.text.islower() and head.actor is None and not head.prep
                and not self._is_verb(of - 1) and head.low not in DETERMINERS)

    def _joined_party(self, det: int, clause: Clause, span: list[int]) -> bool:
        """'The Moroccan Navy and the Spanish Navy led …', 'Nyakarundi and his delegation were received':
        a phrase after 'and' joins a party named before it."""
        return (det - 1 > clause.start and self.toks[det - 1].low == "and"
                and (any(self.toks[m].actor is not None for m in span) or self.toks[det - 2].actor is not None))

    def _before_time(self, j: int, clause: Clause) -> int:
        """'The United States and Morocco on Monday, June 20 launched': the subject ends before a time
        phrase set between it and the verb (its comma is no clause boundary)."""
        m = j
        while m >= clause.start and (self.toks[m].low in TIME_WORDS or self.toks[m].low == ","
                                     or re.fullmatch(r"\d{1,4}(?:st|nd|rd|th)?", self.toks[m].low)):
            m -= 1
        named = any(self.toks[t].low != "," for t in range(m + 1, j + 1))
        return m - 1 if named and m > clause.start and self.toks[m].low in ("on", "in") else j

    def _closes_office(self, clause: Clause, comma: int) -> bool:
        """', head of the US Africa Command, arrived': the comma ends an office aside after a subject."""
        opener = self._aside_start(comma, clause)
        return opener is not None and opener + 1 < comma and self._office_of(list(range(opener + 1, comma)))

    def _office_of(self, aside: list[int]) -> bool:
        """An aside that gives a person's office in a state's body: 'head of the US Africa Command'."""
        words = [self.toks[m].low for m in aside[:3]]
        office = noun_kind(words[0]) in ("person", "state") or words == ["in", "charge", "of"]
        return office and any(self.toks[m].actor for m in aside)

    def _title_joint(self, k: int) -> int | None:
        """Where 'of', 'to', 'for' (and 'the') ending at ``k`` joins two capitalised words of one title
        ('Chairman of the Joint Chiefs', 'Minister Delegate to the Head of Government'), the index of
        that preposition; None otherwise."""
        of = k - 1 if self.toks[k].low == "the" else k
        if of < 1 or self.toks[of].low not in ("of", "to", "for") or k + 1 >= len(self.toks):
            return None
        before, after = self.toks[of - 1].text, self.toks[k + 1].text
        return of if before[:1].isupper() and after[:1].isupper() and before.isalpha() else None

    def _aside_start(self, k: int, clause: Clause) -> int | None:
        """The comma or parenthesis that opens the aside ending at ``k``, if one does within a few words."""
        closer = self.toks[k].low
        opener = "(" if closer == ")" else ","
        for m in range(k - 1, max(clause.start, k - 15) - 1, -1):
            if self.toks[m].low == opener:
                return m
        return None

    # ------------------------------------------------------------------ predicates

    def _verb_predicate(
        self, clause: Clause, v: int, end: int, main_subject: list[int], preds: list[Predicate]
    ) -> Predicate:
        tok = self.toks[v]
        assert tok.trigger is not None
        n = len(tok.trigger.words)
        pred = Predicate(
            tok.trigger,
            tok.start,
            self.toks[v + n - 1].end,
            text=self.text[tok.start : self.toks[v + n - 1].end],
            alternatives=list(tok.alternatives),
        )
        before = [t.low for t in self.toks[max(clause.start, v - 3) : v]]
        pred.negated = any(w in self.lex.negation["en"] for w in before)
        pred.future = any(w in ("will", "shall", "'ll") for w in before)
        pred.earlier = "had" in before or "'d" in before
        pred.future |= bool(before) and before[-1] == "to"  # "Morocco to buy Patriot missiles": not yet
        reported = "would" in before and self._reported(v - 1 - before[::-1].index("would"))
        pred.future |= reported  # "revealed that they would acquire": the future of a report
        pred.modal = any(w in MODALS for w in before) and not reported
        participle = tok.low.endswith("ed") or tok.low in _participles()
        by_next = v + n < len(self.toks) and self.toks[v + n].low == "by"
        k = v - 1  # "four Wing Loongs initially acquired in 2020", "drones (likely gifted by the UAE)"
        while k > 0 and self._adverb(k):
            k -= 1
        aside = self._parenthesis_head(k) if self.toks[k].low == "(" else None
        if aside is not None:  # "(likely gifted by the UAE)": about the equipment before it, and ends there
            k, end = aside, min(end, self._closing(k + 1, end))
        after_item = k >= 0 and (self.toks[k].system is not None or noun_kind(self.toks[k].low) == "item")
        # "drones ordered from China", but "the frigate made a port call": an object after it makes it active
        object_next = v + n < len(self.toks) and self.toks[v + n].low in DETERMINERS
        after_item &= not (tok.trigger.kind == "light" and object_next)
        after_item &= self._takes_item(tok.trigger)  # "the frigate X docked in Lisbon": the ship is the visitor
        passive = participle and (bool(set(before) & BE) or by_next or after_item)  # "drones ordered from China"
        subject = [k] if aside is not None else self._subject(clause, v) if not self._is_infinitive(v) else []
        if not subject and clause.subject_from is not None:
            subject = self._antecedent(clause)
        if not subject and not self._is_infinitive(v):
            subject = main_subject
        if not subject and self._is_infinitive(v):
            subject = self._controller(clause, v)
        chunks = self._see_through(self._chunks(v + n, end))
        if subject:
            marker = "obj" if passive else "subj"
            carried = any(m == "with" for m, _ in chunks)
            if passive and tok.low in EQUIPPED and carried and self._names_equipment(subject):
                marker = "platform"  # "The Atmos is equipped with an electronic suite": what it carries, no sale
            pred.args.append(self._arg(subject, marker))
        for marker, span in chunks:
            if marker == "by" and passive:
                marker = "agent"
            pred.args.append(self._arg(span, marker))
            if marker in self.lex.setting_markers or marker in COMPARISON_STOPS:
                break  # "launched the drills amid tensions with Algeria": the tensions' party, not the drills'
        if (
            participle
            and not passive
            and v > 0
            and self.toks[v - 1].low == ","
            and not any(a.marker == "obj" for a in pred.args)
            and not self._closes_office(clause, v - 1)
        ):
            head = self._subject(clause, v - 1)  # "FD-2000B air defence systems, bought in 2021"
            if head and not any(self.toks[m].system is not None or noun_kind(self.toks[m].low) == "item"
                                for m in head):
                head = []  # "…, Lieutenant General Sir John Lorimer, arrived": a name in apposition, the subject's
            if head:
                pred.args = [a for a in pred.args if a.marker != "subj"]
                pred.args.append(self._arg(head, "obj"))
        elif not passive and not any(m == "obj" for m, _ in chunks):
            head = self._reduced_relative_head(clause, v, subject)
            if not head and subject and subject[0] > clause.start and clause.subject_from is not None:
                head = self._phrase_before(clause.start - 1)  # "the Caesar systems, which Morocco ordered"
            if head:  # "the 25 F-16 Block 72 aircraft it ordered from the United States"
                pred.args.append(self._arg(head, "obj"))
        return pred

    def _see_through(self, chunks: list[tuple[str, list[int]]]) -> list[tuple[str, list[int]]]:
        """'transferred ownership of 21 vehicles': the 'of' phrase after a transparent object is the object;
        after a bare count, the count and the phrase are ('24 of its new trainers')."""
        out: list[tuple[str, list[int]]] = []
        for marker, span in chunks:
            if marker == "of" and out and out[-1][0] == "obj" and self.toks[out[-1][1][-1]].low in TRANSPARENT:
                out[-1] = ("obj", span)
                continue
            before = out[-1][1] if out and out[-1][0] == "obj" else []
            if marker == "of" and len(before) == 1 and (self.toks[before[0]].text.isdigit()
                                                        or self.toks[before[0]].low in COUNT_WORDS):
                out[-1] = ("obj", list(range(before[0], span[-1] + 1)))  # "provide 24 of its new T-6C": the T-6Cs
                continue
            out.append((marker, span))
        return out

    def _reduced_relative_head(self, clause: Clause, v: int, subject: list[int]) -> list[int]:
        """The noun phrase right before a relative clause with no pronoun: 'the jets (that) it ordered'."""
        if not subject:
            return []
        start = subject[0]
        span: list[int] = []
        k = start - 1
        if k >= clause.start and self.toks[k].low in ("that", "which"):
            k -= 1
        while (
            k >= clause.start
            and not self.toks[k].prep
            and self.toks[k].low not in (",", ";")
            and not self._is_verb(k)
            and start - k <= 8
        ):
            span.insert(0, k)
            k -= 1
        return (
            span if any(self.toks[i].system is not None or noun_kind(self.toks[i].low) == "item" for i in span) else []
        )

    def _phrase_before(self, comma: int) -> list[int]:
        """The noun phrase that ends right before ``comma`` (no preposition, verb or comma inside), if it
        names equipment: what an object relative (', which Morocco ordered') is about."""
        span: list[int] = []
        k = comma - 1
        while k >= 0 and not self.toks[k].prep and self.toks[k].low not in (",", ";") and not self._is_verb(k):
            span.insert(0, k)
            k -= 1
            if len(span) == 8:
                break
        named = any(self.toks[i].system is not None or noun_kind(self.toks[i].low) == "item" for i in span)
        return span if named else []

    def _antecedent(self, clause: Clause) -> list[int]:
        """', which …' refers to the phrase right before the comma."""
        k = clause.start - 2
        span: list[int] = []
        while k >= 0 and self.toks[k].low not in (",", ";") and not self.toks[k].trigger:
            span.insert(0, k)
            k -= 1
        last_prep = max((n for n, i in enumerate(span) if self.toks[i].prep is not None), default=None)
        if last_prep is None:
            return span
        named = span[last_prep + self.toks[span[last_prep]].prep_len :]
        # "the race with Morocco, which …": Morocco, when the phrase after the preposition is only a name
        if named and all(self.toks[i].actor is not None or self.toks[i].low in DETERMINERS for i in named):
            return named
        return span

    def _noun_predicate(self, clause: Clause, noun: int, verbs: list[int]) -> Predicate:
        tok = self.toks[noun]
        assert tok.trigger is not None
        n = len(tok.trigger.words)
        pred = Predicate(
            tok.trigger,
            tok.start,
            self.toks[noun + n - 1].end,
            text=self.text[tok.start : self.toks[noun + n - 1].end],
            alternatives=list(tok.alternatives),
        )
        k = noun - 1  # modifiers before the noun: "Morocco's", "Moroccan", "US-Morocco", "its"
        named: list[Arg] = []
        while (
            k >= clause.start
            and not self.toks[k].prep
            and self.toks[k].low not in (",", "and")
            and not self._is_verb(k)
            and noun - k <= 5
        ):
            t = self.toks[k]
            if t.actor is not None:
                marker = "poss" if k + 1 < len(self.toks) and self.toks[k + 1].low in ("'s", "’s", "'") else "amod"
                pred.args.append(Arg(marker, t.start, t.end, [t.actor], text=t.text))
            elif t.low in POSSESSIVE_DET:
                pred.args.append(Arg("poss", t.start, t.end, text=t.text, anaphor=True))
            elif t.system is not None:
                named.append(Arg("obj", t.start, t.end, systems=[t.system], text=t.text))
            k -= 1
        spec = self.lex.frames.get(tok.trigger.name) if tok.trigger.kind == "frame" else None
        if any(a.actors for a in pred.args) or (spec is not None and spec.status is not None):
            pred.args.extend(named)  # "Morocco's HIMARS request", "a Stinger missile sale": what is sold
        later = [v for v in verbs if v > noun]
        end = min(later) if later else clause.end
        for marker, span in self._chunks(noun + n, end, noun_head=True):
            pred.args.append(self._arg(span, marker))
            if marker in self.lex.setting_markers:
                break  # "the exercise, amid tensions between Morocco and Algeria": those are the tensions' parties
        return pred

    def _chunks(self, start: int, end: int, noun_head: bool = False) -> list[tuple[str, list[int]]]:
        """Phrases after a trigger, each marked by the preposition that opens it ('obj' for none).
        Nouns take only the phrases that follow them without a break."""
        out: list[tuple[str, list[int]]] = []
        marker: str = "obj"
        span: list[int] = []
        i = start
        while i < end:
            tok = self.toks[i]
            if tok.prep == "of" and span and (noun_kind(self.toks[span[-1]].low) in ("person", "state")
                                              or self.toks[span[-1]].low in self.lex.measure_nouns["en"]):
                span.append(i)  # "a delegation of the US Africa Command", "a total of 13 drones": one phrase
                i += 1
                continue
            if tok.prep == "for" and span and self.toks[span[-1]].text[:1].isupper() and \
                    noun_kind(self.toks[span[-1]].low) == "person":
                span.append(i)  # "the Minister for the British Armed Forces": one title
                i += 1
                continue
            if tok.prep in self.lex.examples["en"] and self._group_before(span, i):
                span.append(i)  # "with several countries such as France": France stands for the group
                i += tok.prep_len
                continue
            if tok.prep and not (tok.prep == "to" and i + 1 < end and self._is_verb(i + 1)):
                if span:
                    out.append((marker, span))
                marker, span = tok.prep, []
                i += tok.prep_len
                continue
            if tok.low == "," and not span and not noun_head:
                i += 1  # "had received, on October 17, …": a comma opens no phrase
                continue
            listed = any(self.toks[k].actor is not None for k in span) and self._enumeration(i, end)
            if tok.low == "," and noun_head and marker not in self.lex.examples["en"] and not listed:
                nxt = self.toks[i + 1] if i + 1 < end else None
                if nxt is None or nxt.prep not in self.lex.examples["en"]:
                    break
                i += 1  # "partners in this sector, such as France, India": examples of the noun
                continue
            if tok.low in (",", "and", "as") and span and not self._continues(i, end):
                out.append((marker, span))
                items = [m for m, s in out if m in ("obj", "of", "for")]
                if tok.low == "and" and items and self._starts_item(i + 1, end):
                    marker = items[0]  # "of 25 F-16 jets worth $3.8 billion and 36 AH-64E helicopters"
                else:
                    marker = "obj" if not out else out[-1][0]
                    nxt = self.toks[i + 1] if i + 1 < end else None
                    opens = nxt is not None and (nxt.low in ("the", "a", "an") or nxt.text[:1].isupper())
                    if marker == "on" and (self._is_weekday(span) or self._is_day(span) and opens):
                        marker = "obj"  # "received on Monday, General X", "on June 4, the Minister": the day ends
                    elif not noun_head and marker in self.lex.locative and self._opens_person(i + 1, end) and \
                            not any(m == "obj" for m, _ in out):
                        marker = "obj"  # "received in Rabat, Gen. X, Chief of Army Staff": the guest after the place
                span = []
                i += 1
                continue
            if tok.trigger is not None and tok.trigger.pos == "noun" and noun_head:
                break
            if marker == "on" and self._is_weekday(span) and tok.low in ("a", "an", "the"):
                out.append((marker, span))  # "received on Monday a delegation": the day, then the object
                marker, span = "obj", []
            span.append(i)
            i += 1
        if span:
            out.append((marker, span))
        out = self._offices_joined(out)
        if noun_head:
            out = [(m, s) for m, s in out if m != "obj"]
        return out

    def _opens_person(self, k: int, end: int) -> bool:
        """A title ('Gen.', 'General', 'the Chief of Staff') opens the phrase at ``k``."""
        if k < end and self.toks[k].low in ("the", "a", "an"):
            k += 1
        return k < end and noun_kind(self.toks[k].low) == "person"

    def _is_day(self, span: list[int]) -> bool:
        """'June 4', '4 June 2024': a month's name and numbers only."""
        words = [self.toks[k].low for k in span]
        return any(w in TIME_WORDS for w in words) and all(w in TIME_WORDS or w.isdigit() or w == "," for w in words)

    def _is_weekday(self, span: list[int]) -> bool:
        return len(span) == 1 and self.toks[span[0]].low in WEEKDAYS

    def _offices_joined(self, chunks: list[tuple[str, list[int]]]) -> list[tuple[str, list[int]]]:
        """'General Langley, Commander of the US Africa Command': an office after a comma belongs to
        the phrase before it (whose state it names)."""
        out: list[tuple[str, list[int]]] = []
        for marker, span in chunks:
            first = span[0]
            if (
                out
                and first > 0
                and self.toks[first - 1].low == ","
                and noun_kind(self.toks[first].low) == "person"
                and first + 1 < len(self.toks)
                and self.toks[first + 1].low == "of"
                and not any(self.toks[k].actor for k in out[-1][1])
            ):
                out[-1] = (out[-1][0], out[-1][1] + span)
                continue
            out.append((marker, span))
        return out

    def _starts_item(self, i: int, end: int) -> bool:
        """A new item of a list: a count or a system right after 'and'."""
        window = self.toks[i : min(i + 2, end)]
        return any(t.system is not None or re.fullmatch(r"[\d,.]+", t.text) for t in window)

    def _group_before(self, span: list[int], i: int) -> bool:
        """The phrase so far ends with a group of states ('several countries', 'countries,')."""
        last = [k for k in span if k < i and self.toks[k].low != ","]
        return bool(last) and self.toks[last[-1]].low in self.lex.example_heads["en"]

    def _enumeration(self, i: int, end: int) -> bool:
        """', Ghana and Italy': from the comma at ``i``, states separated by commas up to 'and'/'or' and a
        last state — a list, not an apposition ('Morocco, the Pentagon's agency said')."""
        k = i
        while k < end and self.toks[k].low == ",":
            k += 1
            last = k < end and self.toks[k].low in ("and", "or")
            k += 1 if last else 0
            k += 1 if k < end and self.toks[k].low == "the" else 0
            if k >= end or self.toks[k].actor is None:
                return False
            actor = self.toks[k].actor
            while k < end and self.toks[k].actor is actor:
                k += 1
            if last:
                return True
            if k < end and self.toks[k].low in ("and", "or"):
                k += 1
                k += 1 if k < end and self.toks[k].low == "the" else 0
                return k < end and self.toks[k].actor is not None
        return False

    def _continues(self, i: int, end: int) -> bool:
        """'Morocco and Israel', 'France, Spain and Italy': a list of actors goes on."""
        nxt = next((t for t in self.toks[i + 1 : end] if t.low not in ("the", "and", ",")), None)
        return nxt is not None and nxt.actor is not None

    def _arg(self, span: list[int], marker: str) -> Arg:
        if len(span) > 1 and self.toks[span[0]].low in CLAUSE_OPENERS:
            span = span[1:]  # "…, where he met …": the subject is "he"
        toks = [self.toks[i] for i in span]
        arg = Arg(marker, toks[0].start, toks[-1].end, text=self.text[toks[0].start : toks[-1].end])
        for k, i in enumerate(span):
            t = self.toks[i]
            if t.system is not None and t.system not in arg.systems:
                arg.systems.append(t.system)
            if t.actor is None:
                continue
            following = self.toks[i + 1] if i + 1 < len(self.toks) else None
            if (
                t.actor.how == "demonym"
                and following is not None
                and (following.system is not None or noun_kind(following.low) == "item")
            ):
                arg.origins.append(t.actor)  # "Turkish drones"
            elif not self._inside_of(span, k):
                arg.actors.append(t.actor)
        counted = any(t.text.isdigit() or t.low in COUNT_WORDS for t in toks)
        pairs = (f"{a.low} {b.low}" for a, b in zip(toks, toks[1:], strict=False))  # "92 military trucks"
        # "92 military trucks", "several patrol boats": a two-word equipment noun ("the new patrol vessels"
        # only with a count: a definite phrase would otherwise refer back to whatever ship came last)
        arg.itemish = bool(arg.systems) or any(noun_kind(t.low) == "item" for t in toks) or (
            counted or toks[0].low not in DEFINITE_OPENERS) and any(noun_kind(p) == "item" for p in pairs)
        first = toks[0].low
        # "the first batch of 13 armed drones" opens like "the first" but names its own equipment
        names_its_item = bool(arg.systems) or counted and arg.itemish
        arg.anaphor = (
            first in PRONOUNS
            or " ".join(t.low for t in toks[:2]) in self.lex.anaphora["item_en"] and not names_its_item
            or " ".join(t.low for t in toks[:3]) in self.lex.anaphora["actor_en"]
        )
        phrase = " ".join(t.low for t in toks[:3])
        arg.pair = phrase in self.lex.anaphora["actor_en"] and bool({"both", "two"} & set(phrase.split()))
        arg.indefinite = arg.itemish and not arg.systems and not arg.anaphor and (
            not counted and _bare(toks) or _new_equipment(toks) or _own_kind(toks))
        return arg

    def _inside_of(self, span: list[int], k: int) -> bool:
        """An actor after 'of'/'in' inside a phrase qualifies its head ('the fleet of Algeria' is Algeria's,
        but 'the Department of State' names the US): keep it only when the head is a person or body."""
        for j in range(k - 1, -1, -1):
            t = self.toks[span[j]]
            if t.prep in ("of", "in", "at", "for", "from", "to", "with", "on"):
                head = self.toks[span[j - 1]] if j > 0 else None
                if head is not None and head.low == "charge":  # "in charge of the Defense Administration"
                    return False
                return head is None or noun_kind(head.low) not in ("state", "person", "company", "pronoun")
        return False

    def _noun_holding(self, noun: int, nouns: list[int], preds: list[Predicate]) -> int | None:
        """The frame noun whose complement contains this one, if any."""
        before = [n for n in nouns if n < noun]
        if not before:
            return None
        other = before[-1]
        between = range(other + 1, noun)
        if any(self._is_verb(k) or self.toks[k].low in (";", ":", "that", "which") for k in between):
            return None
        return other if any(self.toks[k].prep for k in between) else None

    def _link_nouns(self, clause: Clause, verbs: list[int], nouns: list[int], preds: list[Predicate]) -> None:
        """A frame noun inside a verb's argument is governed by that verb ('approved the sale',
        'signed an agreement'); its arguments marked by the verb are lent through the light-verb rule."""
        for noun in nouns:
            holder = self._noun_holding(noun, nouns, preds)
            if holder is not None:  # "talks with Morocco on the purchase of 32 F-35A"
                preds[self.pred_at[noun]].governor = self.pred_at[holder]
                preds[self.pred_at[noun]].governor_marker = "obj"
                continue
            owner = [v for v in verbs if v < noun]
            if not owner:  # the noun is in the subject: "A 2024 request … was withdrawn"
                after = [v for v in verbs if v > noun]
                subject = self._subject(clause, after[0]) if after else []
                if subject and subject[0] > noun and any(self.toks[k].low == "," for k in range(noun, subject[0])):
                    continue  # "Following the announcement of a US donation …, it is the turn of …": an opening phrase
                if after:
                    preds[self.pred_at[noun]].governor = self.pred_at[after[0]]
                    preds[self.pred_at[noun]].governor_marker = "subj"
                continue
            v = owner[-1]
            n_pred, v_pred = preds[self.pred_at[noun]], preds[self.pred_at[v]]
            n_pred.governor, n_pred.governor_marker = self.pred_at[v], "obj"
            for arg in v_pred.args:
                if arg.start <= self.toks[noun].start < arg.end:
                    arg.frame_noun = self.pred_at[noun]
                    if arg.marker == "obj":  # the noun's own complements were read as the verb's
                        v_pred.args = [
                            a
                            for a in v_pred.args
                            if a is arg
                            or a.start < arg.start
                            or not (v_pred.kind != "frame" and a.marker not in ("subj", "agent"))
                        ]


TIME_WORDS = frozenset(WEEKDAYS | {w for w in DATE_MONTHS if w.isalpha()} | {w for w in DATE_WEEKDAYS if w.isalpha()})
QUOTES = frozenset({"“", "”", '"', "«", "»"})


_NEW_ADJECTIVES = frozenset(_WORDS["new_equipment_adjectives"]["en"])


def _new_equipment(toks: list[Tok]) -> bool:
    """'four new ships', 'additional aircraft': equipment brought in as new, unless a definite word or a
    possessive points back ('its new drones', 'the other aircraft')."""
    for t in toks:
        if t.low in DEFINITE_OPENERS or t.low in PRONOUNS or t.low in ("'s", "’s"):
            return False
        if t.low in _NEW_ADJECTIVES:
            return True
        if noun_kind(t.low) == "item":
            return False
    return False


_GENERIC = frozenset(fold_keep(n) for n in lx.categories()["generic"])
_SIZE = frozenset(_WORDS["size_adjectives"]["en"])


def _own_kind(toks: list[Tok]) -> bool:
    """'200 thermal receiver units': a generic counting noun ('units') after two plain words names a kind of
    its own, not the system told before ('24 units' of it)."""
    heads = [k for k, t in enumerate(toks) if fold_keep(t.low) in _GENERIC]
    if not heads:
        return False
    before = [t for t in toks[: heads[-1]]][-2:]
    return len(before) == 2 and all(
        t.text.isalpha() and t.text.islower() and t.low not in COUNT_WORDS and t.low not in _NEW_ADJECTIVES
        and t.low not in _SIZE and t.low not in DEFINITE_OPENERS and noun_kind(t.low) is None for t in before)


def _bare(toks: list[Tok]) -> bool:
    """'acquiring helicopters with anti-submarine capabilities', 'Turkish drones': nothing definite before
    the first equipment noun, so the phrase brings new equipment in rather than pointing back."""
    for t in toks:
        if noun_kind(t.low) == "item":
            return True
        if t.low in DEFINITE_OPENERS or t.low in PRONOUNS or t.low in ("'s", "’s"):
            return False
    return False


@lru_cache(maxsize=1)
def _participles() -> frozenset[str]:
    return frozenset(f for forms in IRREGULAR.values() for f in forms if not f.endswith("ing"))


_ORIGIN_GLUE = re.compile(r"-(?:" + lx.alternation(_WORDS["origin_suffixes"]["en"]) + r")(?![\w-])")


_PLURAL_GLUE = re.compile(r"e?s(?![\w'’-])")


def _tokens(text: str, actors: list[Actor], systems: list[SystemMention]) -> list[Tok]:
    """Word tokens, each actor and system one token."""
    spans: list[tuple[int, int, Actor | None, SystemMention | None]] = []
    for a in actors:
        spans.append((a.start, a.end, a, None))
    for s in systems:
        if not any(a.start < s.end and s.start < a.end for a in actors):
            spans.append((s.start, s.end, None, s))
    spans.sort()
    toks: list[Tok] = []
    pos = 0
    for start, end, actor, system in spans + [(len(text), len(text), None, None)]:
        if start < pos:
            continue
        for m in _WORD.finditer(text, pos, start):
            word = m.group(0)
            for piece, offset in _split_possessive(word):
                toks.append(Tok(piece, m.start() + offset, m.start() + offset + len(piece), fold_keep(piece.lower())))
        if end > start:
            glued = _ORIGIN_GLUE.match(text, end) if actor is not None else None
            end = glued.end() if glued else end  # "Russian-made missiles": one word, the missiles' origin
            plural = _PLURAL_GLUE.match(text, end) if system is not None else None
            end = plural.end() if plural else end  # "four Wing Loongs": the designation's plural, one word
            toks.append(Tok(text[start:end], start, end, fold_keep(text[start:end].lower()), actor, system))
        pos = max(pos, end)
    return toks


def _split_possessive(word: str) -> list[tuple[str, int]]:
    for suffix in ("'s", "’s"):
        if word.endswith(suffix) and len(word) > 2:
            return [(word[:-2], 0), (word[-2:], len(word) - 2)]
    if word.endswith((".", ",")) and len(word) > 1 and not re.fullmatch(r"(?:[A-Z]\.)+", word):
        return [(word[:-1], 0), (word[-1], len(word) - 1)]
    return [(word, 0)]
