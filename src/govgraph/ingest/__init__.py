"""Ingest a new document: extract candidate statements with provenance into a reviewable
Turtle draft (`ingest_file`), show it for review (`review_table`, `draft_table`), correct it
(`Draft`), merge it (`merge_draft`)."""

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..progress import Progress, silent
from .draft import default_out, draft_turtle, write_draft, write_turtle
from .extract import EXTRACTOR_VERSION, ExtractedStatement, Extraction, ExtractionStream, extract, extract_stream
from .reading import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from .merge import MergeRefused, MergeResult, UnresolvedCandidates, merge_draft, validate_draft
    from .review import draft_table, review_rows, review_table
    from .revise import Draft, drafts

#: Review and merge names -> their module, imported on first use: `govgraph ingest` needs neither
#: (and they bring in validation).
_LATER = {
    **dict.fromkeys(["MergeRefused", "MergeResult", "UnresolvedCandidates", "merge_draft", "validate_draft"], "merge"),
    **dict.fromkeys(["draft_table", "review_rows", "review_table"], "review"),
    **dict.fromkeys(["Draft", "drafts"], "revise"),
}


def __getattr__(name: str) -> Any:
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_LATER[name]}"), name)


def ingest_file(
    path: Path | str,
    out: Path | str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress = silent,
    **metadata: Any,
) -> tuple[Extraction, Path]:
    """Extract `path` (at most `max_bytes` long) and write its draft (default
    data/drafts/<id>.ttl); returns both. Over the cap, or on any bad input, nothing is written."""
    extraction = extract(path, max_bytes=max_bytes, **metadata)
    return extraction, write_draft(extraction, Path(out) if out else None, progress=progress)


__all__ = [
    "DEFAULT_MAX_BYTES",
    "Draft",
    "EXTRACTOR_VERSION",
    "Extraction",
    "ExtractionStream",
    "ExtractedStatement",
    "MergeRefused",
    "MergeResult",
    "UnresolvedCandidates",
    "default_out",
    "draft_table",
    "draft_turtle",
    "drafts",
    "extract",
    "extract_stream",
    "ingest_file",
    "merge_draft",
    "review_rows",
    "review_table",
    "validate_draft",
    "write_draft",
    "write_turtle",
]
