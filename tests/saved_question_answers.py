"""The hand-worked answers of every saved question on the seed (used by tests/test_saved_questions.py).

The expected rows were worked out by reading the source text
(data/sources/g7-2023-digital-annex4.txt) and the curated files (data/statements/…ttl,
data/reference/*.ttl), not copied from query output.
"""

from __future__ import annotations

from govgraph import paths

SOURCE = paths.DATA_DIR / "sources" / "g7-2023-digital-annex4.txt"
ANNEX4 = "doc:g7-2023-digital-annex4"
OUTCOME = "doc:g7-2023-digital-tech-ministers-outcome"

# The verbatim text of each statement, copied by hand from the source file: sentences of the five
# body paragraphs, split into clauses where one sentence carries two acts (¶1.2, ¶5.3).
QUOTE = {
    "p1-s1": "We resolve to work together to identify priority fora for the joint promotion of the Declaration "
    "for the Future of the Internet (DFI) and in implementing its principles into action.",
    "p1-s2-c1": "In particular, we seek ways in which we can integrate a multi-stakeholder approach to promoting "
    "DFI and implementing its principles, such as at the UN IGF 2023 in Kyoto,",
    "p1-s2-c2": "and commit to engage multi-stakeholder communities around the world.",
    "p2-s1": "We are committed to promoting multi-stakeholder engagement in relevant Internet governance bodies "
    "and to encouraging partner developing countries to build capacity to increase their engagement as "
    "well as identify problems, trends and challenges related to Internet governance.",
    "p2-s2": "In particular, we recognise the importance of increasing representation of underrepresented groups "
    "such as youths, women, girls, LGBTQI+, and other marginalized sections of the population.",
    "p2-s3": "We also reaffirm our commitment to make the Internet a safe and secure place for everyone.",
    "p2-s4": "We resolve to also promote online safety, ensuring children are well-protected online.",
    "p3-s1": "We collaborate in regard to the promotion and development of the open Internet in developing and "
    "emerging economies, such as through the G7 Partnership for Global Infrastructure and Investment, "
    "and the EU Global Gateway initiative.",
    "p3-s2": "In particular, we resolve to collaborate with African countries and across developing countries to "
    "promote successful and locally-driven models of open Internet deployment and governance that are "
    "emerging in the African context.",
    "p4-s1": "We seek to collaborate in addressing Internet freedom issues such as Internet shutdowns, network "
    "restrictions and digital mass-surveillance.",
    "p4-s2": "We reaffirm a multi- stakeholder approach to analyse, make visible and address these challenges, "
    "working with like-minded countries, technical experts, civil society organizations and the "
    "private sectors.",
    "p4-s3": "We seek to intensify our collaboration with digital rights organizations and initiatives such as "
    "the Freedom Online Coalition and its Task Force on Internet Shutdowns.",
    "p5-s1": "We call for a points of contact group to work towards a positive vision for the overall review of "
    "the implementation of the WSIS outcomes in 2025 (WSIS+20) and discuss upcoming UN processes "
    "focused on digital cooperation.",
    "p5-s2": "Within our respective countries, we pledge to take an inclusive approach and undertake robust and "
    "ongoing consultations with multi-stakeholder communities toward the Global Digital Compact and the "
    "WSIS+20 Review process.",
    "p5-s3-c1": "This will include multi-stakeholder events alongside future G7 meetings,",
    "p5-s3-c2": "and we welcome the multi-stakeholder event to be held under Japan's G7 Presidency.",
}
#: The statements that are not commitments: a recognition (¶2.2), a description of present
#: collaboration (¶3.1) and a welcome (¶5.3 clause 2). The other thirteen are commitments.
NOT_COMMITMENTS = {"p2-s2", "p3-s1", "p5-s3-c2"}
COMMITMENTS = [key for key in QUOTE if key not in NOT_COMMITMENTS]


def stmt(key: str) -> str:
    return f"stmt:g7-2023-digital-annex4-{key}"


def para(key: str) -> int:
    return int(key[1])


def listed(*keys: str) -> list[tuple[object, ...]]:
    """Rows (commitment, paragraph number, quote): the columns of the commitments-by-… questions."""
    return [(stmt(k), para(k), QUOTE[k]) for k in keys]


