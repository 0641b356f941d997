"""Safety: refusals decided on the parse tree, parameters bound as escaped RDF terms."""

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef, namespace

from govgraph import loading, safety
from govgraph.errors import GovgraphError
from govgraph.namespaces import PREFIXES
from govgraph.queries import list_checks, list_queries
from govgraph.safety import QueryRefused
from govgraph.terms import from_oxigraph

MALICIOUS = '"x" } ; DROP ALL ; {'


@pytest.mark.parametrize(
    "update",
    [
        "DROP ALL",
        "CLEAR DEFAULT",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX x: <urn:x#> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "LOAD <http://127.0.0.1:1/data.ttl>",
        "CREATE GRAPH <urn:g>",
        "ADD <urn:a> TO <urn:b>",
        "MOVE <urn:a> TO <urn:b>",
        "COPY DEFAULT TO <urn:b>",
    ],
)
def test_updates_are_refused(update: str) -> None:
    with pytest.raises(QueryRefused, match="updates are refused"):
        safety.check(update)


def test_a_query_followed_by_an_update_is_refused() -> None:
    with pytest.raises(GovgraphError, match="syntax error"):
        safety.check("SELECT * WHERE { ?s ?p ?o } ; DROP ALL")


def test_update_message_names_the_operations() -> None:
    with pytest.raises(QueryRefused, match=r"\(CLEAR, LOAD\)"):
        safety.check("CLEAR DEFAULT ; LOAD <http://127.0.0.1:1/x>")


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT ?endpoint { ?s ?p ?o } }",
        "ASK { OPTIONAL { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } } }",
        "SELECT * WHERE { { SELECT ?s WHERE { FILTER EXISTS { SERVICE <http://127.0.0.1:1/q> { ?s ?p ?o } } } } }",
        "CONSTRUCT { ?s ?p ?o } WHERE { MINUS { SERVICE <http://127.0.0.1:1/q> { ?s ?p ?o } } }",
    ],
)
def test_service_is_refused_wherever_it_hides(query: str) -> None:
    with pytest.raises(QueryRefused, match="SERVICE"):
        safety.check(query)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM <http://127.0.0.1:1/data.ttl> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://127.0.0.1:1/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "CONSTRUCT { ?s ?p ?o } FROM <urn:g> WHERE { ?s ?p ?o }",
        "ASK FROM <urn:g> { ?s ?p ?o }",
    ],
)
def test_from_is_refused(query: str) -> None:
    with pytest.raises(QueryRefused, match="FROM"):
        safety.check(query)


def test_words_in_strings_and_iris_are_not_mistaken_for_operations() -> None:
    # A regex would see SERVICE, DROP and FROM here; the parser sees a literal, an IRI and a variable.
    query = 'SELECT ?from WHERE { ?s <urn:DROP> "SERVICE <x> { } FROM <y>" . BIND(1 AS ?from) }'
    assert safety.check(query) == "SELECT"


@pytest.mark.parametrize(
    "query, form",
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("ASK { ?s ?p ?o }", "ASK"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <urn:x>", "DESCRIBE"),
    ],
)
def test_read_only_forms_pass(query: str, form: str) -> None:
    assert safety.check(query) == form


def test_syntax_error_is_one_line() -> None:
    with pytest.raises(GovgraphError, match=r"^SPARQL syntax error at line 1") as caught:
        safety.check("SELECT * WHERE { ?s ?p ")
    assert "\n" not in str(caught.value)


def test_prefixed_names_are_written_in_full_with_govgraph_prefixes_as_fallback() -> None:
    prepared = safety.bind("PREFIX gg: <urn:mine#> SELECT * WHERE { ?s gg:p forum:igf }")
    assert prepared.text == "SELECT * WHERE { ?s <urn:mine#p> <https://w3id.org/govgraph/id/forum/igf> . }"


