"""The fact base file (SQLite): the one package that speaks SQL.

``base`` opens the file (readers read-only, one writer) and turns SQLite errors into one line
for people; ``schema`` holds the tables and their migrations (``PRAGMA user_version``); ``facts``
writes what the compiler found and reads it back as typed facts; ``deliveries`` keeps the
digest's records (what was posted where, the messages being sent, the lease, the channels).
"""

from .base import (
    DEFAULT_DB,
    Connection,
    connect,
    explain,
    open_reader,
    quick_check,
    stored_name,
    translated,
    write_transaction,
)
from .facts import (
    DocumentRow,
    FactStore,
    Record,
    Sentence,
    counts,
    delete_document,
    document_row,
    known_documents,
    named_events,
    rewrite_fact,
    touch_document,
    write_document,
)
from .vocab import search_terms

__all__ = [
    "DEFAULT_DB", "Connection", "DocumentRow", "FactStore", "Record", "Sentence", "connect", "counts",
    "delete_document", "document_row", "explain", "known_documents", "named_events", "open_reader", "quick_check",
    "rewrite_fact", "search_terms", "stored_name", "touch_document", "translated", "write_document",
    "write_transaction",
]
