"""A remote SPARQL 1.1 endpoint: queries by the SPARQL 1.1 Protocol, publishing by Graph Store PUT.

The endpoint's default graph must be the union of its named graphs (Oxigraph:
`oxigraph serve --union-default-graph`; Virtuoso does this by default). Every request goes
through `protocol.opened`, so one deadline covers the whole exchange; a SELECT's rows are read
as they arrive (`json_results`).
"""

from __future__ import annotations

import http.client
import json
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pyoxigraph as ox
from rdflib import Graph, URIRef

from .. import safety
from ..errors import GovgraphError
from . import json_results, protocol
from .base import DEFAULT_MAX_ANSWER_BYTES, Publishable, QueryResult, Store, quads_by_graph, too_large
from .results import projection
from .trusted import TrustedQuery

#: Seconds allowed for each Graph Store request while publishing.
PUBLISH_TIMEOUT = 300.0
#: What each kind of answer is asked for as (SPARQL JSON for SELECT/ASK, Turtle for graphs).
ACCEPT = {"json": "application/sparql-results+json, application/json;q=0.5", "turtle": "text/turtle, application/turtle;q=0.5"}


#: The most bytes read from a server's answer at once.
READ_AHEAD = 1 << 16


class RemoteStore(Store):
    """A SPARQL 1.1 server named by its query URL."""

    def __init__(self, target: protocol.Endpoints, *, max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES) -> None:
        self.target = target
        self.where = target.query
        self.max_answer_bytes = max_answer_bytes
        # Virtuoso refuses ORDER BY with LIMIT above its MaxSortedTopRows (10000 by default),
        # so there the rows are only cut here, after reading.
        self.caps_rows = not target.virtuoso

    def _request(self, prepared: safety.PreparedQuery | TrustedQuery, accept: str, timeout: float) -> bytes:
        """Send one query and read its whole body within the time limit and the size cap."""
        url = self.target.query
        request = protocol.sparql_request(url, "query", prepared.text, ACCEPT[accept], self._hint(timeout))
        with self._answer(request, timeout) as response:
            return protocol.read_capped(response, self.max_answer_bytes, url)

    def _select(
        self, prepared: safety.PreparedQuery | TrustedQuery, timeout: float, limit: int, values: bool, whole: bool
    ) -> Iterator[tuple]:
        """The rows as the server sends them, read under one deadline; the size cap counts the bytes of each chunk or of the whole answer."""
        url = self.target.query
        request = protocol.sparql_request(url, "query", prepared.text, ACCEPT["json"], self._hint(timeout))
        read = 0
        with self._answer(request, timeout) as response:
            declared = response.headers.get("Content-Length", "")
            if whole and declared.isdigit() and int(declared) > self.max_answer_bytes:
                raise too_large(url, self.max_answer_bytes)

            def piece() -> bytes:
                nonlocal read
                data = response.read1(READ_AHEAD)  # what has arrived: read() would wait for all of it
                read += len(data)
                # A stream's chunk may have read up to one piece past its last row.
                if read > self.max_answer_bytes + (0 if whole else READ_AHEAD):
                    raise too_large(url, self.max_answer_bytes)
                return data

            def chunk_read() -> None:
                nonlocal read
                if not whole:
                    read = 0

            try:
                yield from json_results.frames(piece, limit, projection(prepared.text), self.chunk_rows, values, chunk_read)
            except json_results.MalformedResult as error:
                raise GovgraphError(f"{error} from {url}") from None

    @contextmanager
    def _answer(self, request: urllib.request.Request, timeout: float) -> Iterator[http.client.HTTPResponse]:
        """The server's response to one query, read in the block within the time limit."""
        try:
            with protocol.opened(self.target, request, timeout) as response:
                self._check_complete(response, timeout)
                yield response
        except protocol.TimeLimit:
            raise GovgraphError(
                f"query stopped after {timeout:g} s (the time limit): {self.target.query} did not answer in time; "
                "narrow the query or raise --timeout"
            ) from None

    def _check_complete(self, response: http.client.HTTPResponse, timeout: float) -> None:
        if response.headers.get("X-SQL-State") == "S1TAT":  # Virtuoso's "anytime" partial answer
            raise GovgraphError(
                f"query stopped after {timeout:g} s (the server's time limit at {self.target.query}); "
                "narrow the query or raise --timeout"
            )

    def _hint(self, timeout: float) -> dict[str, str] | None:
        """Virtuoso takes a server-side limit in milliseconds; Oxigraph has no per-query hint."""
        return {"timeout": str(max(1, int(timeout * 1000)))} if self.target.virtuoso else None

    def _execute(self, prepared: safety.PreparedQuery | TrustedQuery, timeout: float, limit: int) -> QueryResult:
        url = self.target.query
        if prepared.form == "ASK":
            body = self._request(prepared, "json", timeout)
            try:
                data = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as error:
                raise GovgraphError(f"malformed result from {url}: not SPARQL JSON ({error})") from None
            if not isinstance(data, dict) or not isinstance(data.get("boolean"), bool):
                raise GovgraphError(f"malformed result from {url}: no boolean in the ASK answer")
            return bool(data["boolean"])
        body = self._request(prepared, "turtle", timeout)
        graph = Graph()
        try:
            graph.parse(data=body.decode("utf-8"), format="turtle")
        except Exception as error:  # rdflib raises many kinds on bad Turtle
            raise GovgraphError(f"malformed result from {url}: not Turtle ({' '.join(str(error).split())[:200]})") from None
        truncated = len(graph) > limit
        if truncated:
            kept = Graph()
            for index, triple in enumerate(sorted(graph)):
                if index == limit:
                    break
                kept.add(triple)
            graph = kept
        graph.truncated = truncated  # type: ignore[attr-defined]
        return graph

    def publish(self, data: Publishable, timeout: float = PUBLISH_TIMEOUT) -> dict[str, int]:
        """PUT each named graph of `data` to the Graph Store URL: replacing, so repeating is harmless.

        `timeout` bounds each graph's request, from connecting to the end of the answer.
        """
        counts: dict[str, int] = {}
        for graph, quads in sorted(quads_by_graph(data).items(), key=lambda item: str(item[0])):
            triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            name = None if isinstance(graph, ox.DefaultGraph) else graph.value
            protocol.put_graph(self.target, name, body, timeout)
            counts[name or "default"] = len(set(triples))
        return counts

    def drop_graphs(self, graphs: list[str], timeout: float = PUBLISH_TIMEOUT) -> None:
        """Remove named graphs through the update endpoint (DROP SILENT GRAPH)."""
        if not graphs:
            return
        if not self.target.update:
            raise GovgraphError(f"no update URL for {self.target.query}: give --update-endpoint URL")
        update = " ;\n".join(f"DROP SILENT GRAPH {safety.term_text(URIRef(g))}" for g in graphs)
        protocol.call(self.target, protocol.sparql_request(self.target.update, "update", update, "*/*"), timeout)
