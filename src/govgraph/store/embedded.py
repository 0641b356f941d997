"""The embedded store: a pyoxigraph store on disk (build/store), queried in a killable child.

The store directory is written by `govgraph build`; this module only reads it, read-only,
so the CLI and the app can query it at the same time. The default graph of every query is
the union of the named graphs. Queries run in `govgraph.store.worker`, one long-lived child
process per EmbeddedStore, so that a query past its time limit, or holding more memory than
its cap, is stopped by killing the child (pyoxigraph has no timeout of its own); the next
query starts a new child.
"""

from __future__ import annotations

import os
import pickle
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from .. import paths, safety
from ..errors import GovgraphError
from . import worker
from .base import DEFAULT_MAX_ANSWER_BYTES, MB, Publishable, QueryResult, Store, quads_by_graph, too_large
from .results import from_reply, with_terms
from .trusted import TrustedQuery

#: How long a new child may take to open the store before we give up.
START_TIMEOUT = 60.0
#: The most memory (resident, not counting mapped files) the query child may hold.
DEFAULT_MAX_MEMORY_BYTES = 2000 * MB
#: Seconds between two looks at the child's memory while it computes.
MEMORY_POLL = 0.05


def anonymous_memory(pid: int) -> int | None:
    """The bytes of anonymous resident memory (heap, stacks: not mapped files) of a process.

    None where /proc does not tell (not Linux): there only the time limit bounds a query.
    """
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def is_store(location: Path) -> bool:
    """True when `location` looks like a pyoxigraph (RocksDB) store directory."""
    return (Path(location) / "CURRENT").is_file()


