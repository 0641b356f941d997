"""Review: a draft written by `govgraph ingest`, statement by statement, then merge it.

Every change goes through `govgraph.ingest.revise.Draft` (as `govgraph review` does) and is
written back to the draft at once; the page then shows the draft as saved.
"""

from pathlib import Path

import streamlit as st

from app_pages import page_parts
from govgraph import ingest, terms
from govgraph.errors import GovgraphError
from govgraph.explore import markup as marks
from govgraph.explore.vocab import role_of
from govgraph.ingest.review import validation_status
from govgraph.ingest.revise import Draft, DraftParagraph, DraftStatement

P = "review."
MESSAGE = P + "message"

st.title("Review")
st.caption(
    "Drafts written by `govgraph ingest`, waiting under data/drafts/. Accept or reject each statement, correct "
    "its act, commitment decision and span, resolve the names the extractor could not link, then merge."
)


def _change(path: str, method: str, *args) -> None:
    """Apply one change to the draft and save it; a refusal is shown above the draft."""
    try:
        draft = Draft(path)
        getattr(draft, method)(*args)
        draft.save()
        st.session_state[MESSAGE] = ("success", f"Saved: {method.replace('_', ' ')} {' '.join(map(str, args))}")
    except GovgraphError as error:
        st.session_state[MESSAGE] = ("error", str(error))


def _merge(path: str, keep_candidates: bool) -> None:
    try:
        result = ingest.merge_draft(path, keep_candidates=keep_candidates)
        st.session_state[MESSAGE] = (
            "success",
            f"Merged into {result.statements_file.name}. Run `govgraph build` to add it to the store the other pages read.",
        )
    except ingest.UnresolvedCandidates as unresolved:
        names = "; ".join(" ".join(label.split()) for _, label in unresolved.candidates)
        st.session_state[MESSAGE] = ("error", f"{unresolved} ({names})")
    except GovgraphError as error:
        st.session_state[MESSAGE] = ("error", str(error))


@st.cache_data(show_spinner="Validating the draft…", max_entries=16)
def _status(path: str, stamp: int):
    """The draft's validation report, checked again whenever the file changes (`stamp`)."""
    return Draft(path).validate()


def _mentions(statement: DraftStatement) -> list[marks.Mention]:
    return [marks.Mention(link.iri, link.label, role_of(link.role), list(link.names)) for link in statement.links]


def _card(draft: Draft, statement: DraftStatement, paragraph: DraftParagraph, entities: dict[str, str]) -> None:
    path, sid = str(draft.path), statement.id
    with st.container(border=True, key=P + "card." + sid):
        badge = "Commitment" if statement.commitment else "Statement"
        done = " · accepted" if statement.accepted else ""
        st.markdown(
            f"**{marks.escape(sid)}** <small>— {badge} · {marks.escape(statement.kind)}{done}</small>", unsafe_allow_html=True
        )
        mark = (statement.start - paragraph.start, statement.end - paragraph.start)
        st.markdown(
            f'<div class="gg-quote">{marks.highlight(paragraph.text, _mentions(statement), mark=mark)}</div>',
            unsafe_allow_html=True,
        )
        if statement.links:
            st.markdown(marks.chips(_mentions(statement)), unsafe_allow_html=True)
        why = [f"Why: {statement.rule}"] if statement.rule else []
        why += [f"Time without a date: “{time}”" for time in statement.vague_times]
        if why:
            st.caption(" · ".join(marks.escape(line) for line in why), unsafe_allow_html=True)
        a, b, c, d = st.columns(4)
        a.button("Accept", key=P + "accept." + sid, on_click=_change, args=(path, "accept", sid), disabled=statement.accepted)
        b.button("Reject", key=P + "reject." + sid, on_click=_change, args=(path, "reject", sid))
        kinds = draft.act_kinds()
        act = c.selectbox("Act", kinds, index=kinds.index(statement.kind) if statement.kind in kinds else 0, key=P + "act." + sid)
        if act != statement.kind:
            c.button("Change act", key=P + "set-act." + sid, on_click=_change, args=(path, "set_act", sid, act))
        commitment = d.toggle("Commitment", value=statement.commitment, key=P + "commitment." + sid)
        if commitment != statement.commitment:
            d.button(
                "Save decision", key=P + "set-commitment." + sid, on_click=_change, args=(path, "set_commitment", sid, commitment)
            )
        with st.expander("Fix the span or add a link"):
            e, f, g = st.columns([1, 1, 2])
            start = e.number_input("Start", paragraph.start, paragraph.end - 1, statement.start, key=P + "start." + sid)
            end = f.number_input("End", paragraph.start + 1, paragraph.end, statement.end, key=P + "end." + sid)
            g.button("Fix span", key=P + "span." + sid, on_click=_change, args=(path, "set_span", sid, int(start), int(end)))
            name = st.selectbox("Entity", list(entities), index=None, key=P + "link." + sid, placeholder="Search a name…")
            if name:
                st.button("Add link", key=P + "add-link." + sid, on_click=_change, args=(path, "link", sid, entities[name]))


