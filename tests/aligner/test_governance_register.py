"""The data systems register, measurements, pilot ends, amendments and the actor's name."""

from __future__ import annotations

import json
from datetime import date

import pytest

from aligner.domain.errors import NotFoundError, ValidationError
from aligner.domain.governance import DueKind, Progress
from aligner.services import audit_log, data_systems, governance, monitoring
from aligner.services.commands import is_final
from aligner.services.project import Project


def _tool(project: Project, name: str) -> int:
    return next(t.id for t in project.tools() if t.name == name)


def _system(project: Project, name: str) -> int:
    return next(s.id for s in data_systems.data_systems(project) if s.name == name)


def _state(project: Project) -> tuple[object, ...]:
    return (
        data_systems.data_systems(project),
        data_systems.tool_systems(project),
        monitoring.measurements(project),
        project.tools(),
        governance.decisions(project),
        audit_log.head(project),
    )


def test_a_data_system_is_added_renamed_and_deleted_with_its_connections(
    sample_project: Project,
) -> None:
    added = sample_project.execute(
        data_systems.add_system(" Library catalogue ", "Library system", "Grace Whitfield")
    )
    library = int(added.created[0][0])
    systems = {s.name: s for s in data_systems.data_systems(sample_project)}
    assert systems["Library catalogue"].owner == "Grace Whitfield"
    sample_project.execute(data_systems.update_system(library, kind="Library (ILS)"))
    assert {s.name: s.kind for s in data_systems.data_systems(sample_project)}[
        "Library catalogue"
    ] == "Library (ILS)"

    sis = _system(sample_project, "Student information system")
    before = data_systems.tool_systems(sample_project)
    applied = sample_project.execute(data_systems.delete_system(sis))
    after = data_systems.tool_systems(sample_project)
    assert not any(link.system_id == sis for link in after)
    assert len(after) == len(before) - 3  # LexiPath, Beacon and HomeLink were rostered from it
    sample_project.execute(applied.inverse)
    assert data_systems.tool_systems(sample_project) == before
    assert _system(sample_project, "Student information system") == sis


@pytest.mark.parametrize(
    ("command", "field"),
    [
        (lambda p: data_systems.add_system("   ", "SIS"), "Data system name"),
        (lambda p: data_systems.add_system("Assessment platform"), "Data system name"),
        (
            lambda p: data_systems.update_system(
                _system(p, "Identity provider"), name="Family messaging"
            ),
            "Data system name",
        ),
        (lambda p: data_systems.add_system("X" * 201), "Data system name"),
        (
            lambda p: data_systems.link_tool(
                _tool(p, "PlanPal"), _system(p, "Identity provider"), "telepathy"
            ),
            "Connection how",
        ),
        (
            lambda p: data_systems.link_tool(
                _tool(p, "PlanPal"), _system(p, "Identity provider"), "sso", ["Shoe size"]
            ),
            "Connection categories",
        ),
    ],
)
def test_bad_register_input_names_the_field_and_changes_nothing(
    sample_project: Project, command, field: str
) -> None:
    before = _state(sample_project)
    with pytest.raises(ValidationError) as refused:
        sample_project.execute(command(sample_project))
    assert refused.value.field == field
    assert _state(sample_project) == before


def test_a_connection_is_made_changed_and_removed(sample_project: Project) -> None:
    planpal = _tool(sample_project, "PlanPal")
    lms = _system(sample_project, "Learning management system")
    made = sample_project.execute(
        data_systems.link_tool(planpal, lms, "sso", ["Student work", "Student name"])
    )
    link = next(
        x
        for x in data_systems.tool_systems(sample_project)
        if (x.tool_id, x.system_id)
        == (
            planpal,
            lms,
        )
    )
    assert link.how.value == "sso"
    assert link.categories == ("Student name", "Student work")  # in the schedule's order
    sample_project.execute(data_systems.link_tool(planpal, lms, "file_upload", []))
    sample_project.execute(data_systems.unlink_tool(planpal, lms))
    assert not any(x.tool_id == planpal for x in data_systems.tool_systems(sample_project))
    with pytest.raises(NotFoundError):
        sample_project.execute(data_systems.unlink_tool(planpal, lms))
    sample_project.execute(made.inverse)  # undoing the first link after it went is harmless
    logged = audit_log.events(sample_project, audit_log.AuditFilter(entity="tool_system"))
    assert [e.action for e in logged[-3:]] == ["create", "update", "delete"]


def test_a_measurement_moves_a_tool_from_no_data_to_a_status(sample_project: Project) -> None:
    lexipath = _tool(sample_project, "LexiPath Tutor")
    reading = next(o for o in sample_project.outcomes() if o.name == "Grade 3 reading proficiency")

    def line() -> Progress | None:
        found = [
            m
            for m in monitoring.monitoring(sample_project)
            if m.tool_id == lexipath and m.outcome_id == reading.id
        ]
        return found[0].progress if found else None

    assert line() is None  # never measured: no line for that outcome yet
    applied = sample_project.execute(
        monitoring.add_measurement(lexipath, reading.id, "2026-11-20", "52", "Spring benchmark")
    )
    assert line() is Progress.ON_TRACK  # baseline 48, target 60
    stored = monitoring.measurements(sample_project, lexipath)[-1]
    assert (stored.value, stored.source, stored.measured_on) == (
        52.0,
        "Spring benchmark",
        "2026-11-20",
    )
    sample_project.execute(monitoring.add_measurement(lexipath, reading.id, "2026-12-20", 47))
    assert line() is Progress.BEHIND
    sample_project.execute(
        monitoring.delete_measurement(monitoring.measurements(sample_project)[-1].id)
    )
    sample_project.execute(applied.inverse)
    assert line() is None