class EmbeddedStore(Store):
    """A pyoxigraph store directory, opened read-only for queries."""

    def __init__(
        self,
        location: Path | str = paths.STORE_DIR,
        *,
        remove_on_close: bool = False,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
        max_memory_bytes: int = DEFAULT_MAX_MEMORY_BYTES,
    ) -> None:
        self.location = Path(location)
        self.where = str(self.location)
        self.max_answer_bytes = max_answer_bytes
        self.max_memory_bytes = max_memory_bytes
        self._remove_on_close = remove_on_close
        self._child: subprocess.Popen | None = None
        # One child, one pipe: threads (the app's sessions) take turns.
        self._lock = threading.RLock()
        if not is_store(self.location):
            raise GovgraphError(
                f"no embedded store at {self.location}: run `govgraph build` first, "
                "or give --endpoint URL to query a SPARQL server"
            )

    # -- the child process ------------------------------------------------------------------
    def _start(self, deadline: float) -> subprocess.Popen:
        if self._child is not None and self._child.poll() is None:
            return self._child
        # Run as a script: importing govgraph (and so rdflib) would triple the start-up time.
        # Resolved now: build/store links to the current build, which a rebuild may switch.
        self._child = subprocess.Popen(
            [sys.executable, worker.__file__, os.path.realpath(self.location)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        reply = self._receive(deadline, what="opening the embedded store")
        if reply[0] != "ready":
            self._stop()
            raise GovgraphError(str(reply[1]))
        return self._child

    def _stop(self) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        if child.poll() is None:
            child.kill()
        child.wait()
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                stream.close()

    def _read(self, size: int, deadline: float, what: str, timeout: float) -> bytes:
        assert self._child is not None and self._child.stdout is not None
        fd = self._child.stdout.fileno()
        chunks, remaining = [], size
        while remaining:
            left = deadline - time.monotonic()
            if left <= 0:
                self._stop()
                raise GovgraphError(f"{what} stopped after {timeout:g} s (the time limit); narrow the query or raise --timeout")
            if not select.select([fd], [], [], min(left, MEMORY_POLL))[0]:
                self._check_memory(what)
                continue
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                self._stop()
                raise GovgraphError(f"the embedded query process ended unexpectedly while {what}")
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def _check_memory(self, what: str) -> None:
        assert self._child is not None
        used = anonymous_memory(self._child.pid)
        if used is not None and used > self.max_memory_bytes:
            self._stop()
            raise GovgraphError(
                f"{what} needed more than {self.max_memory_bytes / MB:g} MB of memory (the memory cap) "
                "on the embedded store; narrow the query or raise --max-memory-mb"
            )

    def _receive(self, deadline: float, what: str = "the query", timeout: float = START_TIMEOUT) -> tuple:
        return self._sized_frame(deadline, what, timeout, self.max_answer_bytes)[0]

    def _sized_frame(self, deadline: float, what: str, timeout: float, room: int) -> tuple[tuple, int]:
        """The next reply frame and its size; one larger than `room` bytes stops the child, unread."""
        (size,) = worker.HEADER.unpack(self._read(worker.HEADER.size, deadline, what, timeout))
        if size > room:
            self._stop()
            raise too_large(self.where, self.max_answer_bytes)
        return cast(tuple, pickle.loads(self._read(size, deadline, what, timeout))), size  # a reply frame of `worker`

    # -- the Store interface ----------------------------------------------------------------
    def _select(
        self, prepared: safety.PreparedQuery | TrustedQuery, timeout: float, limit: int, values: bool, whole: bool
    ) -> Iterator[tuple]:
        """The child's frames as they arrive; a stream left before its end stops the child, which would go on sending."""
        with self._lock:
            deadline = self._send(prepared, limit, values, timeout)
            finished, room = False, self.max_answer_bytes
            try:
                while True:
                    reply, size = self._sized_frame(deadline, "the query", timeout, room)
                    if reply[0] == "error":
                        finished = True
                        raise GovgraphError(f"query failed on the embedded store: {reply[1]}")
                    if whole:
                        room -= size
                    finished = reply[0] not in ("select", "rows")
                    yield with_terms(reply, values)
                    if finished:
                        return
            finally:
                if not finished:
                    self._stop()

    def _execute(self, prepared: safety.PreparedQuery | TrustedQuery, timeout: float, limit: int) -> QueryResult:
        with self._lock:
            deadline = self._send(prepared, limit, False, timeout)
            reply = self._receive(deadline, "the query", timeout)
        if reply[0] == "error":
            raise GovgraphError(f"query failed on the embedded store: {reply[1]}")
        return from_reply(reply, limit)

    def _send(self, prepared: safety.PreparedQuery | TrustedQuery, limit: int, values: bool, timeout: float) -> float:
        """Send one query to the child (started if need be); returns the deadline of its answer."""
        child = self._start(time.monotonic() + START_TIMEOUT)
        deadline = time.monotonic() + timeout
        if child.stdin is None:  # started with stdin=PIPE, so never
            raise GovgraphError("the embedded query process has no input pipe")
        try:
            worker.write_frame(child.stdin, ("query", prepared.text, limit, values, self.chunk_rows))
        except (BrokenPipeError, OSError):
            self._stop()
            raise GovgraphError("the embedded query process ended unexpectedly") from None
        return deadline

    def publish(self, data: Publishable) -> dict[str, int]:
        """Replace each named graph of `data` in the store directory (stops the query child first)."""
        grouped = quads_by_graph(data)
        with self._lock:
            self._stop()
            return self._write(grouped)

    def _write(self, grouped: dict) -> dict[str, int]:
        store = ox.Store(str(self.location))
        counts: dict[str, int] = {}
        for graph, quads in grouped.items():
            if isinstance(graph, ox.DefaultGraph):
                store.clear_graph(graph)
            else:
                store.remove_graph(graph)
            store.extend(quads)
            counts[str(getattr(graph, "value", "default"))] = len(set(quads))
        store.flush()
        del store
        return counts

    def close(self) -> None:
        """Stop the query child; remove the directory of a temporary store."""
        with self._lock:
            self._stop()
        if self._remove_on_close:
            shutil.rmtree(self.location, ignore_errors=True)
            self._remove_on_close = False

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - never raise from a finaliser
            pass


def temporary_store(data: Publishable) -> EmbeddedStore:
    """An embedded store in a new temporary directory holding `data`; removed by close()."""
    location = Path(tempfile.mkdtemp(prefix="govgraph-store-"))
    store = ox.Store(str(location))
    for quads in quads_by_graph(data).values():
        store.extend(quads)
    store.flush()
    del store
    return EmbeddedStore(location, remove_on_close=True)
