"""The README's benchmark table, generated from ``var/bench.json``: each size side by side, and
between two sizes the growth factor of each figure (larger ÷ smaller).

Why generated: the figures change with every run and every machine; a table copied by hand
goes stale, and the growth factors are what tell a linear cost from a constant one.
``python -m benchmarks.table`` rewrites the part of README.md between the two markers below
(``make bench`` does it after measuring).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- bench-table:start -->", "<!-- bench-table:end -->"
COMMANDS = ["partner", "budget", "acquisitions", "search", "timeline", "sources", "autocomplete"]
# (field, what it is): the figures shown, in order
FIGURES: list[tuple[str, str]] = [
    ("compile_s", "cold compile (s)"), ("docs_per_s", "compile speed (docs/s)"),
    ("peak_rss_mb", "compile peak RSS (MB)"), ("incremental_s", "one new article → stored facts (s)"),
    ("digest_s", "one new article → rendered digest (s)"), ("rescan_s", "rescan, nothing changed: full sweep (s)"),
    ("quick_rescan_s", "rescan, nothing changed: between sweeps (s)"),
    ("startup_s", "start-up, `bot.py ask /help` (s)"), ("rss_mb", "start-up RSS (MB)"),
    ("handlers_rss_mb", "warmed handlers RSS (MB)"),
    *[(f"{c}_p99_ms", f"`/{c}` p99 (ms)") for c in COMMANDS],
    ("chart_p99_ms", "`/budget` chart p99 (ms)"),
]


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _cell(value: float | None) -> str:
    if value is None:
        return "n/a"
    if abs(value) >= 100:
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:.2f}" if abs(value) >= 0.1 else f"{value:.3f}"


def _growth(small: float | None, large: float | None) -> str:
    if small is None or large is None or small <= 0:
        return "n/a"
    return f"×{large / small:.2f}"


def markdown(rows: dict[str, dict[str, Any]]) -> str:
    """The table for every measured size (ascending), with a growth column between neighbours."""
    sizes = sorted(rows, key=int)
    if not sizes:
        return "_No benchmark results yet: run `make bench`._"
    header = ["figure"]
    for i, size in enumerate(sizes):
        if i:
            header.append(f"× {int(sizes[i - 1]):,}→{int(size):,}".replace(",", " "))
        header.append(f"N = {int(size):,}".replace(",", " "))
    lines = ["| " + " | ".join(header) + " |", "|---" + "|---:" * (len(header) - 1) + "|"]
    for key, label in FIGURES:
        values = [_number(rows[s].get(key)) for s in sizes]
        if all(v is None for v in values):
            continue
        cells = [label]
        for i, value in enumerate(values):
            if i:
                cells.append(_growth(values[i - 1], value))
            cells.append(_cell(value))
        lines.append("| " + " | ".join(cells) + " |")
    dates = sorted({str(rows[s].get("measured_at", "?")) for s in sizes})
    lines.append("")
    lines.append(f"Measured {', '.join(dates)} ({rows[sizes[-1]].get('cpus', '?')} CPUs, Python "
                 f"{rows[sizes[-1]].get('python', '?')}); every field: `var/bench.json`.")
    return "\n".join(lines)


def update_readme(readme: Path, table: str) -> bool:
    """Put ``table`` between the markers of ``readme``; False (file untouched) without markers."""
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        return False
    new = text[:start + len(START)] + "\n" + table + "\n" + text[end:]
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.table", description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=ROOT / "var" / "bench.json")
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    parser.add_argument("--print", action="store_true", help="print the table instead of writing the README")
    args = parser.parse_args(argv)
    try:
        rows = json.loads(args.json.read_text(encoding="utf-8"))
    except FileNotFoundError:
        print(f"error: no results at {args.json}; run `make bench` first", file=sys.stderr)
        return 2
    except json.JSONDecodeError as exc:
        print(f"error: {args.json} is not valid JSON ({exc})", file=sys.stderr)
        return 2
    if not isinstance(rows, dict):
        print(f"error: {args.json} does not hold results keyed by size", file=sys.stderr)
        return 2
    table = markdown({k: v for k, v in rows.items() if k.isdigit() and isinstance(v, dict)})
    if args.print:
        print(table)
        return 0
    if not update_readme(args.readme, table):
        print(f"error: {args.readme} has no {START} … {END} markers", file=sys.stderr)
        return 2
    print(f"benchmark table written to {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
