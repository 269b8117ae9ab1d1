"""French sentence reading, part 3: the arguments of a trigger.

``FrenchArguments`` turns a trigger's dependents into marked arguments (``Arg``): their extent, the actors
a head noun names (itself, an official's or a body's state, a maker, a destination), the systems and the
origins of equipment. ``parse_fr.FrenchAnalyser._predicate`` assembles them; ``fr_repairs`` mends what
the parse left out or put in the wrong place.
"""

from __future__ import annotations

from typing import Any

from ..dates import MONTHS
from .actors import Actor
from .fr_tokens import (
    CLAUSE_DEPS,
    DESTINED,
    HELPER_MARKER,
    HELPER_NOUNS,
    HELPER_OPENERS,
    MARKER_NOUNS,
    OWNER_VERBS,
    PAIR_STANDIN,
    PRONOUN_SUBJECTS,
    RELATIVE_SUBJECTS,
    TRANSPARENT,
    _case_marker,
    _marker_of,
    _new_equipment,
    _norm_case,
    _two_word_item,
)
from .fr_triggers import FrenchTriggers
from .grammar import Arg
from .mentions import fold_keep
from .nouns import noun_kind


class FrenchArguments(FrenchTriggers):
    """A trigger's arguments and the actors, systems and origins they hold."""

    # ------------------------------------------------------------------ arguments
    def _light_participle(self, child: Any) -> bool:
        """'une visite … effectuée par le ministre indien', 'la commande passée par le Maroc à l'industrie
        espagnole': a light verb's participle on a frame noun (a word that may also be a modifier)."""
        trigger = self._trigger(child) if child.dep_ == "acl" and child.pos_ == "VERB" else None
        if trigger is not None and trigger.kind == "modifier":  # "la commande passée par le Maroc à …"
            return any(t.kind == "light" for t in self.alternatives.get(child.i, []))
        return trigger is not None and trigger.kind == "light"

    def _detached_participle_args(self, noun: Any, index: dict[int, int]) -> list[Arg]:
        """'a conclu une transaction avec la Chine, concernant des drones Wing Loong II': a light verb's
        participle right after the noun's phrase and a comma, which the parser hung on the verb, tells
        the noun's content; its complements are the noun's."""
        last = max(t.i for t in self._subtree(noun))
        after = last + 2
        if after >= len(self.doc) or self.doc[last + 1].text != ",":
            return []
        participle = self.doc[after]
        if participle.dep_ != "advcl" or participle.head.i != noun.head.i:
            return []
        if "VerbForm=Part" not in str(participle.morph):
            return []
        trigger = self._trigger(participle)
        if trigger is None or trigger.kind != "light":
            return []
        args = [
            a
            for c in participle.children
            if c.dep_ in ("obj", "obl:arg", "obl:mod", "obl")
            for a in self._args_of(c, index)
        ]
        own = self._trigger(noun)
        spec = self.lex.frames.get(own.name) if own is not None else None
        roles = spec.noun_roles if spec is not None else {}
        for a in args:  # "portant sur 24 hélicoptères": the marker the noun takes is 'portant sur'
            joined = f"{participle.lower_} {a.marker}"
            a.marker = joined if joined in roles else a.marker
        return args

    def _participle_args(self, participle: Any, index: dict[int, int]) -> list[Arg]:
        """Its agent is the noun's 'par' complement, its other complements the noun's own."""
        out = []
        for grand in participle.children:
            if grand.dep_ == "obl:agent" or _case_marker(grand) == "par":
                out += [Arg(**{**vars(a), "marker": "par"}) for a in self._args_of(grand, index)]
            elif grand.dep_.startswith("obl"):  # "auprès des Turcs": an adverb heads the phrase
                out += [a for a in self._args_of(grand, index) if not a.marker.startswith(("obl", "nmod"))]
        return out

    def _args_of(self, child: Any, index: dict[int, int]) -> list[Arg]:
        """The argument a dependent stands for; a noun like 'profit' in 'au profit de' hands its
        marker to its own complement; a noun of help ('avec l'aide d'Israël') hands its complement
        the helper's marker."""
        lemma = fold_keep(child.lemma_.lower())
        if lemma in HELPER_NOUNS and _case_marker(child) in HELPER_OPENERS:
            return [self._arg(grand, HELPER_MARKER, index) for grand in child.children
                    if grand.dep_ == "nmod" and _case_marker(grand) == "de"]
        if lemma in MARKER_NOUNS:
            outer = [c for c in child.children if c.dep_ == "case"]
            start = self._start(outer[0]) if outer else self._start(child)
            out: list[Arg] = []
            for grand in child.children:
                inner = [c for c in grand.children if c.dep_ == "case" and c.i < grand.i]
                if inner:  # "en présence de X, de Y": the list shares the first one's preposition
                    end = self._end(inner[-1])
                    marker = out[0].marker if out else _norm_case(self.text[start:end].split())
                    out.append(self._arg(grand, marker, index))
            return out
        return [self._arg(child, _marker_of(child), index)]

    def _arg(self, token: Any, marker: str, index: dict[int, int]) -> Arg:
        left, right = self._extent(token)
        inner = self._through_whole(token)  # "la totalité des 300 véhicules": the vehicles
        if token.i in self.phrase_nouns:  # "a pris livraison de trois corvettes": the corvettes
            inner = next((c for c in token.children if c.dep_ == "nmod" and _case_marker(c) == "de"), token)
        heads = [inner] + [c for c in inner.conjuncts if c.i > inner.i and c.i not in self.misplaced]
        heads += self._conjuncts_of_name(token, heads)
        heads += self._listed_states(heads)
        if token.like_num or token.lower_ in MONTHS:  # "le 3 mai et le Kenya": the state is not the date's
            heads = [token]
        if marker == "conj":  # "ses partenaires, notamment la Chine": examples, marked by their adverb
            opening = fold_keep(self.text[left:right]) + " "
            marker = next((m for m in self.lex.examples["fr"] if opening.startswith(m + " ")), marker)
        arg = Arg(marker, left, right, text=self.text[left:right])
        for head in heads:
            arg.actors += self._actors_of(head)
            # "des camions tactiques M1083 américains" (not a frame noun: "l'achat de Wing Loong II auprès de …")
            named = head.i not in index and any(c.i in self.system_at for c in head.children)
            if noun_kind(head.lemma_) == "item" or _two_word_item(head) or head.i in self.system_at or named:
                arg.origins += self._origins(head, index)
                arg.beneficiaries += self._destined_to(head)
            elif head.i not in index:  # "une flotte d'hélicoptères Puma français": the equipment it holds
                for c in head.children:
                    if c.dep_ == "nmod" and _case_marker(c) == "de" and noun_kind(c.lemma_) == "item":
                        arg.origins += self._origins(c, index)
        if not arg.actors and token.lower_ in RELATIVE_SUBJECTS:
            antecedent = self._antecedent(token)
            if antecedent is not None:  # "l'aviation algérienne, qui … est équipée par la Russie"
                arg.actors += self._actors_of(antecedent)
        others = self._other_frames_within(token, index)
        arg.systems = [self.system_at[t.i] for t in self._subtree(token) if t.i in self.system_at and t.i not in others]
        arg.systems = list(dict.fromkeys(arg.systems))
        arg.itemish = bool(arg.systems) or any(
            noun_kind(h.lemma_) == "item" or noun_kind(h.text) == "item" or _two_word_item(h) for h in heads
        )
        if token.i in index:
            arg.frame_noun = index[token.i]
        arg.anaphor = (
            token.lower_ in PRONOUN_SUBJECTS
            or ("Poss=Yes" in str(token.morph))
            or self._is_item_anaphor(token)
            or self._is_actor_anaphor(token)
        )
        arg.pair = self._is_actor_anaphor(token) and "deux" in arg.text.lower()
        arg.indefinite = arg.itemish and not arg.systems and not arg.anaphor and _new_equipment(inner)
        return arg

    def _other_frames_within(self, token: Any, index: dict[int, int]) -> set[int]:
        """'la livraison de deux drones Heron mais aussi de la commande de drones Hermes': a frame noun
        joined inside the argument holds its own equipment, which is not this argument's."""
        out: set[int] = set()
        for t in self._subtree(token):
            if t.i != token.i and t.dep_ == "conj" and t.i in index and t.pos_ == "NOUN":
                out |= {x.i for x in self._subtree(t)}
        return out

    @staticmethod
    def _through_whole(token: Any) -> Any:
        """The noun after a word for the whole or a share of it ('la totalité des', 'l'ensemble des')."""
        if fold_keep(token.lemma_.lower()) not in TRANSPARENT:
            return token
        return next((c for c in token.children if c.dep_ == "nmod" and _case_marker(c) == "de"), token)

    def _listed_states(self, heads: list[Any]) -> list[Any]:
        """'le Canada, l'Espagne, le Royaume-Uni, le Sénégal et la Tunisie': a list of states the parser
        cut into appositions, each with its own conjuncts; all of them are the phrase's."""
        out: list[Any] = []
        # "de nombreux pays africains comme la Côte d'Ivoire, le Niger ou encore le Mali": the examples too
        for ex in (c for h in heads for c in h.children
                   if c.dep_ == "nmod" and (_case_marker(c) or "") in self.lex.examples["fr"]):
            if any(a.is_state for a in self._actors_here(ex)):
                out += [d for d in [ex, *ex.conjuncts] if d.i >= ex.i and d not in heads and d not in out]
        for head in heads + out:
            if not any(a.is_state for a in self._actors_here(head)):
                continue
            for c in head.children:
                if c.dep_ == "appos" and c not in heads and c not in out and any(
                        a.is_state for a in self._actors_here(c)):
                    out += [c] + [d for d in c.conjuncts if d.i > c.i and d not in heads]
        return out

    def _conjuncts_of_name(self, token: Any, heads: list[Any]) -> list[Any]:
        """'La ministre espagnole, María Dolores de Cospedal et son homologue marocain ont convenu': the
        parser hangs the second party on the first one's name; it is the phrase's, not the name's."""
        names = [
            c for c in token.children if c.dep_ in ("nmod", "appos") and c.pos_ == "PROPN" and _case_marker(c) is None
        ]
        names += [g for n in names for g in n.children if g.dep_ == "flat:name"]
        return [
            c
            for n in names
            for c in n.children
            if c.dep_ == "conj"
            and c.i > n.i
            and c.i not in self.misplaced
            and c not in heads
            and any(g.dep_ == "cc" for g in c.children)
        ]

    def _is_actor_anaphor(self, token: Any) -> bool:
        """'le pays', 'les deux parties': an actor named before."""
        words = sorted((t for t in self._subtree(token) if t.i <= token.i), key=lambda t: t.i)
        phrase = fold_keep(" ".join(t.text.lower() for t in words)).replace("' ", "'")
        return phrase in self.lex.anaphora["actor_fr"]

    def _antecedent(self, relative: Any) -> Any | None:
        """The noun a relative pronoun stands for: the head its clause hangs on, or the noun phrase
        right before it (the parser does not always hang the clause there)."""
        if relative.head.dep_ == "acl:relcl":
            return relative.head.head
        k = relative.i - 1
        while k >= 0 and self.doc[k].pos_ == "PUNCT":
            k -= 1
        if k < 0:
            return None
        before = self.doc[k]
        if before.pos_ == "ADJ" and before.dep_ == "amod":
            before = before.head
        return before if before.pos_ in ("NOUN", "PROPN") else None

    def _actors_of(self, head: Any) -> list[Actor]:
        """Who a head noun names: itself, or for an official or a body ('son homologue émirati',
        'l'ambassadeur de France', 'l'armée algérienne') the state its modifiers name."""
        here = self._actors_here(head)
        if here:
            return here
        pair = [a for c in head.children if c.text == PAIR_STANDIN for a in self._actors_here(c)]
        if pair and noun_kind(head.lemma_) != "item":  # "la commission mixte maroco-espagnole": both sides
            return pair
        named = [
            a
            for c in head.children
            if c.dep_ in ("flat:name", "appos", "nmod") and c.i in self.actor_at and _case_marker(c) is None
            for a in self._actors_here(c)
        ]
        if named:  # "le chantier naval espagnol Navantia": the name it carries
            return named
        titles = [
            a
            for c in head.children
            if c.dep_ in ("appos", "flat:name") and noun_kind(c.lemma_) in ("person", "state")
            for a in self._title_actors(c, depth=3)
        ]
        if titles:  # "Anthony Tata, Sous-secrétaire à la Défense US"
            return titles
        if noun_kind(head.lemma_) in ("state", "person", "company", "pronoun") or noun_kind(head.text) in (
            "state",
            "person",
            "company",
            "pronoun",
        ):
            return self._title_actors(head, depth=3)
        if noun_kind(head.lemma_) == "site" or noun_kind(head.text) == "site":  # "sur la base aérienne de Ben Guérir"
            return [a for a in self._title_actors(head, depth=2) if a.kind == "place"]
        return self._company_before(head)

    def _company_before(self, head: Any) -> list[Actor]:
        """'…, le groupe sud-africain Paramount a inauguré': a name the parser cut from the company noun
        and demonym right before it."""
        if head.pos_ != "PROPN" or head.i < 2:
            return []
        noun, demonym = self.doc[head.i - 2], self.doc[head.i - 1]
        if noun_kind(noun.lemma_) != "company" or demonym.i not in self.actor_at:
            return []
        return [a for a in self._actors_here(demonym) if a.is_state]

    def _title_actors(self, head: Any, depth: int) -> list[Actor]:
        """The state of an official or a body: 'son homologue émirati', 'l'ambassadeur de France', 'le
        secrétaire à la production de défense de l'Inde' (the country may hang a few nouns down)."""
        found: list[Actor] = []
        for c in head.children:
            # 'obl:arg': "Haut conseiller à la Défense britannique" when the parser took the title for a clause
            if c.dep_ not in ("amod", "nmod", "flat:name", "appos", "acl", "obl:arg") or c.dep_ in CLAUSE_DEPS:
                continue
            case = _case_marker(c)
            if c.dep_ in ("nmod", "obl:arg") and case not in ("de", "a", None):
                continue
            here = self._actors_here(c) if case in ("de", None) or c.dep_ not in ("nmod", "obl:arg") else []
            found += here
            if here and c.dep_ == "amod":  # "les armées marocaine et espagnole": both demonyms
                found += [a for d in c.conjuncts for a in self._actors_here(d) if a not in found]
            if not here and depth > 1 and noun_kind(c.lemma_) not in ("item",):
                found += self._title_actors(c, depth - 1)
        return found

    def _origins(self, head: Any, index: dict[int, int]) -> list[Actor]:
        """Where an item comes from: 'drones turcs', 'système … de la société française MBDA',
        'fabriqués par IAI' — actors inside the item's own phrase, marked by nothing, 'de' or 'par',
        or by the 'à' of a verb of belonging ('une frégate appartenant à la Marine française')."""
        out: list[Actor] = []
        stack = [c for c in list(head.children) + self.orphans.get(head.i, []) if c.dep_ not in CLAUSE_DEPS]
        while stack:
            tok = stack.pop()
            if tok.i in index and tok.i not in self.system_at:
                continue  # another frame's complement
            owned = _case_marker(tok) == "a" and fold_keep(tok.head.lemma_.lower()) in OWNER_VERBS
            if _case_marker(tok) in (None, "de", "par") or tok.dep_ == "obl:agent" or owned:
                out += self._actors_here(tok)
                stack += [c for c in tok.children if c.dep_ not in CLAUSE_DEPS]
        out += self._made_by(head)
        return list(dict.fromkeys(out))

    def _destined_to(self, head: Any) -> list[Actor]:
        """'les véhicules WhAP destinés aux FAR': who the equipment is for."""
        out = []
        for c in list(head.children) + self.orphans.get(head.i, []):
            if c.dep_ in ("acl", "amod") and fold_keep(c.lemma_.lower()) in DESTINED:
                for g in c.children:
                    if _case_marker(g) in ("a", "pour", "au profit de"):
                        out += self._actors_of(g)
        return out

    def _made_by(self, head: Any) -> list[Actor]:
        """'des drones fabriqués par IAI', 'conçus par Elbit': the maker, from a participle's agent."""
        out = []
        for c in head.children:
            if c.dep_ == "acl" and c.i in self.maker_verbs:
                for g in c.children:
                    if _case_marker(g) == "par" or g.dep_ == "obl:agent":
                        out += self._actors_of(g)
        return out

    def _actors_here(self, token: Any) -> list[Actor]:
        return list(self.actors_in.get(token.i, []))

    def _is_item_anaphor(self, token: Any) -> bool:
        det = [c.lower_ for c in token.children if c.dep_ == "det"]
        if not det or token.i in self.system_at:
            return False
        phrase = fold_keep(f"{det[0]} {token.text.lower()}").replace("' ", "'")
        return phrase in self.lex.anaphora["item_fr"]

    def _subtree(self, token: Any) -> list[Any]:
        """A token's phrase without the clauses hanging off it (with the names the parse cut off)."""
        cached = self.subtrees.get(token.i)
        if cached is not None:
            return cached
        out, seen, stack = [], set(), [token]
        while stack:
            tok = stack.pop()
            if tok.i in seen:
                continue
            seen.add(tok.i)
            out.append(tok)
            stack += [
                c
                for c in list(tok.children) + self.orphans.get(tok.i, [])
                if c.dep_ not in CLAUSE_DEPS and (c.i not in self.misplaced or c.i == token.i)
            ]
        self.subtrees[token.i] = out
        return out

    def _extent(self, token: Any) -> tuple[int, int]:
        toks = self._subtree(token)
        start = min(self._start(t) for t in toks)
        end = max(self._end(t) for t in toks)
        return start, end
