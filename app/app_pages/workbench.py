"""SPARQL workbench: an editor, the saved questions as forms, read-only runs with a time and row limit,
tables, charts, downloads, a graph view for CONSTRUCT, and a permalink holding the query."""

import pandas as pd
import streamlit as st

from app_pages import page_parts
from govgraph import queries
from govgraph.explore import markup as marks
from govgraph.explore import network_view, workbench
from govgraph.store import ResultTable
from govgraph.terms import short

P = "workbench."
where = page_parts.endpoint()
store = page_parts.store()


@st.cache_data(ttl=page_parts.TTL, show_spinner=False)
def saved() -> dict[str, queries.SavedQuery]:
    return {q.name: q for q in queries.list_queries()}


@st.cache_data(ttl=page_parts.TTL, show_spinner=False)
def choices(where: str, name: str, param: str) -> dict[str, str]:
    found = saved()[name].param(param)
    assert found is not None  # asked only for a parameter of the question
    table = queries.choices(page_parts.get_store(where), found)
    return {str(value): (str(label) if label is not None else str(value)) for value, label in table.rows}


questions = saved()
if P + "query" not in st.session_state:  # first run of this session: start from the permalink, if any
    name = st.query_params.get("question", "")
    st.session_state[P + "question"] = name if name in questions else ""
    st.session_state[P + "query"] = st.query_params.get(
        "q", questions[name].text if name in questions else workbench.STARTER_QUERY
    )
    for key, value in st.query_params.items():
        if key.startswith("p."):
            st.session_state[P + "param." + key[2:]] = value
    st.session_state[P + "autorun"] = "q" in st.query_params or "question" in st.query_params


def _load_question() -> None:
    name = st.session_state[P + "question"]
    if name:
        st.session_state[P + "query"] = questions[name].text
        for param in questions[name].params:
            st.session_state.pop(P + "param." + param.name, None)
    st.session_state.pop(P + "result", None)


st.markdown(
    "<style>.stTextArea textarea{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9rem}</style>",
    unsafe_allow_html=True,
)
st.title("SPARQL workbench")
st.caption("Read-only: updates, SERVICE and FROM are refused. Prefixes such as `gg:`, `forum:` and `rdfs:` are declared for you.")
st.selectbox(
    "Saved question",
    [""] + list(questions),
    key=P + "question",
    on_change=_load_question,
    format_func=lambda n: questions[n].title if n else "— write your own query —",
)
question = questions.get(st.session_state[P + "question"])
values: dict[str, str] = {}
if question is not None:
    st.markdown(marks.escape(question.description))
    for param in question.params:
        key = P + "param." + param.name
        label = marks.escape(f"{param.name} — {param.help}" if param.help else param.name)
        options = page_parts.guarded(choices, where, question.name, param.name) if param.instance_of is not None else None
        if options:
            default = str(queries.expand(param.default)) if param.default else next(iter(options))
            if default not in options:  # e.g. an instance of a subclass: keep the saved default on offer
                options = {default: short(default), **options}
            if st.session_state.get(key) not in options:
                st.session_state[key] = default
            values[param.name] = st.selectbox(label, list(options), key=key, format_func=options.__getitem__)
        else:
            st.session_state.setdefault(key, param.default or "")
            values[param.name] = st.text_input(label, key=key)

st.text_area("Query", key=P + "query", height=300)
left, middle, right = st.columns([1, 1, 2])
timeout = left.number_input("Time limit (s)", min_value=1, max_value=300, value=30, key=P + "timeout")
limit = middle.number_input("Rows per page", min_value=1, max_value=10_000, value=100, step=50, key=P + "limit")
right.write("")
clicked = right.button("Run", type="primary", key=P + "run", width="stretch")


def _fetch(offset: int) -> None:
    """Fetch one page of the query last run (from `offset`) into the session: the only query a render makes."""
    text, bindings, size = st.session_state[P + "asked"]
    st.session_state[P + "result"] = page_parts.guarded(
        queries.run_page, store, text, bindings, offset=offset, size=size, timeout=float(timeout)
    )
    st.session_state[P + "offset"] = offset


if clicked or st.session_state.pop(P + "autorun", False):
    text = st.session_state[P + "query"]
    bindings = page_parts.guarded(question.bindings, values) if question is not None else None
    # A saved question as saved runs in the form this store can answer (its plain form without a derived graph).
    runs = page_parts.guarded(question.text_for, store) if question is not None and text == question.text else text
    st.session_state[P + "asked"] = (runs, bindings, int(limit))
    _fetch(0)
    st.session_state[P + "ran"] = text  # the query of this result, whatever the editor holds later
    st.query_params.clear()
    st.query_params.update(page_parts.endpoint_params())
    if question is not None and text == question.text:
        st.query_params["question"] = question.name
        for name, value in values.items():
            st.query_params["p." + name] = value
    else:
        st.query_params["q"] = text

result = st.session_state.get(P + "result")
if isinstance(result, bool):
    (st.success if result else st.info)(f"The answer is **{'yes' if result else 'no'}**.")
elif isinstance(result, ResultTable):
    offset = st.session_state.get(P + "offset", 0)
    size = st.session_state[P + "asked"][2]
    st.markdown(
        f"**Rows {offset + 1}–{offset + len(result)}**" + (" — more follow" if result.truncated else "")
        if len(result)
        else "**No rows**" + (f" after row {offset}" if offset else "")
    )
    back, forward, _ = st.columns([1, 1, 4])
    if back.button("◀ Previous", key=P + "previous", disabled=offset == 0, width="stretch"):
        _fetch(max(0, offset - size))
        st.rerun()
    if forward.button("Next ▶", key=P + "next", disabled=not result.truncated, width="stretch"):
        _fetch(offset + size)
        st.rerun()
    names = page_parts.guarded(page_parts.labels, where, tuple(workbench.iris(result)[:5000]))
    st.dataframe(pd.DataFrame(workbench.records(result, names), columns=result.variables), width="stretch", hide_index=True)
    st.caption("Resources are shown by name; the downloads hold their IRIs, for the rows of this page.")
    for column, (fmt, (payload, mime)) in zip(st.columns(4), workbench.downloads(result).items()):
        column.download_button(
            f"Download {fmt.upper()}", payload, file_name=f"results.{fmt}", mime=mime, key=P + "download." + fmt, width="stretch"
        )
    spec = workbench.chart_spec(result, st.session_state.get(P + "ran", ""))
    if spec is not None:
        st.subheader(marks.escape(f"{spec.value} by {spec.label}"))
        chart = pd.DataFrame(workbench.chart_rows(result, spec)).set_index(spec.label)
        st.bar_chart(chart, horizontal=True, height=max(160, 30 * len(chart)))
elif workbench.is_graph(result):
    truncated = getattr(result, "truncated", False)
    st.markdown(f"**{len(result)} triple{'' if len(result) == 1 else 's'}**" + (" — cut at the row limit" if truncated else ""))
    st.download_button(
        "Download Turtle", workbench.turtle(result), file_name="results.ttl", mime="text/turtle", key=P + "download.ttl"
    )
    nodes, edges = workbench.graph_edges(result)
    if edges:
        page_parts.embed(network_view.triples_html(nodes, edges), 540)
    with st.expander("Triples"):
        st.dataframe(
            pd.DataFrame([{"subject": s, "property": p, "object": o} for s, p, o in workbench.triple_rows(result)]),
            hide_index=True,
        )
