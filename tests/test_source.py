"""Where the graph comes from is decided in one place (`govgraph.source`), with one set of options."""

import argparse
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

import govgraph
from govgraph import derived, loading, paths, publish
from govgraph.building import write_store
from govgraph.cli import build_parser
from govgraph.commands.options import ENVIRONMENT
from govgraph.errors import InputError
from govgraph.source import STORE_ENV, GraphSource
from tests.conftest import FIXTURES, run_cli

pytest_plugins = ["tests.servers"]

NETWORK = FIXTURES / "network"
SRC = Path(__file__).parents[1] / "src" / "govgraph"


def as_set(quads: list[ox.Quad]) -> set[ox.Quad]:
    return set(quads)


@pytest.fixture(scope="module")
def network_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store holding the ontology and the network fixture (not the seed: counts tell them apart)."""
    location = tmp_path_factory.mktemp("network") / "store"
    write_store(GraphSource.from_files([NETWORK]).quads(), location)
    return location


# -- the sources ------------------------------------------------------------------------------
def test_files_bring_the_ontology_once():
    files = GraphSource.from_files([NETWORK, paths.ONTOLOGY_FILE]).files()
    assert files[0] == paths.ONTOLOGY_FILE
    assert [f.resolve() for f in files].count(paths.ONTOLOGY_FILE.resolve()) == 1


def test_a_store_a_build_and_data_in_memory_read_the_same_quads(network_store: Path, tmp_path: Path):
    quads = GraphSource.from_files([NETWORK]).oxigraph().quads_for_pattern(None, None, None, None)
    expected = as_set(quads)
    build_file = tmp_path / "graph.nq"
    build_file.write_bytes(ox.serialize(expected, format=ox.RdfFormat.N_QUADS))
    assert as_set(GraphSource.from_store(network_store).quads()) == expected
    assert as_set(GraphSource.from_build(build_file).quads()) == expected
    assert as_set(GraphSource.from_data(list(expected)).quads()) == expected
    dataset = loading.to_rdflib_dataset(expected)
    assert as_set(GraphSource.from_data(dataset).quads()) == expected


def test_a_missing_build_falls_back_to_the_data_only_when_asked(tmp_path: Path):
    missing = GraphSource.from_build(tmp_path / "none.nq")
    with pytest.raises(InputError, match="none.nq: no such file"):
        missing.quads()
    assert missing.or_fresh() == GraphSource.from_files()


def test_the_store_of_files_is_queried_through_the_store_interface():
    with GraphSource.from_files([NETWORK]).store() as store:
        table = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/govgraph/ontology#Forum> }")
    assert int(table.rows[0][0].toPython()) > 0


def test_publish_reads_the_source_it_is_given(network_store: Path, fresh_oxigraph_url: str):
    source = GraphSource.from_store(network_store)
    with GraphSource.from_endpoint(fresh_oxigraph_url).store() as server:
        outcome = publish(server, source)
        assert outcome.source == str(network_store)
        assert server.triple_count() - derived.size(server) == len(as_set(source.quads()))  # and the counts of them


def test_stats_count_the_same_in_files_a_store_folder_and_a_server(network_store: Path, fresh_oxigraph_url: str):
    """`govgraph stats` reads through the Store of whatever source the shared options name."""
    with GraphSource.from_endpoint(fresh_oxigraph_url).store() as server:
        publish(server, GraphSource.from_store(network_store))
    counted = {}
    for name, option, given in (
        ("files", "--input", NETWORK),
        ("store", "--store", network_store),
        ("endpoint", "--endpoint", fresh_oxigraph_url),
    ):
        done = run_cli("stats", "--format", "json", option, str(given))
        assert done.returncode == 0, done.stderr
        counted[name] = json.loads(done.stdout)
    assert counted["endpoint"] == counted["store"] == counted["files"]
    assert counted["endpoint"]["triples"] == len(as_set(GraphSource.from_store(network_store).quads()))
    assert counted["endpoint"]["forums"] > 0


# -- one option group -------------------------------------------------------------------------
def _option_help() -> dict[str, set[str]]:
    """Each source option's help text, across every command that has it."""
    found: dict[str, set[str]] = {}
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    for name, parser in subparsers.choices.items():
        for action in parser._actions:
            for flag in ("--input", "--store", "--endpoint", "--user", "--password", "--max-answer-mb"):
                # `app --endpoint` lists the servers the app may offer (repeatable): another option.
                if flag in action.option_strings and action.help != argparse.SUPPRESS and (name, flag) != ("app", "--endpoint"):
                    found.setdefault(flag, set()).add(action.help)
    return found


