"""Every page of the explorer runs in Streamlit's AppTest without an exception and shows its key content.

The app reads a real embedded store (the seed) through GOVGRAPH_STORE, and, in the endpoint test,
a real Oxigraph server on 127.0.0.1 with the seed published to it.
"""

import re
from html import unescape

import pytest

from govgraph import loading
from govgraph.source import open_store
from tests.app_fixtures import app_pages, markdown, ok
from tests.conftest import cli_command, cli_environment

pytest_plugins = ["tests.app_fixtures", "tests.servers"]

ID = "https://w3id.org/govgraph/id/"
IGF = ID + "forum/igf"
IGF_CLAUSE = ID + "statement/g7-2023-digital-annex4-p1-s2-c1"
PAGES = app_pages()


@pytest.mark.parametrize("page_name", PAGES)
def test_every_page_runs(app_page, seed_store, page_name):
    at = ok(app_page(page_name, seed_store))
    assert at.title, f"{page_name} shows no title"


def test_overview_counts_and_validation(app_page, seed_store):
    at = ok(app_page("overview", seed_store))
    metrics = {m.label: m.value for m in at.metric}
    # 13 clauses of Annex 4 are typed gg:Commitment in data/statements (see data/README.md).
    assert metrics["Commitments"] == "13"
    assert set(metrics) >= {"Commitments", "Forums and processes", "Initiatives", "Actors", "Documents"}
    assert [h.value for h in at.subheader] == [
        "Commitments by forum",
        "Commitments by theme",
        "Commitments by kind of act",
        "Commitments by target year",
    ]
    assert any("follows every rule" in s.value for s in at.success)
    assert {m.label: m.value for m in at.metric}["Source documents"] == "1"  # Documents counts the cited ones too
    assert all(m.help for m in at.metric)  # each count says what it counts


def test_commitments_facet_narrows_to_the_igf_clause(app_page, seed_store):
    at = ok(app_page("commitments", seed_store))
    assert "13 commitments" in markdown(at)
    at.multiselect(key="commitments.facet.forum").set_value([IGF])
    ok(at)
    text = markdown(at)
    assert "1 commitment" in text
    assert "In particular, we seek ways" in text
    assert 'href="entity?iri=https%3A%2F%2Fw3id.org%2Fgovgraph%2Fid%2Fforum%2Figf"' in text


def test_commitments_search_and_permalink_facet(app_page, seed_store):
    at = ok(app_page("commitments", seed_store, year=ID + "year/2025"))
    text = markdown(at)
    assert "1 commitment" in text and "WSIS" in text
    at.text_input(key="commitments.words").set_value("Kyoto")
    assert "0 commitments" in markdown(ok(at))


def test_entity_page_by_permalink(app_page, seed_store):
    at = ok(app_page("entity", seed_store, iri=IGF))
    assert at.title[0].value == "Internet Governance Forum"
    text = markdown(at)
    assert "also known as" in text and "UN IGF" in text
    assert "In particular, we seek ways" in text  # the commitment that names it


def test_entity_page_of_a_statement_shows_its_paragraph(app_page, seed_store):
    at = ok(app_page("entity", seed_store, iri=IGF_CLAUSE))
    assert [s.value for s in at.subheader][0] == "The statement"
    assert any("We resolve to work together" in str(m.value) and "<mark>" in str(m.value) for m in at.markdown)


def test_entity_lookup_without_iri(app_page, seed_store):
    at = ok(app_page("entity", seed_store))
    at.text_input(key="entity.words").set_value("PGII")
    assert "Partnership for Global Infrastructure" in markdown(ok(at))


