"""Challenges and Tools pages: edit through the keyboard, check the project, undo, redo."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from aligner.domain.enums import Category
from tests.ui.conftest import ScriptedPrompts
from ui.main_window import MainWindow
from ui.pages.challenges import ChallengesPage
from ui.pages.tools import ToolsPage


def _challenges(window: MainWindow) -> ChallengesPage:
    page = window.show_page("challenges")
    assert isinstance(page, ChallengesPage)
    return page


def test_retitle_a_challenge_from_the_form_then_undo_and_redo(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    page = _challenges(main_window)
    project = main_window.session.project
    first = project.challenges()[0]
    assert page.current_record().id == first.id
    title = page.form.editor("title")
    assert isinstance(title, QLineEdit)
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Early literacy gap")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert project.challenges()[0].title == "Early literacy gap"
    stack = main_window.session.undo_stack
    assert stack.undoText() == "Change title of Early reading below grade level"
    stack.undo()
    assert project.challenges()[0].title == first.title
    assert page.form.value("title") == first.title
    stack.redo()
    assert project.challenges()[0].title == "Early literacy gap"


def test_filter_by_category_and_search(main_window: MainWindow, qtbot: QtBot) -> None:
    page = _challenges(main_window)
    combo = page.filter_combo
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(Category.EQUITY.value))
    shown = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    expected = [c.title for c in main_window.session.project.challenges() if c.category == "equity"]
    assert shown == expected and shown
    combo.setCurrentIndex(0)
    qtbot.keyClicks(page.search, "algebra")
    assert page.proxy.rowCount() == 1
    assert "Algebra" in page.proxy.index(0, 0).data()


def test_delete_names_what_goes_with_it_and_undo_restores_all(
    main_window: MainWindow, prompts: ScriptedPrompts, qtbot: QtBot
) -> None:
    page = _challenges(main_window)
    project = main_window.session.project
    before = project.counts()
    target = page.current_record()
    outcomes = [o for o in project.outcomes() if o.challenge_id == target.id]
    page.table.setFocus()
    page.delete_button.click()
    assert prompts.asked[-1].startswith(f"confirm: Delete the challenge “{target.title}”?")
    assert f"{len(outcomes)} outcomes" in prompts.asked[-1]
    assert "scores" in prompts.asked[-1]
    assert project.counts().challenges == before.challenges - 1
    main_window.session.undo_stack.undo()
    assert replace(project.counts(), audit_events=0) == replace(before, audit_events=0)
    main_window.session.undo_stack.redo()
    assert target.id not in {c.id for c in project.challenges()}


def test_add_and_duplicate_a_tool_with_keyboard(main_window: MainWindow, qtbot: QtBot) -> None:
    page = main_window.show_page("tools")
    assert isinstance(page, ToolsPage)
    project = main_window.session.project
    count = len(project.tools())
    qtbot.keyClick(page.add_button, Qt.Key.Key_Space)
    assert len(project.tools()) == count + 1
    name = page.form.editor("name")
    assert isinstance(name, QLineEdit)
    assert name.hasFocus()
    name.selectAll()
    qtbot.keyClicks(name, "ReadAloud Pro")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    assert project.tools()[-1].name == "ReadAloud Pro"
    qtbot.keyClick(page.copy_button, Qt.Key.Key_Space)
    assert project.tools()[-1].name == "ReadAloud Pro (copy)"
    stack = main_window.session.undo_stack
    stack.undo()
    stack.undo()
    assert project.tools()[-1].name == "New tool"
    stack.redo()
    assert project.tools()[-1].name == "ReadAloud Pro"


def test_edit_a_cost_in_place_in_the_table(main_window: MainWindow, qtbot: QtBot) -> None:
    page = main_window.show_page("tools")
    assert isinstance(page, ToolsPage)
    project = main_window.session.project
    tool = project.tools()[0]
    column = [f.name for f in page.columns].index("annual_cost")
    row = page.proxy.mapFromSource(page.model.index(page.model.row_of(tool.id), column))
    page.table.setCurrentIndex(row)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = page.table.viewport().findChild(QLineEdit)
    assert isinstance(editor, QLineEdit), QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "12500")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on Return through a queued call
    assert project.tools()[0].annual_cost == 12500
    main_window.session.undo_stack.undo()
    assert project.tools()[0].annual_cost == tool.annual_cost
