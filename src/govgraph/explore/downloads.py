"""Results for a spreadsheet and for a reference list: CSV and Excel rows with names beside IRIs, and citations."""

from __future__ import annotations

import io
from datetime import date

from .. import csv_text
from .search import Hit
from .vocab import ROLES


def long_date(iso: str) -> str:
    """'2023-04-30' as '30 April 2023'; anything else (a year, no date) as it is."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def citation(hit: Hit) -> str:
    """A reference to the statement's place: who (date). Title [document], paragraph N. URL."""
    who = hit.document_creator or "Unknown author"
    when = long_date(hit.document_date) if hit.document_date else "n.d."
    title = hit.document_title or hit.document_label or "Untitled document"
    named = f" [{hit.document_label}]" if hit.document_title and hit.document_label else ""
    where = f", paragraph {hit.paragraph_number}" if hit.paragraph_number >= 0 else ""
    link = f" {hit.document_url}" if hit.document_url else ""
    return f"{who} ({when}). {title}{named}{where}.{link}"


def columns() -> list[str]:
    """The header of a results table: the statement, its source and citation, then each role's names and IRIs."""
    roles = list(ROLES.values())
    head = ["statement", "label", "commitment", "kind of act", "quote", "document", "document IRI", "document date"]
    head += ["paragraph", "source page", "citation"]
    for role in roles:
        head += [role, f"{role} IRI"]
    return head


def rows(hits: list[Hit]) -> list[list[str]]:
    """One row per statement under `columns()`; several entities in one role are joined with '; '."""
    table = []
    for hit in hits:
        row = [hit.iri, hit.label, "yes" if hit.commitment else "no", hit.act, hit.quote, hit.document_label, hit.document]
        row += [hit.document_date, hit.paragraph_label, hit.document_url, citation(hit)]
        for role in ROLES.values():
            named = [m for m in hit.mentions if m.role == role]
            row += ["; ".join(m.label for m in named), "; ".join(m.iri for m in named)]
        table.append(row)
    return table


def hits_csv(hits: list[Hit]) -> str:
    """The hits as CSV (RFC 4180 line ends)."""
    return csv_text.write([columns(), *rows(hits)])


def hits_xlsx(hits: list[Hit]) -> bytes:
    """The hits as an Excel workbook (openpyxl): the same columns as the CSV, the header frozen and bold."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "commitments"
    sheet.append(columns())
    for row in rows(hits):
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.data_type = "s"  # openpyxl reads a value starting with = as a formula: text from the data stays text
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
