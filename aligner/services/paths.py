"""Where Aligner keeps its own files, for clients that must not reach into storage."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from aligner.config import FILE_SUFFIX
from aligner.storage import working_copies


class Recovery(StrEnum):
    """What to do with unsaved changes a crashed session left behind.

    Defined here, not in aligner.services.project (which re-exports it), so the window can
    ask the question without importing SQLAlchemy before its first paint.
    """

    ASK = "ask"
    RECOVER = "recover"
    DISCARD = "discard"


def data_folder() -> Path:
    """The user data folder: default project, working copies, backups, the error log."""
    return working_copies.data_dir()


def default_project_path() -> Path:
    """The district's project in the user data folder, used when no file is named."""
    return working_copies.data_dir() / f"District project{FILE_SUFFIX}"
