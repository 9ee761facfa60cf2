"""The district's checklist: audience-bound items, versions, own items, migrated files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aligner.config import resources_dir
from aligner.domain.errors import ValidationError
from aligner.services import audit_log, edits, privacy
from aligner.services.project import Project

SCHEMA_2 = Path(__file__).parents[1] / "reliability" / "fixtures" / "schema-2.aligner"


def _tool(project: Project, name: str) -> int:
    return next(t.id for t in project.tools() if t.name == name)


def _snapshot(project: Project) -> tuple[object, ...]:
    return (
        privacy.items(project),
        privacy.answers(project),
        project.tools(),
        privacy.agreements(project),
    )


def test_a_coppa_item_does_not_block_a_high_school_only_tool(sample_project: Project) -> None:
    math = _tool(sample_project, "MathMentor AI")  # grades 9-10: not used by under-13s
    assert sample_project.tools()[1].users_under_13 is False
    sample_project.execute(privacy.SetAnswer(math, "P13", "no", reviewer="Marcus Bell"))
    assert math not in privacy.blocked(sample_project)
    summary = next(s for s in privacy.summaries(sample_project) if s.tool_id == math)
    assert summary.blockers_failed == ()
    assert summary.items == 27  # neither P13, P14 (under 13) nor P26 (high stakes) applies
    # Once the committee says younger students use it, the same "no" blocks it ...
    applied = sample_project.execute(edits.update("tool", math, users_under_13=True))
    assert privacy.blocked(sample_project)[math][0].startswith("P13")
    sample_project.execute(applied.inverse)
    assert math not in privacy.blocked(sample_project)
    # ... and so it does while nobody has said who the tool serves: silence lifts no block.
    sample_project.execute(edits.update("tool", math, users_under_13=None))
    assert privacy.blocked(sample_project)[math][0].startswith("P13")


def test_a_high_stakes_item_blocks_only_high_stakes_tools(sample_project: Project) -> None:
    beacon = _tool(sample_project, "Beacon Early Warning")
    planpal = _tool(sample_project, "PlanPal")
    for tool in (beacon, planpal):
        sample_project.execute(privacy.SetAnswer(tool, "P26", "no"))
    blocked = privacy.blocked(sample_project)
    assert [r.split()[0] for r in blocked[beacon]] == ["P26"]
    assert planpal not in blocked


def test_the_gate_agrees_in_the_ranking(sample_project: Project) -> None:
    from aligner.services.ranking import ranking_from

    math = _tool(sample_project, "MathMentor AI")
    sample_project.execute(privacy.SetAnswer(math, "P13", "no"))
    line = next(t for t in ranking_from(sample_project.evaluation()).tools if t.tool_id == math)
    assert line.status == "ranked"


def test_audience_must_be_yes_no_or_not_stated(sample_project: Project) -> None:
    with pytest.raises(ValidationError) as caught:
        edits.update("tool", 1, users_under_13="sometimes")
    assert caught.value.message.startswith("Tool users under 13")


def _newer(version: str, items: list[dict[str, object]] | None = None) -> privacy.Checklist:
    data = json.loads((resources_dir() / privacy.CHECKLIST_FILE).read_text(encoding="utf-8"))
    data["version"] = version
    data["items"].extend(items or [])
    return privacy.parse_checklist(data)


def test_an_older_checklist_is_refused_and_changes_nothing(sample_project: Project) -> None:
    before = _snapshot(sample_project)
    with pytest.raises(ValidationError) as caught:
        sample_project.execute(privacy.install_checklist(_newer("2025.4")))
    assert caught.value.field == "Checklist version"
    assert "older than the installed 2026.1" in caught.value.message
    assert _snapshot(sample_project) == before


def test_versions_order_as_people_read_them() -> None:
    assert privacy.version_key("2026.10") > privacy.version_key("2026.9")
    assert privacy.version_key("2027.1") > privacy.version_key("2026.12")


def test_a_district_item_with_a_shipped_id_is_refused(sample_project: Project) -> None:
    own = privacy.add_item("P31", "Board approval", "Approved?", ["Board policy 6163.4"])
    sample_project.execute(own)
    newer = _newer(
        "2027.1",
        items=[
            {
                "id": "P31",
                "title": "Age assurance",
                "question": "Is age assurance handled?",
                "guidance": "New.",
                "sources": ["Example"],
                "blocker": False,
            }
        ],
    )
    before = _snapshot(sample_project)
    with pytest.raises(ValidationError, match="own item with this id"):
        sample_project.execute(privacy.install_checklist(newer))
    assert _snapshot(sample_project) == before
    with pytest.raises(ValidationError) as caught:
        sample_project.execute(privacy.add_item("P01", "Again", "Again?", ["Somewhere"]))
    assert caught.value.field == "Item id"
    assert "already on the checklist" in caught.value.message


def test_only_the_districts_own_items_can_be_removed(sample_project: Project) -> None:
    with pytest.raises(ValidationError, match="ships with the checklist"):
        sample_project.execute(privacy.RemoveItem("P01"))
    sample_project.execute(
        privacy.add_item("D01", "Board approval", "Approved?", ["Board policy"], blocker=True)
    )
    tool = sample_project.tools()[0].id
    sample_project.execute(privacy.SetAnswer(tool, "D01", "yes", reviewer="Rosa Delgado"))
    before = _snapshot(sample_project)
    removed = sample_project.execute(privacy.RemoveItem("D01"))
    assert "D01" not in {i.key for i in privacy.items(sample_project)}
    assert (tool, "D01") not in privacy.answers(sample_project)
    sample_project.execute(removed.inverse)
    assert _snapshot(sample_project) == before


def test_removing_an_agreement_is_undoable(sample_project: Project) -> None:
    lexi = _tool(sample_project, "LexiPath Tutor")
    before = privacy.agreements(sample_project)
    applied = sample_project.execute(privacy.remove_agreement(lexi))
    assert lexi not in privacy.agreements(sample_project)
    sample_project.execute(applied.inverse)
    assert privacy.agreements(sample_project) == before


def test_a_project_from_schema_2_gets_the_shipped_checklist(tmp_path: Path) -> None:
    path = tmp_path / "old.aligner"
    path.write_bytes(SCHEMA_2.read_bytes())
    project = Project.open(path)
    try:
        shipped = privacy.load_checklist()
        assert privacy.installed_version(project) == shipped.version
        assert len(privacy.items(project)) == len(shipped.items)
        installs = audit_log.events(project, audit_log.AuditFilter(entity="privacy_item"))
        assert len(installs) == len(shipped.items)
        # Nobody has said who the old tools serve, so every item applies to each of them,
        # and with "unknown blocks" on, the unanswered must-pass items stop every tool.
        assert all(t.users_under_13 is None for t in project.tools())
        assert all(s.unknowns == len(shipped.items) for s in privacy.summaries(project))
        project.execute(edits.update_district(unknown_blocks=True))
        blocked = privacy.blocked(project)
        assert set(blocked) == {t.id for t in project.tools()}
        assert {"P13", "P26"} <= {r.split()[0] for r in next(iter(blocked.values()))}
        project.save()
    finally:
        project.close()
    reopened = Project.open(path)  # now current: opening again installs nothing more
    try:
        assert len(audit_log.events(reopened, audit_log.AuditFilter(entity="privacy_item"))) == 30
    finally:
        reopened.close()
