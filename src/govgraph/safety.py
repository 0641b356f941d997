"""Make a query safe to run: read-only, no SERVICE, no FROM, parameters bound as RDF terms.

One gate for every entry point (CLI, API, app, saved questions, shapes): the text is parsed
once with rdflib's SPARQL 1.1 parser and every check works on that parse tree, never on
regular expressions over the text. The engines never see the text given: `bind` writes the
text that runs from the checked tree (`govgraph.query_text`: no comments, IRIs in full,
strings with plain escapes only), parses it again and requires the same text back, so a
SERVICE clause that rdflib and an engine would lex differently cannot slip past the check.

Parameters are bound by adding ``VALUES (?a ?b) { (term term) }`` as the first element of
the query's WHERE group, in the tree; the written query is parsed again and must show the
VALUES block with exactly those variables. That work is done once per query text, variable
names and row limit, with placeholder terms in the VALUES row; a run writes its values into
those slots as single term tokens, so binding new values parses nothing. The same text runs on
the embedded store and on remote endpoints, so both give the same rows.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pyparsing import ParseException, ParseResults
from rdflib import Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql.parser import expandUnicodeEscapes_re, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

from . import query_text
from .errors import GovgraphError
from .namespaces import PREFIXES
from .query_text import ECHAR, IRI_FORBIDDEN, is_clean_iri

#: Query forms, by the name rdflib's parser gives them.
FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\Z")
#: What rdflib expands before parsing (over the whole text, as `parseQuery` does).
_UNICODE_ESCAPE = expandUnicodeEscapes_re
_SURROGATE = re.compile("[\ud800-\udfff]")
#: rdflib's SPARQL grammar is one set of pyparsing objects per process, and pyparsing is not
#: thread-safe (parse actions and its packrat cache share state): one parse at a time. Callers
#: from many threads (the app's sessions) need no lock of their own.
PARSER_LOCK = threading.RLock()


class QueryRefused(GovgraphError):
    """The query asks for something govgraph will not run (an update, SERVICE, FROM…)."""


@dataclass(frozen=True)
class PreparedQuery:
    """A checked query ready to send to any store."""

    text: str
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    bindings: Mapping[str, Node]


def walk(node: object) -> Iterator[CompValue]:
    """Every CompValue in a parse tree, depth first."""
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, (ParseResults, list, tuple)):
        for item in node:
            yield from walk(item)


def field(node: CompValue, key: str, default: object = None) -> Any:
    """A field of a parse-tree node (CompValue.get returns the key itself when it is missing)."""
    return node[key] if key in node else default  # noqa: SIM401 (CompValue.get differs, see above)


def parse(text: str) -> ParseResults:
    """The parse tree of a read-only query; updates and syntax errors become one-line errors.

    Trees are cached by text (rdflib's parser takes ~0.1 s on a compiled shape query, and the
    app and validation ask the same texts again); callers must not change them.
    """
    with PARSER_LOCK:
        return _parsed(text)


@lru_cache(maxsize=256)
def _parsed(text: str) -> ParseResults:
    return _parse(text)


def _parse(text: str) -> ParseResults:
    try:
        return parseQuery(text)
    except ParseException as query_error:
        try:
            update = parseUpdate(text)
        except ParseException:
            raise GovgraphError(
                f"SPARQL syntax error at line {query_error.lineno}, column {query_error.col}: {query_error.msg}"
            ) from None
        requests = [re.sub(r"(?<=[a-z])(?=[A-Z])", " ", part.name).upper() for part in field(update, "request", [])]
        what = ", ".join(dict.fromkeys(requests)) or "an update"
        raise QueryRefused(f"updates are refused ({what}): govgraph only runs SELECT, ASK, CONSTRUCT and DESCRIBE") from None
    except RecursionError:
        raise GovgraphError("SPARQL query too deeply nested to check") from None
    except (ValueError, TypeError, ArithmeticError) as error:
        # from rdflib's parse actions: "Invalid unicode code point: FFFFFFFF", "Not a number; …"
        raise GovgraphError(f"SPARQL syntax error: {' '.join(str(error).split())[:200]}") from None


def check(text: str) -> str:
    """Pass `text` through the gate (see `bind`); return the query form."""
    return bind(text).form


def _check_tree(tree: ParseResults) -> str:
    query = tree[1]
    if field(query, "datasetClause"):
        raise QueryRefused(
            "FROM and FROM NAMED are refused: queries run over the store's own graphs (use GRAPH <iri> { … } to pick one)"
        )
    for node in walk(query):
        if node.name == "ServiceGraphPattern":
            raise QueryRefused("SERVICE clauses are refused: govgraph never sends queries to other endpoints")
    return FORMS[query.name]


def term_text(term: Node) -> str:
    """The SPARQL text of one RDF term, escaped so that it cannot end early."""
    if isinstance(term, URIRef):
        if IRI_FORBIDDEN.search(str(term)):
            raise GovgraphError(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        body = '"' + "".join(ECHAR.get(char, char) for char in str(term)) + '"'
        if term.language:
            if not _LANG.match(term.language):
                raise GovgraphError(f"not a valid language tag: {term.language!r}")
            return f"{body}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{body}^^{term_text(URIRef(term.datatype))}"
        return body
    raise GovgraphError(f"parameters must be IRIs or literals, not {type(term).__name__}")


def _inline_data(tree: ParseResults) -> CompValue | None:
    where = field(tree[1], "where")
    parts = field(where, "part", []) if where is not None else []
    return parts[0] if parts and parts[0].name == "InlineData" else None


def _with_values(query: CompValue, names: list[str], terms: list[Node]) -> CompValue:
    """The query with ``VALUES (?a ?b) { (term term) }`` first in its WHERE group."""
    inline = CompValue("InlineData", var=[Variable(name) for name in names], value=[list(terms)])
    where = field(query, "where")
    if where is not None and where.name == "GroupGraphPatternSub":
        parts = list(field(where, "part", []))
    elif where is not None and where.name == "SubSelect":
        parts = [CompValue("GroupOrUnionGraphPattern", graph=[where])]
    else:
        raise GovgraphError("cannot bind parameters into this query safely")
    bound = CompValue(query.name, **query)
    bound["where"] = CompValue("GroupGraphPatternSub", part=[inline, *parts])
    return bound


def _written(tree: ParseResults, query: CompValue) -> str:
    """The text that runs: written from the checked tree, read back, and required to be the same."""
    text = query_text.write([tree[0], query], PREFIXES)
    _lexically_safe(text)
    again = parse(text)
    _check_tree(again)
    if query_text.write(again, PREFIXES) != text:
        raise QueryRefused("cannot check this query: its text does not read back the same")
    return text


def bind(text: str, bindings: Mapping[str, Node] | None = None, limit: int | None = None) -> PreparedQuery:
    """Check `text` and write the text that runs from its parse tree, each named variable bound to its term.

    The engines get only that written text (`govgraph.query_text`), never `text` itself, so
    what runs is what was checked. With `limit`, a SELECT that has no LIMIT of its own gets
    ``LIMIT limit+1``: no store does more work than the caller will read, and one row more
    than asked for says rows were cut (a server's own silent row cap cannot pass for a
    complete answer below that).

    The checked text is cached per query, variable names and limit (`_template`); a value is
    written into its slot as one term token (`query_text.Writer.term`), so binding new values
    parses nothing.
    """
    bindings = dict(bindings or {})
    names = tuple(bindings)
    template = _template(text, names, limit)
    values = []
    for name in names:
        term_text(bindings[name])  # refuses what a parameter cannot be
        values.append(_TERMS.term(bindings[name]))
    written = template.fill(values)
    if values:
        _lexically_safe(written)
    return PreparedQuery(written, template.form, bindings)


#: Writes parameter values: terms need no prologue.
_TERMS = query_text.Writer([], PREFIXES)


@dataclass(frozen=True)
class _Template:
    """A checked query text with one slot per bound variable's value (in the VALUES row)."""

    pieces: tuple[str, ...]  # the text around the slots: one more than the slots
    form: str

    def fill(self, values: list[str]) -> str:
        return "".join(piece + value for piece, value in zip(self.pieces, [*values, ""]))


