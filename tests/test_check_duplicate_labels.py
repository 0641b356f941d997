"""The grouped duplicate-label check finds exactly the pairs the definition (every pair compared) finds.

The check groups labels by class first so that its cost grows with the graph, not with the
square of each class; this compares it with the plain pairwise definition on a seed copy that
holds many duplicates: three and four resources sharing a label, labels equal as text across
language tags, a resource of two classes, and the same label in different classes (no finding).
"""

from __future__ import annotations

import pyoxigraph as ox

from govgraph import queries
from tests.test_quality_checks import broken_store, run_check

pytest_plugins = ["tests.queries_stores"]  # seed_quads

PAIRWISE = """
PREFIX gg: <https://w3id.org/govgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?class ?first ?second ?label WHERE {
  ?first a ?class ; rdfs:label ?label .
  ?second a ?class ; rdfs:label ?secondLabel .
  FILTER (STRSTARTS(STR(?class), STR(gg:)) && STR(?first) < STR(?second) && STR(?label) = STR(?secondLabel))
}
ORDER BY STR(?class) STR(?first) STR(?second)
"""

DUPLICATES = """
group:young-people a gg:TargetGroup ; rdfs:label "youths"@en .
group:young-ones a gg:TargetGroup ; rdfs:label "youths"@fr .
forum:a a gg:Forum ; rdfs:label "Same forum"@en .
forum:b a gg:Forum ; rdfs:label "Same forum"@en .
forum:c a gg:Forum, gg:Initiative ; rdfs:label "Same forum"@en .
forum:d a gg:Forum ; rdfs:label "Same forum" .
initiative:x a gg:Initiative ; rdfs:label "Same forum"@en .
meeting:kyoto a gg:Meeting ; rdfs:label "Kyoto"@en .
"""


def test_grouped_check_finds_the_same_pairs_as_every_pair_compared(seed_quads: list[ox.Quad]) -> None:
    store = broken_store(seed_quads, [], DUPLICATES)
    check = next(c for c in queries.list_checks() if c.path.stem == "duplicate-label-within-class")
    found = run_check(store, check)
    expected = run_check(store, queries.SavedQuery("pairwise", check.path, "", "", (), PAIRWISE))
    # 3 pairs among the youths, 6 among the four forums, 1 among the two initiatives
    assert len(found) == 10
    assert sorted(found) == sorted(expected)
