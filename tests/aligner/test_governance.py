"""Decisions with frozen rankings, what is due, monitoring, retirement, data systems."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from aligner.cli import main
from aligner.domain.enums import ToolStatus
from aligner.domain.errors import ValidationError
from aligner.domain.governance import DueKind, Progress
from aligner.services import data_systems, edits, governance, monitoring, retirement
from aligner.services.project import Project
from aligner.services.ranking import ranking_from


def _tool(project: Project, name: str) -> int:
    return next(t.id for t in project.tools() if t.name == name)


def test_due_list_finds_expired_agreement_and_overdue_review(sample_project: Project) -> None:
    beacon = _tool(sample_project, "Beacon Early Warning")
    due = governance.due_list(sample_project, date(2026, 12, 1))
    overdue = {(d.kind, d.tool_id) for d in due if d.overdue}
    assert (DueKind.AGREEMENT_EXPIRY, beacon) in overdue
    assert (DueKind.DECISION_REVIEW, beacon) in overdue
    assert (DueKind.POLICY_RECHECK, beacon) in overdue  # checked 2025-06-20, over 365 days
    # Six months earlier none of that was due yet.
    earlier = governance.due_list(sample_project, date(2026, 5, 1))
    assert not any(d.tool_id == beacon and d.kind is DueKind.AGREEMENT_EXPIRY for d in earlier)
    assert not any(d.overdue and d.kind is DueKind.DECISION_REVIEW for d in earlier)
    # The district's re-check age is a setting.
    sample_project.execute(edits.update_district(policy_recheck_days=900))
    later = governance.due_list(sample_project, date(2026, 12, 1))
    assert not any(d.kind is DueKind.POLICY_RECHECK and d.tool_id == beacon for d in later)


def test_pilot_past_its_end_is_due(sample_project: Project) -> None:
    lexipath = _tool(sample_project, "LexiPath Tutor")
    due = governance.due_list(sample_project, date(2027, 2, 5))
    assert any(d.kind is DueKind.PILOT_END and d.tool_id == lexipath and d.overdue for d in due)


def test_cli_due_prints_what_is_overdue(sample_copy: Path, capsys) -> None:
    assert main(["due", str(sample_copy), "--on", "2026-12-01"]) == 0
    out = capsys.readouterr().out
    assert "2026-11-15  OVERDUE  Beacon Early Warning: agreement expiry" in out
    with pytest.raises(SystemExit) as usage:
        main(["due", str(sample_copy), "--on", "1st December"])
    assert usage.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_a_decision_snapshot_shows_the_old_ranking_after_scores_change(
    sample_project: Project,
) -> None:
    before = ranking_from(sample_project.evaluation()).to_json()
    tool = _tool(sample_project, "MathMentor AI")
    applied = sample_project.execute(
        governance.RecordDecision(
            tool,
            "adopt",
            "2026-11-30",
            "Luis Ferreira",
            rationale="Best for algebra",
            review_on="2027-06-01",
        )
    )
    decision_id = applied.created[0][0]
    stored = next(t for t in sample_project.tools() if t.id == tool)
    assert (stored.status, stored.owner, stored.next_review) == (
        ToolStatus.ADOPTED,
        "Luis Ferreira",
        "2027-06-01",
    )
    # Every member now scores MathMentor 0 on every outcome: its live score collapses.
    members = [m.id for m in sample_project.members()]
    for outcome in sample_project.outcomes():
        for member in members:
            sample_project.execute(edits.SetScore(member, tool, outcome.id, 0.0))
    now = ranking_from(sample_project.evaluation()).to_json()
    frozen = governance.decision(sample_project, decision_id).snapshot
    assert frozen["tools"] == before["tools"]
    assert frozen["weights"] == before["weights"]
    assert frozen["tools"] != now["tools"]
    live_score = next(t["score"] for t in now["tools"] if t["id"] == tool)
    old_score = next(t["score"] for t in frozen["tools"] if t["id"] == tool)
    assert live_score == 0 and old_score > 20


def test_a_decision_needs_an_owner(sample_project: Project) -> None:
    tool = sample_project.tools()[0].id
    with pytest.raises(ValidationError, match="Accountable owner"):
        sample_project.execute(governance.RecordDecision(tool, "adopt", "2026-11-30", " "))


def test_retirement_cannot_finish_without_deletion_confirmation(sample_project: Project) -> None:
    chat = _tool(sample_project, "FrontDesk Chat")
    steps = retirement.retirements(sample_project)[chat]
    assert steps.access_removed_on == "2026-10-31" and steps.deletion_confirmed_on is None
    with pytest.raises(ValidationError, match="deletion"):
        sample_project.execute(retirement.Finish(chat, "2026-12-01"))
    sample_project.execute(retirement.record_step(chat, deletion_confirmed_on="2026-12-03"))
    with pytest.raises(ValidationError, match="evidence"):
        sample_project.execute(retirement.Finish(chat, "2026-12-04"))
    # The database holds the rule too, whatever writes to it.
    with sample_project.reading() as c, pytest.raises(IntegrityError):
        c.exec_driver_sql("UPDATE retirement SET completed_on = '2026-12-04'")
    assert next(t for t in sample_project.tools() if t.id == chat).status is (
        ToolStatus.DISCONTINUING
    )
    sample_project.execute(
        retirement.record_step(chat, deletion_evidence="Vendor letter of 2026-12-03, ref 118")
    )
    applied = sample_project.execute(retirement.Finish(chat, "2026-12-04"))
    assert next(t for t in sample_project.tools() if t.id == chat).status is (
        ToolStatus.DISCONTINUED
    )
    sample_project.execute(applied.inverse)
    assert next(t for t in sample_project.tools() if t.id == chat).status is (
        ToolStatus.DISCONTINUING
    )


def test_discontinue_decision_starts_retirement(sample_project: Project) -> None:
    route = _tool(sample_project, "RouteSmart")
    sample_project.execute(
        governance.RecordDecision(route, "discontinue", "2026-11-30", "Marcus Bell")
    )
    assert retirement.retirements(sample_project)[route].started_on == "2026-11-30"


@pytest.mark.parametrize(
    ("values", "baseline", "target", "higher", "expected"),
    [
        ([], 10.0, 20.0, True, Progress.NO_DATA),
        ([12.0, 14.0], 10.0, 20.0, True, Progress.ON_TRACK),
        ([14.0, 12.0], 10.0, 20.0, True, Progress.BEHIND),
        ([9.0], 10.0, 20.0, True, Progress.BEHIND),
        ([21.0, 20.5], 10.0, 20.0, True, Progress.ON_TRACK),  # target reached
        ([19.0], 21.0, 15.0, False, Progress.ON_TRACK),
        ([22.0], 21.0, 15.0, False, Progress.BEHIND),
    ],
)
def test_progress_against_baseline_and_target(values, baseline, target, higher, expected) -> None:
    assert monitoring.progress(values, baseline, target, higher)[0] is expected


def test_sample_monitoring(sample_project: Project) -> None:
    lines = {(m.tool_name, m.outcome_name): m for m in monitoring.monitoring(sample_project)}
    absent = lines[("Beacon Early Warning", "Chronic absenteeism rate")]
    assert absent.progress is Progress.ON_TRACK
    assert absent.points == (("2026-09-30", 20.4), ("2026-10-31", 19.6))
    assert lines[("Beacon Early Warning", "Early-warning flags acted on")].progress is (
        Progress.BEHIND
    )
    assert lines[("LexiPath Tutor", "Reading growth, grades K-3")].progress is Progress.ON_TRACK
    assert not any(name == "MathMentor AI" for name, _ in lines)  # a candidate is not monitored


def test_data_systems_and_links(sample_project: Project) -> None:
    systems = {s.name: s for s in data_systems.data_systems(sample_project)}
    assert systems["Student information system"].owner == "Priya Natarajan"
    links = data_systems.tool_systems(sample_project)
    beacon = _tool(sample_project, "Beacon Early Warning")
    sis = next(
        link
        for link in links
        if link.tool_id == beacon and link.system_id == systems["Student information system"].id
    )
    assert sis.how.value == "rostering"
    assert "Special indicator" in sis.categories
    with pytest.raises(ValidationError, match="not a student data category"):
        data_systems.link_tool(beacon, sis.system_id, "sso", ["Shoe size"])
    with pytest.raises(ValidationError, match="rostering, sso, file_upload, none"):
        data_systems.link_tool(beacon, sis.system_id, "carrier pigeon")


def test_confirmed_display_name_names_the_actor(sample_copy: Path) -> None:
    project = Project.open(sample_copy)
    try:
        assert governance.actor_needs_name(project)
        governance.confirm_actor(project, "Marcus Bell")
        project.execute(edits.update_district(name="Renamed"))
        project.save()
    finally:
        project.close()
    reopened = Project.open(sample_copy)
    try:
        assert not governance.actor_needs_name(reopened)
        assert reopened.actor.endswith("(Marcus Bell)")
    finally:
        reopened.close()
