"""Mentions of a state that name no party to what a sentence tells: the country of a newspaper ('le
quotidien espagnol'), a topic an office deals with ('in charge of Iran affairs'), a currency ('dollars US')
and a word inside a quoted name ('la frégate « Reina Sofia »', 'via « La voix de la Russie »').
Kept apart from ``actors``, which finds the mentions."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon as lx
from ..numbers import money_data
from .actors import Actor, actor_data


def names_no_party(actor: Actor, text: str, folded: str) -> bool:
    """The mention stands for something other than a party: a newspaper's country, a topic, a
    currency, part of a quoted name."""
    return (_inside_a_quoted_name(actor, text) or _a_papers_country(actor, folded) or _a_topic(actor, folded)
            or _a_currency(actor, folded))


# a French noun may take "de", "du", "de l'" or "des" before the country it is about ("le dossier de l'Iran");
# a newspaper's noun one adjective before its demonym ("le site spécialisé espagnol Defensa")
_OF = {"media_nouns": r"(?:[a-z][a-z-]+\s+)?", "topic_nouns": r"(?:d[eu]\s+|de\s+l'|des\s+)?"}


@lru_cache(maxsize=2)
def _noun_patterns(key: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A word list of actors.json with French nouns 'before' the country and English ones 'after' it."""
    nouns = actor_data()[key]
    before = re.compile(r"(?<![\w-])(?:" + lx.alternation(nouns["before"]) + r")\s+" + _OF[key] + "$")
    after = re.compile(r"\s+(?:" + lx.alternation(nouns["after"]) + r")\b")
    return before, after


def _on_a_noun(actor: Actor, folded: str, key: str) -> bool:
    """The actor is named on one of the nouns of ``key``, before or after it."""
    before, after = _noun_patterns(key)
    return bool(before.search(folded, max(0, actor.start - 30), actor.start) or after.match(folded, actor.end))


def _a_papers_country(actor: Actor, folded: str) -> bool:
    """'the French newspaper La Tribune', 'le quotidien espagnol', 'le site d'actualité basé à Londres': the
    demonym or the place says where a newspaper is published; the state does nothing in the sentence."""
    if actor.kind != "state":
        return False
    if actor.how == "demonym" and _on_a_noun(actor, folded, "media_nouns"):
        return True
    return bool(_based_in().search(folded, max(0, actor.start - 60), actor.start))


@lru_cache(maxsize=1)
def _based_in() -> re.Pattern[str]:
    nouns = actor_data()["media_nouns"]
    return re.compile(r"(?<![\w-])(?:" + lx.alternation(nouns["before"] + nouns["after"]) + r")\b[^,.;]{0,30}?"
                      r"\b(?:base|basee|bases|installe|installee|based|headquartered)\s+(?:a|au|en|in)\s+$")


@lru_cache(maxsize=1)
def _currencies_naming_a_state() -> re.Pattern[str]:
    """Currencies written with a country ('136 millions de dollars US', 'US$ 20 million'), folded."""
    names = [c for c in money_data()["currencies"] if not c.isalpha() or " " in c]
    return re.compile(r"(?<![\w])(?:" + lx.alternation(names) + r")(?![\w])")


def _a_currency(actor: Actor, folded: str) -> bool:
    """'pour la somme de 136 millions de dollars US': the country names the currency, not a party."""
    return actor.kind == "state" and any(
        m.start() <= actor.start and actor.end <= m.end() for m in _currencies_naming_a_state().finditer(folded))


def _a_topic(actor: Actor, folded: str) -> bool:
    """'in charge of Iran affairs', 'le dossier iranien': the country is a subject an office deals with."""
    return actor.kind == "state" and _on_a_noun(actor, folded, "topic_nouns")


_QUOTED_NAME = re.compile(r"[«“\"]\s*([^«»“”\"]{1,60}?)\s*[»”\"]")


def _inside_a_quoted_name(actor: Actor, text: str) -> bool:
    """'the «Reina Sofia» made a port call': a capital or a country inside a quoted name (a ship, an
    exercise) after another capitalised word of that name is part of the name, not a state."""
    if actor.kind != "state" or actor.how not in ("capital", "name"):
        return False
    for m in _QUOTED_NAME.finditer(text):
        if m.start(1) < actor.start and actor.end <= m.end(1):
            words = text[m.start(1) : actor.start].split()
            if bool(words) and all(w[:1].isupper() for w in words):
                return True
            # "via « La voix de la Russie »": a short quoted title opened by a capital holds the country
            return len(m.group(1).split()) <= 6 and words[0][:1].isupper() and text[actor.end : m.end(1)].strip() == ""
    return False
