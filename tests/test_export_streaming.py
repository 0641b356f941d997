"""Streaming writers: a file written piece by piece holds the same bytes as the whole document made at once."""

import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.export import FORMATS, rdf
from govgraph.export.canonical import canonical_quads
from govgraph.source import GraphSource

pytest_plugins = ["tests.conftest_export"]
from tests.conftest_export import NETWORK, TRICKY  # noqa: E402


@pytest.fixture(scope="module")
def quads() -> list[ox.Quad]:
    return canonical_quads(GraphSource.from_files([TRICKY, NETWORK]).quads())


@pytest.mark.parametrize("key", [key for key, fmt in FORMATS.items() if fmt.stream is not None])
def test_a_streamed_file_holds_the_bytes_of_the_whole_document(tmp_path: Path, quads: list[ox.Quad], key: str) -> None:
    fmt = FORMATS[key]
    assert fmt.stream is not None and fmt.writer is not None
    target = tmp_path / fmt.filename
    with target.open("wb") as handle:
        fmt.stream(quads, handle)
    assert target.read_bytes() == fmt.writer(quads) and target.stat().st_size > 0


@pytest.mark.parametrize("size", [1, 7, 4096])
@pytest.mark.parametrize(
    ("head", "order", "serialise"),
    [
        (
            rdf._trig_head,
            rdf._sort_trig_head,
            lambda q: ox.serialize(q, format=ox.RdfFormat.TRIG, prefixes=rdf._used_prefixes(q)),
        ),
        (
            rdf._xml_head,
            rdf._sort_xmlns,
            lambda q: ox.serialize([x.triple for x in q], format=ox.RdfFormat.RDF_XML, prefixes=rdf._used_prefixes(q)),
        ),
    ],
)
def test_a_head_split_across_writes_is_put_in_order_as_a_whole(quads: list[ox.Quad], size: int, head, order, serialise) -> None:
    whole = serialise(quads)
    out = io.BytesIO()
    held = rdf._HeadInOrder(out, head, order)
    for start in range(0, len(whole), size):  # a few bytes at a time, as a serialiser's small buffer would
        held.write(whole[start : start + size])
    held.finish()
    end = head(whole, True)
    assert out.getvalue() == order(whole[:end]) + whole[end:]
    assert out.getvalue() != whole  # the prefixes did need ordering, so the test shows something
