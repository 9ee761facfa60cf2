"""File > Export transparency page: the families' page, written by the same service as the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from aligner.domain.errors import AlignerError
from ui.actions import ActionId
from ui.errors import show_error


def _tr(text: str) -> str:
    return QCoreApplication.translate("Transparency", text)


def export(window: Any, path: Path | None = None) -> Path | None:
    """Write the page to ``path`` (asked for when None); return where it went."""
    if path is None:
        suggested = str(window.session.project.path.with_name("AI tools in our schools.html"))
        name, _ = QFileDialog.getSaveFileName(
            window, _tr("Export transparency page"), suggested, _tr("Web pages (*.html)")
        )
        if not name:
            return None
        path = Path(name)
    # Imported on use: the page writer pulls in the store, kept off the first-paint path.
    from aligner.services import transparency

    try:
        transparency.write(window.session.project, path)
    except (AlignerError, OSError) as error:
        message = error if isinstance(error, AlignerError) else AlignerError(str(error))
        show_error(window, message)
        return None
    window.statusBar().showMessage(_tr("Transparency page written to {path}").format(path=path))
    return path


def install(window: Any) -> None:
    window.registry[ActionId.EXPORT_TRANSPARENCY].triggered.connect(lambda: export(window))
