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
from dataclasses import replace
from functools import lru_cache
from typing import Any

from .. import lexicon as lx
from ..dates import MONTHS
from .actors import Actor
from .framelex import FrameLexicon, Trigger, frame_lexicon
from .grammar import Analysis, Arg, Predicate
from .mentions import SystemMention, fold_keep
from .nouns import noun_kind

MODEL = os.environ.get("FACTS_SPACY_MODEL", "fr_core_news_md")
CLAUSE_DEPS = {"acl:relcl", "advcl", "ccomp", "parataxis", "csubj"}
SUBJECT_DEPS = {"nsubj", "csubj"}
_WORDS = lx.grammar()
REFLEXIVE = frozenset(_WORDS["reflexive_pronouns"]["fr"])
DESTINED = frozenset(_WORDS["destined"]["fr"])  # "destinés aux FAR": who the equipment is for
MAKER_VERBS = frozenset(_WORDS["maker_verbs"]["fr"])
OWNER_VERBS = frozenset(_WORDS["owner_verbs"]["fr"])  # "appartenant à la Marine française": whose ship
RELATIVE_OBLIQUE = frozenset(_WORDS["relative_obliques"]["fr"])  # "auquel participent …"
MARKER_NOUNS = frozenset(_WORDS["marker_nouns"]["fr"])  # "au profit de": a noun inside a preposition
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
    (the noun alone may be civil)."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return after is not None and after.dep_ == "amod" and after.head.i == token.i and noun_kind(
        f"{token.text} {after.text}") == "item"


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


@lru_cache(maxsize=1)
def nlp() -> Any:
    """The French parse pipeline (tagger, parser, lemmatizer), loaded once per process.

    Without ``ner`` (actors come from the lexicons) and ``attribute_ruler``, which in these models
    only copies each token's POS into its TAG and relabels whitespace: a tenth of the pipeline's
    time for nothing the frames read (a test checks the model's rules)."""
    import spacy

    return spacy.load(MODEL, exclude=["ner", "attribute_ruler"])


ReadKey = tuple[str, tuple[tuple[int, int, str, str | None], ...], tuple[tuple[int, int, str], ...]]
_READ: dict[ReadKey, Analysis] = {}
READ_CACHE = 20_000


def _read_key(text: str, actors: list[Actor], systems: list[SystemMention]) -> ReadKey:
    """A sentence read again with the same actors and systems reads the same; the article can change them
    (a person it introduced, 'the Royal Navy' of a Moroccan page, an acronym it spelled out)."""
    return (text, tuple((a.start, a.end, a.kind, a.country) for a in actors),
            tuple((s.start, s.end, s.name) for s in systems))


def _remember(key: ReadKey, analysis: Analysis) -> None:
    if len(_READ) >= READ_CACHE:
        _READ.pop(next(iter(_READ)))
    _READ[key] = analysis


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
            c.lower_ for m in modifiers for c in m.children if c.dep_ in ("advmod", "advmod:neg")}
        lex = frame_lexicon()
        if adverbs & lex.negation["fr"] or (adverbs & lex.negation_with_ne and adverbs & lex.negation_ne):
            return True  # "n'a pas", "n'est plus à l'ordre du jour"
        if node.dep_ not in ("xcomp", "ccomp", "obj", "conj", "nsubj", "nsubj:pass") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _is_passive(token: Any) -> bool:
    return any(c.dep_ == "aux:pass" for c in token.children) or any(c.dep_ == "nsubj:pass" for c in token.children)


