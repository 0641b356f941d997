"""Commitments: a faceted browser with full-text search; every quote shows and links what it names."""

import streamlit as st

from app_pages import common
from govgraph import explore

P = "commitments."  # session-key prefix of this page

st.title("Commitments")
where = common.endpoint()
common.store()

with st.sidebar:
    st.subheader("Narrow down")
    everything = st.toggle("Include other statements", key=P + "all",
                           help="Recognitions, welcomes and other statements that are not commitments.")
values = common.guarded(common.facet_values, where, not everything)

selected: dict[str, list[str]] = {}
with st.sidebar:
    for key, facet in explore.FACETS.items():
        options = values.get(key, [])
        if not options:
            continue
        labels = {v.iri: f"{v.label} ({v.count})" for v in options}
        state = P + "facet." + key
        if state not in st.session_state:
            # A link such as commitments?theme=<iri> opens the browser already narrowed.
            st.session_state[state] = [iri for iri in st.query_params.get_all(key) if iri in labels]
        chosen = st.multiselect(facet.title, list(labels), key=state, format_func=labels.get,
                                placeholder=f"Any {facet.title.lower()}")
        if chosen:
            selected[key] = chosen
    if st.button("Clear filters", key=P + "clear"):
        for key in explore.FACETS:
            st.session_state[P + "facet." + key] = []
        st.session_state[P + "words"] = ""
        st.rerun()

words = st.text_input("Search the quotes and the names they link to", key=P + "words",
                      placeholder="e.g. Internet shutdowns, WSIS, civil society")
hits, more = common.guarded(common.search, where, tuple((k, tuple(v)) for k, v in sorted(selected.items())),
                            words, not everything)

noun = "statement" if everything else "commitment"
count = f"{len(hits)}{'+' if more else ''} {noun}{'' if len(hits) == 1 else 's'}"
left, right = st.columns([3, 1])
left.markdown(f"**{count}** found")
if hits:
    right.download_button("Download CSV", explore.hits_csv(hits), file_name="commitments.csv", mime="text/csv",
                          key=P + "download", width="stretch")
if more:
    st.caption("Only the first results are shown: narrow the search to see the rest.")
if not hits:
    st.info("Nothing matches. Remove a filter or change the words.")
common.hit_cards(hits, P + "page")
