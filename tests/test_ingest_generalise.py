"""The defects of issue 11, items 1 and 2, each shown on short hand-written text: subjects other
than "we", the act forms of G7, G20, UN and FOC texts with the rule that decided each
commitment, dates relative to the document, coordinated names, abbreviations, candidates from
whole noun phrases, and lineage linked only when its year and place match."""

from pathlib import Path

import pytest

from govgraph.ingest import extract
from govgraph.ingest.acts import find_acts
from govgraph.ingest.lineage import candidate_names, lineage_clues, target_years, vague_times
from govgraph.ingest.reference import load_reference
from govgraph.namespaces import ID

from .ingest_scoring import relative


def _extract(tmp_path: Path, text: str, date: str | None = "2024-03-15", name: str = "doc.txt", **options):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(path, date=date, **options)


def _only(extraction):
    assert len(extraction.statements) == 1, [s.quote for s in extraction.statements]
    return extraction.statements[0]


# Item 1: extraction that generalises.


@pytest.mark.parametrize(
    "sentence, speaker, kind, group",
    [
        ("Canada will host a follow-up meeting on quantum technologies in autumn 2024.", "actor/canada", "plan", "G7"),
        ("Brazil intends to convene a high-level dialogue on information integrity in 2025.", "actor/brazil", "plan", "G20"),
        ("The Government of Kenya will publish all public contracts in an open data format.", "actor/kenya", "commit", "Kenya"),
        (
            "The Italian Presidency will publish a report on AI adoption by the end of the year.",
            "actor/italy-g7-presidency-2024",
            "commit",
            "G7",
        ),
        ("Leaders will review progress at the next summit.", "actor/g7", "commit", "G7"),
        ("Ministers will meet again to take stock of this work.", "actor/g7", "commit", "G7"),
        ("G7 members stand ready to support partners through technical assistance.", "actor/g7", "support", "G7"),
        ("In this respect the G20 countries will promote the review of the implementation.", "actor/g20", "commit", "G20"),
    ],
)
def test_subjects_other_than_we_make_commitments(tmp_path, sentence, speaker, kind, group):
    text = f"1. We met in Rome on 15 March 2024 to discuss digital policy.\n2. {sentence}\n"
    statement = _only(_extract(tmp_path, text, speaker=group))
    assert (statement.quote, statement.kind, statement.commitment) == (sentence, kind, True)
    assert [relative(m) for m in statement.made_by] == [speaker]


def test_a_member_acting_alone_keeps_its_date(tmp_path):
    statement = _only(_extract(tmp_path, "Canada will host a follow-up meeting on quantum technologies in autumn 2024.\n"))
    assert statement.years == ["2024"]


def test_coordinated_members_both_make_the_statement(tmp_path):
    statement = _only(_extract(tmp_path, "Canada and France will co-host a workshop on resilient networks next year.\n"))
    assert sorted(relative(m) for m in statement.made_by) == ["actor/canada", "actor/france"]
    assert statement.commitment and statement.years == ["2025"]


@pytest.mark.parametrize(
    "sentence, kind, commitment",
    [
        ("We affirm our support for developing countries to build secure digital infrastructure.", "support", True),
        ("We are determined to close the digital divide by 2030.", "resolve", True),
        ("We agree to develop common principles for digital public infrastructure.", "agree", True),
        ("We decide to hold a high-level review of the Compact in 2027.", "agree", True),
        ("We have therefore decided to place the needs of open societies at the centre of the debate.", "agree", True),
        ("We task the Digital Economy Working Group to report on progress.", "task", True),
        ("We request the Secretary-General to report on progress to the General Assembly.", "task", True),
        ("We instruct our officials to prepare a roadmap.", "task", True),
        ("We invite the World Bank Group to support developing countries.", "invite", False),
        ("We encourage the OECD and UNESCO to continue their work.", "invite", False),
        ("We intend to launch a joint programme on digital skills.", "plan", True),
        ("We will continue to promote a human-centric approach to AI.", "commit", True),
        ("We support multistakeholder processes which are inclusive.", "support", True),  # the act scheme's decision
        ("We welcome the launch of the new partnership.", "welcome", False),
        ("We are deeply concerned by the misuse of commercial spyware.", "recognise", False),
    ],
)
def test_act_forms_across_forums_and_their_commitment_decision(sentence, kind, commitment):
    (clause,) = find_acts(sentence)
    assert (clause.kind, clause.commitment) == (kind, commitment)


