"""Generate a large, realistic, valid govgraph data directory for benchmarks.

The reference data grows with the corpus: every actor, forum, meeting, initiative and
reference document is cloned (one copy per 5,000 triples asked for, so hundreds of each at
100k and thousands at 1M) with fresh IRIs, labels marked "synthetic N" and dates moved to a
drawn year. The seed document (data/statements/g7-2023-digital-annex4.ttl) is then replicated
as many synthetic documents over 2005–2025, each with fresh IRIs for the document, its
paragraphs and its statements. Links to entities (forums, meetings, initiatives, themes, years,
stakeholder groups, target groups, regions, named actors and who made the statement) are
re-drawn from the real and cloned reference data, so that queries see a realistic spread;
every other triple keeps the seed's pattern, so every synthetic document conforms to the
shapes just as the seed does. Seeded: the same arguments give byte-identical files.

The output is a complete GOVGRAPH_HOME laid out like the repository:

    <home>/ontology/…            copied
    (no queries/: the home uses the checkout's saved questions and checks, so a benchmark
    measures the questions of the code it runs)
    <home>/data/reference/*.ttl  copied
    <home>/data/reference/synth-clones.ttl  the cloned actors, forums, meetings…
    <home>/data/sources/…        copied
    <home>/data/statements/g7-2023-digital-annex4.ttl   the real seed
    <home>/data/statements/synth-000001.ttl …           one file per synthetic document

Usage: python benchmarks/synthetic.py OUT_DIR [--triples 1000000] [--seed 7]
"""

import argparse
import random
import re
import shutil
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from govgraph import loading, paths
from govgraph.namespaces import DCTERMS, GG, PREFIXES, RDFS, TIME
from govgraph.progress import Delayed, Progress, silent

SEED_SLUG = "g7-2023-digital-annex4"
SEED_LABEL = "Annex 4 (2023)"

#: Statement links re-drawn per synthetic document, with the class their values must have.
VARIED = {
    str(GG.forum): str(GG.Forum),
    str(GG.initiative): str(GG.Initiative),
    str(GG.theme): str(GG.Theme),
    str(GG.targetTime): str(TIME.Instant),
    str(GG.stakeholder): str(GG.StakeholderGroup),
    str(GG.targetGroup): str(GG.TargetGroup),
    str(GG.region): str(GG.Region),
    str(GG.namedActor): str(GG.Actor),
    str(GG.madeBy): str(GG.Actor),
    str(GG.meeting): str(GG.Meeting),
}
#: Reference classes whose instances are cloned as the corpus grows.
CLONED = [GG.Actor, GG.Forum, GG.Meeting, GG.Initiative, GG.Document]
#: Triples per copy of the reference entities.
TRIPLES_PER_CLONE = 5_000
_YEAR = re.compile(r"\A(\d{4})(-\d\d-\d\d)\Z")


@dataclass
class Synthetic:
    """What `generate` wrote: a GOVGRAPH_HOME and how much it holds."""

    home: Path
    documents: int
    triples: int  # ontology + reference + seed + synthetic documents (what `govgraph build` loads)


def _pools(store: ox.Store) -> dict[str, list[ox.NamedNode]]:
    """Instances of each varied class (with subclasses), sorted for determinism."""
    pools = {}
    for cls in set(VARIED.values()):
        rows = store.query(
            f"SELECT DISTINCT ?x WHERE {{ ?x a/<{RDFS.subClassOf}>* <{cls}> . FILTER isIRI(?x) }}",
            use_default_graph_as_union=True,
        )
        pools[cls] = sorted((row["x"] for row in rows), key=lambda n: n.value)
    return pools


class _Template:
    """The seed's triples, with the parts that change per document marked."""

    def __init__(self, seed_file: Path, pools: dict[str, list[ox.NamedNode]]):
        self.triples = [(q.subject, q.predicate, q.object) for q in loading.parse_file(seed_file)]
        self.local = {s.value for s, _, _ in self.triples}
        self.pools = pools
        groups: dict[tuple[str, str], list] = defaultdict(list)
        for s, p, o in self.triples:
            if p.value in VARIED:
                groups[(s.value, p.value)].append(o)
        self.groups = dict(groups)

    def _iri(self, node: ox.NamedNode, slug: str) -> ox.NamedNode:
        return ox.NamedNode(node.value.replace(SEED_SLUG, slug)) if node.value in self.local else node

    def instantiate(self, number: int, rng: random.Random) -> list[ox.Triple]:
        """The triples of synthetic document `number`."""
        slug = f"synth-{number:06d}"
        year = rng.randint(2005, 2025)
        drawn: dict[tuple[str, str], list] = {}
        for key, objects in self.groups.items():
            pool = self.pools[VARIED[key[1]]]
            drawn[key] = rng.sample(pool, len(objects)) if len(pool) >= len(objects) else list(objects)
        out = []
        for s, p, o in self.triples:
            if p.value in VARIED:
                continue
            if isinstance(o, ox.NamedNode):
                o = self._iri(o, slug)
            elif p == RDFS_LABEL and SEED_LABEL in o.value:
                o = ox.Literal(o.value.replace(SEED_LABEL, f"synthetic document {number} ({year})"), language=o.language)
            elif p == DCTERMS_DATE:
                o = ox.Literal(f"{year}{o.value[4:]}", datatype=o.datatype)
            out.append(ox.Triple(self._iri(s, slug), p, o))
        for (s, p), objects in self.drawn_items(drawn):
            for o in objects:
                out.append(ox.Triple(self._iri(ox.NamedNode(s), slug), ox.NamedNode(p), o))
        return out

    @staticmethod
    def drawn_items(drawn):
        return sorted(drawn.items())


