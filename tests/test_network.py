"""Network analysis compared with values worked out by hand.

The fixture (tests/fixtures/network) models paragraphs 1 and 5 of Annex 4 by hand; the
comments below redo each metric from it. With the default settings (commitments only,
every mention role except the speaker gg:madeBy) the commitment–entity graph is:

    p1-s1    – dfi                      ("We resolve ... promotion of the DFI")
    p1-s2-c1 – dfi, igf, igf-2023       ("we seek ... promoting DFI ... at the UN IGF 2023 in Kyoto")
    p1-s2-c2 – msc                      ("commit to engage multi-stakeholder communities")
    p5-s1    – wsis-20, undc, 2025      ("We call for ... WSIS outcomes in 2025 (WSIS+20) ... UN processes ... digital cooperation")
    p5-s2    – msc, gdc, wsis-20        ("we pledge ... multi-stakeholder communities toward the GDC and the WSIS+20 Review")

(p5-s3-c2, "we welcome ... Japan's G7 Presidency", is not a commitment.) That is 13 nodes
and 11 edges in two trees: {p1-s1, dfi, p1-s2-c1, igf, igf-2023} and
{p1-s2-c2, msc, p5-s2, gdc, wsis-20, p5-s1, undc, 2025}.
"""

import networkx as nx
import pytest

from govgraph import network, paths
from govgraph.errors import GovgraphError
from govgraph.loading import load_store

pytest_plugins = ["tests.conftest_export"]
from tests.conftest import run_cli  # noqa: E402
from tests.conftest_export import NETWORK  # noqa: E402

ID = "https://w3id.org/govgraph/id/"


def short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def facts() -> network.Facts:
    return network.Facts(load_store([paths.ONTOLOGY_FILE, NETWORK]))


def values(rows: list[dict], column: str) -> dict[str, float]:
    return {short(row["id"]): row[column] for row in rows}


def test_bipartite_graph_has_the_hand_counted_shape(facts: network.Facts) -> None:
    graph = network.build_graph(facts, "commitment-entity")
    assert graph.number_of_nodes() == 13 and graph.number_of_edges() == 11
    assert nx.number_connected_components(graph) == 2
    assert graph.nodes[ID + "forum/wsis-20"] == {"label": "WSIS+20 Review", "kind": "forum", "kinds": "forum"}
    assert graph.nodes[ID + "statement/p5-s2"]["kind"] == "commitment"
    assert graph.nodes[ID + "year/2025"] == {"label": "2025", "kind": "instant", "kinds": "instant"}
    assert ID + "actor/japan-g7-presidency" not in graph  # named only by a welcome


def test_degree(facts: network.Facts) -> None:
    rows = network.degree(network.build_graph(facts, "commitment-entity"))
    degree = values(rows, "degree")
    # p1-s2-c1, p5-s1, p5-s2 name three entities each; dfi, msc and wsis-20 are named twice.
    assert {k: v for k, v in degree.items() if v > 1} == {
        "p1-s2-c1": 3,
        "p5-s1": 3,
        "p5-s2": 3,
        "dfi": 2,
        "multi-stakeholder-communities": 2,
        "wsis-20": 2,
    }
    assert values(rows, "centrality")["p5-s2"] == pytest.approx(3 / 12)  # degree / (n - 1)


