"""A loopback HTTP server that misbehaves on purpose: drips, truncates, floods or answers oddly.

``FaultyServer(answer)`` listens on 127.0.0.1 in a thread. For each connection it reads the
request (headers and body), then calls ``answer(send)`` where ``send(data)`` writes raw bytes
to the client; the connection is closed when ``answer`` returns or the client goes away.
``url`` is an Oxigraph-style query URL (``…/query``) on that port, ``requests`` counts requests.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Send = Callable[[bytes], None]


class FaultyServer:
    def __init__(self, answer: Callable[[Send], object]) -> None:
        self.answer = answer
        self.requests = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}/query"
        self._closed = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            try:
                read_request(connection)
                self.requests += 1
                self.answer(connection.sendall)
            except OSError:  # the client hung up: that is what several tests want
                pass

    def close(self) -> None:
        self._closed.set()
        self._listener.close()


def read_request(connection: socket.socket) -> bytes:
    """Read one HTTP request: headers, then Content-Length bytes of body."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def head(status: str = "200 OK", content_type: str = "application/sparql-results+json", length: int | None = None) -> bytes:
    """A response head; no Content-Length unless given (the body then ends when the connection closes)."""
    lines = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}", "Connection: close"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def drip(data: bytes, every: float = 1.0) -> Callable[[Send], None]:
    """Send `data` one byte at a time, a byte every `every` seconds."""

    def answer(send: Send) -> None:
        for byte in data:
            send(bytes([byte]))
            time.sleep(every)

    return answer


def select_json(variables: list[str], rows: Iterator[dict[str, str]] | list[dict[str, str]]) -> Iterator[bytes]:
    """SPARQL JSON results, as chunks, with every value a plain literal (streams: rows may be a generator)."""
    yield b'{"head": {"vars": ' + json.dumps(variables).encode() + b'}, "results": {"bindings": ['
    for index, row in enumerate(rows):
        binding = {name: {"type": "literal", "value": value} for name, value in row.items()}
        yield (b"," if index else b"") + json.dumps(binding).encode()
    yield b"]}}"


@contextmanager
def serving(answer: Callable[[Send], object]) -> Iterator[FaultyServer]:
    """A FaultyServer for the duration of a `with` block."""
    server = FaultyServer(answer)
    try:
        yield server
    finally:
        server.close()