def test_base_and_comments_are_resolved_and_dropped() -> None:
    prepared = safety.bind("# about\nBASE <http://b.example/x/>\nPREFIX x: <urn:x#>\nSELECT * WHERE { <s> x:p ?o } # end")
    assert prepared.text == "SELECT * WHERE { <http://b.example/x/s> <urn:x#p> ?o . }"


def test_an_unknown_prefix_is_an_error() -> None:
    with pytest.raises(GovgraphError, match="unknown prefix nope:"):
        safety.bind("SELECT * WHERE { ?s nope:p ?o }")


@pytest.mark.parametrize(
    "term, text",
    [
        (Literal(MALICIOUS), r'"\"x\" } ; DROP ALL ; {"'),
        (Literal("a\\b\nc\r\td"), r'"a\\b\nc\r\td"'),
        (Literal("x", lang="en-GB"), '"x"@en-GB'),
        (Literal("2025", datatype=namespace.XSD.gYear), '"2025"^^<http://www.w3.org/2001/XMLSchema#gYear>'),
        (Literal("plain", datatype=namespace.XSD.string), '"plain"'),
        (URIRef("https://w3id.org/govgraph/id/forum/igf"), "<https://w3id.org/govgraph/id/forum/igf>"),
    ],
)
def test_term_text_escapes(term, text: str) -> None:
    assert safety.term_text(term) == text


@pytest.mark.parametrize("term", [URIRef("urn:x> } ; DROP ALL ; {<urn:y"), URIRef("urn:a b"), BNode("b")])
def test_term_text_refuses_what_cannot_be_a_parameter(term) -> None:
    with pytest.raises(GovgraphError):
        safety.term_text(term)


def test_binding_adds_values_at_the_top_of_the_where_group() -> None:
    prepared = safety.bind("PREFIX x: <urn:x#>\nSELECT ?v WHERE { BIND(?p AS ?v) }", {"p": Literal(MALICIOUS)})
    assert prepared.text == 'SELECT ?v WHERE { VALUES (?p) { ("\\"x\\" } ; DROP ALL ; {") } BIND(?p AS ?v) }'


def test_binding_skips_braces_in_comments_strings_and_the_construct_template() -> None:
    query = '# { a comment with a brace\nCONSTRUCT { ?s <urn:p> "}{" } WHERE { ?s ?p ?o FILTER(?o = ?x) }'
    prepared = safety.bind(query, {"x": Literal(1)})
    assert prepared.text == ('CONSTRUCT { ?s <urn:p> "}{" . } WHERE { VALUES (?x) { (1) } ?s ?p ?o . FILTER (?o = ?x) }')


def test_binding_into_a_sub_select_wraps_it_in_a_group() -> None:
    prepared = safety.bind("SELECT * WHERE { SELECT ?s WHERE { ?s ?p ?o } }", {"s": URIRef("urn:a")})
    assert prepared.text == "SELECT * WHERE { VALUES (?s) { (<urn:a>) } { SELECT ?s WHERE { ?s ?p ?o . } } }"


def test_binding_an_unknown_variable_is_an_error() -> None:
    with pytest.raises(GovgraphError, match=r"no variable \?nope"):
        safety.bind("SELECT ?s WHERE { ?s ?p ?o }", {"nope": Literal(1)})


def test_binding_the_short_construct_form_is_refused() -> None:
    with pytest.raises(GovgraphError):
        safety.bind("CONSTRUCT WHERE { ?s ?p ?o }", {"o": Literal(1)})


def test_a_row_cap_one_above_the_limit_is_added_to_a_select_without_limit() -> None:
    prepared = safety.bind("SELECT * WHERE { ?s ?p ?o } # trailing comment", limit=10)
    assert prepared.text == "SELECT * WHERE { ?s ?p ?o . } LIMIT 11"
    prepared = safety.bind("SELECT * WHERE { ?s ?p ?o } VALUES ?s { <urn:a> }", limit=10)
    assert prepared.text == "SELECT * WHERE { ?s ?p ?o . } LIMIT 11 VALUES ?s { <urn:a> }"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o } LIMIT 3",
        "SELECT * WHERE { ?s ?p ?o } OFFSET 3",
        "ASK { ?s ?p ?o }",
        "CONSTRUCT WHERE { ?s ?p ?o }",
    ],
)
def test_no_row_cap_where_the_query_has_its_own_or_is_not_a_select(query: str) -> None:
    assert "LIMIT 11" not in safety.bind(query, limit=10).text


