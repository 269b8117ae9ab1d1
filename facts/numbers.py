"""Numbers and money in French (and English) text.

Money is parsed with our own pattern *before* any word-to-number conversion:
text2num turns "124,7 milliards" into "124,7 1000000000". Quantities written in
words ("trois", "trente-six") go through text2num one phrase at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

SCALES = {
    "mille": 1e3, "millier": 1e3, "milliers": 1e3, "thousand": 1e3, "k": 1e3,
    "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6,
    "milliard": 1e9, "milliards": 1e9, "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9,
    "billion": 1e9, "billions": 1e9, "bn": 1e9,
}
CURRENCIES = {
    "dollar": "USD", "dollars": "USD", "$": "USD", "usd": "USD", "us$": "USD",
    "euro": "EUR", "euros": "EUR", "€": "EUR", "eur": "EUR",
    "dirham": "MAD", "dirhams": "MAD", "dh": "MAD", "dhs": "MAD", "mad": "MAD",
    "mdh": "MAD", "mmdh": "MAD", "mrdh": "MAD",
}
# MDH = millions of dirhams, MMDH = billions (Moroccan press usage)
CURRENCY_SCALE = {"mdh": 1e6, "mmdh": 1e9, "mrdh": 1e9}

_NUM = r"(?P<num>\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
_WORDNUM = r"(?P<words>(?:[a-zéèêàâûùîïôç]+[- ]){0,4}[a-zéèêàâûùîïôç]+)"
_SCALE = r"(?P<scale>milliards?|millions?|mille|billions?|mds?|mrds?|md|bn|mn|m|k)"
_CUR = r"(?P<cur>dollars?(?:\s+am[ée]ricains)?|euros?|dirhams?|dhs?|mad|usd|eur|mmdh|mdh|mrdh|\$|€)"

MONEY = re.compile(
    rf"(?<![\w.,])(?:(?P<pre>us\$|\$|€)\s*)?{_NUM}\s*(?:{_SCALE}(?![a-zé])\.?)?\s*"
    rf"(?:(?:de |d'|of )?\s*{_CUR})?(?![\w])",
    re.I,
)
WORD_MONEY = re.compile(rf"(?<![\w]){_WORDNUM}\s+{_SCALE}\s+(?:de |d')\s*{_CUR}(?![\w])", re.I)


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    text: str
    value: float
    currency: str | None  # None: a bare figure ("124 milliards") whose currency comes from context
    scaled: bool  # had a scale word (million, milliard…)


def parse_decimal(num: str) -> float:
    num = re.sub(r"[\u00a0\u202f ]", "", num)
    if "," in num and "." in num:
        num = num.replace(".", "").replace(",", ".")
    elif "," in num:
        num = num.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", num):
        num = num.replace(".", "")
    return float(num)


def find_amounts(text: str) -> list[Amount]:
    """Sums of money and large round figures (with a scale word or a currency)."""
    out: list[Amount] = []
    for m in MONEY.finditer(text):
        scale, cur, pre = m.group("scale"), m.group("cur"), m.group("pre")
        if not (scale or cur or pre):
            continue
        if scale and scale.lower() in ("m", "k", "md") and not (cur or pre):
            continue  # "50 m" is a distance, not money
        try:
            value = parse_decimal(m.group("num"))
        except ValueError:
            continue
        if scale:
            value *= SCALES[scale.lower()]
        currency = None
        key = (cur or pre or "").lower().split()[0] if (cur or pre) else ""
        if key:
            currency = CURRENCIES.get(key.rstrip("s") if key not in CURRENCIES else key)
            value *= CURRENCY_SCALE.get(key, 1)
        if not scale and currency is None:
            continue
        scaled = bool(scale) or key in CURRENCY_SCALE  # "124 MMDH" is 124 billion dirhams
        out.append(Amount(m.start(), m.end(), m.group(0).strip(), value, currency, scaled))
    for m in WORD_MONEY.finditer(text):
        if any(a.start <= m.start() < a.end for a in out):
            continue
        number = words_to_int(m.group("words"))
        if number is None:
            continue
        value = number * SCALES[m.group("scale").lower()]
        cur = m.group("cur").lower().split()[0]
        out.append(Amount(m.start(), m.end(), m.group(0), value, CURRENCIES.get(cur), True))
    return sorted(out, key=lambda a: a.start)


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


def quantity_before(text: str, lang: str = "fr") -> int | None:
    """The count right before a noun phrase: '… trois ', '… les 25 ', '… 36 nouveaux '."""
    m = re.search(r"(?:^|[\s(«])(?P<q>\d{1,4}|[a-zéèêàâûùîïôç-]+(?:[- ](?:et[- ])?[a-zéèêàâûùîïôç-]+)?)\s+"
                  r"(?:(?:nouveaux|nouvelles|autres|premiers|premières|derniers|new|more|additional|other)\s+)?$",
                  text, re.I)
    if not m:
        return None
    q = m.group("q")
    if q.isdigit():
        value = int(q)
        return None if 1900 <= value <= 2100 or value == 0 else value
    if q.lower().replace("-", " ").split()[-1] in ("un", "une", "a", "an", "des", "les", "de", "du", "le", "la"):
        return None  # an article, not a count
    return words_to_int(q, lang)
