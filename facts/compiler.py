"""Compile a folder of article files into the fact base (incremental, atomic)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class CompileReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, file it copies)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    unchanged: int = 0
    waiting: list[str] = field(default_factory=list)  # files the accept() filter held back
    seconds: float = 0.0


Accept = Callable[[Path, os.stat_result], bool]


def compile_folder(seeds_dir: Path, db_path: Path, *, progress: bool = False,
                   accept: Accept | None = None) -> CompileReport:
    raise NotImplementedError
