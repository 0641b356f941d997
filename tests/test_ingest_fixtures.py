"""Hand-written communiqués in other styles, each with labels written by hand in a sidecar
(<fixture>.expected.json): numbered paragraphs, pledges, a member acting alone with a date,
condemnations and recognitions, lineage, participant lists, HTML chrome, wrapped Markdown."""

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from govgraph.ingest import draft_turtle, extract, validate_draft
from govgraph.namespaces import GG, ID

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SIDECARS = sorted(FIXTURES.glob("*.expected.json"))


def _source(sidecar: Path) -> Path:
    stem = sidecar.name.removesuffix(".expected.json")
    return next(p for p in FIXTURES.iterdir() if p.stem == stem and p.suffix != ".json")


def _rel(iri) -> str:
    return str(iri)[len(str(ID)) :]


@pytest.fixture(scope="module", params=SIDECARS, ids=lambda p: p.name.removesuffix(".expected.json"))
def case(request):
    expected = json.loads(request.param.read_text(encoding="utf-8"))
    source = _source(request.param)
    return source, expected, extract(source, **expected["args"])


def _got(extraction) -> dict[str, object]:
    prefix = extraction.document.slug + "-"
    return {str(s.iri).rsplit("/", 1)[-1].removeprefix(prefix): s for s in extraction.statements}


def test_statements_acts_and_commitment_decisions(case):
    _, expected, extraction = case
    got = _got(extraction)
    assert list(got) == [s["id"] for s in expected["statements"]]
    for want in expected["statements"]:
        statement = got[want["id"]]
        assert statement.quote == want["quote"]
        assert (statement.kind, statement.commitment) == (want["act"], want["commitment"]), want["id"]
        assert sorted(_rel(m) for m in statement.made_by) == sorted(want["made_by"]), want["id"]


def test_linked_entities(case, capsys):
    _, expected, extraction = case
    got = _got(extraction)
    found = wanted = hits = 0
    for want in expected["statements"]:
        statement = got[want["id"]]
        have = {f"{str(p).rsplit('#', 1)[-1]} {_rel(o)}" for p, o in statement.links}
        have |= {f"targetTime year/{y}" for y in statement.years} | {f"mentions {_rel(c.iri)}" for c in statement.candidates}
        assert set(want["entities"]) <= have, (want["id"], set(want["entities"]) - have)
        found, wanted, hits = found + len(have), wanted + len(want["entities"]), hits + len(set(want["entities"]) & have)
        lineage = {f"{str(r).rsplit('#', 1)[-1]} {_rel(t)}" for r, t in statement.lineage}
        assert lineage == set(want.get("lineage", [])), want["id"]
    with capsys.disabled():
        print(f"\n  {extraction.source.path.name}: linked entities precision {hits / found:.1%} recall {hits / wanted:.1%}")
    assert hits / found >= 0.9


def test_candidate_entities(case):
    _, expected, extraction = case
    candidates = {_rel(c.iri): [c.name, c.acronym] for s in extraction.statements for c in s.candidates}
    assert candidates == expected["candidates"]


def test_chrome_is_dropped_and_paragraphs_counted(case):
    _, expected, extraction = case
    assert len(extraction.paragraphs) == expected["paragraphs"]
    paragraphs_text = " ".join(extraction.text[s:e] for _, s, e in extraction.paragraphs)
    for chrome in expected["absent"]:
        assert chrome not in paragraphs_text
    if "title" in expected:
        assert extraction.document.title == expected["title"]


def test_offsets_point_at_quotes_in_the_cited_text(case):
    _, _, extraction = case
    for statement in extraction.statements:
        assert extraction.text[statement.start : statement.end] == statement.quote


def test_draft_conforms_and_marks_candidates(case, tmp_path):
    _, _, extraction = case
    draft = tmp_path / f"{extraction.document.slug}.ttl"
    draft.write_text(draft_turtle(extraction), encoding="utf-8")
    report = validate_draft(draft)
    assert report.conforms, report.violations
    graph = Graph().parse(draft)
    for statement in extraction.statements:
        for candidate in statement.candidates:
            assert (candidate.iri, RDF.type, GG.CandidateEntity) in graph
            assert graph.value(candidate.iri, RDFS.label) == Literal(candidate.name, lang="en")
            if candidate.acronym:
                assert (candidate.iri, SKOS.altLabel, Literal(candidate.acronym, lang="en")) in graph


def test_provenance_on_every_statement(case):
    from rdflib.namespace import SDO  # imported here: pytest probes module globals, and SDO warns on unknown names

    _, _, extraction = case
    graph = Graph().parse(data=draft_turtle(extraction), format="turtle")
    statements = set(graph.subjects(GG.quote, None))
    assert len(statements) == len(extraction.statements)
    for node in statements:
        activity = graph.value(node, GG.confidence) and graph.value(node, PROV.wasGeneratedBy)
        assert activity is not None
        assert (activity, RDF.type, GG.Extraction) in graph
        assert str(graph.value(activity, GG.sha256)) == extraction.source.sha256
        agent = graph.value(activity, PROV.wasAssociatedWith)
        assert graph.value(agent, SDO.softwareVersion) is not None
        assert 0 <= float(graph.value(node, GG.confidence)) <= 1
