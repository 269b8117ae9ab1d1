"""What `python bot.py …` does: Discord, the local console, one-shot `ask`, and the digest.

The settings are built here, once, and passed down. Answers go to stdout; progress, warnings
and errors go to stderr, so `ask` prints only the answer. Whatever stops a start (a bad value
in .env, a missing or empty fact base, a refused token, no network) is one line and exit code 2.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.logs import setup_logging
from facts.safe_text import display
from facts.settings import ConfigError, Settings, load_settings

if TYPE_CHECKING:
    from handlers.answers import Answer
    from handlers.intake import Kind

log = logging.getLogger("bot")

USAGE = """usage:
  python bot.py                     compile if needed, then run the Discord bot (console without a token)
  python bot.py console [--no-digest]   local prompt: type /partner Turkey, 'exit' to quit
  python bot.py ask "/partner Turkey"   one answer on stdout
  --lang fr (with ask, add or console)   answers in French (default: from LANG, e.g. fr_FR.UTF-8; else English)
  python bot.py digest --once       one digest scan printed to the terminal
  python bot.py add PATH_OR_URL     save an article (.txt, .md, .html, .htm, or a web address) into the
                                    seeds folder, compile it, print what it holds
"""
NO_TOKEN = ("DISCORD_TOKEN is not set, so the bot cannot connect to Discord. Copy .env.example to .env "
            "and fill it in; starting the local console instead.")
EXIT_ERROR = 2


def seed_files(seeds_dir: Path, policy: str = "inside") -> dict[str, tuple[int, float]]:
    """Article files the compiler would look at: stored name → (size, mtime).

    ``facts.seeds`` is the compiler's own view of the folder, without its ~0.3 s of imports."""
    from facts.seeds import scan

    try:
        return {s.name: (s.size, s.mtime) for s in scan(seeds_dir, policy)}
    except OSError:
        return {}


def is_stale(settings: Settings) -> bool:
    """True when the fact base is missing or does not match the seeds folder's names: a file added,
    removed or renamed (a new name is looked at, to know whether it is an article at all).

    Cheap on purpose: when the folder's stamp (link policy, inode, mtime) is the one the last
    compile recorded, and no ``documents`` row changed since, nothing is listed at all (a create,
    delete or rename moves the folder's mtime). Otherwise it lists the folder's names and reads
    three columns of one table, never the articles, and has no ``stat`` per known file
    (``facts.seeds.quick_look``: 0.65 s at 100 000 files). The trade-off: an article edited in
    place, under its name, is not seen here; the running digest's next full sweep
    (``DIGEST_SWEEP_INTERVAL``) or ``python -m facts compile`` compiles it."""
    if not settings.facts_db.exists():
        return True
    from facts.errors import FactBaseError
    from facts.seeds import folder_stamp, quick_look
    from facts.store import FactStore

    try:
        store = FactStore(settings.facts_db)
        try:
            stamp = folder_stamp(settings.seeds_dir, settings.seeds_symlinks)
            if stamp is not None and store.folder_stamp() == stamp:
                return False  # the folder's names are the ones the last compile saw: no listing at all
            known = store.file_looks()
        finally:
            store.close()
    except FactBaseError:
        return True
    try:
        folder, _ = quick_look(settings.seeds_dir, settings.seeds_symlinks, known)
    except OSError:
        return bool(known)
    return bool(folder.changed) or len(folder.present) != len(known)


def ensure_fact_base(settings: Settings, err: TextIO = sys.stderr) -> None:
    """Compile the seeds folder when the fact base is missing or stale; never fatal.

    Never waits for another compile: while one runs, the answers come from the current
    fact base (it shows the other compile's work as soon as that one commits)."""
    if not settings.seeds_dir.is_dir():
        print(f"warning: articles folder not found: {settings.seeds_dir} (SEEDS_DIR)", file=err)
        return
    if not is_stale(settings):
        return
    from facts.errors import CompileBusy, FactBaseError
    from facts.locks import compile_running

    if compile_running(settings.facts_db):
        print("another compile is running; answering from the current fact base", file=err)
        return
    print(f"compiling {settings.seeds_dir} into {settings.facts_db} …", file=err)
    try:
        from facts.compiler import compile_folder

        report = compile_folder(settings.seeds_dir, settings.facts_db, wait=False,
                                options=settings.compile_options())
    except CompileBusy:
        print("another compile is running; answering from the current fact base", file=err)
        return
    except FactBaseError as exc:
        print(f"warning: {display(str(exc))}; answering from what is already there", file=err)
        return
    except Exception as exc:  # a broken compile must not stop the answers from the last good base
        log.debug("compile failed", exc_info=True)
        print(f"warning: could not compile the fact base ({type(exc).__name__}: {display(str(exc))}); "
              "answering from what is already there", file=err)
        return
    print(f"compiled: {len(report.added)} added, {len(report.updated)} updated, "
          f"{len(report.removed)} removed,"
          f" {report.unchanged} unchanged ({report.seconds:.1f} s)", file=err)


