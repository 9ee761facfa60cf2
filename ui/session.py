"""The open project as the window sees it: the project, its undo stack, who is scoring.

Pages talk to the project only through a Session: they read service values from
``session.project`` and change it only with ``session.push`` (an undoable command). The session
tells every page what changed, so each refreshes only what the change summary names.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from aligner.services.changes import Changes
from aligner.services.commands import Applied, Command, is_final
from aligner.services.project import Project
from ui.undo import CoreUndoCommand

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

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self.undo_stack = QUndoStack(self)
        self._scorer: int | None = None
        #: Called before every edit (e.g. to ask who is editing, once); may be None.
        self.before_edit: Callable[[], None] | None = None

    @property
    def project(self) -> Project:
        return self._project

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
        applied = self._project.execute(command)
        if is_final(command):
            self.undo_stack.clear()
            self._notify(applied.changes)
            return applied
        undo = CoreUndoCommand(
            self._project.execute, applied, text or command.description, self._notify
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
