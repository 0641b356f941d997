"""Render a validation report for people (grouped by file, focus node and shape), as JSON, or as a SHACL report graph."""

import json
from itertools import groupby

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from .namespaces import PREFIXES
from .terms import short
from .validate import ValidationReport


def as_text(report: ValidationReport, *, show_warnings: bool = True) -> str:
    """A readable report: one block per focus node, one line per shape and message."""
    lines = []
    shown = [f for f in report.findings if show_warnings or f.severity == "Violation"]
    for (severity, file, focus), group in groupby(shown, key=lambda f: (f.severity, f.file, f.focus)):
        where = f"{file}: " if file else ""
        lines.append(f"{severity.upper()} {where}{short(focus) if focus else '(graph)'}")
        for finding in group:
            detail = f" [{finding.path}]" if finding.path else ""
            value = f" (value: {finding.value})" if finding.value else ""
            lines.append(f"  {finding.shape}{detail}: {finding.message}{value}")
    status = "conforms" if report.conforms else "does NOT conform"
    lines += [f"NOTE {note}" for note in report.notes]
    lines.append(
        f"{report.triples} triples from {len(report.files)} files {status}: "
        f"{len(report.violations)} violation(s), {len(report.warnings)} warning(s)"
        + (f", {len(report.infos)} info(s)." if report.infos else ".")
    )
    return "\n".join(lines)


def as_json(report: ValidationReport) -> str:
    """The report as JSON, for tools: conforms, counts and every finding with full IRIs."""
    return json.dumps(
        {
            "conforms": report.conforms,
            "triples": report.triples,
            "violations": len(report.violations),
            "warnings": len(report.warnings),
            "infos": len(report.infos),
            "engine": report.engine,
            "notes": report.notes,
            "files": report.files,
            "findings": [finding.__dict__ for finding in report.findings],
        },
        indent=2,
        ensure_ascii=False,
    )


def as_graph(report: ValidationReport) -> Graph:
    """A standard sh:ValidationReport: one sh:result per SHACL result and per row of a saved check."""
    graph = Graph()
    graph.bind("sh", SH)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=False)
    root = BNode()
    graph.add((root, RDF.type, SH.ValidationReport))
    checks = [f for f in report.findings if f.shape.startswith("check:")]
    graph.add((root, SH.conforms, Literal(not report.results and not checks)))
    for r in report.results:
        node = BNode()
        graph.add((root, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        for predicate, value in (
            (SH.focusNode, r.focus),
            (SH.sourceShape, r.shape),
            (SH.sourceConstraintComponent, r.component),
            (SH.resultSeverity, r.severity),
            (SH.resultPath, r.path),
            (SH.value, r.value),
            (SH.resultMessage, r.message),
            (SH.sourceConstraint, r.constraint),
        ):
            if value is not None:
                graph.add((node, predicate, value))
        if isinstance(r.path, BNode):
            for triple in report.context.cbd(r.path):
                graph.add(triple)
    for check in checks:
        node, shape = BNode(), BNode()
        graph.add((root, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, URIRef(check.focus) if check.focus else shape))
        graph.add((node, SH.sourceShape, shape))
        graph.add((shape, RDFS.label, Literal(check.shape)))
        graph.add((node, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
        graph.add((node, SH.resultSeverity, SH.Violation))
        graph.add((node, SH.resultMessage, Literal(check.message)))
        if check.value:
            graph.add((node, SH.value, Literal(check.value, datatype=XSD.string)))
    return graph


def as_turtle(report: ValidationReport) -> str:
    """The report as a standard sh:ValidationReport graph in Turtle.

    pyoxigraph writes it: rdflib's writer puts an ill-typed boolean such as "none"^^xsd:boolean
    bare into the text, which no parser reads back.
    """
    graph = report.graph()
    used = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    prefixes = {p: str(ns) for p, ns in graph.namespaces() if p and any(iri.startswith(str(ns)) for iri in used)}
    triples = [ox.Triple(*(_ox(t) for t in triple)) for triple in graph]  # type: ignore[arg-type]
    return bytes(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b"").decode("utf-8")


def _ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal) and term.language:
        return ox.Literal(str(term), language=term.language)
    if isinstance(term, Literal):
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    raise TypeError(f"not an RDF term: {term!r}")
