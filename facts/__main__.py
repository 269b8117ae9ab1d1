"""Command line of the fact compiler.

    python -m facts compile [SEEDS_DIR] [--db PATH] [--allow-empty] [--no-wait]
    python -m facts dump [--db PATH]
    python -m facts check [--db PATH]
    python -m facts rebuild [SEEDS_DIR] [--db PATH]

Every failure the user can act on (busy, damaged, foreign file, full disk, emptied folder)
is one line on stderr and a non-zero exit code, never a traceback; the fact base is left as
it was.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from . import store
from .errors import CompileBusy, FactBaseError
from .seeds import CompileOptions

EXIT_ERROR, EXIT_BUSY, EXIT_INTERRUPTED = 2, 3, 130
# Characters a terminal would act on (escapes, bidi overrides, zero-width): written as \uXXXX
# in the dump, which is the same JSON for a parser and harmless on a screen.
_UNSAFE_JSON = re.compile("[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def main(argv: list[str] | None = None) -> int:
    """Paths given on the command line are read against the current folder; the defaults come from
    the settings (``.env`` and the environment: SEEDS_DIR, FACTS_DB), against the project folder."""
    args = _parser().parse_args(argv)
    from .settings import ConfigError, load_settings

    try:
        settings = load_settings()
    except ConfigError as exc:
        _error(f"configuration: {exc}")
        return EXIT_ERROR
    db = args.db or settings.facts_db
    seeds = getattr(args, "seeds", None) or settings.seeds_dir
    if args.command == "compile":
        return _compile(seeds, db, args.quiet, args.allow_empty, not args.no_wait, settings.compile_options())
    if args.command == "check":
        return _check(db)
    if args.command == "rebuild":
        return _rebuild(seeds, db, settings.compile_options())
    return _dump(db)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m facts", description="Compile articles into the fact base.")
    sub = parser.add_subparsers(dest="command", required=True)
    comp = sub.add_parser("compile", help="compile new and changed articles (incremental, atomic)")
    comp.add_argument("seeds", nargs="?", type=Path, default=None,
                      help="folder of articles (default: SEEDS_DIR of .env or the environment)")
    comp.add_argument("--db", type=Path, default=None, help="fact base file (default: FACTS_DB)")
    comp.add_argument("--quiet", action="store_true", help="print the summary line only")
    comp.add_argument("--allow-empty", action="store_true",
                      help="accept an empty articles folder (removes every article from the fact base)")
    comp.add_argument("--no-wait", action="store_true",
                      help="exit at once (code 3) when another compile is running, instead of waiting for it")
    dump = sub.add_parser("dump", help="print every fact as JSON Lines")
    dump.add_argument("--db", type=Path, default=None)
    check = sub.add_parser("check", help="check the fact base file (PRAGMA quick_check) and say what to do")
    check.add_argument("--db", type=Path, default=None)
    rebuild = sub.add_parser("rebuild", help="set a damaged fact base aside and compile a new one, keeping"
                             " the digest's delivery records")
    rebuild.add_argument("seeds", nargs="?", type=Path, default=None)
    rebuild.add_argument("--db", type=Path, default=None)
    return parser


def _error(message: str) -> None:
    from facts.safe_text import display

    print(f"error: {display(message)}", file=sys.stderr)


def _compile(seeds: Path, db: Path, quiet: bool, allow_empty: bool, wait: bool, options: CompileOptions) -> int:
    from .compiler import compile_folder

    def waiting(holder: str) -> None:
        print(f"waiting for another compile to finish ({holder}) …", file=sys.stderr)

    try:
        report = compile_folder(seeds, db, progress=sys.stderr.isatty(), allow_empty=allow_empty, wait=wait,
                                on_wait=waiting, options=options)
    except CompileBusy as exc:
        _error(str(exc))
        return EXIT_BUSY
    except (FactBaseError, FileNotFoundError) as exc:
        _error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted: the fact base was left as it was", file=sys.stderr)
        return EXIT_INTERRUPTED
    if not quiet:
        _print_report(report)
    print(report.summary())
    return 0


def _print_report(report: object) -> None:
    from facts.safe_text import display

    lines = [f"added      {n}" for n in getattr(report, "added", [])]
    lines += [f"updated    {n}" for n in getattr(report, "updated", [])]
    lines += [f"removed    {n}" for n in getattr(report, "removed", [])]
    lines += [f"duplicate  {n} (same content as {o})" for n, o in getattr(report, "duplicates", [])]
    lines += [f"skipped    {n}: {r}" for n, r in getattr(report, "skipped", [])]
    lines += [f"repeated   {n}: {k} repeated lines kept once" for n, k in getattr(report, "repeated_blocks", [])]
    for line in lines:
        print(display(line))


def _reader(db: Path) -> store.FactStore | None:
    """The fact base opened read-only, or None after one line saying why it cannot be."""
    if not db.exists():
        _error(f"no fact base at {db}; run `python -m facts compile` to create it")
        return None
    try:
        return store.FactStore(db)
    except FactBaseError as exc:
        _error(str(exc))
        return None


def _dump(db: Path) -> int:
    facts = _reader(db)
    if facts is None:
        return EXIT_ERROR
    out = sys.stdout
    try:
        for doc in facts.documents(status=None):
            if doc.status == "skipped":
                continue
            rows = facts.facts(doc=doc.name)
            if doc.status == "duplicate":
                rows = [{"kind": "document", "doc": doc.name, "quote": doc.title, "title": doc.title,
                         "published": doc.published, "source": doc.source, "language": doc.language,
                         "duplicate_of": doc.duplicate_of}]
            for fact in rows:
                line = json.dumps(fact, ensure_ascii=False)
                out.write(_UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", line) + "\n")
    except FactBaseError as exc:
        _error(str(exc))
        return EXIT_ERROR
    finally:
        facts.close()
    return 0


def _check(db: Path) -> int:
    """One line: sound (with what it holds) or damaged/foreign (with what to do)."""
    facts = _reader(db)
    if facts is None:
        return EXIT_ERROR
    try:
        try:
            problems = facts.quick_check()
            articles, count = facts.counts()
        finally:
            facts.close()
    except FactBaseError as exc:
        _error(str(exc))
        return EXIT_ERROR
    if problems:
        _error(f"the fact base {db} is damaged ({problems[0]}); rebuild it from the articles with"
               " `python -m facts rebuild` (the digest's delivery records are backed up and kept)")
        return EXIT_ERROR
    print(f"ok: {db} is sound — {articles} articles, {count} facts")
    return 0


def _rebuild(seeds: Path, db: Path, options: CompileOptions) -> int:
    """Back up the delivery records, set the old file aside, compile anew, restore the records."""
    from .compiler import compile_folder
    from .store.deliveries import export_records, import_records, save_backup

    stamp = time.strftime("%Y%m%d-%H%M%S")
    records: dict[str, list[dict[str, object]]] = {}
    if db.exists():
        try:
            records = export_records(db)
        except FactBaseError as exc:
            print(f"note: no delivery record could be read from the old file ({exc})", file=sys.stderr)
        backup = db.with_name(f"{db.name}.records-{stamp}.json")
        save_backup(records, backup)
        aside = db.with_name(f"{db.name}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            part = db.with_name(db.name + suffix)
            if part.exists():
                part.rename(aside.with_name(aside.name + suffix))
        print(f"set the old file aside as {aside}; delivery records backed up in {backup}", file=sys.stderr)
    try:
        report = compile_folder(seeds, db, options=options)
        restored = import_records(db, records)
    except (FactBaseError, FileNotFoundError) as exc:
        _error(str(exc))
        return EXIT_ERROR
    print(f"rebuilt: {report.summary()}; {restored} delivery records restored")
    return 0


if __name__ == "__main__":
    sys.exit(main())
