"""A source document read whole, with the place of every statement it holds, for the reading view."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from .. import paths
from ..errors import GovgraphError
from ..store import Store, TrustedQuery
from .vocab import display, number, text

SOURCES_QUERY = TrustedQuery.of(
    "SELECT ?doc (SAMPLE(?l) AS ?label) WHERE { ?doc gg:sourceFile ?file OPTIONAL { ?doc rdfs:label ?l } } GROUP BY ?doc"
)


@dataclass(frozen=True)
class Passage:
    """One statement's place in the document's text (code points, end exclusive)."""

    iri: str
    label: str
    start: int
    end: int
    commitment: bool


@dataclass
class DocumentText:
    """The document's text and its statements in text order; `problem` says why there is no text."""

    iri: str
    label: str
    text: str = ""
    passages: list[Passage] = field(default_factory=list)
    problem: str = ""


def source_documents(store: Store, *, timeout: float = 30.0) -> dict[str, str]:
    """The documents whose text the graph holds (a gg:sourceFile), IRI → label, by label."""
    rows = store.select(SOURCES_QUERY, timeout=timeout, limit=10_000).rows
    found = {text(doc): display(text(doc), text(label)) for doc, label in rows}
    return dict(sorted(found.items(), key=lambda item: item[1].casefold()))


def document_text(store: Store, document: str, *, timeout: float = 30.0, data_dir: Path = paths.DATA_DIR) -> DocumentText:
    """The document's source text (read only from inside data/sources/) and the statements it holds, in place."""
    rows = store.select(
        """
SELECT ?label ?file ?s ?sLabel ?start ?end ?commitment WHERE {
  OPTIONAL { ?doc rdfs:label ?label }
  OPTIONAL { ?doc gg:sourceFile ?file }
  OPTIONAL {
    ?s dcterms:source ?doc ; gg:quote ?quote ; gg:startOffset ?start ; gg:endOffset ?end .
    OPTIONAL { ?s rdfs:label ?sLabel }
    BIND(EXISTS { ?s a gg:Commitment } AS ?commitment)
  }
} ORDER BY ?start""",
        {"doc": URIRef(document)},
        timeout=timeout,
        limit=100_000,
    ).dicts()
    first = rows[0] if rows else {}
    reading = DocumentText(document, display(document, text(first.get("label"))))
    file = text(first.get("file"))
    if not file:
        reading.problem = "the graph holds no text of this document"
        return reading
    try:
        source = paths.source_path(file, data_dir)
    except GovgraphError as refused:
        reading.problem = str(refused)
        return reading
    if not source.is_file():
        reading.problem = f"its source text {file} is not on this machine"
        return reading
    reading.text = source.read_text(encoding="utf-8")
    seen: set[str] = set()
    for row in rows:
        iri = text(row.get("s"))
        start, end = number(row.get("start"), -1), number(row.get("end"), -1)
        if iri and iri not in seen and 0 <= start < end <= len(reading.text):
            seen.add(iri)
            commitment = text(row.get("commitment")).lower() in ("true", "1")
            reading.passages.append(Passage(iri, display(iri, text(row.get("sLabel"))), start, end, commitment))
    return reading
