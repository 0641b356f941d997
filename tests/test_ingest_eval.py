"""The evaluation corpus (tests/fixtures/ingest-eval/, the earlier fixtures and the seed) meets
the goals of issue 11, and every draft made from it conforms to the shapes.
benchmarks/ingest_eval.py prints the same scores field by field."""

import pytest

from govgraph.ingest import draft_turtle, extract, validate_draft

from .ingest_scoring import EVAL_DIRS, Score, cases, labels_of, tally

CASES = cases()


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    totals: dict[str, Score] = {}
    for case in CASES:
        tally(case.expected, labels_of(extract(case.source, **case.args)), totals)
    return totals


def test_commitments_are_found_and_decided(scores):
    assert scores["commitments"].precision >= 0.95 and scores["commitments"].recall >= 0.95, (
        scores["commitments"].misses + scores["commitments"].extras
    )


def test_entity_links_can_be_trusted(scores):
    assert scores["entities"].precision >= 0.95, scores["entities"].extras
    assert scores["entities"].recall >= 0.90, scores["entities"].misses


def test_no_wrong_lineage_link(scores):
    assert scores["lineage"].extras == []


@pytest.mark.parametrize("case", [c for c in CASES if c.source.parent in EVAL_DIRS[:2]], ids=lambda c: c.name)
def test_draft_of_each_evaluation_fixture_conforms(case, tmp_path):
    extraction = extract(case.source, **case.args)
    draft = tmp_path / f"{extraction.document.slug}.ttl"
    draft.write_text(draft_turtle(extraction), encoding="utf-8")
    report = validate_draft(draft)
    assert report.violations == []
