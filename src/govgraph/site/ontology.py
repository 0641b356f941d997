"""HTML documentation of the ontology, generated from ontology/govgraph.ttl."""

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .. import paths
from ..namespaces import GG, OWL, RDF, RDFS, SKOS
from ..terms import short
from .html import esc, link, page

PAGE = "ontology/index"
SECTIONS = [
    ("Classes", str(OWL.Class)),
    ("Object properties", str(OWL.ObjectProperty)),
    ("Datatype properties", str(OWL.DatatypeProperty)),
]
#: Rows shown for each term: predicate, heading, and whether to show the inverse ("has subclasses").
ROWS = [
    (str(RDFS.subClassOf), "subclass of"),
    (str(RDFS.subPropertyOf), "subproperty of"),
    (str(RDFS.domain), "domain"),
    (str(RDFS.range), "range"),
    (str(RDF.type), "type"),
    (str(RDFS.seeAlso), "see also"),
]


def ontology_page(
    triples: Iterable[ox.Triple] | None = None, labels: dict[str, str] | None = None, path: Path = paths.ONTOLOGY_FILE
) -> str:
    """One HTML page: the ontology's header, then every class and property with its definition."""
    ontology = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    about: dict[str, dict[str, list[ox.NamedNode | ox.Literal]]] = defaultdict(lambda: defaultdict(list))
    for t in ontology:
        if isinstance(t.subject, ox.NamedNode):
            about[t.subject.value][t.predicate.value].append(t.object)
    names = {iri: str(values[str(RDFS.label)][0].value) for iri, values in about.items() if values.get(str(RDFS.label))}
    names = {**(labels or {}), **names}

    def by_name(iri: str) -> str:
        return names.get(iri, iri).lower()

    inverse: dict[str, list[str]] = defaultdict(list)
    for iri, values in about.items():
        for parent in values.get(str(RDFS.subClassOf), []) + values.get(str(RDFS.subPropertyOf), []):
            inverse[parent.value].append(iri)

    def text(iri: str, predicate: str) -> str:
        values = about[iri].get(predicate, [])
        return esc(values[0].value) if values else ""

    def term_link(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
        return link(term.value, names.get(term.value), PAGE) if isinstance(term, ox.NamedNode) else esc(term.value)

    header_iri = next((iri for iri, v in about.items() if ox.NamedNode(str(OWL.Ontology)) in v.get(str(RDF.type), [])), None)
    body = []
    if header_iri:
        version = text(header_iri, str(OWL.versionInfo))
        body.append(
            f'<p class="iri">{esc(header_iri)}{" · version " + version if version else ""} · '
            f'<a href="index.ttl">Turtle</a> · <a href="../context.jsonld">JSON-LD context</a></p>'
        )
        body.append(f"<p>{text(header_iri, str(SKOS.definition))}</p>")
    for heading, kind in SECTIONS:
        terms = sorted(
            (iri for iri, v in about.items() if iri.startswith(str(GG)) and ox.NamedNode(kind) in v.get(str(RDF.type), [])),
            key=by_name,
        )
        toc = ", ".join(f'<a href="#{esc(i.rsplit("#", 1)[-1])}">{esc(names.get(i, short(i)))}</a>' for i in terms)
        body.append(f"<h2>{esc(heading)} ({len(terms)})</h2>\n<p>{toc}</p>")
        for iri in terms:
            anchor = iri.rsplit("#", 1)[-1]
            rows = []
            for predicate, title in ROWS:
                shown = [v for v in about[iri].get(predicate, []) if not (predicate == str(RDF.type) and v.value == kind)]
                if shown:
                    rows.append(
                        f"<tr><th>{esc(title)}</th><td>{', '.join(term_link(v) for v in sorted(shown, key=str))}</td></tr>"
                    )
            if inverse.get(iri):
                children = ", ".join(link(c, names.get(c), PAGE) for c in sorted(inverse[iri], key=by_name))
                rows.append(f"<tr><th>{'subclasses' if kind == str(OWL.Class) else 'subproperties'}</th><td>{children}</td></tr>")
            body.append(
                f'<section id="{esc(anchor)}">\n<h3>{esc(names.get(iri, anchor))} <code>gg:{esc(anchor)}</code></h3>\n'
                f"<p>{text(iri, str(SKOS.definition))}</p>\n<table>{''.join(rows)}</table>\n</section>"
            )
    head = '<link rel="alternate" type="text/turtle" href="index.ttl">\n'
    title = text(header_iri, str(RDFS.label)) if header_iri else "govgraph ontology"
    return page(title or "govgraph ontology", "\n".join(body), PAGE, head)
