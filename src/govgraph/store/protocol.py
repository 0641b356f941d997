"""HTTP for remote stores: endpoint URLs, credentials, the Graph Store Protocol, one-line errors."""

from __future__ import annotations

import http.client
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from typing import Any

from ..errors import GovgraphError
from .base import DEFAULT_MAX_ANSWER_BYTES, too_large
from .credentials import authorize

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


def endpoints(
    query: str,
    update: str | None = None,
    store: str | None = None,
    user: str | None = None,
    password: str | None = None,
    auth: str | None = None,
) -> Endpoints:
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
    return Endpoints(query, update or default_update, store or default_store, user, password, auth or "basic", virtuoso)


def opener(target: Endpoints, *extra: urllib.request.BaseHandler) -> urllib.request.OpenerDirector:
    """A urllib opener that answers Basic or Digest challenges with the endpoint's credentials."""
    handlers: list[urllib.request.BaseHandler] = list(extra)
    if target.user is not None and target.password is not None:  # both or neither (`endpoints`)
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in (target.query, target.update, target.store):
            if url:
                passwords.add_password(None, url, target.user, target.password)
        handler = urllib.request.HTTPDigestAuthHandler if target.auth == "digest" else urllib.request.HTTPBasicAuthHandler
        handlers.append(handler(passwords))
    return urllib.request.build_opener(*handlers)


def error_for(error: BaseException, url: str) -> GovgraphError:
    """One line saying what went wrong talking to `url`."""
    if isinstance(error, urllib.error.HTTPError):
        detail = " ".join(_error_body(error).decode("utf-8", "replace").split())[:BODY_CHARS]
        return GovgraphError(f"{url} answered HTTP {error.code} {error.reason}" + (f": {detail}" if detail else ""))
    if isinstance(error, (TimeoutError, socket.timeout)):
        return GovgraphError(f"{url} did not answer in time")
    if isinstance(error, urllib.error.URLError):
        reason = error.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return GovgraphError(f"{url} did not answer in time")
        text = getattr(reason, "strerror", None) or str(reason)
        return GovgraphError(f"cannot reach {url}: {text}")
    if isinstance(error, http.client.HTTPException):
        return GovgraphError(f"{url} broke off its answer: {type(error).__name__}")
    return GovgraphError(f"cannot talk to {url}: {' '.join(str(error).split())}")


def _error_body(error: urllib.error.HTTPError) -> bytes:
    """The start of an error response's body; a body cut short gives what arrived."""
    try:
        return error.read(BODY_CHARS * 4)
    except http.client.IncompleteRead as short:
        return short.partial
    except (OSError, http.client.HTTPException):
        return b""
    finally:
        error.close()


class TimeLimit(GovgraphError):
    """A remote call ran past its deadline."""


class _Watchdog:
    """Shuts down every socket of one call at its deadline, so no read can outlast it.

    A socket timeout bounds each read, not the call: a server sending a byte a second never
    trips it. Shutting the socket down ends any read in progress at once.
    """

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self.expired:
                raise TimeoutError("the time limit passed while connecting")
            self._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def stop(self) -> None:
        self._timer.cancel()


def _watched_handlers(watchdog: _Watchdog) -> list[urllib.request.BaseHandler]:
    """HTTP and HTTPS handlers whose connections hand every socket they open to the watchdog."""

    def watched(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
        class Watched(base):  # type: ignore[valid-type,misc]
            def connect(self) -> None:
                super().connect()
                watchdog.watch(self.sock)

        return Watched

    class WatchedHTTP(urllib.request.HTTPHandler):
        def do_open(self, http_class: Any, req: urllib.request.Request, **kwargs: Any) -> http.client.HTTPResponse:
            return super().do_open(watched(http_class), req, **kwargs)

    class WatchedHTTPS(urllib.request.HTTPSHandler):
        def do_open(self, http_class: Any, req: urllib.request.Request, **kwargs: Any) -> http.client.HTTPResponse:
            return super().do_open(watched(http_class), req, **kwargs)

    return [WatchedHTTP(), WatchedHTTPS()]


@dataclass(frozen=True)
class Answer:
    """A whole HTTP response."""

    status: int
    headers: Message
    body: bytes


def call(target: Endpoints, request: urllib.request.Request, timeout: float, max_bytes: int = DEFAULT_MAX_ANSWER_BYTES) -> Answer:
    """Send `request` and read the whole answer within `timeout` seconds and `max_bytes` bytes.

    The deadline covers connecting, the headers and the body (raises TimeLimit); an answer
    larger than `max_bytes` is refused while reading, before it is held in memory.
    """
    with opened(target, request, timeout) as response:
        return Answer(response.status, response.headers, read_capped(response, max_bytes, request.full_url.split("?", 1)[0]))


@contextmanager
def opened(target: Endpoints, request: urllib.request.Request, timeout: float) -> Iterator[http.client.HTTPResponse]:
    """The response to `request`, for a block that reads it: the deadline covers connecting and every read in the block.

    Past the deadline, a read ends (the socket is shut down) and the block raises TimeLimit;
    a network failure becomes one line naming the URL.
    """
    url = request.full_url.split("?", 1)[0]
    watchdog = _Watchdog(timeout)
    try:
        with opener(target, *_watched_handlers(watchdog)).open(request, timeout=timeout) as response:
            yield response
    except GovgraphError:
        if watchdog.expired:  # a read cut by the watchdog looks like a short or malformed answer
            raise TimeLimit(f"{url} did not answer within {timeout:g} s (the time limit)") from None
        raise
    except (OSError, http.client.HTTPException) as error:
        # The socket's own timeout (the whole limit, per read) may fire just before the watchdog.
        if watchdog.expired or isinstance(getattr(error, "reason", error), TimeoutError):
            raise TimeLimit(f"{url} did not answer within {timeout:g} s (the time limit)") from None
        raise error_for(error, url) from None
    finally:
        watchdog.stop()
    if watchdog.expired:  # a shut-down socket can look like the end of a body
        raise TimeLimit(f"{url} did not answer within {timeout:g} s (the time limit)")


def read_capped(response: http.client.HTTPResponse, max_bytes: int, url: str) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large(url, max_bytes)
    chunks, size = [], 0
    while chunk := response.read(1 << 16):
        size += len(chunk)
        if size > max_bytes:
            raise too_large(url, max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def sparql_request(url: str, field: str, text: str, accept: str, extra: dict[str, str] | None = None) -> urllib.request.Request:
    """A SPARQL 1.1 Protocol POST (URL-encoded form): `field` is "query" or "update"."""
    data = urllib.parse.urlencode({field: text, **(extra or {})}).encode("utf-8")
    return urllib.request.Request(
        url,
        data=data,
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept, "User-Agent": "govgraph"},
    )


def put_graph(target: Endpoints, graph: str | None, ntriples: bytes, timeout: float) -> int:
    """Replace one graph (None: the default graph) with Graph Store Protocol PUT; returns the status."""
    if not target.store:
        raise GovgraphError(f"no Graph Store Protocol URL for {target.query}: give --store-endpoint URL")
    # N-Triples is Turtle, and every Graph Store implementation reads Turtle.
    query = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
    url = target.store + ("&" if "?" in target.store else "?") + query
    request = urllib.request.Request(url, data=ntriples, method="PUT", headers={"Content-Type": "text/turtle; charset=utf-8"})
    if target.user is not None and target.password is not None:
        authorize(request, target.user, target.password, target.auth, timeout)
    return call(target, request, timeout).status
