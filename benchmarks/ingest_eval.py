"""Precision and recall of `govgraph ingest` per field, over every hand-labelled fixture and the seed.

The corpus: the documents under tests/fixtures/ingest-eval/ and tests/fixtures/ingest/, each with
its labels written by hand in <fixture>.expected.json, and the seed (Annex 4) against its curated
statements in data/statements/. Statements match by their exact quote; every other field is
scored on the statements of each document, so a statement missed or split wrongly costs its
act, speaker, entities, dates and lineage too. "wrong lineage" counts lineage links the
extractor made that the labels do not have: the goal is zero.

Usage: PYTHONPATH=src python benchmarks/ingest_eval.py [--misses]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from govgraph.errors import GovgraphError  # noqa: E402
from govgraph.ingest import extract  # noqa: E402
from tests.ingest_scoring import FIELDS, Score, cases, labels_of, tally  # noqa: E402

#: The goals of issue 11, per field: (precision, recall).
GOALS = {"commitments": (0.95, 0.95), "entities": (0.95, 0.90)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every miss and extra")
    options = parser.parse_args()
    overall: dict[str, Score] = {}
    per_document: list[tuple[str, dict[str, Score]]] = []
    for case in cases():
        try:
            got = labels_of(extract(case.source, **case.args))
        except GovgraphError as error:  # e.g. a speaker the reference data lacks: nothing found
            print(f"{case.name}: {error}")
            got = []
        scores: dict[str, Score] = {}
        tally(case.expected, got, scores)
        tally(case.expected, got, overall)
        per_document.append((case.name, scores))
    print(f"{'document':<40} {'statements':>11} {'commitments':>12} {'entities':>10} {'lineage':>9}   (F1)")
    for name, scores in per_document:
        print(
            f"{name:<40} "
            + " ".join(
                f"{_f1(scores[f]):>{w}.2f}" for f, w in zip(("statements", "commitments", "entities", "lineage"), (11, 12, 10, 9))
            )
        )
    print(f"\nall {len(per_document)} documents:")
    print(f"  {'field':<12} {'precision':>9} {'recall':>7}   found / expected / right")
    for field in FIELDS:
        s = overall[field]
        goal = GOALS.get(field)
        note = f"   goal P>={goal[0]:.2f} R>={goal[1]:.2f}" if goal else ""
        print(f"  {field:<12} {s.precision:>9.3f} {s.recall:>7.3f}   {s.found:>5} / {s.expected:>5} / {s.true_positive:>5}{note}")
    print(f"  wrong lineage links: {overall['lineage'].found - overall['lineage'].true_positive} (goal 0)")
    if options.misses:
        for field in FIELDS:
            for miss in overall[field].misses:
                print(f"  {field} missed: {miss}")
            for extra in overall[field].extras:
                print(f"  {field} extra:  {extra}")


def _f1(score: Score) -> float:
    p, r = score.precision, score.recall
    return 2 * p * r / (p + r) if p + r else 0.0


if __name__ == "__main__":
    main()
