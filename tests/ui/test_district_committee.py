"""District and Committee pages: keyboard edits reach the project; undo and redo follow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from aligner.domain.enums import Aggregation
from aligner.services import committee
from ui.main_window import MainWindow
from ui.pages.committee import CommitteePage
from ui.pages.district import DistrictPage


def test_school_year_and_aggregation_by_keyboard(main_window: MainWindow, qtbot: QtBot) -> None:
    page = main_window.show_page("district")
    assert isinstance(page, DistrictPage)
    project = main_window.session.project
    page.school_year.setFocus()
    page.school_year.selectAll()
    qtbot.keyClicks(page.school_year, "2027-28")
    qtbot.keyClick(page.school_year, Qt.Key.Key_Tab)
    assert project.district().school_year == "2027-28"
    page.aggregation.setFocus()
    qtbot.keyClick(page.aggregation, Qt.Key.Key_Down)  # mean -> median, as "activated"
    assert project.district().aggregation is Aggregation.MEDIAN
    stack = main_window.session.undo_stack
    stack.undo()
    assert project.district().aggregation is Aggregation.MEAN
    stack.undo()
    assert project.district().school_year == "2026-27"
    assert page.school_year.text() == "2026-27"
    stack.redo()
    assert project.district().school_year == "2027-28"


def test_relabel_a_rubric_level_in_the_table(main_window: MainWindow, qtbot: QtBot) -> None:
    page = main_window.show_page("district")
    assert isinstance(page, DistrictPage)
    project = main_window.session.project
    page.rubric.setFocus()
    page.rubric.setCurrentIndex(page.rubric_model.index(3, 1))
    qtbot.keyClick(page.rubric, Qt.Key.Key_F2)
    editor = page.rubric.viewport().findChild(QLineEdit)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Convincing")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert project.district().rubric[3].label == "Convincing"
    main_window.session.undo_stack.undo()
    assert project.district().rubric[3].label == "Strong"
    main_window.session.undo_stack.redo()
    assert project.district().rubric[3].label == "Convincing"


def test_declare_a_conflict_with_space_and_see_progress(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    page = main_window.show_page("committee")
    assert isinstance(page, CommitteePage)
    project = main_window.session.project
    member = page.current_record()
    tool = project.tools()[1]
    assert (member.id, tool.id) not in committee.recusals(project)
    before = {p.member_id: p for p in committee.progress(project)}[member.id]
    page.conflicts.setFocus()
    page.conflicts.setCurrentIndex(page.conflicts_model.index(1, 0))
    qtbot.keyClick(page.conflicts, Qt.Key.Key_Space)
    assert (member.id, tool.id) in committee.recusals(project)
    after = {p.member_id: p for p in committee.progress(project)}[member.id]
    assert after.to_do == before.to_do - len(project.outcomes())
    bar = page.progress_bars[member.id]
    assert bar.maximum() == after.to_do
    assert f"{after.done} of {after.to_do} scored" in bar.format()
    main_window.session.undo_stack.undo()
    assert (member.id, tool.id) not in committee.recusals(project)
    main_window.session.undo_stack.redo()
    assert (member.id, tool.id) in committee.recusals(project)


def test_add_a_member_and_name_them(main_window: MainWindow, qtbot: QtBot) -> None:
    page = main_window.show_page("committee")
    assert isinstance(page, CommitteePage)
    project = main_window.session.project
    qtbot.keyClick(page.add_button, Qt.Key.Key_Space)
    name = page.form.editor("name")
    assert isinstance(name, QLineEdit)
    name.selectAll()
    qtbot.keyClicks(name, "Jordan Mills-Okafor")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    assert project.members()[-1].name == "Jordan Mills-Okafor"
    assert project.members()[-1].id in page.progress_bars
    main_window.session.undo_stack.undo()
    main_window.session.undo_stack.undo()
    assert "Jordan Mills-Okafor" not in {m.name for m in project.members()}


def test_score_as_this_member_opens_their_grid(main_window: MainWindow, qtbot: QtBot) -> None:
    page = main_window.show_page("committee")
    assert isinstance(page, CommitteePage)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    member = page.current_record()
    qtbot.keyClick(page.score_button, Qt.Key.Key_Space)
    assert main_window.current_page_key() == "scoring"
    scoring = main_window.pages["scoring"]
    assert scoring.member.currentData() == member.id
    assert scoring.grid_model.member_id == member.id
    assert main_window.scorer_label.text() == f"Scoring: {member.name}"