def _lexically_safe(text: str) -> None:
    """Refuse what SPARQL parsers would read differently from rdflib (see `_written`)."""
    if _UNICODE_ESCAPE.search(text):
        raise QueryRefused(
            "a string holding \\u or \\U followed by hex digits cannot be sent unambiguously (SPARQL parsers disagree on it)"
        )
    if _SURROGATE.search(text):
        raise GovgraphError("the query holds an invalid code point (a lone surrogate)")


def _template(text: str, names: tuple[str, ...], limit: int | None) -> _Template:
    with PARSER_LOCK:
        return _checked_template(text, names, limit)


@lru_cache(maxsize=512)
def _checked_template(text: str, names: tuple[str, ...], limit: int | None) -> _Template:
    """The gate's work for one query shape: parse, check, bind placeholders, write, read back, check again.

    Each placeholder is an IRI holding a random token, so it occurs in the written text exactly
    once (checked) and only as its VALUES slot; `bind` puts each value's term there.
    """
    tree = parse(text)
    form = _check_tree(tree)
    query = tree[1]
    placeholders = [URIRef(f"urn:govgraph:slot:{_SLOT_TOKEN}:{index}") for index in range(len(names))]
    if names:
        for name in names:
            if not _NAME.match(name):
                raise GovgraphError(f"not a variable name: {name!r}")
        mentioned = {str(variable) for variable in variables(query)}
        unknown = sorted(set(names) - mentioned)
        if unknown:
            raise GovgraphError(f"the query has no variable ?{unknown[0]} to bind")
        query = _with_values(query, list(names), list(placeholders))
    capped = limit is not None and form == "SELECT" and not field(query, "limitoffset")
    if limit is not None and capped:
        query = CompValue(query.name, **query)
        query["limitoffset"] = CompValue("LimitOffsetClauses", limit=Literal(limit + 1))
    written = _written(tree, query)
    if names or capped:
        again = parse(written)
        if names:
            inline = _inline_data(again)
            if inline is None or [str(v) for v in field(inline, "var", [])] != list(names):
                raise GovgraphError("cannot bind parameters into this query safely")
        if limit is not None and capped:
            limits = field(again[1], "limitoffset")
            if not limits or int(field(limits, "limit", -1)) != limit + 1:
                raise GovgraphError("cannot add the row limit to this query safely")
    pieces = [written]
    for placeholder in placeholders:
        slot = f"<{placeholder}>"
        if pieces[-1].count(slot) != 1 or any(slot in piece for piece in pieces[:-1]):
            raise GovgraphError("cannot bind parameters into this query safely")
        pieces[-1:] = pieces[-1].split(slot)
    return _Template(tuple(pieces), form)


#: Makes the placeholders of this process unguessable, so no query text can hold one.
_SLOT_TOKEN = secrets.token_hex(16)


def variables(node: object) -> Iterator[Variable]:
    """Every variable of a parse tree."""
    if isinstance(node, Variable):
        yield node
    elif isinstance(node, CompValue):
        for value in node.values():
            yield from variables(value)
    elif isinstance(node, (ParseResults, list, tuple)):
        for item in node:
            yield from variables(item)


__all__ = [
    "FORMS",
    "PARSER_LOCK",
    "PreparedQuery",
    "QueryRefused",
    "bind",
    "check",
    "field",
    "is_clean_iri",
    "parse",
    "term_text",
    "variables",
    "walk",
]
