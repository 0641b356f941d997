"""Score an extraction against curated statements: spans, acts, commitment decisions, links."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from govgraph.ingest.extract import Extraction
from govgraph.namespaces import GG

#: The properties that link a statement to the entities it names (what "linked entities" means).
LINK_PROPERTIES = (
    GG.forum,
    GG.meeting,
    GG.initiative,
    GG.namedActor,
    GG.stakeholder,
    GG.targetGroup,
    GG.region,
    GG.theme,
    GG.targetTime,
    GG.mentions,
)


@dataclass
class Score:
    """Precision and recall of one aspect, with the misses and the extras for the report."""

    name: str
    true_positive: int = 0
    found: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positive / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.expected if self.expected else 1.0

    def line(self) -> str:
        return f"{self.name:<18} precision {self.precision:6.1%}  recall {self.recall:6.1%}  ({self.true_positive}/{self.found} found, {self.expected} expected)"


def _short(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def curated(path: Path) -> dict[tuple[int, int], dict]:
    """Curated statements by (start, end) offsets."""
    graph = Graph().parse(path, format="turtle")
    found = {}
    for node in set(graph.subjects(GG.quote, None)):
        start, end = int(graph.value(node, GG.startOffset)), int(graph.value(node, GG.endOffset))
        found[(start, end)] = {
            "iri": _short(node),
            "act": _short(graph.value(node, GG.actKind)),
            "commitment": (node, RDF.type, GG.Commitment) in graph,
            "made_by": {_short(o) for o in graph.objects(node, GG.madeBy)},
            "links": {(_short(p), _short(o)) for p in LINK_PROPERTIES for o in graph.objects(node, p)},
        }
    return found


def extracted(extraction: Extraction) -> dict[tuple[int, int], dict]:
    """Extracted statements in the same form as `curated`."""
    found = {}
    for s in extraction.statements:
        links = {(_short(p), _short(o)) for p, o in s.links} | {("targetTime", y) for y in s.years}
        found[(s.start, s.end)] = {
            "iri": _short(s.iri),
            "act": s.kind,
            "commitment": s.commitment,
            "made_by": {_short(m) for m in s.made_by},
            "links": links,
        }
    return found


def score(expected: dict, got: dict) -> dict[str, Score]:
    """Spans are matched exactly; the other aspects are scored on matched spans."""
    spans = Score("sentences/clauses", len(set(expected) & set(got)), len(got), len(expected))
    spans.misses = [expected[k]["iri"] for k in sorted(set(expected) - set(got))]
    spans.extras = [got[k]["iri"] for k in sorted(set(got) - set(expected))]
    result = {"spans": spans}
    both = sorted(set(expected) & set(got))
    for aspect in ("act", "commitment", "made_by"):
        s = Score(aspect.replace("_", " "), found=len(both), expected=len(both))
        for key in both:
            if expected[key][aspect] == got[key][aspect]:
                s.true_positive += 1
            else:
                s.misses.append(f"{expected[key]['iri']}: expected {expected[key][aspect]}, got {got[key][aspect]}")
        result[aspect] = s
    links = Score("linked entities")
    for key in both:
        want, have = expected[key]["links"], got[key]["links"]
        links.true_positive += len(want & have)
        links.found += len(have)
        links.expected += len(want)
        links.misses += [f"{expected[key]['iri']}: {p} {o}" for p, o in sorted(want - have)]
        links.extras += [f"{expected[key]['iri']}: {p} {o}" for p, o in sorted(have - want)]
    result["links"] = links
    return result
