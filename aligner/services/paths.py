"""Where Aligner keeps its own files, for clients that must not reach into storage."""

from __future__ import annotations

from pathlib import Path

from aligner.storage import working_copies


def data_folder() -> Path:
    """The user data folder: default project, working copies, backups, the error log."""
    return working_copies.data_dir()
