"""One store interface, three implementations: the embedded pyoxigraph store, remote SPARQL endpoints, and an in-process store.

Callers outside this package open stores through `govgraph.source` (`open_store`, or a
`GraphSource` and its `.store()`), the one place that decides where the graph comes from.
"""

from __future__ import annotations

from .base import DEFAULT_LIMIT, DEFAULT_MAX_ANSWER_BYTES, DEFAULT_TIMEOUT, Publishable, QueryResult, Store
from .embedded import DEFAULT_MAX_MEMORY_BYTES, EmbeddedStore, temporary_store
from .formats import FORMATS, ask_json, write
from .memory import MemoryStore
from .protocol import Endpoints, endpoints
from .remote import RemoteStore
from .results import ResultTable
from .trusted import TrustedQuery

__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_MAX_ANSWER_BYTES",
    "DEFAULT_MAX_MEMORY_BYTES",
    "DEFAULT_TIMEOUT",
    "FORMATS",
    "EmbeddedStore",
    "Endpoints",
    "MemoryStore",
    "Publishable",
    "QueryResult",
    "RemoteStore",
    "ResultTable",
    "Store",
    "TrustedQuery",
    "ask_json",
    "endpoints",
    "temporary_store",
    "write",
]
