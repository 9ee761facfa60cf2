"""The sample district's privacy vetting and governance record (fictional, deterministic).

The story: Beacon Early Warning is adopted and monitored; its agreement has lapsed and its
policy check is old. LexiPath Tutor is in a pilot. FrontDesk Chat trains its models on family
chat transcripts, so the privacy gate blocks it and the committee is retiring it; the vendor has
not yet confirmed deletion. HomeLink Translate's vetting is unfinished: several answers unknown.
"""

from __future__ import annotations

from typing import Any

from aligner.services import data_systems, edits, governance, monitoring, privacy, retirement
from aligner.services.commands import Batch, Command
from aligner.services.project import Project

REVIEWER = "Marcus Bell"

#: Tool name -> (answers that differ from "yes" as {item: (answer, evidence)}, date checked).
ANSWERS: dict[str, tuple[dict[str, tuple[str, str]], str]] = {
    "LexiPath Tutor": (
        {
            "P09": ("na", "Vendor keeps no de-identified data."),
            "P15": ("na", "No survey or wellbeing questions."),
            "P26": ("na", "Practice only; no grading or placement."),
        },
        "2026-08-01",
    ),
    "MathMentor AI": (
        {
            "P13": ("na", "Grades 9-10 only."),
            "P14": ("na", "Grades 9-10 only."),
            "P26": ("na", "Practice only."),
            "P27": ("no", "No bias testing results offered; asked again 2026-10-02."),
        },
        "2026-09-20",
    ),
    "DraftWise Feedback": ({"P15": ("na", "Writing feedback only.")}, "2026-10-01"),
    "PlanPal": (
        dict.fromkeys(
            ("P13", "P14", "P15", "P16", "P22", "P26"),
            ("na", "Teacher-only tool; no student accounts."),
        ),
        "2026-10-12",
    ),
    "Beacon Early Warning": (
        {"P27": ("unknown", "Vendor promised disparate-impact results by January.")},
        "2025-06-20",
    ),
    "HomeLink Translate": (
        {
            "P05": ("unknown", "Agreement in negotiation; vendor redlines pending."),
            "P08": ("unknown", "Policy is silent on model training; question sent 2026-11-04."),
            "P10": ("unknown", "Machine translation provider not named."),
            "P12": ("unknown", "Hosting region not stated."),
            "P20": ("unknown", "No breach deadline in the draft terms."),
            "P24": ("unknown", "Retention of message logs not stated."),
            "P13": ("na", "Messages go to parents, not students."),
            "P14": ("na", "Messages go to parents, not students."),
        },
        "2026-11-04",
    ),
    "RouteSmart": (
        {"P13": ("na", "No student accounts."), "P26": ("na", "Routing only.")},
        "2025-08-01",
    ),
    "FrontDesk Chat": (
        {
            "P05": ("no", "Standard terms predate the chatbot; vendor will not amend."),
            "P08": ("no", "Terms §7.3: conversations are used to improve the vendor's models."),
            "P10": ("no", "Model provider not disclosed."),
            "P13": ("na", "Families only."),
        },
        "2026-10-15",
    ),
}

#: Tool name -> (kind, signed, expires, covers AI features).
AGREEMENTS = {
    "LexiPath Tutor": ("NDPA v1.0 with state exhibit", "2026-08-01", "2027-07-31", True),
    "MathMentor AI": ("NDPA v1.0", "2026-09-20", "2027-12-31", True),
    "DraftWise Feedback": ("State data privacy agreement", "2026-10-01", "2028-09-30", True),
    "PlanPal": ("NDPA General Offer of Terms (Exhibit E)", "2026-10-12", "2027-06-30", True),
    "Beacon Early Warning": ("NDPA v1.0", "2024-07-01", "2026-11-15", True),
    "RouteSmart": ("State data privacy agreement", "2025-08-01", "2027-07-31", True),
    "FrontDesk Chat": ("District standard terms", "2025-09-01", "2027-08-31", False),
}

