"""Helpers for extractor tests: run the real pipeline (clean → extract) on a text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from facts.clean import clean
from facts.extract import extract

TODAY = dt.date(2026, 11, 23)


def facts_of(text: str, today: dt.date = TODAY) -> list[dict[str, Any]]:
    return extract("test.txt", clean(text), today)


def of_kind(text: str, kind: str, today: dt.date = TODAY) -> list[dict[str, Any]]:
    return [f for f in facts_of(text, today) if f["kind"] == kind]


def partners(text: str) -> set[str]:
    return {f["country"] for f in of_kind(text, "partner")}


def article(title: str, *body: str) -> str:
    return "\n".join([title, "", *body])