RDFS_LABEL = ox.NamedNode(str(RDFS.label))
DCTERMS_DATE = ox.NamedNode(str(DCTERMS.date))


def _clone_reference(store: ox.Store, copies: int, rng: random.Random) -> list[ox.Triple]:
    """`copies` clones of every actor, forum, meeting, initiative and document in `store` (the reference data).

    Each clone keeps its original's triples with a fresh IRI (links between originals point to
    the clones of the same copy), "synthetic N" in every label, dates moved to a drawn year
    and no owl:sameAs (a clone is not the real entity).
    """
    subjects: set[str] = set()
    for cls in CLONED:
        rows = store.query(
            f"SELECT DISTINCT ?x WHERE {{ ?x a/<{RDFS.subClassOf}>* <{cls}> . FILTER isIRI(?x) }}",
            use_default_graph_as_union=True,
        )
        subjects.update(row["x"].value for row in rows)
    triples = sorted(
        (
            (q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None)
            if q.subject.value in subjects and q.predicate.value != OWL_SAME_AS
        ),
        key=str,
    )
    out = []
    for copy in range(1, copies + 1):
        year = rng.randint(2005, 2025)

        def moved(node, copy=copy):
            return (
                ox.NamedNode(f"{node.value}-synth-{copy}") if isinstance(node, ox.NamedNode) and node.value in subjects else node
            )

        for s, p, o in triples:
            if isinstance(o, ox.Literal) and p.value in LABELS:
                o = ox.Literal(f"{o.value} (synthetic {copy})", language=o.language)
            elif isinstance(o, ox.Literal) and _YEAR.match(o.value):
                o = ox.Literal(_YEAR.sub(rf"{year}\2", o.value), datatype=o.datatype)
            out.append(ox.Triple(moved(s), p, moved(o)))
    return out


OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
LABELS = {str(RDFS.label), "http://www.w3.org/2004/02/skos/core#altLabel", str(DCTERMS.title), str(DCTERMS.alternative)}


def _copy_tree(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)


def generate(
    home: Path,
    triples: int = 1_000_000,
    seed: int = 7,
    source_root: Path = paths.PROJECT_ROOT,
    progress: Progress = silent,
) -> Synthetic:
    """Write a GOVGRAPH_HOME under `home` holding about `triples` triples (ontology and data)."""
    home = Path(home)
    data = home / "data"
    if data.exists():
        shutil.rmtree(data)
    _copy_tree(source_root / "ontology", home / "ontology")
    for part in ("reference", "sources"):
        _copy_tree(source_root / "data" / part, data / part)
    (data / "statements").mkdir(parents=True, exist_ok=True)
    seed_file = source_root / "data" / "statements" / f"{SEED_SLUG}.ttl"
    shutil.copy2(seed_file, data / "statements" / seed_file.name)

    progress(f"cloning the reference data for {triples:,} triples…")
    rng = random.Random(seed)
    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    reference = loading.load_store([home / "ontology" / "govgraph.ttl", *sorted((data / "reference").glob("*.ttl"))])
    clones = _clone_reference(reference, max(1, triples // TRIPLES_PER_CLONE), rng)
    ox.serialize(clones, str(data / "reference" / "synth-clones.ttl"), ox.RdfFormat.TURTLE, prefixes=prefixes)
    base = loading.load_store([home / "ontology" / "govgraph.ttl"] + paths.data_files(data))
    template = _Template(seed_file, _pools(base))
    per_document = len(template.triples)
    documents = max(1, round((triples - len(base)) / per_document))
    written = 0
    for number in range(1, documents + 1):
        if number % 100 == 1:
            progress(f"writing synthetic documents {number:,}–{min(number + 99, documents):,} of {documents:,}…")
        document = template.instantiate(number, rng)
        written += len(document)
        target = data / "statements" / f"synth-{number:06d}.ttl"
        ox.serialize(document, str(target), ox.RdfFormat.TURTLE, prefixes=prefixes)
    return Synthetic(home=home, documents=documents, triples=len(base) + written)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("home", type=Path, help="directory to write (a GOVGRAPH_HOME)")
    parser.add_argument("--triples", type=int, default=1_000_000, help="about how many triples (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default: %(default)s)")
    args = parser.parse_args(argv)
    with Delayed() as progress:
        result = generate(args.home, args.triples, args.seed, progress=progress)
    print(f"wrote {result.documents} synthetic documents, {result.triples} triples in all, under {result.home}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
