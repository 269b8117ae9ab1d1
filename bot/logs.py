"""Logging for every mode: LOG_LEVEL from the settings, one line per record, library bookkeeping
(voice support the bot does not use, the scheduler's every run) below INFO, and in the console
each line printed above the prompt instead of through it."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TextIO

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# (logger name prefix, text in the message): records that only tell how a library is doing its job
BOOKKEEPING = (
    ("discord.client", "voice will NOT be supported"),
    ("apscheduler", ""),
)


class Demote(logging.Filter):
    """Library bookkeeping becomes DEBUG: shown with LOG_LEVEL=DEBUG, hidden otherwise."""

    def __init__(self, threshold: int):
        super().__init__()
        self.threshold = threshold

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.ERROR and any(record.name.startswith(name) and text in record.getMessage()
                                                 for name, text in BOOKKEEPING):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return record.levelno >= self.threshold


class AbovePrompt(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes each record on its own line above the prompt the console is showing, then draws the
    prompt (and what was typed so far) again. ``prompt()`` returns that text, or None when no
    prompt is shown (a question being answered, or input that is not a terminal)."""

    def __init__(self, stream: TextIO, prompt: Callable[[], str | None]):
        super().__init__(stream)
        self.prompt = prompt

    def emit(self, record: logging.LogRecord) -> None:
        shown = self.prompt()
        if shown is None:
            super().emit(record)
            return
        try:
            self.stream.write("\r\x1b[K" + self.format(record) + "\n" + shown)
            self.flush()
        except Exception:  # noqa: BLE001 — logging must never break the console
            self.handleError(record)


def setup_logging(level: str, handler: logging.Handler | None = None) -> None:
    """One handler on the root logger at ``level`` (DEBUG, INFO, WARNING, ERROR)."""
    threshold = logging.getLevelName(level)
    handler = handler or logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(threshold)
    handler.addFilter(Demote(threshold))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(min(threshold, logging.INFO))  # bookkeeping is demoted by the handler, not lost early
