"""The console in a real terminal (a pseudo-terminal): readline's history and editing, log lines
printed above the prompt with what was typed drawn again, and `exit` leaving at once."""

from __future__ import annotations

import io
import logging
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from handlers_sample import build

from bot.logs import AbovePrompt, setup_logging

ROOT = Path(__file__).resolve().parents[1]
UP = "\x1b[A"
PROMPT = "\n> "
CLEAR_LINE = "\r\x1b[K"


class Terminal:
    """`bot.py console` on a pseudo-terminal: what it shows is read from the other end."""

    def __init__(self, args: list[str], env: dict[str, str]):
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen([sys.executable, "bot.py", *args], cwd=ROOT, env=env, stdin=slave,
                                     stdout=slave, stderr=slave, close_fds=True, start_new_session=True)
        os.close(slave)
        self.shown = ""
        self.seen = 0  # how far ``expect`` has matched

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode("utf-8"))

    def expect(self, text: str, timeout: float = 60.0) -> str:
        """Wait until ``text`` is shown after what earlier calls matched; returns what was shown up to
        and including it (and moves past it). Fails after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while (at := self.shown.find(text, self.seen)) < 0:
            left = deadline - time.monotonic()
            assert left > 0, f"{text!r} not shown within {timeout} s; shown:\n{self.shown[-2000:]}"
            ready, _, _ = select.select([self.master], [], [], min(left, 0.2))
            if ready:
                try:
                    self.shown += os.read(self.master, 65536).decode("utf-8", "replace")
                except OSError:  # the console left: the terminal's other end is closed
                    raise AssertionError(f"{text!r} never shown; shown:\n{self.shown[-2000:]}") from None
        start, self.seen = self.seen, at + len(text)
        return self.shown[start:self.seen]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        os.close(self.master)


def console_env(seeds: Path, db: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "DEV_GUILD_ID", "LC_ALL", "LC_MESSAGES")}
    env.update(SEEDS_DIR=str(seeds), FACTS_DB=str(db), PYTHONUTF8="1", DISCORD_TOKEN="", TERM="xterm", LANG="C.UTF-8",
               **extra)  # English answers whatever the machine's language
    return env


def test_history_recalls_the_last_question_and_is_kept_for_next_time(tmp_path: Path) -> None:
    db = build(tmp_path / "facts.sqlite3")
    env = console_env(tmp_path / "no-seeds", db)
    term = Terminal(["console", "--no-digest"], env)
    try:
        term.expect(PROMPT)  # keys are typed at the prompt, as a person does
        term.type("/partner India\r")
        term.expect("Sanjeev Kumar")
        term.expect(PROMPT)
        term.type(UP + "\r")  # the arrow key brings back the last line; Enter asks it again
        term.expect("Sanjeev Kumar")
        term.expect(PROMPT)
        started = time.monotonic()
        term.type("exit\r")
        assert term.proc.wait(10) == 0
        assert time.monotonic() - started < 2.0, "exit leaves at once"
    finally:
        term.close()
    history = (tmp_path / ".console_history").read_text(encoding="utf-8").splitlines()
    assert history[-1] == "/partner India", "kept beside the fact base; `exit` is not kept"

    term = Terminal(["console", "--no-digest"], env)  # a new console starts with that history
    try:
        term.expect(PROMPT)
        term.type(UP + "\r")
        term.expect("Sanjeev Kumar")
        term.expect(PROMPT)
        term.type("\x04")  # Ctrl-D leaves too
        assert term.proc.wait(10) == 0
    finally:
        term.close()


def test_a_log_line_while_typing_goes_above_the_prompt_and_the_typing_is_kept(
        fresh_seeds: tuple[Path, Path]) -> None:
    seeds, db = fresh_seeds
    term = Terminal(["console"], console_env(seeds, db, DIGEST_INTERVAL="1"))
    try:
        term.expect(PROMPT)
        term.type("/partner Tur")  # half a question, not sent
        term.expect("/partner Tur")  # readline's echo
        (seeds / "empty.txt").write_bytes(b"")  # the digest logs it once: a file it will not post
        shown = term.expect("not posted: empty.txt")
        line = shown[shown.rfind("\n") + 1:]
        assert line.startswith(CLEAR_LINE), f"the prompt line is cleared, then the log written: {line!r}"
        assert term.expect(PROMPT + "/partner Tur").startswith(" (empty"), "then the prompt, as typed"
        term.type("key\r")  # the rest of the word: readline kept what was typed
        term.expect("Bayraktar")
        term.expect(PROMPT)
        term.type("exit\r")
        assert term.proc.wait(10) == 0
    finally:
        term.close()


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_above_prompt_clears_the_prompt_writes_the_line_and_draws_the_prompt_again(restore_logging) -> None:
    out = io.StringIO()
    typed: list[str | None] = ["> /budget 20"]
    setup_logging("INFO", AbovePrompt(out, lambda: typed[0]))
    logging.getLogger("digest").warning("scan failed")
    assert out.getvalue().startswith(CLEAR_LINE)
    assert out.getvalue().endswith(" WARNING digest: scan failed\n> /budget 20")
    out.truncate(0)
    out.seek(0)
    typed[0] = None  # no prompt on screen (an answer is being printed): a plain line
    logging.getLogger("digest").warning("again")
    assert out.getvalue().endswith(" WARNING digest: again\n") and CLEAR_LINE not in out.getvalue()


def test_library_bookkeeping_shows_only_at_debug(restore_logging) -> None:
    for level, shown in (("INFO", False), ("DEBUG", True)):
        out = io.StringIO()
        setup_logging(level, logging.StreamHandler(out))
        logging.getLogger("discord.client").warning("PyNaCl is not installed, voice will NOT be supported")
        logging.getLogger("apscheduler.executors.default").info('Job "scan" executed successfully')
        logging.getLogger("bot").info("invite link: https://example.invalid")
        text = out.getvalue()
        assert ("voice will NOT be supported" in text) is shown and ("executed successfully" in text) is shown
        assert "invite link" in text
