"""Paragraph finding: numbered paragraphs, continuations, bullets, preambles, chrome."""

from pathlib import Path

from govgraph.ingest.reading import is_chrome, read_source, render
from govgraph.ingest.segment import is_body, paragraphs

NUMBERED = """G7 Ministers' Statement
We, the ministers, met today and we welcome this opportunity to speak as one.
1. We commit to:
- promote open and interoperable standards;
- support capacity building in partner countries.
2. We welcome the report of the working group on data flows.
The report was presented by the chair of the working group today.
(3) We recognise the work of the OECD on digital security.
"""


def _paragraphs(tmp_path: Path, text: str, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    cited, blocks, _ = render(read_source(path))
    return cited, list(paragraphs(blocks))


def test_numbered_paragraphs_keep_their_numbers_and_absorb_bullets_and_continuations(tmp_path):
    cited, found = _paragraphs(tmp_path, NUMBERED)
    assert [p.number for p in found] == [1, 2, 3]
    one, two, three = found
    assert [cited[slice(*part.block.span(part.start, part.end))] for part in one.parts] == [
        "We commit to:",
        "promote open and interoperable standards;",
        "support capacity building in partner countries.",
    ]
    assert len(two.parts) == 2  # the unnumbered sentence after ¶2 belongs to ¶2
    start, end = three.span()
    assert cited[start:end] == "We recognise the work of the OECD on digital security."
    # The preamble before ¶1 has no number to cite, so it is left out.
    assert all("met today" not in cited[slice(*p.span())] for p in found)


def test_unnumbered_paragraphs_are_numbered_in_order(tmp_path):
    text = "Menu | Home | Search\nWe resolve to act on connectivity in every region now.\n[pdf]\nWe welcome the progress made by partners this year.\n"
    cited, found = _paragraphs(tmp_path, text)
    assert [(p.number, cited[slice(*p.span())]) for p in found] == [
        (1, "We resolve to act on connectivity in every region now."),
        (2, "We welcome the progress made by partners this year."),
    ]


def test_chrome_and_headings_are_not_body():
    for line in (
        "Summits | Meetings | Publications | Research | Search | Home |",
        "[pdf]",
        "— |",
        "All contents copyright © 2025. University of Toronto unless otherwise stated. All rights reserved.",
        "g7@utoronto.ca This page was last updated August 15, 2024. |",
        "Please send comments to:",
    ):
        assert is_chrome(line) or not is_body(line), line
    for heading in (
        "G7 Digital and Tech Track Annex 4:",
        "Takasaki, Gunma, April 30, 2023",
        "Annex 2: G7 Vision for Future Networks in the Beyond 5G/6G Era",
    ):
        assert not is_body(heading), heading
    assert is_body("We resolve to work together to identify priority fora for the joint promotion of the DFI.")


def test_bullet_points_carry_the_act_of_their_lead_in(tmp_path):
    from govgraph.ingest import extract

    path = tmp_path / "bullets.txt"
    path.write_text(NUMBERED, encoding="utf-8")
    statements = {str(s.iri).rsplit("-", 2)[-2] + "-" + str(s.iri).rsplit("-", 1)[-1]: s for s in extract(path).statements}
    assert [(k, s.kind, s.commitment, s.quote) for k, s in statements.items() if k.startswith("p1")] == [
        ("p1-s1", "commit", True, "We commit to:"),
        ("p1-s2", "commit", True, "promote open and interoperable standards;"),
        ("p1-s3", "commit", True, "support capacity building in partner countries."),
    ]
    assert statements["p1-s2"].confidence == statements["p1-s1"].confidence - 0.1
    assert (statements["p2-s1"].kind, statements["p3-s1"].kind) == ("welcome", "recognise")
    assert "p2-s2" not in statements  # "The report was presented…" performs no act


def test_windows_line_endings_and_a_byte_order_mark_keep_offsets_exact(tmp_path):
    from govgraph.ingest import extract

    path = tmp_path / "crlf.txt"
    path.write_bytes(
        "\ufeffMenu | A | B\r\n1. We resolve to act now on connectivity for all.\r\n"
        "2. We welcome the report, and we pledge to fund it in 2026.\r\n".encode("utf-8")
    )
    extraction = extract(path)
    assert [(s.kind, s.quote) for s in extraction.statements] == [
        ("resolve", "We resolve to act now on connectivity for all."),
        ("welcome", "We welcome the report,"),
        ("pledge", "and we pledge to fund it in 2026."),
    ]
    text = path.read_bytes().decode("utf-8")
    assert all(text[s.start : s.end] == s.quote for s in extraction.statements)