def test_betweenness(facts: network.Facts) -> None:
    # In a tree, a node lies on the path of every pair split by it: the sum over pairs of its
    # branches of size_i * size_j. Normalised by (n-1)(n-2)/2 = 12*11/2 = 66.
    #   p5-s2:    branches {p1-s2-c2, msc}=2, {gdc}=1, {wsis-20, p5-s1, undc, 2025}=4 -> 2*1+2*4+1*4 = 14
    #   wsis-20:  {p5-s2, msc, p1-s2-c2, gdc}=4, {p5-s1, undc, 2025}=3             -> 12
    #   p5-s1:    {wsis-20 ...}=5, {undc}=1, {2025}=1                               -> 5+5+1 = 11
    #   msc:      {p1-s2-c2}=1, {p5-s2 ...}=6                                       -> 6
    #   p1-s2-c1: {dfi, p1-s1}=2, {igf}=1, {igf-2023}=1                             -> 2+2+1 = 5
    #   dfi:      {p1-s1}=1, {p1-s2-c1, igf, igf-2023}=3                            -> 3
    got = values(network.betweenness(network.build_graph(facts, "commitment-entity")), "betweenness")
    expected = {
        "p5-s2": 14 / 66,
        "wsis-20": 12 / 66,
        "p5-s1": 11 / 66,
        "multi-stakeholder-communities": 6 / 66,
        "p1-s2-c1": 5 / 66,
        "dfi": 3 / 66,
    }
    for node, value in expected.items():
        assert got[node] == pytest.approx(value, abs=1e-6)
    assert all(v == 0 for k, v in got.items() if k not in expected)


def test_eigenvector_on_co_mention(facts: network.Facts) -> None:
    # Co-mention: p1-s2-c1 makes the triangle dfi–igf–igf-2023; p5-s2 the triangle msc–gdc–wsis-20;
    # p5-s1 the triangle wsis-20–undc–2025. The last two share wsis-20: a "bowtie" (centre c,
    # four outer nodes o, each joined to c and to one other o). Its eigenvalue: λo = c + o and
    # λc = 4o, so λ² - λ - 4 = 0, λ = (1 + √17)/2 ≈ 2.5616 > 2 (the triangle's), so all weight
    # goes to the bowtie. With c = 4o/λ and c² + 4o² = 1: o = 1/√(16/λ² + 4) ≈ 0.394103,
    # c = 4o/λ ≈ 0.615412; the triangle's nodes get 0.
    lam = (1 + 17**0.5) / 2
    outer = 1 / (16 / lam**2 + 4) ** 0.5
    got = values(network.eigenvector(network.build_graph(facts, "co-mention")), "eigenvector")
    assert got["wsis-20"] == pytest.approx(4 * outer / lam, abs=1e-6)
    for node in ("multi-stakeholder-communities", "gdc", "un-digital-cooperation", "2025"):
        assert got[node] == pytest.approx(outer, abs=1e-6)
    for node in ("dfi", "igf", "igf-2023"):
        assert got[node] == pytest.approx(0, abs=1e-6)


def test_communities_on_co_mention(facts: network.Facts) -> None:
    # m = 9 edges. Keeping the bowtie whole: Q = (3/9 - (6/18)²) + (6/9 - (12/18)²) = 0.4444;
    # splitting it into {msc, gdc, wsis-20} and {undc, 2025}: Q = 0.2222 + (3/9 - (8/18)²)
    # + (1/9 - (4/18)²) = 0.4198. So the best partition is the triangle and the bowtie,
    # numbered by size: the bowtie (5) is community 1.
    got = values(network.communities(network.build_graph(facts, "co-mention")), "community")
    assert got == {
        "multi-stakeholder-communities": 1,
        "gdc": 1,
        "wsis-20": 1,
        "un-digital-cooperation": 1,
        "2025": 1,
        "dfi": 2,
        "igf": 2,
        "igf-2023": 2,
    }


def test_shortest_path_names_the_commitments_between(facts: network.Facts) -> None:
    # msc – p5-s2 – wsis-20 – p5-s1 – undc: the only path in the tree.
    graph = network.build_graph(facts, "commitment-entity")
    rows = network.shortest_path(
        graph, facts.resolve("multi-stakeholder communities"), facts.resolve("forum:un-digital-cooperation")
    )
    assert [short(r["id"]) for r in rows] == [
        "multi-stakeholder-communities",
        "p5-s2",
        "wsis-20",
        "p5-s1",
        "un-digital-cooperation",
    ]
    assert [r["label"] for r in rows if r["kind"] == "commitment"] == ["P5 S2: pledge", "P5 S1: call for"]
    with pytest.raises(GovgraphError, match="no path"):
        network.shortest_path(graph, facts.resolve("DFI"), facts.resolve("Global Digital Compact"))