def test_every_decision_records_the_rule_that_made_it():
    """The G7 Research Group's criteria, named in each clause so a reviewer sees why."""
    decided = {
        s: find_acts(s)[0]
        for s in (
            "We will continue to promote a human-centric approach to AI.",
            "We support multistakeholder processes which are inclusive.",
            "We affirm our support for developing countries to build secure digital infrastructure.",
            "We welcome the launch of the new partnership.",
            "We task the Digital Economy Working Group to report on progress.",
        )
    }
    rules = [clause.rule for clause in decided.values()]
    assert all(rules) and len(set(rules)) == len(rules), rules
    assert "future" in decided["We will continue to promote a human-centric approach to AI."].rule


@pytest.mark.parametrize(
    "text, year, years",
    [
        ("We will report in the third quarter of 2024.", 2024, ["2024"]),
        ("The Presidency intends to launch it in Q4 2025.", 2025, ["2025"]),
        ("We will present recommendations in the second half of 2025.", 2025, ["2025"]),
        ("We will hold a dialogue in spring 2025.", 2024, ["2025"]),
        ("Japan will host a workshop in the autumn of 2025.", 2025, ["2025"]),
        ("We task our Ministers to report back by the end of next year.", 2025, ["2026"]),
        ("The Presidency will publish a report by the end of the year.", 2024, ["2024"]),
        ("We will review progress at the conference next year.", 2025, ["2026"]),
        ("We will act by the end of next year.", None, []),  # no document date: nothing to count from
        ("We build on the roadmap agreed in 2021 and will report in 2025.", 2024, ["2025"]),  # 2021 is past
        ("We reaffirm our commitment from the meeting in Japan last year.", 2024, []),  # the past is no target
    ],
)
def test_target_dates_relative_to_the_document(text, year, years):
    assert [found for found, _, _ in target_years(text, year)] == years


def test_vague_terms_are_kept_as_text_with_no_date(tmp_path):
    statement = _only(
        _extract(tmp_path, "We agree to develop common principles for digital public infrastructure in the near term.\n")
    )
    assert statement.years == [] and statement.vague_times == ["in the near term"]
    assert vague_times("Kenya aims to extend the portal in the medium term, over time.") == ["in the medium term", "over time"]


def test_lead_in_without_its_own_paragraph_length_lends_its_act_to_bullets(tmp_path):
    text = (
        "We, the Leaders of the G7, resolve to:\n\n"
        "- expand access to affordable connectivity in Africa by 2030;\n"
        "- protect children online through age-appropriate design.\n\n"
        "To achieve our objectives, we commit to:\n"
        "(a) Connect all persons to the Internet by 2030;\n"
        "(b) Promote digital literacy for women and girls.\n"
    )
    found = _extract(tmp_path, text).statements
    assert [(s.quote, s.kind, s.commitment) for s in found] == [
        ("We, the Leaders of the G7, resolve to:", "resolve", True),
        ("expand access to affordable connectivity in Africa by 2030;", "resolve", True),
        ("protect children online through age-appropriate design.", "resolve", True),
        ("To achieve our objectives, we commit to:", "commit", True),
        ("Connect all persons to the Internet by 2030;", "commit", True),
        ("Promote digital literacy for women and girls.", "commit", True),
    ]


# Item 2: entity linking a reviewer can trust.


def test_coordinated_known_names_give_two_entities(tmp_path):
    statement = _only(_extract(tmp_path, "We thank the OECD and UNESCO for their contributions.\n"))
    assert {relative(o) for _, o in statement.links} == {"actor/oecd", "actor/unesco"}


def test_coordinated_unknown_names_are_split():
    text = "We thank the Alpha Institute and the Beta Foundation for their work."
    assert [c.name for c in candidate_names(text, [])] == ["Alpha Institute", "Beta Foundation"]
    text = "We thank the Alpha Institute and Beta Foundation for their work."
    assert [c.name for c in candidate_names(text, [])] == ["Alpha Institute", "Beta Foundation"]


def test_a_name_with_and_inside_stays_whole():
    text = "We welcome the Partnership for Research and Innovation in Gamma."
    assert [c.name for c in candidate_names(text, [])] == ["Partnership for Research and Innovation in Gamma"]


