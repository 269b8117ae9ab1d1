"""The local console: the same commands as Discord, answered as text, no network needed.

In a terminal the prompt has readline's editing and history (arrow keys, Ctrl-R; the history is
kept beside the fact base), and log lines or digests that arrive while you type are printed
above the prompt, which is then drawn again with what you had typed. `exit`, Ctrl-D or Ctrl-C
leave at once: a digest compile in progress is abandoned, the fact base left as it was.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from typing import Any, TextIO

from bot.cli import chart_note, ensure_fact_base, fact_base_problem, refuse
from bot.logs import AbovePrompt, setup_logging
from facts.settings import Settings
from handlers.i18n import N_, tr, using

log = logging.getLogger("bot")

PROMPT = "> "
BANNER = N_("Morocco defence-cooperation console. Type /help for the commands, exit to quit.")
FAILED = N_("Sorry, something went wrong while answering; see the log.")
EXIT_WORDS = {"exit", "quit", ":q", "/exit", "/quit"}
HISTORY_LINES = 1000


class Screen:
    """Output shared by the answers, the digest thread and the log: one writer at a time, and when
    the prompt is shown, text goes above it."""

    def __init__(self, out: TextIO, interactive: bool):
        self.out, self.interactive = out, interactive
        self.lock = threading.RLock()
        self.waiting = False  # the prompt is on screen, waiting for a line

    def prompt_line(self) -> str | None:
        if not (self.interactive and self.waiting):
            return None
        try:
            import readline

            typed = readline.get_line_buffer()
        except ImportError:
            typed = ""
        return PROMPT + typed

    def write(self, text: str) -> None:
        with self.lock:
            shown = self.prompt_line()
            if shown is None:
                print(text, file=self.out, flush=True)
            else:
                self.out.write("\r\x1b[K" + text + "\n" + shown)
                self.out.flush()

    def read(self, stdin: TextIO) -> str | None:
        """The next line, or None at the end of input (Ctrl-D)."""
        if not self.interactive:
            line = stdin.readline()
            return line if line else None
        self.waiting = True
        try:
            return input(PROMPT) + "\n"
        except EOFError:
            return None
        finally:
            self.waiting = False


def _history(settings: Settings) -> Any:
    """Load readline's history; returns the function that saves it (None without readline)."""
    try:
        import readline
    except ImportError:
        return None
    path = settings.facts_db.parent / ".console_history"
    with contextlib.suppress(OSError):
        readline.read_history_file(path)
    readline.set_history_length(HISTORY_LINES)

    def save() -> None:
        last = readline.get_current_history_length()
        if last and (readline.get_history_item(last) or "").strip().lower() in EXIT_WORDS:
            readline.remove_history_item(last - 1)  # the next session's ↑ should not bring back `exit`
        try:
            readline.write_history_file(path)
        except OSError:
            log.debug("could not save the console history to %s", path)
    return save


def console(settings: Settings, digest: bool = True, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout,
            level: str = "WARNING", lang: str = "en") -> int:
    """A local prompt answering the same commands as Discord, as text, in ``lang`` ('en', 'fr')."""
    from facts.errors import FactBaseError
    from facts.store import FactStore
    from handlers import Handlers
    from handlers.digest.cli import ConsoleDigest
    from handlers.text import render

    interactive = stdin.isatty() and out.isatty()
    screen = Screen(out, interactive)
    setup_logging(level, AbovePrompt(sys.stderr, screen.prompt_line) if interactive else None)
    ensure_fact_base(settings)
    problem = fact_base_problem(settings)
    if problem:
        return refuse(problem)
    try:
        handlers = Handlers(FactStore(settings.facts_db))
    except FactBaseError as exc:
        return refuse(str(exc))
    save_history = _history(settings) if interactive else None
    job = ConsoleDigest(settings, lambda text: screen.write(f"[digest]\n{text}")) if digest else None
    if job is not None and not job.start():
        job = None
    screen.write(tr(BANNER, lang))
    try:
        while (line := screen.read(stdin)) is not None:
            line = line.strip()
            if not line:
                continue
            if line.lower() in EXIT_WORDS:
                break
            try:
                with using(lang):
                    answer = handlers.dispatch(line)
                    text = "\n\n".join(render(page) for page in handlers.pages(answer))  # a long answer: every page
                    screen.write(text + chart_note(settings, answer) + "\n")
            except Exception:  # keep the prompt alive; the traceback goes to the log
                log.exception("answering %r failed", line[:80])
                screen.write(tr(FAILED, lang) + "\n")
    except KeyboardInterrupt:
        pass
    finally:
        if job is not None:
            job.stop()
        if save_history is not None:
            save_history()
        if interactive:
            out.write("\n")
    return 0
