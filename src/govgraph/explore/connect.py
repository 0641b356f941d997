"""Open the store the explorer reads: the embedded build by default, or a remote endpoint."""

from __future__ import annotations

import os
from pathlib import Path

from .. import paths
from ..store import Store, open_store
from ..store.embedded import is_store

#: Overrides the embedded store directory the app reads (tests and benchmarks point it at their own).
STORE_ENV = "GOVGRAPH_STORE"


def store_location() -> Path:
    """The embedded store directory: $GOVGRAPH_STORE when set, else build/store."""
    return Path(os.environ[STORE_ENV]) if os.environ.get(STORE_ENV) else paths.STORE_DIR


def ensure_built(location: Path | None = None) -> bool:
    """Build the graph when the embedded store is missing; True when a build ran."""
    location = Path(location) if location is not None else store_location()
    if is_store(location):
        return False
    from ..build import build

    build(store_dir=location)
    return True


def connect(endpoint: str | None = None, location: Path | str | None = None) -> Store:
    """The embedded store at `location` (default: `store_location()`), or the SPARQL endpoint at `endpoint`."""
    endpoint = (endpoint or "").strip() or None
    return open_store(endpoint, location=location if location is not None else store_location())
