"""One version of the fact base as the answers see it: opened at once, read as it is asked.

Why: parsing every fact at start-up took seconds and hundreds of MB at 10 000 articles, and
grew with the corpus. A snapshot now holds its own read-only connection with a read
transaction left open (``FactStore.pin_version``), so whatever it reads later — the facts of
one kind, those of one country, the articles — comes from the same version of the file. Only
the counts autocomplete and routing need are read when it opens; facts are read and parsed on
first use, once per version (the warm-up of ``handlers.warm`` asks for them in the background).
``SnapshotCache.get`` checks ``PRAGMA data_version`` (microseconds) on every call and, when it
moved, a fingerprint of the documents, so a compile beside the bot shows up at the very next
question, and delivery records written by the digest don't cost a new snapshot.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from facts.models import Evidence, Fact, fact_from_json
from facts.store import DocumentRow, FactStore, document_row
from facts.store.pages import documents_named
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


ROWS_KEPT = 20_000  # article rows kept per snapshot once read (~1 KB each); forgotten all at once beyond


class Articles(Mapping[str, DocumentRow]):
    """The compiled (status ok) articles by name, each row read when an answer first cites it:
    an answer cites a few dozen, and 100 000 rows would take ~100 MB. Iterating lists them all
    from the fact base, in name order (``/sources`` of a base that is not long)."""

    def __init__(self, snapshot: Snapshot):
        self._snapshot = snapshot
        self._rows: dict[str, DocumentRow | None] = {}

    def get_row(self, name: str) -> DocumentRow | None:
        if name in self._rows:
            return self._rows[name]
        row = self._snapshot.read(lambda s: s.document(name))
        if row is not None and row.status != "ok":
            row = None
        if len(self._rows) >= ROWS_KEPT:
            self._rows.clear()
        self._rows[name] = row
        return row

    def preload(self, names: set[str]) -> None:
        """Read the rows of ``names`` not read yet in one query (an answer's articles, before it cites them)."""
        missing = sorted(n for n in names if n not in self._rows)
        if not missing:
            return
        if len(self._rows) + len(missing) > ROWS_KEPT:
            self._rows.clear()
        rows = {r.name: r for r in map(document_row, self._snapshot.read(lambda s: documents_named(s, missing)))}
        for name in missing:
            row = rows.get(name)
            self._rows[name] = row if row is not None and row.status == "ok" else None

    def __getitem__(self, name: str) -> DocumentRow:
        row = self.get_row(name)
        if row is None:
            raise KeyError(name)
        return row

    def __iter__(self) -> Iterator[str]:
        return iter([r.name for r in self.listing()])

    def __len__(self) -> int:
        return self._snapshot.n_articles

    def listing(self) -> list[DocumentRow]:
        """Every compiled article, in name order (read anew: not kept)."""
        return self._snapshot.read(lambda s: s.documents("ok"))

    def values(self) -> list[DocumentRow]:  # type: ignore[override]
        return self.listing()


class Snapshot:
    """What every question of one fact-base version sees. Treated as read-only by its users;
    the facts are read on first use under ``_reading`` (the warm-up thread reads too)."""

    def __init__(self, store: FactStore, fingerprint: str):
        self.store = store  # its own connection, pinned to one version
        self.fingerprint = fingerprint
        self.n_articles, self.n_not_used = store.document_counts()  # ok; duplicates and skipped
        self.partner_counts: dict[str, int] = store.partner_counts()
        self._docs: Articles | None = None
        self._by_kind: dict[str, list[Fact]] = {}
        self._by_country: dict[tuple[str, str], list[Fact]] = {}
        self._by_id: dict[int, Fact] = {}  # one object per fact, however it was reached
        self._shared: dict[Evidence, Evidence] = {}  # one copy of each evidence: several facts, one sentence
        self._reading = threading.RLock()
        self._quotes: dict[str, str] = {}
        self._memo: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._memo_lines = 0
        self._derived: dict[Hashable, Any] = {}
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: Path) -> Snapshot:
        """A snapshot of the current version of the file at ``path`` (milliseconds, any size)."""
        store = FactStore(path)
        try:
            store.pin_version()
            return cls(store, store.fingerprint())
        except BaseException:
            store.close()
            raise

    @property
    def docs(self) -> Articles:
        """The compiled (status ok) articles by name, each read when first asked for."""
        with self._reading:
            if self._docs is None:
                self._docs = Articles(self)
            return self._docs

    def facts(self, kind: str) -> list[Fact]:
        """Facts of one kind from compiled articles, in id order."""
        with self._reading:
            if kind not in self._by_kind:
                self._by_kind[kind] = self._parsed(self.store.compiled_facts(kind))
            return self._by_kind[kind]

    def facts_for(self, code: str, kind: str) -> list[Fact]:
        """Facts of one kind filed under one country, in id order."""
        with self._reading:
            key = (code, kind)
            if key not in self._by_country:
                self._by_country[key] = self._parsed(self.store.compiled_facts(kind, code))
            return self._by_country[key]

    def read(self, query: Callable[[FactStore], T]) -> T:
        """``query`` on this version's connection, one thread at a time (counts for /help)."""
        with self._reading:
            return query(self.store)

    def _parsed(self, rows: list[tuple[int, dict[str, Any]]]) -> list[Fact]:
        out = []
        for fact_id, record in rows:
            fact = self._by_id.get(fact_id)
            if fact is None:
                fact = self._by_id[fact_id] = fact_from_json(record)
                fact.evidence = self._shared.setdefault(fact.evidence, fact.evidence)
            out.append(fact)
        if len(rows) > 1000:
            # Long-lived: keep them out of later garbage collections (a full collection over ~10⁵
            # parsed facts is a 100 ms pause). No reference cycles: a dropped snapshot is still freed.
            gc.freeze()
        return out

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

    def has_derived(self, key: Hashable) -> bool:
        """Whether ``derived(key, …)`` was built already (an index the warm-up builds)."""
        return key in self._derived

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
        fingerprint = self.store.fingerprint()
        snapshot = self._snapshot
        loaded = snapshot is None or fingerprint != self._fingerprint
        if loaded:
            self._snapshot = None  # let the old one go (and its read transaction end) before the next
            snapshot = Snapshot.open(self.store.path)
            fingerprint = snapshot.fingerprint
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
            snapshot = Snapshot.open(self.store.path)
        except Exception:
            log.exception("opening the new version of the fact base failed; answering from the previous one")
            return
        with self._fresh_lock:
            self._fresh = (snapshot, snapshot.fingerprint, marker)

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
