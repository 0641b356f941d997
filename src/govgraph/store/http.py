"""HTTP for remote stores: endpoint URLs, credentials, the Graph Store Protocol, one-line errors."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import IO

from ..errors import GovgraphError

#: How much of an error body to quote in a message.
BODY_CHARS = 200


@dataclass(frozen=True)
class Endpoints:
    """The three URLs of a SPARQL server and how to authenticate to them."""

    query: str
    update: str | None
    store: str | None
    user: str | None = None
    password: str | None = None
    auth: str = "basic"  # or "digest"
    virtuoso: bool = False


def endpoints(query: str, update: str | None = None, store: str | None = None, user: str | None = None,
              password: str | None = None, auth: str | None = None) -> Endpoints:
    """Derive the update and Graph Store URLs from the query URL, as Oxigraph and Virtuoso lay them out.

    Oxigraph: ``…/query`` → ``…/update`` and ``…/store``. Virtuoso: ``…/sparql`` → updates on
    ``…/sparql`` and graphs on ``…/sparql-graph-crud``; with credentials, ``…/sparql-auth`` and
    ``…/sparql-graph-crud-auth`` with HTTP Digest. Anything else: updates on the query URL and
    no Graph Store URL unless one is given.
    """
    parts = urllib.parse.urlsplit(query)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GovgraphError(f"not an http(s) endpoint URL: {query!r}")
    base, _, last = parts.path.rpartition("/")
    root = urllib.parse.urlunsplit((parts.scheme, parts.netloc, base, "", ""))
    credentials = user is not None
    virtuoso = last in ("sparql", "sparql-auth")
    if last == "query":
        default_update, default_store = f"{root}/update", f"{root}/store"
    elif virtuoso:
        secured = credentials or last == "sparql-auth"
        default_update = f"{root}/sparql-auth" if secured else f"{root}/sparql"
        default_store = f"{root}/sparql-graph-crud-auth" if secured else f"{root}/sparql-graph-crud"
        auth = auth or "digest"
    else:
        default_update, default_store = query, None
    if (user is None) != (password is None):
        raise GovgraphError("give both --user and --password, or neither")
    if auth not in (None, "basic", "digest"):
        raise GovgraphError(f"unknown authentication {auth!r}: use basic or digest")
    return Endpoints(query, update or default_update, store or default_store, user, password,
                     auth or "basic", virtuoso)


def opener(target: Endpoints) -> urllib.request.OpenerDirector:
    """A urllib opener that answers Basic or Digest challenges with the endpoint's credentials."""
    handlers: list[urllib.request.BaseHandler] = []
    if target.user is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in (target.query, target.update, target.store):
            if url:
                passwords.add_password(None, url, target.user, target.password)
        handler = urllib.request.HTTPDigestAuthHandler if target.auth == "digest" else urllib.request.HTTPBasicAuthHandler
        handlers.append(handler(passwords))
    return urllib.request.build_opener(*handlers)


def describe(error: BaseException, url: str) -> GovgraphError:
    """One line saying what went wrong talking to `url`."""
    if isinstance(error, urllib.error.HTTPError):
        try:
            body = error.read().decode("utf-8", "replace")
        except OSError:
            body = ""
        detail = " ".join(body.split())[:BODY_CHARS]
        return GovgraphError(f"{url} answered HTTP {error.code} {error.reason}" + (f": {detail}" if detail else ""))
    if isinstance(error, (TimeoutError, socket.timeout)):
        return GovgraphError(f"{url} did not answer in time")
    if isinstance(error, urllib.error.URLError):
        reason = error.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return GovgraphError(f"{url} did not answer in time")
        text = getattr(reason, "strerror", None) or str(reason)
        return GovgraphError(f"cannot reach {url}: {text}")
    return GovgraphError(f"cannot talk to {url}: {' '.join(str(error).split())}")


def read_until(response: IO[bytes], deadline: float, timeout: float, url: str) -> bytes:
    """Read a whole response body, giving up at the wall-clock deadline."""
    chunks = []
    while True:
        if time.monotonic() > deadline:
            raise GovgraphError(f"query stopped after {timeout:g} s (the time limit) while reading from {url}; "
                                "narrow the query or raise --timeout")
        try:
            chunk = response.read(1 << 16)
        except (TimeoutError, socket.timeout):
            raise GovgraphError(f"query stopped after {timeout:g} s (the time limit): {url} did not answer in time; "
                                "narrow the query or raise --timeout") from None
        except OSError as error:
            raise describe(error, url) from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def put_graph(target: Endpoints, graph: str | None, ntriples: bytes, timeout: float) -> int:
    """Replace one graph (None: the default graph) with Graph Store Protocol PUT; returns the status."""
    if not target.store:
        raise GovgraphError(f"no Graph Store Protocol URL for {target.query}: give --store-endpoint URL")
    # N-Triples is Turtle, and every Graph Store implementation reads Turtle.
    query = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
    url = target.store + ("&" if "?" in target.store else "?") + query
    request = urllib.request.Request(url, data=ntriples, method="PUT",
                                     headers={"Content-Type": "text/turtle; charset=utf-8"})
    try:
        with opener(target).open(request, timeout=timeout) as response:
            response.read()
            return response.status
    except (urllib.error.URLError, OSError) as error:
        raise describe(error, target.store) from None
