"""Numbers and money in French (and English) text: one money parser for budgets and deal values.

Money is read with our own pattern *before* any word-to-number conversion (text2num turns
"124,7 milliards" into "124,7 1000000000"). Every form the press uses is a row of
``tests/fixtures/forms/money.json``; the vocabulary (scales, currencies, Moroccan shorthand
such as MMDH, approximation words) is in ``data/money.json``.

- A sum is a number, an optional scale ("milliards", "bn", "MM"), a currency before or after
  ("$5.2bn", "MAD 124.7 billion", "133 Mds DH", "124,7 MMDH"), or a scale-and-currency word.
- Decimal separators follow the scale word's language: with "billion"/"million" a dot is a
  decimal point ("124.766 billion dirhams"); with "milliards" a dot before exactly three digits
  groups thousands ("3.186 milliards de dinars"), a comma is the decimal point ("124,7").
- "133 milliards et 453 millions de dirhams" is one sum (133.453 billion).
- "entre 5 et 6 milliards", "5 à 6 milliards", "$5-6bn" are ranges (``high`` set, approximate);
  "passant de 110 à 115 milliards" is two sums sharing one scale, not a range.
- "plus de", "près de", "environ", "about"… make a sum approximate.
- ``step`` is the precision as written (133 milliards → 1e9, 133,453 milliards → 1e6), so a
  rounded figure can be told from a precise one.
Quantities written in words ("trois", "trente-six") go through text2num one phrase at a time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from text_to_num import text2num

from .lexicon import load_json


@lru_cache(maxsize=1)
def money_data() -> dict[str, Any]:
    data: dict[str, Any] = load_json("money.json")
    return data


def _alt(words: Any) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s?") for w in sorted(words, key=len, reverse=True))


_GROUPED_SPACE = r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:[.,]\d+)?"
_GROUPED_MARK = r"\d{1,3}(?:[.,]\d{3}){2,}(?:[.,]\d+)?"
_PLAIN = r"\d+(?:[.,]\d+)?"
_NUM = rf"(?:{_GROUPED_SPACE}|{_GROUPED_MARK}|{_PLAIN})"
EVOLUTION = re.compile(r"(?:passant|passe|passer|passera|augmente\w*|grimpe\w*|progresse\w*|bondi\w*|evolue\w*|"
                       r"porte\w*|rose|grew|increased|went|jumped|climbed|from)\s+(?:de\s+|d')?$")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    d = money_data()
    scale = _alt(d["scales"])
    cur = _alt(list(d["currencies"]) + list(d["currency_scales"]))
    pre = _alt(d["prefix_currencies"])
    money = re.compile(
        rf"(?<![\w.,$€£])(?:(?P<pre>{pre})\s?)?(?P<num>{_NUM})"
        rf"(?:\s*(?P<join>{_alt(d['range_joiners'])})\s*(?:{pre})?\s?(?P<num2>{_NUM}))?"
        rf"\s*(?:(?P<scale>{scale})(?![a-z])\.?)?"
        rf"(?:\s*\)?\s*(?:de\s+|d'|of\s+|en\s+)?(?P<cur>{cur})(?![\w$€£]))?",
    )
    words = re.compile(rf"(?<![\w])(?P<words>(?:[a-z]+[- ]){{0,4}}[a-z]+)\s+(?P<scale>{scale})\s+(?:de |d')\s*"
                       rf"(?P<cur>{cur})(?![\w])")
    approx = re.compile(rf"(?:{_alt(d['approximate'])})\s*$")
    return money, words, approx


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    text: str
    value: float
    currency: str | None  # None: a bare figure ("124 milliards") whose currency comes from context
    scaled: bool  # had a scale word (million, milliard…) or a scale-and-currency word (MMDH)
    approximate: bool = False  # "plus de 157 milliards", "about $5bn", a range
    high: float | None = None  # upper end of a range
    step: float = 1.0  # precision as written: 133 milliards → 1e9, 133,453 milliards → 1e6


def _parse(num: str, english: bool) -> tuple[float, int]:
    """(value, decimals written)."""
    num = re.sub(r"[\u00a0\u202f ]", "", num)
    if "," in num and "." in num:
        last = max(num.rfind(","), num.rfind("."))
        decimal = num[last]
        whole = num[:last].replace(",", "").replace(".", "")
        return float(f"{whole}.{num[last + 1:]}"), len(num) - last - 1 if decimal else 0
    for mark in (",", "."):
        if mark not in num:
            continue
        parts = num.split(mark)
        thousands = all(len(p) == 3 for p in parts[1:]) and len(parts[0]) <= 3
        # English groups thousands with commas, French with dots; the other mark is the decimal point
        if thousands and (len(parts) > 2 or (mark == "," and english) or (mark == "." and not english)):
            return float("".join(parts)), 0
        if len(parts) == 2:
            return float(f"{parts[0]}.{parts[1]}"), len(parts[1])
        raise ValueError(num)
    return float(num), 0


def _currency(word: str | None) -> tuple[str | None, float]:
    if not word:
        return None, 1.0
    d = money_data()
    key = re.sub(r"\s+", " ", word.strip().lower())
    if key.replace(" ", "") in d["currency_scales"] or key in d["currency_scales"]:
        code, scale = d["currency_scales"].get(key) or d["currency_scales"][key.replace(" ", "")]
        return str(code), float(scale)
    return d["currencies"].get(key) or d["currencies"].get(key.replace(" ", "")), 1.0


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    return float(money_data()["scales"][re.sub(r"\s+", " ", word.lower())])


def find_amounts(text: str, lang: str | None = None) -> list[Amount]:
    """Sums of money in a sentence (a scale word or a currency is needed), in text order.

    ``lang`` ("fr"/"en") decides what a lone dot or comma means when no scale word tells;
    by default the scale word does ("billion" is English, "milliards" French)."""
    folded = _fold(text)
    money, words, approx = _patterns()
    d = money_data()
    short, english_scales = set(d["short_scales"]), set(d["english_scales"])
    out: list[Amount] = []
    for m in money.finditer(folded):
        scale_word, cur_word, pre = m.group("scale"), m.group("cur"), m.group("pre")
        currency, cur_scale = _currency(cur_word or pre)
        if cur_word and pre and _currency(pre)[0] != currency:
            currency, cur_scale = _currency(pre)
        if not (scale_word or currency):
            continue
        scale_key = (scale_word or "").lower()
        if scale_key in short and not currency:
            continue  # "50 m" is a distance, "MM" alone an abbreviation
        english = scale_key in english_scales if scale_word else (lang == "en")
        if lang == "en" and not scale_word:
            english = True
        amounts = _one_match(m, text, english, currency, cur_scale, scale_word)
        if amounts is None:
            continue
        for a in amounts:
            before = folded[max(0, a.start - 30):a.start]
            if approx.search(before) and not a.approximate:
                a = Amount(a.start, a.end, a.text, a.value, a.currency, a.scaled, True, a.high, a.step)
            out.append(a)
    for m in words.finditer(folded):
        if any(a.start <= m.start() < a.end or m.start() <= a.start < m.end() for a in out):
            continue
        number = words_to_int(m.group("words"))
        if number is None:
            continue
        scale = _scale(m.group("scale"))
        currency, cur_scale = _currency(m.group("cur"))
        out.append(Amount(m.start(), m.end(), text[m.start():m.end()], number * scale * cur_scale, currency, True,
                          step=scale))
    return _compounds(sorted(out, key=lambda a: a.start), folded, text)


def _one_match(m: re.Match[str], text: str, english: bool, currency: str | None, cur_scale: float,
               scale_word: str | None) -> list[Amount] | None:
    try:
        value, decimals = _parse(m.group("num"), english)
    except ValueError:
        return None
    scale = _scale(scale_word) * cur_scale
    scaled = bool(scale_word) or cur_scale != 1.0
    step = scale * 10 ** -decimals
    start, end = m.start(), m.end()
    while end > start and text[end - 1] in " \u00a0\u202f.":
        end -= 1
    if m.group("num2") is None:
        return [Amount(start, end, text[start:end], value * scale, currency, scaled, step=step)]
    try:
        value2, decimals2 = _parse(m.group("num2"), english)
    except ValueError:
        return None
    join = m.group("join")
    if 1900 <= value <= 2100 and decimals == 0 and not m.group("pre"):
        return None  # "entre 2020 et 2024 milliards" is not a range of money
    folded_before = _fold(text[max(0, start - 30):start])
    if join in ("a", "to") and EVOLUTION.search(folded_before):
        # "passant de 110 à 115 milliards": two levels sharing the scale, not a range
        mid = m.start("num2")
        return [Amount(start, m.end("num"), text[start:m.end("num")], value * scale, currency, scaled,
                       step=step),
                Amount(mid, end, text[mid:end], value2 * scale, currency, scaled, step=scale * 10 ** -decimals2)]
    if join in ("et", "and") and not re.search(r"(?:entre|between)\s+(?:\S+\s+)?$", folded_before):
        return None  # "3 et 5 milliards" without "entre" is two things, not a range
    low, high = sorted((value * scale, value2 * scale))
    return [Amount(start, end, text[start:end], low, currency, scaled, True, high, step)]


def _fold_char(c: str) -> str:
    base = unicodedata.normalize("NFD", c)[0]
    low = base.lower()
    return low if len(low) == 1 else base


# one character in, one out (as facts.extract.mentions.fold_keep): offsets stay valid
_FOLD = {i: _fold_char(chr(i)) for i in range(0x3000) if _fold_char(chr(i)) != chr(i)}
_FOLD.update({ord("’"): "'", ord("‘"): "'"})


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _compounds(amounts: list[Amount], folded: str, text: str) -> list[Amount]:
    """'133 milliards et 453 millions de dirhams' → one sum of 133.453 billion."""
    joiners = _alt(money_data()["compound_joiners"])
    out: list[Amount] = []
    for a in amounts:
        prev = out[-1] if out else None
        joined = prev is not None and re.fullmatch(rf"\s*(?:{joiners})?\s*", folded[prev.end:a.start])
        if (prev is not None and joined and prev.currency is None and prev.high is None and a.high is None
                and prev.scaled and a.scaled and a.value < prev.step):
            out[-1] = Amount(prev.start, a.end, text[prev.start:a.end], prev.value + a.value, a.currency, True,
                             prev.approximate or a.approximate, None, a.step)
            continue
        out.append(a)
    return out


def words_to_int(words: str, lang: str = "fr") -> int | None:
    """'trente-six' → 36; None when the words are not a number. Tries the longest tail first."""
    tokens = words.strip().lower().split()
    for i in range(len(tokens)):
        phrase = " ".join(tokens[i:])
        for language in (lang, "en" if lang == "fr" else "fr"):
            try:
                return int(text2num(phrase, language))
            except (ValueError, TypeError):
                continue
    return None


_VARIANT_WORD = re.compile(r"\b(?:block|blk|lot|batch|tranche|mk|mark|increment|standard|version|type)\s*$", re.I)


@lru_cache(maxsize=1)
def _maker_names() -> frozenset[str]:
    makers = load_json("manufacturers.json")
    makers = makers.get("manufacturers", makers) if isinstance(makers, dict) else makers
    return frozenset(n.casefold() for m in makers for n in [m["name"], *m.get("aliases", [])])


def _after_maker(before: str) -> bool:
    """The text before a number ends with a maker's name ('Boeing ', 'Airbus Helicopters ')."""
    words = before.rstrip().casefold().split()
    return any(" ".join(words[-n:]) in _maker_names() for n in (1, 2, 3) if len(words) >= n)


