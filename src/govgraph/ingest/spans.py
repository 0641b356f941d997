"""Find the spans that overlap a span without comparing it with every other span of the text.

A sentence may name thousands of things (a list with no full stop); checking each new name
against all the names kept so far made linking and candidate finding grow with the square of
the sentence. Names are short, so once there are more than a few, spans are filed in fixed-width
buckets of positions.
"""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")

#: Characters a bucket covers: a few words, so that a name lies in one or two buckets.
BUCKET = 64
#: Up to this many items a plain scan is quicker than buckets (most clauses name a few things).
SMALL = 16


class SpanIndex(Generic[T]):
    """Items with a span [start, end) of text positions, looked up by overlap."""

    def __init__(self) -> None:
        self._items: list[tuple[int, int, T]] = []
        self._buckets: dict[int, list[tuple[int, int, int, T]]] | None = None

    def add(self, start: int, end: int, item: T) -> None:
        self._items.append((start, end, item))
        if self._buckets is not None:
            _file(self._buckets, len(self._items) - 1, start, end, item)
        elif len(self._items) > SMALL:
            self._buckets = {}
            for added, (s, e, each) in enumerate(self._items):
                _file(self._buckets, added, s, e, each)

    def overlapping(self, start: int, end: int) -> list[T]:
        """Every item whose span shares a position with [start, end) (``s < end and start < e``),
        in the order the items were added."""
        if self._buckets is None:
            return [item for s, e, item in self._items if s < end and start < e]
        found: dict[int, T] = {}
        for bucket in _buckets(start, end):
            for added, s, e, item in self._buckets.get(bucket, ()):
                if s < end and start < e:
                    found[added] = item
        return [found[added] for added in sorted(found)]


def _file(buckets: dict[int, list[tuple[int, int, int, T]]], added: int, start: int, end: int, item: T) -> None:
    for bucket in _buckets(start, end):
        buckets.setdefault(bucket, []).append((added, start, end, item))


def _buckets(start: int, end: int) -> range:
    return range(start // BUCKET, max(end - 1, start) // BUCKET + 1)
