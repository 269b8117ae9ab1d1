"""Answers that agree with themselves: counts are the number of listed claims, one claim stated on
two pages is one line with two sources, acquisitions sort by their own year, and no "0
acquisitions" stands above a quote that describes one."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from handlers_sample import DOCS, build

from facts.store import FactStore
from handlers import Handlers
from handlers.text import render


def text(answer) -> str:
    return " ".join(render(answer).split())


@pytest.fixture(scope="module")
def seeds(compiled_seeds: tuple[Path, Path]) -> Handlers:
    return Handlers(FactStore(compiled_seeds[1]))


def test_the_same_claim_on_two_pages_is_one_line_with_two_sources(seeds: Handlers) -> None:
    france = seeds.partner("France")
    lines = [line for s in france.sections if s.heading.startswith("Acquisitions") for line in s.lines]
    assert len(lines) == 1 and lines[0].startswith("H135")
    assert re.search(r"\[1\] \(related-article teaser on the bladi\.net page of 2021-01-14\); "
                     r"\[2\] \(related-article teaser on the bladi\.net page of 2022-09-20\)$", lines[0])
    assert "; 1 acquisition," in france.summary
    everything = seeds.acquisitions()
    listed = everything.sections[0].lines
    assert sum(line.startswith("H135") for line in listed) == 1
    assert everything.summary.startswith(f"{len(listed)} acquisitions")


def test_acquisitions_sort_by_their_own_year_before_their_article_date(seeds: Handlers) -> None:
    listed = seeds.acquisitions().sections[0].lines
    years = [int(m.group(1)) if (m := re.search(r"year (\d{4})", line)) else None for line in listed]
    dated = [y for y in years if y is not None]
    assert dated and dated == sorted(dated, reverse=True)
    # every dated acquisition comes before every undated one, whatever its article's date:
    # Barak MX (2021, in a 2022 article) above the F-16 (no year, same article)
    assert years[: len(dated)] == dated
    assert listed[0].startswith(("Barak MX", "Harop")) and "F-16" in " ".join(listed[len(dated):])


def test_ties_on_year_go_by_article_date(tmp_path: Path) -> None:
    docs = copy.deepcopy(DOCS)
    docs[0]["published"] = "2020-01-01"
    docs[0]["facts"][1]["year"] = 2021  # Bayraktar TB2, 2021, in a 2020 article
    h = Handlers(FactStore(build(tmp_path / "f.sqlite3", docs)))
    listed = h.acquisitions().sections[0].lines
    names = [line.split(" (")[0] for line in listed]
    assert names.index("Barak MX") < names.index("Bayraktar TB2")  # same year, 2022 article first
    assert names.index("Bayraktar TB2") < names.index("F-16 Viper")  # 2021 before 2019


def test_no_zero_acquisitions_above_a_quote_describing_one(tmp_path: Path) -> None:
    docs = copy.deepcopy(DOCS)
    docs.append({"name": "006_cn.txt", "title": "Chine", "published": "2024-01-01", "source": "x.ma",
                 "facts": [{"kind": "partner", "country": "CN", "relation": "acquisition",
                            "quote": "Le Maroc a acquis des armes auprès de la Chine."}]})
    h = Handlers(FactStore(build(tmp_path / "f.sqlite3", docs)))
    china = h.partner("China")
    assert "0 acquisitions" not in china.summary
    assert "no itemised acquisition (arms supplies quoted below)" in china.summary
    assert "acquis des armes auprès de la Chine" in text(china)
    india = h.partner("India")  # a meeting only: zero is the truth there
    assert "0 acquisitions" in india.summary


def test_teaser_facts_are_cited_as_teasers_and_not_counted_as_the_page_s_claim(seeds: Handlers) -> None:
    budget = seeds.budget(2025)
    line = budget.sections[0].lines[0]
    assert line.startswith("133 billion MAD [1] (related-article teaser on the bladi.net page of 2021-01-14)")
    assert "(related-article teaser) Le projet de loi de finances 2025" in budget.sources[0].quotes[0]
    france = seeds.partner("France")  # named only by the H135 teaser repeated on two pages
    assert "only in related-article teasers of the 5 articles" in france.summary
    assert "in 2 of the 5 articles" not in france.summary
    us = seeds.partner("United States")  # its own body says it: counted
    assert "defence partner of Morocco in " in us.summary


def test_a_body_fact_keeps_a_plain_citation(tmp_path: Path) -> None:
    h = Handlers(FactStore(build(tmp_path / "f.sqlite3")))
    turkey = h.partner("Turkey")
    bought = next(s for s in turkey.sections if s.heading.startswith("Acquisitions"))
    assert bought.lines[0].endswith(" [1]") and "teaser" not in text(turkey)
    assert "in 1 of the 4 articles" in h.partner("Turkey").summary
