"""JSON-LD: the shipped context, framed commitments, and no network use at any point."""

import json
import socket
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, RDF

from govgraph import paths
from govgraph.export import jsonld
from govgraph.export.canonical import canonical_nquads, union
from govgraph.namespaces import GG
from govgraph.source import GraphSource

pytest_plugins = ["tests.conftest_export"]
from tests.conftest_export import NETWORK, TRICKY  # noqa: E402


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to resolve a host name or open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise NetworkUsed(f"network access attempted: {args[:2]}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_guard_catches_a_remote_context(no_network: None) -> None:
    """The guard is real: a document that names a remote context makes rdflib try the network."""
    document = json.dumps({"@context": jsonld.CONTEXT_IRI, "@id": "https://example.org/a", "label": "x"})
    with pytest.raises(Exception) as caught:
        rdflib.Graph().parse(data=document, format="json-ld")
    assert isinstance(caught.value, NetworkUsed) or "network access attempted" in repr(caught.value) + repr(
        caught.value.__context__
    )


def test_export_and_both_readers_work_offline(no_network: None, tmp_path: Path) -> None:
    quads = GraphSource.from_files([TRICKY, NETWORK]).quads()
    data = jsonld.jsonld(quads)
    (tmp_path / "g.jsonld").write_bytes(data)
    document = json.loads(data)
    assert isinstance(document["@context"], dict)  # inline: nothing to fetch
    read_by_rdflib = rdflib.Graph().parse(str(tmp_path / "g.jsonld"), format="json-ld")
    read_by_oxigraph = list(ox.parse(path=str(tmp_path / "g.jsonld"), format=ox.RdfFormat.JSON_LD))
    expected = list(union(quads))
    assert len(read_by_rdflib) == len(set(read_by_oxigraph)) == len(expected)  # a repeated label is one triple
    assert canonical_nquads(read_by_oxigraph) == canonical_nquads([ox.Quad(t.subject, t.predicate, t.object) for t in expected])


def test_exported_context_is_the_shipped_file(fixture_export: Path) -> None:
    shipped = json.loads(jsonld.CONTEXT_FILE.read_text(encoding="utf-8"))
    assert json.loads((fixture_export / "context.jsonld").read_text(encoding="utf-8")) == shipped
    assert json.loads((fixture_export / "govgraph.jsonld").read_text(encoding="utf-8"))["@context"] == shipped["@context"]


def test_context_gives_every_ontology_term_one_short_key() -> None:
    context = jsonld.load_context()
    compactor = jsonld.Compactor(context)
    ontology = rdflib.Graph().parse(paths.ONTOLOGY_FILE)
    terms = {
        str(s)
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in ontology.subjects(RDF.type, kind)
        if str(s).startswith(str(GG))
    }
    for term in sorted(terms):
        key = compactor.properties.get(term, (compactor.classes.get(term),))[0]
        assert key == term.rsplit("#", 1)[-1], f"{term} has no short key in the context"
    iris = [v["@id"] if isinstance(v, dict) else v for k, v in context.items() if not k.startswith("@")]
    assert len(iris) == len(set(iris)), "two keys for one IRI"


def test_commitments_are_framed_as_nested_objects(fixture_export: Path) -> None:
    graph = json.loads((fixture_export / "govgraph.jsonld").read_text(encoding="utf-8"))["@graph"]
    # The 7 statements come first (6 in the network fixture, 1 in tricky.ttl).
    assert all("Commitment" in str(node.get("type")) or "Statement" in str(node.get("type")) for node in graph[:7])
    by_id = {node["id"]: node for node in graph if "id" in node}
    pledge = by_id["https://w3id.org/govgraph/id/statement/p5-s2"]
    assert pledge["type"] == "Commitment"
    assert pledge["forum"] == [
        {"id": "https://w3id.org/govgraph/id/forum/gdc", "label": "Global Digital Compact"},
        {"id": "https://w3id.org/govgraph/id/forum/wsis-20", "label": "WSIS+20 Review"},
    ]
    assert pledge["madeBy"] == {"id": "https://w3id.org/govgraph/id/actor/g7", "label": "G7"}
    tricky = by_id["https://w3id.org/govgraph/id/statement/tricky"]
    assert tricky["targetTime"] == {"type": "Instant", "inXSDgYear": "2025"}  # blank node embedded
    assert tricky["quote"] == "We “commit” to ça — naïve café\nnext line"  # @en is the default language
