"""Make a query safe to run: read-only, no SERVICE, no FROM, parameters bound as RDF terms.

Every check works on the parse tree of rdflib's SPARQL 1.1 parser, never on regular
expressions over the text, and happens before any store sees the query.

Parameters are bound by adding ``VALUES (?a ?b) { (term term) }`` as the first element of
the query's WHERE group. Each term is written from its RDF value with full escaping
(`term_text`), so a value can never end the literal or IRI it sits in; the bound query is
parsed again and must show the VALUES block in the WHERE group with exactly the terms given,
or it is refused. The same text runs on the embedded store and on remote endpoints, so both
give the same rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pyparsing import ParseException, ParseResults
from rdflib import Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

from .errors import GovgraphError
from .namespaces import PREFIXES

#: Query forms, by the name rdflib's parser gives them.
FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\Z")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_PROLOGUE_ITEM = re.compile(r"\s*(?:#[^\n]*|BASE\s*<[^<>\s]*>|PREFIX\s+[^\s:]*:\s*<[^<>\s]*>)", re.I)
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


class QueryRefused(GovgraphError):
    """The query asks for something govgraph will not run (an update, SERVICE, FROM…)."""


@dataclass(frozen=True)
class PreparedQuery:
    """A checked query ready to send to any store."""

    text: str
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    bindings: Mapping[str, Node]


def _walk(node: object) -> Iterator[CompValue]:
    """Every CompValue in a parse tree, depth first."""
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (ParseResults, list, tuple)):
        for item in node:
            yield from _walk(item)


def _field(node: CompValue, key: str, default: object = None) -> object:
    """A field of a parse-tree node (CompValue.get returns the key itself when it is missing)."""
    return node[key] if key in node else default


def parse(text: str) -> ParseResults:
    """The parse tree of a read-only query; updates and syntax errors become one-line errors."""
    try:
        return parseQuery(text)
    except ParseException as query_error:
        try:
            update = parseUpdate(text)
        except ParseException:
            raise GovgraphError(f"SPARQL syntax error at line {query_error.lineno}, column {query_error.col}: "
                                f"{query_error.msg}") from None
        requests = [re.sub(r"(?<=[a-z])(?=[A-Z])", " ", part.name).upper() for part in _field(update, "request", [])]
        what = ", ".join(dict.fromkeys(requests)) or "an update"
        raise QueryRefused(f"updates are refused ({what}): govgraph only runs SELECT, ASK, CONSTRUCT and DESCRIBE") from None
    except RecursionError:
        raise GovgraphError("SPARQL query too deeply nested to check") from None


def check(text: str) -> str:
    """Refuse updates, SERVICE and FROM / FROM NAMED; return the query form."""
    return _check_tree(parse(text))


def _check_tree(tree: ParseResults) -> str:
    query = tree[1]
    if _field(query, "datasetClause"):
        raise QueryRefused("FROM and FROM NAMED are refused: queries run over the store's own graphs "
                           "(use GRAPH <iri> { … } to pick one)")
    for node in _walk(query):
        if node.name == "ServiceGraphPattern":
            raise QueryRefused("SERVICE clauses are refused: govgraph never sends queries to other endpoints")
    return FORMS[query.name]


def with_prefixes(text: str, tree: ParseResults) -> str:
    """The query with PREFIX lines for the govgraph prefixes (namespaces.PREFIXES) it does not declare.

    Saved questions can then write ``gg:`` or ``forum:`` on any server, which knows none of them.
    """
    declared = {str(_field(decl, "prefix", "")) for decl in tree[0] if decl.name == "PrefixDecl"}
    missing = "".join(f"PREFIX {name}: <{namespace}>\n" for name, namespace in PREFIXES.items() if name not in declared)
    if not missing:
        return text
    # After the query's own prologue: Virtuoso refuses a BASE that follows a PREFIX.
    end = 0
    while (match := _PROLOGUE_ITEM.match(text, end)) and match.end() > end:
        end = match.end()
    return text[:end] + ("\n" if end else "") + missing + text[end:]


def term_text(term: Node) -> str:
    """The SPARQL text of one RDF term, escaped so that it cannot end early."""
    if isinstance(term, URIRef):
        if _IRI_FORBIDDEN.search(str(term)):
            raise GovgraphError(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        body = '"' + "".join(_ECHAR.get(char, char) for char in str(term)) + '"'
        if term.language:
            if not _LANG.match(term.language):
                raise GovgraphError(f"not a valid language tag: {term.language!r}")
            return f"{body}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{body}^^{term_text(URIRef(term.datatype))}"
        return body
    raise GovgraphError(f"parameters must be IRIs or literals, not {type(term).__name__}")


def _where_start(text: str, form: str) -> int:
    """The offset just after the `{` that opens the WHERE group of a checked query.

    A small lexer skips comments, strings and IRIs; the WHERE group is the first `{` outside
    parentheses (CONSTRUCT: the first after its template). Parsing the result again
    (in `bind`) catches anything this misjudges.
    """
    position, depth_paren, skip_groups = 0, 0, 1 if form == "CONSTRUCT" else 0
    brace_depth = 0
    token = re.compile(r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                       r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^\x00-\x20<>"{}|^`\\]*>|[{}()]|[^#"\'<{}()]+|<',
                       re.S)
    while position < len(text):
        match = token.match(text, position)
        if match is None:
            break
        lexeme, position = match.group(0), match.end()
        if lexeme == "(":
            depth_paren += 1
        elif lexeme == ")":
            depth_paren -= 1
        elif lexeme == "{" and depth_paren == 0:
            if brace_depth == 0 and skip_groups == 0:
                return position
            brace_depth += 1
        elif lexeme == "}" and depth_paren == 0:
            brace_depth -= 1
            if brace_depth == 0:
                skip_groups -= 1
    raise GovgraphError("cannot find the WHERE clause to bind parameters into")


def _inline_data(tree: ParseResults) -> CompValue | None:
    where = _field(tree[1], "where")
    parts = _field(where, "part", []) if where is not None else []
    return parts[0] if parts and parts[0].name == "InlineData" else None


def bind(text: str, bindings: Mapping[str, Node] | None = None, limit: int | None = None) -> PreparedQuery:
    """Check `text`, add missing govgraph prefixes, bind each named variable to its RDF term.

    With `limit`, a SELECT that has no LIMIT of its own gets ``LIMIT limit+1``: no store does
    more work than the caller will read, and one row more than asked for says rows were cut
    (a server's own silent row cap cannot pass for a complete answer below that).
    """
    tree = parse(text)
    form = _check_tree(tree)
    text = with_prefixes(text, tree)
    bindings = dict(bindings or {})
    names = list(bindings)
    if bindings:
        for name in names:
            if not _NAME.match(name):
                raise GovgraphError(f"not a variable name: {name!r}")
        mentioned = {str(variable) for variable in _variables(tree[1])}
        unknown = sorted(set(bindings) - mentioned)
        if unknown:
            raise GovgraphError(f"the query has no variable ?{unknown[0]} to bind")
        block = ("VALUES (" + " ".join(f"?{name}" for name in names) + ") { ("
                 + " ".join(term_text(bindings[name]) for name in names) + ") }\n")
        cut = _where_start(text, form)
        text = text[:cut] + "\n  " + block + text[cut:]
    query = tree[1]
    capped = (limit is not None and form == "SELECT" and not _field(query, "limitoffset")
              and not _field(query, "valuesClause"))
    if capped:
        text = f"{text}\nLIMIT {limit + 1}\n"
    if bindings or capped:
        again = parse(text)
        if bindings:
            inline = _inline_data(again)
            expected = [term_text(bindings[name]) for name in names]
            if (inline is None or [str(v) for v in _field(inline, "var", [])] != names
                    or list(map(term_text, _values_of(inline))) != expected):
                raise GovgraphError("cannot bind parameters into this query safely")
        if capped:
            limits = _field(again[1], "limitoffset")
            if not limits or int(_field(limits, "limit", -1)) != limit + 1:
                raise GovgraphError("cannot add the row limit to this query safely")
    return PreparedQuery(text, form, bindings)


def _variables(node: object) -> Iterator[Variable]:
    if isinstance(node, Variable):
        yield node
    elif isinstance(node, CompValue):
        for value in node.values():
            yield from _variables(value)
    elif isinstance(node, (ParseResults, list, tuple)):
        for item in node:
            yield from _variables(item)


def _values_of(inline: CompValue) -> list[Node]:
    """The terms in the single row of a parsed VALUES block, as rdflib terms."""
    values = list(_field(inline, "value", []))
    row = values[0] if values and isinstance(values[0], (ParseResults, list)) else values
    terms = []
    for value in row:
        if isinstance(value, CompValue) and value.name == "literal":
            terms.append(Literal(value["string"], lang=_field(value, "lang"), datatype=_field(value, "datatype")))
        else:
            terms.append(value)
    return terms


__all__ = ["FORMS", "PreparedQuery", "QueryRefused", "bind", "check", "parse", "term_text"]
