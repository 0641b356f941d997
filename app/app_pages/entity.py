"""Entity: any resource by IRI (permalink ?iri=…), its properties by label, links both ways, and the
statements that name it with their source paragraphs."""

import streamlit as st

from app_pages import page_parts
from govgraph import explore
from govgraph.explore import markup as marks

P = "entity."
where = page_parts.endpoint()
page_parts.store()
iri = st.query_params.get("iri", "").strip()

if not iri:
    st.title("Find an entity")
    words = st.text_input("Name, acronym or alternative name", key=P + "words", placeholder="e.g. IGF, PGII, civil society")
    if words:
        found = page_parts.read(page_parts.find_entities, where, words)
        if not found:
            st.info("No resource goes by that name.")
        for item in found:
            st.markdown(
                f"{marks.link(item.iri, item.label, page=page_parts.entity_page())} <small>{marks.escape(item.kind)}</small>",
                unsafe_allow_html=True,
            )
    st.stop()

entity = page_parts.read(page_parts.describe, where, iri)
st.title(marks.escape(entity.label))
kinds = ", ".join(t.value_label for t in entity.types)
if kinds:
    st.caption(marks.escape(kinds))
if not entity.exists:
    st.warning("The graph says nothing about this resource. Check the link, or look a name up on this page without `?iri=`.")
    st.stop()
page_parts.iri_affordance(iri, page_parts.entity_href(iri))
if entity.values("#sourceFile"):  # a document whose text the graph holds
    st.markdown(
        f'<a class="gg-plain" href="{marks.html.escape(page_parts.read_href(iri))}" target="_self">'
        "Read the whole document, its statements marked</a>",
        unsafe_allow_html=True,
    )

quotes = entity.values("#quote")
if quotes:
    own, _ = page_parts.read(page_parts.search, where, (), "", False, statement=iri)
    if own:
        st.subheader("The statement")
        page_parts.hit_card(own[0], show_paragraph=True, expanded=True)

page = page_parts.entity_page()
left, right = st.columns(2)
with left:
    st.subheader("Properties")
    rows = entity.grouped(entity.outgoing)
    st.markdown(marks.link_table(rows, ("property", "value"), page=page) if rows else "*None.*", unsafe_allow_html=True)
with right:
    st.subheader("Linked from")
    rows = entity.grouped(entity.incoming)
    st.markdown(
        marks.link_table(rows, ("how", "resource"), page=page) if rows else "*Nothing links here.*",
        unsafe_allow_html=True,
    )
if entity.truncated:
    st.caption(f"Only the first {explore.entity.LINK_LIMIT} links each way are shown.")

# The statements that name it, a page at a time: a hub (a forum, the G7) is named by thousands.
naming = page_parts.read(page_parts.count, where, (), "", False, mentioning=iri)
if naming > 0:
    st.subheader(f"Statements that name {marks.escape(entity.label)} ({naming:,})")
    number = page_parts.pager(P + "page", naming, "statements")
    hits, _ = page_parts.read(page_parts.search, where, (), "", False, mentioning=iri, page=number)
    page_parts.hit_cards([hit for hit in hits if hit.iri != iri], show_paragraph=True)
