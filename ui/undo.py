"""QUndoCommand adapter over the core's commands (Orange's paint-data undo, core-owned algebra).

The core applies a command and hands back its exact inverse; this adapter only remembers which
of the two to apply next. A command runs once *before* it is pushed, so a validation error
reaches the user as a message and nothing lands on the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from aligner.services.changes import Changes

if TYPE_CHECKING:
    # Types only: the commands module imports the storage layer (SQLAlchemy), which the
    # window must not wait for before its first paint.
    from aligner.services.commands import Applied, Command

Execute = Callable[["Command"], "Applied"]
Notify = Callable[[Changes], None]


class CoreUndoCommand(QUndoCommand):
    """One edit on the undo stack: redo applies the command, undo applies its inverse."""

    def __init__(self, execute: Execute, applied: Applied, text: str, notify: Notify) -> None:
        super().__init__(text)
        self._execute = execute
        self._notify = notify
        self._inverse: Command = applied.inverse
        self._redo: Command | None = None
        self._already_applied = True
        self.changes = applied.changes
        self.created = applied.created

    def redo(self) -> None:
        if self._already_applied:
            # QUndoStack.push calls redo(); the edit was applied before pushing.
            self._already_applied = False
            self._notify(self.changes)
            return
        assert self._redo is not None
        applied = self._execute(self._redo)
        self._inverse = applied.inverse
        self._notify(applied.changes)

    def undo(self) -> None:
        applied = self._execute(self._inverse)
        # The inverse of the inverse re-creates the edit exactly, ids included.
        self._redo = applied.inverse
        self._notify(applied.changes)