def fact_base_problem(settings: Settings) -> str | None:
    """Why the fact base cannot answer (missing, unreadable, damaged, empty), or None when it can.

    A sound base is opened and its kept article count read (no scan of the folder, no count over
    every fact); the folder is looked at only to say why there is nothing to answer from."""
    from facts.errors import FactBaseError
    from facts.store import FactStore

    db = settings.facts_db
    if not db.exists():
        return f"no fact base at {db}: {_why_empty(settings)}"
    try:
        store = FactStore(db)
        try:
            articles, _ = store.document_counts()
        finally:
            store.close()
    except FactBaseError as exc:
        return str(exc)
    if not articles:
        return f"the fact base {db} holds no article, so there is nothing to answer from: {_why_empty(settings)}"
    return None


def _why_empty(settings: Settings) -> str:
    seeds = settings.seeds_dir
    if not seeds.is_dir():
        return f"the articles folder {seeds} does not exist (set SEEDS_DIR in .env)"
    if not seed_files(seeds, settings.seeds_symlinks):
        return f"{seeds} has no article files: put articles there (one text file each, title on the first line)"
    return f"the articles in {seeds} could not be compiled (see the lines above)"


def refuse(problem: str) -> int:
    print(f"error: {display(problem)}", file=sys.stderr)
    return EXIT_ERROR


def take_lang(argv: list[str], environ: dict[str, str] | None = None) -> tuple[str | None, list[str], str]:
    """Remove ``--lang X`` / ``--lang=X`` from the arguments: (problem or None, the other arguments,
    the language). Without it the language comes from LC_ALL, LC_MESSAGES or LANG."""
    from handlers.i18n import LANGS, env_language

    rest: list[str] = []
    asked: str | None = None
    args = iter(argv)
    for arg in args:
        if arg == "--lang":
            asked = next(args, "")
        elif arg.startswith("--lang="):
            asked = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    if asked is None:
        return None, rest, env_language(environ)
    if asked.strip().lower() not in LANGS:
        return f"--lang takes one of {', '.join(LANGS)}, not {asked[:20]!r}", rest, "en"
    return None, rest, asked.strip().lower()


def ask(settings: Settings, question: str, out: TextIO = sys.stdout, lang: str = "en") -> int:
    from facts.errors import FactBaseError
    from facts.store import FactStore
    from handlers import Handlers
    from handlers.i18n import using
    from handlers.text import render

    ensure_fact_base(settings)
    problem = fact_base_problem(settings)
    if problem:
        return refuse(problem)
    try:
        handlers = Handlers(FactStore(settings.facts_db), warm=False)  # one question: no warm-up
    except FactBaseError as exc:
        return refuse(str(exc))
    with using(lang):
        answer = handlers.dispatch(question)
        text = "\n\n".join(render(page) for page in handlers.pages(answer))  # a long answer: every page
        print(text + chart_note(settings, answer), file=out)
    return 0


def chart_note(settings: Settings, answer: Answer) -> str:
    """Draw the answer's chart (if any) into ``charts/budget.png`` beside the fact base and say
    where, as a line to print after the answer; a chart that cannot be written is said so."""
    if answer.chart is None:
        return ""
    from handlers import chart
    from handlers.i18n import tr

    folder = chart.charts_folder(settings.facts_db)
    try:
        path = chart.save(chart.render(answer.chart), folder)
    except OSError as exc:
        problem = str(exc.strerror or exc)
        return "\n" + tr("Chart not written to {folder}: {problem}", folder=str(folder), problem=problem)
    return "\n" + tr("Chart (PNG): {path}", path=str(path))