class FrenchAnalyser:
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
        return Analysis(preds, parsed=True, people=self._people(doc, actors))

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
            if 2 <= len(run) <= 5:
                names.append(self.text[self._start(run[0]) : self._end(run[-1])])
            run = []
        return list(dict.fromkeys(names))

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
            if is_system:
                words.append(SYSTEM_STANDIN)
            elif actor is not None and (" " in t.text or len(t.text) > 24):
                words.append(ACTOR_STANDINS.get(actor.kind, t.text))  # a long title reads as one name
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
        return found[0] if found else None

    @staticmethod
    def _se_faire(token: Any) -> bool:
        """'le Maroc s'est fait livrer …': a reflexive pronoun and 'faire' among the verb's dependents."""
        kids = list(token.children)
        return any(c.lemma_ == "faire" for c in kids) and any(c.lower_ in ("se", "s'", "s’") for c in kids)

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
            window = [t for t in token.doc[token.i + 1 : token.i + 3 + len(rest)]
                      if not (trig.pos == "noun" and t.dep_ == "amod" and t.head.i == token.i and t.i == token.i + 1)]
            following = [w for w in (fold_keep(t.text.lower()) for t in window) if w not in _DETERMINERS][: len(rest)]
            if tuple(following) != rest:
                return False
        if trig.pos == "verb" and trig.reflexive is not None:
            reflexive = any(c.lower_ in REFLEXIVE for c in token.children if c.dep_.startswith(("expl", "obj", "iobj")))
            return reflexive == trig.reflexive
        return True

    # ------------------------------------------------------------------ arguments

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
        pred.future = any("Tense=Fut" in str(t.morph) for t in [token, *(c for c in token.children
                                                                          if c.dep_ in ("aux:pass", "aux:tense"))])
        pred.earlier = any("Tense=Imp" in str(t.morph) or "Tense=Fut" in str(t.morph)
                           for t in [token, *(c for c in token.children if c.dep_ == "aux:tense")])
        pred.present = "Tense=Pres" in str(token.morph) and "VerbForm=Fin" in str(token.morph) and not any(
            c.dep_.startswith("aux") for c in token.children)
        if token.dep_ == "xcomp" and token.head.lemma_ == "aller":  # "vont recevoir": a future
            pred.future = True
        pred.done = (
            "VerbForm=Part" in str(token.morph)
            and "Tense=Past" in str(token.morph)
            and not any(c.dep_.startswith("aux") for c in token.children)
        )
        for child in token.children:
            if child.dep_ in ("punct", "cc", "case", "aux:tense", "aux:pass", "cop", "mark", "fixed", "det") and not (
                child.dep_ == "det" and "Poss=Yes" in str(child.morph)
            ) and not (child.dep_ == "punct" and _counted_object(child)):
                continue
            if child.dep_ == "advcl" and child.pos_ in ("NOUN", "PROPN") and trigger.pos == "verb" and not any(
                    c.dep_ == "obj" for c in token.children):
                pred.args.append(self._arg(child, "obj", index))  # "a reçu, …, le général X, Haut conseiller à
                continue  # la Défense britannique": a noun the parser took for a clause is the object
            if child.dep_ in CLAUSE_DEPS:
                continue  # another clause: its own predicate, linked to this one as governor
            if trigger.pos == "noun" and self._light_participle(child):
                pred.args += self._participle_args(child, index)
                continue
            for arg in self._args_of(child, index):
                pred.args.append(arg)
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
        args = [a for c in participle.children if c.dep_ in ("obj", "obl:arg", "obl:mod", "obl")
                for a in self._args_of(c, index)]
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
            elif grand.dep_.startswith("obl") and _case_marker(grand):
                out += self._args_of(grand, index)
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

    def _args_of(self, child: Any, index: dict[int, int]) -> list[Arg]:
        """The argument a dependent stands for; a noun like 'profit' in 'au profit de' hands its
        marker to its own complement."""
        if fold_keep(child.lemma_.lower()) in MARKER_NOUNS:
            outer = [c for c in child.children if c.dep_ == "case"]
            start = self._start(outer[0]) if outer else self._start(child)
            out = []
            for grand in child.children:
                inner = [c for c in grand.children if c.dep_ == "case" and c.i < grand.i]
                if inner:
                    end = self._end(inner[-1])
                    marker = _norm_case(self.text[start:end].split())
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
        arg.systems = [self.system_at[t.i] for t in self._subtree(token) if t.i in self.system_at]
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

    @staticmethod
    def _through_whole(token: Any) -> Any:
        """The noun after a word for the whole or a share of it ('la totalité des', 'l'ensemble des')."""
        if fold_keep(token.lemma_.lower()) not in TRANSPARENT:
            return token
        return next((c for c in token.children if c.dep_ == "nmod" and _case_marker(c) == "de"), token)

    def _conjuncts_of_name(self, token: Any, heads: list[Any]) -> list[Any]:
        """'La ministre espagnole, María Dolores de Cospedal et son homologue marocain ont convenu': the
        parser hangs the second party on the first one's name; it is the phrase's, not the name's."""
        names = [c for c in token.children
                 if c.dep_ in ("nmod", "appos") and c.pos_ == "PROPN" and _case_marker(c) is None]
        names += [g for n in names for g in n.children if g.dep_ == "flat:name"]
        return [c for n in names for c in n.children
                if c.dep_ == "conj" and c.i > n.i and c.i not in self.misplaced and c not in heads
                and any(g.dep_ == "cc" for g in c.children)]

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
            stack += [c for c in list(tok.children) + self.orphans.get(tok.i, [])
                      if c.dep_ not in CLAUSE_DEPS and (c.i not in self.misplaced or c.i == token.i)]
        self.subtrees[token.i] = out
        return out

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
        out: dict[int, tuple[int, str]] = {}
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

    def _extent(self, token: Any) -> tuple[int, int]:
        toks = self._subtree(token)
        start = min(self._start(t) for t in toks)
        end = max(self._end(t) for t in toks)
        return start, end

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
            if node.pos_ == "VERB":
                return


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
