"""govgraph explorer: the router, the sidebar (which store to read) and the cached store.

Run with `govgraph app`. Pages live in app_pages/ and call only govgraph.* functions; the
store is opened once per endpoint (st.cache_resource) and shared by every session.
"""

from pathlib import Path

import streamlit as st
from app_pages import page_parts

# A local icon file: Streamlit fetches a `:material/…:` page icon from a font CDN.
st.set_page_config(page_title="govgraph explorer", page_icon=Path(__file__).parent / "favicon.svg", layout="wide")

PAGES = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("app_pages/commitments.py", title="Commitments", icon=":material/format_quote:", url_path="commitments"),
    st.Page("app_pages/read.py", title="Read a document", icon=":material/menu_book:", url_path="read"),
    st.Page("app_pages/entity.py", title="Entity", icon=":material/search:", url_path="entity"),
    st.Page("app_pages/workbench.py", title="SPARQL workbench", icon=":material/terminal:", url_path="workbench"),
    st.Page("app_pages/network.py", title="Network", icon=":material/hub:", url_path="network"),
    st.Page("app_pages/review.py", title="Review", icon=":material/fact_check:", url_path="review"),
    st.Page("app_pages/quality.py", title="Data quality", icon=":material/rule:", url_path="quality"),
]

page = st.navigation(PAGES)
page_parts.sidebar()
st.markdown(page_parts.stylesheet(), unsafe_allow_html=True)
page.run()
