"""Composition root: QApplication, settings, the project to show, the main window.

With no file named, Aligner opens the last project (if Preferences say so and it still exists)
or the district's default project, which on the very first run is the sample district: no
dialog stands between a new user and a working window.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from aligner.config import APP_NAME, ORG_NAME
from aligner.domain.errors import AlignerError
from aligner.services.paths import data_folder
from aligner.services.project import Project
from aligner.services.sample import open_or_create_default
from ui.errors import describe, install_excepthook, log_path
from ui.files import open_with_choices
from ui.main_window import MainWindow
from ui.preferences import apply_text_scale
from ui.prompts import Prompts
from ui.session import Session
from ui.settings import AppSettings
from ui.tasks import Runner, TaskRunner

ORGANIZATION = ORG_NAME
APPLICATION = APP_NAME


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    return app


def _start_project(file: Path | None, settings: AppSettings, prompts: Prompts) -> Project | None:
    if file is None and settings.reopen_last:
        recent = settings.recent_files
        if recent and recent[0].is_file():
            file = recent[0]
    if file is not None:
        named = file
        return open_with_choices(prompts, lambda t, r: Project.open(named, take_over=t, recovery=r))
    return open_with_choices(prompts, lambda t, r: open_or_create_default(take_over=t, recovery=r))


def start(
    file: Path | None, settings: AppSettings, tasks: Runner | None = None
) -> MainWindow | None:
    """Open the project to show and build the window; None if the user chose not to open."""
    prompts = Prompts()
    try:
        project = _start_project(file, settings, prompts)
    except AlignerError as error:
        title, text = describe(error)
        QMessageBox.warning(None, title, text)
        if file is None:
            return None
        project = _start_project(None, settings, prompts)
    if project is None:
        return None
    settings.add_recent_file(project.path)
    session = Session(project)
    window = MainWindow(session, settings, tasks)
    session.setParent(window)  # the session (and its undo stack) lives as long as the window
    return window


def main(file: Path | None = None) -> int:
    app = make_application()
    settings = AppSettings(QSettings())
    if settings.text_scale != 100:
        apply_text_scale(app, settings.text_scale, app.font().pointSizeF())
    holder: list[MainWindow] = []
    install_excepthook(lambda: holder[0] if holder else None, log_path(data_folder()))
    tasks = TaskRunner()
    window = start(file, settings, tasks)
    if window is None:
        return 0
    holder.append(window)
    window.show()
    try:
        return int(app.exec())
    finally:
        tasks.shutdown()
        window.session.project.close()


__all__ = ["main", "make_application", "start"]
