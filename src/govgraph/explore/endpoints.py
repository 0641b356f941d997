"""Which SPARQL endpoints the explorer may read: only those its operator listed, never one a link names.

The operator lists them with `govgraph app --endpoint URL` (repeatable) or `--config FILE`, a TOML
file holding ``endpoints = ["http://…", …]``; the launcher hands them to the app in ENDPOINTS_ENV.
A page may then choose among them and the embedded store, and nothing else.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import GovgraphError, InputError

#: The endpoints the app may read, one URL a line, set by `govgraph app`.
ENDPOINTS_ENV = "GOVGRAPH_ENDPOINTS"


def check(url: str) -> str:
    """The URL, if it is an http(s) URL with a host; else GovgraphError."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in url):
        raise GovgraphError(f"not an http(s) SPARQL endpoint URL: {url!r}")
    return url


def read_config(path: Path) -> list[str]:
    """The endpoints a config file lists: ``endpoints = [URL, …]`` and nothing else."""
    try:
        config = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(path, f"cannot read the app config: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(path, f"not a TOML file: {error}") from None
    listed = config.get("endpoints", [])
    if set(config) - {"endpoints"} or not isinstance(listed, list) or not all(isinstance(u, str) for u in listed):
        raise InputError(path, 'the app config holds one key, endpoints = ["http://…", …]')
    try:
        return [check(url) for url in listed]
    except GovgraphError as error:
        raise InputError(path, str(error)) from None


def allowed(urls: Iterable[str] = (), config: Path | None = None) -> list[str]:
    """The endpoints given on the command line, then the config file's, each once, in that order."""
    listed = [check(url) for url in urls] + (read_config(config) if config is not None else [])
    return list(dict.fromkeys(listed))


def to_environment(urls: Iterable[str]) -> str:
    return "\n".join(urls)


def from_environment(env: Mapping[str, str] = os.environ) -> list[str]:
    """The endpoints the launcher listed for the app (none: the embedded store only)."""
    return [check(url) for url in env.get(ENDPOINTS_ENV, "").split()]