@pytest.mark.parametrize(
    "text, name, acronym",
    [
        (
            "We will publish a report on small and medium-sized enterprises (SMEs) soon.",
            "small and medium-sized enterprises",
            "SMEs",
        ),
        ("We agree on principles for digital public infrastructure (DPI) this year.", "digital public infrastructure", "DPI"),
        (
            "We thank the Public Procurement Regulatory Authority (PPRA) for its work.",
            "Public Procurement Regulatory Authority",
            "PPRA",
        ),
        ("We seek AI that is enabled through Data Free Flow with Trust (DFFT).", "Data Free Flow with Trust", "DFFT"),
    ],
)
def test_abbreviations_in_parentheses_become_alt_labels(text, name, acronym):
    assert [(c.name, c.acronym) for c in candidate_names(text, [])] == [(name, acronym)]


@pytest.mark.parametrize(
    "text",
    [
        "We will build on existing work, e.g. the Hiroshima AI Process.",
        "We recall our commitments, e.g. on data flows.",
        "We will cooperate with relevant bodies, e.g. The Alpha Bank and the Beta Fund.",
        "Building on the progress made, e.g. in connectivity, we will act.",
    ],
)
def test_no_candidate_or_lineage_from_fragments(text):
    names = [c.name for c in candidate_names(text, [])]
    assert all(not n.endswith(".") and "e.g" not in n.lower() for n in names), names
    assert all(any(w[:1].isupper() for w in c.name(text).split()) for c in lineage_clues(text)), lineage_clues(text)


@pytest.mark.parametrize(
    "name, cls",
    [
        ("the Alpha Ministerial Declaration", "Document"),
        ("the Beta Digital Summit", "Meeting"),
        ("the Gamma Connectivity Initiative", "Initiative"),
        ("the Delta Regulatory Authority", "Organisation"),
        ("the Epsilon Working Group", "Forum"),
        ("the Republic of Zeta", "Country"),
    ],
)
def test_candidates_are_typed_from_their_head_noun(tmp_path, name, cls):
    statement = _only(_extract(tmp_path, f"We welcome the work of {name} on digital policy.\n"))
    (candidate,) = statement.candidates
    assert candidate.cls == cls


def test_a_declaration_of_another_year_is_not_linked(tmp_path):
    statement = _only(_extract(tmp_path, "Building on the 2022 Ministerial Declaration, we will continue our work on data.\n"))
    targets = {relative(t) for _, t in statement.lineage} | {relative(o) for _, o in statement.links}
    assert "document/g7-2023-digital-declaration" not in targets
    assert [relative(t) for _, t in statement.lineage] == ["candidate/2022-ministerial-declaration"]


@pytest.mark.parametrize(
    "date, place, expected",
    [
        ("2023-04-30", "Germany", "meeting/g7-digital-ministers-2022"),
        ("2024-03-15", "Japan", "meeting/g7-digital-tech-ministers-2023"),
        ("2025-06-17", "Japan", None),  # last year was 2024, held in Italy: no meeting matches
        ("2024-03-15", "Germany", None),  # the 2023 meeting was in Japan
    ],
)
def test_a_meeting_last_year_resolves_through_the_document_date(tmp_path, date, place, expected):
    sentence = (
        f"We reaffirm our commitment from the G7 Digital and Tech Ministers' Meeting in {place} last year to support Ukraine."
    )
    statement = _only(_extract(tmp_path, sentence + "\n", date=date))
    meetings = {relative(t) for _, t in statement.lineage} | {relative(o) for _, o in statement.links}
    meetings = {m for m in meetings if m.startswith("meeting/")}
    assert meetings == ({expected} if expected else set())
    if expected:
        assert [relative(t) for _, t in statement.lineage] == [expected]


def test_a_meeting_named_by_its_kind_country_and_year(tmp_path):
    sentence = "The Canadian Presidency intends to launch an initiative, building on the commitments made at the G7 Summit in Italy last year."
    statement = _only(_extract(tmp_path, sentence + "\n", date="2025-06-17"))
    assert [relative(t) for _, t in statement.lineage] == ["meeting/g7-apulia-summit-2024"]


@pytest.mark.parametrize("place", ["Turin", "Torino"])
def test_the_city_of_the_2017_meeting_is_linked_with_the_meeting(tmp_path, place):
    sentence = f"We reaffirm our commitment from the G7 ICT and Industry Ministers' Meeting in {place} in 2017 to support small businesses."
    statement = _only(_extract(tmp_path, sentence + "\n", date="2019-05-15"))
    links = {relative(o) for _, o in statement.links}
    assert {"place/turin", "meeting/g7-ict-industry-ministers-2017"} <= links
    assert [relative(t) for _, t in statement.lineage] == ["meeting/g7-ict-industry-ministers-2017"]


