"""Ingest a new document: extract candidate statements with provenance into a reviewable
Turtle draft (`ingest_file`), show it for review (`review_table`), merge it (`merge_draft`)."""

from pathlib import Path

from .draft import default_out, draft_graph, serialise, write_draft
from .extract import EXTRACTOR_VERSION, Extraction, ExtractedStatement, extract
from .merge import MergeRefused, MergeResult, merge_draft, validate_draft
from .review import review_rows, review_table


def ingest_file(path: Path | str, out: Path | str | None = None, **metadata) -> tuple[Extraction, Path]:
    """Extract `path` and write its draft (default data/drafts/<id>.ttl); returns both."""
    extraction = extract(path, **metadata)
    return extraction, write_draft(extraction, Path(out) if out else None)


__all__ = [
    "EXTRACTOR_VERSION",
    "Extraction",
    "ExtractedStatement",
    "MergeRefused",
    "MergeResult",
    "default_out",
    "draft_graph",
    "extract",
    "ingest_file",
    "merge_draft",
    "review_rows",
    "review_table",
    "serialise",
    "validate_draft",
    "write_draft",
]