def _candidates(draft: Draft, entities: dict[str, str]) -> None:
    path = str(draft.path)
    for candidate in draft.candidates():
        cid, label = candidate.id, " ".join(candidate.label.split())
        with st.container(border=True, key=P + "candidate." + cid):
            also = f" (also {', '.join(candidate.alt_labels)})" if candidate.alt_labels else ""
            st.markdown(
                f"**{marks.escape(label)}**{marks.escape(also)} <small>— candidate {marks.escape(cid)}</small>",
                unsafe_allow_html=True,
            )
            left, right = st.columns(2)
            name = left.selectbox(
                "Is this existing entity", list(entities), index=None, key=P + "resolve." + cid, placeholder="Search a name…"
            )
            if name:
                left.button("Resolve", key=P + "do-resolve." + cid, on_click=_change, args=(path, "resolve", cid, entities[name]))
            classes = draft.classes()
            proposed = classes.index(candidate.cls) if candidate.cls in classes else None
            cls = right.selectbox("…or a new entity of class", classes, index=proposed, key=P + "class." + cid)
            new_name = right.text_input("Named", label, key=P + "name." + cid)
            if cls:
                right.button("Create", key=P + "create." + cid, on_click=_create, args=(path, cid, new_name, cls))


def _create(path: str, cid: str, name: str, cls: str) -> None:
    try:
        draft = Draft(path)
        draft.rename(cid, name)
        iri = draft.create(cid, cls)
        draft.save()
        st.session_state[MESSAGE] = ("success", f"Created {terms.short(str(iri))}")
    except GovgraphError as error:
        st.session_state[MESSAGE] = ("error", str(error))


found = ingest.drafts()
if MESSAGE in st.session_state:
    kind, text = st.session_state.pop(MESSAGE)
    (st.success if kind == "success" else st.error)(marks.escape(text))
if not found:
    st.info("No drafts under data/drafts/. Run `govgraph ingest FILE` (a .txt, .md, .html or .pdf file, or a URL) to make one.")
    st.stop()

chosen = st.selectbox("Draft", found, format_func=lambda p: Path(p).name, key=P + "draft")
try:
    draft = Draft(chosen)
except GovgraphError as error:
    st.error(marks.escape(str(error)))
    st.stop()

report = _status(str(draft.path), draft.path.stat().st_mtime_ns)
statements = draft.statements()
candidates = draft.candidates()
a, b, c, d = st.columns(4)
a.metric("Statements", len(statements))
b.metric("Accepted", sum(1 for s in statements if s.accepted))
c.metric("Candidates to resolve", len(candidates))
d.metric("Violations", len(report.violations))
status = validation_status(report)
(st.success if report.conforms else st.error)(marks.escape(status.splitlines()[0]))
for line in status.splitlines()[1:]:
    st.markdown(f"- {marks.escape(line.strip())}")

entities = {f"{name} — {terms.short(iri)}": iri for name, iri in draft.entities()}
if candidates:
    st.subheader("Names to resolve")
    _candidates(draft, entities)

st.subheader("Statements")
paragraphs = {p.number: p for p in draft.paragraphs()}
pages = max(1, -(-len(statements) // page_parts.PAGE_SIZE))
number = st.number_input(f"Page (of {pages}, {page_parts.PAGE_SIZE} per page)", 1, pages, 1, key=P + "page") if pages > 1 else 1
for statement in statements[(number - 1) * page_parts.PAGE_SIZE : number * page_parts.PAGE_SIZE]:
    _card(draft, statement, paragraphs[statement.paragraph], entities)
empty = [p.number for p in paragraphs.values() if not any(s.paragraph == p.number for s in statements)]
if empty:
    st.caption(f"Paragraphs without statement (kept as paragraphs): {', '.join(map(str, empty))}")

st.subheader("Merge")
keep = st.checkbox("Merge even with unresolved candidates", key=P + "keep")
st.button("Merge", type="primary", key=P + "merge", on_click=_merge, args=(str(draft.path), keep))