# (question, parameters, expected rows). Parameters are given as a person types them on the CLI.
CASES: list[tuple[str, dict[str, str], list[tuple[object, ...]]]] = [
    # Only ¶1.2 clause 1 names the IGF ("the UN IGF 2023 in Kyoto").
    ("commitments-by-forum", {}, listed("p1-s2-c1")),
    # WSIS+20 is named in ¶5.1 ("(WSIS+20)") and ¶5.2 ("the WSIS+20 Review process").
    ("commitments-by-forum", {"forum": "forum:wsis20-review"}, listed("p5-s1", "p5-s2")),
    # ¶4.3 names the Freedom Online Coalition.
    ("commitments-by-forum", {"forum": "forum:freedom-online-coalition"}, listed("p4-s3")),
    # The DFI: ¶1.1 ("Declaration for the Future of the Internet (DFI)") and ¶1.2 clause 1 ("promoting DFI").
    ("commitments-by-initiative", {}, listed("p1-s1", "p1-s2-c1")),
    # PGII is named only in ¶3.1, which describes present collaboration: no commitment.
    ("commitments-by-initiative", {"initiative": "initiative:pgii"}, []),
    # Japan is bound by the twelve commitments the G7 makes as a group, and makes ¶5.2 itself
    # ("Within our respective countries, we pledge…", made by each member).
    (
        "commitments-by-actor",
        {},
        [(stmt(k), para(k), "actor:japan" if k == "p5-s2" else "actor:g7", QUOTE[k]) for k in COMMITMENTS],
    ),
    # The EU is a non-enumerated G7 member: the same thirteen, ¶5.2 made by the EU itself.
    (
        "commitments-by-actor",
        {"actor": "actor:european-union"},
        [(stmt(k), para(k), "actor:european-union" if k == "p5-s2" else "actor:g7", QUOTE[k]) for k in COMMITMENTS],
    ),
    # The UN makes nothing and belongs to no maker.
    ("commitments-by-actor", {"actor": "actor:united-nations"}, []),
    # Internet freedom with its narrower themes (shutdowns, network restrictions, mass surveillance): ¶4.1–4.3.
    ("commitments-by-theme", {}, listed("p4-s1", "p4-s2", "p4-s3")),
    # Online safety with child online protection: ¶2.3 ("safe and secure place") and ¶2.4.
    ("commitments-by-theme", {"theme": "theme:online-safety"}, listed("p2-s3", "p2-s4")),
    # Internet governance (¶1.1, ¶2.1, ¶3.2) plus multi-stakeholder governance (¶1.2 both clauses, ¶2.1,
    # ¶4.2, ¶5.2, ¶5.3 clause 1) plus inclusive participation (¶5.2): eight commitments.
    (
        "commitments-by-theme",
        {"theme": "theme:internet-governance"},
        listed("p1-s1", "p1-s2-c1", "p1-s2-c2", "p2-s1", "p3-s2", "p4-s2", "p5-s2", "p5-s3-c1"),
    ),
    # Children: ¶2.4 ("ensuring children are well-protected online").
    ("commitments-by-target-group", {}, listed("p2-s4")),
    # "everyone": ¶2.3 ("a safe and secure place for everyone").
    ("commitments-by-target-group", {"group": "group:everyone"}, listed("p2-s3")),
    # Underrepresented groups and their narrower groups appear only in ¶2.2, a recognition.
    ("commitments-by-target-group", {"group": "group:underrepresented-groups"}, []),
    # Developing countries: ¶2.1 ("partner developing countries") and ¶3.2 ("across developing countries").
    ("commitments-by-region", {}, listed("p2-s1", "p3-s2")),
    # Africa, with "African countries" below it: ¶3.2 only.
    ("commitments-by-region", {"region": "region:africa"}, listed("p3-s2")),
    # "seek": ¶1.2 clause 1 ("we seek ways"), ¶4.1 ("We seek to collaborate"), ¶4.3 ("We seek to intensify").
    ("commitments-by-act-kind", {}, listed("p1-s2-c1", "p4-s1", "p4-s3")),
    # "reaffirm" (reiterate is narrower, unused): ¶2.3 and ¶4.2.
    ("commitments-by-act-kind", {"actKind": "act:reaffirm"}, listed("p2-s3", "p4-s2")),
    # "welcome" never makes a commitment here.
    ("commitments-by-act-kind", {"actKind": "act:welcome"}, []),
    # All thirteen commitments of Annex 4, with paragraph, sentence, clause and kind of act.
    (
        "commitments-by-document",
        {},
        [
            (stmt("p1-s1"), ANNEX4, 1, 1, 1, "resolve"),
            (stmt("p1-s2-c1"), ANNEX4, 1, 2, 1, "seek"),
            (stmt("p1-s2-c2"), ANNEX4, 1, 2, 2, "commit"),
            (stmt("p2-s1"), ANNEX4, 2, 1, 1, "commit"),
            (stmt("p2-s3"), ANNEX4, 2, 3, 1, "reaffirm"),
            (stmt("p2-s4"), ANNEX4, 2, 4, 1, "resolve"),
            (stmt("p3-s2"), ANNEX4, 3, 2, 1, "resolve"),
            (stmt("p4-s1"), ANNEX4, 4, 1, 1, "seek"),
            (stmt("p4-s2"), ANNEX4, 4, 2, 1, "reaffirm"),
            (stmt("p4-s3"), ANNEX4, 4, 3, 1, "seek"),
            (stmt("p5-s1"), ANNEX4, 5, 1, 1, "call for"),
            (stmt("p5-s2"), ANNEX4, 5, 2, 1, "pledge"),
            (stmt("p5-s3-c1"), ANNEX4, 5, 3, 1, "plan"),
        ],
    ),
    # The Takasaki outcome collection holds Annex 4, so it has the same thirteen.
    (
        "commitments-by-document",
        {"document": OUTCOME},
        [
            (stmt(k), ANNEX4, para(k), int(k[4]), 2 if k.endswith("c2") else 1, kind)
            for k, kind in zip(
                COMMITMENTS,
                [
                    "resolve",
                    "seek",
                    "commit",
                    "commit",
                    "reaffirm",
                    "resolve",
                    "resolve",
                    "seek",
                    "reaffirm",
                    "seek",
                    "call for",
                    "pledge",
                    "plan",
                ],
            )
        ],
    ),
    # The Ministerial Declaration itself is not modelled sentence by sentence.
    ("commitments-by-document", {"document": "doc:g7-2023-digital-declaration"}, []),
    # Target years: IGF 2023 (¶1.2 clause 1) and the WSIS review "in 2025" (¶5.1).
    (
        "commitments-due-by-year",
        {},
        [
            (stmt("p1-s2-c1"), "2023", 1, QUOTE["p1-s2-c1"]),
            (stmt("p5-s1"), "2025", 5, QUOTE["p5-s1"]),
        ],
    ),
    ("commitments-due-by-year", {"year": "2024"}, [(stmt("p1-s2-c1"), "2023", 1, QUOTE["p1-s2-c1"])]),
    ("commitments-due-by-year", {"year": "2022"}, []),
    # Pairs named in one statement: ¶1.2 (IGF, DFI), ¶3.1 (PGII, Global Gateway), ¶4.3 (FOC and its task
    # force), ¶5.1 (WSIS, WSIS+20, UN processes: three pairs), ¶5.2 (GDC, WSIS+20). Ordered by IRI.
    (
        "forums-and-initiatives-named-together",
        {},
        [
            (
                "forum:foc-task-force-on-internet-shutdowns",
                "Task Force on Internet Shutdowns",
                "forum:freedom-online-coalition",
                "Freedom Online Coalition",
                1,
            ),
            ("forum:global-digital-compact", "Global Digital Compact", "forum:wsis20-review", "WSIS+20 Review", 1),
            ("forum:igf", "Internet Governance Forum", "initiative:dfi", "Declaration for the Future of the Internet", 1),
            (
                "forum:un-digital-cooperation-processes",
                "UN processes on digital cooperation",
                "forum:wsis",
                "World Summit on the Information Society",
                1,
            ),
            (
                "forum:un-digital-cooperation-processes",
                "UN processes on digital cooperation",
                "forum:wsis20-review",
                "WSIS+20 Review",
                1,
            ),
            ("forum:wsis", "World Summit on the Information Society", "forum:wsis20-review", "WSIS+20 Review", 1),
            (
                "initiative:global-gateway",
                "EU Global Gateway",
                "initiative:pgii",
                "Partnership for Global Infrastructure and Investment",
                1,
            ),
        ],
    ),
    # ¶1.2 clause 2 and ¶5.2 engage multi-stakeholder communities; ¶4.2 "like-minded countries, technical
    # experts, civil society organizations and the private sectors"; ¶4.3 "digital rights organizations";
    # ¶5.3 clause 1 "multi-stakeholder events". (¶5.3 clause 2 is a welcome, not a commitment.)
    (
        "stakeholders-engaged-by-commitment",
        {},
        [
            (stmt("p1-s2-c2"), 1, "group:multistakeholder-communities", "multi-stakeholder communities"),
            (stmt("p4-s2"), 4, "group:civil-society-organisations", "civil society organisations"),
            (stmt("p4-s2"), 4, "group:like-minded-countries", "like-minded countries"),
            (stmt("p4-s2"), 4, "group:private-sector", "private sector"),
            (stmt("p4-s2"), 4, "group:technical-experts", "technical experts"),
            (stmt("p4-s3"), 4, "group:digital-rights-organisations", "digital rights organisations"),
            (stmt("p5-s2"), 5, "group:multistakeholder-communities", "multi-stakeholder communities"),
            (stmt("p5-s3-c1"), 5, "group:multistakeholder-communities", "multi-stakeholder communities"),
        ],
    ),
    # ¶4.3: third sentence of paragraph 4; offsets checked against the source file in
    # test_provenance_offsets_and_hash_match_the_source below.
    (
        "commitment-provenance",
        {},
        [
            (
                ANNEX4,
                "G7 Action Plan for Open, Free, Global, Interoperable, Reliable, and Secure Internet",
                "2023-04-30",
                "G7 Research Group",
                4,
                3,
                1,
                QUOTE["p4-s3"],
                2490,
                2657,
                "sources/g7-2023-digital-annex4.txt",
                "5251de6fdef382164041676b588279824307ea60fcf5b1090c6aaf2672a6c56a",
            )
        ],
    ),
    (
        "commitment-provenance",
        {"commitment": stmt("p1-s2-c2")},
        [
            (
                ANNEX4,
                "G7 Action Plan for Open, Free, Global, Interoperable, Reliable, and Secure Internet",
                "2023-04-30",
                "G7 Research Group",
                1,
                2,
                2,
                QUOTE["p1-s2-c2"],
                970,
                1038,
                "sources/g7-2023-digital-annex4.txt",
                "5251de6fdef382164041676b588279824307ea60fcf5b1090c6aaf2672a6c56a",
            )
        ],
    ),
    # "We also reaffirm our commitment…" (¶2.3) and "We reaffirm a multi- stakeholder approach…" (¶4.2);
    # the seed records no earlier commitment they point to.
    (
        "reaffirmations-and-lineage",
        {},
        [
            (stmt("p2-s3"), 2, "reaffirm", None, None, QUOTE["p2-s3"]),
            (stmt("p4-s2"), 4, "reaffirm", None, None, QUOTE["p4-s2"]),
        ],
    ),
    # Annex 4's five body paragraphs; the outcome's six documents (the declaration has no number).
    (
        "document-parts",
        {},
        [
            (ANNEX4, "G7 Digital and Tech Track Annex 4 (2023)", f"{ANNEX4}-p{n}", f"Annex 4 (2023), paragraph {n}", n)
            for n in range(1, 6)
        ]
        + [
            (
                OUTCOME,
                "Outcome documents of the G7 Digital and Tech Ministers' Meeting 2023",
                "doc:g7-2023-digital-declaration",
                "G7 Digital and Tech Ministers' Declaration 2023",
                None,
            ),
        ]
        + [
            (
                OUTCOME,
                "Outcome documents of the G7 Digital and Tech Ministers' Meeting 2023",
                f"doc:g7-2023-digital-annex{n}",
                f"G7 Digital and Tech Track Annex {n} (2023)",
                n,
            )
            for n in range(1, 6)
        ],
    ),
    # Forums named by commitments: WSIS+20 twice (¶5.1, ¶5.2), the others once; the G7 is itself a forum
    # ("alongside future G7 meetings", ¶5.3 clause 1). Ties in label order.
    (
        "commitments-per-forum",
        {},
        [
            ("forum:wsis20-review", "WSIS+20 Review", 2),
            ("forum:freedom-online-coalition", "Freedom Online Coalition", 1),
            ("actor:g7", "G7", 1),
            ("forum:global-digital-compact", "Global Digital Compact", 1),
            ("forum:igf", "Internet Governance Forum", 1),
            ("forum:foc-task-force-on-internet-shutdowns", "Task Force on Internet Shutdowns", 1),
            ("forum:un-digital-cooperation-processes", "UN processes on digital cooperation", 1),
            ("forum:wsis", "World Summit on the Information Society", 1),
        ],
    ),
    # (theme, label, with narrower themes, direct). Counted from the gg:theme lists of the thirteen
    # commitments; digital infrastructure investment is named only by ¶3.1, not a commitment.
    (
        "commitments-per-theme",
        {},
        [
            ("theme:internet-governance", "Internet governance", 8, 3),
            ("theme:multistakeholder-internet-governance", "multi-stakeholder Internet governance", 6, 6),
            ("theme:internet-freedom", "Internet freedom", 3, 3),
            ("theme:internet-shutdowns", "Internet shutdowns", 2, 2),
            ("theme:digital-cooperation", "digital cooperation", 2, 2),
            ("theme:online-safety", "online safety", 2, 2),
            ("theme:open-internet", "open Internet", 2, 1),
            ("theme:capacity-building", "capacity building", 1, 1),
            ("theme:child-online-protection", "child online protection", 1, 1),
            ("theme:digital-mass-surveillance", "digital mass-surveillance", 1, 1),
            ("theme:inclusive-participation", "inclusive participation", 1, 1),
            ("theme:network-restrictions", "network restrictions", 1, 1),
            ("theme:open-internet-deployment", "open Internet deployment", 1, 1),
            ("theme:digital-infrastructure-investment", "digital infrastructure investment", 0, 0),
        ],
    ),
    # (kind, label, indicates a commitment, statements, commitments): resolve ¶1.1 ¶2.4 ¶3.2; seek ¶1.2c1
    # ¶4.1 ¶4.3; commit ¶1.2c2 ¶2.1; reaffirm ¶2.3 ¶4.2; call for ¶5.1; plan ¶5.3c1; pledge ¶5.2; then
    # the three non-commitments, then the kinds the seed does not use.
    (
        "commitments-per-act-kind",
        {},
        [
            ("act:resolve", "resolve", True, 3, 3),
            ("act:seek", "seek", True, 3, 3),
            ("act:commit", "commit", True, 2, 2),
            ("act:reaffirm", "reaffirm", True, 2, 2),
            ("act:call-for", "call for", True, 1, 1),
            ("act:plan", "plan", True, 1, 1),
            ("act:pledge", "pledge", True, 1, 1),
            ("act:collaborate", "collaborate", False, 1, 0),
            ("act:recognise", "recognise", False, 1, 0),
            ("act:welcome", "welcome", False, 1, 0),
            ("act:agree", "agree", True, 0, 0),
            ("act:condemn", "condemn", False, 0, 0),
            ("act:endeavour", "endeavour", True, 0, 0),
            ("act:invite", "invite", False, 0, 0),
            ("act:reiterate", "reiterate", True, 0, 0),
            ("act:support", "support", True, 0, 0),
            ("act:task", "task", True, 0, 0),
        ],
    ),
    ("commitments-per-target-year", {}, [("2023", 1), ("2025", 1)]),
    # 16 statements (5 paragraphs: 3 + 4 + 2 + 3 + 4), 13 commitments, 1 source document; makers: the G7
    # and, for ¶5.2, its seven members and the EU.
    ("totals", {}, [(16, 13, 5, 1, 9)]),
    # "shutdowns" (any case): "Internet shutdowns" in ¶4.1, "Task Force on Internet Shutdowns" in ¶4.3.
    (
        "statements-matching-text",
        {"text": "shutdowns"},
        [
            (stmt("p4-s1"), "gg:Commitment", 4, QUOTE["p4-s1"]),
            (stmt("p4-s3"), "gg:Commitment", 4, QUOTE["p4-s3"]),
        ],
    ),
    # "multi-stakeholder" with the hyphen: ¶4.2 writes "multi- stakeholder" and does not match.
    (
        "statements-matching-text",
        {"text": "Multi-Stakeholder"},
        [
            (stmt(k), "gg:Statement" if k in NOT_COMMITMENTS else "gg:Commitment", para(k), QUOTE[k])
            for k in ("p1-s2-c1", "p1-s2-c2", "p2-s1", "p5-s2", "p5-s3-c1", "p5-s3-c2")
        ],
    ),
    # The default, "Internet": ¶1.1, ¶2.1, ¶2.3, ¶3.1, ¶3.2, ¶4.1, ¶4.3.
    (
        "statements-matching-text",
        {},
        [
            (stmt(k), "gg:Statement" if k in NOT_COMMITMENTS else "gg:Commitment", para(k), QUOTE[k])
            for k in ("p1-s1", "p2-s1", "p2-s3", "p3-s1", "p3-s2", "p4-s1", "p4-s3")
        ],
    ),
    # ¶1.2 clause 1 names the IGF, its 2023 meeting in Kyoto, the DFI, the UN ("UN IGF"), the year 2023;
    # it is about multi-stakeholder governance and made by the G7 (a group and a forum: two rows).
    (
        "entities-named-by-statement",
        {},
        [
            ("gg:forum", "forum:igf", "gg:Forum", "Internet Governance Forum"),
            ("gg:initiative", "initiative:dfi", "gg:Initiative", "Declaration for the Future of the Internet"),
            ("gg:madeBy", "actor:g7", "gg:Forum", "G7"),
            ("gg:madeBy", "actor:g7", "gg:IntergovernmentalGroup", "G7"),
            ("gg:meeting", "meeting:igf-2023", "gg:Meeting", "IGF 2023"),
            ("gg:mentions", "place:kyoto", "gg:Place", "Kyoto"),
            ("gg:namedActor", "actor:united-nations", "gg:Organisation", "United Nations"),
            ("gg:targetTime", "year:2023", "time:Instant", "2023"),
            ("gg:theme", "theme:multistakeholder-internet-governance", "gg:Theme", "multi-stakeholder Internet governance"),
        ],
    ),
    # ¶2.2 names six target groups and one theme.
    (
        "entities-named-by-statement",
        {"statement": stmt("p2-s2")},
        [
            ("gg:madeBy", "actor:g7", "gg:Forum", "G7"),
            ("gg:madeBy", "actor:g7", "gg:IntergovernmentalGroup", "G7"),
            ("gg:targetGroup", "group:girls", "gg:TargetGroup", "girls"),
            ("gg:targetGroup", "group:lgbtqi", "gg:TargetGroup", "LGBTQI+ persons"),
            ("gg:targetGroup", "group:marginalised-groups", "gg:TargetGroup", "other marginalised groups"),
            ("gg:targetGroup", "group:underrepresented-groups", "gg:TargetGroup", "underrepresented groups"),
            ("gg:targetGroup", "group:women", "gg:TargetGroup", "women"),
            ("gg:targetGroup", "group:youths", "gg:TargetGroup", "youths"),
            ("gg:theme", "theme:inclusive-participation", "gg:Theme", "inclusive participation"),
        ],
    ),
    # Meetings from data/reference/meetings.ttl whose gg:meetingOf is a forum (the Summit of the Future is
    # a meeting of the UN, an organisation). Elmau and Carbis Bay have no dates: first in the G7's list.
    (
        "forums-with-meetings",
        {},
        [
            (
                "forum:freedom-online-coalition",
                "Freedom Online Coalition",
                "meeting:freedom-online-conference-2011",
                "Freedom Online Conference 2011",
                "2011-12-08",
                "2011-12-09",
                "The Hague",
            ),
            ("actor:g7", "G7", "meeting:g7-carbis-bay-summit-2021", "G7 Summit at Carbis Bay 2021", None, None, "Carbis Bay"),
            ("actor:g7", "G7", "meeting:g7-elmau-summit-2022", "G7 Summit at Schloss Elmau 2022", None, None, "Schloss Elmau"),
            (
                "actor:g7",
                "G7",
                "meeting:g7-ict-ministers-2016",
                "G7 ICT Ministers' Meeting 2016",
                "2016-04-29",
                "2016-04-30",
                "Takamatsu, Kagawa",
            ),
            (
                "actor:g7",
                "G7",
                "meeting:g7-ict-industry-ministers-2017",
                "G7 ICT and Industry Ministerial Meeting 2017",
                "2017-09-25",
                "2017-09-26",
                "Turin",
            ),
            (
                "actor:g7",
                "G7",
                "meeting:g7-digital-ministers-2019",
                "G7 Digital Ministers' Meeting 2019",
                "2019-05-15",
                "2019-05-15",
                "Paris",
            ),
            (
                "actor:g7",
                "G7",
                "meeting:g7-digital-tech-ministers-2021",
                "G7 Digital and Technology Ministers' Meeting 2021",
                "2021-04-28",
                "2021-04-29",
                None,
            ),
            (
                "actor:g7",
                "G7",
                "meeting:g7-digital-ministers-2022",
                "G7 Digital Ministers' Meeting 2022",
                "2022-05-10",
                "2022-05-11",
                "Düsseldorf",
            ),
            (
                "actor:g7",
                "G7",
                "meeting:g7-digital-tech-ministers-2023",
                "G7 Digital and Tech Ministers' Meeting 2023",
                "2023-04-29",
                "2023-04-30",
                "Takasaki, Gunma",
            ),
            (
                "actor:g7",
                "G7",
                "meeting:g7-hiroshima-summit-2023",
                "G7 Hiroshima Summit 2023",
                "2023-05-19",
                "2023-05-21",
                "Hiroshima",
            ),
            (
                "actor:g7",
                "G7",
                "meeting:g7-industry-tech-digital-ministers-2024",
                "G7 Industry, Tech and Digital Ministers' Meeting 2024",
                "2024-03-14",
                "2024-03-15",
                "Verona",
            ),
            (
                "actor:g7",
                "G7",
                "meeting:g7-apulia-summit-2024",
                "G7 Apulia Summit 2024",
                "2024-06-13",
                "2024-06-15",
                "Borgo Egnazia, Fasano",
            ),
            (
                "actor:g7",
                "G7",
                "meeting:g7-industry-tech-ministers-rome-2024",
                "G7 Industry and Technology Ministers' Meeting in Rome 2024",
                "2024-10-10",
                "2024-10-10",
                "Rome",
            ),
            (
                "actor:g7",
                "G7",
                "meeting:g7-industry-digital-tech-ministers-2025",
                "G7 Industry, Digital and Technology Ministers' Meeting 2025",
                "2025-12-08",
                "2025-12-09",
                "Montréal",
            ),
            ("forum:igf", "Internet Governance Forum", "meeting:igf-2006", "IGF 2006", "2006-10-30", "2006-11-02", "Athens"),
            (
                "forum:igf",
                "Internet Governance Forum",
                "meeting:igf-2023",
                "IGF 2023",
                "2023-10-08",
                "2023-10-12",
                "Kyoto International Conference Center",
            ),
            (
                "forum:wsis20-review",
                "WSIS+20 Review",
                "meeting:wsis20-high-level-meeting-2025",
                "WSIS+20 high-level meeting 2025",
                "2025-12-16",
                "2025-12-17",
                "New York",
            ),
            (
                "forum:wsis",
                "World Summit on the Information Society",
                "meeting:wsis-geneva-2003",
                "WSIS Geneva phase 2003",
                "2003-12-10",
                "2003-12-12",
                "Geneva",
            ),
            (
                "forum:wsis",
                "World Summit on the Information Society",
                "meeting:wsis-tunis-2005",
                "WSIS Tunis phase 2005",
                "2005-11-16",
                "2005-11-18",
                "Tunis",
            ),
        ],
    ),
    # Sentences per paragraph of the source (clauses counted), and which are commitments.
    (
        "statements-and-commitments-per-paragraph",
        {},
        [
            (f"{ANNEX4}-p1", 1, 3, 3),
            (f"{ANNEX4}-p2", 2, 4, 3),
            (f"{ANNEX4}-p3", 3, 2, 1),
            (f"{ANNEX4}-p4", 4, 3, 3),
            (f"{ANNEX4}-p5", 5, 4, 3),
        ],
    ),
    # The store helper's example questions, answered by hand too.
    # Statements naming each forum: all name one forum once, except WSIS+20 (¶5.1, ¶5.2); ties by IRI.
    (
        "statements-per-forum",
        {},
        [
            ("forum:wsis20-review", "WSIS+20 Review", 2, 2),
            ("actor:g7", "G7", 1, 1),
            ("forum:foc-task-force-on-internet-shutdowns", "Task Force on Internet Shutdowns", 1, 1),
            ("forum:freedom-online-coalition", "Freedom Online Coalition", 1, 1),
            ("forum:global-digital-compact", "Global Digital Compact", 1, 1),
            ("forum:igf", "Internet Governance Forum", 1, 1),
            ("forum:un-digital-cooperation-processes", "UN processes on digital cooperation", 1, 1),
            ("forum:wsis", "World Summit on the Information Society", 1, 1),
        ],
    ),
]

#: ASK questions: (question, parameters, answer).
ASK_CASES = [
    ("has-commitment-due-by", {}, True),  # 2023 and 2025 are both <= 2025
    ("has-commitment-due-by", {"year": "2023"}, True),
    ("has-commitment-due-by", {"year": "2022"}, False),
]
