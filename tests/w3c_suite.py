"""The W3C SHACL test suite (tests/w3c): its manifest entries, and a report compared with the expected one.

Results are compared the way pySHACL's own runner does: sh:conforms, and the results as a
multiset of (focus node, path, value, constraint component, severity), where a blank node in
the expected report matches any term. An entry whose expected result is sht:Failure must be
refused with a one-line error.
"""

import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from govgraph.errors import GovgraphError
from govgraph.validate import ValidationReport, as_written, validate

W3C = Path(__file__).parent / "w3c"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
KNOWN_FAILURES = tomllib.loads((W3C / "known-failures.toml").read_text(encoding="utf-8"))

#: What one result is compared on.
Key = tuple[Node | None, Node | None, Node | None, Node | None, Node | None]


@dataclass(frozen=True)
class Entry:
    """One sht:Validate entry: its files and what it must give."""

    name: str  # e.g. core/node/class-001
    data: Path
    shapes: Path
    failure: bool  # the entry must be refused
    conforms: bool
    results: tuple[Key, ...]


def _local(iri: Node) -> Path:
    return Path(str(iri).removeprefix("file://"))


def _key(g: Graph, result: Node) -> Key:
    return tuple(  # type: ignore[return-value]
        g.value(result, p) for p in (SH.focusNode, SH.resultPath, SH.value, SH.sourceConstraintComponent, SH.resultSeverity)
    )


def _entries(manifest: Path) -> list[Entry]:
    g = as_written([manifest])  # literals as written, as the engines read them
    found = []
    for included in sorted(g.objects(None, MF.include), key=str):
        found += _entries(_local(included))
    for head in g.objects(None, MF.entries):
        for entry in Collection(g, head):
            action, result = g.value(entry, MF.action), g.value(entry, MF.result)
            name = str(entry).removeprefix(W3C.resolve().as_uri() + "/")
            failure = result == SHT.Failure
            results = () if failure else tuple(_key(g, r) for r in g.objects(result, SH.result))
            conforms = not failure and g.value(result, SH.conforms).toPython() is True
            found.append(
                Entry(
                    name,
                    _local(g.value(action, SHT.dataGraph)),
                    _local(g.value(action, SHT.shapesGraph)),
                    failure,
                    conforms,
                    results,
                )
            )
    return found


ENTRIES = sorted(_entries(W3C / "manifest.ttl"), key=lambda e: e.name)


def _matches(expected: Key, actual: Key) -> bool:
    return all(isinstance(e, BNode) or e == a for e, a in zip(expected, actual))


def differences(entry: Entry, conforms: bool, results: list[Key]) -> list[str]:
    """What a report (its sh:conforms and result keys) gets wrong against the entry's expected one."""
    problems = [f"conforms {conforms}, expected {entry.conforms}"] if conforms != entry.conforms else []
    actual = Counter(results)
    for expected in sorted(entry.results, key=lambda key: sum(isinstance(t, BNode) for t in key)):  # exact ones first
        match = next((a for a, n in actual.items() if n and _matches(expected, a)), None)
        if match is None:
            problems.append(f"missing {expected}")
        else:
            actual[match] -= 1
    problems += [f"unexpected {a}" for a, n in actual.items() for _ in range(n)]
    return problems


def graph_differences(entry: Entry, report: Graph) -> list[str]:
    """The same for a report graph (what `govgraph validate --format ttl` writes, read with `as_written`)."""
    root = next(report.subjects(RDF.type, SH.ValidationReport))
    conforms = report.value(root, SH.conforms)
    return differences(
        entry, conforms is not None and conforms.toPython() is True, [_key(report, r) for r in report.objects(root, SH.result)]
    )


def outcome(entry: Entry, engine: str) -> tuple[str, ValidationReport | None]:
    """("pass" | "wrong: …" | "error: …", report) for one entry through `validate(--shapes)`."""
    try:
        report = validate([entry.data], shapes=[entry.shapes], engine=engine)
    except GovgraphError as error:
        return ("pass" if entry.failure else f"error: {error}"), None
    if entry.failure:
        return "wrong: validated where the suite expects a failure", report
    problems = differences(
        entry, not report.results, [(r.focus, r.path, r.value, r.component, r.severity) for r in report.results]
    )
    return ("wrong: " + "; ".join(problems) if problems else "pass"), report


__all__ = ["ENTRIES", "KNOWN_FAILURES", "W3C", "Entry", "differences", "graph_differences", "outcome"]
