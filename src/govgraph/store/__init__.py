"""One store interface, three implementations: the embedded pyoxigraph store, remote SPARQL endpoints, and an in-process store.

>>> with open_store() as store:                                   # build/store, read-only
...     table = store.select("SELECT ?s WHERE { ?s a ?c } LIMIT 3")
>>> open_store("http://127.0.0.1:7878/query")                     # an Oxigraph server
>>> open_store("http://127.0.0.1:8890/sparql", user="dba", password="dba")   # Virtuoso
"""

from __future__ import annotations

from pathlib import Path

from .. import paths
from .base import DEFAULT_LIMIT, DEFAULT_MAX_ANSWER_BYTES, DEFAULT_TIMEOUT, Publishable, QueryResult, Store
from .embedded import DEFAULT_MAX_MEMORY_BYTES, EmbeddedStore, temporary_store
from .formats import FORMATS, ask_json, write
from .memory import MemoryStore
from .protocol import Endpoints, endpoints
from .remote import RemoteStore
from .results import ResultTable
from .trusted import TrustedQuery


def open_store(
    endpoint: str | None = None,
    *,
    update_endpoint: str | None = None,
    store_endpoint: str | None = None,
    user: str | None = None,
    password: str | None = None,
    auth: str | None = None,
    location: Path | str = paths.STORE_DIR,
    max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    max_memory_bytes: int = DEFAULT_MAX_MEMORY_BYTES,
) -> Store:
    """The embedded store at `location`, or the SPARQL server whose query URL is `endpoint`.

    `max_answer_bytes` caps the size of any answer read; `max_memory_bytes` caps the memory of
    the embedded store's query process (a remote server enforces its own).
    """
    if endpoint is None:
        return EmbeddedStore(location, max_answer_bytes=max_answer_bytes, max_memory_bytes=max_memory_bytes)
    return RemoteStore(
        endpoints(endpoint, update_endpoint, store_endpoint, user, password, auth), max_answer_bytes=max_answer_bytes
    )


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
    "open_store",
    "temporary_store",
    "write",
]
