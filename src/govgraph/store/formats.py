"""Writers for result tables: text for people, and the SPARQL 1.1 formats for other tools.

- csv: SPARQL 1.1 Query Results CSV (values only, RFC 4180 quoting, CRLF line ends).
- tsv: SPARQL 1.1 Query Results TSV (terms in Turtle/N-Triples syntax, ``?var`` header).
- json: SPARQL 1.1 Query Results JSON.
- table: aligned columns with prefixed names, for a terminal.
- md: a Markdown table.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .. import csv_text, terms
from ..errors import GovgraphError
from ..safety import term_text
from .results import ResultTable

_TSV_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _csv_value(term: Node | None) -> str:
    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def to_csv(table: ResultTable) -> str:
    """SPARQL 1.1 CSV: header of variable names, lexical values, CRLF line ends."""
    return csv_text.write([table.variables, *([_csv_value(term) for term in row] for row in table.rows)])


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        body = '"' + "".join(_TSV_ESCAPES.get(char, char) for char in str(term)) + '"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{body}^^<{term.datatype}>"
        return body
    return term_text(term)


def to_tsv(table: ResultTable) -> str:
    """SPARQL 1.1 TSV: ``?var`` header, terms in N-Triples syntax, tab-separated."""
    lines = ["\t".join(f"?{name}" for name in table.variables)]
    lines += ["\t".join(_tsv_term(term) for term in row) for row in table.rows]
    return "".join(line + "\n" for line in lines)


def json_term(term: Node) -> dict[str, str]:
    """One term as a SPARQL 1.1 JSON results binding."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        value = {"type": "literal", "value": str(term)}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype and term.datatype != XSD.string:
            value["datatype"] = str(term.datatype)
        return value
    raise GovgraphError(f"cannot write {term!r} as a SPARQL JSON term")


def to_json(table: ResultTable) -> str:
    """SPARQL 1.1 Query Results JSON."""
    bindings = [{name: json_term(term) for name, term in zip(table.variables, row) if term is not None} for row in table.rows]
    return json.dumps({"head": {"vars": table.variables}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1) + "\n"


def short(term: Node | None) -> str:
    """A term as people read it: prefixed name for IRIs, the text for literals."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        shortened = terms.short(str(term))
        return shortened if shortened != str(term) else f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def to_table(table: ResultTable) -> str:
    """Aligned columns for a terminal, with a row count."""
    cells = [[short(term) for term in row] for row in table.rows]
    widths = [max([_width(name)] + [_width(row[i]) for row in cells]) for i, name in enumerate(table.variables)]

    def line(values: list[str]) -> str:
        return "  ".join(value + " " * (width - _width(value)) for value, width in zip(values, widths)).rstrip()

    out = [line(table.variables), line(["-" * width for width in widths])] + [line(row) for row in cells]
    count = len(table.rows)
    out.append(f"({count} row{'s' if count != 1 else ''}{', cut at the limit' if table.truncated else ''})")
    return "\n".join(out) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def to_markdown(table: ResultTable) -> str:
    """A Markdown (GitHub) table with prefixed names."""
    out = ["| " + " | ".join(table.variables) + " |", "|" + "---|" * len(table.variables)]
    out += ["| " + " | ".join(_md_cell(short(term)) for term in row) + " |" for row in table.rows]
    return "\n".join(out) + "\n"


FORMATS: dict[str, Callable[[ResultTable], str]] = {
    "table": to_table,
    "csv": to_csv,
    "tsv": to_tsv,
    "json": to_json,
    "md": to_markdown,
}


def write(table: ResultTable, fmt: str) -> str:
    """The table written in format `fmt`."""
    try:
        return FORMATS[fmt](table)
    except KeyError:
        raise GovgraphError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}") from None


def ask_json(answer: bool) -> str:
    """An ASK answer in SPARQL 1.1 Query Results JSON."""
    return json.dumps({"head": {}, "boolean": answer}) + "\n"
