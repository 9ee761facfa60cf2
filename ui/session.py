"""The open project as the window sees it: the project, its undo stack, who is scoring.

Pages talk to the project only through a Session: they read service values from
``session.project`` and change it only with ``session.push`` (an undoable command). The session
tells every page what changed, so each refreshes only what the change summary names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from aligner.services.changes import Changes
from ui.undo import CoreUndoCommand

if TYPE_CHECKING:
    # Types only: the project modules import SQLAlchemy, which the window must not wait for
    # before its first paint (see ui.app.launch).
    from aligner.services.commands import Applied, Command
    from aligner.services.project import Project

#: Every collection at once, for a freshly opened project.
EVERYTHING = Changes(
    district=True,
    challenges=True,
    outcomes=True,
    tools=True,
    members=True,
    scores=True,
    evidence=True,
    governance=True,
    scenarios=True,
)


class Session(QObject):
    """Holds the open project; emits ``changed`` after every edit, undo and redo."""

    #: Changes of the project (an aligner.services.changes.Changes).
    changed = Signal(object)
    #: A different project is now open (New, Open, Close).
    project_replaced = Signal()
    #: The member chosen as "who is scoring" (a member id or None).
    scorer_changed = Signal(object)
    #: The project was saved to its file.
    saved = Signal()

    def __init__(self, project: Project | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self.undo_stack = QUndoStack(self)
        self._scorer: int | None = None
        #: Called before every edit (e.g. to ask who is editing, once); may be None.
        self.before_edit: Callable[[], None] | None = None

    @property
    def is_open(self) -> bool:
        """False only while the window is up and its first project is still being opened."""
        return self._project is not None

    @property
    def project(self) -> Project:
        if self._project is None:
            raise RuntimeError("no project is open yet")
        return self._project

    def attach(self, project: Project) -> None:
        """Show the first project of a window that painted before it was open.

        Only ``project_replaced`` is emitted: no page is built yet, so nothing needs the
        per-collection ``changed`` that ``replace`` sends to pages already on screen.
        """
        assert self._project is None, "attach is for the first project; use replace"
        self._project = project
        self.project_replaced.emit()

    def replace(self, project: Project) -> None:
        """Show another project; the previous one must already be closed by the caller."""
        self._project = project
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._scorer = None
        self.project_replaced.emit()
        self.changed.emit(EVERYTHING)

    def push(self, command: Command, text: str | None = None) -> Applied:
        """Apply ``command`` and put it on the undo stack. Errors propagate; nothing is pushed.

        A final command (a decision, R4.5) is applied but never offered for undo, and it clears
        the undo history: undoing an earlier edit past it would silently rewrite what the
        decision was taken on (e.g. set back the tool's status the decision moved on).
        """
        if self.before_edit is not None:
            self.before_edit()
        # Here, not at module level: the store is off the window's first-paint path.
        from aligner.services.commands import is_final

        applied = self.project.execute(command)
        if is_final(command):
            self.undo_stack.clear()
            self._notify(applied.changes)
            return applied
        undo = CoreUndoCommand(
            self.project.execute, applied, text or command.description, self._notify
        )
        self.undo_stack.push(undo)
        return applied

    def _notify(self, changes: Changes) -> None:
        self.changed.emit(changes)

    @property
    def scorer(self) -> int | None:
        return self._scorer

    def set_scorer(self, member_id: int | None) -> None:
        if member_id != self._scorer:
            self._scorer = member_id
            self.scorer_changed.emit(member_id)
