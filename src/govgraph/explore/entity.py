"""Everything the entity page shows about one resource, with properties by label."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef

from .. import paths
from ..errors import GovgraphError
from ..namespaces import DEFAULT_BASE
from ..safety import term_text
from ..store import Store
from .vocab import display, inverse_label, number, text, values

#: Links shown at most in each direction; hubs such as a class can have thousands.
LINK_LIMIT = 500


@dataclass(frozen=True)
class Link:
    """One property value: the property (IRI and label) and the other end (IRI or literal, with a label)."""

    prop: str
    prop_label: str
    value: str
    value_label: str
    is_iri: bool
    language: str = ""
    labelled: bool = False

    @property
    def kind(self) -> str:
        """ "entity" (has a page here), "external" (a web page the graph only points to) or "text"."""
        if not self.is_iri:
            return "text"
        if self.labelled or self.value.startswith(DEFAULT_BASE) or not self.value.startswith(("http://", "https://")):
            return "entity"
        return "external"


@dataclass
class Entity:
    """A resource as the entity page shows it."""

    iri: str
    label: str
    types: list[Link] = field(default_factory=list)
    outgoing: list[Link] = field(default_factory=list)
    incoming: list[Link] = field(default_factory=list)
    truncated: bool = False

    @property
    def exists(self) -> bool:
        """True when the store says anything about the resource, either way."""
        return bool(self.types or self.outgoing or self.incoming)

    @staticmethod
    def grouped(links: list[Link]) -> list[tuple[str, list[tuple[str, str, str]]]]:
        """Links grouped by property label: (property, [(kind, shown label, IRI or value)…]), for a table."""
        groups: dict[str, list[tuple[str, str, str]]] = {}
        for link in links:
            tag = f" ({link.language})" if link.language and link.language != "en" else ""
            groups.setdefault(link.prop_label, []).append((link.kind, link.value_label + tag, link.value))
        return list(groups.items())

    def values(self, prop_suffix: str) -> list[Link]:
        """Outgoing links whose property IRI ends with `prop_suffix` (e.g. '#quote')."""
        return [link for link in self.outgoing if link.prop.endswith(prop_suffix)]


def describe(store: Store, iri: str, *, timeout: float = 30.0) -> Entity:
    """The resource's label, types, outgoing and incoming links, each end labelled."""
    node = {"x": URIRef(iri)}
    out = store.select(
        """
SELECT ?p ?pl ?o ?ol WHERE {
  ?x ?p ?o .
  FILTER (!STRSTARTS(STR(?p), "https://w3id.org/govgraph/derived#"))  # counts of govgraph.derived, not links
  OPTIONAL { ?p rdfs:label ?pl }
  OPTIONAL { ?o rdfs:label ?ol }
}""",
        node,
        timeout=timeout,
        limit=LINK_LIMIT,
    )
    inc = store.select(
        """
SELECT ?s ?sl ?p ?pl WHERE {
  ?s ?p ?x .
  FILTER (!STRSTARTS(STR(?p), "https://w3id.org/govgraph/derived#"))
  OPTIONAL { ?p rdfs:label ?pl }
  OPTIONAL { ?s rdfs:label ?sl }
}""",
        node,
        timeout=timeout,
        limit=LINK_LIMIT,
    )
    entity = Entity(iri=iri, label=display(iri, ""), truncated=out.truncated or inc.truncated)
    seen: set[tuple[str, str]] = set()
    for p, pl, o, ol in out.rows:
        if o is None:  # ?o is not optional: always bound
            continue
        if (text(p), o.n3()) in seen:
            continue
        seen.add((text(p), o.n3()))
        is_iri = isinstance(o, URIRef)
        link = Link(
            text(p),
            display(text(p), text(pl)),
            text(o),
            display(text(o), text(ol)) if is_iri else text(o),
            is_iri,
            o.language or "" if isinstance(o, Literal) else "",
            labelled=ol is not None,
        )
        if text(p).endswith("#type") and is_iri:
            entity.types.append(link)
        else:
            entity.outgoing.append(link)
        if text(p).endswith("rdf-schema#label") and (not entity.label or entity.label == display(iri, "")):
            entity.label = text(o)
    seen.clear()
    for s, sl, p, pl in inc.rows:
        if (text(s), text(p)) in seen:
            continue
        seen.add((text(s), text(p)))
        entity.incoming.append(
            Link(
                text(p),
                inverse_label(text(p), display(text(p), text(pl))),
                text(s),
                display(text(s), text(sl)),
                True,
                labelled=True,
            )
        )
    entity.outgoing.sort(key=lambda link: (link.prop_label.casefold(), link.value_label.casefold()))
    entity.incoming.sort(key=lambda link: (link.prop_label.casefold(), link.value_label.casefold()))
    return entity