def test_workbench_runs_a_saved_question(app_page, seed_store):
    at = ok(app_page("workbench", seed_store))
    at.selectbox(key="workbench.question").set_value("commitments-by-forum")
    ok(at)
    assert at.selectbox(key="workbench.param.forum").value == IGF
    at.button(key="workbench.run").click()
    ok(at)
    frame = at.dataframe[0].value
    assert list(frame.columns) == ["commitment", "paragraph", "quote"]
    assert frame["commitment"].tolist() == ["Annex 4 (2023) ¶1.2 clause 1"]  # by name; the downloads hold the IRI
    assert at.query_params["question"] in ("commitments-by-forum", ["commitments-by-forum"])


def test_workbench_permalink_runs_the_query_and_charts_it(app_page, seed_store):
    query = "SELECT ?label (COUNT(?s) AS ?n) WHERE { ?s gg:actKind ?k . ?k rdfs:label ?label } GROUP BY ?label"
    at = ok(app_page("workbench", seed_store, q=query))
    assert at.text_area(key="workbench.query").value == query
    assert len(at.dataframe) == 1 and "n by label" in [s.value for s in at.subheader]


def test_workbench_refuses_updates(app_page, seed_store):
    at = ok(app_page("workbench", seed_store, q="DELETE WHERE { ?s ?p ?o }"))
    assert any("refused" in e.value for e in at.error)


def test_workbench_construct_gives_turtle_and_a_graph(app_page, seed_store):
    query = "CONSTRUCT { ?s gg:forum ?f . ?f rdfs:label ?l } WHERE { ?s gg:forum ?f . ?f rdfs:label ?l }"
    at = ok(app_page("workbench", seed_store, q=query))
    assert any("triples" in str(m.value) for m in at.markdown)


def test_network_metrics(app_page, seed_store):
    at = ok(app_page("network", seed_store))
    frame = at.dataframe[0].value
    assert {"name", "kind", "degree", "betweenness"} <= set(frame.columns)
    igf = frame[frame["name"] == "Internet Governance Forum"].iloc[0]
    assert igf["degree"] == 1  # one commitment names the IGF


def test_data_quality_page_in_plain_words(app_page, seed_store):
    at = ok(app_page("quality", seed_store))
    assert at.title[0].value == "Data quality"
    assert {m.label: m.value for m in at.metric}["Problems to fix"] == "0"
    # Every resource a finding is about is linked by its name, never as a prefixed IRI such as doc:a-res-79-277.
    linked = re.findall(r'class="gg-plain"[^>]*>([^<]*)</a>', markdown(at))
    assert linked and not [name for name in linked if re.match(r"^[a-z]+:[\w-]", name)], linked


def test_html_in_labels_renders_as_text(app_page, evil_store):
    at = ok(app_page("commitments", evil_store))
    at.text_input(key="commitments.words").set_value("evil")
    text = markdown(ok(at))
    assert "<script>window.__pwned=3</script>" in unescape(text)  # shown as text
    assert "<script>" not in text.replace("<style>", "") and "<img" not in text


@pytest.mark.server
def test_every_page_on_a_remote_endpoint(app_page, seed_store, fresh_oxigraph_url):
    open_store(fresh_oxigraph_url).publish(loading.load_store())
    for page in PAGES:
        params = {"iri": IGF} if page == "entity" else {}
        at = ok(app_page(page, seed_store, endpoint=fresh_oxigraph_url, **params))
        if page == "overview":
            assert {m.label: m.value for m in at.metric}["Commitments"] == "13"
        if page == "entity":
            assert at.title[0].value == "Internet Governance Forum"
        assert any(fresh_oxigraph_url in unescape(c.value) for c in at.caption)


def saved_names() -> list[str]:
    from govgraph import queries

    return [q.name for q in queries.list_queries()]


@pytest.mark.parametrize("name", saved_names())
def test_every_saved_question_runs_as_a_form(app_page, seed_store, name):
    at = ok(app_page("workbench", seed_store, question=name))
    # A permalink naming a question runs it with its defaults: a table, or a yes/no answer.
    assert at.dataframe or at.success or at.info, f"{name} showed no result"


