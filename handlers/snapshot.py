"""The fact base parsed once and indexed in memory, rebuilt only when the base changes.

Why: reading and JSON-parsing every fact of a kind for each question costs hundreds of
milliseconds at 10 000 articles. The base changes only when the compiler (or the
digest's compile) commits, so one parsed copy serves every question until then.
``SnapshotCache.get`` checks ``PRAGMA data_version`` (microseconds) on every call and,
when it moved, a fingerprint of the documents, so a compile beside the bot still shows
up at the very next question, and delivery records written by the digest don't cost a
rebuild. In the bot (``background=True``) the new version is parsed in a background thread
with its own read-only connection while questions keep getting answers from the current
one: a compile of thousands of articles never makes a question wait for the reload.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from facts.models import Evidence, Fact
from facts.store import DocumentRow, FactStore
from handlers.formatting import shorten

T = TypeVar("T")
log = logging.getLogger(__name__)
MEMO_MAX = 1024  # values kept per snapshot
# Lines (and quotes) of memoised answers kept per snapshot, ~250 bytes each: ~110 MB.
# At 10 000 articles every warmed answer fits; beyond, memory stays bounded and the
# least recently used answers go first.
MEMO_LINES = 450_000


def weight(value: Any) -> int:
    """How many lines an answer holds (1 for anything else): what its memory grows with."""
    sections, sources = getattr(value, "sections", None), getattr(value, "sources", None)
    if sections is None or sources is None:
        return 1
    return 1 + sum(len(s.lines) for s in sections) + sum(len(s.quotes) for s in sources)


@dataclass
class Snapshot:
    """What every question of one fact-base version sees. Treated as read-only."""

    docs: dict[str, DocumentRow]  # status ok, by name, in name order
    n_not_used: int  # duplicates and skipped files
    by_kind: dict[str, list[Fact]]  # facts of ok articles, in id order
    by_country: dict[tuple[str, str], list[Fact]]  # (country, kind) → facts, id order
    partner_counts: dict[str, int]
    _quotes: dict[str, str] = field(default_factory=dict)
    _memo: OrderedDict[Hashable, tuple[Any, int]] = field(default_factory=OrderedDict)
    _memo_lines: int = 0
    _derived: dict[Hashable, Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load(cls, store: FactStore) -> Snapshot:
        rows = store.documents(status=None)
        docs = {r.name: r for r in rows if r.status == "ok"}
        by_id: dict[int, Fact] = {}
        by_kind: dict[str, list[Fact]] = {}
        shared: dict[Evidence, Evidence] = {}  # one copy of each evidence: several facts come from one sentence
        for fact_id, fact in store.fact_items():
            if fact.evidence.doc in docs:  # a skipped or duplicate file must not speak
                fact.evidence = shared.setdefault(fact.evidence, fact.evidence)
                by_id[fact_id] = fact
                by_kind.setdefault(fact.kind, []).append(fact)
        by_country: dict[tuple[str, str], list[Fact]] = {}
        for country, fact_id in store.fact_countries():
            known = by_id.get(fact_id)
            if known is not None:
                by_country.setdefault((country, known.kind), []).append(known)
        return cls(docs, len(rows) - len(docs), by_kind, by_country, store.partner_counts())

    def facts(self, kind: str) -> list[Fact]:
        return self.by_kind.get(kind, [])

    def facts_for(self, code: str, kind: str) -> list[Fact]:
        return self.by_country.get((code, kind), [])

    def quote(self, text: str) -> str:
        """``shorten`` of a quoted sentence, computed once per sentence and version."""
        short = self._quotes.get(text)
        if short is None:
            short = self._quotes[text] = shorten(text)
        return short

    def derived(self, key: Hashable, make: Callable[[], T]) -> T:
        """A per-version index (sorted lists, grouped figures): small, never evicted."""
        if key not in self._derived:
            self._derived[key] = make()
        return self._derived[key]  # type: ignore[no-any-return]

    def memo(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value ``make`` gives for ``key`` in this version: answers depend on nothing else.
        Safe beside the warm-up thread (``make`` runs unlocked; a race builds a value twice)."""
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key][0]  # type: ignore[no-any-return]
        value = make()
        size = weight(value)
        with self._lock:
            if key not in self._memo:
                self._memo[key] = (value, size)
                self._memo_lines += size
            while len(self._memo) > 1 and (len(self._memo) > MEMO_MAX or self._memo_lines > MEMO_LINES):
                self._memo_lines -= self._memo.popitem(last=False)[1][1]
        return value

    def memo_room(self) -> int:
        """Lines the memo can still take before it starts forgetting answers."""
        return MEMO_LINES - self._memo_lines


