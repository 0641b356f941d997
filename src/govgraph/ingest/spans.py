"""Find the spans that overlap a span without comparing it with every other span of the text.

A sentence may name thousands of things (a list with no full stop); checking each new name
against all the names kept so far made linking and candidate finding grow with the square of
the sentence. Names are short, so spans are filed in fixed-width buckets of positions.
"""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")

#: Characters a bucket covers: a few words, so that a name lies in one or two buckets.
BUCKET = 64


class SpanIndex(Generic[T]):
    """Items with a span [start, end) of text positions, looked up by overlap."""

    def __init__(self) -> None:
        self._buckets: dict[int, list[tuple[int, int, int, T]]] = {}
        self._added = 0

    def add(self, start: int, end: int, item: T) -> None:
        entry = (self._added, start, end, item)
        self._added += 1
        for bucket in _buckets(start, end):
            self._buckets.setdefault(bucket, []).append(entry)

    def overlapping(self, start: int, end: int) -> list[T]:
        """Every item whose span shares a position with [start, end) (``s < end and start < e``),
        in the order the items were added."""
        found: dict[int, T] = {}
        for bucket in _buckets(start, end):
            for added, s, e, item in self._buckets.get(bucket, ()):
                if s < end and start < e:
                    found[added] = item
        return [found[added] for added in sorted(found)]


def _buckets(start: int, end: int) -> range:
    return range(start // BUCKET, max(end - 1, start) // BUCKET + 1)
