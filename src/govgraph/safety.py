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
those slots as single term tokens, so binding new values parses nothing. A page (rows
[offset, offset+size) of a SELECT) is part of the checked shape too: its LIMIT and OFFSET are
two more slots, so asking for the next page parses nothing either. The same text runs on the
embedded store and on remote endpoints, so both give the same rows.
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


def form(text: str) -> str:
    """The query form, after every check made on the one parse of `text`: read-only, no SERVICE or
    FROM, writable in the common lexical subset. For reading saved questions: `bind` still reads
    the written text back before anything runs, so this skips only that second parse.
    """
    tree = parse(text)
    found = _check_tree(tree)
    _lexically_safe(query_text.write(tree, PREFIXES))
    return found


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


def bind(
    text: str, bindings: Mapping[str, Node] | None = None, limit: int | None = None, offset: int | None = None
) -> PreparedQuery:
    """Check `text` and write the text that runs from its parse tree, each named variable bound to its term.

    The engines get only that written text (`govgraph.query_text`), never `text` itself, so
    what runs is what was checked. With `limit`, a SELECT that has no LIMIT of its own gets
    ``LIMIT limit+1``: no store does more work than the caller will read, and one row more
    than asked for says rows were cut (a server's own silent row cap cannot pass for a
    complete answer below that).

    With `offset` as well, a SELECT gives one page: rows [offset, offset+limit) in its own
    order, asked for as ``LIMIT limit+1 OFFSET offset`` (inside the query's own LIMIT and
    OFFSET, when it has them), so one row more than the page says that more follow.

    The checked text is cached per query, variable names and limit, or per query and names for
    a page (`_template`); a value is written into its slot as one term token
    (`query_text.Writer.term`) and a page's numbers into theirs, so binding new values or
    asking for another page parses nothing.
    """
    bindings = dict(bindings or {})
    names = tuple(bindings)
    if offset is not None:
        if limit is None:
            raise GovgraphError("a page needs a size (the row limit)")
        if offset < 0:
            raise GovgraphError("a page's offset must not be negative")
    template = _template(text, names, limit if offset is None else None, offset is not None)
    values = []
    for name in names:
        term_text(bindings[name])  # refuses what a parameter cannot be
        values.append(_TERMS.term(bindings[name]))
    if offset is not None and limit is not None:
        values.extend(template.page(offset, limit))
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
    #: For a page: the query's own LIMIT and OFFSET (None where it has none).
    own_limit: int | None = None
    own_offset: int | None = None

    def page(self, offset: int, size: int) -> list[str]:
        """The LIMIT and OFFSET numbers of rows [offset, offset+size), one row more, inside the query's own."""
        first = (self.own_offset or 0) + offset
        count = size + 1 if self.own_limit is None else max(0, min(size + 1, self.own_limit - offset))
        return [str(count), str(first)]

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


def _template(text: str, names: tuple[str, ...], limit: int | None, paged: bool = False) -> _Template:
    with PARSER_LOCK:
        return _checked_template(text, names, limit, paged)


@lru_cache(maxsize=512)
def _checked_template(text: str, names: tuple[str, ...], limit: int | None, paged: bool) -> _Template:
    """The gate's work for one query shape: parse, check, bind placeholders, write, read back, check again.

    Each placeholder is an IRI holding a random token, so it occurs in the written text exactly
    once (checked) and only as its VALUES slot; `bind` puts each value's term there. A page's
    LIMIT and OFFSET are placeholder numbers made the same way, read back as that LIMIT and OFFSET.
    """
    tree = parse(text)
    form = _check_tree(tree)
    if paged and form != "SELECT":
        raise GovgraphError(f"only a SELECT query can be asked for a page, not {form}")
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
    own = field(query, "limitoffset")
    own_limit, own_offset = (_number(own, "limit"), _number(own, "offset")) if own else (None, None)
    capped = limit is not None and form == "SELECT" and not own
    if limit is not None and capped:
        query = CompValue(query.name, **query)
        query["limitoffset"] = CompValue("LimitOffsetClauses", limit=Literal(limit + 1))
    numbers = [f"{_SLOT_NUMBER}{index}" for index in range(2)] if paged else []
    if paged:
        query = CompValue(query.name, **query)
        query["limitoffset"] = CompValue("LimitOffsetClauses", limit=Literal(int(numbers[0])), offset=Literal(int(numbers[1])))
    written = _written(tree, query)
    if paged:
        limits = field(parse(written)[1], "limitoffset")
        if not limits or [str(_number(limits, "limit")), str(_number(limits, "offset"))] != numbers:
            raise GovgraphError("cannot ask this query for a page safely")
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
    number_slots = [f"{keyword} {number}" for keyword, number in zip(("LIMIT", "OFFSET"), numbers)]
    for slot in [f"<{placeholder}>" for placeholder in placeholders] + number_slots:
        if pieces[-1].count(slot) != 1 or any(slot in piece for piece in pieces[:-1]):
            raise GovgraphError("cannot bind parameters into this query safely")
        before, after = pieces[-1].split(slot)
        keyword = slot.split(" ")[0] + " " if slot in number_slots else ""
        pieces[-1:] = [before + keyword, after]
    return _Template(tuple(pieces), form, own_limit, own_offset)


def _number(limits: CompValue, key: str) -> int | None:
    """The LIMIT or OFFSET of a LimitOffsetClauses node, None when absent."""
    value = field(limits, key)
    return None if value is None else int(value)


#: Makes the placeholders of this process unguessable, so no query text can hold one.
_SLOT_TOKEN = secrets.token_hex(16)
#: The same for a page's LIMIT and OFFSET: numbers no query text can hold (digits of the token).
_SLOT_NUMBER = "9" + str(int(_SLOT_TOKEN, 16))


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
    "form",
    "field",
    "is_clean_iri",
    "parse",
    "term_text",
    "variables",
    "walk",
]