def test_actor_forum_and_forum_initiative(facts: network.Facts) -> None:
    # With the speaker counted, the G7 (maker of every commitment) meets each forum its
    # commitments name: igf (p1-s2-c1), gdc (p5-s2), wsis-20 (p5-s1 and p5-s2: weight 2), undc (p5-s1).
    graph = network.build_graph(facts, "actor-forum", roles=network.ROLES)
    assert {
        (short(a), short(b)) if short(a) == "g7" else (short(b), short(a)): d["weight"] for a, b, d in graph.edges(data=True)
    } == {("g7", "igf"): 1, ("g7", "gdc"): 1, ("g7", "wsis-20"): 2, ("g7", "un-digital-cooperation"): 1}
    # Only p1-s2-c1 names a forum (igf) and an initiative (dfi) together.
    pairs = network.build_graph(facts, "forum-initiative")
    assert sorted(sorted(map(short, e)) for e in pairs.edges()) == [["dfi", "igf"]]


def test_all_statements_adds_the_welcome(facts: network.Facts) -> None:
    every = network.build_graph(network.Facts(load_store([paths.ONTOLOGY_FILE, NETWORK]), "all"), "commitment-entity")
    assert every.nodes[ID + "statement/p5-s3-c2"]["kind"] == "statement"
    assert ID + "actor/japan-g7-presidency" in every


def test_resolve_names(facts: network.Facts) -> None:
    assert facts.resolve("UN IGF") == facts.resolve("forum:igf") == ID + "forum/igf"
    with pytest.raises(GovgraphError, match="no resource"):
        facts.resolve("Nonexistent Forum")


def test_cli_table_csv_and_graphml(tmp_path) -> None:
    done = run_cli("network", "-i", str(NETWORK), "--metric", "betweenness", "--format", "csv")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "id,label,kind,betweenness"
    assert lines[1] == f"{ID}statement/p5-s2,P5 S2: pledge,commitment,0.212121"  # 14/66
    done = run_cli("network", "-i", str(NETWORK), "--metric", "path", "--from", "DFI", "--to", "IGF 2023")
    assert done.returncode == 0 and "stmt:p1-s2-c1" in done.stdout
    out = tmp_path / "g.graphml"
    assert (
        run_cli(
            "network",
            "-i",
            str(NETWORK),
            "--metric",
            "communities",
            "--projection",
            "co-mention",
            "--format",
            "graphml",
            "--out",
            str(out),
        ).returncode
        == 0
    )
    graph = nx.read_graphml(out)
    assert graph.nodes[ID + "forum/wsis-20"]["community"] == 1 and graph.number_of_edges() == 9
    # Written like the export's GraphML: nodes and edges in sorted order, so equal graphs give equal bytes.
    assert list(graph.nodes) == sorted(graph.nodes)
    assert list(graph.edges) == sorted(graph.edges)
    bad = run_cli("network", "-i", str(NETWORK), "--metric", "path", "--from", "DFI")
    assert bad.returncode == 2 and "needs --from and --to" in bad.stderr


# ---------------------------------------------------------------------------------------------
# The curated seed (data/statements/g7-2023-digital-annex4.ttl), read from the source text.
# Commitments (13): ¶1.1, ¶1.2 c1, ¶1.2 c2, ¶2.1, ¶2.3, ¶2.4, ¶3.2, ¶4.1, ¶4.2, ¶4.3, ¶5.1,
# ¶5.2, ¶5.3 c1; ¶2.2 (recognise), ¶3.1 (collaborate) and ¶5.3 c2 (welcome) are not.
# ---------------------------------------------------------------------------------------------

SEED = "https://w3id.org/govgraph/id/statement/g7-2023-digital-annex4-"


@pytest.fixture(scope="module")
def seed() -> network.Facts:
    return network.Facts(load_store())


