"""UI fixtures: one QApplication (pytest-qt), a main window over a copy of the sample district.

Dialogs are answered by ``ScriptedPrompts``, so file handling runs without modal windows.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from aligner.domain.errors import ProjectLockedError, RecoveryAvailableError
from aligner.services.project import Project, Recovery
from aligner.services.weighting import OutcomeTemplate
from ui.main_window import MainWindow
from ui.prompts import Prompts, Unsaved
from ui.session import Session
from ui.settings import AppSettings
from ui.tasks import ImmediateTaskRunner


class ScriptedPrompts(Prompts):
    """Answers every question from attributes a test sets; records what was asked."""

    def __init__(self) -> None:
        super().__init__(None)
        self.asked: list[str] = []
        self.path: Path | None = None
        self.name: str | None = "Test district"
        self.answer_take_over = True
        self.answer_recovery: Recovery | None = Recovery.RECOVER
        self.answer_unsaved = Unsaved.DISCARD
        self.answer_confirm = True
        self.answer_text: str | None = None
        self.answer_consensus: tuple[float, str] | None = None
        self.answer_template = ""
        self.answer_checklist: Path | None = None
        self.answer_display_name: str | None = None

    def open_path(self, folder: str) -> Path | None:
        self.asked.append("open_path")
        return self.path

    def save_path(self, suggested: str) -> Path | None:
        self.asked.append("save_path")
        return self.path

    def district_name(self, current: str) -> str | None:
        self.asked.append("district_name")
        return self.name

    def display_name(self, suggested: str) -> str | None:
        self.asked.append(f"display_name: {suggested}")
        return self.answer_display_name

    def take_over(self, error: ProjectLockedError) -> bool:
        self.asked.append("take_over")
        return self.answer_take_over

    def recovery(self, error: RecoveryAvailableError) -> Recovery | None:
        self.asked.append("recovery")
        return self.answer_recovery

    def unsaved(self, file_name: str) -> Unsaved:
        self.asked.append("unsaved")
        return self.answer_unsaved

    def confirm(self, title: str, text: str, yes: str) -> bool:
        self.asked.append(f"confirm: {text}")
        return self.answer_confirm

    def consensus(
        self, tool: str, outcome: str, current: float | None, scale: tuple[float, float]
    ) -> tuple[float, str] | None:
        self.asked.append(f"consensus: {tool} on {outcome}")
        return self.answer_consensus

    def template(self, templates: list[OutcomeTemplate]) -> OutcomeTemplate | None:
        self.asked.append("template")
        return next((t for t in templates if t.name == self.answer_template), None)

    def text(self, title: str, label: str, current: str = "") -> str | None:
        self.asked.append(f"text: {title}")
        return self.answer_text

    def checklist_path(self) -> Path | None:
        self.asked.append("checklist_path")
        return self.answer_checklist


@pytest.fixture
def ui_settings(tmp_path: Path) -> AppSettings:
    """Preferences of a user who has already confirmed their name (so no test is asked it)."""
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    settings.display_name = "Test member"
    return settings


@pytest.fixture
def session(sample_copy: Path) -> Iterator[Session]:
    project = Project.open(sample_copy)
    session = Session(project)
    yield session
    session.project.close()


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def main_window(
    qtbot: QtBot, session: Session, ui_settings: AppSettings, prompts: ScriptedPrompts
) -> Iterator[MainWindow]:
    window = MainWindow(session, ui_settings, ImmediateTaskRunner())
    window.prompts = prompts
    window.files.prompts = prompts
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window
    # Close before the session goes, so no widget outlives the project it shows.
    prompts.answer_unsaved = Unsaved.DISCARD
    window.close()
    window.deleteLater()


def type_into_cell(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex, text: str) -> None:
    """Edit one cell by keyboard: F2, replace the text, Return (the commit is queued)."""
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editors = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert editors, "F2 opened no editor"
    editor = editors[-1]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
