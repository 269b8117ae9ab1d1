"""Answer → embed pages that Discord accepts: every limit respected, text split on line or word
boundaries (never mid-word), all text escaped so article or user text cannot ping, format,
or reorder itself with invisible characters."""

from __future__ import annotations

from dataclasses import dataclass, field

import discord

from facts.safe_text import display
from handlers.answers import Answer
from handlers.formatting import (
    DESCRIPTION_MAX,
    EMBEDS_TOTAL_MAX,
    FIELD_NAME_MAX,
    FIELD_VALUE_MAX,
    FIELDS_MAX,
    FOOTER_MAX,
    TITLE_MAX,
    shorten,
)
from handlers.i18n import tr

DESCRIPTION_CHUNK = 3000  # leaves room for fields on the first page
FIELDS_PER_PAGE = 12  # readable pages; well under Discord's 25
FOOTER_RESERVE = 120  # "Page 12/13 · footer" is added after packing
COLOURS = {"ok": 0x2B6CB0, "help": 0x2B6CB0, "not_found": 0x718096, "suggestion": 0xDD6B20, "error": 0xC53030}


def escape(text: str) -> str:
    """Markdown and mentions neutralised, bidi overrides, zero-width and control characters
    removed: what the article or the user wrote is shown, not run."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(display(text)))


def _hard_cut(word: str, limit: int) -> list[str]:
    """Only for a single 'word' longer than the limit (a URL of 1,100 characters): no boundary exists."""
    return [word[i:i + limit] for i in range(0, len(word), limit)]


def split_text(text: str, limit: int, seps: tuple[str, ...] = ("\n", " ")) -> list[str]:
    """Greedy chunks of at most ``limit`` characters, cut at the coarsest boundary that works."""
    if len(text) <= limit:
        return [text] if text.strip() else []
    if not seps:
        return _hard_cut(text, limit)
    sep, finer = seps[0], seps[1:]
    chunks: list[str] = []
    current = ""
    for part in text.split(sep):
        for piece in ([part] if len(part) <= limit else split_text(part, limit, finer)):
            joined = piece if not current else current + sep + piece
            if len(joined) <= limit:
                current = joined
            else:
                if current.strip():
                    chunks.append(current)
                current = piece
    if current.strip():
        chunks.append(current)
    return chunks


@dataclass
class _Page:
    description: str = ""
    fields: list[tuple[str, str]] = field(default_factory=list)

    def size(self) -> int:
        return len(self.description) + sum(len(n) + len(v) for n, v in self.fields)


def answer_fields(answer: Answer) -> list[tuple[str, str]]:
    """(name, value) pairs, each value ≤ 1024: sections first, then sources with their quotes."""
    out: list[tuple[str, str]] = []
    blocks = [(s.heading, [escape(line) for line in s.lines]) for s in answer.sections]
    if answer.sources:
        lines = []
        for i, src in enumerate(answer.sources, 1):
            lines.append(f"**[{i}]** {escape(src.label())}")
            lines += [f"↳ « {escape(q)} »" for q in src.quotes]
        blocks.append((tr("Sources"), lines))
    for heading, lines in blocks:
        name = shorten(escape(heading), FIELD_NAME_MAX - 10) or "…"
        for i, chunk in enumerate(split_text("\n".join(lines), FIELD_VALUE_MAX)):
            out.append((name if i == 0 else tr("{name} (cont.)", name=name), chunk))
    return out


def answer_to_embeds(answer: Answer) -> list[discord.Embed]:
    """Pages of one answer; each page alone fits every Discord limit, including 6000 in total."""
    title = shorten(escape(answer.title), TITLE_MAX) or tr("Answer")
    budget = EMBEDS_TOTAL_MAX - len(title) - FOOTER_RESERVE
    pages = [_Page(d) for d in split_text(escape(answer.summary), DESCRIPTION_CHUNK)] or [_Page()]
    if answer.suggestions and answer.kind == "error":
        pages[-1].fields.append((tr("Try"), shorten(escape(", ".join(answer.suggestions)), FIELD_VALUE_MAX)))
    page = pages[-1]
    for name, value in answer_fields(answer):
        if len(page.fields) >= FIELDS_PER_PAGE or page.size() + len(name) + len(value) > budget:
            page = _Page()
            pages.append(page)
        page.fields.append((name, value))
    footer = shorten(escape(answer.footer), FOOTER_MAX - FOOTER_RESERVE) if answer.footer else ""
    embeds = []
    colour = COLOURS.get(answer.kind, COLOURS["ok"])
    for n, p in enumerate(pages, 1):
        embed = discord.Embed(title=title, description=p.description or None, colour=colour)
        for name, value in p.fields:
            embed.add_field(name=name, value=value, inline=False)
        if answer.more is not None:  # a page of a long answer: its own number (the others are read on demand)
            marks = [tr("Page {n}/{total}", n=answer.more.at, total=answer.more.pages)]
        else:
            marks = [tr("Page {n}/{total}", n=n, total=len(pages))] if len(pages) > 1 else []
        if footer:
            marks.append(footer)
        if marks:
            embed.set_footer(text=" · ".join(marks))
        embeds.append(embed)
    return embeds


def check_embed(embed: discord.Embed) -> list[str]:
    """Every Discord limit this embed breaks (empty when it is valid); used by tests and a debug log."""
    problems = []
    if embed.title and len(embed.title) > TITLE_MAX:
        problems.append("title > 256")
    if embed.description and len(embed.description) > DESCRIPTION_MAX:
        problems.append("description > 4096")
    if len(embed.fields) > FIELDS_MAX:
        problems.append("more than 25 fields")
    for f in embed.fields:
        if not f.name or len(f.name) > FIELD_NAME_MAX:
            problems.append(f"field name length {len(f.name or '')}")
        if not f.value or not str(f.value).strip() or len(f.value) > FIELD_VALUE_MAX:
            problems.append(f"field value length {len(f.value or '')}")
    if embed.footer.text and len(embed.footer.text) > FOOTER_MAX:
        problems.append("footer > 2048")
    if len(embed) > EMBEDS_TOTAL_MAX:
        problems.append(f"total {len(embed)} > 6000")
    return problems
