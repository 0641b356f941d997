"""PDF input: a PDF made in the test is ingested through pypdf; the draft's offsets point into
the extracted text file, kept with the PDF's SHA-256; it merges like any other source."""

import hashlib
import subprocess
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import PROV

from govgraph.namespaces import DOC, GG
from tests.conftest import run_cli

LINES = [
    "G7 Statement on Trusted Connectivity",
    "1. We, the G7 Digital and Tech Ministers, met on 14 March 2024 in Verona.",
    "2. We will expand meaningful connectivity in low-income countries by the end of 2027.",
    "3. We recognise the essential role of the Internet Governance Forum.",
]


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with one line of Helvetica text per entry, its cross-reference table computed."""
    text = "BT /F1 11 Tf 14 TL 50 780 Td " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode("latin-1")),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli(*args, home=home, cwd=home)


def test_a_pdf_is_ingested_with_offsets_into_its_extracted_text(project_copy):
    pdf = project_copy / "statement.pdf"
    pdf.write_bytes(make_pdf(LINES))
    ingested = _cli(project_copy, "ingest", str(pdf), "--id", "trusted-connectivity", "--date", "2024-03-14")
    assert ingested.returncode == 0, ingested.stderr
    draft = project_copy / "data" / "drafts" / "trusted-connectivity.ttl"
    extracted = project_copy / "data" / "drafts" / "trusted-connectivity.txt"
    text = extracted.read_text(encoding="utf-8")
    assert all(line in text for line in LINES)

    graph = Graph().parse(draft)
    document = DOC["trusted-connectivity"]
    assert str(graph.value(document, GG.sourceFile)) == "sources/trusted-connectivity.txt"
    assert str(graph.value(document, GG.sha256)) == hashlib.sha256(extracted.read_bytes()).hexdigest()
    extraction = graph.value(predicate=PROV.used, object=document)
    assert str(graph.value(extraction, GG.sha256)) == hashlib.sha256(pdf.read_bytes()).hexdigest()
    quotes = list(graph.subject_objects(GG.quote))
    assert len(quotes) >= 2
    for node, quote in quotes:
        start, end = int(graph.value(node, GG.startOffset)), int(graph.value(node, GG.endOffset))
        assert text[start:end] == str(quote)
    assert any(str(q).startswith("We will expand meaningful connectivity") for _, q in quotes)

    merged = _cli(project_copy, "merge", str(draft), "--keep-candidates")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert (project_copy / "data" / "sources" / "trusted-connectivity.txt").read_text(encoding="utf-8") == text


def test_a_broken_or_textless_pdf_is_one_clear_error(project_copy):
    broken = project_copy / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not a PDF body at all\n")
    failed = _cli(project_copy, "ingest", str(broken))
    assert failed.returncode == 2 and "broken.pdf: cannot be read as a PDF" in failed.stderr
    fake = project_copy / "fake.pdf"
    fake.write_text("We resolve to be a PDF.\n", encoding="utf-8")
    failed = _cli(project_copy, "ingest", str(fake))
    assert failed.returncode == 2 and "fake.pdf: not a PDF (it does not start with %PDF-)" in failed.stderr
    empty = project_copy / "empty.pdf"
    empty.write_bytes(make_pdf([]))
    failed = _cli(project_copy, "ingest", str(empty))
    assert failed.returncode == 2 and "empty.pdf: no text layer" in failed.stderr
    assert not (project_copy / "data" / "drafts").exists()
