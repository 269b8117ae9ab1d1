"""How things are written, in one place: amounts, counts, truncation, and Discord's size limits.

The answers (``handlers``), the digest, the embeds and the console all format through here,
so a figure reads the same everywhere ("58.55 billion MAD" in /budget and in the digest) and
every cut text is cut the same way: at a word boundary, marked with "…".
"""

from __future__ import annotations

from facts.models import Money

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
    return plural(n, "article")


def format_amount(amount: float, currency: str | None, approximate: bool = False) -> str:
    """133000000000 MAD → '133 billion MAD', 58 550 000 000 → '58.55 billion' (two decimals at most,
    as analysts quote them), 950000 → '950,000'."""
    value = float(amount)
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            number = f"{value / scale:,.2f}".rstrip("0").rstrip(".")
            text = f"{number} {word}"
            break
    else:
        text = f"{value:,.0f}"
    text = f"{text} {currency or ''}".strip()
    return f"about {text}" if approximate else text


def format_value(value: Money | None) -> str:
    return format_amount(value.amount, value.currency) if value is not None else ""


def show_date(date: str | None, precision: str = "") -> str:
    """A date as precise as the article is: '2021-11-24', '2021-11', '2021' (never a made-up first
    of the month); ``precision`` is day, month or year (``facts.models.Event``)."""
    text = date or ""
    size = {"day": 10, "month": 7, "year": 4}.get(precision, len(text))
    return text[:size] or "undated"
