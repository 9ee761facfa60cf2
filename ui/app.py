"""Composition root: QApplication, settings, the project to show, the main window.

With no file named, Aligner opens the last project (if Preferences say so and it still exists)
or the district's default project, which on the very first run is the sample district: no
dialog stands between a new user and a working window.

The desktop start (``launch``) paints the window first and opens the project right after:
opening imports SQLAlchemy, checks the schema and reads the store, which takes several times
longer than Qt needs to put a window on screen. Nothing on the path to that first paint may
import the store, numpy or matplotlib; ``tests/ui/test_app.py`` holds it so.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from aligner.config import APP_NAME, ORG_NAME
from aligner.domain.errors import AlignerError
from aligner.services.paths import data_folder, default_project_path
from ui.errors import describe, install_excepthook, log_path
from ui.files import open_with_choices
from ui.main_window import MainWindow
from ui.preferences import apply_text_scale
from ui.prompts import Prompts
from ui.session import Session
from ui.settings import AppSettings
from ui.tasks import Runner, TaskRunner

if TYPE_CHECKING:
    from aligner.services.project import Project

ORGANIZATION = ORG_NAME
APPLICATION = APP_NAME


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    return app


def _file_to_open(file: Path | None, settings: AppSettings) -> Path | None:
    """The file named, else the last one if Preferences say so; None means the default."""
    if file is None and settings.reopen_last:
        recent = settings.recent_files
        if recent and recent[0].is_file():
            return recent[0]
    return file


def _start_project(file: Path | None, settings: AppSettings, prompts: Prompts) -> Project | None:
    from aligner.services.project import Project
    from aligner.services.sample import open_or_create_default

    file = _file_to_open(file, settings)
    if file is not None:
        named = file
        return open_with_choices(prompts, lambda t, r: Project.open(named, take_over=t, recovery=r))
    return open_with_choices(prompts, lambda t, r: open_or_create_default(take_over=t, recovery=r))


def _open_project(
    file: Path | None, settings: AppSettings, prompts: Prompts, parent: QWidget | None = None
) -> Project | None:
    """The project to show; a file that cannot be opened is explained and the default opened."""
    try:
        project = _start_project(file, settings, prompts)
    except AlignerError as error:
        title, text = describe(error)
        QMessageBox.warning(parent, title, text)
        if file is None:
            return None
        project = _start_project(None, settings, prompts)
    if project is not None:
        settings.add_recent_file(project.path)
    return project


def start(
    file: Path | None, settings: AppSettings, tasks: Runner | None = None
) -> MainWindow | None:
    """Open the project, then build the window on it; None if the user chose not to open."""
    project = _open_project(file, settings, Prompts())
    if project is None:
        return None
    session = Session(project)
    window = MainWindow(session, settings, tasks)
    session.setParent(window)  # the session (and its undo stack) lives as long as the window
    return window


class AfterFirstPaint(QObject):
    """Runs ``step`` once, as soon as ``window`` has painted (or after ``fallback_ms``, for a
    window the system never paints, e.g. started minimised)."""

    def __init__(self, window: QWidget, step: Callable[[], None], fallback_ms: int = 2000):
        super().__init__(window)
        self._window = window
        self._step: Callable[[], None] | None = step
        app = QApplication.instance()
        assert app is not None
        self._app = app
        # The application's filter, not the window's: a QMainWindow covered by its children
        # gets no Paint event of its own, only they do.
        app.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self._app.removeEventFilter(self)
            # Zero delay: after this paint pass has been flushed to the screen.
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        self._app.removeEventFilter(self)
        step, self._step = self._step, None
        if step is not None:
            step()


def launch(file: Path | None, settings: AppSettings, tasks: Runner | None = None) -> MainWindow:
    """Show the window now and open the project into it right after its first paint.

    If the user chooses not to open (a lock or recovery question answered "no"), the window
    closes again.
    """
    session = Session()
    window = MainWindow(session, settings, tasks)
    session.setParent(window)
    named = _file_to_open(file, settings)
    window.show_opening((named or default_project_path()).name)
    AfterFirstPaint(window, partial(_open_into, window, file, settings))
    window.show()
    return window


def _open_into(window: MainWindow, file: Path | None, settings: AppSettings) -> None:
    if not window.isVisible():
        return  # closed before the project came: nothing to open it for
    project = _open_project(file, settings, window.prompts, window)
    if project is None:
        window.close()
        return
    window.session.attach(project)


def main(file: Path | None = None) -> int:
    app = make_application()
    settings = AppSettings(QSettings())
    if settings.text_scale != 100:
        apply_text_scale(app, settings.text_scale, app.font().pointSizeF())
    holder: list[MainWindow] = []
    install_excepthook(lambda: holder[0] if holder else None, log_path(data_folder()))
    tasks = TaskRunner()
    window = launch(file, settings, tasks)
    holder.append(window)
    try:
        return int(app.exec())
    finally:
        tasks.shutdown()
        if window.session.is_open:
            window.session.project.close()


__all__ = ["AfterFirstPaint", "launch", "main", "make_application", "start"]