_AFTER_COUNT = re.compile(
    r"(?<=\s)(?:nouveaux|nouvelles|autres|premiers|premières|derniers|new|more|additional|other|such|de ces)\s+$",
    re.I,
)


def quantity_before(text: str, lang: str = "fr", plural: bool = False) -> int | None:
    """The count right before a noun phrase: '… trois ', '… les 25 ', '… 36 nouveaux ', '… 13 such ',
    '… 13 de ces ' (a count of equipment named before); '… six cent douze (612) ': the figure. With
    ``plural`` (the noun after is a plural: 'Nexter 30 canons'), a number after a maker's name counts."""
    figure = re.search(r"\((\d{1,4})\)\s+$", text)
    if figure:
        return int(figure.group(1))
    text = _AFTER_COUNT.sub(" ", text)  # "deux nouveaux ": the word after the count is no part of it
    text = re.sub(r"\s[«“\"]\s*$", " ", text)  # '25 “F-16 Viper” fighters': the quote opens the name
    m = re.search(r"(?:^|[\s(«])(?P<q>\d{1,3}(?:[,.\u00a0\u202f]\d{3})+|\d{1,4}"
                  r"|[a-zéèêàâûùîïôç-]+(?:[- ](?:et[- ])?[a-zéèêàâûùîïôç-]+)?)\s+"
                  r"(?:of\s+(?:its|their|the|these|those)\s+)?"  # "provide 24 of its new T-6C trainers"
                  r"(?:(?:nouveaux|nouvelles|autres|premiers|premières|derniers|new|more|additional|other|such"
                  r"|de ces)\s+)?$",
                  text, re.I)
    if not m:
        return None
    q = re.sub(r"[,.\u00a0\u202f]", "", m.group("q")) if m.group("q")[:1].isdigit() else m.group("q")  # "1,200"
    if q.isdigit():
        value = int(q)
        if _VARIANT_WORD.search(text[: m.start("q")]):
            return None  # "its block 52 F-16s", "le lot 2": a variant or a batch number, not a count
        if not plural and _after_maker(text[: m.start("q")]):
            return None  # "its first Boeing 737 MAX 8": the model's number, not a count
        return None if 1900 <= value <= 2100 or value == 0 else value
    last = q.lower().replace("-", " ").split()[-1]
    if last in ("un", "une", "a", "an", "des", "les", "de", "du", "le", "la"):
        return None  # an article, not a count
    if last in money_data()["scales"] and money_data()["scales"][last] >= 1e6:
        return None  # "a $88 million AMRAAM sale": the end of an amount, not a count
    return words_to_int(q, lang)

