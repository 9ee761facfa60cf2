"""Outcomes & weights: edit an outcome, add one from the K-12 library, set weights by points,
ranking and pairwise comparison; the chart follows; every step undoes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from aligner.domain.enums import WeightMethod
from tests.ui.conftest import ScriptedPrompts, type_into_cell
from ui.main_window import MainWindow
from ui.pages.outcomes import OutcomesPage
from ui.widgets.ahp_dialog import PairwiseDialog, PairwiseModel


def _page(window: MainWindow) -> OutcomesPage:
    page = window.show_page("outcomes")
    assert isinstance(page, OutcomesPage)
    return page


def _select_first_outcome(page: OutcomesPage, qtbot: QtBot) -> None:
    page.tree.setFocus()
    page.tree.setCurrentIndex(page.tree_model.index(0, 0))
    qtbot.keyClick(page.tree, Qt.Key.Key_Down)  # into the first challenge's first outcome
    assert page.selected() is not None and page.selected()[0] == "outcome"


def test_edit_an_outcome_target_by_keyboard(main_window: MainWindow, qtbot: QtBot) -> None:
    page = _page(main_window)
    project = main_window.session.project
    _select_first_outcome(page, qtbot)
    outcome = project.outcomes()[0]
    target = page.form.editor("target")
    assert isinstance(target, QLineEdit)
    target.setFocus()
    target.selectAll()
    qtbot.keyClicks(target, "65")
    qtbot.keyClick(target, Qt.Key.Key_Tab)
    assert project.outcomes()[0].target == 65
    assert main_window.session.undo_stack.undoText() == f"Change target of {outcome.name}"
    main_window.session.undo_stack.undo()
    assert project.outcomes()[0].target == outcome.target
    main_window.session.undo_stack.redo()
    assert project.outcomes()[0].target == 65


def test_add_a_common_outcome_from_the_library(
    main_window: MainWindow, prompts: ScriptedPrompts, qtbot: QtBot
) -> None:
    page = _page(main_window)
    project = main_window.session.project
    _select_first_outcome(page, qtbot)
    challenge_id = project.outcomes()[0].challenge_id
    prompts.answer_template = "Chronic absenteeism"
    qtbot.keyClick(page.template_button, Qt.Key.Key_Space)
    added = project.outcomes()
    new = [o for o in added if o.name == "Chronic absenteeism"]
    assert len(new) == 1 and new[0].challenge_id == challenge_id
    assert new[0].direction == "lower" and "10%" in new[0].metric
    assert page.selected() == ("outcome", new[0].id)
    main_window.session.undo_stack.undo()
    assert "Chronic absenteeism" not in {o.name for o in project.outcomes()}


def test_hundred_points_for_the_challenges_then_undo(main_window: MainWindow, qtbot: QtBot) -> None:
    page = _page(main_window)
    project = main_window.session.project
    panel = page.weights
    panel.show_level(None)
    panel.method.setCurrentIndex(panel.method.findData(WeightMethod.POINTS.value))
    panel.method.activated.emit(panel.method.currentIndex())
    n = len(project.challenges())
    points = [40] + [60 // (n - 1)] * (n - 1)
    points[-1] += 100 - sum(points)
    page.tabs.setCurrentIndex(1)
    for row, value in enumerate(points):
        type_into_cell(qtbot, panel.table, panel.model.index(row, 1), str(value))
    assert panel.status.text() == "100 of 100 points given"
    before = [c.weight for c in project.challenges()]
    qtbot.keyClick(panel.apply, Qt.Key.Key_Space)
    stored = [c.weight for c in project.challenges()]
    assert stored == pytest.approx([float(p) for p in points])
    assert project.district().challenge_weight_method is WeightMethod.POINTS
    main_window.session.undo_stack.undo()
    assert [c.weight for c in project.challenges()] == before
    assert project.district().challenge_weight_method is WeightMethod.DIRECT


def test_points_that_miss_100_cannot_be_applied(main_window: MainWindow) -> None:
    panel = _page(main_window).weights
    panel.show_level(None)
    panel.method.setCurrentIndex(panel.method.findData(WeightMethod.POINTS.value))
    panel.method.activated.emit(panel.method.currentIndex())
    panel.model.setData(panel.model.index(0, 1), "5")
    assert not panel.apply.isEnabled()
    assert "100" in panel.status.text() and panel.status.text().startswith("⚠")


def test_ranking_gives_rank_order_centroid_weights(main_window: MainWindow) -> None:
    page = _page(main_window)
    project = main_window.session.project
    panel = page.weights
    challenge = project.challenges()[0]
    panel.show_level(challenge.id)
    panel.method.setCurrentIndex(panel.method.findData(WeightMethod.RANKING.value))
    panel.method.activated.emit(panel.method.currentIndex())
    assert len(panel.model.items) == 2
    panel.model.setData(panel.model.index(0, 1), "2")
    panel.model.setData(panel.model.index(1, 1), "1")
    panel.apply.click()
    own = [o for o in project.outcomes() if o.challenge_id == challenge.id]
    # ROC for two criteria: 3/4 and 1/4.
    assert [o.weight for o in own] == pytest.approx([25.0, 75.0])
    assert project.challenges()[0].outcome_weight_method is WeightMethod.RANKING


def test_pairwise_matrix_fills_reciprocals_and_marks_the_judgement_to_revise(
    qtbot: QtBot,
) -> None:
    names = ["Reading", "Math", "Attendance"]
    dialog = PairwiseDialog(names, [[1.0] * 3 for _ in range(3)])
    qtbot.addWidget(dialog)
    model: PairwiseModel = dialog.model
    assert model.result is not None and model.result.consistent
    model.setData(model.index(0, 1), "3")
    assert model.index(1, 0).data().endswith("1/3")
    model.setData(model.index(1, 2), "3")
    model.setData(model.index(0, 2), "9")
    assert dialog.consistency.text().startswith("Consistency ratio 0.00: consistent")
    # Reading > Math > Attendance, but Attendance far above Reading: inconsistent.
    model.setData(model.index(0, 2), "1/9")
    assert model.result is not None and not model.result.consistent
    assert dialog.consistency.text().startswith("⚠")
    marked = [
        (r, c) for r in range(3) for c in range(3) if str(model.index(r, c).data()).startswith("⚠")
    ]
    revise = model.result.revise
    assert revise is not None
    assert (revise.row, revise.column) in marked
    assert "Revise this first" in model.index(revise.row, revise.column).data(
        Qt.ItemDataRole.ToolTipRole
    )


def test_chart_redraws_from_the_draft_weights(main_window: MainWindow, qtbot: QtBot) -> None:
    page = _page(main_window)
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.chart.figure is not None, timeout=10000)
    first = page.chart.figure
    panel = page.weights
    panel.show_level(None)
    panel.model.setData(panel.model.index(0, 1), "90")
    qtbot.waitUntil(lambda: page.chart.figure is not first, timeout=10000)
    labels = [t.get_text() for t in page.chart.figure.axes[0].get_yticklabels()]
    assert labels
