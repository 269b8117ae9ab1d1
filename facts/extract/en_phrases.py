"""Third step of the English reading: the phrases after a verb or frame noun, and their arguments.

Each phrase is marked by the preposition that opens it ("from the United States", "to Morocco"); lists
of equipment, persons with their offices and dates are kept whole; a phrase becomes an `Arg` holding the
actors, systems, counts and times inside it.
"""

from __future__ import annotations

import re

from .en_clauses import EnglishClauses
from .en_words import (
    CLAUSE_OPENERS,
    COUNT_WORDS,
    DEFINITE_OPENERS,
    PRONOUNS,
    TIME_WORDS,
    TRANSPARENT,
    WEEKDAYS,
    _bare,
    _new_equipment,
    _own_kind,
)
from .grammar import Arg
from .nouns import noun_kind


class EnglishPhrases(EnglishClauses):
    """Phrases and arguments, over clauses."""

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
            elif t.actor.kind == "company" and self._possessive_maker(i, span):
                arg.origins.append(t.actor)  # "BAE Systems' M88 recovery vehicles": the maker, not the seller
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

    def _possessive_maker(self, i: int, span: list[int]) -> bool:
        """The company at ``i`` owns, by a possessive, a system named right after it in the phrase."""
        if i + 1 not in span or self.toks[i + 1].low not in ("'s", "’s", "'", "’"):
            return False
        return any(self.toks[j].system is not None for j in range(i + 2, min(i + 5, span[-1] + 1)))

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
