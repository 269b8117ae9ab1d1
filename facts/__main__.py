"""Command line of the fact compiler.

    python -m facts compile [SEEDS_DIR] [--db PATH]
    python -m facts dump [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import store
from .compiler import compile_folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m facts", description="Compile articles into the fact base.")
    sub = parser.add_subparsers(dest="command", required=True)
    comp = sub.add_parser("compile", help="compile new and changed articles (incremental, atomic)")
    comp.add_argument("seeds", nargs="?", type=Path, default=None, help="folder of articles (env SEEDS_DIR)")
    comp.add_argument("--db", type=Path, default=None, help="fact base file (env FACTS_DB)")
    comp.add_argument("--quiet", action="store_true", help="print the summary line only")
    dump = sub.add_parser("dump", help="print every fact as JSON Lines")
    dump.add_argument("--db", type=Path, default=None)
    args = parser.parse_args(argv)
    db = args.db or store.default_db_path()
    if args.command == "compile":
        return _compile(args.seeds or store.default_seeds_dir(), db, args.quiet)
    return _dump(db)


def _compile(seeds: Path, db: Path, quiet: bool) -> int:
    try:
        report = compile_folder(seeds, db, progress=sys.stderr.isatty())
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: the fact base was left as it was", file=sys.stderr)
        return 130
    if not quiet:
        for name in report.added:
            print(f"added      {name}")
        for name in report.updated:
            print(f"updated    {name}")
        for name in report.removed:
            print(f"removed    {name}")
        for name, original in report.duplicates:
            print(f"duplicate  {name} (same content as {original})")
        for name, reason in report.skipped:
            print(f"skipped    {name}: {reason}")
        for name, lines in report.repeated_blocks:
            print(f"repeated   {name}: {lines} repeated lines kept once")
    print(report.summary())
    return 0


def _dump(db: Path) -> int:
    if not db.exists():
        print(f"error: no fact base at {db}; run `python -m facts compile` first", file=sys.stderr)
        return 2
    facts = store.FactStore(db)
    out = sys.stdout
    try:
        for doc in facts.documents(status=None):
            if doc["status"] == "skipped":
                continue
            rows = facts.facts(doc=doc["name"])
            if doc["status"] == "duplicate":
                rows = [{"kind": "document", "doc": doc["name"], "quote": doc["title"], "title": doc["title"],
                         "published": doc["published"], "source": doc["source"], "language": doc["language"],
                         "duplicate_of": doc["duplicate_of"]}]
            for fact in rows:
                out.write(json.dumps(fact, ensure_ascii=False) + "\n")
    finally:
        facts.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
