"""Read a document: its whole text with every statement marked in place, each a link to its card (?doc=IRI)."""

import streamlit as st

from app_pages import page_parts
from govgraph import explore
from govgraph.explore import markup as marks

P = "read."
where = page_parts.endpoint()
page_parts.store()
st.title("Read a document")

documents = page_parts.read(page_parts.source_documents, where)
if not documents:
    st.info("The graph holds no document text to read.")
    st.stop()
wanted = st.query_params.get("doc", "")
if wanted in documents and st.session_state.get(P + "url") != wanted:
    st.session_state[P + "url"] = st.session_state[P + "doc"] = wanted  # a link's choice, applied once
chosen = st.selectbox("Document", list(documents), key=P + "doc", format_func=documents.get)
if st.query_params.get("doc") != chosen:
    st.query_params["doc"] = chosen
    st.session_state[P + "url"] = chosen

# A page of paragraphs at a time: the page in the URL (?page=N), a new document starts at its first.
if st.session_state.get(P + "shown") != chosen:
    if P + "shown" in st.session_state:
        st.session_state[P + "page"] = 1
        st.session_state[P + "page.url"] = st.query_params.get("page", "1")
    st.session_state[P + "shown"] = chosen
size = explore.document.PARAGRAPHS_PER_PAGE
reading = page_parts.read(page_parts.document_text, where, chosen, 1, size)  # also says how many paragraphs
if reading.problem:
    st.warning(marks.escape(f"Its text cannot be shown: {reading.problem}."))
    st.stop()
number = page_parts.pager(P + "page", reading.paragraphs, "paragraphs", size=size)
if number > 1:
    reading = page_parts.read(page_parts.document_text, where, chosen, number, size)
commitments = sum(p.commitment for p in reading.passages)
st.markdown(
    f'<mark class="gg-commitment">{commitments} commitments</mark> and '
    f'<mark class="gg-statement">{len(reading.passages) - commitments} other statements</mark> are marked on this page; '
    "click one to open its card.",
    unsafe_allow_html=True,
)
body = marks.passages(reading.text, reading.passages, page=page_parts.entity_page())
st.markdown(f'<div class="gg-document">{body}</div>', unsafe_allow_html=True)
