"""The app reads only the SPARQL endpoints its operator listed (`govgraph app --endpoint`, `--config`).

A shared link's `?endpoint=` may choose among them; any other URL is ignored with a warning and
never contacted. Each case runs the real app script in Streamlit's AppTest against a loopback
listener that records every request it gets.
"""

from __future__ import annotations

from html import unescape

import pytest

from govgraph.explore import endpoints
from govgraph.explore.launch import environment
from tests.app_fixtures import app_pages, ok
from tests.conftest import run_cli

pytest_plugins = ["tests.app_fixtures", "tests.servers", "tests.hardening.listeners"]

PAGES = app_pages()
IGF = "https://w3id.org/govgraph/id/forum/igf"


@pytest.mark.parametrize("page_name", PAGES)
def test_an_unlisted_endpoint_in_a_link_is_never_contacted(app_page, seed_store, listener, page_name):
    params = {"iri": IGF} if page_name == "entity" else {}
    at = ok(app_page(page_name, seed_store, endpoint=listener.url + "/sparql", allowed=[], **params))
    assert listener.requests == []
    assert any(listener.url in unescape(w.value) and "not contacted" in w.value for w in at.warning), [
        w.value for w in at.warning
    ]
    assert any("embedded store" in c.value for c in at.sidebar.caption)
    assert at.query_params.get("endpoint") in (None, [], [""])  # the link no longer carries it


def test_an_unlisted_endpoint_forced_into_the_session_is_never_contacted(app_page, seed_store, listener):
    at = app_page("overview", seed_store)
    at.session_state["endpoint"] = listener.url + "/sparql"
    ok(at)
    assert listener.requests == []


def test_the_sidebar_offers_only_the_embedded_store_and_the_listed_endpoints(app_page, seed_store, listener):
    listed = ["http://127.0.0.1:9/one/query", "http://127.0.0.1:9/two/sparql"]
    at = ok(app_page("quality", seed_store, allowed=listed))
    choice = at.sidebar.selectbox(key="endpoint")
    assert choice.options == ["embedded store", *listed]
    assert not at.sidebar.text_input  # nowhere to type a URL


@pytest.mark.server
def test_a_link_chooses_among_the_listed_endpoints(app_page, seed_store, fresh_oxigraph_url, listener):
    from govgraph import loading
    from govgraph.source import open_store

    open_store(fresh_oxigraph_url).publish(loading.load_store())
    at = ok(app_page("overview", seed_store, allowed=[listener.url + "/sparql", fresh_oxigraph_url], endpoint=fresh_oxigraph_url))
    assert {m.label: m.value for m in at.metric}["Commitments"] == "13"
    assert any(fresh_oxigraph_url in unescape(c.value) for c in at.sidebar.caption)
    assert listener.requests == []  # listed, but not chosen


def test_endpoints_come_from_the_command_line_and_a_config_file(tmp_path):
    config = tmp_path / "app.toml"
    config.write_text('endpoints = ["http://127.0.0.1:7878/query", "https://example.org/sparql"]\n', encoding="utf-8")
    listed = endpoints.allowed(["http://127.0.0.1:8890/sparql", "http://127.0.0.1:7878/query"], config)
    assert listed == ["http://127.0.0.1:8890/sparql", "http://127.0.0.1:7878/query", "https://example.org/sparql"]
    assert endpoints.from_environment(environment(listed)) == listed


@pytest.mark.parametrize(
    "args, says",
    [
        (["--endpoint", "file:///etc/passwd"], "http"),
        (["--endpoint", "http://"], "http"),
        (["--config", "{tmp}/missing.toml"], "missing.toml"),
        (["--config", "{tmp}/bad.toml"], "bad.toml"),
        (["--config", "{tmp}/other.toml"], "other.toml"),
    ],
)
def test_bad_endpoints_or_config_stop_the_command_with_one_line(tmp_path, args, says):
    (tmp_path / "bad.toml").write_text("endpoints = [", encoding="utf-8")
    (tmp_path / "other.toml").write_text('endpoint = "http://127.0.0.1:1/q"\n', encoding="utf-8")
    result = run_cli("app", "--port", "1", *[a.format(tmp=tmp_path) for a in args], timeout=60)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and says in result.stderr


def test_links_keep_the_embedded_store_when_endpoints_are_listed(app_page, seed_store):
    """With endpoints listed, the embedded store is no longer where sessions start: links must say so."""
    listed = ["http://127.0.0.1:9/query"]
    at = app_page("entity", seed_store, allowed=listed, iri=IGF)
    at.query_params["endpoint"] = ""
    ok(at)
    assert at.sidebar.selectbox(key="endpoint").value == ""
    assert at.title[0].value == "Internet Governance Forum"
    assert "entity?endpoint=&amp;iri=" in "\n".join(str(m.value) for m in at.markdown)
