"""An answer as plain text: what the console and `bot.py ask` print, same content as the embed."""

from __future__ import annotations

import textwrap

from facts.safe_text import display
from handlers.answers import Answer
from handlers.i18n import tr

WIDTH = 100


def _wrap(line: str, indent: str = "  ") -> str:
    """Wrap long lines on word boundaries (long words and URLs are never broken)."""
    return textwrap.fill(line, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_long_words=False, break_on_hyphens=False)


def render(answer: Answer) -> str:
    out = [answer.title, "=" * min(len(answer.title), WIDTH)]
    if answer.summary:
        out.append(textwrap.fill(answer.summary, WIDTH, break_long_words=False, break_on_hyphens=False))
    for section in answer.sections:
        out += ["", section.heading + ":"]
        out += [_wrap(line) for line in section.lines]
    if answer.sources:
        out += ["", tr("Sources") + ":"]
        for i, src in enumerate(answer.sources, 1):
            out.append(_wrap(f"[{i}] {src.label()}"))
            out += [_wrap(f"« {q} »", "      ") for q in src.quotes]
    if answer.footer:
        out += ["", answer.footer]
    if answer.more is not None:  # a page of a long answer
        out += ["", tr("Page {n}/{total}", n=answer.more.at, total=answer.more.pages)]
    return display("\n".join(out))  # no escape sequence or bidi override reaches the terminal
