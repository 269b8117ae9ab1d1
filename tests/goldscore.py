"""Score compiled facts against hand-checked gold in the format of ``../shared/eval/score.py``.

The same rules as that script (which the repository cannot import: CI checks out this
repository alone): a system matches when one name contains the other as whole words, or
they are nearly the same string; partners, acquisitions and events are counted per article,
and anything in a ``_not`` list is a violation.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def same_system(found: str, names: list[str]) -> bool:
    f = fold(found)
    for name in names:
        g = fold(name)
        if (
            f
            and g
            and (
                f == g
                or f"{g} " in f"{f} "
                or f" {g}" in f" {f}"
                or g.replace(" ", "") == f.replace(" ", "")
                or difflib.SequenceMatcher(None, f, g).ratio() >= 0.9
            )
        ):
            return True
    return False


@dataclass
class Score:
    counts: dict[str, list[int]] = field(default_factory=dict)  # metric → [hits, total]
    violations: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, metric: str, hit: int, total: int) -> None:
        pair = self.counts.setdefault(metric, [0, 0])
        pair[0] += hit
        pair[1] += total

    def ratio(self, metric: str) -> float:
        hit, total = self.counts.get(metric, [0, 0])
        return 1.0 if total == 0 else hit / total


def score(facts: list[dict[str, Any]], gold: dict[str, Any]) -> Score:
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for f in facts:
        by_doc.setdefault(Path(str(f.get("doc", ""))).name, []).append(f)
    out = Score()
    for doc, g in gold["docs"].items():
        mine = by_doc.get(doc, [])
        _partners(out, doc, g, mine)
        _acquisitions(out, doc, g, mine)
        _events(out, doc, g, mine)
    budgets = [f for f in facts if f.get("kind") == "budget" and f.get("scope", "total") == "total"]
    for bad in gold.get("budgets_not", []):
        if any(
            f.get("year") == bad["year"] and abs(float(f["amount"]) - bad["amount"]) <= 0.01 * bad["amount"]
            for f in budgets
        ):
            out.violations.append(f"budget {bad['year']} = {bad['amount']:.4g} reported as a total")
    return out


def _partners(out: Score, doc: str, g: dict[str, Any], mine: list[dict[str, Any]]) -> None:
    found = {f.get("country") for f in mine if f.get("kind") == "partner"}
    need, ok = set(g["partners"]), set(g["partners"]) | set(g.get("partners_ok", []))
    out.add("partner_recall", len(need & found), len(need))
    out.add("partner_precision", len(found & ok), len(found))
    out.misses += [f"{doc}: partner {c} missing" for c in sorted(need - found)]
    out.violations += [f"{doc}: partner {c}" for c in sorted(found & set(g.get("partners_not", [])))]


def _acquisitions(out: Score, doc: str, g: dict[str, Any], mine: list[dict[str, Any]]) -> None:
    acqs = [f for f in mine if f.get("kind") == "acquisition"]
    for want in g["acquisitions"]:
        names = [want["system"], *want.get("aliases", [])]
        match = [f for f in acqs if same_system(f.get("system", ""), names)]
        out.add("acq_recall", 1 if match else 0, 1)
        if not match:
            out.misses.append(f"{doc}: acquisition {want['system']} missing")
            continue
        for key in ("supplier", "quantity", "year"):
            if key in want:
                allowed = want[key] if isinstance(want[key], list) else [want[key]]
                out.add("acq_attributes", 1 if any(f.get(key) in allowed for f in match) else 0, 1)
    for f in acqs:
        for bad in g.get("acquisitions_not", []):
            if same_system(f.get("system", ""), [bad["system"], *bad.get("aliases", [])]):
                out.violations.append(f"{doc}: acquisition {f.get('system')}")


def _events(out: Score, doc: str, g: dict[str, Any], mine: list[dict[str, Any]]) -> None:
    events = [f for f in mine if f.get("kind") == "event"]
    for want in g.get("events", []):
        dates = {want["date"], *want.get("accept", [])}
        hit = any(
            str(f.get("date")) in dates and set(f.get("countries") or []) & set(want["countries"]) for f in events
        )
        out.add("event_recall", 1 if hit else 0, 1)
        if not hit:
            out.misses.append(f"{doc}: event {want['countries']} on {want['date']} missing")
