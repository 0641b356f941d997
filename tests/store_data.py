"""Fixtures for the store tests (a pytest plugin): the fixture dataset and stores holding it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.source import open_store
from govgraph.store import EmbeddedStore, RemoteStore, temporary_store

FIXTURE = Path(__file__).parent / "data" / "store-fixture.trig"
#: Triples per named graph in the fixture, counted by hand (see the comments in the test modules).
FIXTURE_GRAPHS = {
    "https://w3id.org/govgraph/graph/reference": 13,
    "https://w3id.org/govgraph/graph/document/annex4": 23,
    "https://w3id.org/govgraph/graph/document/other": 13,
}


@pytest.fixture(scope="session")
def fixture_quads() -> list[ox.Quad]:
    return list(ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG))


@pytest.fixture(scope="session")
def embedded(fixture_quads: list[ox.Quad]) -> Iterator[EmbeddedStore]:
    """An embedded store (own temporary directory) holding the fixture."""
    store = temporary_store(fixture_quads)
    yield store
    store.close()


@pytest.fixture
def remote(server_url: str, fixture_quads: list[ox.Quad]) -> RemoteStore:
    """Each real server in turn, with the fixture published to it."""
    store = open_store(server_url)
    assert isinstance(store, RemoteStore)
    store.publish(fixture_quads)
    return store