def test_an_infinitive_continued_after_and_is_one_act():
    sentence = (
        "We affirm our support for civil society and digital rights organisations to document disruptions and seek remedies."
    )
    assert [(c.kind, c.commitment) for c in find_acts(sentence)] == [("support", True)]


@pytest.mark.parametrize(
    "text",
    [
        "We task our Digital Ministers to report back by the end of next year.",
        "We invite the ITU to support Member States in this work.",
    ],
)
def test_people_in_their_roles_are_no_candidates(text):
    assert candidate_names(text, []) == []


def test_the_speaker_named_inside_an_earlier_document_is_no_link(tmp_path):
    sentence = (
        "Building on the 2023 G20 New Delhi Leaders' Declaration, we reaffirm our commitment to a human-centred transformation."
    )
    statement = _only(_extract(tmp_path, sentence + "\n", speaker="G20"))
    assert statement.links == []
    assert [relative(t) for _, t in statement.lineage] == ["candidate/2023-g20-new-delhi-leaders-declaration"]


def test_as_reaffirmed_in_a_document_is_lineage(tmp_path):
    sentence = "We recognise that the free flow of information is essential, as reaffirmed in the Tunis Commitment."
    statement = _only(_extract(tmp_path, sentence + "\n", date="2017-04-07"))
    assert [(str(r).rsplit("#", 1)[-1], relative(t)) for r, t in statement.lineage] == [
        ("reaffirms", "document/wsis-tunis-commitment")
    ]


def test_a_year_less_name_is_still_linked_without_a_document_date(tmp_path):
    """The seed has no --date: its references to this year's declaration keep linking."""
    statement = _only(_extract(tmp_path, "We reaffirm our commitments in the Takasaki Ministerial Declaration.\n", date=None))
    assert [relative(t) for _, t in statement.lineage] == ["document/g7-2023-digital-declaration"]


