"""French sentences → predicates with marked arguments, read off spaCy's dependency parse.

The parse runs only on candidate sentences (a trigger word and an actor or system), on
our own tokens: every actor, system and multi-word trigger is merged into one token
first, so "Forces Royales Air" or "lance-roquettes HIMARS" cannot be torn apart by the
parser. Arguments are the trigger's dependents, marked by dependency (subject, object,
passive agent) or by their preposition ("auprès de", "au profit de", "avec"). Subjects
missing from a clause come from the clause that governs it ("s'apprête à acquérir", the
antecedent of "qui"/"que", a participle's noun).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Any

from .. import lexicon as lx
from .actors import Actor
from .fr_repairs import FrenchRepairs
from .fr_tokens import (
    _AGO,
    _HYPHENATED,
    _PARSER_CHARS,
    ACTOR_STANDINS,
    CLAUSE_DEPS,
    FUTURE_ADVERBS,
    LIGHT,
    MAKER_VERBS,
    PAIR_STANDIN,
    SYSTEM_STANDIN,
    _appositions,
    _counted_object,
    _negated,
    _with_quotes,
    nearest_taker,
    preposition_before,
)
from .framelex import FrameLexicon, Trigger, frame_lexicon
from .grammar import Analysis, Predicate
from .mentions import SystemMention, fold_keep

# The reader is split by sections: fr_tokens (module-level helpers), fr_triggers (the sentence's state,
# spans ↔ tokens, triggers), fr_arguments (a trigger's arguments), fr_repairs (parse slips mended); this
# module keeps the spaCy pipeline, the cache of sentences read, and FrenchAnalyser, which reads a sentence.
# What other modules import from here (coref: preposition_before) stays importable from here.
__all__ = ["MODEL", "FrenchAnalyser", "nearest_taker", "nlp", "preposition_before"]

MODEL = os.environ.get("FACTS_SPACY_MODEL", "fr_core_news_md")


@lru_cache(maxsize=1)
def nlp() -> Any:
    """The French parse pipeline (tagger, parser, lemmatizer), loaded once per process.

    Without ``ner`` (actors come from the lexicons) and ``attribute_ruler``, which in these models
    only copies each token's POS into its TAG and relabels whitespace: a tenth of the pipeline's
    time for nothing the frames read (a test checks the model's rules)."""
    import spacy

    return spacy.load(MODEL, exclude=["ner", "attribute_ruler"])


@lru_cache(maxsize=1)
def _phrasal_light_verbs() -> frozenset[tuple[str, str]]:
    """Light verbs listed with their preposition ('porter sur'): (lemma, preposition), folded."""
    pairs = (v.split() for v in lx.load_json("frames.json")["light_verbs"]["fr"] if not v.startswith("se "))
    return frozenset((fold_keep(w[0]), fold_keep(w[1])) for w in pairs if len(w) == 2)


def _in_apposition(actor: Actor, text: str) -> bool:
    """A company's name right after a lower-case word ('la firme française Nexter', 'au groupe Baykar')."""
    return actor.kind == "company" and bool(re.search(r"[a-zà-ÿ]\s+$", text[max(0, actor.start - 3) : actor.start]))


def _is_verb(token: Any, verb: str) -> bool:
    """The token is a form of ``verb`` (an infinitive, folded); the lemmatizer leaves some forms as they
    are ('porte'), so a first-group verb's stem is enough."""
    if fold_keep(token.lemma_.lower()) == verb:
        return True
    return verb.endswith("er") and fold_keep(token.lower_).startswith(verb[:-2])


ReadKey = tuple[str, tuple[tuple[int, int, str, str | None], ...], tuple[tuple[int, int, str], ...]]
_READ: dict[ReadKey, Analysis] = {}
READ_CACHE = 20_000


def _read_key(text: str, actors: list[Actor], systems: list[SystemMention]) -> ReadKey:
    """A sentence read again with the same actors and systems reads the same; the article can change them
    (a person it introduced, 'the Royal Navy' of a Moroccan page, an acronym it spelled out)."""
    return (
        text,
        tuple((a.start, a.end, a.kind, a.country) for a in actors),
        tuple((s.start, s.end, s.name) for s in systems),
    )


def _remember(key: ReadKey, analysis: Analysis) -> None:
    if len(_READ) >= READ_CACHE:
        _READ.pop(next(iter(_READ)))
    _READ[key] = analysis


class FrenchAnalyser(FrenchRepairs):
    """Sentences parsed in one batch, then read one at a time; holds the mapping between our spans
    and spaCy's tokens for the sentence being read."""

    def __init__(self, lex: FrameLexicon | None = None) -> None:
        self.lex = lex or frame_lexicon()

    def analyse(self, text: str, actors: list[Actor], systems: list[SystemMention]) -> Analysis:
        return self.analyse_many([(text, actors, systems)])[0]

    def analyse_many(self, sentences: list[tuple[str, list[Actor], list[SystemMention]]]) -> list[Analysis]:
        """Every candidate sentence of an article through the parser at once (batched), then read.
        A sentence already read in this process with the same actors and systems (a teaser, a boilerplate
        line repeated across a site's pages) is not parsed again."""
        keys = [_read_key(*sentence) for sentence in sentences]
        known = {key: _READ[key] for key in keys if key in _READ}  # before any eviction
        first = {key: i for i, key in reversed(list(enumerate(keys)))}  # a line repeated in the batch: once
        todo = sorted(i for key, i in first.items() if key not in known)
        drafts = [self._prepare(*sentences[i]) for i in todo]
        parsed = nlp().pipe([doc for doc, _ in drafts], batch_size=64)
        for i, doc, (_, offsets) in zip(todo, parsed, drafts, strict=True):
            known[keys[i]] = self._read(doc, offsets, *sentences[i])
            _remember(keys[i], known[keys[i]])  # may evict older entries, this batch's included: read from known
        return [known[key] for key in keys]

    def _read(
        self, doc: Any, offsets: list[tuple[int, int]], text: str, actors: list[Actor], systems: list[SystemMention]
    ) -> Analysis:
        self.doc, self.text, self.offsets = doc, text, offsets
        self.actor_at = self._span_index([(a.start, a.end, a) for a in actors])
        self.actors_in = self._actors_per_token(actors)
        self.system_at = self._span_index([(*_with_quotes(text, s.start, s.end), s) for s in systems])
        self.alternatives: dict[int, list[Trigger]] = {}
        self.phrase_nouns: set[int] = set()
        self.subtrees: dict[int, list[Any]] = {}
        self.orphans = self._adopt_orphans(doc)
        self.misplaced = self._misplaced_objects(doc)
        self.maker_verbs = {t.i for t in doc if fold_keep(t.lemma_.lower()) in MAKER_VERBS}
        found: dict[int, tuple[Any, Trigger]] = {}
        for token in doc:
            trigger = self._trigger(token)
            if trigger is not None:
                found[token.i] = (token, trigger)
        self.phrase_nouns = self._inside_phrases(found)
        for i in self.phrase_nouns:
            found.pop(i, None)  # "a pris livraison de …": 'livraison' is part of the verb 'prendre livraison'
        for token, trigger in list(found.values()):  # any verb governing a frame noun lends it its arguments
            head = token.head
            if trigger.pos == "noun" and head.pos_ in ("VERB", "AUX") and head.i not in found and head.i != token.i:
                found[head.i] = (head, LIGHT)
        found = dict(sorted(found.items()))
        found = {i: (tok, trig) for i, (tok, trig) in found.items() if not self._only_maker(tok, trig)}
        index = {tok.i: n for n, (tok, _) in enumerate(found.values())}
        preds = [self._predicate(tok, trig, index) for tok, trig in found.values()]
        for n, (tok, _) in enumerate(found.values()):
            self._link_governor(preds, n, tok, index)
        self._examples_join_their_group(preds)
        self._relative_participants(preds)
        self._attach_strays(preds, actors)
        for pred in preds:
            self._shared_markers(pred)
        return Analysis(preds, parsed=True, people=self._people(doc, actors))

    def _shared_markers(self, pred: Predicate) -> None:
        """'auprès des États-Unis et de la France': the second state, which the parser hangs apart with its
        bare 'de', shares the compound preposition of the first."""
        args = sorted(pred.args, key=lambda a: a.start)
        for first, second in zip(args, args[1:], strict=False):
            if (second.marker == "de" and " " in first.marker and first.marker.endswith("de") and first.actors
                    and second.actors and re.fullmatch(r"\s+et\s+(?:de\s+|d'|du\s+|des\s+)?(?:la\s+|l')?",
                                                       self.text[first.end : second.start].replace("’", "'"))):
                second.marker = first.marker

    def _people(self, doc: Any, actors: list[Actor]) -> list[str]:
        """Persons: runs of two to five proper nouns ('Rajnath Singh', 'Aviv Kochavi') that are no
        actor, system or place, and the Moroccan officials of the actor dictionary."""
        names = [a.text for a in actors if a.how == "person" and " " in a.text]
        run: list[Any] = []
        for tok in list(doc) + [None]:
            if (
                tok is not None
                and tok.pos_ == "PROPN"
                and tok.i not in self.system_at
                and tok.i not in self.actor_at
                and tok.text[:1].isupper()
            ):
                run.append(tok)
                continue
            if 2 <= len(run) <= 5 and not self._spelled_out_acronym(run) and not self._credited(run):
                names.append(self.text[self._start(run[0]) : self._end(run[-1])])
            run = []
        return list(dict.fromkeys(names))

    def _credited(self, run: list[Any]) -> bool:
        """'(Crédit photo : Jean Dupont)', '(par Jean Dupont)': the author of the picture or the page."""
        before = [fold_keep(t.lower_) for t in self.doc[max(0, run[0].i - 4) : run[0].i]]
        return ("(" in before and "par" in before) or any(w in before for w in ("photo", "photos", "credit"))

    def _spelled_out_acronym(self, run: list[Any]) -> bool:
        """'frégates SIGMA (Ship Integrated Geometrical Modularity Approach)': names in the brackets right
        after a system spell it out; they are no person."""
        k = run[0].i - 1
        while k >= 0 and self.doc[k].text[:1].isupper() and self.doc[k].i not in self.system_at:
            k -= 1  # "Ship", which the parser did not tag as a name
        return k >= 1 and self.doc[k].text == "(" and self.doc[k - 1].i in self.system_at

    # ------------------------------------------------------------------ parsing

    def _prepare(
        self, text: str, actors: list[Actor], systems: list[SystemMention]
    ) -> tuple[Any, list[tuple[int, int]]]:
        """Our own tokens for the parser: actors, systems and multi-word triggers merged into one word
        each, every system written as one ordinary name (designations such as 'VL MICA' or 'F-16C/D
        Block 72' look like nothing the parser was trained on) and long titles as one name too.
        Returns the unparsed Doc and each token's span in the text."""
        from spacy.tokens import Doc
        from spacy.util import filter_spans

        pipeline = nlp()
        draft = pipeline.make_doc(text.translate(_PARSER_CHARS))
        system_spans = [_with_quotes(text, s.start, s.end) for s in systems]
        spans = [(a.start, a.end) for a in actors] + system_spans + _appositions(text, actors)
        spans += self._multiword_nouns(draft) + [m.span() for m in _HYPHENATED.finditer(text)]
        spans += [m.span() for m in _AGO.finditer(text)]  # "il y a quelques mois": one time word
        chosen = [draft.char_span(s, e, alignment_mode="expand") for s, e in spans]
        with draft.retokenize() as retokenizer:
            for span in filter_spans([c for c in chosen if c is not None and len(c) > 1]):
                retokenizer.merge(span)
        words, spaces, offsets = [], [], []
        for t in draft:
            start, end = t.idx, t.idx + len(t.text)
            is_system = any(s <= start < e for s, e in system_spans)
            actor = next((a for a in actors if a.start <= start < a.end), None)
            if is_system and end > max(e for s, e in system_spans if s <= start < e) and text[end - 1] in ".;:!?":
                # "ont reçu 36 AH-64E.": the sentence's stop merged into the name stays a stop, or the parser
                # reads "36 Caesar" with no stop after it as a name
                words += [SYSTEM_STANDIN, text[end - 1]]
                spaces.append(False)
                offsets.append((start, end - 1))
                start = end - 1
            elif is_system:
                words.append(SYSTEM_STANDIN)
            elif actor is not None and (" " in t.text or len(t.text) > 24 or _in_apposition(actor, text)):
                # a long title reads as one name; a maker's name after its noun ('la firme française Nexter')
                # as one the parser knows
                words.append(ACTOR_STANDINS.get(actor.kind, t.text))
            elif actor is not None and "-" in t.text and len(self._actors_within(actors, start, end)) > 1:
                words.append(PAIR_STANDIN)  # "maroco-française", unknown to the parser, reads as an adjective
            else:
                words.append(t.text)
            spaces.append(bool(t.whitespace_))
            offsets.append((start, end))
        doc = Doc(pipeline.vocab, words=words, spaces=spaces)
        for token in doc[1:]:
            token.is_sent_start = False  # our sentence is one sentence: the parser may not split it
        return doc, offsets

    # ------------------------------------------------------------------ predicates

    def _predicate(self, token: Any, trigger: Trigger, index: dict[int, int]) -> Predicate:
        pred = Predicate(
            trigger,
            self._start(token),
            self._end(token),
            text=self.text[self._start(token) : self._end(token)],
            alternatives=[t for t in self.alternatives.get(token.i, []) if t.kind != "light"],
        )
        pred.negated = _negated(token)
        # "sera équipé", "seront livrés": the auxiliary carries the future
        pred.future = any(
            "Tense=Fut" in str(t.morph)
            for t in [token, *(c for c in token.children if c.dep_ in ("aux:pass", "aux:tense"))]
        )
        pred.future |= any(  # "apparemment livrés très bientôt"
            c.dep_ == "advmod" and fold_keep(self.text[self._start(c) : self._end(c)].lower()).endswith(FUTURE_ADVERBS)
            for c in token.children)
        pred.earlier = any(
            "Tense=Imp" in str(t.morph) or "Tense=Fut" in str(t.morph)
            for t in [token, *(c for c in token.children if c.dep_ == "aux:tense")]
        )
        pred.present = (
            "Tense=Pres" in str(token.morph)
            and "VerbForm=Fin" in str(token.morph)
            and not any(c.dep_.startswith("aux") for c in token.children)
        )
        if token.dep_ == "xcomp" and token.head.lemma_ == "aller":  # "vont recevoir": a future
            pred.future = True
        pred.done = (
            "VerbForm=Part" in str(token.morph)
            and "Tense=Past" in str(token.morph)
            and not any(c.dep_.startswith("aux") for c in token.children)
        )
        for child in token.children:
            if (
                child.dep_ in ("punct", "cc", "case", "aux:tense", "aux:pass", "cop", "mark", "fixed", "det")
                and not (child.dep_ == "det" and "Poss=Yes" in str(child.morph))
                and not (child.dep_ == "punct" and _counted_object(child))
            ):
                continue
            if (
                child.dep_ == "advcl"
                and child.pos_ in ("NOUN", "PROPN")
                and trigger.pos == "verb"
                and not any(c.dep_ == "obj" for c in token.children)
            ):
                pred.args.append(self._arg(child, "obj", index))  # "a reçu, …, le général X, Haut conseiller à
                continue  # la Défense britannique": a noun the parser took for a clause is the object
            if child.dep_ in CLAUSE_DEPS:
                continue  # another clause: its own predicate, linked to this one as governor
            if trigger.pos == "noun" and self._light_participle(child):
                pred.args += self._participle_args(child, index)
                continue
            for arg in self._args_of(child, index):
                pred.args.append(arg)
        if trigger.kind == "light" and not any(a.marker == "obj" for a in pred.args):
            for arg in pred.args:  # "Ce contrat porte sur un système de communications": what it holds
                if any(arg.marker == prep and _is_verb(token, verb) for verb, prep in _phrasal_light_verbs()):
                    arg.marker = "obj"
        if trigger.pos == "noun":
            pred.args += self._detached_participle_args(token, index)
        for noun, (governor, marker) in self.misplaced.items():
            if governor == token.i:
                pred.args.append(self._arg(self.doc[noun], marker, index))
        if trigger.pos == "verb" and not any(a.marker == "a" for a in pred.args):
            pred.args += self._recipient_under_object(token, index)
        if trigger.pos == "verb":
            self._inherit_subject(token, pred, index)
            self._repair_verb(token, pred, index)
        elif token.dep_ == "nsubj" and any(c.dep_ == "cop" for c in token.head.children):
            # "Les fournisseurs du Maroc sont la France, les USA et l'Allemagne": what the noun is
            pred.args.append(self._arg(token.head, "attr", index))
        return pred