def add(settings: Settings, where: str, out: TextIO | None = None, lang: str = "en") -> int:
    """`bot.py add PATH_OR_URL`: the confirmation on stdout, in ``lang``; exit 0 when the fact base
    has the article (added now or already there), 1 when it was refused."""
    from handlers.i18n import using

    with using(lang):
        return _add(settings, where, out or sys.stdout)


def _add(settings: Settings, where: str, out: TextIO) -> int:
    from handlers.i18n import tr
    from handlers.intake import add_article

    if re.match(r"(?i)https?://", where):
        import asyncio

        from handlers.fetch import FetchRefused, fetch_page

        try:
            page = asyncio.run(fetch_page(where, allow_private=settings.allow_private_urls,
                                          max_bytes=int(settings.fetch_max_mb * 1048576),
                                          timeout=settings.fetch_timeout))
        except FetchRefused as exc:
            print(display(tr("Not added: {reason}", reason=str(exc))), file=out)
            return 1
        result = add_article(settings, page.data, "html", url=page.url)
    else:
        data, kind, problem = read_local(Path(where), settings.compile_options().max_file_bytes)
        if problem or data is None or kind is None:
            print(display(tr("Not added: {reason}", reason=problem or "?")), file=out)
            return 1
        result = add_article(settings, data, kind)
    print(result.text(), file=out)
    return 1 if result.status == "refused" else 0


def read_local(path: Path, limit: int) -> tuple[bytes | None, Kind | None, str | None]:
    """A file named on the command line: (bytes, kind, None) or (None, None, why not)."""
    from facts.html import is_html
    from handlers.i18n import megabytes, tr
    from handlers.intake import SUFFIXES, kind_of

    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                return None, None, tr("{path} is not a regular file", path=str(path))
            if st.st_size > limit:
                return None, None, tr("{path} is too large ({size} MB; the limit is {limit} MB)", path=str(path),
                                      size=megabytes(st.st_size), limit=megabytes(limit, 0))
            data = fh.read(limit + 1)
    except OSError as exc:
        return None, None, tr("cannot read {path}: {error}", path=str(path), error=str(exc.strerror or exc))
    kind = kind_of(path.name) or ("html" if is_html("", data) else None)
    if kind is None:
        return None, None, tr("{name}: only {suffixes} files are articles", name=path.name,
                              suffixes=", ".join(sorted(SUFFIXES)))
    return data, kind, None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    problem, argv, lang = take_lang(argv)
    if problem:
        print(f"{problem}\n{USAGE}", file=sys.stderr)
        return EXIT_ERROR
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # a flag emoji must not crash a latin-1 terminal
    command = argv[0] if argv else "run"
    if command in ("-h", "--help", "help"):
        print(USAGE)
        return 0
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    quiet = "DEBUG" if settings.log_level == "DEBUG" else "WARNING"  # answers, not chatter, in a terminal
    if command == "ask":
        setup_logging(quiet)
        question = " ".join(argv[1:]).strip()
        if not question:
            print('usage: python bot.py ask "/partner Turkey"', file=sys.stderr)
            return EXIT_ERROR
        return ask(settings, question, lang=lang)
    if command == "console":
        from bot.console import console

        return console(settings, digest="--no-digest" not in argv[1:], level=quiet, lang=lang)
    if command == "digest":
        setup_logging(quiet)
        from handlers.digest.cli import digest_once_cli

        return digest_once_cli(argv[1:], settings)
    if command == "add":
        setup_logging(quiet)
        if len(argv) != 2 or not argv[1].strip():
            print("usage: python bot.py add PATH_OR_URL", file=sys.stderr)
            return EXIT_ERROR
        return add(settings, argv[1].strip(), lang=lang)
    if command != "run":
        print(f"unknown command: {command}\n{USAGE}", file=sys.stderr)
        return EXIT_ERROR
    setup_logging(settings.log_level)
    ensure_fact_base(settings)
    if not settings.token:
        print(NO_TOKEN, file=sys.stderr)
        from bot.console import console

        return console(settings, level=quiet, lang=lang)
    problem = fact_base_problem(settings)
    if problem:
        return refuse(problem)
    from bot.client import run_bot

    return run_bot(settings)
