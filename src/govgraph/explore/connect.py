"""Open the store the explorer reads: the embedded build by default, or a remote endpoint."""

from __future__ import annotations

from pathlib import Path

from .. import paths
from ..store import Store, open_store
from ..store.embedded import is_store


def ensure_built(location: Path = paths.STORE_DIR) -> bool:
    """Build the graph when the embedded store is missing; True when a build ran."""
    if is_store(location):
        return False
    from ..build import build

    build(store_dir=location)
    return True


def connect(endpoint: str | None = None, location: Path | str = paths.STORE_DIR) -> Store:
    """The embedded store at `location`, or the SPARQL endpoint whose query URL is `endpoint`."""
    endpoint = (endpoint or "").strip() or None
    return open_store(endpoint, location=location)