def test_govgraph_app_builds_then_serves_on_loopback(tmp_path):
    """`govgraph app` on a machine without build/store builds it, then serves the app on 127.0.0.1."""
    import subprocess
    import time
    import urllib.request

    from tests.app_fixtures import free_port

    port = free_port()
    env = cli_environment(env={"GOVGRAPH_BUILD": str(tmp_path / "build")})
    env.pop("GOVGRAPH_STORE", None)
    process = subprocess.Popen(
        cli_command("app", "--port", str(port)), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None  # piped
    try:
        deadline, answer = time.monotonic() + 120, b""
        while time.monotonic() < deadline and process.poll() is None and answer != b"ok":
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    answer = response.read().strip()
            except OSError:
                time.sleep(0.3)
        assert answer == b"ok", process.stderr.read().decode() if process.poll() is not None else "no answer"
        assert (tmp_path / "build" / "store" / "CURRENT").is_file()
    finally:
        process.terminate()  # the command execs streamlit, so this PID is the server itself
        process.wait(20)


def test_clear_filters_empties_every_filter_and_the_words(app_page, seed_store):
    at = ok(app_page("commitments", seed_store))
    at.multiselect(key="commitments.facet.forum").set_value([IGF])
    at.text_input(key="commitments.words").set_value("ways")
    assert "1 commitment" in markdown(ok(at))
    at.button(key="commitments.clear").click()
    at = ok(at)
    assert "13 commitments" in markdown(at)
    assert at.multiselect(key="commitments.facet.forum").value == []
    assert at.text_input(key="commitments.words").value == ""


def test_search_words_are_in_the_url_and_a_link_applies_them(app_page, seed_store):
    at = ok(app_page("commitments", seed_store, words="Kyoto"))
    assert at.text_input(key="commitments.words").value == "Kyoto"
    assert "1 commitment" in markdown(at)
    at.text_input(key="commitments.words").set_value("ways")
    at = ok(at)
    assert at.query_params["words"] in ("ways", ["ways"])


def test_saved_question_forms_offer_subclass_instances_by_name(app_page, seed_store):
    at = ok(app_page("workbench", seed_store, question="commitments-by-forum"))
    forums = at.selectbox(key="workbench.param.forum").options
    # The WSIS+20 Review and the Global Digital Compact are gg:Process, a subclass of gg:Forum.
    assert {"WSIS+20 Review", "Global Digital Compact"} <= set(forums), forums
    at = ok(app_page("workbench", seed_store, question="commitments-by-actor"))
    actors = at.selectbox(key="workbench.param.actor")  # a choice of names, not a text box wanting actor:japan
    assert "Japan" in actors.options and actors.value == ID + "actor/japan"


def test_sidebar_refreshes_the_data_and_says_as_of_when(app_page, seed_store):
    at = ok(app_page("overview", seed_store))
    assert any("Data as of" in c.value for c in at.sidebar.caption), [c.value for c in at.sidebar.caption]
    at.sidebar.button(key="refresh").click()
    at = ok(at)
    assert {m.label: m.value for m in at.metric}["Commitments"] == "13"


def test_the_endpoint_stays_in_the_url_across_pages(app_page, seed_store):
    # A server that is not running: the pages say so, and the view (its URL) still names it.
    listed = ["http://127.0.0.1:9/query", "http://127.0.0.1:9/other"]
    at = app_page("overview", seed_store, endpoint=listed[1], allowed=listed)
    at.run()
    assert at.query_params["endpoint"] in (listed[1], [listed[1]])
    at.query_params.clear()  # what the browser's URL holds after a click in the page list
    at.switch_page("app_pages/commitments.py")
    at.run()
    assert at.sidebar.selectbox(key="endpoint").value == listed[1]
    assert at.query_params.get("endpoint") in (listed[1], [listed[1]])


def test_entity_page_shows_names_and_keeps_the_iri_behind_copy(app_page, seed_store):
    at = ok(app_page("entity", seed_store, iri=IGF))
    shown = "\n".join([c.value for c in at.caption] + [markdown(at)])
    without_links = re.sub(r'href="[^"]*"', "", shown)
    assert IGF not in unescape(without_links) and "entity?iri=" not in unescape(without_links)
    assert IGF in [c.value for c in at.code]  # in the "Copy IRI or link" popover, with a copy button


def test_commitments_of_japan_include_the_g7s_unless_made_alone(app_page, seed_store):
    japan = ID + "actor/japan"
    at = ok(app_page("commitments", seed_store, actor=japan))
    assert "13 commitments" in markdown(at)
    at.toggle(key="commitments.alone").set_value(True)
    at = ok(at)
    assert "13 commitments" not in markdown(at)
    assert at.query_params["alone"] in ("1", ["1"]) and japan in str(at.query_params["actor"])


def test_commitment_cards_show_the_date_a_citation_and_the_source_page(app_page, seed_store):
    at = ok(app_page("commitments", seed_store, forum=IGF))
    text = markdown(at)
    assert "30 April 2023" in text and 'href="https://g7.utoronto.ca/ict/2023-annex4.html"' in text
    assert any(c.value.startswith("G7 (30 April 2023). G7 Action Plan") and "paragraph 1" in c.value for c in at.code)
    assert [b.label for b in at.get("download_button")] == ["Download CSV", "Download Excel"]


def test_a_document_reads_whole_with_its_statements_linked(app_page, seed_store):
    at = ok(app_page("read", seed_store, doc=ID + "document/g7-2023-digital-annex4"))
    text = markdown(at)
    assert text.count('class="gg-passage"') == 16
    assert 'href="entity?iri=' + IGF_CLAUSE.replace(":", "%3A").replace("/", "%2F") + '"' in text
    assert "13 commitments" in text
    cards = ok(app_page("commitments", seed_store, forum=IGF))
    assert 'href="read?doc=https%3A%2F%2Fw3id.org%2Fgovgraph%2Fid%2Fdocument%2Fg7-2023-digital-annex4"' in markdown(cards)


def test_print_view_lists_every_result_with_its_citation_and_no_widgets(app_page, seed_store):
    at = ok(app_page("commitments", seed_store, forum=IGF))
    assert 'href="commitments?forum=https%3A%2F%2Fw3id.org%2Fgovgraph%2Fid%2Fforum%2Figf&amp;print=1"' in markdown(at)
    at = ok(app_page("commitments", seed_store, forum=IGF, print="1"))
    text = markdown(at)
    assert text.count('class="gg-print-card"') == 1 and "Forum: Internet Governance Forum" in unescape(text)
    assert "G7 (30 April 2023). G7 Action Plan" in unescape(text)
    assert not at.get("download_button") and not at.code  # paper needs no buttons
    everything = ok(app_page("commitments", seed_store, print="1"))
    assert markdown(everything).count('class="gg-print-card"') == 13  # all of them, no pager


def test_network_view_is_in_the_url(app_page, seed_store):
    at = ok(app_page("network", seed_store, kinds="forum", focus=IGF))
    assert at.multiselect(key="network.kinds").value == ["forum"]
    assert at.selectbox(key="network.focus").value == IGF
    at.slider(key="network.min").set_value(2)
    at = ok(at)
    assert at.query_params["min"] in ("2", ["2"]) and at.query_params["focus"] in (IGF, [IGF])


def test_a_document_page_links_to_its_reading_view(app_page, seed_store):
    at = ok(app_page("entity", seed_store, iri=ID + "document/g7-2023-digital-annex4"))
    assert 'href="read?doc=https%3A%2F%2Fw3id.org%2Fgovgraph%2Fid%2Fdocument%2Fg7-2023-digital-annex4"' in markdown(at)


def test_data_quality_choice_is_in_the_url(app_page, seed_store):
    at = ok(app_page("quality", seed_store, show="violations"))
    assert at.get("button_group")[0].value == ["Problems to fix"]
    assert "Nothing to show" in at.info[0].value  # the shipped data has warnings only
