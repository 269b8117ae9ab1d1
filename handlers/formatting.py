"""How things are written, in one place: amounts, counts, truncation, and Discord's size limits.

The answers (``handlers``), the digest, the embeds and the console all format through here,
so a figure reads the same everywhere ("58.55 billion MAD" in /budget and in the digest) and
every cut text is cut the same way: at a word boundary, marked with "…".
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal, get_currency_name

from facts.models import Money
from handlers.i18n import DEFAULT, N_, current, ntr, tr

# Discord's limits (API reference, and the fake's ``limits.py``): what one message may hold.
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
EMBEDS_TOTAL_MAX = 6000  # characters of all embeds of one message together
EMBEDS_PER_MESSAGE = 10
CONTENT_MAX = 2000
CHOICES_MAX = 25  # autocomplete choices
CHOICE_NAME_MAX = 100

# Our own lengths.
QUOTE_MAX = 220  # characters kept of a quoted sentence: enough to quote, short enough to read
SOURCE_TITLE_MAX = 120  # an article's title in a source line
ECHO_MAX = 60  # user text shown back in an answer
TEXT_MAX = 200  # longest free text a command accepts (a search, a country)
COUNTRY_MAX = 100  # longest country option (Discord's autocomplete value limit)


def shorten(text: str, limit: int = QUOTE_MAX, *, one_line: bool = True) -> str:
    """``text`` in at most ``limit`` characters, cut at a word boundary and marked "…".
    ``one_line``: runs of white space (line breaks too) become one space first."""
    if one_line:
        text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:\n") + "…"


def echo(text: str, limit: int = ECHO_MAX) -> str:
    """User text as shown back: one line, bounded (the Discord layer escapes markdown)."""
    return shorten(text, limit)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def articles(n: int) -> str:
    return ntr("{n} article", "{n} articles", n)


# The usual currencies by their short word in French ("133 milliards de dirhams"); CLDR's
# plural name ("dirhams marocains") for the others.
CURRENCY_WORDS = {"MAD": N_("MAD"), "USD": N_("USD"), "EUR": N_("EUR")}


def currency_word(currency: str | None, lang: str) -> str:
    """'MAD' in English (as analysts write it); 'dirhams', 'dollars', 'euros' or CLDR's plural
    name in French."""
    if not currency or lang == DEFAULT:
        return currency or ""
    if currency in CURRENCY_WORDS:
        return tr(CURRENCY_WORDS[currency], lang)
    try:
        return get_currency_name(currency, count=2, locale=lang)
    except (ValueError, LookupError):
        return currency


def format_amount(amount: float, currency: str | None, approximate: bool = False) -> str:
    """133000000000 MAD → '133 billion MAD', 58 550 000 000 → '58.55 billion' (two decimals at most,
    as analysts quote them), 950000 → '950,000'; in French '133 milliards de dirhams'."""
    lang = current()
    if lang != DEFAULT:
        return _amount_in(lang, float(amount), currency, approximate)
    value = float(amount)
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            number = f"{value / scale:,.2f}".rstrip("0").rstrip(".")
            text = f"{number} {word}"
            break
    else:
        text = f"{value:,.0f}"
    text = f"{text} {currency or ''}".strip()
    return tr("about {amount}", amount=text) if approximate else text


def _amount_in(lang: str, value: float, currency: str | None, approximate: bool) -> str:
    """'58,55 milliards de dirhams', '950 000 dirhams', 'environ 1 million de dollars' (CLDR's
    long compact forms; 'de' after a scale word, as French writes it)."""
    word = currency_word(currency, lang)
    if abs(value) >= 1e6:
        number = format_compact_decimal(value, format_type="long", locale=lang, fraction_digits=2)
        text = tr("{number} of {currency}", lang, number=number, currency=word) if word else number
    else:
        number = format_decimal(round(value), locale=lang)
        text = f"{number} {word}".strip()
    return tr("about {amount}", lang, amount=text) if approximate else text


def format_value(value: Money | None) -> str:
    return format_amount(value.amount, value.currency) if value is not None else ""


def show_date(date: str | None, precision: str = "") -> str:
    """A date as precise as the article is: '2021-11-24', '2021-11', '2021' (never a made-up first
    of the month); ``precision`` is day, month or year (``facts.models.Event``)."""
    text = date or ""
    size = {"day": 10, "month": 7, "year": 4}.get(precision, len(text))
    text = text[:size]
    if not text:
        return tr("undated")
    lang = current()
    return text if lang == DEFAULT else _date_in(lang, text)


def _date_in(lang: str, text: str) -> str:
    """'2020-10-02' → '2 octobre 2020', '2020-10' → 'octobre 2020' (CLDR); anything else as it is."""
    try:
        if len(text) == 10:
            return format_date(dt.date.fromisoformat(text), "long", locale=lang)
        if len(text) == 7:
            return format_skeleton("yMMMM", dt.date.fromisoformat(text + "-01"), locale=lang)
    except ValueError:
        pass
    return text
