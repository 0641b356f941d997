"""Commitments: a faceted browser with full-text search; every quote shows and links what it names."""

from urllib.parse import quote

import streamlit as st

from app_pages import page_parts
from govgraph import explore
from govgraph.explore import markup as marks

P = "commitments."  # session-key prefix of this page
WORDS = "words"  # the URL parameter of the search words
ALONE = "alone"  # the URL parameter of "Actors: made alone"
PRINT = "print"  # print=1: every result as plain cards for paper

st.title("Commitments")
where = page_parts.endpoint()
page_parts.store()

if st.query_params.get(ALONE) == "1" and P + "alone" not in st.session_state:
    st.session_state[P + "alone"] = True  # a link's choice, on the session's first view of this page

with st.sidebar:
    st.subheader("Narrow down")
    everything = st.toggle(
        "Include other statements", key=P + "all", help="Recognitions, welcomes and other statements that are not commitments."
    )
    alone = st.toggle(
        "Actors: made alone",
        key=P + "alone",
        help="Off: an actor's commitments include those a group it belongs to made (a G7 commitment binds Japan). "
        "On: only those it made itself or is named in.",
    )
values = page_parts.guarded(page_parts.facet_values, where, not everything, alone)

# A link such as commitments?theme=<iri>&words=… (a chart on the Overview, a shared URL) sets the view;
# applied once per distinct URL, so that the filters stay the analyst's own afterwards.
from_url: dict[str, list[str]] = {
    key: [iri for iri in st.query_params.get_all(key) if iri in {v.iri for v in values.get(key, [])}] for key in explore.FACETS
}
from_url = {key: iris for key, iris in from_url.items() if iris}
if st.query_params.get(WORDS):
    from_url[WORDS] = [st.query_params[WORDS]]
if from_url and st.session_state.get(P + "url") != from_url:
    st.session_state[P + "url"] = from_url
    for key in explore.FACETS:
        st.session_state[P + "facet." + key] = from_url.get(key, [])
    st.session_state[P + "words"] = from_url.get(WORDS, [""])[0]


def clear_filters() -> None:
    """Empty every filter and the words (a callback: widget values can only change before the widgets are drawn)."""
    for key in explore.FACETS:
        st.session_state[P + "facet." + key] = []
    st.session_state[P + "words"] = ""


selected: dict[str, list[str]] = {}
labels_of: dict[str, dict[str, str]] = {}
with st.sidebar:
    for key, facet in explore.FACETS.items():
        options = values.get(key, [])
        if not options:
            continue
        labels = {v.iri: f"{v.label} ({v.count})" for v in options}
        labels_of[key] = {v.iri: v.label for v in options}
        state = P + "facet." + key
        chosen = st.multiselect(
            facet.title, list(labels), key=state, format_func=labels.get, placeholder=f"Any {facet.title.lower()}"
        )
        if chosen:
            selected[key] = chosen
    st.button("Clear filters", key=P + "clear", on_click=clear_filters)

words = st.text_input(
    "Search the quotes and the names they link to", key=P + "words", placeholder="e.g. Internet shutdowns, WSIS, civil society"
)

# Keep the URL in step with the filters and the words, so that it is a permalink of this view.
view = {**selected, **({WORDS: [words]} if words else {}), **({ALONE: ["1"]} if alone else {})}
shown = {key: st.query_params.get_all(key) for key in [*explore.FACETS, WORDS, ALONE] if st.query_params.get_all(key)}
if shown != view:
    for key in [*explore.FACETS, WORDS, ALONE]:
        if key in st.query_params:
            del st.query_params[key]
    for key, chosen in view.items():
        st.query_params[key] = chosen
    st.session_state[P + "url"] = dict(view)

hits, more = page_parts.guarded(
    page_parts.search, where, tuple((k, tuple(v)) for k, v in sorted(selected.items())), words, not everything, alone=alone
)

noun = "statement" if everything else "commitment"
count = f"{len(hits)}{'+' if more else ''} {noun}{'' if len(hits) == 1 else 's'}"
printing = st.query_params.get(PRINT) == "1"


def view_href(**changes: str | None) -> str:
    """This view's URL (filters, words, endpoint) with some parameters changed (None removes one)."""
    params = [(k, v) for k in st.query_params for v in st.query_params.get_all(k) if k not in changes]
    params += [(k, v) for k, v in changes.items() if v is not None]
    return "commitments?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in params)


if printing:
    chosen = "; ".join(
        f"{explore.FACETS[key].title}: {', '.join(labels_of[key].get(iri, iri) for iri in iris)}"
        for key, iris in selected.items()
    )
    st.markdown(
        f"**{count}**"
        + (f" — {marks.escape(chosen)}" if chosen else "")
        + (f" — words: “{marks.escape(words)}”" if words else ""),
        unsafe_allow_html=True,
    )
    st.markdown(
        f'<span class="gg-screen-only">Print this page with your browser (Ctrl+P). '
        f'<a href="{marks.html.escape(view_href(**{PRINT: None}))}" target="_self">Back to the browser</a></span>',
        unsafe_allow_html=True,
    )
    st.markdown(page_parts.printable(hits), unsafe_allow_html=True)
    st.stop()

left, middle, right = st.columns([4, 1, 1])
left.markdown(f"**{count}** found")
if hits:
    middle.download_button(
        "Download CSV", explore.hits_csv(hits), file_name="commitments.csv", mime="text/csv", key=P + "download", width="stretch"
    )
    right.download_button(
        "Download Excel",
        explore.hits_xlsx(hits),
        file_name="commitments.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=P + "download.xlsx",
        width="stretch",
    )
    left.markdown(
        f'<small><a href="{marks.html.escape(view_href(**{PRINT: "1"}))}" target="_self">Print view</a></small>',
        unsafe_allow_html=True,
    )
if more:
    st.caption("Only the first results are shown: narrow the search to see the rest.")
if not hits:
    st.info("Nothing matches. Remove a filter or change the words.")
page_parts.hit_cards(hits, P + "page")