class SnapshotCache:
    """Hands out the current snapshot of one store, reloading it when the base changed.

    ``on_load(snapshot, still_current)`` runs after each (re)load: ``Handlers`` starts the
    warm-up there. ``background=True``: once a first snapshot exists, a newer version is
    loaded in a thread and adopted by a later call; until then the current one answers."""

    def __init__(self, store: FactStore,
                 on_load: Callable[[Snapshot, Callable[[], bool]], object] | None = None,
                 *, background: bool = False):
        self.store = store
        self.on_load = on_load
        self.background = background
        self._snapshot: Snapshot | None = None
        self._marker: tuple[int, int] | None = None
        self._fingerprint: str | None = None
        self._fresh: tuple[Snapshot, str, tuple[int, int]] | None = None
        self._loader: threading.Thread | None = None
        self._fresh_lock = threading.Lock()

    def get(self) -> Snapshot:
        self._adopt_fresh()
        marker = self.store.change_marker()
        if self._snapshot is not None and marker == self._marker:
            return self._snapshot
        if self._snapshot is not None and self.background:
            return self._reload_in_background(marker)
        with self.store.one_version():  # fingerprint and facts of the same version
            fingerprint = self.store.fingerprint()
            snapshot = self._snapshot
            loaded = snapshot is None or fingerprint != self._fingerprint
            if loaded:
                self._snapshot = None  # let the old copy go before the new one is built
                snapshot = Snapshot.load(self.store)
                # Long-lived: keep the ~10⁵ parsed facts out of every later garbage collection
                # (a full collection over them is a 100 ms pause). They hold no reference cycles,
                # so a replaced snapshot is still freed by reference counting.
                gc.freeze()
        assert snapshot is not None
        self._install(snapshot, fingerprint, marker, loaded)
        return snapshot

    def _install(self, snapshot: Snapshot, fingerprint: str, marker: tuple[int, int], loaded: bool) -> None:
        self._snapshot, self._marker, self._fingerprint = snapshot, marker, fingerprint
        if loaded and self.on_load is not None:
            current = snapshot
            self.on_load(current, lambda: self._snapshot is current)

    def _reload_in_background(self, marker: tuple[int, int]) -> Snapshot:
        assert self._snapshot is not None
        if self.store.fingerprint() == self._fingerprint:  # only delivery records changed
            self._marker = marker
            return self._snapshot
        if self._loader is None or not self._loader.is_alive():
            self._loader = threading.Thread(target=self._load_fresh, args=(marker,), name="snapshot-reload",
                                            daemon=True)
            self._loader.start()
        return self._snapshot

    def _load_fresh(self, marker: tuple[int, int]) -> None:
        try:
            store = FactStore(self.store.path)
        except Exception:
            log.exception("could not open the fact base to load its new version")
            return
        try:
            with store.one_version():
                fingerprint = store.fingerprint()
                snapshot = Snapshot.load(store)
            gc.freeze()
        except Exception:
            log.exception("loading the new version of the fact base failed; answering from the previous one")
            return
        finally:
            store.close()
        with self._fresh_lock:
            self._fresh = (snapshot, fingerprint, marker)

    def _adopt_fresh(self) -> None:
        with self._fresh_lock:
            fresh, self._fresh = self._fresh, None
        if fresh is not None:
            self._install(*fresh, loaded=True)

    def wait_reload(self, timeout: float | None = None) -> None:
        """Block until a background reload in progress is adopted (tests, start-up)."""
        loader = self._loader
        if loader is not None:
            loader.join(timeout)
        self._adopt_fresh()
