"""New, Open, Save, Save As, Close and Recent files, with the core's lock and recovery choices."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from aligner.domain.errors import AlignerError, ProjectLockedError, RecoveryAvailableError
from aligner.services.paths import Recovery, default_project_path
from ui.errors import show_error
from ui.prompts import Prompts, Unsaved
from ui.session import Session
from ui.settings import AppSettings

if TYPE_CHECKING:
    # The project module imports SQLAlchemy: imported where a file is opened, so the window
    # paints first (see ui.app.launch).
    from aligner.services.project import Project

Opener = Callable[[bool, Recovery], "Project"]


def open_with_choices(prompts: Prompts, opener: Opener) -> Project | None:
    """Open through ``opener(take_over, recovery)``, asking about locks and crash leftovers.

    Returns None if the user chose not to open; other core errors propagate.
    """
    take_over, recovery = False, Recovery.ASK
    for _ in range(3):  # at most: locked, then recovery, then open
        try:
            return opener(take_over, recovery)
        except ProjectLockedError as error:
            if not prompts.take_over(error):
                return None
            take_over = True
        except RecoveryAvailableError as error:
            choice = prompts.recovery(error)
            if choice is None:
                return None
            recovery = choice
    return None


class FileController(QObject):
    """File commands of the window. Every path that replaces the project asks about unsaved work."""

    def __init__(self, session: Session, settings: AppSettings, prompts: Prompts) -> None:
        super().__init__(session)
        self.session = session
        self.settings = settings
        self.prompts = prompts

    def _show(self, error: AlignerError) -> None:
        show_error(self.prompts.widget, error)

    def maybe_keep_unsaved(self) -> bool:
        """Ask Save / Discard / Cancel if needed; True when it is fine to let the project go."""
        project = self.session.project
        if not project.is_dirty:
            return True
        answer = self.prompts.unsaved(project.path.name)
        if answer is Unsaved.CANCEL:
            return False
        if answer is Unsaved.SAVE:
            return self.save()
        return True

    def _replace(self, project: Project) -> None:
        old = self.session.project
        self.session.replace(project)
        old.close()
        self.settings.add_recent_file(project.path)

    def open_path(self, path: Path) -> bool:
        if path.resolve() == self.session.project.path.resolve():
            return True
        if not self.maybe_keep_unsaved():
            return False
        from aligner.services.project import Project

        try:
            project = open_with_choices(
                self.prompts, lambda t, r: Project.open(path, take_over=t, recovery=r)
            )
        except AlignerError as error:
            self._show(error)
            if not path.exists():
                self.settings.remove_recent_file(path)
            return False
        if project is None:
            return False
        self._replace(project)
        self.settings.set_last_dir("project", path.parent)
        return True

    def open(self) -> bool:
        path = self.prompts.open_path(self.settings.last_dir("project"))
        return self.open_path(path) if path else False

    def new(self) -> bool:
        if not self.maybe_keep_unsaved():
            return False
        name = self.prompts.district_name(self.tr("My district"))
        if name is None:
            return False
        folder = self.settings.last_dir("project") or str(Path.home())
        path = self.prompts.save_path(str(Path(folder) / f"{name}.aligner"))
        if path is None:
            return False
        from aligner.services.project import Project

        try:
            project = open_with_choices(
                self.prompts, lambda t, _r: Project.create(path, name=name, take_over=t)
            )
        except AlignerError as error:
            self._show(error)
            return False
        if project is None:
            return False
        self._replace(project)
        self.settings.set_last_dir("project", path.parent)
        return True

    def save(self) -> bool:
        try:
            self.session.project.save()
        except AlignerError as error:
            self._show(error)
            return False
        self.session.undo_stack.setClean()
        self.session.saved.emit()
        return True

    def save_as(self) -> bool:
        current = self.session.project.path
        folder = self.settings.last_dir("project") or str(current.parent)
        path = self.prompts.save_path(str(Path(folder) / current.name))
        if path is None:
            return False
        try:
            open_with_choices(
                self.prompts,
                lambda t, _r: _saved_as(self.session.project, path, t),
            )
        except AlignerError as error:
            self._show(error)
            return False
        self.settings.add_recent_file(path)
        self.settings.set_last_dir("project", path.parent)
        self.session.undo_stack.setClean()
        self.session.saved.emit()
        return True

    def close(self) -> bool:
        """Close this project and go back to the district's default project."""
        default = default_project_path()
        if self.session.project.path.resolve() == default.resolve():
            return False
        if not self.maybe_keep_unsaved():
            return False
        from aligner.services.sample import open_or_create_default

        try:
            project = open_with_choices(
                self.prompts,
                lambda t, r: open_or_create_default(take_over=t, recovery=r),
            )
        except AlignerError as error:
            self._show(error)
            return False
        if project is None:
            return False
        old = self.session.project
        self.session.replace(project)
        old.close()
        return True


def _saved_as(project: Project, path: Path, take_over: bool) -> Project:
    project.save_as(path, take_over=take_over)
    return project