def test_each_source_option_is_declared_once():
    helps = _option_help()
    assert set(helps) >= {"--input", "--store", "--endpoint"}
    assert {flag: len(texts) for flag, texts in helps.items()} == {flag: 1 for flag in helps}


def test_the_store_package_holds_no_command_line_code():
    assert [p.name for p in (SRC / "store").glob("*.py") if "argparse" in p.read_text(encoding="utf-8")] == []


def test_stores_are_opened_read_only_in_one_place():
    # Reading a store folder, directly or through the query worker: nowhere else decides it.
    readers = sorted(p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py") if "read_only(" in p.read_text(encoding="utf-8"))
    assert readers == ["source.py", "store/worker.py"]


def test_stores_are_made_in_one_place():
    """Outside the store package, only `govgraph.source` makes an embedded or remote store; everything else asks it."""
    makers = sorted(
        p.relative_to(SRC).as_posix()
        for p in SRC.rglob("*.py")
        if p.parent.name != "store" and re.search(r"\b(EmbeddedStore|RemoteStore)\(", p.read_text(encoding="utf-8"))
    )
    assert makers == ["source.py"]


def test_open_store_reads_the_store_the_commands_read(network_store: Path, monkeypatch: pytest.MonkeyPatch):
    """`govgraph.open_store()` and the CLI take the same default: $GOVGRAPH_STORE, else build/store."""
    monkeypatch.setenv(STORE_ENV, str(network_store))
    with govgraph.open_store() as store:
        assert store.triple_count() == len(as_set(GraphSource.from_store(network_store).quads()))


def test_the_environment_names_the_store(network_store: Path, monkeypatch: pytest.MonkeyPatch):
    explicit = run_cli("query", "statements-per-forum", "--format", "csv", "--store", str(network_store))
    assert explicit.returncode == 0, explicit.stderr
    monkeypatch.setenv(STORE_ENV, str(network_store))
    stats = run_cli("stats", "--format", "json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["triples"] == len(as_set(GraphSource.from_store(network_store).quads()))
    assert run_cli("query", "statements-per-forum", "--format", "csv").stdout == explicit.stdout


def test_the_environment_names_the_endpoint(network_store: Path, fresh_oxigraph_url: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(ENVIRONMENT["endpoint"], fresh_oxigraph_url)
    published = run_cli("publish")
    assert published.returncode == 0, published.stderr
    assert f"to {fresh_oxigraph_url}" in published.stdout
    from_env = run_cli("query", "statements-per-forum", "--format", "csv")
    monkeypatch.delenv(ENVIRONMENT["endpoint"])
    explicit = run_cli("query", "statements-per-forum", "--format", "csv", "--endpoint", fresh_oxigraph_url)
    assert from_env.returncode == explicit.returncode == 0, from_env.stderr
    assert from_env.stdout == explicit.stdout
    # An option on the command line wins over the environment.
    monkeypatch.setenv(ENVIRONMENT["endpoint"], "http://127.0.0.1:9/query")
    assert run_cli("query", "statements-per-forum", "--store", str(network_store)).returncode == 0


def test_two_sources_at_once_are_refused(network_store: Path):
    done = run_cli("network", "--input", str(NETWORK), "--store", str(network_store))
    assert done.returncode == 2
    assert "not allowed with argument" in done.stderr


def test_build_writes_the_store_with_store_out(project_copy: Path, tmp_path: Path):
    store = tmp_path / "elsewhere" / "store"
    done = run_cli("build", "--store-out", str(store), home=project_copy)
    assert done.returncode == 0, done.stderr
    assert (store / "CURRENT").is_file()
    old = tmp_path / "old" / "store"
    done = run_cli("build", "--store", str(old), home=project_copy)
    assert done.returncode == 0, done.stderr
    assert (old / "CURRENT").is_file()
    assert "deprecated; use --store-out" in done.stderr


def test_a_broken_build_file_is_named_in_one_line(tmp_path: Path):
    broken = tmp_path / "graph.nq"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    done = run_cli("stats", "--store", str(broken))
    assert done.returncode == 2
    assert done.stderr.startswith(f"govgraph: error: {broken}: N-Quads syntax error")
