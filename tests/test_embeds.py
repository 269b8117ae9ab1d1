"""Embed pages: every Discord limit holds for generated long answers, and no word is ever cut."""

from __future__ import annotations

import discord
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.embeds import answer_to_embeds, check_embed, escape, split_text
from handlers.answers import Answer, Section, Source
from handlers.formatting import DESCRIPTION_MAX, EMBEDS_TOTAL_MAX, FIELD_VALUE_MAX

WORD = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzéàüœ0123456789-,.«»*_@#")),
               min_size=1, max_size=40)
LINE = st.lists(WORD, min_size=1, max_size=60).map(" ".join)


def words_of(embeds: list[discord.Embed]) -> list[str]:
    """Every whitespace-separated token the pages show, in order (title and footer excluded)."""
    out: list[str] = []
    for e in embeds:
        out += (e.description or "").split()
        for f in e.fields:
            out += f.value.split()
    return out


@st.composite
def answers(draw: st.DrawFn) -> Answer:
    sections = draw(st.lists(st.builds(Section, LINE, st.lists(LINE, max_size=40)), max_size=8))
    sources = draw(st.lists(st.builds(Source, WORD, LINE, st.none(), WORD, st.lists(LINE, max_size=4)),
                            max_size=6))
    return Answer(title=draw(LINE), summary=draw(st.lists(LINE, max_size=80).map("\n".join)),
                  sections=sections, sources=sources, footer=draw(st.one_of(st.just(""), LINE)))


@settings(max_examples=150, deadline=None)
@given(answers())
def test_generated_answers_fit_every_limit(answer: Answer) -> None:
    pages = answer_to_embeds(answer)
    assert pages
    for page in pages:
        assert check_embed(page) == [], check_embed(page)
        assert len(page) <= EMBEDS_TOTAL_MAX
        payload = page.to_dict()
        assert len(payload.get("fields", [])) <= 25


@settings(max_examples=150, deadline=None)
@given(answers())
def test_no_word_is_cut_or_lost(answer: Answer) -> None:
    pages = answer_to_embeds(answer)
    shown = words_of(pages)
    expected = escape(answer.summary).split()
    for s in answer.sections:
        for line in s.lines:
            expected += escape(line).split()
    # every word of the summary and sections appears whole, in order
    it = iter(shown)
    assert all(any(w == got for got in it) for w in expected)


@settings(max_examples=200, deadline=None)
@given(st.lists(LINE, max_size=200).map("\n".join), st.sampled_from([50, 256, 1024, DESCRIPTION_MAX]))
def test_split_text_respects_limit_and_keeps_words(text: str, limit: int) -> None:
    chunks = split_text(text, limit)
    assert all(0 < len(c) <= limit for c in chunks)
    assert " ".join(chunks).split() == text.split()


def test_single_overlong_word_is_the_only_thing_cut() -> None:
    word = "x" * (FIELD_VALUE_MAX + 10)
    chunks = split_text(f"short {word} tail", FIELD_VALUE_MAX)
    assert all(len(c) <= FIELD_VALUE_MAX for c in chunks)
    assert "".join(chunks).replace(" ", "") == f"short{word}tail"


def test_long_answer_is_paginated_with_page_numbers() -> None:
    lines = [f"line {i} " + "word " * 30 for i in range(300)]
    pages = answer_to_embeds(Answer(title="T", summary="s", sections=[Section("Many", lines)]))
    assert len(pages) > 1
    assert pages[0].footer.text == f"Page 1/{len(pages)}"
    assert all(check_embed(p) == [] for p in pages)


def test_mentions_and_markdown_are_escaped() -> None:
    page = answer_to_embeds(Answer(title="@everyone **x**", summary="I don't know \"@here __y__\"."))[0]
    assert "@everyone" not in page.title and "@here" not in (page.description or "")
    assert "\\*\\*x\\*\\*" in page.title and "\\_\\_y\\_\\_" in (page.description or "")


def test_error_suggestions_shown() -> None:
    page = answer_to_embeds(Answer(title="Unknown command", summary="?", kind="error",
                                   suggestions=["/partner"]))[0]
    assert any("/partner" in f.value for f in page.fields)


class _Resp:
    def __init__(self) -> None:
        self.sent: list[tuple[str, bool]] = []
        self.edited: list[discord.Embed] = []

    async def send_message(self, content: str, ephemeral: bool = False) -> None:
        self.sent.append((content, ephemeral))

    async def edit_message(self, embed: discord.Embed, view: object) -> None:
        self.edited.append(embed)


async def test_paginator_only_lets_the_asker_turn_pages() -> None:
    from types import SimpleNamespace

    from bot.paginator import Paginator

    pages = [discord.Embed(title=f"p{i}") for i in range(3)]
    view = Paginator(pages, author_id=1)
    assert view.previous_page.disabled and not view.next_page.disabled
    stranger = SimpleNamespace(user=SimpleNamespace(id=2), response=_Resp())
    assert not await view.interaction_check(stranger)  # type: ignore[arg-type]
    assert stranger.response.sent and stranger.response.sent[0][1] is True
    asker = SimpleNamespace(user=SimpleNamespace(id=1), response=_Resp())
    assert await view.interaction_check(asker)  # type: ignore[arg-type]
    for _ in range(5):  # pressing past the end stays on the last page
        await view._show(asker, +1)  # type: ignore[arg-type]
    assert view.index == 2 and view.next_page.disabled and asker.response.edited[-1].title == "p2"
    view.stop()
