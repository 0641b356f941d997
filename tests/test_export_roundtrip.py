"""Every RDF export read back by three independent parsers: rdflib, pyoxigraph and rapper (raptor2);
JSON-LD, which raptor2 cannot read, by pyld (the JSON-LD reference processor for Python) instead.

All three must count the same triples (quads for N-Quads and TriG) as the source, and what
each parser read must be the source graph: compared as RDFC-1.0 canonical N-Quads made by
pyoxigraph, never with rdflib's graph_diff.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from pyld import jsonld

from govgraph.export import FORMATS as EXPORT_FORMATS
from govgraph.export.canonical import canonical_nquads
from govgraph.source import GraphSource

pytest_plugins = ["tests.conftest_export"]

#: Export formats that keep one named graph per source document; the others are compared as triples.
DATASET_FORMATS = {"nq", "trig"}
#: raptor2's name for each syntax it reads; it has no JSON-LD parser, so pyld is the third reader of JSON-LD.
RAPPER_SYNTAX = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/n-quads": "nquads",
    "application/trig": "trig",
    "application/rdf+xml": "rdfxml",
}


def _readers(media_type: str, dataset: bool) -> tuple[ox.RdfFormat, str, str | None, bool]:
    """(pyoxigraph format, rdflib format, rapper input syntax or None, is a dataset format) of a media type."""
    return ox.RdfFormat.from_media_type(media_type), media_type, RAPPER_SYNTAX.get(media_type), dataset


#: file name → its readers: every RDF format `govgraph export` writes, and the two descriptions.
FORMATS = {
    **{
        f.filename: _readers(f.media_type, f.key in DATASET_FORMATS)
        for f in EXPORT_FORMATS.values()
        if ox.RdfFormat.from_media_type(f.media_type)
    },
    "description.ttl": _readers("text/turtle", False),
    "description.jsonld": _readers("application/ld+json", False),
}
RAPPER = shutil.which("rapper") or "/usr/bin/rapper"


def _triples(quads: list[ox.Quad]) -> list[ox.Quad]:
    return list({ox.Quad(q.subject, q.predicate, q.object) for q in quads})


def _from_rdflib(graph: rdflib.Graph, dataset: bool) -> list[ox.Quad]:
    def term(node):
        if isinstance(node, rdflib.URIRef):
            return ox.NamedNode(str(node))
        if isinstance(node, rdflib.BNode):
            return ox.BlankNode(str(node))
        if node.language:
            return ox.Literal(str(node), language=node.language)
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype or "http://www.w3.org/2001/XMLSchema#string")))

    if dataset:
        return [
            ox.Quad(term(s), term(p), term(o), term(g) if isinstance(g, rdflib.URIRef) else ox.DefaultGraph())
            for s, p, o, g in graph.quads()
            if not (isinstance(g, rdflib.URIRef) and str(g) == "urn:x-rdflib:default")
        ]
    return [ox.Quad(term(s), term(p), term(o)) for s, p, o in graph]


def read_three_ways(path: Path) -> dict[str, list[ox.Quad]]:
    """The quads of `path` as read by each parser (rapper's via its N-Triples/N-Quads output)."""
    ox_format, rdflib_format, rapper_syntax, dataset = FORMATS[path.name]
    found = {"pyoxigraph": list(ox.parse(path=str(path), format=ox_format))}
    rdflib.NORMALIZE_LITERALS = False  # keep lexical forms exactly as written
    try:
        graph = rdflib.Dataset() if dataset else rdflib.Graph()
        graph.parse(str(path), format=rdflib_format)
    finally:
        rdflib.NORMALIZE_LITERALS = True
    found["rdflib"] = _from_rdflib(graph, dataset)
    if rapper_syntax:
        out = subprocess.run(
            [
                RAPPER,
                "-q",
                "-i",
                rapper_syntax,
                "-o",
                "nquads" if dataset else "ntriples",
                str(path),
                "https://w3id.org/govgraph/",
            ],
            capture_output=True,
            check=True,
            timeout=120,
        )
        found["rapper"] = list(ox.parse(out.stdout, format=ox.RdfFormat.N_QUADS if dataset else ox.RdfFormat.N_TRIPLES))
        counted = subprocess.run(
            [RAPPER, "-c", "-i", rapper_syntax, str(path), "https://w3id.org/govgraph/"],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        assert f"returned {len(found['rapper'])} " in counted.stderr, counted.stderr
    if ox_format == ox.RdfFormat.JSON_LD:
        found["pyld"] = _from_pyld(path)
    return found


def _refuse_remote(url: str, options: dict | None = None) -> dict:
    raise AssertionError(f"the JSON-LD export tried to fetch {url}: its context must be inline")


def _from_pyld(path: Path) -> list[ox.Quad]:
    """JSON-LD to N-Quads by pyld, with a document loader that refuses any fetch."""
    document = json.loads(path.read_text(encoding="utf-8"))
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": _refuse_remote})
    return list(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


def _check(export_dir: Path, name: str, source: list[ox.Quad]) -> None:
    dataset = FORMATS[name][3]
    expected = list(set(source)) if dataset else _triples(source)
    readers = read_three_ways(export_dir / name)
    assert set(readers) >= {"pyoxigraph", "rdflib"}
    assert len(readers) == 3
    for reader, quads in readers.items():
        got = quads if dataset else _triples(quads)
        assert len(set(got)) == len(expected), f"{reader} read {len(set(got))} statements from {name}, expected {len(expected)}"
        assert canonical_nquads(got) == canonical_nquads(expected), f"{reader} read a different graph from {name}"


@pytest.mark.parametrize("name", [n for n in FORMATS if n.startswith("govgraph")])
def test_fixture_export_round_trips(fixture_export: Path, fixture_files: list[Path], name: str) -> None:
    _check(fixture_export, name, GraphSource.from_files(fixture_files).quads())


@pytest.mark.parametrize("name", [n for n in FORMATS if n.startswith("govgraph")])
def test_data_export_round_trips(data_export: Path, name: str) -> None:
    _check(data_export, name, GraphSource.from_files().quads())


@pytest.mark.parametrize("name", ["description.ttl", "description.jsonld"])
def test_description_turtle_and_jsonld_say_the_same(fixture_export: Path, name: str) -> None:
    reference = list(ox.parse(path=str(fixture_export / "description.ttl"), format=ox.RdfFormat.TURTLE))
    _check(fixture_export, name, reference)


def test_tricky_literals_survive(fixture_export: Path) -> None:
    """The cases serialisers get wrong are present, unchanged, in what each parser read back."""
    wanted = [
        ox.Literal("We “commit” to ça — naïve café\nnext line", language="en"),
        ox.Literal("インターネット・ガバナンス・フォーラム", language="ja"),
        ox.Literal("Grüezi-Forum", language="de-ch"),
        ox.Literal("Forum <script>alert('x')</script> & \"friends\"", language="en"),
        ox.Literal("2023-10-08", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
        ox.Literal("2023-10-12T09:30:00Z", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")),
        ox.Literal("18", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#positiveInteger")),
        ox.Literal("plain string, no language"),
    ]
    for name in ("govgraph.ttl", "govgraph.rdf", "govgraph.jsonld", "govgraph.trig"):
        for reader, quads in read_three_ways(fixture_export / name).items():
            objects = {q.object for q in quads}
            for literal in wanted:
                assert literal in objects, f"{reader} lost {literal} from {name}"
            blank_subjects = {q.subject for q in quads if isinstance(q.subject, ox.BlankNode)}
            # tricky.ttl: dcterms:source [...], gg:targetTime [...], _:shared, _:a, _:b, _:chain1 and the
            # two nested [ skos:related [ ... ] ] nodes: 8 blank nodes, each the subject of a triple.
            assert len(blank_subjects) == 8, f"{reader} read {len(blank_subjects)} blank-node subjects from {name}"
