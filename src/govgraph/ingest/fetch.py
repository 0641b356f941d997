"""Fetch a document to ingest from an http(s) URL into data/sources/, recording where and when.

Only http and https are fetched, redirects included; every wait has a timeout and the body a
size cap, read no further than the cap. Each failure is one line naming the URL and the cause.
The file is saved under data/sources/ as the server sent it (a text page is stored as UTF-8),
and the URL and retrieval time go into the draft as PROV-O provenance (`Retrieval`).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from http.client import HTTPMessage
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from .. import paths
from ..atomic import write_bytes
from ..confine import output_path
from ..errors import GovgraphError
from ..turtle import is_iri
from .extract import slugify
from .reading import DEFAULT_MAX_BYTES

#: Seconds to wait for the connection and for each read.
DEFAULT_TIMEOUT = 30.0
SCHEMES = ("http", "https")
#: The media types ingest reads, and the suffix the saved file gets.
MEDIA_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/pdf": ".pdf",
}
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Retrieval:
    """Where a source came from and when: the URL asked for, the URL answered, and the time (UTC)."""

    url: str
    final_url: str
    retrieved: datetime

    @property
    def timestamp(self) -> str:
        return self.retrieved.strftime("%Y-%m-%dT%H:%M:%SZ")


class FetchError(GovgraphError):
    """A URL that could not be fetched: names the URL and why."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{url}: {message}")


def is_url(text: str) -> bool:
    """True when `text` names a URL rather than a file (it has a scheme followed by //)."""
    scheme, sep, _ = text.partition("://")
    return bool(sep) and scheme.isalpha()


class _SameSchemes(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s): urllib would also follow one to ftp://."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in SCHEMES:
            raise FetchError(req.full_url, f"redirected to {newurl}, which is not http(s); not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, str, Retrieval]:
    """The body of `url` (at most `max_bytes`), the suffix its media type maps to, and the retrieval."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise FetchError(url, "only http:// and https:// URLs with a host are fetched")
    if not is_iri(url):
        raise FetchError(url, "holds spaces, quotes or angle brackets: percent-encode them")
    opener = urllib.request.build_opener(_SameSchemes)
    request = urllib.request.Request(url, headers={"User-Agent": "govgraph-ingest", "Accept": ", ".join(MEDIA_TYPES)})
    try:
        with opener.open(request, timeout=timeout) as response:
            suffix = _suffix(url, response.headers)
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(
                    url, f"is {int(length)} bytes, over the ingest size cap of {max_bytes} (raise it with --max-bytes)"
                )
            body = _read(url, response, max_bytes)
            final = response.geturl()
            charset = response.headers.get_content_charset()
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        raise FetchError(url, f"the server answered HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            raise FetchError(url, f"no answer within {timeout:g} s (timeout)") from None
        raise FetchError(url, f"cannot connect: {getattr(reason, 'strerror', None) or reason}") from None
    except TimeoutError:
        raise FetchError(url, f"no answer within {timeout:g} s (timeout)") from None
    except OSError as error:  # a connection reset half-way, a TLS failure
        raise FetchError(url, f"the transfer failed: {error.strerror or error}") from None
    if not body:
        raise FetchError(url, "the server sent an empty body: no text to extract")
    if suffix != ".pdf":
        body = _as_utf8(url, body, charset)
    return body, suffix, Retrieval(url, final, datetime.now(UTC).replace(microsecond=0))


def _suffix(url: str, headers: HTTPMessage) -> str:
    media = headers.get_content_type()
    if media not in MEDIA_TYPES:
        raise FetchError(url, f"the server sent {media}; ingest reads {', '.join(sorted(MEDIA_TYPES))}")
    return MEDIA_TYPES[media]


def _read(url: str, response: IO[bytes], max_bytes: int) -> bytes:
    """The body, read in chunks and never more than `max_bytes` + 1 bytes."""
    chunks, size = [], 0
    while chunk := response.read(min(_CHUNK, max_bytes + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(url, f"sent more than the ingest size cap of {max_bytes} bytes (raise it with --max-bytes)")
    return b"".join(chunks)


def _as_utf8(url: str, body: bytes, charset: str | None) -> bytes:
    """A text body in UTF-8, decoded by the charset the server declared (UTF-8 when it declared none)."""
    try:
        return body.decode(charset or "utf-8").encode("utf-8")
    except LookupError:
        raise FetchError(url, f"declares an unknown charset {charset!r}") from None
    except UnicodeDecodeError as error:
        raise FetchError(url, f"is not {charset or 'UTF-8'} text ({error.reason} at byte {error.start})") from None


def default_name(url: str) -> str:
    """A document id from a URL: its last path segment without extension, else its host."""
    parts = urlsplit(url)
    last = Path(parts.path.rstrip("/")).stem
    return slugify(last) or slugify(parts.hostname or "") or "document"


def fetch_to_sources(
    url: str,
    doc_id: str | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    sources: Path | None = None,
) -> tuple[Path, Retrieval]:
    """Fetch `url` and save it as data/sources/<id><suffix> (atomically); the file and the retrieval.

    A file of that name with other content is not overwritten: pass another --id.
    """
    body, suffix, retrieval = fetch(url, timeout=timeout, max_bytes=max_bytes)
    name = slugify(doc_id or "") or default_name(url)
    folder = Path(sources or paths.DATA_DIR / "sources")
    target = output_path(folder, name + suffix, name)
    if target.exists() and target.read_bytes() != body:
        raise FetchError(url, f"{target} exists with other content; choose another --id")
    write_bytes(target, body)
    return target, retrieval
