"""Data quality: the validation report of the curated data (SHACL shapes and checks), in words, by file and resource."""

import streamlit as st

from app_pages import page_parts
from govgraph import report as reports
from govgraph.explore import markup as marks

P = "quality."
SEVERITIES = {"Problems to fix": "Violation", "Recommendations": "Warning"}
URL_WORDS = {"Problems to fix": "violations", "Recommendations": "warnings"}
FINDINGS_PER_PAGE = 100
st.title("Data quality")
st.caption(
    "The curated files on this machine checked against the project's rules (a broken rule is a problem to fix: "
    "the build refuses the data), its recommendations (warnings only) and its data-quality checks."
)
if page_parts.endpoint():
    st.info(
        "You are reading a remote endpoint; this report is about the curated files on this machine, "
        "which is what `govgraph publish` sends."
    )

validation = page_parts.guarded(page_parts.validation_report)
a, b, c = st.columns(3)
a.metric("Problems to fix", len(validation.violations), help="Broken rules (SHACL violations): the build refuses the data.")
b.metric("Recommendations", len(validation.warnings), help="Advice (SHACL warnings): the build goes ahead.")
c.metric("Files checked", len(validation.files))
if validation.conforms:
    st.success(f"The data follows every rule: nothing to fix in {len(validation.files)} files.")
else:
    st.error(f"{len(validation.violations)} problem(s) to fix: the build refuses this data until they are fixed.")

# ?show=violations or ?show=warnings keeps the choice in the URL; both are shown by default.
page_parts.from_url(P + "show", "show", lambda values: [name for name, word in URL_WORDS.items() if word in values])
st.session_state.setdefault(P + "show", list(SEVERITIES))
show = st.segmented_control("Show", list(SEVERITIES), selection_mode="multi", key=P + "show") or []
page_parts.to_url("show", [URL_WORDS[name] for name in show] if len(show) != len(SEVERITIES) else [])
wanted = {SEVERITIES[s] for s in show}
findings = [f for f in validation.findings if f.severity in wanted]
if not findings:
    st.info("Nothing to show.")
# A large graph has thousands of recommendations: a page of them at a time, names looked up for that page.
number = page_parts.pager(P + "page", len(findings), "findings", size=FINDINGS_PER_PAGE)
findings = findings[(number - 1) * FINDINGS_PER_PAGE : number * FINDINGS_PER_PAGE]
by_file: dict[str, list] = {}
for finding in findings:
    by_file.setdefault(finding.file or "(not from one file)", []).append(finding)
named = {iri for f in findings for iri in (f.focus, f.path or "") if iri.startswith("http")}
names = page_parts.guarded(page_parts.labels, page_parts.endpoint(), tuple(sorted(named)))
for file, items in by_file.items():
    st.subheader(marks.escape(file))
    rows = []
    for f in items:
        where = (
            marks.plain_link(f.focus, names.get(f.focus) or reports.short(f.focus), page=page_parts.entity_page())
            if f.focus.startswith("http")
            else marks.escape(f.focus or "(the whole graph)")
        )
        icon = "🛑 to fix" if f.severity == "Violation" else "⚠️ advice"
        detail = marks.escape(f.message) + (f"<br><small>value: {marks.escape(f.value)}</small>" if f.value else "")
        prop = names.get(f.path) or reports.short(f.path) if f.path else ""
        rows.append((icon, where, marks.escape(prop), detail, marks.escape(f.shape)))
    st.markdown(marks.table(("", "resource", "property", "problem", "rule"), rows, "gg-report"), unsafe_allow_html=True)

# Made on click (thousands of findings on a large graph are megabytes of text).
left, right = st.columns(2)
left.download_button(
    "Download the report as `govgraph validate` prints it",
    lambda: reports.as_text(validation),
    file_name="validation.txt",
    mime="text/plain",
    key=P + "download.text",
)
right.download_button(
    "Download the report (JSON)",
    lambda: reports.as_json(validation),
    file_name="validation.json",
    mime="application/json",
    key=P + "download",
)