#: Tool name -> (policy version, date checked, pilot end, data categories).
FACTS: dict[str, tuple[str, str, str | None, tuple[str, ...]]] = {
    "LexiPath Tutor": (
        "v4.2 (June 2026)",
        "2026-08-01",
        "2027-01-29",
        (
            "Student name",
            "Student identifiers",
            "Enrollment",
            "Assessment",
            "Student in-app performance",
        ),
    ),
    "Beacon Early Warning": (
        "2025.3",
        "2025-06-20",
        None,
        (
            "Student name",
            "Student identifiers",
            "Attendance",
            "Conduct",
            "Demographics",
            "Enrollment",
            "Special indicator",
            "Assessment",
        ),
    ),
    "FrontDesk Chat": (
        "March 2025",
        "2026-10-15",
        None,
        (
            "Parent/guardian name",
            "Parent/guardian contact information",
            "Communications",
            "Student name",
        ),
    ),
    "HomeLink Translate": (
        "1.9",
        "2026-11-04",
        None,
        (
            "Parent/guardian name",
            "Parent/guardian contact information",
            "Communications",
            "Student name",
        ),
    ),
    "DraftWise Feedback": ("2026-05", "2026-10-01", None, ("Student name", "Student work")),
}

#: Tool name -> (used by students under 13, used for high-stakes decisions about students).
AUDIENCE = {
    "LexiPath Tutor": (True, False),
    "MathMentor AI": (False, False),
    "DraftWise Feedback": (True, False),
    "PlanPal": (False, False),
    "Beacon Early Warning": (True, True),
    "HomeLink Translate": (False, False),
    "RouteSmart": (False, False),
    "FrontDesk Chat": (False, False),
}

SYSTEMS = (
    ("Student information system", "Student information system (SIS)", "Priya Natarajan"),
    ("Learning management system", "Learning management system (LMS)", "Grace Whitfield"),
    ("Assessment platform", "Benchmark assessments", "Dr. Amara Osei"),
    ("Family messaging", "Family communications", "Rosa Delgado"),
    ("Identity provider", "Single sign-on", "Marcus Bell"),
)

#: (tool, system, how, categories that flow).
LINKS = (
    (
        "LexiPath Tutor",
        "Student information system",
        "rostering",
        ("Student name", "Student identifiers", "Enrollment"),
    ),
    ("LexiPath Tutor", "Identity provider", "sso", ("Student identifiers",)),
    ("LexiPath Tutor", "Assessment platform", "file_upload", ("Assessment",)),
    (
        "Beacon Early Warning",
        "Student information system",
        "rostering",
        (
            "Student name",
            "Student identifiers",
            "Attendance",
            "Conduct",
            "Demographics",
            "Enrollment",
            "Special indicator",
        ),
    ),
    ("Beacon Early Warning", "Assessment platform", "file_upload", ("Assessment",)),
    (
        "HomeLink Translate",
        "Student information system",
        "rostering",
        ("Parent/guardian name", "Parent/guardian contact information", "Student name"),
    ),
    ("FrontDesk Chat", "Family messaging", "file_upload", ("Parent/guardian contact information",)),
    ("DraftWise Feedback", "Learning management system", "sso", ("Student name", "Student work")),
)

#: (tool, outcome, [(date, value)], source).
MEASUREMENTS = (
    (
        "Beacon Early Warning",
        "Chronic absenteeism rate",
        (("2026-09-30", 20.4), ("2026-10-31", 19.6)),
        "SIS attendance report",
    ),
    (
        "Beacon Early Warning",
        "Early-warning flags acted on",
        (("2026-09-30", 52.0), ("2026-10-31", 47.0)),
        "Beacon contact log export",
    ),
    (
        "LexiPath Tutor",
        "Reading growth, grades K-3",
        (("2026-10-15", 46.0),),
        "Fall interim benchmark, pilot classrooms",
    ),
)


