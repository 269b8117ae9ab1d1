"""Parse a console line (`/partner Turkey`, `/acquisitions supplier:Israel category:drone`).

The console and `bot.py ask` speak the same commands as Discord, so a line is split
into the same options the slash commands take, then handed to the same handler.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from rapidfuzz import process

from facts.lexicon import fold
from handlers.answers import Answer
from handlers.ask import ask, years_in
from handlers.common import category_of, error
from handlers.formatting import TEXT_MAX, echo
from handlers.i18n import tr

if TYPE_CHECKING:
    from handlers import Handlers

COMMANDS = ("partner", "budget", "acquisitions", "timeline", "search", "sources", "help", "ask")
ALIASES = {"partenaire": "partner", "achats": "acquisitions", "acquisition": "acquisitions",
           "chronologie": "timeline", "recherche": "search", "aide": "help", "source": "sources", "question": "ask"}
# The French option names (as Discord shows them to French users: ``bot.translator``).
OPTION_ALIASES = {"pays": "country", "annee": "year", "année": "year", "fournisseur": "supplier",
                  "categorie": "category", "catégorie": "category", "fabricant": "maker", "partenaire": "partner",
                  "texte": "text", "commande": "command"}
MAX_LINE = TEXT_MAX + 40
_OPTION = re.compile(r"(\w+):\s*")


def options(rest: str, names: tuple[str, ...]) -> tuple[dict[str, str], str]:
    """Split 'supplier:Israel category:drone' into named options; returns (options, leftover text)."""
    found: dict[str, str] = {}

    def name(m: re.Match[str]) -> str:
        word = m.group(1).lower()
        return OPTION_ALIASES.get(word, word)

    marks = [m for m in _OPTION.finditer(rest) if name(m) in names]
    if not marks:
        return found, rest.strip()
    leftover = rest[: marks[0].start()].strip()
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(rest)
        found[name(m)] = rest[m.end(): end].strip()
    return found, leftover


def _acquisitions(h: Handlers, rest: str) -> Answer:
    opts, left = options(rest, ("supplier", "category", "maker"))
    if left and "category" not in opts:
        if category_of(left):
            opts["category"] = left
            left = ""
        else:
            words = left.split()
            if len(words) > 1 and category_of(words[-1]):
                opts["category"], left = words[-1], " ".join(words[:-1])
    if left and "supplier" not in opts:
        opts["supplier"] = left
    return h.acquisitions(opts.get("supplier") or None, opts.get("category") or None, opts.get("maker") or None)


def _budget(h: Handlers, rest: str) -> Answer:
    opts, left = options(rest, ("year",))
    text = opts.get("year", left).strip()
    if not text:
        return h.budget(None)
    if not re.fullmatch(r"\d{1,4}", text):
        span = years_in(fold(text), dt.date.today())
        if span is not None and span[0] == span[1] and not re.search(r"\d", text):
            return h.budget(span[0])  # 'next year', "l'an dernier", 'cette année'

        return error(tr("Year not understood"),
                     tr("\"{text}\" is not a year; try `/budget 2025` or `/budget`.", text=echo(text)))
    return h.budget(int(text))


def dispatch(h: Handlers, line: str) -> Answer:
    """Run one command line; anything malformed gets a clear message, never an exception."""
    line = (line or "").strip()
    if not line:
        return h.help()
    if len(line) > MAX_LINE:
        return error(tr("Question too long"), tr("That line has {n} characters; the limit is {limit}.", n=len(line),
                                                 limit=MAX_LINE))
    if not line.startswith("/"):
        return ask(h, line)  # a plain question, or a command typed without its slash
    word, _, rest = line[1:].partition(" ")
    name = word.lower()
    name = ALIASES.get(name, name)
    if name == "partner":
        opts, left = options(rest, ("country",))
        return h.partner(opts.get("country", left))
    if name == "budget":
        return _budget(h, rest)
    if name == "acquisitions":
        return _acquisitions(h, rest)
    if name == "timeline":
        opts, left = options(rest, ("partner",))
        return h.timeline(opts.get("partner", left) or None)
    if name == "search":
        opts, left = options(rest, ("text",))
        return h.search(opts.get("text", left))
    if name == "sources":
        return h.sources()
    if name == "ask":
        opts, left = options(rest, ("question",))
        return ask(h, opts.get("question", left))
    if name == "help":
        opts, left = options(rest, ("command",))
        return h.help(opts.get("command", left) or None)
    close = [c for c, score, _ in process.extract(name, COMMANDS, limit=2) if score >= 60]
    hint = " " + tr("Did you mean {commands}?", commands=tr(" or ").join("/" + c for c in close)) if close else ""
    return error(tr("Unknown command"), tr("I don't know `/{word}`.{hint} Type `/help` for the list.",
                                           word=echo(word, 30), hint=hint), ["/" + c for c in close])