@pytest.fixture(scope="module")
def seed_store() -> ox.Store:
    """The ontology and the curated data in memory, queried with pyoxigraph directly."""
    return loading.load_store()


def _rows(store: ox.Store, text: str) -> list:
    result = store.query(text, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        return [bool(result)]
    if isinstance(result, ox.QuerySolutions):
        return sorted(tuple(str(row[v]) for v in result.variables) for row in result)
    return sorted(str(triple) for triple in result)


@pytest.mark.parametrize("saved", list_queries() + list_checks(), ids=lambda saved: saved.name)
def test_every_saved_question_and_check_round_trips_and_gives_the_same_rows(saved, seed_store) -> None:
    """The written text is a fixpoint of the gate and means what the file says (parameters left free)."""
    bound = safety.bind(saved.text, saved.bindings()).text
    assert safety.bind(bound).text == bound
    written = safety.bind(saved.text).text
    with_prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()) + saved.text
    assert _rows(seed_store, written) == _rows(seed_store, with_prefixes)


def test_the_written_text_drops_comments_so_a_hidden_clause_stays_inside_its_string() -> None:
    query = 'SELECT * WHERE { BIND("\\u0022" AS ?a) SERVICE <http://127.0.0.1:9/svc> { ?s ?p ?o } # """ AS ?b)\n}'
    prepared = safety.bind(query)
    assert prepared.text == ('SELECT * WHERE { BIND(" AS ?a) SERVICE <http://127.0.0.1:9/svc> { ?s ?p ?o } # " AS ?b) }')


def test_a_carriage_return_does_not_end_a_comment_the_check_kept() -> None:
    prepared = safety.bind("SELECT * WHERE { ?s ?p ?o # \r SERVICE <http://127.0.0.1:9/svc> { ?s ?p ?o }\n}")
    assert prepared.text == "SELECT * WHERE { ?s ?p ?o . }"


@pytest.mark.parametrize("value", ["C:\\u0041", "x\\UFFFFFFFF", "\\U0001F600"])
def test_a_string_holding_a_unicode_escape_is_refused(value: str) -> None:
    with pytest.raises(QueryRefused, match="cannot be sent unambiguously"):
        safety.bind("SELECT * WHERE { BIND(?v AS ?w) }", {"v": Literal(value)})


@pytest.mark.parametrize(
    "query", ['SELECT * WHERE { ?s ?p "\\UFFFFFFFF" }', 'SELECT * WHERE { ?s ?p "\\uD800" }', "SELECT * WHERE { ?s ?p -2.5 }"]
)
def test_invalid_code_points_and_rdflib_faults_are_one_line_errors(query: str) -> None:
    with pytest.raises(GovgraphError) as caught:
        safety.bind(query)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s DISTINCT(<urn:p>) ?o }",  # rdflib-only syntax
        "SELECT * WHERE { ?s !(^<urn:p>) ?o }",  # rdflib's tree drops the IRI
        "SELECT * WHERE { <relative> ?p ?o }",
        "SELECT * WHERE { ?s ?p ?é }",
    ],
)
def test_what_the_writer_cannot_write_faithfully_is_refused(query: str) -> None:
    with pytest.raises(GovgraphError) as caught:
        safety.bind(query)
    assert "\n" not in str(caught.value)


