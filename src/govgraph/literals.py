"""Ill-typed literals such as ``"abc"^^xsd:integer``: found at load time, reported by file and line.

pyoxigraph stores them as they are; rdflib later fails to convert each one and logs a
traceback, far from the file that holds it. Checking once after loading names the culprit.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal

from .errors import GovgraphError, InputError
from .store import MemoryStore, TrustedQuery

XSD = "http://www.w3.org/2001/XMLSchema#"
#: The most candidates looked at: one ill-typed literal is enough to refuse the files.
MAX_CANDIDATES = 10_000_000
# Numbers Oxigraph could read are numeric to it: only the rest needs a look from Python.
_CANDIDATES = TrustedQuery.of(f"""SELECT DISTINCT ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
  FILTER(isLiteral(?o) && STRSTARTS(STR(DATATYPE(?o)), "{XSD}") && DATATYPE(?o) != <{XSD}string>
         && !isNumeric(?o)) }}""")


@contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """Silence the warning and logged traceback rdflib emits for each literal it cannot convert."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def ill_typed(store: ox.Store) -> list[ox.Literal]:
    """The literals of `store` whose text is not a value of their XSD datatype."""
    with _quiet_rdflib():
        found = MemoryStore(store).select(_CANDIDATES, limit=MAX_CANDIDATES).rows
        return [
            ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            for (term,) in found
            if isinstance(term, Literal) and term.ill_typed
        ]


def check(store: ox.Store, files: Sequence[Path]) -> None:
    """Raise an InputError naming the file and line of the first ill-typed literal, if any."""
    found = ill_typed(store)
    if not found:
        return
    literal = found[0]
    datatype = literal.datatype.value.replace(XSD, "xsd:")
    message = f'ill-typed literal "{literal.value}"^^{datatype}: not a valid {datatype}'
    for path in files:
        if any(quad.object == literal for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)):
            raise InputError(path, message, _line_of(path, literal.value))
    raise GovgraphError(message)


def _line_of(path: Path, value: str) -> int | None:
    """The first line with `value` quoted and typed, else just quoted (the parser gives no positions)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for suffix in ("^^", ""):
        for number, line in enumerate(lines, start=1):
            if any(f"{quote}{value}{quote}{suffix}" in line for quote in ('"', "'")):
                return number
    return None