@pytest.mark.parametrize(
    ("tool", "day", "value", "field"),
    [
        ("MathMentor AI", "2026-11-20", 3.0, "Measurement tool"),  # a candidate
        ("LexiPath Tutor", "20 Nov", 3.0, "Measurement measured on"),
        ("LexiPath Tutor", "2026-11-20", "lots", "Measurement value"),
        ("LexiPath Tutor", "2026-11-20", "", "Measurement value"),
        ("LexiPath Tutor", None, 3.0, "Measurement measured on"),
    ],
)
def test_a_bad_measurement_names_the_field_and_changes_nothing(
    sample_project: Project, tool: str, day, value, field: str
) -> None:
    outcome = sample_project.outcomes()[0].id
    before = _state(sample_project)
    with pytest.raises(ValidationError) as refused:
        sample_project.execute(
            monitoring.add_measurement(_tool(sample_project, tool), outcome, day, value)
        )
    assert refused.value.field == field
    assert _state(sample_project) == before


def test_a_pilot_end_is_set_only_for_a_pilot_and_comes_due(sample_project: Project) -> None:
    lexipath = _tool(sample_project, "LexiPath Tutor")
    sample_project.execute(governance.SetPilotEnd(lexipath, "2026-12-10"))
    due = governance.due_list(sample_project, date(2026, 12, 20))
    ended = [d for d in due if d.kind is DueKind.PILOT_END and d.tool_id == lexipath]
    assert ended and ended[0].overdue and ended[0].due_on == "2026-12-10"
    before = _state(sample_project)
    with pytest.raises(ValidationError, match=r"^Pilot ends: .*not being piloted"):
        sample_project.execute(
            governance.SetPilotEnd(_tool(sample_project, "Beacon Early Warning"), "2027-01-01")
        )
    with pytest.raises(ValidationError, match=r"^Pilot ends: must be a date"):
        sample_project.execute(governance.SetPilotEnd(lexipath, "next June"))
    assert _state(sample_project) == before
    sample_project.execute(governance.SetPilotEnd(lexipath, None))
    due = governance.due_list(sample_project, date(2027, 12, 20))
    assert not any(d.kind is DueKind.PILOT_END and d.tool_id == lexipath for d in due)


def test_a_pilot_decision_can_set_the_pilot_end(sample_project: Project) -> None:
    math = _tool(sample_project, "MathMentor AI")
    sample_project.execute(
        governance.RecordDecision(
            math, "pilot", "2026-11-30", "Luis Ferreira", pilot_ends_on="2027-03-31"
        )
    )
    assert next(t for t in sample_project.tools() if t.id == math).pilot_ends_on == "2027-03-31"


def test_a_decision_is_final_and_corrected_by_an_amendment(sample_project: Project) -> None:
    beacon = _tool(sample_project, "Beacon Early Warning")
    original = governance.decisions(sample_project, beacon)[-1]
    command = governance.RecordDecision(
        beacon,
        "renew",
        "2026-12-01",
        "Marcus Bell",
        rationale="Review date was wrong in the minutes",
        review_on="2027-06-30",
        amends_id=original.id,
    )
    assert is_final(command)
    created = sample_project.execute(command).created[0][0]
    amendment = governance.decision(sample_project, int(created))
    assert amendment.amends_id == original.id
    assert governance.decision(sample_project, original.id).review_on == original.review_on
    # The amendment stands: its review date, not the original's, is what is due.
    due = governance.due_list(sample_project, date(2026, 12, 1))
    reviews = [d for d in due if d.kind is DueKind.DECISION_REVIEW and d.tool_id == beacon]
    assert reviews == []
    logged = audit_log.events(sample_project, audit_log.AuditFilter(entity="decision"))
    assert json.loads(logged[-1].after)["amends_id"] == original.id
    before = _state(sample_project)
    with pytest.raises(ValidationError, match="already amended by decision"):
        sample_project.execute(
            governance.RecordDecision(beacon, "renew", "2026-12-02", "M", amends_id=original.id)
        )
    chat = governance.decisions(sample_project, _tool(sample_project, "FrontDesk Chat"))[0]
    with pytest.raises(ValidationError, match=r"^Amends decision: .*another tool"):
        sample_project.execute(
            governance.RecordDecision(beacon, "renew", "2026-12-02", "M", amends_id=chat.id)
        )
    assert _state(sample_project) == before
    assert not is_final(monitoring.add_measurement(beacon, 1, "2026-12-01", 1.0))


def test_the_display_name_names_the_actor_for_the_session(sample_project: Project) -> None:
    with pytest.raises(ValidationError, match=r"^Your name"):
        governance.use_display_name(sample_project, "  ")
    governance.use_display_name(sample_project, "Priya Natarajan")
    sample_project.execute(data_systems.add_system("Cafeteria point of sale"))
    last = audit_log.events(sample_project)[-1]
    assert last.actor.endswith("(Priya Natarajan)")