def test_seed_degrees(seed: network.Facts) -> None:
    degree = values(network.degree(network.build_graph(seed, "commitment-entity")), "degree")
    # Multi-stakeholder Internet governance is what ¶1.2 c1 ("integrate a multi-stakeholder
    # approach"), ¶1.2 c2 ("engage multi-stakeholder communities"), ¶2.1 ("multi-stakeholder
    # engagement in relevant Internet governance bodies"), ¶4.2 ("a multi- stakeholder approach"),
    # ¶5.2 ("consultations with multi-stakeholder communities") and ¶5.3 c1 ("multi-stakeholder
    # events") are about: 6 commitments; ¶5.3 c2 is a welcome, not counted.
    assert degree["multistakeholder-internet-governance"] == 6
    # Multi-stakeholder communities: ¶1.2 c2, ¶5.2, ¶5.3 c1 ("This will include multi-stakeholder events").
    assert degree["multistakeholder-communities"] == 3
    # The DFI: ¶1.1 and ¶1.2 c1. The WSIS+20 review: ¶5.1 ("in 2025 (WSIS+20)") and ¶5.2.
    assert degree["dfi"] == 2 and degree["wsis20-review"] == 2
    # Internet freedom: the three sentences of ¶4.
    assert degree["internet-freedom"] == 3
    # ¶4.2 names four stakeholder groups ("like-minded countries, technical experts, civil
    # society organizations and the private sectors") and two themes: 6.
    assert degree["g7-2023-digital-annex4-p4-s2"] == 6
    # The PGII is named only by ¶3.1, which is not a commitment.
    assert "pgii" not in degree


def test_seed_path_from_the_dfi_to_the_freedom_online_coalition(seed: network.Facts) -> None:
    # The FOC is named only by ¶4.3, whose other entities (the Task Force, digital-rights
    # organisations, Internet freedom, Internet shutdowns) appear elsewhere only in ¶4.1/¶4.2.
    # The DFI's commitments (¶1.1, ¶1.2 c1) share none of those, so no path of length 4; ¶4.2
    # shares "multi-stakeholder Internet governance" with ¶1.2 c1 (not with ¶1.1), and ¶4.2
    # meets ¶4.3 only on Internet freedom. So the shortest path, and the only one, has length 6.
    graph = network.build_graph(seed, "commitment-entity")
    rows = network.shortest_path(graph, seed.resolve("DFI"), seed.resolve("Freedom Online Coalition"))
    assert [r["id"].removeprefix(SEED) for r in rows] == [
        ID + "initiative/dfi",
        "p1-s2-c1",
        ID + "theme/multistakeholder-internet-governance",
        "p4-s2",
        ID + "theme/internet-freedom",
        "p4-s3",
        ID + "forum/freedom-online-coalition",
    ]
    assert [r["label"] for r in rows if r["kind"] == "commitment"] == [
        "Annex 4 (2023) ¶1.2 clause 1",
        "Annex 4 (2023) ¶4.2",
        "Annex 4 (2023) ¶4.3",
    ]


def test_seed_forum_initiative(seed: network.Facts) -> None:
    # Only ¶1.2 c1 names a forum and an initiative together ("promoting DFI ... at the UN IGF
    # 2023"); the reference data adds the G7 (also a forum) leading the PGII and B3W.
    graph = network.build_graph(seed, "forum-initiative")
    edges = {tuple(sorted(map(short, e))) for e in graph.edges()}
    assert edges == {("dfi", "igf"), ("g7", "pgii"), ("b3w", "g7")}


def test_build_graph_takes_a_store_an_rdflib_graph_or_a_dataset() -> None:
    from govgraph.loading import load, to_rdflib_dataset

    store = load_store([paths.ONTOLOGY_FILE, NETWORK])
    from_store = network.build_graph(store, "co-mention")
    from_graph = network.build_graph(load([paths.ONTOLOGY_FILE, NETWORK]), "co-mention")
    from_dataset = network.build_graph(to_rdflib_dataset(store.quads_for_pattern(None, None, None, None)), "co-mention")
    for other in (from_graph, from_dataset):
        assert dict(other.nodes(data=True)) == dict(from_store.nodes(data=True))
        assert sorted(map(sorted, other.edges())) == sorted(map(sorted, from_store.edges()))