@dataclass(frozen=True)
class Paragraph:
    """A source paragraph's text and where the statement sits in it (offsets into `text`).

    `exact` is True when the text comes from the source file; otherwise `problem` says why it
    was not read (empty when this machine simply does not have the file)."""

    label: str
    text: str
    mark: tuple[int, int] | None
    exact: bool
    problem: str = ""


def paragraph_text(
    store: Store, paragraph: str, start: int = -1, end: int = -1, *, timeout: float = 30.0, data_dir: Path = paths.DATA_DIR
) -> Paragraph:
    """The paragraph's text, from its source file when this machine has it inside data/sources/, else its
    statements' quotes joined."""
    # The paragraph written into the patterns: OPTIONALs on a bound ?para are joined after the engine has
    # read their right side for every paragraph (seconds at a million triples).
    para = term_text(URIRef(paragraph))
    info = store.select(
        f"""
SELECT ?key ?value WHERE {{
  {{ {para} rdfs:label ?value BIND("label" AS ?key) }} UNION {{ {para} gg:startOffset ?value BIND("pstart" AS ?key) }}
  UNION {{ {para} gg:endOffset ?value BIND("pend" AS ?key) }} UNION {{ {para} dcterms:isPartOf/gg:sourceFile ?value BIND("file" AS ?key) }}
}}""",
        timeout=timeout,
        limit=100,
    ).rows
    row: dict = {}
    for key, value in info:
        row.setdefault(text(key), value)
    label = display(paragraph, text(row.get("label")))
    pstart, pend, file = number(row.get("pstart"), -1), number(row.get("pend"), -1), text(row.get("file"))
    problem = ""
    if file and 0 <= pstart < pend:
        try:
            source = paths.source_path(file, data_dir)
        except GovgraphError as refused:
            source, problem = None, str(refused)
        if source is not None and source.is_file():
            body = source.read_text(encoding="utf-8")[pstart:pend]
            mark = (start - pstart, end - pstart) if pstart <= start < end <= pend else None
            return Paragraph(label, body, mark, True)
    quotes = store.select(
        """
SELECT ?s ?quote ?start WHERE { ?s gg:inParagraph ?para ; gg:quote ?quote . OPTIONAL { ?s gg:startOffset ?start } }
ORDER BY ?start""",
        {"para": URIRef(paragraph)},
        timeout=timeout,
        limit=1000,
    )
    pieces: list[str] = []
    mark = None
    cursor = 0
    for _s, quote, qstart in quotes.rows:
        if pieces:
            cursor += 1
        if number(qstart, -2) == start:
            mark = (cursor, cursor + len(text(quote)))
        pieces.append(text(quote))
        cursor += len(text(quote))
    return Paragraph(label, " ".join(pieces), mark, False, problem)


def labels(store: Store, iris: Iterable[str], *, timeout: float = 30.0) -> dict[str, str]:
    """What people read for each IRI (its label, else a known name), in one query."""
    iris = list(dict.fromkeys(iris))
    if not iris:
        return {}
    table = store.select(
        f"SELECT ?x (SAMPLE(?l) AS ?label) WHERE {{ {values('x', iris)} OPTIONAL {{ ?x rdfs:label ?l }} }} GROUP BY ?x",
        timeout=timeout,
        limit=len(iris),
    )
    found = {text(x): text(label) for x, label in table.rows}
    return {iri: display(iri, found.get(iri)) for iri in iris}


@dataclass(frozen=True)
class Found:
    """A resource whose name matched a lookup."""

    iri: str
    label: str
    kind: str


def find_entities(store: Store, words: str, *, limit: int = 50, timeout: float = 30.0) -> list[Found]:
    """Resources whose label or alternative name contains the words (case-insensitive), best-named first."""
    words = " ".join(words.split()).casefold()
    if not words:
        return []
    table = store.select(
        """
SELECT ?x (SAMPLE(?l) AS ?label) (SAMPLE(?tl) AS ?kind) WHERE {
  ?x rdfs:label|skos:altLabel ?name . FILTER(isIRI(?x) && CONTAINS(LCASE(STR(?name)), ?words))
  OPTIONAL { ?x rdfs:label ?l }
  OPTIONAL { ?x a ?t . ?t rdfs:label ?tl }
} GROUP BY ?x""",
        {"words": Literal(words)},
        timeout=timeout,
        limit=limit,
    )
    found = [Found(text(x), display(text(x), text(label)), text(kind)) for x, label, kind in table.rows]
    return sorted(found, key=lambda f: (not f.label.casefold().startswith(words), len(f.label), f.label))
