"""Privacy vetting: the checklist as data, answers, the gate in the ranking, overrides, versions."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from aligner.cli import main
from aligner.config import resources_dir
from aligner.domain.errors import ValidationError
from aligner.services import audit_log, edits, privacy
from aligner.services.project import Project
from aligner.services.ranking import ranking_from


def _tool(project: Project, name: str) -> int:
    return next(t.id for t in project.tools() if t.name == name)


def test_shipped_checklist_validates() -> None:
    checklist = privacy.load_checklist()
    keys = [item.key for item in checklist.items]
    assert len(keys) == 30
    assert len(set(keys)) == len(keys)
    assert all(item.sources and all(s.strip() for s in item.sources) for item in checklist.items)
    assert all(item.guidance and item.title for item in checklist.items)
    blockers = {item.key for item in checklist.items if item.blocker}
    assert blockers == {"P03", "P05", "P06", "P07", "P08", "P13", "P17", "P20", "P23", "P26"}
    assert {item.applies_when for item in checklist.items} == {
        "always",
        "users_under_13",
        "high_stakes_use",
    }


def _raw_checklist() -> dict[str, object]:
    path = resources_dir() / privacy.CHECKLIST_FILE
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda items: items[1].update(id="P01"), "Checklist item P01: id is used twice"),
        (lambda items: items[4].update(sources=[]), "Checklist item P05: must cite"),
        (lambda items: items[7].update(blocker="yes"), "Checklist item P08: blocker"),
    ],
)
def test_a_bad_checklist_names_the_item(change, named: str) -> None:
    data = _raw_checklist()
    change(data["items"])
    with pytest.raises(ValidationError) as caught:
        privacy.parse_checklist(data)
    assert caught.value.message.startswith(named)


def test_answers_are_one_of_four_literals(sample_project: Project) -> None:
    tool = sample_project.tools()[0].id
    with pytest.raises(ValidationError, match="yes, no, unknown, na"):
        sample_project.execute(privacy.SetAnswer(tool, "P01", "maybe"))
    with sample_project.reading() as c, pytest.raises(IntegrityError):
        c.exec_driver_sql(
            "UPDATE privacy_answer SET answer = 'maybe' WHERE tool_id = ? AND item_key = 'P01'",
            (tool,),
        )
    for literal in ("yes", "no", "unknown", "na"):
        sample_project.execute(privacy.SetAnswer(tool, "P01", literal, reviewer="R"))
        assert privacy.answers(sample_project, tool)[(tool, "P01")].answer.value == literal


def test_blocker_no_blocks_in_rank_json_and_an_override_unblocks_it(
    sample_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rank", str(sample_copy), "--json"]) == 0
    tools = json.loads(capsys.readouterr().out)["tools"]
    chat = next(t for t in tools if t["name"] == "FrontDesk Chat")
    assert chat["status"] == "blocked"
    assert chat["rank"] is None
    assert chat["score"] is not None  # it keeps its score
    assert [r.split()[0] for r in chat["blocked_reasons"]] == ["P05", "P08"]
    assert "(no)" in chat["blocked_reasons"][1]
    ranked = [t for t in tools if t["status"] == "ranked"]
    assert tools.index(chat) >= len(ranked)  # listed apart, after every ranked tool

    project = Project.open(sample_copy)
    try:
        chat_id = _tool(project, "FrontDesk Chat")
        with pytest.raises(ValidationError, match="reason"):
            project.execute(privacy.override_gate(chat_id, "Dr. Amara Osei", "  "))
        project.execute(
            privacy.override_gate(
                chat_id,
                "Dr. Amara Osei",
                "Board accepted the risk for a 30-day trial",
                "2026-11-30",
            )
        )
        project.save()
        logged = audit_log.events(project, audit_log.AuditFilter(entity="gate_override"))
    finally:
        project.close()
    assert len(logged) == 1
    assert "Board accepted the risk" in logged[0].after
    assert "Dr. Amara Osei" in logged[0].after
    assert main(["rank", str(sample_copy), "--json"]) == 0
    chat = next(
        t for t in json.loads(capsys.readouterr().out)["tools"] if t["name"] == "FrontDesk Chat"
    )
    assert chat["status"] == "ranked"
    assert chat["blocked_reasons"] == []


def test_unknown_blocks_only_when_the_district_says_so(sample_project: Project) -> None:
    homelink = _tool(sample_project, "HomeLink Translate")
    assert homelink not in privacy.blocked(sample_project)
    sample_project.execute(edits.update_district(unknown_blocks=True))
    reasons = privacy.blocked(sample_project)[homelink]
    assert [r.split()[0] for r in reasons] == ["P05", "P08", "P20"]
    ranking = ranking_from(sample_project.evaluation())
    line = next(t for t in ranking.tools if t.tool_id == homelink)
    assert line.status == "blocked"
    assert line.rank is None


def test_district_edits_blockers_and_adds_its_own_items(sample_project: Project) -> None:
    mathmentor = _tool(sample_project, "MathMentor AI")
    assert mathmentor not in privacy.blocked(sample_project)
    sample_project.execute(privacy.set_blocker("P27", True))  # its bias answer is "no"
    assert privacy.blocked(sample_project)[mathmentor][0].startswith("P27")
    with pytest.raises(ValidationError, match="cite at least one source"):
        privacy.add_item("D01", "Local board approval", "Approved by the board?", [" "])
    sample_project.execute(
        privacy.add_item(
            "D01",
            "Board approval",
            "Has the board approved it?",
            ["Board policy 6163.4"],
            blocker=True,
        )
    )
    item = next(i for i in privacy.items(sample_project) if i.key == "D01")
    assert item.custom and item.blocker and item.checklist_version == privacy.DISTRICT_VERSION
    # Nobody has answered the new blocker, so with "unknown blocks" every tool stops on it.
    sample_project.execute(edits.update_district(unknown_blocks=True))
    blocked = privacy.blocked(sample_project)
    assert all(any(r.startswith("D01") for r in blocked[t.id]) for t in sample_project.tools())


def test_a_checklist_version_change_keeps_answers_and_marks_new_items_unknown(
    sample_project: Project,
) -> None:
    before = privacy.answers(sample_project)
    sample_project.execute(privacy.set_blocker("P30", True))  # a district choice to keep
    data = _raw_checklist()
    data["version"] = "2027.1"
    data["items"][0]["question"] = "Reworded: does the vendor list all data it collects?"
    data["items"].append(
        {
            "id": "P31",
            "title": "Age assurance",
            "question": "Is age assurance handled?",
            "guidance": "New in 2027.",
            "sources": ["Example source"],
            "applies_when": "always",
            "blocker": False,
        }
    )
    applied = sample_project.execute(privacy.install_checklist(privacy.parse_checklist(data)))
    after = privacy.answers(sample_project)
    tools = [t.id for t in sample_project.tools()]
    for key, answer in before.items():
        assert after[key] == answer  # same value, evidence and the version it was given to
    assert all(after[(t, "P31")].answer.value == "unknown" for t in tools)
    assert all(after[(t, "P31")].checklist_version == "2027.1" for t in tools)
    items = {i.key: i for i in privacy.items(sample_project)}
    assert items["P01"].question.startswith("Reworded")
    assert items["P30"].blocker  # the district's blocker choice survived the update
    assert privacy.installed_version(sample_project) == "2027.1"
    summary = next(s for s in privacy.summaries(sample_project) if s.tool_id == tools[0])
    assert summary.checklist_versions == ("2026.1", "2027.1")
    sample_project.execute(applied.inverse)
    assert privacy.answers(sample_project) == before


def test_summary_shows_blockers_unknowns_and_agreement(sample_project: Project) -> None:
    from datetime import date

    found = {s.tool_name: s for s in privacy.summaries(sample_project, date(2026, 12, 1))}
    assert found["FrontDesk Chat"].blockers_failed == ("P05", "P08")
    assert found["FrontDesk Chat"].blocked
    assert "does not cover AI" in found["FrontDesk Chat"].agreement_status
    assert found["HomeLink Translate"].unknowns == 6
    assert found["HomeLink Translate"].agreement_status == "none on file"
    assert found["Beacon Early Warning"].agreement_status == "expired 2026-11-15"
    assert found["LexiPath Tutor"].blockers_failed == ()


def test_answer_evidence_is_stored_and_audited(sample_project: Project) -> None:
    tool = _tool(sample_project, "PlanPal")
    sample_project.execute(
        privacy.SetAnswer(
            tool,
            "P08",
            "yes",
            evidence="No training on customer data",
            evidence_document="PlanPal DPA",
            evidence_section="§4.2",
            checked_on="2026-11-02",
            reviewer="Marcus Bell",
        )
    )
    stored = privacy.answers(sample_project, tool)[(tool, "P08")]
    assert (stored.evidence_document, stored.evidence_section, stored.checked_on) == (
        "PlanPal DPA",
        "§4.2",
        "2026-11-02",
    )
    last = audit_log.events(sample_project)[-1]
    assert (last.action, last.entity) == ("update", "privacy_answer")
    assert "§4.2" in last.after


def test_sqlite_file_holds_the_checklist(sample_copy: Path) -> None:
    connection = sqlite3.connect(sample_copy)
    try:
        count = connection.execute("SELECT count(*) FROM privacy_item").fetchone()[0]
    finally:
        connection.close()
    assert count == 30


def _blocked_in_workbook(path: Path) -> dict[str, str]:
    """Tool -> reasons from the Summary sheet's "Blocked tools" block."""
    import openpyxl

    sheet = openpyxl.load_workbook(path)["Summary"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    start = next(
        (i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith("Blocked tools")), None
    )
    found: dict[str, str] = {}
    if start is None:
        return found
    for row in rows[start + 2 :]:
        if not row[0] or str(row[0]).startswith("How the ranking"):
            break
        found[str(row[0])] = str(row[-1] or next(v for v in reversed(row) if v))
    return found


def test_blocked_tool_is_listed_apart_in_the_workbook_until_overridden(
    sample_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tmp_path / "before.xlsx"
    assert main(["export", str(sample_copy), "--xlsx", str(before)]) == 0
    blocked = _blocked_in_workbook(before)
    assert list(blocked) == ["FrontDesk Chat"]
    assert "P08" in blocked["FrontDesk Chat"] and "P05" in blocked["FrontDesk Chat"]
    project = Project.open(sample_copy)
    try:
        project.execute(
            privacy.override_gate(_tool(project, "FrontDesk Chat"), "Board", "Risk accepted")
        )
        project.save()
    finally:
        project.close()
    after = tmp_path / "after.xlsx"
    assert main(["export", str(sample_copy), "--xlsx", str(after)]) == 0
    capsys.readouterr()
    assert _blocked_in_workbook(after) == {}
    import openpyxl

    ranked = [r[0] for r in openpyxl.load_workbook(after)["Summary"].iter_rows(values_only=True)]
    assert "FrontDesk Chat" in ranked
