"""Scoring page: digits score and move on, A abstains, Delete clears, Enter explains; the reveal
shows the consensus view, and an agreed score needs a reason."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aligner.charts.disagreement import discuss_marks
from aligner.services.scoring import consensus_grid
from tests.ui.conftest import ScriptedPrompts
from ui.main_window import MainWindow
from ui.pages.scoring import ScoringPage


def _page(window: MainWindow, member_index: int = 1) -> ScoringPage:
    page = window.show_page("scoring")
    assert isinstance(page, ScoringPage)
    page.member.setCurrentIndex(member_index)
    page.grid.setFocus()
    return page


def _score(window: MainWindow, member_id: int, tool_id: int, outcome_id: int) -> object:
    found = [
        s
        for s in window.session.project.scores(member_id)
        if (s.tool_id, s.outcome_id) == (tool_id, outcome_id)
    ]
    return found[0] if found else None


def test_choosing_a_member_sets_who_is_scoring(main_window: MainWindow) -> None:
    page = _page(main_window, 2)
    member = main_window.session.project.members()[1]
    assert main_window.session.scorer == member.id
    assert main_window.scorer_label.text() == f"Scoring: {member.name}"
    assert page.grid_model.member_id == member.id


def test_digit_scores_the_cell_and_moves_on_then_undo_redo(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    page = _page(main_window)
    member = main_window.session.project.members()[0]
    tool, outcome = page.grid_model.tools[0], page.grid_model.outcomes[0]
    sampled = _score(main_window, member.id, tool.id, outcome.id)
    page.grid.setCurrentIndex(page.grid_model.index(0, 0))
    qtbot.keyClick(page.grid, Qt.Key.Key_1)
    score = _score(main_window, member.id, tool.id, outcome.id)
    assert score is not None and score.value == 1.0
    assert page.grid.currentIndex().column() == 1
    stack = main_window.session.undo_stack
    assert stack.undoText() == f"Score 1 for {tool.name} on {outcome.name}"
    qtbot.keyClick(page.grid, Qt.Key.Key_A)
    abstained = _score(main_window, member.id, tool.id, page.grid_model.outcomes[1].id)
    assert abstained is not None and abstained.abstained
    assert page.grid_model.index(0, 1).data() == "A"
    page.grid.setCurrentIndex(page.grid_model.index(0, 0))
    qtbot.keyClick(page.grid, Qt.Key.Key_Delete)
    assert _score(main_window, member.id, tool.id, outcome.id) is None
    stack.undo()
    assert _score(main_window, member.id, tool.id, outcome.id).value == 1.0
    stack.undo()
    stack.undo()
    assert _score(main_window, member.id, tool.id, outcome.id) == sampled
    stack.redo()
    assert _score(main_window, member.id, tool.id, outcome.id).value == 1.0


def test_a_score_off_the_rubric_is_refused(
    main_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(main_window)
    member = main_window.session.project.members()[0]
    tool, outcome = page.grid_model.tools[1], page.grid_model.outcomes[2]
    before = _score(main_window, member.id, tool.id, outcome.id)
    page.grid.setCurrentIndex(page.grid_model.index(1, 2))
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.widgets.score_grid.show_error", lambda _parent, error: shown.append(error.message)
    )
    qtbot.keyClick(page.grid, Qt.Key.Key_7)
    assert shown and "off the rubric" in shown[0]
    assert _score(main_window, member.id, tool.id, outcome.id) == before


def test_enter_adds_the_rationale(
    main_window: MainWindow, prompts: ScriptedPrompts, qtbot: QtBot
) -> None:
    page = _page(main_window)
    member = main_window.session.project.members()[0]
    page.grid.setCurrentIndex(page.grid_model.index(2, 0))
    qtbot.keyClick(page.grid, Qt.Key.Key_3)
    page.grid.setCurrentIndex(page.grid_model.index(2, 0))
    prompts.answer_text = "Pilot classrooms gained 6 points."
    qtbot.keyClick(page.grid, Qt.Key.Key_Return)
    tool, outcome = page.grid_model.tools[2], page.grid_model.outcomes[0]
    score = _score(main_window, member.id, tool.id, outcome.id)
    assert score.rationale == "Pilot classrooms gained 6 points." and score.value == 3.0
    assert "Pilot classrooms" in page.grid_model.index(2, 0).data(Qt.ItemDataRole.ToolTipRole)
    main_window.session.undo_stack.undo()
    assert _score(main_window, member.id, tool.id, outcome.id).rationale == ""


def test_rubric_levels_are_the_cells_tooltips(main_window: MainWindow) -> None:
    page = _page(main_window)
    district = main_window.session.project.district()
    tip = page.grid_model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "Challenge:" in tip
    empty = next(
        page.grid_model.index(r, c)
        for r in range(page.grid_model.rowCount())
        for c in range(page.grid_model.columnCount())
        if page.grid_model.index(r, c).data() == ""
    )
    tip = empty.data(Qt.ItemDataRole.ToolTipRole)
    for level in district.rubric:
        assert f"{level.value} = {level.label}" in tip


def test_reveal_then_agree_a_score_with_a_reason(
    main_window: MainWindow, prompts: ScriptedPrompts, qtbot: QtBot
) -> None:
    page = _page(main_window)
    qtbot.keyClick(page.reveal, Qt.Key.Key_Space)
    assert page.views.currentWidget() is page.consensus
    table = page.consensus.table
    model = page.consensus.model
    flagged = [
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.cell(model.index(r, c)).discuss
    ]
    assert flagged, "the sample district has cells members disagree on"
    assert flagged[0].data().startswith("⚑")
    assert "Discuss" in flagged[0].data(Qt.ItemDataRole.ToolTipRole)
    table.setCurrentIndex(flagged[0])
    prompts.answer_consensus = (3.0, "Agreed after the pilot data review.")
    qtbot.keyClick(table, Qt.Key.Key_Return)
    cell = model.cell(flagged[0])
    stored = consensus_grid(main_window.session.project).cells[flagged[0].row()][
        flagged[0].column()
    ]
    assert stored.consensus == 3.0 and stored.reason == "Agreed after the pilot data review."
    assert model.index(flagged[0].row(), flagged[0].column()).data() == "✓ 3"
    main_window.session.undo_stack.undo()
    again = consensus_grid(main_window.session.project).cells[flagged[0].row()]
    assert again[flagged[0].column()].consensus is None
    assert cell.consensus == 3.0
    main_window.session.undo_stack.redo()
    assert (
        consensus_grid(main_window.session.project)
        .cells[flagged[0].row()][flagged[0].column()]
        .consensus
        == 3.0
    )


def test_revealed_view_charts_the_cells_the_committee_should_discuss(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    page = _page(main_window)
    qtbot.keyClick(page.reveal, Qt.Key.Key_Space)
    model = page.consensus.model
    flagged = [
        (model.cell(model.index(r, c)).tool_id, model.cell(model.index(r, c)).outcome_id)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.cell(model.index(r, c)).discuss
    ]
    chart = page.consensus.chart
    page.consensus.tabs.setCurrentWidget(chart)
    qtbot.waitUntil(lambda: chart.figure is not None, timeout=10000)
    assert chart.figure is not None
    evaluation = main_window.session.project.evaluation()
    order = evaluation.order()
    data = evaluation.data
    charted = [
        (data.tool_ids[order[row]], data.outcome_ids[column])
        for row, column in discuss_marks(chart.figure)
    ]
    assert flagged and sorted(charted) == sorted(flagged)
