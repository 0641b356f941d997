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


# The evaluation corpus: every hand-labelled fixture and the seed, scored field by field.

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIRS = (
    ROOT / "tests" / "fixtures" / "ingest-eval",
    ROOT / "tests" / "fixtures" / "ingest-heldout",  # labelled before the extractor first ran on them
    ROOT / "tests" / "fixtures" / "ingest",
)
SEED_SOURCE = ROOT / "data" / "sources" / "g7-2023-digital-annex4.txt"
SEED_CURATED = ROOT / "data" / "statements" / "g7-2023-digital-annex4.ttl"
FIELDS = ("statements", "act", "commitments", "speaker", "entities", "dates", "vague dates", "lineage")


@dataclass(frozen=True)
class Labels:
    """What one statement says, in the form both hand labels and the extractor are written in."""

    quote: str
    act: str
    commitment: bool
    made_by: frozenset[str]
    entities: frozenset[str]
    dates: frozenset[str]
    vague: frozenset[str]
    lineage: frozenset[str]


@dataclass(frozen=True)
class Case:
    """One labelled document: its source, the extractor's arguments and the expected statements."""

    name: str
    source: Path
    args: dict
    expected: list[Labels]


def relative(iri) -> str:
    """An IRI under the govgraph id base as written in the labels ("actor/g7")."""
    return str(iri).removeprefix("https://w3id.org/govgraph/id/")


def _labels_from_json(item: dict) -> Labels:
    entities = [e for e in item.get("entities", []) if not e.startswith("targetTime ")]
    years = set(item.get("dates", [])) | {e.rsplit("/", 1)[-1] for e in item.get("entities", []) if e.startswith("targetTime ")}
    return Labels(
        item["quote"],
        item["act"],
        item["commitment"],
        frozenset(item["made_by"]),
        frozenset(entities),
        frozenset(years),
        frozenset(item.get("vague", [])),
        frozenset(item.get("lineage", [])),
    )


def cases() -> list[Case]:
    """Every fixture with a sidecar of hand labels (<fixture>.expected.json), then the seed."""
    import json

    found = []
    for folder in EVAL_DIRS:
        for sidecar in sorted(folder.glob("*.expected.json")):
            stem = sidecar.name.removesuffix(".expected.json")
            source = next(p for p in folder.iterdir() if p.stem == stem and p.suffix != ".json")
            data = json.loads(sidecar.read_text(encoding="utf-8"))
            found.append(Case(stem, source, data["args"], [_labels_from_json(s) for s in data["statements"]]))
    found.append(Case("seed (Annex 4)", SEED_SOURCE, {}, seed_labels()))
    return found


def seed_labels() -> list[Labels]:
    """The curated Annex 4 statements (data/statements/), as labels."""
    graph = Graph().parse(SEED_CURATED, format="turtle")
    labels = []
    for node in sorted(set(graph.subjects(GG.quote, None)), key=lambda n: int(graph.value(n, GG.startOffset))):
        links = {(p, o) for p in LINK_PROPERTIES for o in graph.objects(node, p)}
        labels.append(
            Labels(
                str(graph.value(node, GG.quote)),
                _short(graph.value(node, GG.actKind)),
                (node, RDF.type, GG.Commitment) in graph,
                frozenset(relative(o) for o in graph.objects(node, GG.madeBy)),
                frozenset(f"{_short(p)} {relative(o)}" for p, o in links if p != GG.targetTime),
                frozenset(relative(o).rsplit("/", 1)[-1] for p, o in links if p == GG.targetTime),
                frozenset(),
                frozenset(f"{_short(p)} {relative(o)}" for p in (GG.reaffirms, GG.buildsOn) for o in graph.objects(node, p)),
            )
        )
    return labels


def labels_of(extraction: Extraction) -> list[Labels]:
    """The extractor's statements as labels."""
    return [
        Labels(
            s.quote,
            s.kind,
            s.commitment,
            frozenset(relative(m) for m in s.made_by),
            frozenset(f"{_short(p)} {relative(o)}" for p, o in s.links) | {f"mentions {relative(c.iri)}" for c in s.candidates},
            frozenset(s.years),
            frozenset(s.vague_times),
            frozenset(f"{_short(r)} {relative(t)}" for r, t in s.lineage),
        )
        for s in extraction.statements
    ]


def tally(expected: list[Labels], got: list[Labels], scores: dict[str, Score]) -> None:
    """Add one document to the scores. Statements match by their quote; a field of a statement
    that was not found counts as missed, and one of a statement that should not exist as extra."""
    want = {label.quote: label for label in expected}
    have = {label.quote: label for label in got}

    def count(name: str, wanted: set, found: set) -> None:
        score = scores.setdefault(name, Score(name))
        score.true_positive += len(wanted & found)
        score.expected += len(wanted)
        score.found += len(found)
        score.misses += sorted(map(str, wanted - found))
        score.extras += sorted(map(str, found - wanted))

    count("statements", set(want), set(have))
    count("commitments", {q for q in want if want[q].commitment}, {q for q in have if have[q].commitment})
    count("act", {(q, want[q].act) for q in want}, {(q, have[q].act) for q in have})
    count("speaker", {(q, want[q].made_by) for q in want}, {(q, have[q].made_by) for q in have})
    for name, attribute in (("entities", "entities"), ("dates", "dates"), ("vague dates", "vague"), ("lineage", "lineage")):
        count(
            name,
            {(q, v) for q in want for v in getattr(want[q], attribute)},
            {(q, v) for q in have for v in getattr(have[q], attribute)},
        )
