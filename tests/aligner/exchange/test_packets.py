"""Scoring packets out to members and back: what a committee chair would check."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from aligner.cli import main
from aligner.services.committee import progress, recusals
from aligner.services.edits import SetScore, add, set_recusal
from aligner.services.packets import (
    Resolution,
    import_packets,
    make_packets,
    plan_packet_import,
)
from aligner.services.project import Project
from aligner.services.scoring import ConsensusCell, consensus_grid

IDS_ROW = 9  # below the intro and the legend (five rubric levels and n/a)
FIRST_ROW = 13  # below the challenge, outcome and "what it measures" rows


def grid(sheet: Worksheet) -> dict[tuple[int, int], str]:
    """(tool id, outcome id) -> cell reference, found by the hidden ids as the import does."""
    outcomes = {
        sheet.cell(IDS_ROW, c).value: c
        for c in range(3, sheet.max_column + 1)
        if sheet.cell(IDS_ROW, c).value is not None
    }
    return {
        (sheet.cell(r, 1).value, outcome): sheet.cell(r, column).coordinate
        for r in range(FIRST_ROW, sheet.max_row + 1)
        if sheet.cell(r, 1).value is not None
        for outcome, column in outcomes.items()
    }


def fill(
    packet: Path,
    scores: dict[tuple[int, int], object],
    reasons: dict[tuple[int, int], object] | None = None,
) -> None:
    """Type into a packet as a member would: in the tool's row, under the outcome's column."""
    book = openpyxl.load_workbook(packet)
    for name, values in (("Scores", scores), ("Rationale", reasons or {})):
        where = grid(book[name])
        for key, value in values.items():
            book[name][where[key]].value = value
    book.save(packet)


def scores_of(project: Project, member_id: int) -> dict[tuple[int, int], float | None]:
    return {(s.tool_id, s.outcome_id): s.value for s in project.scores(member_id)}


def after_grid(project: Project) -> tuple[tuple[ConsensusCell, ...], ...]:
    return consensus_grid(project).cells


def packet_of(project: Project, folder: Path, member_id: int) -> Path:
    return next(p for p in make_packets(project, folder) if f" {member_id} - " in p.name)


def test_packet_is_a_tools_by_outcomes_grid_with_only_inputs_unlocked(
    sample_project: Project, tmp_path: Path
) -> None:
    member = sample_project.members()[0]
    recused = sample_project.tools()[0]
    sample_project.execute(set_recusal(member.id, recused.id, True, "spouse works there"))
    packet = packet_of(sample_project, tmp_path, member.id)
    book = openpyxl.load_workbook(packet)
    sheet = book["Scores"]
    tools = [t for t in sample_project.tools() if t.id != recused.id]
    outcomes = sample_project.outcomes()
    # Rows are the member's tools by name, columns the outcomes under their challenge.
    assert [sheet.cell(FIRST_ROW + i, 2).value for i in range(len(tools) + 1)] == [
        *(t.name for t in tools),
        None,
    ]
    assert [sheet.cell(IDS_ROW + 2, 3 + i).value for i in range(len(outcomes))] == [
        o.name for o in outcomes
    ]
    titles = {c.id: c.title for c in sample_project.challenges()}
    first_challenge = titles[outcomes[0].challenge_id]
    assert sheet.cell(IDS_ROW + 1, 3).value == first_challenge
    assert any(str(r).startswith("C10:") for r in sheet.merged_cells.ranges)  # spans its outcomes
    assert set(grid(sheet)) == {(t.id, o.id) for t in tools for o in outcomes}
    # Existing scores are shown where they belong.
    own = scores_of(sample_project, member.id)
    for key, ref in grid(sheet).items():
        assert sheet[ref].value == own.get(key), key
    # Only the grid cells can change; the ids are hidden.
    assert sheet.protection.sheet and book["Rationale"].protection.sheet
    assert not sheet.cell(FIRST_ROW, 3).protection.locked
    assert sheet.cell(FIRST_ROW, 2).protection.locked
    assert sheet.cell(IDS_ROW + 2, 3).protection.locked
    assert sheet.column_dimensions["A"].hidden
    assert sheet.row_dimensions[IDS_ROW].hidden
    (rule,) = sheet.data_validations.dataValidation
    assert rule.formula1 == '"0,1,2,3,4,n/a"'
    last = f"{openpyxl.utils.get_column_letter(2 + len(outcomes))}{FIRST_ROW + len(tools) - 1}"
    assert str(rule.sqref) == f"C{FIRST_ROW}:{last}"
    legend = [sheet.cell(r, 2).value for r in range(3, IDS_ROW)]
    assert legend == [
        "4  Proven here",
        "3  Strong",
        "2  Promising",
        "1  Weak",
        "0  No evidence",
        "n/a  Can't judge",
    ]
    # The Rationale sheet is the same grid, holding the member's reasons.
    reasons = book["Rationale"]
    assert grid(reasons) == grid(sheet)
    stored = {(s.tool_id, s.outcome_id): s.rationale for s in sample_project.scores(member.id)}
    for key, ref in grid(reasons).items():
        assert (reasons[ref].value or "") == stored.get(key, ""), key
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
    packet = packet_of(sample_project, tmp_path, member.id)

    # After the packet went out, the chair corrects this member's score in the app.
    store_value = 4.0 if before[conflicted] != 4.0 else 0.0
    sample_project.execute(SetScore(member.id, *conflicted, store_value))
    new_changed = 4 if before[changed] != 4 else 1
    packet_conflict = 2 if store_value != 2 else 3
    fill(
        packet,
        {changed: new_changed, blank: 3, conflicted: packet_conflict, off: 7},
        {changed: "seen it in the pilot"},
    )

    report = import_packets(sample_project, [packet])
    expected = dict(before)
    expected[changed] = new_changed
    expected[blank] = 3
    expected[conflicted] = store_value
    assert scores_of(sample_project, member.id) == expected
    reasons = {(s.tool_id, s.outcome_id): s.rationale for s in sample_project.scores(member.id)}
    assert reasons[changed] == "seen it in the pilot"
    (line,) = report.packets
    assert [(n.tool, n.outcome) for n in line.conflicts] == [_names(sample_project, conflicted)]
    (rejected,) = line.rejected
    assert "7 is not on the rubric" in rejected.note
    book = openpyxl.load_workbook(packet)
    assert rejected.place == f"sheet Scores, cell {grid(book['Scores'])[off]}"
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


def test_cant_judge_is_an_abstention_and_blank_leaves_a_score_alone(
    sample_project: Project, tmp_path: Path
) -> None:
    member = sample_project.members()[2]
    before = scores_of(sample_project, member.id)
    own = [t for t in sample_project.tools() if (member.id, t.id) not in recusals(sample_project)]
    pairs = [(t.id, o.id) for t in own for o in sample_project.outcomes()]
    blank = next(p for p in pairs if p not in before)
    scored, cleared = [p for p in pairs if before.get(p) is not None][:2]
    done_before = next(p.done for p in progress(sample_project) if p.member_id == member.id)
    counts_before = {
        (c.tool_id, c.outcome_id): c.count for row in after_grid(sample_project) for c in row
    }
    packet = packet_of(sample_project, tmp_path, member.id)
    fill(packet, {blank: "n/a", scored: "N/A", cleared: None}, {blank: "No evidence offered"})

    report = import_packets(sample_project, [packet])
    (line,) = report.packets
    assert not line.rejected and not line.conflicts
    stored = {(s.tool_id, s.outcome_id): s for s in sample_project.scores(member.id)}
    assert stored[blank].abstained and stored[blank].value is None
    assert stored[blank].rationale == "No evidence offered"
    assert stored[scored].abstained and stored[scored].value is None
    assert stored[cleared].value == before[cleared]  # a blank cell never deletes a score
    assert {(n.tool, n.outcome) for n in line.added} == {_names(sample_project, blank)}
    assert {(n.tool, n.outcome) for n in line.changed} == {_names(sample_project, scored)}
    done_after = next(p.done for p in progress(sample_project) if p.member_id == member.id)
    assert (
        done_after == done_before + 1
    )  # the abstention counts as judged, the score it replaced too
    # An abstention is not a vote: the scored cell's count drops by one, its aggregate is others'.
    counted = {
        (c.tool_id, c.outcome_id): c.count for row in after_grid(sample_project) for c in row
    }
    assert counted[scored] == counts_before[scored] - 1

    # A new packet shows n/a where the member abstained; sending it back changes nothing.
    again = packet_of(sample_project, tmp_path / "again", member.id)
    book = openpyxl.load_workbook(again)
    assert book["Scores"][grid(book["Scores"])[blank]].value == "n/a"
    events = sample_project.counts().audit_events
    second = import_packets(sample_project, [again])
    assert not second.packets[0].added and not second.packets[0].changed
    assert sample_project.counts().audit_events == events


def test_the_merge_is_one_undoable_step(sample_project: Project, tmp_path: Path) -> None:
    member = sample_project.members()[1]
    before = scores_of(sample_project, member.id)
    packet = packet_of(sample_project, tmp_path, member.id)
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


@pytest.mark.parametrize(
    ("sheet", "cell", "place"),
    [
        ("Scores", f"A{FIRST_ROW + 1}", f"sheet Scores, cell A{FIRST_ROW + 1}"),
        ("Scores", f"D{IDS_ROW}", f"sheet Scores, cell D{IDS_ROW}"),
        ("Rationale", f"A{FIRST_ROW}", f"sheet Rationale, cell A{FIRST_ROW}"),
    ],
)
def test_tampered_ids_refuse_the_packet(
    sample_project: Project, tmp_path: Path, sheet: str, cell: str, place: str
) -> None:
    packet = make_packets(sample_project, tmp_path)[0]
    book = openpyxl.load_workbook(packet)
    # A duplicated or unknown id, as a careless copy and paste would leave.
    book[sheet][cell].value = 999 if sheet == "Rationale" else book["Scores"][f"C{IDS_ROW}"].value
    book.save(packet)
    report = import_packets(sample_project, [packet])
    assert place in report.packets[0].refused
    assert "identifiers" in report.packets[0].refused


def test_formulas_in_input_cells_are_rejected_where_they_are(
    sample_project: Project, tmp_path: Path
) -> None:
    member = sample_project.members()[0]
    packet = packet_of(sample_project, tmp_path, member.id)
    first, second = list(scores_of(sample_project, member.id))[:2]
    fill(packet, {first: "=1+3"}, {second: '=HYPERLINK("http://x")'})
    assert zipfile.is_zipfile(packet)
    report = import_packets(sample_project, [packet])
    book = openpyxl.load_workbook(packet)
    notes = {n.place: n.note for n in report.packets[0].rejected}
    assert "formula" in notes[f"sheet Scores, cell {grid(book['Scores'])[first]}"]
    assert "formula" in notes[f"sheet Rationale, cell {grid(book['Rationale'])[second]}"]
    assert not report.applied


def test_cli_round_trip(
    sample_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "packets"
    assert main(["packets", str(sample_copy), "--out", str(out)]) == 0
    files = sorted(out.glob("*.xlsx"))
    assert main(["import-packets", str(sample_copy), *map(str, files)]) == 0
    printed = capsys.readouterr().out
    assert "0 added, 0 changed" in printed