BOUND_VALUES = [
    Literal(MALICIOUS),
    Literal('back\\slash "quoted"\nnew line\ttab'),
    Literal("<urn:govgraph:slot:0> looks like a slot"),
    Literal("Überprüfung 東京", lang="de"),
    Literal(2025),
    Literal("2025", datatype=namespace.XSD.gYear),
    Literal("2024-09-22", datatype=namespace.XSD.date),
    Literal(True),
    Literal("2.5", datatype=namespace.XSD.decimal),
    URIRef("https://w3id.org/govgraph/id/forum/igf"),
]


@pytest.mark.parametrize("value", BOUND_VALUES, ids=repr)
def test_a_bound_value_reads_back_as_that_term_in_the_values_row(value) -> None:
    query = "SELECT ?v ?w WHERE { BIND(?a AS ?v) BIND(?b AS ?w) }"
    other = URIRef("urn:other")
    bound = safety.bind(query, {"a": value, "b": other}, limit=5).text
    assert safety.bind(bound).text == bound  # the gate's own fixpoint
    assert bound.endswith("LIMIT 6")
    solutions = ox.Store().query(bound)
    assert isinstance(solutions, ox.QuerySolutions)
    rows = list(solutions)
    assert [(from_oxigraph(row["v"]), from_oxigraph(row["w"])) for row in rows] == [(value, other)]


def test_binding_new_values_to_a_checked_query_parses_nothing() -> None:
    """A saved question is parsed and checked once per shape; each run with new values only writes terms."""
    saved = next(q for q in list_queries() if q.name == "commitment-provenance")
    safety.bind(saved.text, saved.bindings(), limit=100)
    parses = safety._parsed.cache_info().misses
    for number in range(1, 6):
        statement = URIRef(f"https://w3id.org/govgraph/id/statement/g7-2023-digital-annex4-p{number}-s1")
        assert f"<{statement}>" in safety.bind(saved.text, {"commitment": statement}, limit=100).text
    assert safety._parsed.cache_info().misses == parses


def test_a_page_is_written_as_limit_one_above_its_size_and_its_offset() -> None:
    prepared = safety.bind("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s", limit=10, offset=20)
    assert prepared.text == "SELECT * WHERE { ?s ?p ?o . } ORDER BY ?s LIMIT 11 OFFSET 20"


def test_a_page_of_a_query_with_its_own_limit_and_offset_stays_inside_them() -> None:
    query = "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 25 OFFSET 5"
    assert safety.bind(query, limit=10, offset=0).text.endswith("LIMIT 11 OFFSET 5")
    assert safety.bind(query, limit=10, offset=20).text.endswith("LIMIT 5 OFFSET 25")
    assert safety.bind(query, limit=10, offset=30).text.endswith("LIMIT 0 OFFSET 35")


@pytest.mark.parametrize("query", ["ASK { ?s ?p ?o }", "CONSTRUCT WHERE { ?s ?p ?o }"])
def test_only_a_select_has_pages(query: str) -> None:
    with pytest.raises(GovgraphError, match="only a SELECT"):
        safety.bind(query, limit=10, offset=0)


def test_a_page_needs_a_size_and_an_offset_of_zero_or_more() -> None:
    with pytest.raises(GovgraphError, match="size"):
        safety.bind("SELECT * WHERE { ?s ?p ?o }", offset=0)
    with pytest.raises(GovgraphError, match="offset"):
        safety.bind("SELECT * WHERE { ?s ?p ?o }", limit=10, offset=-1)


def test_asking_for_another_page_parses_nothing() -> None:
    """The page is part of the checked shape, its numbers slots: each page only writes two numbers."""
    saved = next(q for q in list_queries() if q.name == "commitments-by-forum")
    safety.bind(saved.text, saved.bindings(), limit=3, offset=0)
    parses = safety._parsed.cache_info().misses
    for page in range(1, 6):
        text = safety.bind(saved.text, saved.bindings(), limit=3, offset=3 * page).text
        assert text.endswith(f"LIMIT 4 OFFSET {3 * page}")
    assert safety._parsed.cache_info().misses == parses
