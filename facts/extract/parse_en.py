"""English sentences → predicates with marked arguments, by clause analysis over our own tokens.

No English spaCy pipeline is published on PyPI by a trustworthy source, so English is
read with rules that English word order makes reliable: a clause's subject is the noun
phrase before its verb (after any fronted "In 2020," and without the asides between
commas), its object the phrase right after, and each later phrase is marked by its
preposition ("from the United States", "to Morocco", "by Elbit"). Passive verbs turn
the subject into the object and "by" into the agent; "plans to acquire" and "approved
Morocco to buy" lend the governing verb's subject. Actors and systems are single
tokens, as in the French analysis, and the output is the same predicate structure.

The reading runs in steps, a module each, chained as classes: `en_words` (word sets and tokens),
`en_tokens` (prepositions and triggers), `en_clauses` (clauses and subjects), `en_phrases` (phrases
and arguments); this last class turns them into verb and noun predicates.
"""

from __future__ import annotations

from .actors import Actor
from .en_phrases import EnglishPhrases
from .en_words import (
    _NOT_NAMES,
    BE,
    COMPARISON_STOPS,
    DETERMINERS,
    EQUIPPED,
    MODALS,
    POSSESSIVE_DET,
    Clause,
    Tok,
    _participles,
    _tokens,
)
from .framelex import FrameLexicon, frame_lexicon
from .grammar import Analysis, Arg, Predicate
from .mentions import SystemMention
from .nouns import noun_kind


class EnglishAnalyser(EnglishPhrases):
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
            glued = tok.actor is not None and tok.start == run[-1].end + 1 if run else False
            if 2 <= len(run) <= 4 and not self._named_company(run[0]) and not self._in_a_list_of_places(run) and (
                    not glued) and not self._credited(run):  # "Maintenance Aero Maroc": a body's name
                names.append(self.text[run[0].start : run[-1].end])
            run = []
        return list(dict.fromkeys(names))

    def _credited(self, run: list[Tok]) -> bool:
        """'(by SSgt. Stephen Linch)', 'Photo: Jane Doe': a byline or a photo credit names the author, who
        took no part in what the sentence tells."""
        k = self.toks.index(run[0])
        before = [t.low for t in self.toks[max(0, k - 4) : k]]
        return ("(" in before and "by" in before) or any(w in before for w in ("photo", "photos", "credit"))

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
        self._of_which(clause, nouns, preds)
        self._how_held(clause, verbs, nouns, preds)
        for v in verbs:  # "in talks to buy", "on the verge of securing": the noun before governs the verb
            gerund = self.toks[v - 1].low == "of" and self.toks[v].low.endswith("ing") if v >= 1 else False
            governed = v >= 2 and (v - 2) in self.pred_at and self._is_noun_trigger(v - 2)
            if (self._is_infinitive(v) or gerund) and governed:
                verb_pred = preds[self.pred_at[v]]
                verb_pred.governor, verb_pred.governor_marker = self.pred_at[v - 2], "obj"

    def _of_which(self, clause: Clause, nouns: list[int], preds: list[Predicate]) -> None:
        """'Morocco, of which the USA remains the leading supplier': the name before ', of which' is the
        'of' complement of the frame nouns after it."""
        k = next((i for i in range(max(clause.start, 1), clause.end - 1) if self.toks[i].low == "of"
                  and self.toks[i + 1].low in ("which", "whom") and self.toks[i - 1].low == ","), None)
        if k is None:
            return
        span: list[int] = []
        j = k - 2
        while j >= 0 and self.toks[j].low not in (",", ";") and not self.toks[j].prep and not self._is_verb(j):
            span.insert(0, j)
            j -= 1
        if not span or not any(self.toks[i].actor is not None for i in span):
            return
        for noun in (n for n in nouns if n > k):
            pred = preds[self.pred_at[noun]]
            if not any(a.marker == "of" for a in pred.args):
                pred.args.append(self._arg(span, "of"))

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
                comma = clause.start - 1 if self.toks[clause.start - 1].low == "," else clause.start
                head = self._phrase_before(comma)  # "the Caesar systems, which Morocco ordered"
            if head:  # "the 25 F-16 Block 72 aircraft it ordered from the United States"
                pred.args.append(self._arg(head, "obj"))
        return pred

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
        """', which …' refers to the phrase right before the comma, 'that' with no comma to the one before it."""
        k = clause.start - 2 if clause.start > 0 and self.toks[clause.start - 1].low == "," else clause.start - 1
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

    def _how_held(self, clause: Clause, verbs: list[int], nouns: list[int], preds: list[Predicate]) -> None:
        """'the drills held with France', 'the exercises that have been conducted with France', 'the drills,
        which were held off Agadir': a light verb's participle right after a frame noun, or the passive verb
        of a relative clause about it, tells how that gathering went. The noun takes the verb's complements
        (the verb's own subject, found before it, is the noun's phrase or the sentence's), and the verb the
        noun's place under the clause's verb."""
        pairs = []
        for noun in nouns:
            k = noun + 1
            while k < clause.end and self._adverb(k):
                k += 1
            if k in verbs and self._light_participle(k):
                pairs.append((noun, k))
        before = clause.start - 1 - (clause.start > 0 and self.toks[clause.start - 1].low == ",")
        relative = clause.subject_from is not None and verbs and before in self.pred_at
        if relative and self._is_noun_trigger(before) and self._light_participle(verbs[0]) and self._passive_group(
                clause.start + 1, verbs[0]):
            pairs.append((before, verbs[0]))
        for noun, v in pairs:
            n_pred, m = preds[self.pred_at[noun]], self.pred_at[v]
            v_pred = preds[m]
            if v_pred.governor is not None or n_pred.governor == m:
                continue
            v_pred.governor, v_pred.governor_marker = n_pred.governor, n_pred.governor_marker
            n_pred.governor, n_pred.governor_marker = m, "obj"
            v_pred.args = [a for a in v_pred.args if a.start >= v_pred.end]

    def _light_participle(self, v: int) -> bool:
        tok = self.toks[v]
        return tok.trigger is not None and tok.trigger.kind == "light" and (
            tok.low.endswith("ed") or tok.low in _participles())

    def _passive_group(self, start: int, v: int) -> bool:
        """'that have been conducted', 'which were held': only forms of 'be' and 'have' before the verb."""
        return any(self.toks[k].low in BE for k in range(start, v)) and all(
            self.toks[k].low in BE or self.toks[k].low in ("have", "has", "had") or self._adverb(k)
            for k in range(start, v))

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
                    for arg in preds[self.pred_at[after[0]]].args:  # "The package includes …": not its own subject
                        if arg.marker == "subj" and arg.start <= self.toks[noun].start < arg.end:
                            arg.frame_noun = self.pred_at[noun]
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