def _answers(tools: dict[str, int], keys: list[str]) -> list[Command]:
    commands: list[Command] = []
    for name, (differences, checked_on) in ANSWERS.items():
        for key in keys:
            answer, evidence = differences.get(key, ("yes", ""))
            commands.append(
                privacy.SetAnswer(
                    tools[name],
                    key,
                    answer,
                    evidence=evidence,
                    evidence_document=f"{name} privacy policy and agreement",
                    checked_on=checked_on,
                    reviewer=REVIEWER,
                )
            )
    return commands


def _decisions(project: Project, tools: dict[str, int]) -> None:
    decisions: tuple[dict[str, Any], ...] = (
        {
            "tool_id": tools["Beacon Early Warning"],
            "kind": "adopt",
            "decided_on": "2026-06-10",
            "owner": "Marcus Bell",
            "decided_by": "Technology and curriculum committee",
            "rationale": "Strongest fit for chronic absenteeism; counsellors review every flag.",
            "conditions": "Report absenteeism monthly; bias results by January.",
            "review_on": "2026-11-20",
        },
        {
            "tool_id": tools["LexiPath Tutor"],
            "kind": "pilot",
            "decided_on": "2026-09-08",
            "owner": "Dr. Amara Osei",
            "decided_by": "Technology and curriculum committee",
            "rationale": "Top of the ranking for early reading; evidence still thin locally.",
            "conditions": "Grades K-2 in four schools; voice recordings deleted after 30 days.",
            "review_on": "2027-02-01",
        },
        {
            "tool_id": tools["FrontDesk Chat"],
            "kind": "discontinue",
            "decided_on": "2026-10-20",
            "owner": "Rosa Delgado",
            "decided_by": "Technology and curriculum committee",
            "rationale": "Vendor trains its models on family conversations and will not amend.",
            "conditions": "Written confirmation of deletion of all transcripts.",
            "review_on": "2026-12-15",
        },
    )
    for values in decisions:
        project.execute(governance.RecordDecision(**values))


def build_governance(project: Project) -> None:
    tools: dict[str, int] = {t.name: t.id for t in project.tools()}
    outcomes = {o.name: o.id for o in project.outcomes()}
    keys = [item.key for item in privacy.items(project)]
    project.execute(Batch(tuple(_answers(tools, keys)), "Sample privacy answers"))
    for name, (kind, signed, expires, covers_ai) in AGREEMENTS.items():
        project.execute(
            privacy.set_agreement(
                tools[name],
                kind,
                signed_on=signed,
                expires_on=expires,
                covers_ai=covers_ai,
                document=f"Agreements/{name}.pdf",
            )
        )
    for name, (version, checked, pilot_end, categories) in FACTS.items():
        project.execute(
            edits.update(
                "tool",
                tools[name],
                policy_version=version,
                policy_checked_on=checked,
                pilot_ends_on=pilot_end,
                data_categories=list(categories),
            )
        )
    for name, (under_13, high_stakes) in AUDIENCE.items():
        project.execute(
            edits.update("tool", tools[name], users_under_13=under_13, high_stakes_use=high_stakes)
        )
    systems = {
        name: project.execute(data_systems.add_system(name, kind, owner)).created[0][0]
        for name, kind, owner in SYSTEMS
    }
    for tool, system, how, categories in LINKS:
        project.execute(data_systems.link_tool(tools[tool], systems[system], how, categories))
    _decisions(project, tools)
    project.execute(
        retirement.record_step(
            tools["FrontDesk Chat"],
            users_notified_on="2026-10-22",
            access_removed_on="2026-10-31",
            deletion_requested_on="2026-11-02",
        )
    )
    for tool, outcome, series, source in MEASUREMENTS:
        for day, value in series:
            project.execute(
                monitoring.add_measurement(tools[tool], outcomes[outcome], day, value, source)
            )
