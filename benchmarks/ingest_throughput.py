"""Throughput of `govgraph ingest` on about 1 MB of communiqué text, beside a baseline.

Builds a large text file of real paragraphs with varied numbers (`stage_ingest.corpus`), then
times in one run:
  * baseline: pysbd sentence segmentation alone over the same body paragraphs;
  * ours (rules): the full extractor (reading, chrome stripping, paragraphs, sentences,
    acts and clauses, entity linking, dates, lineage, candidates) with the rule splitter;
  * ours (pysbd): the full extractor with pysbd as the sentence splitter;
  * draft: writing that extraction as Turtle (govgraph's streaming writer).

Usage: PYTHONPATH=src python benchmarks/ingest_throughput.py [--mb 1.0]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from govgraph.ingest import draft_turtle, extract  # noqa: E402
from govgraph.ingest.reading import read_source, render  # noqa: E402
from govgraph.ingest.reference import load_reference  # noqa: E402
from govgraph.ingest.segment import paragraphs, split_sentences_pysbd  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from stage_ingest import SEED, corpus  # noqa: E402 (the same text as the ingest stage)


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
    seed = SEED
    start = time.perf_counter()
    for _ in range(10):
        draft_turtle(extract(seed, reference=reference), reference)
    each = (time.perf_counter() - start) / 10
    print(f"one communiqué ({seed.name}, {seed.stat().st_size / 1000:.1f} kB), extraction + Turtle draft: {each * 1000:.0f} ms")


if __name__ == "__main__":
    main()
