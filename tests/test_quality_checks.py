"""Data-quality checks (queries/checks/*.rq): zero rows on the curated data, the expected rows on a
broken copy of it.

Each broken copy is the seed with a few triples removed and/or added (one realistic mistake per
check); the rows each check must then return were worked out by hand from that change. The checks
run through pyoxigraph with the union default graph, as `govgraph validate` runs them.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph import loading, paths, queries, terms
from govgraph.namespaces import PREFIXES
from govgraph.validate import check_findings
from tests.query_rows import short

TURTLE_PREFIXES = "".join(f"@prefix {name}: <{namespace}> .\n" for name, namespace in PREFIXES.items())
S = "stmt:g7-2023-digital-annex4-"
ANNEX4 = "doc:g7-2023-digital-annex4"

# check name -> (triples to remove as (subject, predicate, object or None), Turtle to add, expected rows)
BROKEN: dict[str, tuple[list[tuple[str, str, str | None]], str, list[tuple[object, ...]]]] = {
    # ¶1.2 clause 2 starts at 960, inside clause 1 (800–969).
    "overlapping-statements": (
        [(S + "p1-s2-c2", "gg:startOffset", None)],
        f"{S}p1-s2-c2 gg:startOffset 960 .",
        [(S + "p1-s2-c1", S + "p1-s2-c2")],
    ),
    # Paragraph 2 said to start at 1000, inside paragraph 1 (618–1038).
    "overlapping-paragraphs": (
        [(f"{ANNEX4}-p2", "gg:startOffset", None)],
        f"{ANNEX4}-p2 gg:startOffset 1000 .",
        [(f"{ANNEX4}-p1", f"{ANNEX4}-p2")],
    ),
    # ¶1.2 clause 2 numbered clause 1 like its neighbour.
    "duplicate-sentence-and-clause-numbers": (
        [(S + "p1-s2-c2", "gg:clause", None)],
        f"{S}p1-s2-c2 gg:clause 1 .",
        [(S + "p1-s2-c1", S + "p1-s2-c2")],
    ),
    # A sixth paragraph with no sentence modelled.
    "paragraph-without-statement": (
        [],
        f'{ANNEX4}-p6 a gg:Paragraph ; rdfs:label "Annex 4 (2023), paragraph 6"@en ; gg:number 6 ; dcterms:isPartOf {ANNEX4} .',
        [(f"{ANNEX4}-p6",)],
    ),
    # A forum and an initiative nobody names; an unused theme is no finding (SKOS schemes may hold
    # concepts no statement uses yet).
    "unreferenced-forum-or-initiative": (
        [],
        'forum:example a gg:Forum ; rdfs:label "Example forum"@en .\n'
        'initiative:example a gg:Initiative ; rdfs:label "Example initiative"@en .\n'
        'theme:example a gg:Theme ; rdfs:label "Example theme"@en ; skos:broader theme:internet-freedom .',
        [("forum:example", "gg:Forum"), ("initiative:example", "gg:Initiative")],
    ),
    # A second target group labelled "youths"; a meeting labelled "Kyoto" like the place is fine
    # (another class).
    "duplicate-label-within-class": (
        [],
        'group:young-people a gg:TargetGroup ; rdfs:label "youths"@en .\nmeeting:kyoto a gg:Meeting ; rdfs:label "Kyoto"@en .',
        [("gg:TargetGroup", "group:young-people", "group:youths", "youths")],
    ),
    # Internet governance made narrower than its own narrower theme: a loop of two.
    "broader-cycle": (
        [],
        "theme:internet-governance skos:broader theme:multistakeholder-internet-governance .",
        [("theme:internet-governance",), ("theme:multistakeholder-internet-governance",)],
    ),
    # ¶2.3 said to reaffirm a theme (wrong); ¶4.2 building on the Tunis Agenda is fine.
    "lineage-to-unknown-item": (
        [],
        f"{S}p2-s3 gg:reaffirms theme:online-safety .\n{S}p4-s2 gg:buildsOn doc:wsis-tunis-agenda .",
        [(S + "p2-s3", "gg:reaffirms", "theme:online-safety")],
    ),
}


def _iri(name: str) -> ox.NamedNode:
    prefix, _, local = name.partition(":")
    return ox.NamedNode(str(PREFIXES[prefix]) + local)


@pytest.fixture(scope="module")
def seed_quads() -> list[ox.Quad]:
    return list(loading.load_store().quads_for_pattern(None, None, None))


def broken_store(seed: list[ox.Quad], remove: list[tuple[str, str, str | None]], add: str) -> ox.Store:
    """An in-memory copy of the seed with `remove` taken out and the Turtle `add` put in."""
    store = ox.Store()
    store.extend(seed)
    for subject, predicate, obj in remove:
        matches = list(store.quads_for_pattern(_iri(subject), _iri(predicate), _iri(obj) if obj else None))
        assert matches, f"nothing to remove for {subject} {predicate} {obj}"
        for quad in matches:
            store.remove(quad)
    if add:
        graph = ox.NamedNode("https://w3id.org/govgraph/graph/test-additions")
        triples = ox.parse(TURTLE_PREFIXES + add, format=ox.RdfFormat.TURTLE)
        store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    return store


def run_check(store: ox.Store, check: queries.SavedQuery) -> list[tuple[object, ...]]:
    """The check's rows, run the way `govgraph validate` runs it (pyoxigraph, union default graph)."""
    results = store.query(check.text, use_default_graph_as_union=True)
    assert isinstance(results, ox.QuerySolutions)  # a check is a SELECT
    return [tuple(short(terms.from_oxigraph(s[v]) if s[v] is not None else None) for v in results.variables) for s in results]


CHECKS = {check.path.stem: check for check in queries.list_checks()}


def test_every_check_has_a_broken_fixture() -> None:
    assert set(CHECKS) == set(BROKEN)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_check_passes_on_curated_data(name: str, seed_quads: list[ox.Quad]) -> None:
    store = ox.Store()
    store.extend(seed_quads)
    assert run_check(store, CHECKS[name]) == []


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_check_finds_the_broken_fixture(name: str, seed_quads: list[ox.Quad]) -> None:
    remove, add, expected = BROKEN[name]
    assert run_check(broken_store(seed_quads, remove, add), CHECKS[name]) == expected


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_check_has_a_title_and_description(name: str) -> None:
    check = CHECKS[name]
    assert check.title and check.title != name
    assert check.description
    assert check.form == "SELECT"
    assert not check.params, "checks run without parameters in govgraph validate"


def test_validate_reports_check_rows_with_the_title(seed_quads: list[ox.Quad]) -> None:
    """`govgraph validate` turns each row of a check into a finding titled by the check."""
    assert check_findings(_store_of(seed_quads)) == []
    remove, add, _ = BROKEN["paragraph-without-statement"]
    findings = check_findings(broken_store(seed_quads, remove, add))
    assert [(f.focus, f.shape, f.message) for f in findings] == [
        (
            str(PREFIXES["doc"]) + "g7-2023-digital-annex4-p6",
            "check:paragraph-without-statement",
            "Paragraph without any statement",
        )
    ]


def _store_of(quads: list[ox.Quad]) -> ox.Store:
    store = ox.Store()
    store.extend(quads)
    return store


def test_checks_live_in_the_checks_folder() -> None:
    assert Path(paths.CHECKS_DIR) == Path(paths.QUERIES_DIR) / "checks"
    assert sorted(p.stem for p in Path(paths.CHECKS_DIR).glob("*.rq")) == sorted(CHECKS)
