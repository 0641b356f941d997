"""Idempotence, injection safety and bad input for `govgraph ingest`."""

import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from govgraph.errors import InputError
from govgraph.ingest import extract, ingest_file
from govgraph.namespaces import GG, STMT
from tests.conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _cli(*args: str, hash_seed: str = "0", cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_cli(*args, cwd=cwd, env={"PYTHONHASHSEED": hash_seed, **(env or {})})


def test_ingesting_twice_gives_the_same_bytes_and_iris(tmp_path):
    """Two processes with different hash seeds write byte-identical drafts."""
    source = FIXTURES / "g7-2023-ict-fixture.txt"
    first, second = tmp_path / "a" / "draft.ttl", tmp_path / "b" / "draft.ttl"
    for out, seed in ((first, "1"), (second, "2")):
        result = _cli("ingest", str(source), "--date", "2023-10-14", "--out", str(out), hash_seed=seed)
        assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()
    iris = {s for s in Graph().parse(first).subjects(GG.quote, None)}
    assert STMT["g7-2023-ict-fixture-p4-s1"] in iris and STMT["g7-2023-ict-fixture-p1-s2-c2"] in iris


INJECTION = (
    'We commit to publish the text """ ; gg:madeBy <http://evil.example/x> . } '
    'INSERT DATA { <http://evil.example/s> <http://evil.example/p> "o" } ; DROP ALL ; '
    "<script>alert(1)</script> @prefix evil: <http://evil.example/> . by the end of 2024.\n"
    'We welcome the text \\" \' \\u0022 "@en . <http://evil.example/a> a gg:Commitment .\n'
)


def test_text_that_looks_like_turtle_or_sparql_stays_a_literal(tmp_path):
    source = tmp_path / "injection.txt"
    source.write_text(INJECTION, encoding="utf-8")
    extraction, out = ingest_file(source, out=tmp_path / "drafts" / "injection.ttl")
    graph = Graph().parse(out)
    assert len(extraction.statements) == 2
    quotes = sorted(str(q) for q in graph.objects(None, GG.quote))
    assert quotes == sorted(s.quote for s in extraction.statements)
    assert quotes[0].startswith('We commit to publish the text """ ; gg:madeBy')
    for term in {t for triple in graph for t in triple}:
        assert "evil.example" not in str(term) or isinstance(term, Literal), term
    assert len(set(graph.subjects(GG.quote, None))) == 2
    assert (None, None, URIRef("http://evil.example/x")) not in graph


def test_every_character_of_a_quote_survives_rdflib_and_pyoxigraph(tmp_path):
    """The draft's own Turtle writer escapes what must be escaped, for both parsers."""
    import pyoxigraph

    awkward = 'We commit to \\u0022 and \\ and " and \t tabs, \x0b\x7f controls, \u00e9, \u4e2d and \U0001f600 in 2025.'
    triple = "We will publish '''quoted''' text \"\"\" in full by 2026."
    source = tmp_path / "awkward.txt"
    source.write_text(f"{awkward}\n{triple}\n", encoding="utf-8")
    extraction, out = ingest_file(source, out=tmp_path / "drafts" / "awkward.ttl")
    expected = sorted(s.quote for s in extraction.statements)
    assert expected == sorted([awkward, triple])
    assert sorted(str(q) for q in Graph().parse(out).objects(None, GG.quote)) == expected
    parsed = pyoxigraph.parse(path=str(out), format=pyoxigraph.RdfFormat.TURTLE)
    assert sorted(q.object.value for q in parsed if q.predicate.value == str(GG.quote)) == expected


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n\t\n", "empty"),
        ("latin1.txt", "We commit to caf\u00e9s.".encode("latin-1"), "not UTF-8"),
        ("controls.txt", bytes(range(1, 9)) * 40, "binary"),
        ("menu.html", b"<nav>Home | About | Search</nav><footer>copyright 2024</footer>", "no body paragraphs"),
        ("slides.pdf", b"%PDF-1.7", "cannot be read as a PDF"),
        ("slides.odp", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_bad_input_names_the_file_and_writes_nothing(tmp_path, name, content, message):
    source = tmp_path / name
    source.write_bytes(content)
    out_dir = tmp_path / "drafts"
    out_dir.mkdir()
    (out_dir / "keep.ttl").write_text("# an earlier draft\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        ingest_file(source, out=out_dir / "bad.ttl")
    assert str(source) in str(raised.value) and message in str(raised.value)
    assert sorted(p.name for p in out_dir.iterdir()) == ["keep.ttl"]
    result = _cli("ingest", str(source), "--out", str(out_dir / "bad.ttl"))
    assert result.returncode == 2
    assert result.stderr.startswith("govgraph: error: ") and name in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in out_dir.iterdir()) == ["keep.ttl"]


def test_an_unreadable_path_is_one_line(tmp_path):
    (tmp_path / "loop-a.txt").symlink_to(tmp_path / "loop-b.txt")
    (tmp_path / "loop-b.txt").symlink_to(tmp_path / "loop-a.txt")
    out = tmp_path / "drafts" / "loop.ttl"
    result = _cli("ingest", str(tmp_path / "loop-a.txt"), "--out", str(out))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "loop-a.txt" in result.stderr
    assert not out.parent.exists()


def test_undecodable_input_reports_the_line(tmp_path):
    source = tmp_path / "mixed.txt"
    source.write_bytes("We commit to a.\nWe welcome b.\nWe pledge caf\u00e9.\n".encode("latin-1"))
    with pytest.raises(InputError) as raised:
        extract(source)
    assert raised.value.line == 3


def test_bad_metadata_is_refused_before_writing(tmp_path):
    out = tmp_path / "d.ttl"
    result = _cli("ingest", str(FIXTURES / "g7-2023-ict-fixture.txt"), "--part-of", "no-such-document", "--out", str(out))
    assert result.returncode == 2 and "--part-of" in result.stderr and not out.exists()
    result = _cli("ingest", str(FIXTURES / "g7-2023-ict-fixture.txt"), "--date", "October 2023", "--out", str(out))
    assert result.returncode == 2 and "--date" in result.stderr and not out.exists()
    for option, value in [("--publisher", "https://example.org/a b>"), ("--part-of", "doc:a b"), ("--speaker", 'actor:x"y')]:
        result = _cli("ingest", str(FIXTURES / "g7-2023-ict-fixture.txt"), option, value, "--out", str(out))
        assert result.returncode == 2 and option in result.stderr and "Traceback" not in result.stderr and not out.exists()


def test_report_prints_a_review_table(tmp_path):
    result = _cli(
        "ingest", str(FIXTURES / "g7-2023-ict-fixture.txt"), "--date", "2023-10-14", "--report", "--out", str(tmp_path / "d.ttl")
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["para", "clause", "act", "commit?", "conf", "entities", "quote", "why"]
    condemn = next(line for line in lines if " condemn " in line)
    assert condemn.split()[:5] == ["2", "1.1", "condemn", "no", "0.90"]
    assert "?hiroshima-ai-process" in result.stdout  # the African Union is now reference data
    assert "10 statements (5 commitments) in 5 paragraphs" in result.stdout


def test_speaker_names_who_we_are(tmp_path):
    source = tmp_path / "eu.txt"
    source.write_text("We, the European Union, pledge to fund connectivity in African countries by 2027.\n", encoding="utf-8")
    statement = extract(source, speaker="European Union").statements[0]
    assert [str(m) for m in statement.made_by] == ["https://w3id.org/govgraph/id/actor/european-union"]
    assert statement.years == ["2027"] and statement.commitment
    with pytest.raises(InputError, match="--speaker"):
        extract(source, speaker="Atlantis")
