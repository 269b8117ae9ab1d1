"""Our date rules against dateparser, on the table of forms (tests/fixtures/forms/dates.json).

    python -m benchmarks.date_forms            # a Markdown table per group of forms, then timings

Columns, per group of forms (bylines, datelines, traps, full dates, relative dates, weekdays…):
- ``compiler``: what the compiler does (``facts.clean.read_page_dates`` / ``facts.dates.resolve``):
  our patterns find a date, dateparser reads byline tokens and relative offsets, our rules the rest;
- ``own only``: our patterns and our month table alone (byline tokens read without dateparser);
- ``dateparser alone``: ``dateparser.search.search_dates`` over the same text, French and English,
  day first, relative to the publication date — or, with none, to a made-up "today" (2026-11-23):
  whatever it returns then is a date computed from nothing, counted wrong where the table expects
  no date. Its answer is cut to the precision the table expects (it has no notion of precision).
"""

from __future__ import annotations

import datetime as dt
import json
import time
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

from facts.clean import read_page_dates
from facts.date_resolve import resolve
from facts.dates import ArticleYears, find_dates
from facts.page_dates import own_page_date, page_dates

TABLE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "forms" / "dates.json"
FAKE_TODAY = dt.datetime(2026, 11, 23)


def _compiler(form: dict[str, Any]) -> str | None:
    if form["kind"] == "page":
        return read_page_dates(["Titre", *form["lines"]]).published
    mine = find_dates(form["text"])
    others = [m for s in form.get("also", []) for m in find_dates(s)]
    pub = dt.date.fromisoformat(form["published"]) if form["published"] else None
    resolve(mine + others, pub, ArticleYears(tuple(form.get("title_years", [])), tuple(form.get("body_years", []))))
    return mine[0].resolved if mine else None


def _own_only(form: dict[str, Any]) -> str | None:
    if form["kind"] != "page":
        return _compiler(form)  # in running text the compiler reads full dates with our own table already
    import facts.page_dates as dates

    saved = dates.parse_page_date
    dates.parse_page_date = lambda token, iso=False: own_page_date(token)  # type: ignore[assignment]
    try:
        return read_page_dates(["Titre", *form["lines"]]).published
    finally:
        dates.parse_page_date = saved


def _dateparser(form: dict[str, Any]) -> str | None:
    from dateparser.search import search_dates

    text = "\n".join(form["lines"]) if form["kind"] == "page" else form["text"]
    base = dt.datetime.fromisoformat(form["published"]) if form.get("published") else FAKE_TODAY
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["fr", "en"], settings={
            "RELATIVE_BASE": base, "DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"})
    if not found:
        return None
    expect = form.get("published") if form["kind"] == "page" else form.get("expect")
    size = len(expect) if expect else 10
    return found[0][1].date().isoformat()[:size]


def _expected(form: dict[str, Any]) -> str | None:
    return form["published"] if form["kind"] == "page" else form["expect"]


def measure() -> dict[str, Any]:
    forms = json.loads(TABLE.read_text(encoding="utf-8"))["forms"]
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    timing = {"compiler": 0.0, "dateparser": 0.0}
    _dateparser(forms[0])  # load dateparser's languages once, outside the timings
    _compiler(forms[0])
    for form in forms:
        group = f"{form['kind']}: {form['group']}"
        want = _expected(form)
        t0 = time.perf_counter()
        ours = _compiler(form)
        timing["compiler"] += time.perf_counter() - t0
        own = _own_only(form)
        t0 = time.perf_counter()
        theirs = _dateparser(form)
        timing["dateparser"] += time.perf_counter() - t0
        row = rows[group]
        row[0] += 1
        row[1] += ours == want
        row[2] += own == want
        row[3] += theirs == want
        label = " / ".join(form["lines"]) if form["kind"] == "page" else f"{form['text']} @ {form['published']}"
        if theirs != want:
            misses["dateparser"].append(f"{label[:70]} → {theirs} (want {want})")
        if own != want:
            misses["own only"].append(f"{label[:70]} → {own} (want {want})")
    return {"rows": dict(rows), "misses": dict(misses), "timing": timing, "n": len(forms),
            "tokens": _token_timing(forms)}


def _token_timing(forms: list[dict[str, Any]]) -> dict[str, float]:
    """Reading one located byline token: our month table vs dateparser (ms per token)."""
    from facts.page_dates import _dateparser_absolute

    lines = [line for f in forms if f["kind"] == "page" for line in f["lines"]]
    tokens = [line[p.start:p.end] for line in lines for p in page_dates(line)]
    out = {}
    for name, fn in (("own", own_page_date), ("dateparser", lambda t: _dateparser_absolute(t, ("fr", "en")))):
        t0 = time.perf_counter()
        for _ in range(5):
            for t in tokens:
                fn(t)
        out[name] = (time.perf_counter() - t0) / (5 * max(1, len(tokens))) * 1000
    return out


def main() -> None:
    result = measure()
    print(f"{result['n']} forms (tests/fixtures/forms/dates.json)\n")
    print("| forms | n | compiler | own only | dateparser alone |")
    print("|---|---|---|---|---|")
    total = [0, 0, 0, 0]
    for group, (n, ours, own, theirs) in sorted(result["rows"].items()):
        print(f"| {group} | {n} | {ours} | {own} | {theirs} |")
        total = [a + b for a, b in zip(total, (n, ours, own, theirs), strict=True)]
    print(f"| **all** | {total[0]} | {total[1]} | {total[2]} | {total[3]} |")
    tok = result["tokens"]
    print(f"\nreading a byline token: own {tok['own']:.3f} ms, dateparser {tok['dateparser']:.3f} ms")
    print(f"whole table: compiler {result['timing']['compiler'] * 1000:.0f} ms, "
          f"dateparser.search_dates {result['timing']['dateparser'] * 1000:.0f} ms")
    for who, lines in result["misses"].items():
        print(f"\n{who} gets wrong:")
        for line in lines:
            print(f"  - {line}")


if __name__ == "__main__":
    main()