def test_actor_classes_come_from_the_ontology(tmp_path):
    """A new subclass of gg:Actor declared in the ontology may speak, with no code change."""
    from govgraph import paths

    ontology = tmp_path / "govgraph.ttl"
    ontology.write_text(
        paths.ONTOLOGY_FILE.read_text(encoding="utf-8")
        + '\ngg:Ministry a owl:Class ; rdfs:subClassOf gg:Organisation ; rdfs:label "Ministry"@en ;'
        ' skos:definition "A government department."@en .\n',
        encoding="utf-8",
    )
    reference_dir = tmp_path / "reference"
    reference_dir.mkdir()
    for source in (paths.DATA_DIR / "reference").glob("*.ttl"):
        (reference_dir / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (reference_dir / "ministries.ttl").write_text(
        "@prefix gg: <https://w3id.org/govgraph/ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://w3id.org/govgraph/id/actor/zeta-ministry> a gg:Ministry ; rdfs:label "Zeta Ministry of Digital Affairs"@en .\n',
        encoding="utf-8",
    )
    reference = load_reference(reference_dir, ontology)
    extraction = _extract(
        tmp_path,
        "We will publish the report on digital skills next year.\n",
        speaker="Zeta Ministry of Digital Affairs",
        reference=reference,
    )
    assert extraction.document.speaker == ID["actor/zeta-ministry"]


def test_every_class_the_extractor_names_is_in_the_ontology():
    """Candidate types, lineage targets and dated classes are the ontology's local names."""
    from govgraph.ingest.earlier import DATED
    from govgraph.ingest.extract import _LINEAGE_TARGETS, _SPEAKING_BODIES
    from govgraph.ingest.lineage import HEADS
    from govgraph.namespaces import GG
    from govgraph.vocabulary import load

    declared = {iri.removeprefix(str(GG)) for iri in load().labels}
    named = set(HEADS) | set(DATED) | set(_LINEAGE_TARGETS) | set(_SPEAKING_BODIES)
    assert named <= declared, named - declared


def test_a_named_subject_outside_the_speaking_group_makes_no_statement(tmp_path):
    """In a G7 text, "The OECD will publish…" reports another's plan: no G7 statement. A group
    whose members the reference data does not list (the FOC) accepts any actor."""
    assert (
        _extract(tmp_path, "1. We met in Rome.\n2. The OECD will publish a report on AI adoption next year.\n").statements == []
    )
    statement = _only(
        _extract(
            tmp_path, "The United Kingdom will present a set of recommendations next year.\n", speaker="Freedom Online Coalition"
        )
    )
    assert [relative(m) for m in statement.made_by] == ["actor/united-kingdom"]


def test_the_rule_follows_an_act_scheme_that_decides_otherwise():
    (clause,) = find_acts("We support multistakeholder processes which are inclusive.", {"support": False})
    assert not clause.commitment and clause.rule == "support: the act scheme does not count it as a commitment"


def test_a_presidency_of_another_group_or_year_is_no_speaker_found_by_date(tmp_path):
    """Japan's 2023 G7 presidency does not speak for "the incoming Brazilian Presidency" of a G20 text."""
    sentence = "The incoming Brazilian Presidency intends to continue this work in 2024."
    statement = _only(_extract(tmp_path, sentence + "\n", date="2023-09-10", speaker="G20"))
    assert [relative(m) for m in statement.made_by] == ["candidate/incoming-brazilian-presidency"]


def test_a_document_is_known_by_its_title(tmp_path):
    sentence = "We reiterate our commitment to an open Internet, as agreed in the Tunis Agenda."
    statement = _only(_extract(tmp_path, sentence + "\n", date="2023-09-10"))
    assert [relative(t) for _, t in statement.lineage] == ["document/wsis-tunis-agenda"]
    lower = _only(_extract(tmp_path, "We will adopt a plan of action on digital skills next year.\n", name="lower.txt"))
    assert lower.links == []  # a title matches with its capitals, so "plan of action" is no WSIS document


def test_a_meeting_known_only_by_its_year(tmp_path):
    statement = _only(_extract(tmp_path, "We look forward to the UN Summit of the Future in 2024.\n", date="2023-09-10"))
    assert "meeting/summit-of-the-future-2024" in {relative(o) for _, o in statement.links}
    assert statement.candidates == []


def test_the_speakers_name_opening_a_longer_name_belongs_to_it(tmp_path):
    sentence = "We welcome the G20 Framework for Systems of Digital Public Infrastructure, a voluntary framework."
    statement = _only(_extract(tmp_path, sentence + "\n", date="2023-09-10", speaker="G20"))
    assert statement.links == []
    assert [c.name for c in statement.candidates] == ["G20 Framework for Systems of Digital Public Infrastructure"]


def test_no_candidate_ends_with_a_year_after_in():
    names = [c.name for c in candidate_names("We look forward to the Alpha Beta Forum in 2024.", [])]
    assert names == ["Alpha Beta Forum"]


def test_an_office_named_by_its_title_alone_in_its_own_organisations_text(tmp_path):
    """In a UN text "the Secretary-General" is the UN's; in a G7 text it names nobody we know."""
    sentence = "We request the Secretary-General to report on progress to the General Assembly at its next session.\n"
    statement = _only(_extract(tmp_path, sentence, speaker="UN General Assembly"))
    assert "actor/un-secretary-general" in {relative(o) for _, o in statement.links}
    statement = _only(_extract(tmp_path, sentence, name="g7.txt"))
    assert "actor/un-secretary-general" not in {relative(o) for _, o in statement.links}


def test_the_speaker_opening_its_own_sentence_is_no_link(tmp_path):
    sentence = "The EU and its Member States reaffirm their commitment to the Global Digital Compact.\n"
    statement = _only(_extract(tmp_path, sentence, speaker="European Union"))
    assert [relative(m) for m in statement.made_by] == ["actor/european-union"]
    assert {relative(o) for _, o in statement.links} == {"forum/global-digital-compact"}


def test_a_body_of_the_speakers_organisation_named_by_its_title_alone(tmp_path):
    """In an EU text "the Commission" is the European Commission; in a G7 text it is nobody we know."""
    sentence = "We invite the Commission to present a joint report on implementation by the end of 2024.\n"
    statement = _only(_extract(tmp_path, sentence, speaker="European Union"))
    assert "actor/european-commission" in {relative(o) for _, o in statement.links}
    statement = _only(_extract(tmp_path, sentence, name="g7.txt"))
    assert "actor/european-commission" not in {relative(o) for _, o in statement.links}


def test_a_place_inside_the_name_rules_out_a_meeting_held_elsewhere(tmp_path):
    """The name runs on over "in Japan in 2017": the 2017 meeting was in Turin, so it is no link, only a candidate."""
    sentence = (
        "We reaffirm our commitment from the G7 ICT and Industry Ministers' Meeting in Japan in 2017 to support small businesses."
    )
    statement = _only(_extract(tmp_path, sentence + "\n", date="2019-05-15"))
    assert "meeting/g7-ict-industry-ministers-2017" not in {relative(o) for _, o in statement.links}
    assert [relative(t) for _, t in statement.lineage] == ["candidate/g7-ict-and-industry-ministers-meeting-in-japan-in-2017"]
