"""Plain questions: route a French or English sentence to one of the commands.

"what did Morocco buy from Israel?" → /acquisitions supplier:Israel; "qu'a acheté le Maroc à Baykar ?"
→ /acquisitions maker:Baykar; "Quel est le budget de la défense en 2025 ?" → /budget 2025;
"Turquie" → /partner Turquie. Intent words, relative years and range words are a data file
(``facts/data/questions.json``); countries are read with the same resolver as the commands (exact
forms inside the sentence; a typo only when the whole line is one name), manufacturers from the
compiler's word list (``handlers.names``). Nothing is guessed from a model: a line with no intent
and no entity is not understood, and the answer says so with examples.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from facts.lexicon import fold, load_json
from handlers.answers import Answer
from handlers.common import category_of, check_text, error
from handlers.formatting import echo
from handlers.i18n import N_, tr
from handlers.names import maker_in
from handlers.resolve import display_name, normalise, resolve_country, surface_index

if TYPE_CHECKING:
    from handlers import Handlers

MOROCCO = "MA"
MAX_NGRAM = 4
EXAMPLES = ["what did Morocco buy from Israel?", "Quel est le budget de la défense en 2025 ?", "partner Turkey",
            "Turquie", "timeline 2021", "budget next year"]


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    data: dict[str, Any] = load_json("questions.json")
    return data


@dataclass
class Reading:
    """How a question was understood: the command, its options, and the equivalent command line."""

    command: str | None
    options: dict[str, str] = field(default_factory=dict)

    def line(self) -> str:
        if self.command is None:
            return ""
        opts = " ".join(f"{k}:{v}" if k else v for k, v in self.options.items() if v)
        return f"/{self.command}" + (f" {opts}" if opts else "")


def _has(folded: str, phrase: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", folded) is not None


def intent(folded: str) -> str | None:
    """The first command (in the data file's order) one of whose intent words occurs."""
    table = rules()["intents"]
    for command in rules()["order"]:
        if any(_has(folded, fold(w)) for w in table[command]):
            return command
    return None


def years_in(folded: str, today: dt.date) -> tuple[int, int] | None:
    """'2021' → (2021, 2021); '2019-2021', 'de 2019 à 2021' → (2019, 2021); 'next year' → (y+1, y+1)."""
    words = "|".join(re.escape(fold(w)) for w in rules()["range_words"])
    span = re.search(rf"\b((?:19|20)\d\d)\s*(?:[-–/]|\s(?:{words})\s)\s*((?:19|20)\d\d)\b", folded)
    if span:
        a, b = int(span.group(1)), int(span.group(2))
        return (min(a, b), max(a, b))
    one = re.search(r"\b((?:19|20)\d\d)\b", folded)
    if one:
        return (int(one.group(1)),) * 2
    for phrase, offset in rules()["relative_years"].items():
        if _has(folded, fold(phrase)):
            return (today.year + int(offset),) * 2
    return None


def country_in(text: str) -> str | None:
    """A country named inside the sentence by one of its exact forms (longest first), Morocco
    aside (it is the subject of every question). Two-letter forms count only in capitals ('US')."""
    raw = re.findall(r"\w+", text)
    words = [normalise(w) for w in raw]
    index = surface_index()
    for n in range(MAX_NGRAM, 0, -1):
        for i in range(len(words) - n + 1):
            if n == 1 and len(words[i]) <= 2 and not raw[i].isupper():
                continue
            hits = index.get(" ".join(words[i:i + n]))
            if hits and len(hits) == 1:
                code = next(iter(hits))
                if code != MOROCCO:
                    return code
    return None


def category_in(text: str) -> str | None:
    for word in re.findall(r"[\w-]+", text):
        if len(word) > 2 and (cat := category_of(word)):
            return cat
    return None


def understand(text: str, today: dt.date | None = None) -> Reading:
    """The command a plain question asks for, with its options; ``command`` None when unclear."""
    today = today or dt.date.today()
    folded = fold(text)
    first, _, rest = text.strip().partition(" ")
    from handlers.dispatch import ALIASES, COMMANDS

    name = ALIASES.get(fold(first), fold(first))
    if name in COMMANDS:  # 'partner Turkey', 'budget next year': a command without its slash
        years = years_in(fold(rest), today)
        if name == "budget" and years is not None and years[0] == years[1]:
            return Reading(name, {"year": str(years[0])})
        return Reading(name, {"": rest.strip()} if rest.strip() else {})
    wanted = intent(folded)
    maker = maker_in(text)
    cat = category_in(text)
    code = country_in(text)
    if maker is not None and wanted in (None, "acquisitions", "partner"):  # a company sells: what it sold
        return Reading("acquisitions", {"maker": maker.name, "category": cat or ""})
    if maker is not None and wanted == "timeline" and code is None:  # the maker's country's events
        return Reading("timeline", {"partner": maker.name})
    years = years_in(folded, today)
    if wanted is None and code is None and cat is None:
        alone = resolve_country(text)
        if alone.code and alone.code != MOROCCO:
            return Reading("partner", {"country": display_name(alone.code).split(" / ")[0]})
        return Reading(None)
    country = display_name(code).split(" / ")[0] if code else ""
    year_text = "" if years is None else (str(years[0]) if years[0] == years[1] else f"{years[0]}-{years[1]}")
    if wanted in ("help", "sources"):
        return Reading(wanted)
    if wanted == "search":
        return Reading("search", {"text": _search_words(text)})
    if wanted == "budget" or (wanted is None and years and not code and not cat):
        return Reading("budget", {"year": year_text})
    if wanted == "timeline":
        return Reading("timeline", {"partner": country} if country else ({"": year_text} if year_text else {}))
    if wanted == "acquisitions" or (cat and not wanted):
        return Reading("acquisitions", {"supplier": country, "category": cat or ""})
    if code:
        return Reading("partner", {"country": country})
    return Reading(None)


def _search_words(text: str) -> str:
    table = rules()["intents"]["search"]
    out = fold(text)
    for w in table:
        out = re.sub(r"(?<!\w)" + re.escape(fold(w)) + r"(?!\w)", " ", out)
    return " ".join(re.findall(r"\w+", out))


def ask(h: Handlers, text: str, today: dt.date | None = None) -> Answer:
    """Answer a plain question, saying how it was understood ('Understood as /budget year:2025')."""
    from handlers.dispatch import dispatch

    bad = check_text(text, N_("question"), tr("/ask question:what did Morocco buy from Israel?"))
    if bad:
        return bad
    reading = understand(text, today)
    if reading.command is None:
        return error(tr("Question not understood"),
                     tr("I could not tell which command \"{text}\" asks for. Try a country (`Turquie`), a year"
                        " with budget (`budget 2025`) or a question such as \"what did Morocco buy from Israel?\"."
                        " Type `/help` for the commands.", text=echo(text, 80)),
                     ["/help"])
    line = reading.line()
    answer = dispatch(h, line)
    note = tr("Understood as {command}.", command=echo(line, 120))
    return replace(answer, summary=f"{note} {answer.summary}".strip())
