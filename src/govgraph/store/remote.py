"""A remote SPARQL 1.1 endpoint: queries through SPARQLWrapper, publishing by Graph Store PUT.

The endpoint's default graph must be the union of its named graphs (Oxigraph:
`oxigraph serve --union-default-graph`; Virtuoso does this by default).
"""

from __future__ import annotations

import ast
import json
import time
import urllib.error

import pyoxigraph as ox
from rdflib import Graph, URIRef
from SPARQLWrapper import BASIC, DIGEST, JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from .. import safety
from ..errors import GovgraphError
from . import http
from .base import Publishable, QueryResult, Store, quads_by_graph
from .results import table_from_json

#: Seconds allowed for each Graph Store request while publishing.
PUBLISH_TIMEOUT = 300.0


class RemoteStore(Store):
    """A SPARQL 1.1 server named by its query URL."""

    def __init__(self, target: http.Endpoints) -> None:
        self.target = target
        self.where = target.query
        # Virtuoso refuses ORDER BY with LIMIT above its MaxSortedTopRows (10000 by default),
        # so there the rows are only cut here, after reading.
        self.caps_rows = not target.virtuoso

    def _wrapper(self, url: str, text: str, fmt: str, timeout: float, form: str | None = None) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(url, returnFormat=fmt)
        wrapper.setMethod(POST)
        wrapper.setQuery(text)
        if form is not None:
            # SPARQLWrapper guesses the form with a regex; use the one our parser found.
            wrapper.queryType = form
        wrapper.timeout = timeout  # setTimeout() rounds down to whole seconds; 0 would mean "none"
        if self.target.user is not None:
            wrapper.setHTTPAuth(DIGEST if self.target.auth == "digest" else BASIC)
            wrapper.setCredentials(self.target.user, self.target.password)
        return wrapper

    def _request(self, url: str, prepared: safety.PreparedQuery, fmt: str, timeout: float,
                 extra: dict[str, str] | None = None) -> tuple[bytes, str]:
        """Send one query and read its body within the time limit; returns (body, content type)."""
        deadline = time.monotonic() + timeout
        wrapper = self._wrapper(url, prepared.text, fmt, timeout, prepared.form)
        for key, value in (extra or {}).items():
            wrapper.addParameter(key, value)
        try:
            result = wrapper.query()
        except SPARQLWrapperException as error:
            raise _wrapper_error(error, url) from None
        except (urllib.error.URLError, OSError) as error:
            if isinstance(error, (TimeoutError,)) or "timed out" in str(error):
                raise GovgraphError(f"query stopped after {timeout:g} s (the time limit): {url} did not answer in time; "
                                    "narrow the query or raise --timeout") from None
            raise http.describe(error, url) from None
        response = result.response
        with response:
            body = http.read_until(response, deadline, timeout, url)
            headers = response.headers
        if headers.get("X-SQL-State") == "S1TAT":  # Virtuoso's "anytime" partial answer
            raise GovgraphError(f"query stopped after {timeout:g} s (the server's time limit at {url}); "
                                "narrow the query or raise --timeout")
        return body, headers.get("Content-Type", "")

    def _execute(self, prepared: safety.PreparedQuery, timeout: float, limit: int) -> QueryResult:
        # Virtuoso takes a server-side limit in milliseconds; Oxigraph has no per-query hint.
        extra = {"timeout": str(max(1, int(timeout * 1000)))} if self.target.virtuoso else None
        url = self.target.query
        if prepared.form in ("SELECT", "ASK"):
            body, _ = self._request(url, prepared, JSON, timeout, extra)
            try:
                data = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as error:
                raise GovgraphError(f"malformed result from {url}: not SPARQL JSON ({error})") from None
            if prepared.form == "ASK":
                if not isinstance(data, dict) or not isinstance(data.get("boolean"), bool):
                    raise GovgraphError(f"malformed result from {url}: no boolean in the ASK answer")
                return data["boolean"]
            try:
                return table_from_json(data, limit)
            except GovgraphError as error:
                raise GovgraphError(f"{error} from {url}") from None
        body, _ = self._request(url, prepared, TURTLE, timeout, extra)
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

    def publish(self, data: Publishable) -> dict[str, int]:
        """PUT each named graph of `data` to the Graph Store URL: replacing, so repeating is harmless."""
        counts: dict[str, int] = {}
        for graph, quads in sorted(quads_by_graph(data).items(), key=lambda item: str(item[0])):
            triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            name = None if isinstance(graph, ox.DefaultGraph) else graph.value
            http.put_graph(self.target, name, body, PUBLISH_TIMEOUT)
            counts[name or "default"] = len(set(triples))
        return counts

    def drop_graphs(self, graphs: list[str], timeout: float = PUBLISH_TIMEOUT) -> None:
        """Remove named graphs through the update endpoint (DROP SILENT GRAPH)."""
        if not graphs:
            return
        if not self.target.update:
            raise GovgraphError(f"no update URL for {self.target.query}: give --update-endpoint URL")
        update = " ;\n".join(f"DROP SILENT GRAPH {safety.term_text(URIRef(g))}" for g in graphs)
        wrapper = self._wrapper(self.target.update, update, JSON, timeout)
        try:
            wrapper.query().response.read()
        except SPARQLWrapperException as error:
            raise _wrapper_error(error, self.target.update) from None
        except (urllib.error.URLError, OSError) as error:
            raise http.describe(error, self.target.update) from None


def _wrapper_error(error: SPARQLWrapperException, url: str) -> GovgraphError:
    """SPARQLWrapper's multi-line exceptions as one line with the HTTP status and the server's words."""
    status = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404, "URITooLong": 414,
              "EndPointInternalError": 500}.get(type(error).__name__, "error")
    # SPARQLWrapper keeps the body only inside its message, as the repr of the bytes.
    _, _, raw = str(error).partition("Response:\n")
    try:
        body = ast.literal_eval(raw) if raw else b""
    except (ValueError, SyntaxError):
        body = raw.encode()
    detail = " ".join(body.decode("utf-8", "replace").split())[: http.BODY_CHARS] if isinstance(body, bytes) else ""
    return GovgraphError(f"{url} answered HTTP {status}" + (f": {detail}" if detail else ""))
