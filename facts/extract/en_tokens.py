"""First step of the English reading: which tokens open a preposition and which are frame triggers.

A trigger word is only a trigger where English lets it be one: "a deal" after a determiner is a noun,
"to deal with" is not a sale, "bought" after a modal is a report. The sentence's state (text, tokens,
predicates found) is declared here, in the first class of the reader's chain.
"""

from __future__ import annotations

import re

from .en_words import (
    AUXILIARIES,
    BE,
    DETERMINERS,
    DOMAINS,
    FINITE_AUXILIARIES,
    HAVE_AUXILIARY,
    MODALS,
    PREPOSITIONS,
    PRONOUNS,
    QUOTES,
    REPORTING_VERBS,
    VERB_ADVERBS,
    Tok,
    _inflections,
    _participles,
)
from .framelex import FrameLexicon, Trigger, frame_lexicon
from .nouns import noun_kind


class EnglishTokens:
    """State of one sentence's reading: its text, its tokens and the predicates found so far."""

    lex: FrameLexicon
    text: str
    toks: list[Tok]
    pred_at: dict[int, int]
    _title_cased: bool | None

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

    def _for_a_frame_noun(self, k: int) -> bool:
        """The word at k (after an article) is a frame noun: 'approved for (the) delivery'."""
        if k < len(self.toks) and self.toks[k].low in ("the", "a", "an", "its", "their"):
            k += 1
        readings = _inflections().get(self.toks[k].low, []) if k < len(self.toks) else []
        return any(t.pos == "noun" and t.kind == "frame" and len(t.words) == 1 for t, _ in readings)

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
        if trig.kind == "modifier" and self.toks[i].low.endswith("ed") and nxt in ("for", "as") \
                and not self._for_a_frame_noun(i + len(trig.words) + 1):
            return False  # but "approved for delivery", "cleared for sale": the approval of a transfer
        if trig.kind == "modifier" and self.toks[i].low == "would" and self._reported(i):
            return False  # "revealed that they would acquire Akinci drones during 2025": a future told, no wish
        prev = self.toks[i - 1].low if i > 0 else ""
        determiners = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "new", "first", "latest"}
        designation = i > 0 and self.toks[i - 1].system is not None and re.fullmatch(r"\d+s?", nxt or "")
        if trig.pos == "verb" and (self._example_marker(i, trig) or self._domain_listed(i) or designation):
            return False  # "countries including Tunisia", "air, sea, and land operations", "F-16C/D block 72s"
        if trig.pos == "verb" and self._built_for_a_purpose(i, trig):
            return False  # "the drone is designed to hit tanks": what it can do, not who it is built for
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

    def _built_for_a_purpose(self, i: int, trig: Trigger) -> bool:
        """'is designed to hit', 'were built to withstand': a building verb in the passive followed by 'to'
        and a bare verb tells a purpose ('delivered to the navy', 'built to Morocco's order' name someone)."""
        spec = self.lex.frames.get(trig.name)
        k = i + len(trig.words)
        if spec is None or not spec.requires_recipient or i == 0 or self.toks[i - 1].low not in BE:
            return False
        if k + 1 >= len(self.toks) or self.toks[k].low != "to":
            return False
        nxt = self.toks[k + 1]
        return nxt.actor is None and nxt.system is None and nxt.text.isalpha() and nxt.text.islower() and (
            nxt.low not in DETERMINERS and nxt.low not in PRONOUNS)

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

    def _is_noun_trigger(self, i: int) -> bool:
        trig = self.toks[i].trigger
        return trig is not None and trig.pos == "noun"

    def _is_verb(self, i: int) -> bool:
        trig = self.toks[i].trigger
        return trig is not None and trig.pos == "verb"

    def _verb_group_word(self, k: int) -> bool:
        """An auxiliary, or an adverb in '-ly' between it and the verb ('had originally purchased')."""
        tok = self.toks[k]
        return tok.low in AUXILIARIES or self._adverb(k)

    def _adverb(self, k: int) -> bool:
        """'initially', 'likely', 'already': an adverb that may stand between a noun and its participle."""
        tok = self.toks[k]
        return tok.low in VERB_ADVERBS or tok.text.islower() and len(tok.low) > 4 and tok.low.endswith("ly")
