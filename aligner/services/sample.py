"""The embedded sample district: fictional, deterministic, realistic in shape.

Riverbend Unified is made up. Its people are made up. No student data, only the committee's
judgements. The scores come from a fixed seed so every run, test and screenshot sees the same.
"""

from __future__ import annotations

import random
from pathlib import Path

from aligner.domain.enums import Category, Direction, ToolStatus
from aligner.services import edits
from aligner.services.commands import Batch
from aligner.services.project import Project, Recovery, default_project_path

SAMPLE_NAME = "Riverbend Unified School District (sample)"

#: (title, category, weight, description, outcomes as (name, metric, unit, baseline, target,
#: direction, weight))
CHALLENGES = (
    (
        "Early reading below grade level",
        Category.STUDENT_ACHIEVEMENT,
        30,
        "Only 48% of third graders read at grade level on the spring benchmark.",
        (
            (
                "Grade 3 reading proficiency",
                "Share at or above benchmark, spring",
                "%",
                48,
                60,
                Direction.HIGHER,
                3,
            ),
            (
                "Reading growth, grades K-3",
                "Median growth percentile, fall to spring",
                "percentile",
                44,
                55,
                Direction.HIGHER,
                2,
            ),
        ),
    ),
    (
        "Algebra I failure rate",
        Category.STUDENT_ACHIEVEMENT,
        20,
        "One in four ninth graders fails Algebra I the first time.",
        (
            (
                "Algebra I pass rate",
                "First-attempt course pass rate",
                "%",
                74,
                85,
                Direction.HIGHER,
                3,
            ),
            (
                "Math practice completion",
                "Assigned practice sets completed",
                "%",
                52,
                70,
                Direction.HIGHER,
                1,
            ),
        ),
    ),
    (
        "Teacher time lost to paperwork",
        Category.TEACHER_PRODUCTIVITY,
        15,
        "Teachers report 6 hours a week on planning paperwork and written feedback.",
        (
            (
                "Teacher hours saved per week",
                "Self-reported hours saved, survey",
                "h/week",
                0,
                3,
                Direction.HIGHER,
                2,
            ),
            (
                "Feedback turnaround",
                "Days from submission to written feedback",
                "days",
                9,
                4,
                Direction.LOWER,
                1,
            ),
            (
                "Teacher satisfaction with tools",
                "Agree on survey item",
                "%",
                41,
                65,
                Direction.HIGHER,
                1,
            ),
        ),
    ),
    (
        "Chronic absenteeism",
        Category.EQUITY,
        15,
        "21% of students miss 10% or more of school days, concentrated in two schools.",
        (
            (
                "Chronic absenteeism rate",
                "Students missing 10%+ of days",
                "%",
                21,
                15,
                Direction.LOWER,
                3,
            ),
            (
                "Early-warning flags acted on",
                "Flags with a documented contact within 5 days",
                "%",
                35,
                80,
                Direction.HIGHER,
                1,
            ),
        ),
    ),
    (
        "Families who do not get messages in their language",
        Category.EQUITY,
        10,
        "Notices reach Spanish, Vietnamese and Somali-speaking families days late.",
        (
            (
                "Days to translate family messages",
                "Median days from draft to translated send",
                "days",
                4,
                1,
                Direction.LOWER,
                2,
            ),
            (
                "Family contact rate",
                "Families reached at least monthly",
                "%",
                63,
                85,
                Direction.HIGHER,
                1,
            ),
        ),
    ),
    (
        "Operations: buses and front offices",
        Category.OPERATIONAL_EFFICIENCY,
        10,
        "Late buses and phone queues take staff time every morning.",
        (
            (
                "On-time bus arrivals",
                "Routes arriving before the bell",
                "%",
                86,
                95,
                Direction.HIGHER,
                2,
            ),
            (
                "Help-desk tickets closed same day",
                "Front-office requests closed same day",
                "%",
                58,
                80,
                Direction.HIGHER,
                1,
            ),
            (
                "Transport cost per route",
                "Annual cost per route",
                "$",
                61000,
                56000,
                Direction.LOWER,
                1,
            ),
        ),
    ),
)

#: (name, vendor, purpose, annual cost, per student, served, status, owner, strengths by challenge)
TOOLS = (
    (
        "LexiPath Tutor",
        "Northwind Learning",
        "AI reading tutor for grades K-3",
        84000,
        28.0,
        3000,
        ToolStatus.PILOTING,
        "Dr. Amara Osei",
        (3.6, 1.2, 0.8, 0.9, 0.3, 0.1),
    ),
    (
        "MathMentor AI",
        "Quadrant Ed",
        "Adaptive algebra practice with hints",
        52000,
        26.0,
        2000,
        ToolStatus.CANDIDATE,
        "Luis Ferreira",
        (0.8, 3.4, 1.1, 0.9, 0.2, 0.1),
    ),
    (
        "DraftWise Feedback",
        "Inkwell Labs",
        "Writing feedback drafts for teachers to edit",
        39000,
        6.5,
        6000,
        ToolStatus.CANDIDATE,
        "Grace Whitfield",
        (1.6, 0.6, 3.2, 0.4, 0.5, 0.2),
    ),
    (
        "PlanPal",
        "Lessonly Co.",
        "Lesson planning assistant aligned to state standards",
        21000,
        3.5,
        6000,
        ToolStatus.CANDIDATE,
        "Grace Whitfield",
        (1.0, 1.1, 3.0, 0.3, 0.2, 0.3),
    ),
    (
        "Beacon Early Warning",
        "Clearsight Analytics",
        "Attendance and risk early-warning",
        47000,
        4.7,
        10000,
        ToolStatus.ADOPTED,
        "Marcus Bell",
        (0.9, 1.0, 0.7, 3.5, 1.0, 0.8),
    ),
    (
        "HomeLink Translate",
        "Polyglot Schools",
        "Family message translation and delivery",
        18000,
        1.8,
        10000,
        ToolStatus.CANDIDATE,
        "Rosa Delgado",
        (0.4, 0.2, 1.2, 1.8, 3.7, 1.2),
    ),
    (
        "RouteSmart",
        "Fleetwise",
        "Bus route optimisation",
        36000,
        3.6,
        10000,
        ToolStatus.CANDIDATE,
        "Marcus Bell",
        (0.1, 0.1, 0.3, 1.4, 0.3, 3.5),
    ),
    (
        "FrontDesk Chat",
        "Helio Bots",
        "Front-office chatbot for families",
        15000,
        1.5,
        10000,
        ToolStatus.CANDIDATE,
        "Rosa Delgado",
        (0.2, 0.1, 0.9, 0.8, 2.0, 2.9),
    ),
)

