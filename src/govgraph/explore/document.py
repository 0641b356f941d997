"""A source document read a page of paragraphs at a time, with the place of every statement on it, for the reading view."""

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


#: Paragraphs on one page of the reading view.
PARAGRAPHS_PER_PAGE = 30


@dataclass
class DocumentText:
    """One page of the document's text and its statements in text order; `problem` says why there is no text.

    `text` is the page's part of the source text and `offset` where it starts in the whole text (passages
    are placed in `text`); `paragraphs` is how many paragraphs the whole document has."""

    iri: str
    label: str
    text: str = ""
    passages: list[Passage] = field(default_factory=list)
    problem: str = ""
    offset: int = 0
    paragraphs: int = 0


def source_documents(store: Store, *, timeout: float = 30.0) -> dict[str, str]:
    """The documents whose text the graph holds (a gg:sourceFile), IRI → label, by label."""
    rows = store.select(SOURCES_QUERY, timeout=timeout, limit=10_000).rows
    found = {text(doc): display(text(doc), text(label)) for doc, label in rows}
    return dict(sorted(found.items(), key=lambda item: item[1].casefold()))


def document_text(
    store: Store,
    document: str,
    *,
    page: int = 1,
    size: int = PARAGRAPHS_PER_PAGE,
    timeout: float = 30.0,
    data_dir: Path = paths.DATA_DIR,
) -> DocumentText:
    """Page `page` of the document's source text (read only from inside data/sources/), `size` paragraphs
    a page, and the statements on it in place. The pages together are the whole text: the first starts at
    its beginning, each ends where the next page's first paragraph starts, the last at its end."""
    bound = {"doc": URIRef(document)}
    about = store.select(
        "SELECT ?label ?file WHERE { OPTIONAL { ?doc rdfs:label ?label } OPTIONAL { ?doc gg:sourceFile ?file } } LIMIT 1",
        bound,
        timeout=timeout,
        limit=1,
    ).dicts()
    first = about[0] if about else {}
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
    whole = source.read_text(encoding="utf-8")
    counted = store.select(
        "SELECT (COUNT(DISTINCT ?para) AS ?n) WHERE { ?para dcterms:isPartOf ?doc ; gg:startOffset ?start }",
        bound,
        timeout=timeout,
        limit=1,
    ).rows
    reading.paragraphs = number(counted[0][0]) if counted else 0
    page = max(1, page)
    starts = [
        number(start)
        for (start,) in store.select(
            f"""SELECT ?start WHERE {{ ?para dcterms:isPartOf ?doc ; gg:startOffset ?start }}
ORDER BY ?start ?para LIMIT {size + 1} OFFSET {(page - 1) * size}""",
            bound,
            timeout=timeout,
            limit=size + 1,
        ).rows
    ]
    low = 0 if page == 1 or not starts else starts[0]
    high = starts[size] if len(starts) > size else len(whole)
    reading.text, reading.offset = whole[low:high], low
    rows = store.select(
        f"""
SELECT ?s ?sLabel ?start ?end ?commitment WHERE {{
  ?s dcterms:source ?doc ; gg:quote ?quote ; gg:startOffset ?start ; gg:endOffset ?end .
  FILTER(?start >= {low} && ?start < {high})
  OPTIONAL {{ ?s rdfs:label ?sLabel }}
  BIND(EXISTS {{ ?s a gg:Commitment }} AS ?commitment)
}} ORDER BY ?start""",
        bound,
        timeout=timeout,
        limit=100_000,
    ).dicts()
    seen: set[str] = set()
    for row in rows:
        iri = text(row.get("s"))
        start, end = number(row.get("start"), -1), number(row.get("end"), -1)
        if iri and iri not in seen and low <= start < end <= high:
            seen.add(iri)
            commitment = text(row.get("commitment")).lower() in ("true", "1")
            reading.passages.append(Passage(iri, display(iri, text(row.get("sLabel"))), start - low, end - low, commitment))
    return reading
