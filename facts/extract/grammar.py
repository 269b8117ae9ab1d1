"""What the sentence analysers hand to the frame layer: predicates and their marked arguments.

Two analysers produce these: ``parse_fr`` reads spaCy's French dependency parse, and
``parse_en`` a rule-based clause analysis of English (no trustworthy English spaCy
pipeline is published on PyPI). Both mark each argument the same way — ``subj``,
``obj``, ``agent`` (the passive's "par"/"by"), ``iobj``, ``amod`` (an adjective such as a
demonym), ``poss`` (a possessive) or the preposition that introduces it — so the frame
layer (``frames.py``) maps arguments to roles with one set of tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .actors import Actor
from .framelex import Trigger
from .mentions import SystemMention


@dataclass
class Arg:
    marker: str  # subj | obj | agent | iobj | amod | poss | a preposition ("auprès de", "with")
    start: int  # character span of the argument phrase in the sentence
    end: int
    actors: list[Actor] = field(default_factory=list)  # who this argument names (coordinated ones too)
    origins: list[Actor] = field(default_factory=list)  # whose equipment: "des drones turcs"
    beneficiaries: list[Actor] = field(default_factory=list)  # who it is for: "destinés aux FAR"
    systems: list[SystemMention] = field(default_factory=list)
    frame_noun: int | None = None  # index of the predicate this argument is headed by, if any
    text: str = ""
    anaphor: bool = False  # "ces drones", "le contrat", "il": refers back
    pair: bool = False  # "les deux pays": Morocco and the partner named before
    itemish: bool = False  # names equipment: a system, or a noun such as "drones", "exemplaires"
    indefinite: bool = False  # "acquiring helicopters", "des hélicoptères": new equipment, no reference back


@dataclass
class Predicate:
    trigger: Trigger
    start: int
    end: int
    args: list[Arg] = field(default_factory=list)
    negated: bool = False
    future: bool = False  # "recevra", "will receive": not delivered yet
    modal: bool = False  # "would buy", "could acquire": spoken of, not done
    done: bool = False  # a bare past participle ("récemment acquis par le Maroc"): a fact already done
    earlier: bool = False  # pluperfect or imperfect ("avait commandé", "had ordered"): before the news
    present: bool = False  # a simple present ("permet"): says what is, not that something happened
    governor: int | None = None  # the predicate whose argument this one is (a light verb, a modifier…)
    governor_marker: str | None = None  # how it is attached to its governor (obj, subj, "à"…)
    text: str = ""
    alternatives: list[Trigger] = field(default_factory=list)  # other frames the same word may evoke

    @property
    def pos(self) -> str:
        return self.trigger.pos

    @property
    def name(self) -> str:
        return self.trigger.name

    @property
    def kind(self) -> str:
        return self.trigger.kind

    def args_marked(self, *markers: str) -> list[Arg]:
        return [a for a in self.args if a.marker in markers]


@dataclass
class Analysis:
    """The predicates of one sentence, in text order."""

    predicates: list[Predicate] = field(default_factory=list)
    parsed: bool = False
    people: list[str] = field(default_factory=list)  # names of persons the sentence mentions
