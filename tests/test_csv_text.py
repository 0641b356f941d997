"""The one CSV writer: what any CSV reader reads back is what was written."""

import csv
import io

import pytest

from govgraph import csv_text

TRICKY = ["plain", "", "a,b", 'say "yes"', "two\nlines", "carriage\rreturn", "crlf\r\nend", " spaced ", "é | ü"]


@pytest.mark.parametrize("line_end", ["\r\n", "\n"])
def test_every_value_reads_back_as_written(line_end: str) -> None:
    rows = [["id", "value"]] + [[str(number), value] for number, value in enumerate(TRICKY)]
    assert list(csv.reader(io.StringIO(csv_text.write(rows, line_end), newline=""))) == rows


def test_only_fields_that_need_it_are_quoted() -> None:
    assert csv_text.write([["a", "b c", "d,e", 'f"g']]) == 'a,b c,"d,e","f""g"\r\n'
