"""`SpanIndex` finds exactly the overlapping spans a scan of all of them finds, in the order they were added,
with few spans (a plain scan) and many (buckets), and across the change from one to the other."""

from __future__ import annotations

import random

from govgraph.ingest.spans import BUCKET, SMALL, SpanIndex


def test_overlaps_are_those_of_a_full_scan_in_the_order_added() -> None:
    rng = random.Random(14)
    for count in (0, 1, SMALL, SMALL + 1, 10 * SMALL):
        index: SpanIndex[int] = SpanIndex()
        spans = []
        for number in range(count):
            start = rng.randrange(0, 8 * BUCKET)
            end = start + rng.choice([0, 1, 3, BUCKET - 1, BUCKET, 3 * BUCKET])
            spans.append((start, end))
            index.add(start, end, number)
            probe = rng.randrange(0, 8 * BUCKET)
            probe_end = probe + rng.choice([1, 5, 2 * BUCKET])
            assert index.overlapping(probe, probe_end) == [n for n, (s, e) in enumerate(spans) if s < probe_end and probe < e]
        for start in range(0, 9 * BUCKET, 7):
            for end in (start + 1, start + BUCKET // 2, start + 2 * BUCKET):
                assert index.overlapping(start, end) == [n for n, (s, e) in enumerate(spans) if s < end and start < e]
