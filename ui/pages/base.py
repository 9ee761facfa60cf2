"""What every page is: a widget over the session that refreshes from change summaries."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from aligner.domain.errors import AlignerError
from aligner.services.changes import Changes
from ui.errors import show_error
from ui.session import Session
from ui.settings import AppSettings

if TYPE_CHECKING:
    # Types only: the commands module imports SQLAlchemy, kept off the first-paint path.
    from aligner.services.commands import Applied, Command


class Page(QWidget):
    """Base of the sidebar pages.

    Subclasses build their widgets in ``__init__`` and fill them in ``reload``; ``refresh``
    gets each change summary and should reload only what it names. The window calls
    ``reload`` once the page is built and again whenever another project is opened.
    """

    def __init__(self, session: Session, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.settings = settings
        session.changed.connect(self._on_changed)
        session.project_replaced.connect(self.reload)

    def reload(self) -> None:
        """Read everything the page shows from the project again."""

    def refresh(self, changes: Changes) -> None:
        """Bring the page up to date after an edit; by default, reload it all."""
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        self.refresh(changes)

    def push(self, command: Command, text: str | None = None) -> Applied | None:
        """Apply an undoable edit; show a plain-words message and return None if refused."""
        try:
            return self.session.push(command, text)
        except AlignerError as error:
            show_error(self, error)
            return None

    def push_built(self, build: Callable[[], Command], text: str | None = None) -> Applied | None:
        """Like ``push`` for a command built from form values, which may itself refuse them."""
        try:
            command = build()
        except AlignerError as error:
            show_error(self, error)
            return None
        return self.push(command, text)

    def save_state(self) -> None:
        """Store splitter and column layout in the settings (called when the window closes)."""


class PlaceholderPage(Page):
    """Stands in for a page another part of the work has not delivered yet."""

    def __init__(
        self,
        session: Session,
        settings: AppSettings,
        title: str,
        parent: QWidget | None = None,
    ):
        super().__init__(session, settings, parent)
        layout = QVBoxLayout(self)
        label = QLabel(
            self.tr("The {title} page is coming in a later version.").format(title=title)
        )
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addStretch(1)
