"""The app's pages only lay out what `govgraph.explore` gives them: no RDF library, no SPARQL text.

Keeping queries in the library keeps them under the library's tests and its one query path.
"""

import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"
PAGES = sorted(APP.rglob("*.py"))
#: SPARQL keywords that open a query or a group: page code has no reason to spell them.
SPARQL_TEXT = re.compile(r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b[^\n]*\bWHERE\b|\bWHERE\s*\{|\bPREFIX\s+\w*:\s*<")


@pytest.mark.parametrize("page_file", PAGES, ids=lambda path: str(path.relative_to(APP)))
def test_page_holds_no_rdflib_and_no_sparql(page_file: Path) -> None:
    source = page_file.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import rdflib|from rdflib)", source, re.M), f"{page_file.name} imports rdflib"
    assert not SPARQL_TEXT.search(source), f"{page_file.name} holds SPARQL text"


def test_the_app_has_pages() -> None:
    assert len(PAGES) >= 7
