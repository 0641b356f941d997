"""One vocabulary, read from the ontology: a subclass added there reaches every counter, linker and table.

The test adds gg:Summit (a subclass of gg:Forum) to a copy of the ontology and retypes the
Internet Governance Forum as one; nothing else changes, and no code.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from govgraph import explore, loading, vocabulary
from govgraph.namespaces import FORUM, GG, RDF, STMT
from govgraph.stats import count_summary
from govgraph.store import EmbeddedStore, temporary_store
from tests.conftest import FIXTURES, run_cli

SUMMIT = """
gg:Summit a owl:Class ;
    rdfs:subClassOf gg:Forum ;
    rdfs:label "summit"@en ;
    skos:definition "A forum that meets at the level of heads of state or government."@en .
"""
IGF = str(FORUM.igf)


@pytest.fixture
def summit_home(project_copy: Path) -> Path:
    """A project whose ontology declares gg:Summit, and whose IGF is a summit rather than a forum."""
    ontology = project_copy / "ontology" / "govgraph.ttl"
    ontology.write_text(ontology.read_text(encoding="utf-8") + SUMMIT, encoding="utf-8")
    forums = project_copy / "data" / "reference" / "forums.ttl"
    text = forums.read_text(encoding="utf-8")
    assert "forum:igf a gg:Forum ;" in text
    forums.write_text(text.replace("forum:igf a gg:Forum ;", "forum:igf a gg:Summit ;"), encoding="utf-8")
    return project_copy


def test_the_vocabulary_reads_classes_labels_and_roles_from_the_ontology(summit_home: Path) -> None:
    known = vocabulary.load(summit_home / "ontology" / "govgraph.ttl")
    assert known.label(str(GG.Summit)) == "summit"
    assert str(GG.Summit) in known.below(str(GG.Forum))
    role = known.role_naming(str(GG.Summit))
    assert role is not None and role.iri == str(GG.forum)
    assert [role.name for role in known.roles] == list(explore.vocab.ROLES)


def test_stats_count_a_new_subclass_from_the_ontology_alone(summit_home: Path) -> None:
    """The data says only `forum:igf a gg:Summit`: the ontology file, not the graph, says a summit is a forum."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(IGF), ox.NamedNode(str(RDF.type)), ox.NamedNode(str(GG.Summit)), ox.NamedNode("urn:graph")))
    assert count_summary(store, summit_home / "ontology" / "govgraph.ttl")["forums"] == 1


def test_a_new_subclass_shows_up_everywhere_with_no_code_change(summit_home: Path, tmp_path: Path) -> None:
    expected = count_summary(loading.load_store())
    built = run_cli("build", home=summit_home)
    assert built.returncode == 0, built.stderr

    stats = run_cli("stats", "--format", "json", home=summit_home)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["forums"] == expected["forums"]

    with EmbeddedStore(summit_home / "build" / "store") as store:
        assert explore.overview(store).counts["forums"] == expected["forums"]
        assert IGF in {value.iri for value in explore.facet_values(store, commitments_only=False)["forum"]}

    ingested = run_cli("ingest", str(FIXTURES / "ingest" / "g7-2023-ict-fixture.txt"), "--id", "summit-check", home=summit_home)
    assert ingested.returncode == 0, ingested.stderr
    draft = Graph().parse(summit_home / "data" / "drafts" / "summit-check.ttl")
    assert (None, GG.forum, URIRef(IGF)) in draft, "the IGF, now a gg:Summit, is linked as a forum"

    out = summit_home / "exports"
    exported = run_cli("export", "--format", "csv", "--out", str(out), home=summit_home)
    assert exported.returncode == 0, exported.stderr
    assert IGF in (out / "csv" / "forums.csv").read_text(encoding="utf-8-sig")

    network = run_cli(
        "network", "--store", summit_home / "build" / "store", "--kind", "forum", "--format", "csv", home=summit_home
    )
    assert network.returncode == 0, network.stderr
    assert f"{IGF},Internet Governance Forum,forum," in network.stdout


def test_the_network_kinds_a_new_subclass_from_the_ontology_alone(summit_home: Path, tmp_path: Path) -> None:
    """A store holding the data alone (no ontology, as on a server loaded with the data only): the
    IGF, a gg:Summit named by the plain gg:mentions role, is a forum because the ontology file says so."""
    location = tmp_path / "data-only"
    statement, graph = ox.NamedNode(str(STMT["summit-check"])), ox.NamedNode("urn:graph")
    data = ox.Store(str(location))
    data.extend(
        [
            ox.Quad(ox.NamedNode(IGF), ox.NamedNode(str(RDF.type)), ox.NamedNode(str(GG.Summit)), graph),
            ox.Quad(statement, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(GG.Commitment)), graph),
            ox.Quad(statement, ox.NamedNode(str(GG.mentions)), ox.NamedNode(IGF), graph),
        ]
    )
    data.flush()
    del data
    done = run_cli("network", "--store", location, "--kind", "forum", "--role", "mentions", "--format", "csv", home=summit_home)
    assert done.returncode == 0, done.stderr
    kinds = {row["id"]: row["kind"] for row in csv.DictReader(io.StringIO(done.stdout))}
    assert kinds == {str(statement.value): "commitment", IGF: "forum"}


def test_the_cli_and_the_app_count_the_same_things() -> None:
    """`govgraph stats` and the app's overview count one list of classes, with the same numbers."""
    data = loading.load_store()
    printed = count_summary(data)
    with temporary_store(data) as store:
        shown = explore.overview(store)
    assert shown.counts == {key: n for key, n in printed.items() if key != "triples"}
    assert shown.triples == printed["triples"]
    assert list(explore.COUNTED) == list(shown.counts)
