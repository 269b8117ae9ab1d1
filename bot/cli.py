"""What `python bot.py …` does: Discord, the local console, one-shot `ask`, and the digest.

Kept out of ``bot.py`` so it can be tested and so the entry point stays a few lines.
Answers go to stdout; progress and warnings go to stderr, so `ask` prints only the answer.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from facts.safe_text import display
from facts.settings import ConfigError, Settings, load_settings

log = logging.getLogger("bot")

USAGE = """usage:
  python bot.py                     compile if needed, then run the Discord bot (console without a token)
  python bot.py console [--no-digest]   local prompt: type /partner Turkey, 'exit' to quit
  python bot.py ask "/partner Turkey"   one answer on stdout
  python bot.py digest --once       one digest scan printed to the terminal
"""
NO_TOKEN = ("DISCORD_TOKEN is not set, so the bot cannot connect to Discord. Copy .env.example to .env "
            "and fill it in; starting the local console instead.")
EXIT_WORDS = {"exit", "quit", ":q", "/exit", "/quit"}


def seed_files(seeds_dir: Path) -> dict[str, tuple[int, float]]:
    """Article files the compiler would look at: stored name → (size, mtime).

    ``facts.seeds`` is the compiler's own view of the folder, without its ~0.3 s of imports."""
    from facts.seeds import scan

    try:
        return {s.name: (s.size, s.mtime) for s in scan(seeds_dir)}
    except OSError:
        return {}


def is_stale(settings: Settings) -> bool:
    """True when the fact base is missing or does not match the seeds folder (names, sizes, mtimes).

    Cheap on purpose: it reads file stats and one table, never the articles, so `ask`
    stays fast when nothing changed.
    """
    if not settings.facts_db.exists():
        return True
    import sqlite3

    from facts.errors import FactBaseError
    from facts.store import FactStore

    try:
        store = FactStore(settings.facts_db)
        try:
            known = {r["name"]: (r["size"], r["mtime"]) for r in store.documents(status=None)}
        finally:
            store.close()
    except (sqlite3.Error, FactBaseError):
        return True
    files = seed_files(settings.seeds_dir)
    if set(known) != set(files):
        return True
    return any(known[n][0] != size or abs(float(known[n][1]) - mtime) > 1e-3
               for n, (size, mtime) in files.items())


def ensure_fact_base(settings: Settings, err: TextIO = sys.stderr) -> None:
    """Compile the seeds folder when the fact base is missing or stale; never fatal.

    Never waits for another compile: while one runs, the answers come from the current
    fact base (it shows the other compile's work as soon as that one commits)."""
    if not settings.seeds_dir.is_dir():
        print(f"warning: articles folder not found: {settings.seeds_dir}", file=err)
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


def open_handlers(settings: Settings, warm: bool = True) -> Any:
    """``warm=False`` for one-shot questions: pre-building every answer would only delay the exit.
    The store is opened read-only: answering works during a compile and on a read-only medium."""
    from facts.store import FactStore
    from handlers import Handlers

    return Handlers(FactStore(settings.facts_db), warm=warm)


def ask(settings: Settings, question: str, out: TextIO = sys.stdout) -> int:
    from facts.errors import FactBaseError
    from handlers.text import render

    ensure_fact_base(settings)
    try:
        handlers = open_handlers(settings, warm=False)
    except FactBaseError as exc:
        print(f"error: {display(str(exc))}", file=sys.stderr)
        return 2
    print(render(handlers.dispatch(question)), file=out)
    return 0


class DigestThread:
    """The console's digest job on its own event loop in a background thread (optional module)."""

    def __init__(self, settings: Settings, write: Callable[[str], Any]):
        self.settings, self.write = settings, write
        self.loop: asyncio.AbstractEventLoop | None = None
        self.task: asyncio.Task[Any] | None = None
        self.thread: threading.Thread | None = None

    def start(self) -> bool:
        if not self.settings.seeds_dir.is_dir():
            return False
        try:
            from handlers.digest_cli import console_digest_loop
        except ImportError:
            return False

        def run() -> None:
            self.loop = asyncio.new_event_loop()
            coro = console_digest_loop(self.settings, self.write)
            self.task = self.loop.create_task(coro)
            try:
                self.loop.run_until_complete(self.task)
            except (asyncio.CancelledError, Exception):
                log.debug("console digest stopped", exc_info=True)
            finally:
                self.loop.close()

        self.thread = threading.Thread(target=run, name="console-digest", daemon=True)
        self.thread.start()
        return True

    def stop(self) -> None:
        if self.loop and self.task and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.task.cancel)
        if self.thread:
            self.thread.join(timeout=5)


def console(settings: Settings, digest: bool = True, stdin: TextIO = sys.stdin,
            out: TextIO = sys.stdout) -> int:
    """A local prompt answering the same commands as Discord, as text; no network needed."""
    from facts.errors import FactBaseError
    from handlers.text import render

    ensure_fact_base(settings)
    try:
        handlers = open_handlers(settings)
    except FactBaseError as exc:
        print(f"error: {display(str(exc))}", file=sys.stderr)
        return 2
    interactive = stdin.isatty()
    lock = threading.Lock()

    def write(text: str) -> None:
        with lock:
            print(text, file=out, flush=True)

    job = DigestThread(settings, lambda text: write(f"\n[digest]\n{text}")) if digest else None
    if job is not None and not job.start():
        job = None
    write("Morocco defence-cooperation console. Type /help for the commands, exit to quit.")
    try:
        while True:
            if interactive:
                out.write("> ")
                out.flush()
            line = stdin.readline()
            if not line:  # EOF
                break
            line = line.strip()
            if not line:
                continue
            if line.lower() in EXIT_WORDS:
                break
            try:
                write(render(handlers.dispatch(line)) + "\n")
            except Exception:  # keep the prompt alive; the traceback goes to the log
                log.exception("answering %r failed", line[:80])
                write("Sorry, something went wrong while answering; see the log.\n")
    except KeyboardInterrupt:
        pass
    finally:
        if job is not None:
            job.stop()
    return 0


def digest_command(argv: list[str], settings: Settings) -> int:
    from handlers.digest_cli import digest_once_cli

    return digest_once_cli(argv, settings)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # a flag emoji must not crash a latin-1 terminal
    command = argv[0] if argv else "run"
    if command in ("-h", "--help", "help"):
        print(USAGE)
        return 0
    logging.basicConfig(level=logging.INFO if command == "run" else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    if command == "ask":
        question = " ".join(argv[1:]).strip()
        if not question:
            print('usage: python bot.py ask "/partner Turkey"', file=sys.stderr)
            return 2
        return ask(settings, question)
    if command == "console":
        return console(settings, digest="--no-digest" not in argv[1:])
    if command == "digest":
        return digest_command(argv[1:], settings)
    if command != "run":
        print(f"unknown command: {command}\n{USAGE}", file=sys.stderr)
        return 2
    ensure_fact_base(settings)
    if not settings.token:
        print(NO_TOKEN, file=sys.stderr)
        return console(settings)
    from bot.client import run_bot

    run_bot(settings)
    return 0
