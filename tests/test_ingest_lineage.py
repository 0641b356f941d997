"""Target dates and lineage clues, worked out by hand on short sentences."""

import pytest

from govgraph.ingest.lineage import candidate_names, lineage_clues, target_years
from govgraph.namespaces import GG


@pytest.mark.parametrize(
    "text, years",
    [
        ("We will review progress in 2025.", ["2025"]),
        ("The Presidency plans to host it in fall 2023.", ["2023"]),
        ("We pledge to finish by the end of 2024 and to report in early 2026.", ["2024", "2026"]),
        ("We welcome the IGF 2023 in Kyoto.", []),  # a year in a name is no target date
        ("We recall resolution 79/277 of 2025-03-27.", []),
    ],
)
def test_target_years(text, years):
    assert [year for year, _, _ in target_years(text)] == years


@pytest.mark.parametrize(
    "text, relation, name",
    [
        (
            "Building on the commitments of last year's summit communiqué, we pledge to act.",
            GG.buildsOn,
            "last year's summit communiqué",
        ),
        (
            "We reaffirm our commitments in the Takasaki Ministerial Declaration and will act.",
            GG.reaffirms,
            "Takasaki Ministerial Declaration",
        ),
        ("We reiterate our commitment made at the Hiroshima Summit.", GG.reaffirms, "Hiroshima Summit"),
        ("We will report, as agreed in the Tunis Agenda, on progress.", GG.reaffirms, "Tunis Agenda"),
    ],
)
def test_lineage_clues(text, relation, name):
    clues = lineage_clues(text)
    assert [(c.relation, c.name(text)) for c in clues] == [(relation, name)]


def test_no_lineage_in_a_plain_reaffirmation():
    assert lineage_clues("We also reaffirm our commitment to make the Internet a safe and secure place for everyone.") == []


def test_candidate_names_skip_known_spans_and_sentence_openers():
    text = "In particular, we thank the Global Partnership on Artificial Intelligence (GPAI) and the United Nations."
    known = [(text.index("United Nations"), text.index("United Nations") + len("United Nations"))]
    found = candidate_names(text, known)
    assert [(c.name, c.acronym) for c in found] == [("Global Partnership on Artificial Intelligence", "GPAI")]
