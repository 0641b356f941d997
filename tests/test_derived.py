"""The derived graph: counts written by `build` (and a files source) into a graph of their own.

The questions that read it answer the same rows as their plain forms on the curated graph alone,
which they fall back to on a store without it; curated counts (stats) leave it out.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph import derived, loading
from govgraph.building import build
from govgraph.explore.entity import describe
from govgraph.publish import publish
from govgraph.queries import list_queries
from govgraph.source import GraphSource, open_store
from govgraph.stats import count_summary
from govgraph.store import MemoryStore, ResultTable

pytest_plugins = ["tests.servers"]

READING_IT = [question for question in list_queries() if question.plain is not None]


@pytest.fixture(scope="module")
def curated() -> ox.Store:
    return loading.load_store()


@pytest.fixture(scope="module")
def with_it() -> ox.Store:
    return derived.with_derived(loading.load_store())


def test_the_count_questions_read_it_and_keep_a_plain_form() -> None:
    names = {question.name for question in READING_IT}
    assert names == {
        "totals",
        "commitments-per-forum",
        "statements-per-forum",
        "commitments-per-theme",
        "commitments-per-act-kind",
        "commitments-per-target-year",
        "forums-and-initiatives-named-together",
    }


@pytest.mark.parametrize("question", READING_IT, ids=lambda question: question.name)
def test_a_question_gives_the_rows_of_its_plain_form(question, curated: ox.Store, with_it: ox.Store) -> None:
    plain, fast = MemoryStore(curated), MemoryStore(with_it)
    assert question.text_for(plain) == question.plain and question.text_for(fast) == question.text
    expected = plain.select(question.plain, question.bindings())
    assert expected.rows  # every one has rows on the seed
    assert fast.select(question.text, question.bindings()).rows == expected.rows
    answer = question.run(plain)  # without the graph, the plain form runs: no empty or zero answer
    assert isinstance(answer, ResultTable) and answer.rows == expected.rows


def test_deriving_again_replaces_the_graph(with_it: ox.Store) -> None:
    graph = ox.NamedNode(derived.DERIVED_GRAPH)
    before = sorted(map(str, with_it.quads_for_pattern(None, None, None, graph)))
    assert before and derived.derive(with_it) == len(before)
    assert sorted(map(str, with_it.quads_for_pattern(None, None, None, graph))) == before


def test_curated_counts_leave_it_out(curated: ox.Store, with_it: ox.Store) -> None:
    assert derived.size(MemoryStore(with_it)) > 0 == derived.size(MemoryStore(curated))
    assert count_summary(with_it) == count_summary(curated)


def test_build_writes_it_into_its_own_graph_and_a_files_source_derives_it(tmp_path: Path) -> None:
    result = build(output=tmp_path / "govgraph.nq", store_dir=None)
    assert derived.DERIVED_GRAPH in result.graphs
    built = GraphSource.from_build(tmp_path / "govgraph.nq").store()
    with built, GraphSource.from_files().store() as files:
        assert derived.present(built) and derived.present(files)
        assert derived.size(built) == derived.size(files)
        assert result.counts == count_summary(built)


@pytest.mark.server
def test_a_server_given_only_the_curated_graphs_answers_with_the_plain_forms(
    fresh_oxigraph_url: str, curated: ox.Store, with_it: ox.Store
) -> None:
    """A server published without the derived graph gives the same rows; published with it, too."""
    server = open_store(fresh_oxigraph_url)
    with server:
        server.publish(curated)
        assert not derived.present(server)
        for question in READING_IT:
            assert question.run(server).rows == MemoryStore(with_it).select(question.text).rows, question.name
        server.publish(with_it)
        assert derived.present(server)
        for question in READING_IT:
            assert question.run(server).rows == MemoryStore(with_it).select(question.text).rows, question.name


def test_an_entity_page_shows_no_derived_counts_or_nodes(with_it: ox.Store) -> None:
    entity = describe(MemoryStore(with_it), "https://w3id.org/govgraph/id/forum/igf")
    links = [link.prop for link in entity.outgoing + entity.incoming]
    assert links and not [prop for prop in links if prop.startswith(derived.DERIVED)]


@pytest.mark.server
def test_publish_counts_what_the_server_holds_not_what_the_build_counted(fresh_oxigraph_url: str, tmp_path: Path) -> None:
    """A graph published earlier by someone else stays on the server: the counts include it."""
    build(output=tmp_path / "govgraph.nq", store_dir=None)
    other = ox.NamedNode(loading.GRAPH_BASE + "elsewhere")
    commitment = ox.NamedNode("https://example.org/commitment/1")
    kind = ox.NamedNode("https://w3id.org/govgraph/ontology#Commitment")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    with open_store(fresh_oxigraph_url) as server:
        server.publish([ox.Quad(commitment, rdf_type, kind, other)])
        publish(server, GraphSource.from_build(tmp_path / "govgraph.nq"))
        assert derived.present(server)
        totals = next(question for question in READING_IT if question.name == "totals")
        assert totals.plain is not None
        assert server.select(totals.text).rows == server.select(totals.plain).rows


def test_exports_read_from_a_build_leave_it_out(tmp_path: Path) -> None:
    build(output=tmp_path / "govgraph.nq", store_dir=None)
    graphs = {quad.graph_name for quad in GraphSource.from_build(tmp_path / "govgraph.nq").quads()}
    assert derived.GRAPH not in graphs
    assert graphs == {quad.graph_name for quad in GraphSource.from_files().quads()}
