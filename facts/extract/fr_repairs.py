"""French sentence reading, part 4: the repair passes.

``FrenchRepairs`` mends the parser's slips: designations left hanging (orphans), phrases hung on the
wrong word (misplaced objects, a recipient under the object), subjects a clause leaves out (inherited
from the clause that governs it), a trigger's governor; then, over the finished predicates, the actors
the parse hung on no trigger and the examples of a group ('avec plusieurs pays, comme la France').
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .. import lexicon as lx
from .actors import Actor
from .fr_arguments import FrenchArguments
from .fr_tokens import (
    RELATIVE_OBLIQUE,
    SUBJECT_DEPS,
    TIME_HEADS,
    _case_marker,
    _date_word,
    _marker_of,
    nearest_taker,
    preposition_before,
)
from .grammar import Arg, Predicate
from .mentions import fold_keep
from .nouns import noun_kind

# "selon", "d'après": a phrase that names the source of what the sentence reports
SOURCE_MARKERS = frozenset(fold_keep(w) for w in lx.grammar()["attribution_markers"]["words"])


class FrenchRepairs(FrenchArguments):
    """Parse slips mended, while the predicates are built and once they are."""

    # ------------------------------------------------------------------ repairs while reading

    def _adopt_orphans(self, doc: Any) -> dict[int, list[Any]]:
        """'deux drones « Condor » israéliens': a designation the parse left hanging as a root goes back
        to the equipment noun right before it."""
        out: dict[int, list[Any]] = {}
        for tok in doc:
            if tok.i not in self.system_at or tok.i == 0:
                continue
            prev = doc[tok.i - 1]
            if tok.head.i == prev.i or prev.head.i == tok.i:
                continue  # already one phrase
            if noun_kind(prev.lemma_) == "item" or noun_kind(prev.text) == "item":
                out.setdefault(prev.i, []).append(tok)
        return out

    def _recipient_under_object(self, verb: Any, index: dict[int, int]) -> list[Arg]:
        """'vendre 18 HIMARS et des équipements connexes au gouvernement marocain': the parser hangs the
        'à' phrase on the last object; a state or Morocco there is the verb's, equipment takes no 'à'
        complement of its own (but 'destinés au Maroc' is read where it is); an official's or a body's does."""
        out: list[Arg] = []
        for obj in (c for c in verb.children if c.dep_ == "obj"):
            for tok in self._subtree(obj):
                if tok is obj or tok.dep_ != "nmod" or _case_marker(tok) != "a":
                    continue
                if noun_kind(tok.head.lemma_) in ("state", "person", "company", "site", "pronoun"):
                    continue  # "l'ambassadeur du Maroc au Sénégal": the phrase's own complement
                if any(a.kind in ("morocco", "state") for a in self._actors_of(tok)):
                    out.append(self._arg(tok, "a", index))
        return out[:1]

    def _misplaced_objects(self, doc: Any) -> dict[int, tuple[int, str]]:
        """Phrases the parser hangs on the name right before them, mapped to (the word they belong to,
        their marker). 'a accueilli mardi 4 juin 2024 à Rabat le ministre sénégalais': a French noun
        with its own determiner and no preposition does not complement another noun (an apposition has
        a comma): it is the object of the verb that governs that place or date, when the verb has none.
        'l'acquisition par le Maroc de 150 drones israéliens': equipment is no complement of a state's
        name; it is the frame noun's."""
        out: dict[int, tuple[int, str]] = self._split_off_objects(doc)
        for tok in doc:
            head = tok.head
            verb = head.head
            if (
                tok.dep_ == "nmod"
                and tok.i > head.i
                and head.i in self.actor_at
                and head.dep_ in ("nmod", "obl", "obl:arg", "obl:mod")
                and head.head.i != head.i
                and _case_marker(tok) == "de"
                and (noun_kind(tok.lemma_) == "item" or tok.i in self.system_at)
            ):
                out[tok.i] = (head.head.i, "de")
                continue
            if (  # "Selon l'état-major des FAR, le Canada, l'Espagne … participent": the source ends at the comma
                tok.dep_ == "appos"
                and head.dep_.startswith("obl")
                and _case_marker(head) in SOURCE_MARKERS
                and verb.pos_ == "VERB"
                and doc[tok.left_edge.i - 1].text == ","
                and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
            ):
                out[tok.i] = (verb.i, "subj")
                continue
            # 'à Rabat, le général X': a "conjunct" with no 'et'/'ou' after a comma is no conjunct either
            comma_conj = tok.dep_ == "conj" and not any(c.dep_ == "cc" for c in tok.children)
            if (
                (tok.dep_ == "nmod" and doc[tok.left_edge.i - 1].pos_ != "PUNCT" or comma_conj)
                and tok.pos_ in ("NOUN", "PROPN")
                and tok.i > head.i
                and head.dep_ in ("obl", "obl:mod", "obl:arg")
                and verb.pos_ == "VERB"
                and _case_marker(tok) is None
                and any(c.dep_ == "det" and c.i < tok.i for c in tok.children)
                and not any(c.dep_ == "obj" and _case_marker(c) is None for c in verb.children)
            ):  # ('à la tête d'une délégation' labelled an object has a preposition: no object)
                out[tok.i] = (verb.i, "obj")
                continue
            marker = _case_marker(tok)
            dated = _date_word(head)
            equipment = noun_kind(tok.lemma_) == "item" or tok.i in self.system_at
            if tok.dep_ == "nmod" and marker == "de" and dated and equipment:
                while _date_word(dated.head) and dated.head.i != dated.i:
                    dated = dated.head  # "l'arrivée en janvier 2024 des premiers canons": not the year's
                if dated.head.i != dated.i:
                    out[tok.i] = (dated.head.i, "de")
                    continue
            if (
                tok.dep_ == "nmod"
                and marker in ("a", "aupres de")
                and head.dep_.startswith("obl")
                and fold_keep(head.lemma_.lower()) in TIME_HEADS
                and verb.pos_ == "VERB"
            ):  # "commandés à la fin de l'année dernière au constructeur X": the maker is the verb's
                out[tok.i] = (verb.i, marker)
        return out

    def _split_off_objects(self, doc: Any) -> dict[int, tuple[int, str]]:
        """'avaient commandé, en janvier 2020, à la société française Nexter 36 canons Caesar': the parser
        made the company's name a second root or a clause of the verb, the equipment its complement.
        Equipment under such a name, with no preposition of its own, is the verb's object."""
        out: dict[int, tuple[int, str]] = {}
        for root in (t for t in doc if t.dep_ in ("ROOT", "ccomp", "parataxis", "dep", "punct") and t.i > 0
                     and t.i in self.actor_at and t.pos_ in ("PROPN", "NOUN", "X")):
            verb = doc[root.i - 1].head if root.dep_ == "ROOT" else root.head
            while verb.head.i != verb.i and verb.dep_ not in ("ccomp", "parataxis"):
                verb = verb.head
            if verb.pos_ != "VERB" or verb.i >= root.i or any(c.dep_ == "obj" for c in verb.children):
                continue
            for tok in root.children:
                if (tok.i > root.i and tok.dep_ == "nmod" and _case_marker(tok) is None
                        and (noun_kind(tok.lemma_) == "item" or tok.i in self.system_at)):
                    out[tok.i] = (verb.i, "obj")
        return out

    def _repair_verb(self, token: Any, pred: Predicate, index: dict[int, int]) -> None:
        """Three parse slips, mended: 'Le Maroc et l'Inde signent' read as 'Maroc' plus a clause ('signent'
        a conjunct of 'Maroc'), a verb hung on its own object ('a reçu, lundi, le sous-secrétaire'), and
        'des drones Heron acquis en 2014' with the drones as the subject of the bare participle (they
        are what was acquired)."""
        if (
            token.dep_ == "conj"
            and token.head.i < token.i
            and self._actors_here(token.head)
            and any(a.marker == "subj" for a in pred.args)
        ):
            pred.args.append(self._arg(token.head, "subj", index))
        head = token.head
        if (
            token.dep_ == "dep"
            and head.i > token.i
            and head.dep_ == "ROOT"
            and head.pos_ in ("NOUN", "PROPN")
            and not any(a.marker == "obj" for a in pred.args)
        ):  # "X a reçu, lundi, le sous-secrétaire …": the verb hung on the noun it governs
            pred.args.append(self._arg_without(head, token, "obj", index))
        bare_participle = "VerbForm=Part" in str(token.morph) and not any(
            c.dep_.startswith("aux") for c in token.children
        )
        if bare_participle:
            for arg in pred.args:
                if arg.marker == "subj" and not arg.actors and (arg.systems or arg.itemish):
                    arg.marker = "obj"
        self._listed_after_the_object(pred)
        self._title_after_the_object(pred)

    def _title_after_the_object(self, pred: Predicate) -> None:
        """'a accueilli le général X, chef d'état-major des armées du Niger, le 23 septembre': the title the
        parser hung on the verb after the guest's name is the guest's, and so is the state it names."""
        objects = [a for a in pred.args if a.marker == "obj"]
        if not objects:
            return
        for arg in pred.args:
            words = arg.text.lstrip(" ,").split(maxsplit=1)
            if (arg.marker in ("obl:mod", "nmod", "appos", "dep") and arg.actors and words
                    and noun_kind(fold_keep(words[0].lower())) == "person"
                    and re.fullmatch(r"\s*,?\s*", self.text[objects[-1].end : arg.start + len(arg.text) - len(
                        arg.text.lstrip(" ,"))])):
                arg.marker = "obj"

    def _listed_after_the_object(self, pred: Predicate) -> None:
        """'… les dernières transactions : 48 avions F-16, 24 hélicoptères AH-64E ainsi que …': equipment
        after the object and a comma, which the parser made a second subject, is listed with the object."""
        objects = [a for a in pred.args if a.marker == "obj"]
        if not objects or sum(a.marker == "subj" for a in pred.args) < 2:
            return
        for arg in pred.args:
            if (arg.marker == "subj" and not arg.actors and arg.itemish and arg.start >= objects[0].end
                    and re.fullmatch(r"[\s,]*", self.text[objects[-1].end : arg.start])):
                arg.marker = "obj"

    def _inherit_subject(self, token: Any, pred: Predicate, index: dict[int, int]) -> None:
        """'Le Maroc s'apprête à acquérir', 'autorise le Maroc à acheter', 'les drones que le Maroc a
        commandés' (or 'a décidé d'acheter'), 'Commandés en 2020, les canons…': the argument the clause
        itself leaves out."""
        markers = {a.marker for a in pred.args}
        head = token.head
        if token.dep_ == "acl:relcl":
            pronoun = next((c for c in token.children if c.lower_ in ("qui", "que", "qu'", "lequel", "laquelle")), None)
            role = "subj" if pronoun is not None and pronoun.lower_ == "qui" else "obj"
            pred.args = [a for a in pred.args if a.text.lower() not in ("qui", "que", "qu'")]
            antecedent = head
            for _ in range(2):  # "des drones de combat que …": the noun the complement hangs on
                if noun_kind(antecedent.lemma_) or antecedent.i in self.system_at or antecedent.i in self.actor_at:
                    break
                if antecedent.dep_ not in ("nmod", "appos") or antecedent.head.i == antecedent.i:
                    break
                antecedent = antecedent.head
            pred.args.append(self._arg_without(antecedent, token, role, index))
            return
        if token.dep_ == "acl" and not any(c.dep_ in SUBJECT_DEPS for c in token.children):
            passive = "VerbForm=Part" in str(token.morph) and "Tense=Past" in str(token.morph)
            pred.args.append(self._arg_without(head, token, "obj" if passive else "subj", index))
            return
        if (
            "subj" not in markers
            and "agent" not in markers
            and token.dep_ in ("xcomp", "conj", "advcl")
            and head.i != token.i
        ):
            controller = (
                [c for c in head.children if c.dep_ == "obj" and self._actors_of(c)] if token.dep_ == "xcomp" else []
            )
            source = controller or [c for c in head.children if c.dep_ in SUBJECT_DEPS | {"nsubj:pass"}]
            passive = any(c.dep_ == "aux:pass" for c in token.children)  # "en passe d'être livrés"
            for c in source:
                pred.args.append(self._arg(c, "obj" if passive else "subj", index))
            if not source and head.dep_ == "acl:relcl":
                pred.args.append(self._arg_without(head.head, head, "subj", index))
        if (
            token.dep_ == "xcomp"
            and (head.dep_ == "acl:relcl" or (head.dep_ == "ccomp" and head.head.pos_ in ("NOUN", "PROPN")))
            and "obj" not in markers
            and any(c.lower_ in ("que", "qu'") for c in head.children)
        ):  # "ce sont dix H225M que les FAR ont décidé d'acheter": what they decided to buy
            pred.args.append(self._arg_without(head.head, head, "obj", index))
        if (
            not markers & {"obj", "subj"}
            and token.dep_ == "ROOT"
            and "VerbForm=Part" in str(token.morph)
            and token.i == min(t.i for t in token.doc if not t.is_punct)
        ):
            main = next((t for t in token.doc if t.dep_ == "ROOT" and t.i > token.i), None)
            if main is not None:  # "Commandés en 2020, les 36 canons ont été livrés"
                for c in main.children:
                    if c.dep_ in ("nsubj", "nsubj:pass"):
                        pred.args.append(self._arg(c, "obj", index))

    def _arg_without(self, head: Any, clause: Any, marker: str, index: dict[int, int]) -> Arg:
        """The antecedent of a relative or participle clause, as an argument of that clause."""
        arg = self._arg(head, marker, index)
        clause_tokens = {t.i for t in clause.subtree}
        keep = [t for t in self._subtree(head) if t.i not in clause_tokens]
        if keep:
            arg.start = min(self._start(t) for t in keep)
            arg.end = max(self._end(t) for t in keep)
            arg.text = self.text[arg.start : arg.end]
            arg.systems = [self.system_at[t.i] for t in keep if t.i in self.system_at]
        return arg

    def _link_governor(self, preds: list[Predicate], n: int, token: Any, index: dict[int, int]) -> None:
        """A trigger governed by another ('approuvé la vente', 'négocié l'achat', 'renforcer la
        coopération'): remember the governor and how it holds this one."""
        node, marker = token, None
        for _ in range(3):  # 'signé un contrat pour l'achat': up through nouns that are not triggers
            if node.dep_ in ("ROOT", "acl:relcl", "parataxis") or node.head.i == node.i:
                return
            marker = marker or ("subj" if node.dep_ in SUBJECT_DEPS else _marker_of(node))
            node = node.head
            if node.i in index and index[node.i] != n:
                preds[n].governor = index[node.i]
                preds[n].governor_marker = marker
                return
            if node.pos_ == "VERB" and not (node.lemma_ == "voir" and any(
                    c.lower_ in ("se", "s'", "s’") for c in node.children)):
                return  # but "devraient se voir livrer": 'se voir' only carries the verb under it

    # ------------------------------------------------------------------ passes over the predicates

    def _attach_strays(self, preds: list[Predicate], actors: list[Actor]) -> None:
        """An actor the parse hung on no trigger ('sur fond de tensions entre Rabat et Alger', where
        'entre' went to 'fond') joins the nearest frame that has a role for its preposition."""
        covered = {a for p in preds for g in p.args for a in g.actors + g.origins}
        last_marker: str | None = None
        group: Arg | None = None  # 'avec plusieurs pays tels que …': the phrase the examples stand in
        holder = {a: g for p in preds for g in p.args for a in g.actors}
        previous: Arg | None = None  # the phrase of the actor before, when the parse placed it
        for actor in actors:
            if actor in covered or actor.kind == "org":
                last_marker, group, previous = None, None, holder.get(actor)
                continue
            marker = preposition_before(self.text, actor.start, over_noun=actor.how == "demonym")
            listed = marker in ("et", ",", "ou") or self.text[: actor.start].rstrip().endswith(",")
            previous, placed = None, previous  # only the phrase of the actor right before, if the parse placed it
            if listed and group is not None:
                group.actors.append(actor)  # 'tels que la France, l'Espagne et l'Italie'
                continue
            if listed and placed is not None and placed.marker not in ("subj", "obj"):
                placed.actors.append(actor)  # 'avec le Liberia le 21 octobre et le Cameroun en mars'
                continue
            if listed and last_marker:
                marker = last_marker
            group = None if listed else self._group_of_examples(preds, actor)
            last_marker = marker
            if group is not None:
                group.actors.append(actor)
                continue
            if marker is None:
                continue
            best = nearest_taker(preds, self.lex, marker, actor)
            if best is not None:
                best.args.append(Arg(marker, actor.start, actor.end, [actor], text=actor.text))

    def _relative_participants(self, preds: list[Predicate]) -> None:
        """'l'exercice « Seaborder-09 », auquel participeront des navires d'Espagne, France, Maroc et
        Portugal': a light verb opened by 'auquel' tells who takes part in the frame noun just before
        it; its phrases that name someone are that frame's subjects."""
        for p in preds:
            relative = next((a for a in p.args if fold_keep(a.text.lower()) in RELATIVE_OBLIQUE), None)
            if p.kind != "light" or relative is None:
                continue
            before = [q for q in preds if q.kind == "frame" and q.trigger.pos == "noun" and q.end <= relative.start]
            if not before or self.text[before[-1].end : relative.start].count(",") > 2:
                continue
            for arg in p.args:
                if arg is not relative and (arg.actors or arg.origins) and arg.marker not in ("obl:mod", "advmod"):
                    before[-1].args.append(replace(arg, marker="subj"))

    def _examples_join_their_group(self, preds: list[Predicate]) -> None:
        """'avec plusieurs pays, comme la France' parsed as two phrases of the verb: the examples are
        the group's, not a comparison ('comme' alone would put France against Morocco)."""
        args = sorted((g for p in preds for g in p.args), key=lambda g: g.start)
        for p in preds:
            for g in list(p.args):
                if g.marker not in self.lex.examples["fr"] or not g.actors:
                    continue
                before = [h for h in args if h.end <= g.start and g.start - h.end <= 3 and h is not g]
                if before and fold_keep(before[-1].text).rstrip(" ,").split(" ")[-1] in self.lex.example_heads["fr"]:
                    before[-1].actors.extend(a for a in g.actors if a not in before[-1].actors)
                    p.args.remove(g)

    def _group_of_examples(self, preds: list[Predicate], actor: Actor) -> Arg | None:
        """The argument whose last word is a group of states right before an example marker
        ('avec plusieurs pays tels que la France', 'ses partenaires, notamment la Chine'): the
        examples take that argument's place."""
        before = fold_keep(self.text[max(0, actor.start - 60) : actor.start])
        m = self.lex.examples_after_group.search(before)
        if m is None:
            return None
        head_at = actor.start - len(before) + m.start()
        holders = [g for p in preds for g in p.args if g.start <= head_at < g.end + 2]
        if holders:
            return min(holders, key=lambda g: g.end - g.start)
        for p in preds:  # the group is a frame noun itself ('ses partenaires, notamment …')
            if p.start <= head_at < p.end:
                marker = m.group("marker")
                p.args.append(Arg(marker, actor.start, actor.end, [], text=self.text[actor.start : actor.end]))
                return p.args[-1]
        return None
