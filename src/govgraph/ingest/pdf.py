"""The text layer of a PDF, through pypdf: what a PDF source's offsets count into.

The text is extracted once, page after page (a blank line between pages, trailing spaces
dropped), and kept as the cited source file, `sources/<id>.txt`; the PDF's own SHA-256 stays in
the draft's extraction record. A PDF without a text layer (a scan) is refused: there is nothing
to quote.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import InputError

MAGIC = b"%PDF-"


def pdf_text(path: Path, data: bytes) -> str:
    """The text of the PDF `data` (read from `path`, named in errors)."""
    if not data.startswith(MAGIC):
        raise InputError(path, "not a PDF (it does not start with %PDF-)")
    from pypdf import PdfReader  # imported here: only PDF input needs it
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise InputError(path, "the PDF is encrypted; decrypt it first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise InputError(
            path, f"cannot be read as a PDF ({' '.join(str(error).split())[:120] or type(error).__name__})"
        ) from None
    text = "\n\n".join("\n".join(line.rstrip() for line in page.splitlines()).strip("\n") for page in pages).strip()
    if not text:
        raise InputError(path, "no text layer (a scanned PDF?): nothing to quote")
    return text + "\n"
