"""Write Turtle one subject at a time, so that a draft of any size streams to disk without an
in-memory graph (rdflib's costs about 1 kB a triple). Every term is written by a function
here: text from a source is always an escaped string literal, never Turtle syntax, and the
same subjects in the same order give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from rdflib import URIRef
from rdflib.namespace import RDF, XSD

#: A prefixed name's local part that every Turtle parser reads back unchanged.
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
#: Characters an IRI may not hold in Turtle (IRIREF), nor in RDF at all.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_TO_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")
_RDF_TYPE = str(RDF.type)

#: A term as written in Turtle.
Term = str


class Prefixes:
    """The prefixes a document declares, and the short names they give."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefixes = dict(sorted(prefixes.items()))
        self._longest_first = sorted(((str(ns), p) for p, ns in self.prefixes.items()), key=lambda item: -len(item[0]))
        self.iri = lru_cache(maxsize=8192)(self._iri)
        self.verb = lru_cache(maxsize=256)(self._verb)

    def header(self) -> str:
        return "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in self.prefixes.items())

    def _iri(self, iri: str) -> Term:
        """`prefix:local` when some prefix makes a safe short name, else `<iri>`."""
        if not is_iri(iri):
            raise ValueError(f"not an IRI that RDF can hold: {iri!r}")
        for namespace, prefix in self._longest_first:
            if iri.startswith(namespace) and _LOCAL.fullmatch(iri, len(namespace)):
                return f"{prefix}:{iri[len(namespace) :]}"
        return f"<{iri}>"

    def _verb(self, predicate: str) -> Term:
        return "a" if str(predicate) == _RDF_TYPE else self.iri(predicate)


def is_iri(text: str) -> bool:
    """True when `text` holds no character that an IRI (and so Turtle) may not hold."""
    return not _NOT_IN_IRI.search(text)


def string(text: str, lang: str | None = None) -> Term:
    """A string literal on one line, with every quote, backslash and control character escaped."""
    quoted = '"' + _TO_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text) + '"'
    return f"{quoted}@{lang}" if lang else quoted


def integer(number: int) -> Term:
    return str(int(number))


def decimal(number: Decimal) -> Term:
    lexical = str(number)
    return lexical if _DECIMAL.fullmatch(lexical) else f'"{lexical}"^^<{XSD.decimal}>'


def typed(lexical: str, datatype: Term) -> Term:
    return f"{string(lexical)}^^{datatype}"


def subject(prefixes: Prefixes, node: URIRef, pairs: Iterable[tuple[URIRef, Term]]) -> str:
    """One subject with its predicate-object pairs (duplicates dropped, order kept), ending in " .\\n\\n"."""
    lines = [f"{prefixes.verb(predicate)} {obj}" for predicate, obj in dict.fromkeys(pairs)]
    return prefixes.iri(str(node)) + " " + " ;\n    ".join(lines) + " .\n\n"
