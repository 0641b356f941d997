"""Result writers: SPARQL 1.1 CSV/TSV/JSON as the specs write them, and text for people."""

import json

import pytest
from rdflib import BNode, Literal, URIRef, namespace

from govgraph.errors import GovgraphError
from govgraph.store import ResultTable, write
from govgraph.store.json_results import table_from_json
from govgraph.store.results import from_json_binding

IGF = URIRef("https://w3id.org/govgraph/id/forum/igf")
ODD = URIRef("http://example.org/a,b")
TABLE = ResultTable(
    ["s", "label", "n"],
    [
        (IGF, Literal('Kyōto, "京都"', lang="ja"), Literal("2", datatype=namespace.XSD.integer)),
        (ODD, Literal("tab\there\nline"), None),
        (BNode("b0"), None, Literal("0.5", datatype=namespace.XSD.decimal)),
    ],
)


def test_csv_follows_sparql_csv() -> None:
    # Values only (no language, no datatype), RFC 4180 quoting, CRLF line ends, empty when unbound.
    assert write(TABLE, "csv") == (
        "s,label,n\r\n"
        'https://w3id.org/govgraph/id/forum/igf,"Kyōto, ""京都""",2\r\n'
        '"http://example.org/a,b","tab\there\nline",\r\n'
        "_:b0,,0.5\r\n"
    )


def test_tsv_follows_sparql_tsv() -> None:
    assert write(TABLE, "tsv") == (
        "?s\t?label\t?n\n"
        '<https://w3id.org/govgraph/id/forum/igf>\t"Kyōto, \\"京都\\""@ja\t"2"^^<http://www.w3.org/2001/XMLSchema#integer>\n'
        '<http://example.org/a,b>\t"tab\\there\\nline"\t\n'
        '_:b0\t\t"0.5"^^<http://www.w3.org/2001/XMLSchema#decimal>\n'
    )


def test_json_follows_sparql_json() -> None:
    assert json.loads(write(TABLE, "json")) == {
        "head": {"vars": ["s", "label", "n"]},
        "results": {
            "bindings": [
                {
                    "s": {"type": "uri", "value": str(IGF)},
                    "label": {"type": "literal", "value": 'Kyōto, "京都"', "xml:lang": "ja"},
                    "n": {"type": "literal", "value": "2", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
                },
                {
                    "s": {"type": "uri", "value": "http://example.org/a,b"},
                    "label": {"type": "literal", "value": "tab\there\nline"},
                },
                {
                    "s": {"type": "bnode", "value": "b0"},
                    "n": {"type": "literal", "value": "0.5", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"},
                },
            ]
        },
    }


def test_json_round_trips_through_the_reader() -> None:
    again = table_from_json(json.loads(write(TABLE, "json")), limit=10)
    assert again.variables == TABLE.variables and again.rows == TABLE.rows and not again.truncated


def test_reader_cuts_at_the_limit_and_says_so() -> None:
    cut = table_from_json(json.loads(write(TABLE, "json")), limit=2)
    assert cut.rows == TABLE.rows[:2] and cut.truncated


def test_reader_treats_xsd_string_as_a_simple_literal() -> None:
    # Servers differ in whether they write the datatype of plain strings; rows must compare equal.
    typed = from_json_binding({"type": "literal", "value": "a", "datatype": str(namespace.XSD.string)})
    assert typed == Literal("a") == from_json_binding({"type": "literal", "value": "a"})


def test_table_is_aligned_with_prefixed_names() -> None:
    # Widths: s = 24 (the bracketed IRI), label = 13 (京 and 都 take two columns each), n = 3.
    assert write(TABLE, "table").splitlines() == [
        "s" + " " * 23 + "  " + "label" + " " * 8 + "  " + "n",
        "-" * 24 + "  " + "-" * 13 + "  " + "-" * 3,
        "forum:igf" + " " * 15 + "  " + 'Kyōto, "京都"' + "  " + "2",
        "<http://example.org/a,b>" + "  " + "tab here line",
        "_:b0" + " " * 20 + "  " + " " * 13 + "  " + "0.5",
        "(3 rows)",
    ]


def test_markdown_escapes_pipes() -> None:
    table = ResultTable(["x"], [(Literal("a|b"),)])
    assert write(table, "md") == "| x |\n|---|\n| a\\|b |\n"


def test_truncation_is_shown_in_the_table() -> None:
    table = ResultTable(["x"], [(Literal(1),)], truncated=True, limit=1)
    assert write(table, "table").endswith("(1 row, cut at the limit)\n")


def test_unknown_format_is_an_error() -> None:
    with pytest.raises(GovgraphError, match="unknown format 'xml'"):
        write(TABLE, "xml")
