"""The seed graph is faithful to Annex 4: every body sentence is there, verbatim, where the offsets say."""

import hashlib
import re

import pytest
from rdflib import Literal, URIRef

from govgraph import loading, paths
from govgraph.namespaces import DCTERMS, DOC, GG, RDF

SLUG = "g7-2023-digital-annex4"
SOURCE = paths.SOURCES_DIR / f"{SLUG}.txt"
TEXT = SOURCE.read_text(encoding="utf-8")
GRAPH = loading.load(paths.data_files())
DOCUMENT = DOC[SLUG]
STATEMENTS = sorted(GRAPH.subjects(DCTERMS.source, DOCUMENT))

# The five body paragraphs are the lines of the source that open with "We " (read off the file).
BODY = [line for line in TEXT.split("\n") if line.startswith("We ")]


def sentences(paragraph: str) -> list[str]:
    """Split a body paragraph into sentences at '. ' followed by a capital (no abbreviations occur)."""
    return re.split(r"(?<=\.) (?=[A-Z])", paragraph)


def normalise(text: str) -> str:
    return " ".join(text.split())


def test_five_body_paragraphs_with_sixteen_statements():
    assert len(BODY) == 5
    assert sum(len(sentences(p)) for p in BODY) == 14  # 3 + 4 + 2 + 3 + 3 sentences, counted by hand
    assert len(STATEMENTS) == 16  # two sentences carry two acts each


def test_source_file_hash_matches_the_document():
    assert GRAPH.value(DOCUMENT, GG.sha256) == Literal(hashlib.sha256(SOURCE.read_bytes()).hexdigest())
    assert GRAPH.value(DOCUMENT, GG.sourceFile) == Literal(f"sources/{SLUG}.txt")


@pytest.mark.parametrize("statement", STATEMENTS, ids=lambda s: s.split("/")[-1])
def test_quote_is_verbatim_at_its_offsets(statement):
    quote = str(GRAPH.value(statement, GG.quote))
    start, end = int(GRAPH.value(statement, GG.startOffset)), int(GRAPH.value(statement, GG.endOffset))
    assert TEXT[start:end] == quote
    assert normalise(quote) in normalise(TEXT)
    paragraph = GRAPH.value(statement, GG.inParagraph)
    number = int(GRAPH.value(paragraph, GG.number))
    assert quote in BODY[number - 1]


def test_paragraph_offsets_point_at_the_body_paragraphs():
    for number, body in enumerate(BODY, start=1):
        paragraph = URIRef(f"{DOC}{SLUG}-p{number}")
        start, end = int(GRAPH.value(paragraph, GG.startOffset)), int(GRAPH.value(paragraph, GG.endOffset))
        assert TEXT[start:end] == body


def test_every_body_sentence_is_covered_and_clauses_tile_it():
    spans = sorted((int(GRAPH.value(s, GG.startOffset)), int(GRAPH.value(s, GG.endOffset))) for s in STATEMENTS)
    for body in BODY:
        offset = TEXT.index(body)
        for sentence in sentences(body):
            s_start = offset + body.index(sentence)
            s_end = s_start + len(sentence)
            inside = [(a, b) for a, b in spans if s_start <= a and b <= s_end]
            assert inside, f"sentence not in the graph: {sentence!r}"
            assert inside[0][0] == s_start and inside[-1][1] == s_end, sentence
            gaps = [TEXT[b:a] for (_, b), (a, _) in zip(inside, inside[1:])]
            assert all(gap == " " for gap in gaps), (sentence, gaps)


def test_split_sentences_are_numbered_as_clauses():
    clauses = {str(s).rsplit("/", 1)[1] for s in STATEMENTS if int(GRAPH.value(s, GG.clause)) > 1}
    assert clauses == {f"{SLUG}-p1-s2-c2", f"{SLUG}-p5-s3-c2"}


def test_welcomes_and_recognitions_are_not_commitments():
    kinds = {str(GRAPH.value(s, GG.actKind)).rsplit("/", 1)[1]: s for s in STATEMENTS}
    for statement in STATEMENTS:
        kind = str(GRAPH.value(statement, GG.actKind)).rsplit("/", 1)[1]
        is_commitment = (statement, RDF.type, GG.Commitment) in GRAPH
        if kind in ("welcome", "recognise"):
            assert not is_commitment, statement
    assert kinds  # the act kinds are present


# What each sentence names, read off the source text by hand: a sample of the links.
NAMED = [
    ("p1-s1", GG.initiative, "initiative/dfi"),
    ("p1-s2-c1", GG.forum, "forum/igf"),
    ("p1-s2-c1", GG.meeting, "meeting/igf-2023"),
    ("p1-s2-c2", GG.stakeholder, "group/multistakeholder-communities"),
    ("p2-s1", GG.region, "region/developing-countries"),
    ("p2-s2", GG.targetGroup, "group/lgbtqi"),
    ("p2-s4", GG.targetGroup, "group/children"),
    ("p3-s1", GG.initiative, "initiative/pgii"),
    ("p3-s1", GG.initiative, "initiative/global-gateway"),
    ("p3-s2", GG.region, "region/african-countries"),
    ("p4-s1", GG.theme, "theme/digital-mass-surveillance"),
    ("p4-s2", GG.stakeholder, "group/civil-society-organisations"),
    ("p4-s3", GG.forum, "forum/foc-task-force-on-internet-shutdowns"),
    ("p5-s1", GG.targetTime, "year/2025"),
    ("p5-s2", GG.forum, "forum/global-digital-compact"),
    ("p5-s3-c2", GG.namedActor, "actor/japan-g7-presidency-2023"),
]


@pytest.mark.parametrize(("suffix", "prop", "target"), NAMED)
def test_statements_link_what_they_name(suffix, prop, target):
    statement = URIRef(f"https://w3id.org/govgraph/id/statement/{SLUG}-{suffix}")
    assert (statement, prop, URIRef(f"https://w3id.org/govgraph/id/{target}")) in GRAPH
