"""The on-disk store a build writes: filled from the N-Quads file in chunks, with the same quads."""

from pathlib import Path

import pyoxigraph as ox

from govgraph.building import bulk_load_nquads, write_store

EX = "http://example.org/"


def _nquads(count: int) -> bytes:
    """Sorted N-Quads: `count` plain quads, and one blank node with a line near each end of the file."""
    lines = [f'<{EX}s{i:04d}> <{EX}p> "value {i}" <{EX}g> .\n' for i in range(count)]
    lines += [f"<{EX}a> <{EX}first> _:shared <{EX}g> .\n", f"_:shared <{EX}second> <{EX}z> <{EX}g> .\n"]
    return "".join(sorted(lines)).encode()


def test_a_file_loaded_in_chunks_gives_every_quad_once(tmp_path: Path) -> None:
    source = tmp_path / "graph.nq"
    source.write_bytes(_nquads(500))
    store = ox.Store(str(tmp_path / "store"))
    bulk_load_nquads(store, source, chunk_bytes=1000)  # dozens of chunks
    expected = ox.Store()
    expected.load(source.read_bytes(), format=ox.RdfFormat.N_QUADS)
    assert len(store) == len(expected) == 502
    assert {q for q in store if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)} == {
        q for q in expected if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
    }


def test_a_blank_node_in_lines_of_two_chunks_stays_one_node(tmp_path: Path) -> None:
    source = tmp_path / "graph.nq"
    source.write_bytes(_nquads(500))
    store = ox.Store(str(tmp_path / "store"))
    bulk_load_nquads(store, source, chunk_bytes=1000)
    solutions = store.query(f"SELECT ?z WHERE {{ GRAPH ?g {{ <{EX}a> <{EX}first> ?b . ?b <{EX}second> ?z }} }}")
    assert isinstance(solutions, ox.QuerySolutions)
    answer = list(solutions)
    assert [row["z"] for row in answer] == [ox.NamedNode(f"{EX}z")]


def test_write_store_from_a_file_replaces_the_folder_with_those_quads(tmp_path: Path) -> None:
    source = tmp_path / "graph.nq"
    source.write_bytes(_nquads(20))
    target = tmp_path / "store"
    write_store(source, target)
    reopened = ox.Store.read_only(str(target))
    assert len(reopened) == 22
