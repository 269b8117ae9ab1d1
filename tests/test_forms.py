"""Table-driven: every money and date form of tests/fixtures/forms/*.json gives its expected value.

The tables list the forms of the issue, those seen in real articles and those found through the
search tool's pages corpus (French and English); ``benchmarks/date_forms.py`` runs dateparser on
the same date rows.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from facts.clean import read_page_dates
from facts.date_resolve import resolve
from facts.dates import ArticleYears, find_dates
from facts.numbers import find_amounts

FORMS = Path(__file__).parent / "fixtures" / "forms"
MONEY = json.loads((FORMS / "money.json").read_text(encoding="utf-8"))["forms"]
DATES = json.loads((FORMS / "dates.json").read_text(encoding="utf-8"))["forms"]


@pytest.mark.parametrize("form", MONEY, ids=[f["text"] for f in MONEY])
def test_money_form(form: dict[str, Any]) -> None:
    found = find_amounts(form["text"], form["lang"])
    if form.get("none"):
        assert found == []
        return
    if "all" in form:
        assert [(pytest.approx(a.value), a.currency) for a in found] == [tuple(x) for x in form["all"]]
        return
    first = found[0]
    assert first.value == pytest.approx(form["value"])
    assert first.currency == form["currency"]
    assert first.approximate == form.get("approximate", False)
    assert first.high == (pytest.approx(form["high"]) if "high" in form else None)


def test_money_forms_cover_both_languages_and_the_issue() -> None:
    assert {f["lang"] for f in MONEY} == {"fr", "en"}
    assert sum(f["from"] == "issue" for f in MONEY) >= 15


PAGE = [f for f in DATES if f["kind"] == "page"]
TEXT = [f for f in DATES if f["kind"] == "text"]


@pytest.mark.parametrize("form", PAGE, ids=[" / ".join(f["lines"])[:60] for f in PAGE])
def test_page_date_form(form: dict[str, Any]) -> None:
    dates = read_page_dates(["Le titre de l'article", *form["lines"]])
    assert dates.published == form["published"]
    assert dates.updated == form.get("updated")


def resolved(form: dict[str, Any]) -> str | None:
    """The first date of ``text`` once every date of the article (``also``: its other sentences) is resolved."""
    mine = find_dates(form["text"])
    others = [m for s in form.get("also", []) for m in find_dates(s)]
    published = dt.date.fromisoformat(form["published"]) if form["published"] else None
    years = ArticleYears(tuple(form.get("title_years", [])), tuple(form.get("body_years", [])))
    resolve(mine + others, published, years)
    return mine[0].resolved if mine else None


@pytest.mark.parametrize("form", TEXT, ids=[f"{f['text']} @ {f['published']}" for f in TEXT])
def test_text_date_form(form: dict[str, Any]) -> None:
    assert resolved(form) == form["expect"]


def test_date_forms_cover_the_issue_and_both_languages() -> None:
    assert sum(f["from"] == "issue" for f in DATES) >= 12
    english = [f for f in DATES if any(w in " ".join(f.get("lines", [f.get("text", "")])) for w in
                                       ("November", "March", "Sep", "Updated", "Sunday", "last"))]
    assert len(english) >= 8


@pytest.mark.parametrize(("data", "readers"), [
    ("money.json", ["facts/numbers.py"]),
    ("dates.json", ["facts/dates.py", "facts/date_resolve.py", "facts/clean.py"]),
    ("budget.json", ["facts/extract/budgets.py", "facts/extract/budget_words.py", "facts/extract/budget_roles.py",
                     "facts/extract/budget_years.py"]),
])
def test_every_word_list_is_read(data: str, readers: list[str]) -> None:
    root = Path(__file__).resolve().parents[1]
    words = json.loads((root / "facts" / "data" / data).read_text(encoding="utf-8"))
    source = "".join((root / r).read_text(encoding="utf-8") for r in readers)
    keys = [k for k in words if not k.startswith("about")]
    keys += [k for k, v in words.items() if isinstance(v, dict) and k == "page" for k in v if not k.startswith("about")]
    assert [k for k in keys if f'"{k}"' not in source and f"'{k}'" not in source] == []
