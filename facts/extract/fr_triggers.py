"""French sentence reading, part 2: the first class of ``parse_fr.FrenchAnalyser``'s chain.

It declares the state of the sentence being read (set by ``FrenchAnalyser._read``), holds the mapping
between our character spans and spaCy's tokens, and finds the trigger words of frames. The later
classes (``fr_arguments.FrenchArguments``, ``fr_repairs.FrenchRepairs``, ``parse_fr.FrenchAnalyser``)
build on it: each calls only methods of its own class or of the ones before it.
"""

from __future__ import annotations

from typing import Any

from .actors import Actor
from .fr_tokens import (
    _DETERMINERS,
    CAUSATIVE_RECEIVE,
    REFLEXIVE,
    _case_marker,
    _is_passive,
)
from .framelex import FrameLexicon, Trigger
from .mentions import fold_keep


class FrenchTriggers:
    """The sentence being read (its Doc, text, token offsets, and the actors, systems and parse repairs
    found on its tokens), the span ↔ token mapping, and the triggers."""

    lex: FrameLexicon
    doc: Any
    text: str
    offsets: list[tuple[int, int]]
    actor_at: dict[int, Any]
    actors_in: dict[int, list[Actor]]
    system_at: dict[int, Any]
    alternatives: dict[int, list[Trigger]]
    phrase_nouns: set[int]
    subtrees: dict[int, list[Any]]
    orphans: dict[int, list[Any]]
    misplaced: dict[int, tuple[int, str]]
    maker_verbs: set[int]

    # ------------------------------------------------------------------ spans and tokens

    @staticmethod
    def _actors_within(actors: list[Actor], start: int, end: int) -> list[Actor]:
        return [a for a in actors if start <= a.start < end]

    def _actors_per_token(self, actors: list[Actor]) -> dict[int, list[Actor]]:
        """Token index → every actor inside it: 'maroco-américain' is Morocco and the United States."""
        out: dict[int, list[Actor]] = {}
        for i, (tok_start, tok_end) in enumerate(self.offsets):
            inside = [a for a in actors if tok_start <= a.start < tok_end]
            if inside:
                out[i] = inside
        return out

    def _span_index(self, spans: list[tuple[int, int, Any]]) -> dict[int, Any]:
        """Token index → the object whose character span covers the token's start."""
        out: dict[int, Any] = {}
        for i, (tok_start, _) in enumerate(self.offsets):
            for start, end, obj in spans:
                if start <= tok_start < end:
                    out[i] = obj
                    break
        return out

    def _start(self, token: Any) -> int:
        return int(self.offsets[token.i][0])

    def _end(self, token: Any) -> int:
        return int(self.offsets[token.i][1])

    def _multiword_nouns(self, doc: Any) -> list[tuple[int, int]]:
        out = []
        words = [fold_keep(t.text.lower()) for t in doc]
        for i, word in enumerate(words):
            for trig in self.lex.lookup("fr", "noun", word):
                n = len(trig.words)
                if n > 1 and tuple(words[i : i + n]) == trig.words:
                    out.append((doc[i].idx, doc[i + n - 1].idx + len(doc[i + n - 1].text)))
                    break
        return out

    def _only_maker(self, token: Any, trigger: Trigger) -> bool:
        """'drones fabriqués par IAI', 'les missiles sont fabriqués par Raytheon': a participle or a
        passive naming the maker is no frame of its own."""
        return (
            (token.dep_ == "acl" or (_is_passive(token) and any(c.dep_ == "obl:agent" for c in token.children)))
            and trigger.name == "build_for"
            and not any(
                _case_marker(c) in ("pour", "au profit de", "pour le compte de", "a destination de")
                for c in token.children
            )
        )

    # ------------------------------------------------------------------ triggers

    def _trigger(self, token: Any) -> Trigger | None:
        if token.i in self.actor_at or token.i in self.system_at or token.dep_.startswith(("aux", "cop")):
            return None
        if token.pos_ not in ("VERB", "AUX", "NOUN", "PROPN", "ADJ", "ADV", "ADP") or len(token.text) < 2:
            return None
        pos = (
            "verb"
            if token.pos_ in ("VERB", "AUX")
            else "noun"
            if token.pos_ in ("NOUN", "PROPN", "ADJ", "ADV", "ADP")
            else None
        )
        if pos == "verb" and ("-" in token.text or " " in token.text):
            pos = "noun"  # a merged compound ('accord-cadre') is a noun whatever the tagger says
        if pos is None:
            return None
        text = fold_keep(token.text.lower()).replace("' ", "'")
        if " " in text:  # a merged multi-word trigger: look it up by its first word
            text = text.replace("'", "' ").split()[0]
        if "-" in text and pos == "noun" and not self.lex.lookup("fr", "noun", text):
            text = text.split("-")[0]  # "accord-cadre" is an "accord"
        firsts = [fold_keep(token.lemma_.lower()), text] if pos == "verb" else [text, fold_keep(token.lemma_.lower())]
        if pos == "noun" and token.pos_ == "VERB":  # a merged compound the tagger read as a verb
            firsts.append(fold_keep(token.lemma_.lower()))
        if pos == "verb" and firsts[0] in CAUSATIVE_RECEIVE and self._se_faire(token):
            return next(iter(self.lex.lookup("fr", "verb", "recevoir")), None)  # "s'est fait livrer"
        found = self._triggers(token, pos, firsts)
        if found and pos == "verb" and self._describes(token, found[0]):
            return None  # "un système … fournissant de la surveillance": what it does, no delivery
        return found[0] if found else None

    def _describes(self, token: Any, trigger: Trigger) -> bool:
        """A present participle ('fournissant') of a verb of delivery tells what something does."""
        morph = str(token.morph)
        spec = self.lex.frames.get(trigger.name) if trigger.kind == "frame" else None
        return "VerbForm=Part" in morph and "Tense=Pres" in morph and spec is not None and spec.status == "delivered"

    @staticmethod
    def _se_faire(token: Any) -> bool:
        """'le Maroc s'est fait livrer …': a reflexive pronoun and 'faire' among the verb's dependents;
        'les FAR devraient se voir livrer …': the verb under a reflexive 'voir'."""
        kids = list(token.children)
        if any(c.lemma_ == "faire" for c in kids) and any(c.lower_ in ("se", "s'", "s’") for c in kids):
            return True
        head = token.head
        return head.i != token.i and head.lemma_ == "voir" and token.dep_ == "xcomp" and any(
            c.lower_ in ("se", "s'", "s’") for c in head.children)

    def _triggers(self, token: Any, pos: str, firsts: list[str]) -> list[Trigger]:
        out: list[Trigger] = []
        for first in dict.fromkeys(firsts):
            for trig in self.lex.lookup("fr", pos, first) + (
                self.lex.lookup("fr", "verb", first) if pos == "noun" and "VerbForm=Part" in str(token.morph) else []
            ):
                if self._matches(token, trig, first) and trig not in out:
                    out.append(trig)
        self.alternatives[token.i] = out[1:]
        return out

    @staticmethod
    def _inside_phrases(found: dict[int, tuple[Any, Trigger]]) -> set[int]:
        """Tokens a multi-word verb phrase of another token takes as its own words ('prendre livraison',
        'jeter son dévolu'): no frame of their own."""
        inside: set[int] = set()
        for i, (token, trig) in found.items():
            if trig.pos != "verb" or len(trig.words) < 2:
                continue
            rest = {w for w in trig.words[1:] if w not in _DETERMINERS}
            for t in token.doc[token.i + 1 : token.i + 3 + len(rest)]:
                if t.i in found and t.i != i and fold_keep(t.text.lower()) in rest:
                    inside.add(t.i)
        return inside

    def _matches(self, token: Any, trig: Trigger, first: str) -> bool:
        merged = fold_keep(token.text.lower()).replace("'", "' ").split()
        if len(merged) == 1 and "-" in merged[0] and merged[0].split("-")[0] == first:
            return len(trig.words) == 1
        if len(merged) > 1:  # a merged multi-word token is exactly one phrase
            if tuple(merged) != trig.words:
                return False
        elif len(trig.words) > 1:  # "jeter (leur) dévolu", "prendre (la) livraison", "course (effrénée) aux armements"
            rest = tuple(w for w in trig.words[1:] if w not in _DETERMINERS)
            window = [
                t
                for t in token.doc[token.i + 1 : token.i + 3 + len(rest)]
                if not (trig.pos == "noun" and t.dep_ == "amod" and t.head.i == token.i and t.i == token.i + 1)
            ]
            following = [w for w in (fold_keep(t.text.lower()) for t in window) if w not in _DETERMINERS][: len(rest)]
            if tuple(following) != rest:
                return False
        if trig.pos == "verb" and trig.reflexive is not None:
            reflexive = any(c.lower_ in REFLEXIVE for c in token.children if c.dep_.startswith(("expl", "obj", "iobj")))
            return reflexive == trig.reflexive
        return True
