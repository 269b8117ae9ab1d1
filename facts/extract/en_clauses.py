"""Second step of the English reading: clauses and their subjects.

A sentence is cut into clauses at conjunctions, relative words and reporting tails; a verb's subject is
the noun phrase before it once fronted times ("In 2020,"), asides between commas, titles and reduced
relatives are set aside.
"""

from __future__ import annotations

import re

from .en_tokens import EnglishTokens
from .en_words import (
    AUXILIARIES,
    BARE_OPENERS,
    BE,
    CLAUSE_OPENERS,
    CONTROL_VERBS,
    DETERMINERS,
    FINITE_AUXILIARIES,
    NOT_OPENING_AFTER,
    OPENERS_BEFORE_A_VERB,
    REPORTING_VERBS,
    TIME_WORDS,
    Clause,
    _participles,
)
from .nouns import noun_kind


class EnglishClauses(EnglishTokens):
    """Clauses and subjects, over the marked tokens."""

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
            elif i > start and self._bare_relative(i):
                clauses.append(Clause(start, i))
                start = i
            i += 1
        if start < n:
            clauses.append(Clause(start, n))
        for k, clause in enumerate(clauses):
            first = self.toks[clause.start].low
            if first in ("which", "who", "that") and k > 0:
                clause.subject_from = k - 1
        return clauses

    def _bare_relative(self, i: int) -> bool:
        """'the exercises that have been conducted with France': a relative pronoun with no comma, right
        after a frame noun and right before its verb group, opens a clause about that noun (not 'said that',
        and not after other nouns, whose phrase has no clear start without a tagger)."""
        if self.toks[i].low not in ("that", "which") or i == 0 or i + 1 >= len(self.toks):
            return False
        return self._is_noun_trigger(i - 1) and (self.toks[i + 1].low in AUXILIARIES or self._is_verb(i + 1))

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
