"""Core errors in plain words; unexpected exceptions logged and shown with "Copy details".

The core raises AlignerError with a code and values; this module words them for a committee
member. Anything else is a bug: it is written to a log file in the user data folder and shown
with a button that copies the details for whoever supports the district's laptops.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from aligner.domain.errors import (
    AlignerError,
    ErrorCode,
    ProjectLockedError,
    RecoveryAvailableError,
)

LOG_NAME = "aligner-errors.log"
_log = logging.getLogger("aligner.ui")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


_TITLES: dict[ErrorCode, str] = {
    ErrorCode.FILE_NOT_FOUND: "The file is not there",
    ErrorCode.NOT_SQLITE: "This is not an Aligner project",
    ErrorCode.NOT_ALIGNER: "This is not an Aligner project",
    ErrorCode.DAMAGED: "The project file is damaged",
    ErrorCode.SCHEMA_TOO_NEW: "Made by a newer Aligner",
    ErrorCode.LOCKED: "The project is in use",
    ErrorCode.RECOVERY_AVAILABLE: "Unsaved changes were found",
    ErrorCode.SAVE_FAILED: "The project could not be saved",
    ErrorCode.VALIDATION: "That value cannot be used",
    ErrorCode.NOT_FOUND: "It is no longer there",
    ErrorCode.IN_USE: "It is still in use",
    ErrorCode.COMPUTE: "The numbers cannot be worked out yet",
    ErrorCode.IMPORT_FAILED: "The file could not be imported",
}


def describe(error: AlignerError) -> tuple[str, str]:
    """(title, message) for a core error, in plain words."""
    title = _tr(_TITLES.get(error.code, "Something needs attention"))
    if isinstance(error, ProjectLockedError):
        text = _tr(
            "{user} has this project open on {host} since {since}.\n\n"
            "Open it anyway only if that copy of Aligner is no longer running."
        ).format(user=error.user, host=error.host, since=error.since)
    elif isinstance(error, RecoveryAvailableError):
        text = _tr(
            "Aligner was not closed properly last time. Changes made until {when} "
            "were not saved to the project file."
        ).format(when=error.last_change)
    elif error.code is ErrorCode.SCHEMA_TOO_NEW:
        text = _tr("{detail}\n\nInstall the newer Aligner to open it; it was not changed.").format(
            detail=error.message
        )
    else:
        message = error.message[:1].upper() + error.message[1:]
        text = message if message.endswith(".") else message + "."
    return title, text


def show_error(parent: QWidget | None, error: AlignerError) -> None:
    title, text = describe(error)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(title)
    box.exec()


def log_path(data_dir: Path) -> Path:
    return data_dir / LOG_NAME


def details_of(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def report_unexpected(parent: QWidget | None, exc: BaseException, log_file: Path) -> None:
    """Log an unexpected exception and tell the user, with a Copy details button."""
    details = details_of(exc)
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with log_file.open("a", encoding="utf-8") as handle:
            handle.write(details + "\n")
    except OSError:
        _log.exception("could not write the error log")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_tr("Something went wrong"))
    box.setAccessibleName(_tr("Something went wrong"))
    box.setText(
        _tr(
            "Aligner hit a problem it did not expect. Your last saved work is safe, and "
            "edits are kept in the working copy.\n\nThe details were written to {path}."
        ).format(path=log_file)
    )
    box.setDetailedText(details)
    copy = box.addButton(_tr("Copy details"), QMessageBox.ButtonRole.ActionRole)
    copy.setToolTip(_tr("Copy the technical details to the clipboard"))
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is copy:
        QGuiApplication.clipboard().setText(details)


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def install_excepthook(parent: Callable[[], QWidget | None], log_file: Path) -> ExceptHook:
    """Route uncaught exceptions (e.g. in slots) to the user instead of a silent traceback."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        if isinstance(exc, AlignerError):
            show_error(parent(), exc)
            return
        report_unexpected(parent(), exc, log_file)

    sys.excepthook = hook
    return previous
