"""Scoring packets out to members and back: what a committee chair would check."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from aligner.cli import main
from aligner.services.edits import SetScore, add, set_recusal
from aligner.services.packets import (
    Resolution,
    import_packets,
    make_packets,
    plan_packet_import,
)
from aligner.services.project import Project

FIRST_ROW = 13  # below the intro and the five-level rubric legend


def fill(packet: Path, edits: dict[tuple[int, int], object], rationale: str = "") -> None:
    """Type into a packet as a member would: by the tool and outcome shown on each row."""
    book = openpyxl.load_workbook(packet)
    sheet = book["Scores"]
    for row in range(FIRST_ROW, sheet.max_row + 1):
        key = (sheet.cell(row, 7).value, sheet.cell(row, 8).value)
        if key in edits:
            sheet.cell(row, 5).value = edits[key]
            if rationale:
                sheet.cell(row, 6).value = rationale
    book.save(packet)


def scores_of(project: Project, member_id: int) -> dict[tuple[int, int], float | None]:
    return {(s.tool_id, s.outcome_id): s.value for s in project.scores(member_id)}


def test_packet_lists_pairs_without_recused_tools_and_locks_all_but_inputs(
    sample_project: Project, tmp_path: Path
) -> None:
    member = sample_project.members()[0]
    tool = sample_project.tools()[0]
    sample_project.execute(set_recusal(member.id, tool.id, True, "spouse works there"))
    paths = make_packets(sample_project, tmp_path)
    assert len(paths) == len(sample_project.members())
    book = openpyxl.load_workbook(paths[0])
    sheet = book["Scores"]
    assert sheet.protection.sheet
    listed = {
        (sheet.cell(r, 7).value, sheet.cell(r, 8).value)
        for r in range(FIRST_ROW, sheet.max_row + 1)
        if sheet.cell(r, 7).value is not None
    }
    others = [t for t in sample_project.tools() if t.id != tool.id]
    assert listed == {(t.id, o.id) for t in others for o in sample_project.outcomes()}
    assert not sheet.cell(FIRST_ROW, 5).protection.locked
    assert not sheet.cell(FIRST_ROW, 6).protection.locked
    assert sheet.cell(FIRST_ROW, 1).protection.locked
    assert sheet.cell(FIRST_ROW, 7).protection.locked
    assert sheet.column_dimensions["G"].hidden
    rule = sheet.data_validations.dataValidation[0]
    assert rule.formula1 == '"0,1,2,3,4"'
    assert book["_packet"].sheet_state == "veryHidden"
    assert book.properties.creator == "Aligner"


def test_round_trip_with_a_conflict_and_an_off_rubric_value(
    sample_project: Project, tmp_path: Path
) -> None:
    member = sample_project.members()[0]
    before = scores_of(sample_project, member.id)
    pairs = [(t.id, o.id) for t in sample_project.tools() for o in sample_project.outcomes()]
    scored = [p for p in pairs if before.get(p) is not None]
    blank = next(p for p in pairs if p not in before)
    changed, conflicted, off = scored[0], scored[1], scored[2]
    paths = make_packets(sample_project, tmp_path)
    packet = next(p for p in paths if f" {member.id} - " in p.name)

    # After the packet went out, the chair corrects this member's score in the app.
    store_value = 4.0 if before[conflicted] != 4.0 else 0.0
    sample_project.execute(SetScore(member.id, *conflicted, store_value))
    new_changed = 4 if before[changed] != 4 else 1
    packet_conflict = 2 if store_value != 2 else 3
    fill(packet, {changed: new_changed, blank: 3, conflicted: packet_conflict, off: 7}, "seen it")

    report = import_packets(sample_project, [packet])
    expected = dict(before)
    expected[changed] = new_changed
    expected[blank] = 3
    expected[conflicted] = store_value
    assert scores_of(sample_project, member.id) == expected
    (line,) = report.packets
    assert [(n.tool, n.outcome) for n in line.conflicts] == [_names(sample_project, conflicted)]
    assert len(line.rejected) == 1
    assert "7 is not on the rubric" in line.rejected[0].note
    assert "cell E" in line.rejected[0].place
    assert {(n.tool, n.outcome) for n in line.added} == {_names(sample_project, blank)}
    assert {(n.tool, n.outcome) for n in line.changed} == {_names(sample_project, changed)}
    text = "\n".join(report.lines())
    assert "conflict:" in text
    assert "7 is not on the rubric" in text

    # The same packet again changes nothing.
    events = sample_project.counts().audit_events
    again = import_packets(sample_project, [packet])
    assert sample_project.counts().audit_events == events
    assert not again.packets[0].added
    assert not again.packets[0].changed
    assert scores_of(sample_project, member.id) == expected

    # The user takes the packet's side of the conflict.
    import_packets(sample_project, [packet], resolution=Resolution.PACKET)
    assert scores_of(sample_project, member.id)[conflicted] == packet_conflict


def _names(project: Project, pair: tuple[int, int]) -> tuple[str, str]:
    tools = {t.id: t.name for t in project.tools()}
    outcomes = {o.id: o.name for o in project.outcomes()}
    return tools[pair[0]], outcomes[pair[1]]


def test_the_merge_is_one_undoable_step(sample_project: Project, tmp_path: Path) -> None:
    member = sample_project.members()[1]
    before = scores_of(sample_project, member.id)
    paths = make_packets(sample_project, tmp_path)
    packet = next(p for p in paths if f" {member.id} - " in p.name)
    fill(packet, dict.fromkeys(list(before)[:5], 4))
    report, command = plan_packet_import(sample_project, [packet])
    assert command is not None
    assert scores_of(sample_project, member.id) == before  # planning writes nothing
    applied = sample_project.execute(command)
    assert scores_of(sample_project, member.id) != before
    sample_project.execute(applied.inverse)
    assert scores_of(sample_project, member.id) == before
    assert report.packets[0].changed


def test_packet_from_another_project_is_refused(sample_project: Project, tmp_path: Path) -> None:
    other = Project.create(tmp_path / "other.aligner", name="Elsewhere")
    other.execute(add("member", name="Pat"))
    paths = make_packets(other, tmp_path / "out")
    other.close()
    events = sample_project.counts().audit_events
    report = import_packets(sample_project, paths)
    assert "another project" in report.packets[0].refused
    assert sample_project.counts().audit_events == events


def test_tampered_ids_refuse_the_packet(sample_project: Project, tmp_path: Path) -> None:
    packet = make_packets(sample_project, tmp_path)[0]
    book = openpyxl.load_workbook(packet)
    book["Scores"].cell(FIRST_ROW + 1, 7).value = book["Scores"].cell(FIRST_ROW, 7).value
    book["Scores"].cell(FIRST_ROW + 1, 8).value = book["Scores"].cell(FIRST_ROW, 8).value
    book.save(packet)
    report = import_packets(sample_project, [packet])
    assert f"row {FIRST_ROW + 1}" in report.packets[0].refused
    assert "identifiers" in report.packets[0].refused


def test_formula_typed_into_a_score_cell_is_rejected(
    sample_project: Project, tmp_path: Path
) -> None:
    member = sample_project.members()[0]
    packet = next(p for p in make_packets(sample_project, tmp_path) if f" {member.id} - " in p.name)
    first = next(iter(scores_of(sample_project, member.id)))
    fill(packet, {first: "=1+3"})
    assert zipfile.is_zipfile(packet)
    report = import_packets(sample_project, [packet])
    (rejected,) = report.packets[0].rejected
    assert "formula" in rejected.note


def test_cli_round_trip(
    sample_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "packets"
    assert main(["packets", str(sample_copy), "--out", str(out)]) == 0
    files = sorted(out.glob("*.xlsx"))
    assert main(["import-packets", str(sample_copy), *map(str, files)]) == 0
    printed = capsys.readouterr().out
    assert "0 added, 0 changed" in printed