MEMBERS = (
    ("Dr. Amara Osei", "Chair, Assistant Superintendent for Curriculum"),
    ("Luis Ferreira", "Secondary math teacher"),
    ("Grace Whitfield", "Elementary literacy coach"),
    ("Marcus Bell", "Director of Technology"),
    ("Rosa Delgado", "Family engagement coordinator"),
)

#: Each member's lean: some score generously, some sternly.
BIASES = (0.0, -0.4, 0.3, 0.2, -0.2)

RATIONALES = (
    "Vendor case study from a similar district; small sample.",
    "Saw it in the demo; the teacher view is clear.",
    "No independent evidence yet.",
    "Our pilot classrooms showed gains against baseline.",
    "Fits the problem, but rollout effort is high.",
)


def build_sample(project: Project) -> None:
    """Fill an empty project with the sample district."""
    rng = random.Random(2026)
    project.execute(edits.update_district(name=SAMPLE_NAME, school_year="2026-27", is_sample=True))
    outcome_ids: list[tuple[int, int]] = []  # (challenge index, outcome id)
    for c_index, (title, category, weight, description, outcomes) in enumerate(CHALLENGES):
        applied = project.execute(
            edits.add(
                "challenge",
                title=title,
                category=category,
                weight=weight,
                description=description,
                priority=3 if weight < 20 else 5,
            )
        )
        challenge_id = applied.created[0][0]
        for name, metric, unit, baseline, target, direction, o_weight in outcomes:
            created = project.execute(
                edits.add(
                    "outcome",
                    challenge_id=challenge_id,
                    name=name,
                    metric=metric,
                    unit=unit,
                    baseline=baseline,
                    target=target,
                    direction=direction,
                    weight=o_weight,
                )
            )
            outcome_ids.append((c_index, created.created[0][0]))
    tool_ids = []
    for name, vendor, purpose, annual, per_student, served, status, owner, _ in TOOLS:
        created = project.execute(
            edits.add(
                "tool",
                name=name,
                vendor=vendor,
                purpose=purpose,
                annual_cost=annual,
                cost_per_student=per_student,
                students_served=served,
                status=status,
                owner=owner,
            )
        )
        tool_ids.append(created.created[0][0])
    member_ids = [
        project.execute(edits.add("member", name=n, role=r)).created[0][0] for n, r in MEMBERS
    ]
    # The literacy coach advises LexiPath's vendor: a declared conflict of interest.
    project.execute(
        edits.set_recusal(member_ids[2], tool_ids[0], True, "Paid advisory role with the vendor")
    )
    commands = []
    for m_index, member_id in enumerate(member_ids):
        for t_index, tool_id in enumerate(tool_ids):
            strengths = TOOLS[t_index][8]
            for c_index, outcome_id in outcome_ids:
                draw = rng.random()
                if draw < 0.06:
                    continue  # not scored yet
                if draw < 0.09:
                    commands.append(edits.SetScore(member_id, tool_id, outcome_id, None, True))
                    continue
                value = strengths[c_index] + BIASES[m_index] + rng.gauss(0, 0.6)
                rationale = RATIONALES[rng.randrange(len(RATIONALES))] if rng.random() < 0.3 else ""
                commands.append(
                    edits.SetScore(
                        member_id,
                        tool_id,
                        outcome_id,
                        float(min(4, max(0, round(value)))),
                        rationale=rationale,
                    )
                )
    project.execute(Batch(tuple(commands), "Sample scores"))
    from aligner.services.sample_governance import build_governance  # builds on this module

    build_governance(project)


def write_sample(path: Path) -> None:
    """Write the sample district to ``path`` as a saved, closed project."""
    project = Project.create(path, name=SAMPLE_NAME, school_year="2026-27")
    try:
        build_sample(project)
        project.save()
    finally:
        project.close()


def open_or_create_default(
    *, take_over: bool = False, recovery: Recovery = Recovery.ASK
) -> Project:
    """Open the default project; on the very first run it is a copy of the sample district."""
    path = default_project_path()
    if not path.exists():
        write_sample(path)
    return Project.open(path, take_over=take_over, recovery=recovery)
