"""A preview server for the static site, on 127.0.0.1 only, with the content negotiation a host would do.

`GET /id/forum/igf` answers with igf.html, igf.ttl or igf.jsonld depending on the Accept
header (the same rules the README gives for Apache and nginx); file paths are served as is.
"""

import functools
import http.server
import io
from pathlib import Path
from typing import BinaryIO

MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".css": "text/css",
}
#: Accept media type → file extension, in our order of preference when q-values tie.
NEGOTIABLE = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/turtle": ".ttl",
    "application/x-turtle": ".ttl",
    "application/ld+json": ".jsonld",
    "application/json": ".jsonld",
}


def choose(accept: str | None) -> str:
    """The extension to serve for an Accept header (HTML when nothing we have is asked for)."""
    best, best_q = ".html", -1.0
    for _position, part in enumerate((accept or "text/html").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        extension = NEGOTIABLE.get(media.lower())
        if extension and q > best_q:
            best, best_q = extension, q
    return best


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MEDIA_TYPES}

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path.endswith("/ontology") or path.endswith("/ontology/"):
            path = path.rstrip("/") + "/index"
        stem = Path(self.translate_path(path))
        if not stem.suffix and not stem.is_dir():
            extension = choose(self.headers.get("Accept"))
            if stem.with_name(stem.name + extension).is_file():
                self.path = path + extension
                self._negotiated = True
        return super().send_head()

    def end_headers(self) -> None:
        if getattr(self, "_negotiated", False):
            self.send_header("Vary", "Accept")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # quiet: the CLI prints the address once
        pass


def make_server(directory: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """A server for `directory` bound to 127.0.0.1 (port 0: any free port)."""
    handler = functools.partial(Handler, directory=str(directory))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def serve(directory: Path, port: int = 8000) -> None:
    """Serve until interrupted, printing the address."""
    with make_server(directory, port) as server:
        print(f"serving {directory} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)", flush=True)
        server.serve_forever()
