"""Throughput of `govgraph ingest` on about 1 MB of communiqué text, beside a baseline.

Builds a large text file by repeating the seed (Annex 4) and the hand-written fixtures with
perturbed paragraph text (numbers and years changed so that no two paragraphs are equal),
then times in one run:
  * baseline: pysbd sentence segmentation alone over the same body paragraphs;
  * ours (rules): the full extractor (reading, chrome stripping, paragraphs, sentences,
    acts and clauses, entity linking, dates, lineage, candidates) with the rule splitter;
  * ours (pysbd): the full extractor with pysbd as the sentence splitter;
  * draft: writing that extraction as Turtle (govgraph's streaming writer).

Usage: PYTHONPATH=src python benchmarks/ingest_throughput.py [--mb 1.0]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from govgraph import paths  # noqa: E402
from govgraph.ingest import draft_turtle, extract  # noqa: E402
from govgraph.ingest.reading import read_source, render  # noqa: E402
from govgraph.ingest.reference import load_reference  # noqa: E402
from govgraph.ingest.segment import paragraphs, split_sentences_pysbd  # noqa: E402

SOURCES = [paths.SOURCES_DIR / "g7-2023-digital-annex4.txt", ROOT / "tests" / "fixtures" / "ingest" / "g7-2023-ict-fixture.txt"]


def corpus(megabytes: float, seed: int = 7) -> str:
    """Body paragraphs of the seed and fixtures, perturbed and repeated to `megabytes`."""
    rng = random.Random(seed)
    bodies: list[str] = []
    for source in SOURCES:
        text, blocks, _ = render(read_source(source))
        bodies += [" ".join(part.block.text[part.start : part.end] for part in p.parts) for p in paragraphs(blocks)]
    out = ["Home | Summits | Ministerials | Documents | Search", "[pdf]"]
    size = 0
    while size < megabytes * 1_000_000:
        body = rng.choice(bodies)
        body = re.sub(r"\b20\d\d\b", lambda m: str(2020 + rng.randrange(10)), body)
        line = body  # unnumbered, as in the seed: paragraph numbers then have no upper limit
        out.append(line)
        size += len(line.encode("utf-8")) + 1
    out.append("All contents copyright © 2025. All rights reserved.")
    return "\n".join(out) + "\n"


def timed(label: str, megabytes: float, work) -> float:
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    print(f"{label:<38} {seconds:8.2f} s  {megabytes / seconds:8.2f} MB/s   {result}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of the generated text in MB (default 1)")
    args = parser.parse_args()
    reference = load_reference()  # read once, as a long-running process would
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.txt"
        path.write_text(corpus(args.mb), encoding="utf-8")
        megabytes = path.stat().st_size / 1_000_000
        print(f"{megabytes:.2f} MB of communiqué text, {path.read_text().count(chr(10))} lines\n")

        def baseline() -> str:
            source = read_source(path)
            _, blocks, _ = render(source)
            count = sum(
                len(split_sentences_pysbd(part.block.text, part.start, part.end)) for p in paragraphs(blocks) for part in p.parts
            )
            return f"{count} sentences"

        holder = {}

        def ours(segmenter: str):
            def run() -> str:
                extraction = extract(path, doc_id="bench", reference=reference, segmenter=segmenter)
                holder["extraction"] = extraction
                commitments = sum(s.commitment for s in extraction.statements)
                return f"{len(extraction.statements)} statements, {commitments} commitments"

            return run

        def draft() -> str:
            return f"{len(draft_turtle(holder['extraction'], reference).encode())} bytes of Turtle"

        base = timed("baseline: pysbd segmentation only", megabytes, baseline)
        ours_rules = timed("ours: full extraction (rules splitter)", megabytes, ours("rules"))
        timed("ours: Turtle draft of that extraction", megabytes, draft)
        timed("ours: full extraction (pysbd splitter)", megabytes, ours("pysbd"))
        print(f"\nfull extraction with the rule splitter takes {ours_rules / base:.2f}x the time of pysbd segmentation alone")
    seed = SOURCES[0]
    start = time.perf_counter()
    for _ in range(10):
        draft_turtle(extract(seed, reference=reference), reference)
    each = (time.perf_counter() - start) / 10
    print(f"one communiqué ({seed.name}, {seed.stat().st_size / 1000:.1f} kB), extraction + Turtle draft: {each * 1000:.0f} ms")


if __name__ == "__main__":
    main()
